//! Headcount: a count bound to a person noun ("5 native German speakers", "Three annotators",
//! "a team of 12", "Annotators (x20)", "Openings: 4"), never a count of data or of things drawn.

use crate::outcome::ParseOutcome;

use super::bind::{self, Head};
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labelling::{track_record, Layout, Sec};
use super::labels::LabelKey;
use super::numbers::Quant;
use super::token::Kind;

struct Candidate {
    value: i64,
    noun: String,
    at: usize,
    /// One past the last token the count was read from (its noun or label).
    end: usize,
    range: bool,
}

/// Words for staff already employed: "800 colaboradores entre designers…" is a company's size.
const STAFF: &[&str] = &[
    "employees",
    "employee",
    "staff",
    "colaboradores",
    "funcionários",
    "funcionarios",
    "empleados",
    "trabajadores",
    "mitarbeiter",
    "mitarbeitende",
    "medewerkers",
    "collaborateurs",
    "salariés",
    "people-strong",
    "strong",
];

/// Words of other languages that end a noun phrase ("entre", "de", "van"): a count never binds
/// across them.
const FOREIGN_STOP: &[&str] = &[
    "entre", "de", "da", "do", "das", "dos", "del", "en", "para", "por", "con", "com", "van",
    "der", "und", "et", "des", "du", "und", "bei", "em", "no", "na",
];

/// Key words of a line that states how many people are hired ("Vacancy: 1", "Número de
/// vacantes", "No. of posts").
const OPENING_KEYS: &[&str] = &[
    "vacancy",
    "vacancies",
    "vacante",
    "vacantes",
    "vaga",
    "vagas",
    "plaza",
    "plazas",
    "posts",
    "openings",
    "positions",
    "headcount",
    "vacatures",
];

/// [`OPENING_KEYS`] as a `match`: asked for every word of the text.
fn is_opening_key(w: &str) -> bool {
    matches!(
        w,
        "vacancy"
            | "vacancies"
            | "vacante"
            | "vacantes"
            | "vaga"
            | "vagas"
            | "plaza"
            | "plazas"
            | "posts"
            | "openings"
            | "positions"
            | "headcount"
            | "vacatures"
    )
}

/// Small number words of Spanish and Portuguese postings ("Número de vacantes: Una").
fn romance_number(w: &str) -> Option<i64> {
    Some(match w {
        "un" | "una" | "uno" | "um" | "uma" => 1,
        "dos" | "dois" | "duas" => 2,
        "tres" | "três" => 3,
        "cuatro" | "quatro" => 4,
        "cinco" => 5,
        "seis" => 6,
        "siete" | "sete" => 7,
        "ocho" | "oito" => 8,
        "nueve" | "nove" => 9,
        "diez" | "dez" => 10,
        _ => return None,
    })
}

/// Verbs that put a count of people right after them: "hiring 3 cleaners", "we are opening 500
/// slots", "zoeken 3 medewerkers", "contratamos 2 …". A `match`: it is asked for every number.
fn is_hire_verb(w: &str) -> bool {
    matches!(
        w,
        "hiring"
            | "recruiting"
            | "seeking"
            | "need"
            | "needs"
            | "opening"
            | "opens"
            | "fill"
            | "filling"
            | "recruit"
            | "hire"
            | "zoeken"
            | "zoekt"
            | "contrata"
            | "contratamos"
            | "contratan"
            | "buscan"
            | "busco"
            | "necesitamos"
            | "precisamos"
            | "recrutamos"
            | "contratando"
            | "busca"
            | "buscamos"
            | "procura"
            | "procuramos"
            | "sucht"
            | "suchen"
            | "recrute"
            | "recrutons"
    )
}

/// Nouns after a count that are not people even after a hiring verb.
const NOT_PEOPLE: &[&str] = &[
    "more",
    "new",
    "additional",
    "other",
    "of",
    "to",
    "percent",
    "times",
    "thousand",
    "million",
    "hundred",
    "plus",
    "or",
    "and",
];

fn usable(q: &Quant) -> bool {
    !q.is_money() && !q.percent && !q.compound && q.lo >= 1.0 && q.hi < 1_000_000.0
}

