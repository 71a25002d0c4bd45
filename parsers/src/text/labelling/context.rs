//! Whether the posting is annotation work at all: what the title says the job is (a data task, a
//! profession, training) and the words around the work.

use crate::enums::{DataType, LabelType};
use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;
use crate::text::labels::LabelKey;
use crate::text::token::Kind;

use super::*;

/// What the title line says the job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Annotation or AI-training work ("Rater", "Video Annotator", "AI Trainer", "Transcriber").
    Annotation,
    /// Another profession ("Backend Engineer", "Accounts Payable Specialist", "Data Scientist").
    Profession,
    Other,
}

/// Person nouns that name annotation work.
const WORK_PEOPLE: &[&str] = &[
    "annotator",
    "annotators",
    "labeler",
    "labelers",
    "labeller",
    "labellers",
    "rater",
    "raters",
    "evaluator",
    "evaluators",
    "tagger",
    "taggers",
    "transcriber",
    "transcribers",
    "transcriptionist",
    "transcriptionists",
    "translator",
    "translators",
    "tasker",
    "taskers",
    "trainer",
    "trainers",
];

/// Professions that are not annotation work unless the title also says so.
const PROFESSIONS: &[&str] = &[
    "engineer",
    "engineers",
    "developer",
    "developers",
    "scientist",
    "scientists",
    "architect",
    "programmer",
    "devops",
    "analyst",
    "manager",
    "designer",
    "accountant",
    "accountants",
    "consultant",
    "administrator",
    "officer",
    "officers",
    "clerk",
    "clerks",
    "cleaner",
    "cleaners",
    "driver",
    "drivers",
    "chef",
    "chefs",
    "technician",
    "mechanic",
    "electrician",
    "recruiter",
    "representative",
    "cashier",
    "receptionist",
    "marketer",
    "salesperson",
    "coordinator",
    "director",
    "operator",
];

/// Words that make an AI mention AI-training work ("help train AI", "AI Training").
const TRAINING_WORDS: &[&str] = &[
    "training", "trainer", "train", "trainers", "rlhf", "feedback",
];

/// The kind of the title and its tokens (sorted).
pub(super) fn title_kind(doc: &Doc, layout: &Layout) -> (TitleKind, Vec<usize>) {
    let line = layout.title_line;
    // The first sentence of the title line ("TikTok content moderation (Spanish). Review …").
    let start = (0..doc.toks.len())
        .find(|&k| doc.line(k) == line)
        .unwrap_or(0);
    let (_, end) = doc.sentence(start);
    let has_title_label = doc.line_keys.contains(&Some(LabelKey::Title));
    let title: Vec<usize> = (start..end)
        .take_while(|&k| doc.line(k) == line)
        .chain(
            (0..doc.toks.len())
                .take(if has_title_label { usize::MAX } else { 0 })
                .filter(|&k| {
                    let l = doc.line(k);
                    l != line
                        && doc.line_keys.get(l).copied().flatten() == Some(LabelKey::Title)
                        && doc.label_of(k) == Some(LabelKey::Title)
                }),
        )
        .collect();
    let mut title = title;
    title.sort_unstable();
    if title.is_empty() {
        return (TitleKind::Other, title);
    }
    // A first line that is a whole sentence is not a title.
    let words = title
        .iter()
        .filter(|&&k| doc.kind(k) == Some(Kind::Word))
        .count();
    if words > 14 {
        return (TitleKind::Other, title);
    }
    let in_title = |k: usize| title.binary_search(&k).is_ok();
    let title_ai = title
        .iter()
        .any(|&k| doc.is_any(k, &["ai", "llm", "llms", "model", "models"]));
    let title_media = doc.hits.iter().any(|x| {
        in_title(x.a)
            && matches!(
                x.tag,
                Tag::DType(DataType::Audio | DataType::Image | DataType::Video)
            )
    });
    let data_work = doc.hits.iter().any(|h| {
        in_title(h.a)
            && match h.tag {
                Tag::AiCtx | Tag::GenAi => !doc.is_any(
                    h.a,
                    &[
                        "ai",
                        "ml",
                        "machine",
                        "model",
                        "computer",
                        "nlp",
                        "benchmark",
                        "gpt",
                        "llm",
                        "large",
                        "language",
                        "generative",
                        "gen",
                        "genai",
                    ],
                ),
                // Transcription, translation and shapes name the work; "Red Team Operator" or
                // "Sentiment Analyst" do only with AI in the title.
                Tag::Label(l, _) => {
                    geometric(l)
                        || (l == LabelType::DataCollection && title_media)
                        || matches!(
                            l,
                            LabelType::Transcription
                                | LabelType::Translation
                                | LabelType::Cuboid3d
                                | LabelType::Segmentation
                                | LabelType::Captioning
                                | LabelType::Classification
                        )
                        || title_ai
                }
                _ => false,
            }
    }) || title.iter().any(|&k| doc.is_any(k, WORK_PEOPLE))
        || (title
            .iter()
            .any(|&k| doc.is_any(k, &["ai", "llm", "model", "models", "genai"]))
            && title.iter().any(|&k| doc.is_any(k, TRAINING_WORDS)));
    // Only a title line of its own names a profession ("Join our team of 50 engineers! We need
    // 3 annotators…" is a sentence about the company).
    let standalone = !(end..doc.toks.len())
        .take_while(|&k| doc.line(k) == line)
        .any(|k| doc.kind(k) == Some(Kind::Word));
    let kind = if data_work {
        TitleKind::Annotation
    } else if standalone && title.iter().any(|&k| doc.is_any(k, PROFESSIONS)) {
        TitleKind::Profession
    } else {
        TitleKind::Other
    };
    (kind, title)
}

/// Body text places the posting in AI-training or data work: context words outside requirements,
/// company blurbs and benefits, and not "AI tools" the employee merely uses. A title naming
/// annotation work settles it either way; a title naming another profession rules it out.
pub fn work_context(doc: &Doc, layout: &Layout) -> bool {
    match layout.title {
        TitleKind::Annotation => return true,
        TitleKind::Profession => return false,
        TitleKind::Other => {}
    }
    doc.hits.iter().any(|h| {
        (matches!(h.tag, Tag::AiCtx | Tag::GenAi)
            || matches!(h.tag, Tag::Label(l, true) if geometric(l)))
            && layout.in_work(doc, h.a)
            && (!generic_tech(doc, h.a) || training_near(doc, h.a))
            && !(doc.is_any(h.a, &["ai", "gpt", "llm", "genai"])
                && (doc.is_any(
                    if doc.punct(h.b, '-') { h.b + 1 } else { h.b },
                    &[
                        "tools",
                        "tool",
                        "powered",
                        "driven",
                        "assisted",
                        "enabled",
                        "based",
                        "first",
                        "native",
                        "copilot",
                        "assistants",
                    ],
                ) || doc.is_any(
                    h.a.wrapping_sub(1),
                    &["using", "use", "leverage", "leveraging", "with"],
                )))
    })
}
