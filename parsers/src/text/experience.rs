//! Experience: the level a posting requires (EXPERT, INTERMEDIATE, ENTRY_LEVEL,
//! ANY_EXPERIENCE_LEVEL) and the minimum years ("4+ years of experience"). What is only
//! preferred, a plus or nice to have sets nothing; a degree alone sets nothing.

use crate::enums::ExperienceLevel;
use crate::outcome::ParseOutcome;

use super::bind::{time_unit, TimeUnit};
use super::classes;
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;

/// The words that can make a sentence optional ([`optional_cue`]): its gate class,
/// [`classes::OPTIONAL_CUE`].
pub(super) const OPTIONAL_CUES: &[&str] = &[
    "preferred",
    "preferably",
    "bonus",
    "ideally",
    "advantage",
    "advantageous",
    "desirable",
    "optional",
    "helpful",
    "nice-to-have",
    "appreciated",
    "beneficial",
    "a",
    "big",
    "nice",
    "not",
];

/// For each sentence, whether it states something as optional.
fn optional_sentences(doc: &Doc) -> Vec<bool> {
    let count = doc.toks.last().map(|t| t.sent as usize + 1).unwrap_or(0);
    let mut flags = vec![false; count];
    for i in doc.words_in(classes::OPTIONAL_CUE) {
        if optional_cue(doc, i) {
            if let Some(f) = flags.get_mut(doc.sent(i) as usize) {
                *f = true;
            }
        }
    }
    flags
}

/// Whether word `i` says what its sentence states is optional.
fn optional_cue(doc: &Doc, i: usize) -> bool {
    match doc.w(i) {
        "preferred" | "preferably" | "bonus" | "ideally" | "advantage" | "advantageous"
        | "desirable" | "optional" | "helpful" | "nice-to-have" | "appreciated" | "beneficial" => {
            true
        }
        "a" | "big" => doc.is(i + 1, "plus"),
        "nice" => doc.phrase_at(i, &["nice", "to", "have"]).is_some(),
        "not" => doc.is_any(i + 1, &["required", "necessary"]),
        _ => false,
    }
}

pub(super) const EXP_WORDS: &[&str] = &[
    "experience",
    "exp",
    "background",
    "expertise",
    "experiência",
    "experiencia",
    "erfahrung",
    "berufserfahrung",
    "ervaring",
];

/// "1年以上…经验", "3年或以上…开发经验": Chinese years of experience (年 = year, 经验 =
/// experience) written after the number, in one run of characters or the next few.
fn chinese_years(doc: &Doc, q: &super::numbers::Quant) -> bool {
    let w = doc.w(q.b);
    w.starts_with('年')
        && (w.contains("经验") || (q.b + 1..q.b + 4).any(|k| doc.w(k).contains("经验")))
}

