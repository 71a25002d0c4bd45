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

mod phrases;

use phrases::phrase_level;
pub(super) use phrases::phrase_words;

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
