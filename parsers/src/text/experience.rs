//! Experience: the level a posting requires (EXPERT, INTERMEDIATE, ENTRY_LEVEL,
//! ANY_EXPERIENCE_LEVEL) and the minimum years ("4+ years of experience"). What is only
//! preferred, a plus or nice to have sets nothing; a degree alone sets nothing.

use crate::enums::ExperienceLevel;
use crate::outcome::ParseOutcome;

use super::bind::{time_unit, TimeUnit};
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;

/// For each sentence, whether it states something as optional.
fn optional_sentences(doc: &Doc) -> Vec<bool> {
    let count = doc.toks.last().map(|t| t.sent as usize + 1).unwrap_or(0);
    let mut flags = vec![false; count];
    let mut i = 0;
    while i < doc.toks.len() {
        let (a, b) = doc.sentence(i);
        if let Some(f) = flags.get_mut(doc.sent(i) as usize) {
            *f = optional_range(doc, a, b);
        }
        i = b.max(i) + 1;
    }
    flags
}

fn optional_range(doc: &Doc, a: usize, b: usize) -> bool {
    (a..b).any(|i| match doc.w(i) {
        "preferred" | "preferably" | "bonus" | "ideally" | "advantage" | "advantageous"
        | "desirable" | "optional" | "helpful" | "nice-to-have" | "appreciated" | "beneficial" => {
            true
        }
        "a" | "big" => doc.is(i + 1, "plus"),
        "nice" => doc.phrase_at(i, &["nice", "to", "have"]).is_some(),
        "not" => doc.is_any(i + 1, &["required", "necessary"]),
        _ => false,
    })
}

const EXP_WORDS: &[&str] = &["experience", "exp", "background", "expertise"];

/// "4+ years of experience", "Experience: minimum 1 year", "(6+ years)" after a role.
fn years(doc: &Doc, opt: &dyn Fn(usize) -> bool) -> Option<(f64, bool)> {
    for q in doc.quants.iter().filter(|q| !q.is_money() && !q.percent) {
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
        ) && !doc.any_word(after, after_end, EXP_WORDS)
        {
            continue;
        }
        let exp_after = doc.any_word(after, after_end, EXP_WORDS)
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
        let exp_before = doc.any_word(q.a.saturating_sub(6).max(sa), q.a, EXP_WORDS)
            || doc.label_of(q.a) == Some(LabelKey::Experience);
        // "Senior TypeScript engineers (6+ years)".
        let role_paren = doc.punct(q.a.wrapping_sub(1), '(')
            && doc.hit_ending_at(q.a.saturating_sub(1), |t| t == Tag::Person);
        if !(exp_after || exp_before || role_paren) || opt(q.a) {
            continue;
        }
        return Some(if unit == Some(TimeUnit::Month) {
            (q.lo / 12.0, true)
        } else {
            (q.lo, false)
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

/// What the phrases say: (entry/any level, expert cue, solid experience cue, "experienced").
type Phrases = (
    Option<(ExperienceLevel, String)>,
    Option<String>,
    Option<String>,
    bool,
);

fn phrase_level(doc: &Doc, opt: &dyn Fn(usize) -> bool) -> Phrases {
    let mut entry: Option<(ExperienceLevel, String)> = None;
    let mut expert: Option<String> = None;
    let mut solid: Option<String> = None;
    let mut experienced = false;
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
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
        );
        if entry.is_none() && may_start {
            for p in ENTRY {
                if w == p[0] && doc.phrase_at(i, p).is_some() {
                    entry = Some((ExperienceLevel::EntryLevel, p.join(" ")));
                }
            }
            for p in ANY {
                if w == p[0] && doc.phrase_at(i, p).is_some() {
                    entry = Some((ExperienceLevel::AnyExperienceLevel, p.join(" ")));
                }
            }
            // "no (prior) (annotation) experience (needed)".
            if w == "no" && (i + 1..i + 4).any(|k| doc.is(k, "experience")) {
                entry = Some((ExperienceLevel::EntryLevel, "no experience".into()));
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
                "md" => doc.is_upper(i),
                _ => EXPERT_PEOPLE.contains(&w),
            };
            if hit {
                expert = Some(doc.orig(i).to_string());
            }
        }
        // "Experience: none required", "Experience: not needed".
        if w == "experience"
            && entry.is_none()
            && (doc.is_any(i + 1, &["none", "not", "n/a"])
                || (doc.punct(i + 1, ':') && doc.is_any(i + 2, &["none", "not", "no", "n/a"])))
        {
            entry = Some((ExperienceLevel::EntryLevel, "experience: none".into()));
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
                solid = Some(
                    doc.span_text(i.saturating_sub(3).max(sa), i + 1)
                        .to_string(),
                );
            }
        }
        if matches!(w, "intermediate" | "mid-level") && solid.is_none() {
            solid = Some(w.to_string());
        }
        if w == "mid" && doc.phrase_at(i, &["mid", "level"]).is_some() && solid.is_none() {
            solid = Some("mid-level".into());
        }
        if w == "experienced" && !opt(i) {
            experienced = true;
        }
    }
    (entry, expert, solid, experienced)
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome) {
    let flags = optional_sentences(doc);
    let opt = |i: usize| flags.get(doc.sent(i) as usize).copied().unwrap_or(false);
    let years = years(doc, &opt);
    let (entry, expert, solid, experienced) = phrase_level(doc, &opt);
    if let Some((y, in_months)) = years {
        if !in_months && y >= 1.0 {
            out.fields.years_experience = Some(y.floor() as i64);
        }
        let level = if y >= 5.0 || expert.is_some() {
            ExperienceLevel::Expert
        } else if y > 0.0 {
            ExperienceLevel::Intermediate
        } else {
            ExperienceLevel::EntryLevel
        };
        out.fields.experience_level = Some(level);
        return;
    }
    if let Some((level, _)) = entry {
        out.fields.experience_level = Some(level);
    } else if expert.is_some() {
        out.fields.experience_level = Some(ExperienceLevel::Expert);
    } else if solid.is_some() {
        out.fields.experience_level = Some(ExperienceLevel::Intermediate);
    } else if experienced {
        out.fields.experience_level = Some(ExperienceLevel::Intermediate);
        out.low(
            "experienceLevel",
            "Inferred INTERMEDIATE from \"experienced\".",
        );
    }
}