/// "4+ years of experience", "Experience: minimum 1 year", "(6+ years)" after a role.
/// Returns the years, whether they were written in months, and the tokens that say so.
fn years(doc: &Doc, opt: &dyn Fn(usize) -> bool) -> Option<(f64, bool, (usize, usize))> {
    for q in doc.quants.iter().filter(|q| !q.is_money() && !q.percent) {
        if chinese_years(doc, q) && !opt(q.a) {
            return Some((q.lo, false, (q.a, q.b + 1)));
        }
        // "up to 2 years of experience" is a ceiling, not a requirement.
        if q.up_to {
            continue;
        }
        let mut j = q.b;
        if doc.punct(j, '-') {
            j += 1;
        }
        let unit = time_unit(doc.w(j));
        if !matches!(unit, Some(TimeUnit::Year | TimeUnit::Month)) {
            continue;
        }
        let (sa, sb) = doc.sentence(q.a);
        let after = j + 1;
        let after_end = (after + 8).min(sb);
        if doc.any_word(
            after,
            (after + 3).min(sb),
            &[
                "old",
                "ago",
                "age",
                "older",
                "contract",
                "project",
                "engagement",
                "warranty",
                "term",
            ],
        ) || doc.any_word(
            q.a.saturating_sub(2).max(sa),
            q.a,
            &["aged", "age", "over", "within", "next", "for", "past"],
        ) && !doc.any_class(after, after_end, classes::EXPERIENCE_WORD)
        {
            continue;
        }
        let exp_after = doc.any_class(after, after_end, classes::EXPERIENCE_WORD)
            || doc.is(after, "experienced")
            || (doc.is_any(after, &["in", "of", "working", "doing", "as"])
                && doc.any_word(
                    after,
                    after_end,
                    &[
                        "industry",
                        "annotation",
                        "labeling",
                        "labelling",
                        "role",
                        "field",
                    ],
                ));
        // "Minimum 3 years with Playwright", "at least 2 years in a similar role".
        let minimum_with = (doc.is(q.a.wrapping_sub(1), "minimum")
            || doc
                .phrase_at(q.a.wrapping_sub(2), &["at", "least"])
                .is_some())
            && doc.is_any(after, &["with", "in", "of"]);
        let exp_before =
            doc.any_class(q.a.saturating_sub(6).max(sa), q.a, classes::EXPERIENCE_WORD)
                || doc.label_of(q.a) == Some(LabelKey::Experience)
                || minimum_with;
        // "Senior TypeScript engineers (6+ years)".
        let role_paren = doc.punct(q.a.wrapping_sub(1), '(')
            && doc.hit_ending_at(q.a.saturating_sub(1), |t| t == Tag::Person);
        if !(exp_after || exp_before || role_paren) || opt(q.a) {
            continue;
        }
        let span = (q.a, j + 1);
        return Some(if unit == Some(TimeUnit::Month) {
            (q.lo / 12.0, true, span)
        } else {
            (q.lo, false, span)
        });
    }
    None
}

const ENTRY: &[&[&str]] = &[
    &["beginners", "welcome"],
    &["beginners", "are", "welcome"],
    &["beginner", "friendly"],
    &["beginners", "friendly"],
    &["we", "train", "you"],
    &["we'll", "train", "you"],
    &["we", "will", "train", "you"],
    &["will", "train", "you"],
    &["entry", "level"],
    &["freshers", "welcome"],
    &["students", "welcome"],
    &["experience", "not", "required"],
    &["experience", "is", "not", "required"],
    &["experience", "not", "needed"],
    &["without", "experience"],
    &["without", "prior", "experience"],
    &["without", "any", "experience"],
    &["freshers"],
    &["fresher"],
    &["fresh", "graduates"],
    &["fresh", "graduate"],
    &["recent", "graduates"],
    &["new", "grads"],
    &["new", "graduates"],
    &["don't", "need", "to", "have", "any", "experience"],
    &["don't", "need", "any", "experience"],
    &["do", "not", "need", "any", "experience"],
    &["no", "need", "for", "experience"],
];

const ANY: &[&[&str]] = &[
    &["anyone", "can", "apply"],
    &["all", "levels"],
    &["all", "experience", "levels"],
    &["any", "experience", "level"],
    &["all", "skill", "levels"],
    &["open", "to", "all", "levels"],
    &["open", "to", "everyone"],
    &["any", "level", "of", "experience"],
    &["all", "levels", "of", "experience"],
];

/// Professions whose members are experts by training.
const EXPERT_PEOPLE: &[&str] = &[
    "doctors",
    "physicians",
    "physician",
    "attorneys",
    "attorney",
    "lawyers",
    "radiologists",
    "surgeons",
    "pharmacists",
    "dentists",
    "pathologists",
    "cardiologists",
    "clinicians",
];

/// Single words the phrase pass reads besides the heads of [`ENTRY`] and [`ANY`] phrases and
/// [`EXPERT_PEOPLE`]; a word added to a `match` in [`phrase_level`] must be added here too.
const PHRASE_CUES: &[&str] = &[
    "phd",
    "ph.d.",
    "ph.d",
    "phds",
    "doctorate",
    "doctoral",
    "expert",
    "experts",
    "senior",
    "sr.",
    "sr",
    "board",
    "licensed",
    "registered",
    "experience",
    "intermediate",
    "mid-level",
    "mid",
    "experienced",
];