/// Words before a count that make it the size of a company, community or platform.
fn is_organisation_size(doc: &Doc, q: &Quant) -> bool {
    let (mut start, _) = doc.sentence(q.a);
    if doc.label_of(q.a).is_some() {
        start = start.max(
            doc.line_value_start
                .get(doc.line(q.a))
                .copied()
                .unwrap_or(0),
        );
    }
    doc.any_word(
        q.a.saturating_sub(4).max(start),
        q.a,
        &[
            "our",
            "join",
            "community",
            "network",
            "platform",
            "trusted",
            "employs",
            "employ",
            "serving",
            "serve",
            "served",
            "worldwide",
            "millions",
            "thousands",
            "already",
            "grown",
            "grew",
            "employing",
            "totaling",
            "totalling",
        ],
    ) || doc.any_word(
        q.a.saturating_sub(7).max(start),
        q.a,
        &["paid", "helped", "onboarded"],
    ) || (doc.is(q.a.wrapping_sub(1), "now")
        && doc.is_any(q.a.wrapping_sub(2), &["are", "is", "we're", "team"]))
}

/// The count on a line that states openings: "Vacancy: 1", "Vagas: 3", or a table whose key cell
/// ("Número de vacantes") sits on the line above its value ("Una").
fn labelled_openings(doc: &Doc, found: &mut Vec<Candidate>) {
    let n = doc.toks.len();
    let mut i = 0;
    let mut prev_key: Option<usize> = None;
    let mut words: Vec<usize> = Vec::new();
    while i < n {
        let line = doc.line(i);
        let mut end = i;
        while end < n && doc.line(end) == line {
            end += 1;
        }
        // Most lines name no openings: skip them before collecting their words.
        if prev_key.is_none() && !(i..end).any(|k| is_opening_key(doc.w(k))) {
            i = end;
            continue;
        }
        words.clear();
        words.extend((i..end).filter(|&k| matches!(doc.kind(k), Some(Kind::Word | Kind::Num))));
        let value_start = doc.line_value_start.get(line).copied().unwrap_or(0);
        let labelled = doc.line_keys.get(line).copied().flatten().is_some() && value_start > i;
        let key_words = if labelled {
            (i..value_start).any(|k| doc.is_any(k, OPENING_KEYS))
                && (i..value_start)
                    .filter(|&k| doc.kind(k) == Some(Kind::Word))
                    .count()
                    <= 4
        } else {
            false
        };
        // The value part: its first word or number, and nothing else worded after it.
        let value_at = |from: usize| -> Option<(i64, usize)> {
            let vals: Vec<usize> = words.iter().copied().filter(|&k| k >= from).collect();
            let &first = vals.first()?;
            let rest_ok = vals.len() == 1
                || (vals.len() == 2
                    && doc.is_any(
                        vals[1],
                        &[
                            "post",
                            "posts",
                            "position",
                            "positions",
                            "vacancy",
                            "vacancies",
                            "opening",
                            "openings",
                            "vacante",
                            "vaga",
                            "plaza",
                        ],
                    ));
            if !rest_ok {
                return None;
            }
            let v = match doc.kind(first) {
                Some(Kind::Num) => doc.toks.get(first).map(|t| t.num)?,
                _ => romance_number(doc.w(first))? as f64,
            };
            ((1.0..10_000.0).contains(&v) && v.fract() == 0.0).then_some((v as i64, first + 1))
        };
        // A table row flattened to one line: "Número de vacantes Dos", "No. of posts 3".
        if !labelled && words.len() >= 2 && words.len() <= 5 {
            let last = words[words.len() - 1];
            let keys_only = words[..words.len() - 1].iter().all(|&k| {
                doc.is_any(k, OPENING_KEYS)
                    || doc.is_any(
                        k,
                        &[
                            "número", "numero", "number", "no", "no.", "of", "de", "total",
                        ],
                    )
            }) && words[..words.len() - 1]
                .iter()
                .any(|&k| doc.is_any(k, OPENING_KEYS));
            if keys_only {
                if let Some((v, e)) = value_at(last) {
                    found.push(Candidate {
                        value: v,
                        noun: "openings".into(),
                        at: words[0],
                        end: e,
                        range: false,
                    });
                }
            }
        }
        if key_words {
            if let Some((v, e)) = value_at(value_start) {
                found.push(Candidate {
                    value: v,
                    noun: "openings".into(),
                    at: i,
                    end: e,
                    range: false,
                });
            }
        } else if let Some(k) = prev_key {
            if let Some((v, e)) = value_at(i) {
                found.push(Candidate {
                    value: v,
                    noun: "openings".into(),
                    at: k,
                    end: e,
                    range: false,
                });
            }
        }
        // A line that is only an openings key ("Número de vacantes |"): the value may follow.
        prev_key = (!words.is_empty()
            && words.len() <= 4
            && !labelled
            && words.iter().any(|&k| doc.is_any(k, OPENING_KEYS))
            && words.iter().all(|&k| doc.kind(k) == Some(Kind::Word)))
        .then_some(i);
        i = end;
    }
}

