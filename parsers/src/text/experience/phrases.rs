//! Experience phrases: the entry-level, any-level, expert and solid-experience wordings
//! ("beginners welcome", "all levels", "PhD", "proven experience required") read from the words
//! of their gate class.

use crate::enums::ExperienceLevel;

use crate::text::classes;
use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;

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
pub(in crate::text) fn phrase_words() -> impl Iterator<Item = &'static str> {
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

pub(super) fn phrase_level(doc: &Doc, opt: &dyn Fn(usize) -> bool) -> Phrases {
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