/// Every ASCII word [`phrase_level`] acts on (its gate class, [`classes::EXPERIENCE_PHRASE`]).
pub(super) fn phrase_words() -> impl Iterator<Item = &'static str> {
    let heads = ENTRY.iter().chain(ANY).filter_map(|p| p.first().copied());
    heads
        .chain(EXPERT_PEOPLE.iter().copied())
        .chain(PHRASE_CUES.iter().copied())
}

/// A token range `[a, b)`.
type Span = (usize, usize);

/// What the phrases say, each with where: (entry/any level, expert cue, solid experience cue,
/// "experienced").
type Phrases = (
    Option<(ExperienceLevel, Span)>,
    Option<Span>,
    Option<Span>,
    Option<Span>,
);

fn phrase_level(doc: &Doc, opt: &dyn Fn(usize) -> bool) -> Phrases {
    let mut entry: Option<(ExperienceLevel, Span)> = None;
    let mut expert: Option<Span> = None;
    let mut solid: Option<Span> = None;
    let mut experienced: Option<Span> = None;
    // Only the non-ASCII reading below looks at words outside the gate class.
    for i in doc.words_in(classes::EXPERIENCE_PHRASE | classes::NON_ASCII) {
        let w = doc.w(i);
        let may_start = matches!(
            w,
            "beginners"
                | "beginner"
                | "we"
                | "we'll"
                | "will"
                | "entry"
                | "freshers"
                | "students"
                | "experience"
                | "without"
                | "anyone"
                | "all"
                | "any"
                | "open"
                | "no"
                | "fresher"
                | "fresh"
                | "recent"
                | "new"
                | "don't"
                | "do"
        );
        // "接受无经验" (no experience accepted), "经验不限" (any experience).
        if entry.is_none() && !w.is_ascii() && (w.contains("无经验") || w.contains("经验不限"))
        {
            entry = Some((ExperienceLevel::EntryLevel, (i, i + 1)));
        }
        if entry.is_none() && may_start {
            for p in ENTRY {
                if w == p[0] {
                    if let Some(end) = doc.phrase_at(i, p) {
                        entry = Some((ExperienceLevel::EntryLevel, (i, end)));
                    }
                }
            }
            for p in ANY {
                if w == p[0] {
                    if let Some(end) = doc.phrase_at(i, p) {
                        entry = Some((ExperienceLevel::AnyExperienceLevel, (i, end)));
                    }
                }
            }
            // "no (prior) (annotation) experience (needed)".
            if w == "no" {
                if let Some(k) = (i + 1..i + 4).find(|&k| doc.is(k, "experience")) {
                    entry = Some((ExperienceLevel::EntryLevel, (i, k + 1)));
                }
            }
        }
        if expert.is_none() && !opt(i) {
            let hit = match w {
                "phd" | "ph.d." | "ph.d" | "phds" | "doctorate" | "doctoral" => true,
                "expert" | "experts" => {
                    !doc.is_any(i.wrapping_sub(1), &["our", "no", "non", "not"])
                }
                "senior" | "sr." | "sr" => !doc.is_any(
                    i + 1,
                    &[
                        "high",
                        "secondary",
                        "year",
                        "citizens",
                        "citizen",
                        "management",
                        "leadership",
                        "leaders",
                        "staff",
                        "team",
                    ],
                ),
                "board" => {
                    doc.is(i + 1, "certified")
                        || (doc.punct(i + 1, '-') && doc.is(i + 2, "certified"))
                }
                "licensed" | "registered" => {
                    doc.hits_in(i + 1, i + 3).any(|h| h.tag == Tag::Person)
                        || doc.is_any(i + 1, &["in", "professionals"])
                }
                _ => EXPERT_PEOPLE.contains(&w),
            };
            if hit {
                expert = Some((i, i + 1));
            }
        }
        // "Experience: none required", "Experience: not needed".
        if w == "experience"
            && entry.is_none()
            && (doc.is_any(i + 1, &["none", "not", "n/a"])
                || (doc.punct(i + 1, ':') && doc.is_any(i + 2, &["none", "not", "no", "n/a"])))
        {
            entry = Some((ExperienceLevel::EntryLevel, (i, i + 3)));
        }
        if w == "experience"
            && solid.is_none()
            && !opt(i)
            && !doc.any_word(i + 1, i + 4, &["none", "not", "no"])
        {
            let (sa, sb) = doc.sentence(i);
            let prev = doc.w(i.wrapping_sub(1));
            let ux = matches!(
                prev,
                "user"
                    | "customer"
                    | "candidate"
                    | "guest"
                    | "patient"
                    | "developer"
                    | "learning"
                    | "shopping"
                    | "the"
                    | "an"
                    | "great"
                    | "no"
            );
            let before = doc.any_word(
                i.saturating_sub(5).max(sa),
                i,
                &[
                    "prior",
                    "previous",
                    "with",
                    "relevant",
                    "proven",
                    "hands-on",
                    "professional",
                    "demonstrated",
                    "solid",
                    "strong",
                    "must",
                    "should",
                    "require",
                    "requires",
                    "required",
                    "requiring",
                    "need",
                    "needs",
                    "have",
                    "has",
                ],
            ) && !doc.any_word(i.saturating_sub(5).max(sa), i, &["no", "without"]);
            let after = doc.any_word(
                i + 1,
                (i + 5).min(sb),
                &[
                    "required",
                    "needed",
                    "necessary",
                    "mandatory",
                    "essential",
                    "must",
                ],
            );
            if !ux && (before || after) {
                solid = Some((i.saturating_sub(3).max(sa), i + 1));
            }
        }
        if matches!(w, "intermediate" | "mid-level") && solid.is_none() {
            solid = Some((i, i + 1));
        }
        if solid.is_none() && w == "mid" {
            if let Some(end) = doc.phrase_at(i, &["mid", "level"]) {
                solid = Some((i, end));
            }
        }
        // "If you are an experienced transcriber, …" states no requirement.
        let conditional = || doc.is(doc.sentence(i).0, "if");
        if w == "experienced" && experienced.is_none() && !opt(i) && !conditional() {
            experienced = Some((i, i + 1));
        }
    }
    (entry, expert, solid, experienced)
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let flags = optional_sentences(doc);
    let opt = |i: usize| flags.get(doc.sent(i) as usize).copied().unwrap_or(false);
    let years = years(doc, &opt);
    let (entry, expert, solid, experienced) = phrase_level(doc, &opt);
    if let Some((y, in_months, span)) = years {
        if !in_months && y >= 1.0 {
            out.fields.years_experience = Some(y.floor() as i64);
            out.cite("yearsExperience", doc.span(span.0, span.1));
        }
        let level = if y >= 5.0 || expert.is_some() {
            ExperienceLevel::Expert
        } else if y > 0.0 {
            ExperienceLevel::Intermediate
        } else {
            ExperienceLevel::EntryLevel
        };
        out.fields.experience_level = Some(level);
        out.cite("experienceLevel", doc.span(span.0, span.1));
        if let (ExperienceLevel::Expert, Some(e)) = (level, expert) {
            out.cite("experienceLevel", doc.span(e.0, e.1));
        }
        return;
    }
    let (level, span) = if let Some((level, span)) = entry {
        (level, span)
    } else if let Some(span) = expert {
        (ExperienceLevel::Expert, span)
    } else if let Some(span) = solid {
        (ExperienceLevel::Intermediate, span)
    } else if let Some(span) = experienced {
        out.low(
            "experienceLevel",
            "Inferred INTERMEDIATE from \"experienced\".",
        );
        (ExperienceLevel::Intermediate, span)
    } else {
        return;
    };
    out.fields.experience_level = Some(level);
    out.cite("experienceLevel", doc.span(span.0, span.1));
}