/// Chinese counts of people: "招募400人", "总需求400人", "招聘5名" (never "每人1000句", per person).
/// Chinese runs have no spaces, so the count sits inside one word token.
fn chinese_headcount(doc: &Doc, found: &mut Vec<Candidate>) {
    const MARKERS: &[&str] = &["招募", "招聘", "需求", "需要", "共", "招", "名额", "人数"];
    for (i, t) in doc.toks.iter().enumerate() {
        // The number as its own token ("招募 150 人", or cut out of the run by the tokenizer),
        // or after a labelled key ("招聘人数：5人").
        if t.kind == Kind::Num
            && (doc.orig(i + 1).starts_with('人') || doc.orig(i + 1).starts_with('名'))
        {
            let mut k = i.wrapping_sub(1);
            while doc.kind(k) == Some(Kind::Punct) {
                k = k.wrapping_sub(1);
            }
            let prev = doc.orig(k);
            if MARKERS.iter().any(|m| prev.ends_with(m))
                && !prev.ends_with('每')
                && t.num.fract() == 0.0
                && (1.0..1_000_000.0).contains(&t.num)
            {
                found.push(Candidate {
                    value: t.num as i64,
                    noun: "人".into(),
                    at: k,
                    end: i + 2,
                    range: false,
                });
            }
            continue;
        }
        if t.kind != Kind::Word || doc.text.as_bytes().get(t.s).is_none_or(u8::is_ascii) {
            continue;
        }
        let w = doc.orig(i);
        let bytes = w.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            if !bytes[k].is_ascii_digit() || (k > 0 && bytes[k - 1].is_ascii_digit()) {
                k += 1;
                continue;
            }
            let start = k;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            let before = w.get(..start).unwrap_or("");
            let after = w.get(k..).unwrap_or("");
            let hire = MARKERS.iter().any(|m| before.ends_with(m)) && !before.ends_with('每');
            if !hire || !(after.starts_with('人') || after.starts_with('名')) {
                continue;
            }
            if let Some(v) = w.get(start..k).and_then(|n| n.parse::<i64>().ok()) {
                if (1..1_000_000).contains(&v) {
                    found.push(Candidate {
                        value: v,
                        noun: "人".into(),
                        at: i,
                        end: i + 1,
                        range: false,
                    });
                }
            }
        }
    }
}

pub fn extract(doc: &Doc, layout: &Layout, out: &mut ParseOutcome) {
    let mut found: Vec<Candidate> = Vec::new();
    // Counts in a company blurb or the benefits ("a team of 35 data people") are not hires,
    // nor is a track record ("we have onboarded over 900 annotators since 2018").
    for q in doc.quants.iter().filter(|q| usable(q)) {
        if q.lo.fract() != 0.0 || q.hi.fract() != 0.0 {
            continue;
        }
        let value = q.hi as i64;
        let before = doc.w(q.a.wrapping_sub(1));
        let before2 = doc.w(q.a.wrapping_sub(2));
        // "a team of 12", "group of 8 raters".
        if before == "of"
            && matches!(
                before2,
                "team" | "group" | "squad" | "panel" | "crew" | "pool" | "cohort"
            )
            && !is_organisation_size(doc, q)
            && !doc.any_word(
                q.a.saturating_sub(6),
                q.a,
                &[
                    "our",
                    "join",
                    "existing",
                    "we're",
                    "we",
                    "are",
                    "currently",
                    "now",
                ],
            )
        {
            found.push(Candidate {
                value,
                noun: format!("{before2} of {value}"),
                at: q.a,
                end: q.b,
                range: q.range,
            });
            continue;
        }
        // "Annotators (x20)", "Cleaner x3 posts".
        if doc.punct(q.a.wrapping_sub(1), '×') {
            let k = q.a.saturating_sub(2);
            let k = if doc.punct(k, '(') {
                k.saturating_sub(1)
            } else {
                k
            };
            if doc.is_any(
                q.b,
                &["posts", "post", "positions", "vacancies", "openings"],
            ) {
                found.push(Candidate {
                    value,
                    noun: doc.orig(q.b).to_string(),
                    at: q.a.saturating_sub(1),
                    end: q.b + 1,
                    range: false,
                });
            } else if doc.hit_ending_at(k + 1, |t| t == Tag::Person) {
                found.push(Candidate {
                    value,
                    noun: doc.orig(k).to_string(),
                    at: k,
                    end: q.b,
                    range: false,
                });
            }
            continue;
        }
        // "Openings: 4", "Headcount: 12".
        if doc.label_of(q.a) == Some(LabelKey::Headcount)
            && doc.line_value_start.get(doc.line(q.a)) == Some(&q.a)
        {
            found.push(Candidate {
                value,
                noun: "headcount".into(),
                at: q.a,
                end: q.b,
                range: q.range,
            });
            continue;
        }
        // "(3 posts)", "3 posts available", "2 vacant posts": posts as jobs, not social posts.
        let posts_at = if doc.is(q.b, "vacant") { q.b + 1 } else { q.b };
        if doc.is_any(posts_at, &["posts", "post"])
            && (posts_at > q.b
                || doc.punct(q.a.wrapping_sub(1), '(')
                || doc.is_any(posts_at + 1, &["available", "vacant", "of"]))
            && !is_organisation_size(doc, q)
        {
            found.push(Candidate {
                value,
                noun: "posts".into(),
                at: q.a,
                end: posts_at + 1,
                range: q.range,
            });
            continue;
        }
        // "hiring 3 cleaners", "zoeken 2 beleidsmedewerkers", "opening 500 slots".
        let hire_verb = is_hire_verb(doc.w(q.a.wrapping_sub(1)))
            || (doc.is(q.a.wrapping_sub(1), "for")
                && doc.is_any(q.a.wrapping_sub(2), &["looking", "searching"]));
        if hire_verb && !q.range && !q.approx {
            let noun = q.b;
            // "need 2 urgently": an adverb, not the people.
            let is_word = doc.kind(noun) == Some(Kind::Word)
                && doc.w(noun).chars().count() > 2
                && !doc.w(noun).ends_with("ly");
            // Any lexicon word but a person ("60,000 LiDAR sweeps", "10 hours") is not people.
            let not_person = doc.hits_at(noun).any(|h| h.tag != Tag::Person)
                || matches!(
                    bind::head_after(doc, q),
                    Some(
                        Head::Time { .. }
                            | Head::Noun {
                                tag: Tag::Data(..) | Tag::Unit,
                                ..
                            }
                    )
                )
                || bind::time_unit(doc.w(noun)).is_some()
                || doc.is_any(noun, NOT_PEOPLE)
                || doc.is_any(noun, STAFF)
                || doc.is_any(noun, bind::STOP);
            if is_word && !not_person && !bind::per_unit_after(doc, noun + 1) {
                found.push(Candidate {
                    value,
                    noun: doc.orig(noun).to_string(),
                    at: q.a,
                    end: noun + 1,
                    range: false,
                });
                continue;
            }
        }
        let Some(Head::Noun {
            tag: Tag::Person,
            a,
            b,
        }) = bind::head_after(doc, q)
        else {
            continue;
        };
        if (matches!(before, "of" | "with" | "by") || (before == "between" && !q.range))
            && !matches!(before2, "hiring" | "need")
        {
            // "photos of 3 people", "conversations between 2 speakers".
            continue;
        }
        if is_organisation_size(doc, q) || bind::per_unit_after(doc, b) {
            continue;
        }
        // "800 colaboradores entre designers": the staff of a company, or a phrase that runs on
        // past a word of another language.
        if doc.any_word(q.b, a, STAFF) || doc.any_word(q.b, a, FOREIGN_STOP) {
            continue;
        }
        // "the two other annotators", "5 existing reviewers": people already there.
        if doc.any_word(q.b, a, &["other", "existing", "current", "fellow"]) || doc.is(b, "strong")
        {
            continue;
        }
        // "two candidate translations": a person noun used as a modifier of something else.
        let head = doc.w(b.wrapping_sub(1));
        if value > 1
            && b == a + 1
            && !head.ends_with('s')
            && doc.kind(b) == Some(Kind::Word)
            && !doc.is_any(b, bind::STOP)
            && doc.w(b).chars().all(char::is_alphabetic)
        {
            continue;
        }
        // "20 time slots", "interview slots": slots of time, not seats.
        if doc.is_any(b.wrapping_sub(1), &["slot", "slots"])
            && doc.any_word(
                q.b,
                b,
                &["time", "interview", "appointment", "booking", "delivery"],
            )
        {
            continue;
        }
        found.push(Candidate {
            value,
            noun: doc.span_text(a, b).to_string(),
            at: q.a,
            end: b,
            range: q.range,
        });
    }
    // Checked only for candidates: most numbers never get this far.
    found.retain(|c| layout.sec(doc, c.at) != Sec::Boiler && !track_record(doc, c.at));
    labelled_openings(doc, &mut found);
    chinese_headcount(doc, &mut found);
    found.sort_by_key(|c| c.at);
    // One statement read twice ("Vacancies: 3 posts" by two rules) is one candidate.
    found.dedup_by(|b, a| a.value == b.value && a.end >= b.at);
    let Some(first) = found.first() else {
        return;
    };
    let mut value = first.value;
    let distinct: Vec<&Candidate> = found.iter().filter(|c| c.value != first.value).collect();
    if first.range {
        out.low(
            "headcount",
            format!("Stated as a range; used the upper figure {value}."),
        );
    }
    let same_sentence_joined = found.len() > 1
        && found.iter().all(|c| doc.sent(c.at) == doc.sent(first.at))
        && found.windows(2).all(|w| w[0].noun != w[1].noun);
    if !distinct.is_empty() || same_sentence_joined {
        // "10 annotators and 2 reviewers" in one sentence: both are hires.
        let same_sentence: Vec<&Candidate> = found
            .iter()
            .filter(|c| doc.sent(c.at) == doc.sent(first.at))
            .collect();
        let joined = same_sentence.len() == found.len()
            && same_sentence.len() > 1
            && same_sentence.windows(2).all(|w| {
                w[0].noun != w[1].noun
                    && doc.any_word(w[0].at, w[1].at, &["and", "plus"])
                    && !doc
                        .toks
                        .get(w[0].at..w[1].at)
                        .unwrap_or_default()
                        .iter()
                        .any(|t| t.kind == Kind::Break)
            });
        if joined {
            value = same_sentence.iter().map(|c| c.value).sum();
            let parts: Vec<String> = same_sentence
                .iter()
                .map(|c| format!("{} {}", c.value, c.noun))
                .collect();
            out.low(
                "headcount",
                format!("Added the counts {}.", parts.join(" and ")),
            );
        } else if let Some(other) = distinct.first() {
            out.warn(format!(
                "The text states several headcounts ({} {} and {} {}); used the first.",
                first.value, first.noun, other.value, other.noun
            ));
            out.low(
                "headcount",
                format!(
                    "Several headcounts stated ({} and {}); picked the first.",
                    first.value, other.value
                ),
            );
        }
    }
    out.fields.headcount = Some(value);
    for c in &found {
        if c.value == value || value != first.value {
            out.cite("headcount", doc.span(c.at, c.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::text::extract;

    fn headcount(text: &str) -> Option<i64> {
        extract(text).fields.headcount
    }

    #[test]
    fn equal_counts_of_two_roles_without_and_do_not_panic() {
        // Found by the property test: two counts, one value, no "and" between them.
        assert_eq!(headcount("We need 3 annotators, 3 reviewers."), Some(3));
    }

    #[test]
    fn openings_stated_many_ways() {
        assert_eq!(headcount("Clerk x2 posts at the Records Office"), Some(2));
        assert_eq!(
            headcount("Junior developer\nVacancy: 1\nLocation: Hanoi"),
            Some(1)
        );
        assert_eq!(headcount("Número de vacantes\nTres\nSede: Puebla"), Some(3));
        assert_eq!(
            headcount("We are hiring 4 cleaners for the night shift."),
            Some(4)
        );
        assert_eq!(
            headcount("De gemeente zoekt 2 beleidsmedewerkers."),
            Some(2)
        );
        assert_eq!(
            headcount("The city is opening 120 slots for student jobs."),
            Some(120)
        );
        assert_eq!(
            headcount("语音采集项目,本期招募150人,每人300句。"),
            Some(150)
        );
        assert_eq!(
            headcount("岗位：数据标注员\n招聘人数：5人\n工作地点：成都"),
            Some(5)
        );
        assert_eq!(headcount("短句录音项目,招募 150 人,每人 300 句"), Some(150));
    }

    #[test]
    fn numbers_that_are_not_hires() {
        assert_eq!(
            headcount("Somos mais de 900 colaboradores entre designers e engenheiros."),
            None
        );
        assert_eq!(headcount("We are now 240 people in 5 offices."), None);
        assert_eq!(
            headcount("Discuss the cases with the two other annotators."),
            None
        );
        assert_eq!(
            headcount("Rate two candidate translations of each sentence."),
            None
        );
        assert_eq!(headcount("We need 2 urgently."), None);
        assert_eq!(
            headcount("Since 2015 our 700 annotators have labeled over 9 million images."),
            None
        );
    }

    #[test]
    fn headcount_is_cited() {
        let out = extract("We are hiring 3 cleaners.");
        let e = out.evidence.iter().find(|e| e.path == "headcount");
        assert_eq!(e.and_then(|e| e.quote.as_deref()), Some("3 cleaners"));
    }
}
