//! Label types: what the worker does to the data, read only from the parts of a posting that
//! describe the work. Lexicon cues (strong ones count anywhere in the work description, weak ones
//! only in AI/data work) plus verb–object rules ("write prompts", "compare two answers", "rate how
//! well", "record photos"). Cues in requirements ("experience with content moderation"), company
//! blurbs, benefits and data-use notices name skills or boilerplate, not the task, and a noun that
//! is only the object of rating ("evaluate translations") is not a second task.

use crate::enums::{DataType, LabelType};

use super::doc::Doc;
use super::gazetteer::Tag;

mod context;
mod cues;
mod heads;
mod layout;
mod rules;

use context::title_kind;
pub use context::{work_context, TitleKind};
use cues::*;
use heads::*;
pub use layout::{track_record, Layout, Sec};
pub(in crate::text) use rules::rule_start_words;
use rules::*;

/// A found label type and the tokens `[a, b)` it was read from; `dtype` is the data named with it
/// ("collect videos" → VIDEO).
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub label: LabelType,
    pub a: usize,
    pub b: usize,
    pub dtype: Option<DataType>,
    /// Read from a verb the worker performs ("translate", "transcribe"), not a noun.
    pub verb: bool,
}

/// Shapes drawn on data: no other job draws bounding boxes or polylines.
fn geometric(label: LabelType) -> bool {
    matches!(
        label,
        LabelType::BoundingBox | LabelType::Polygon | LabelType::Keypoint | LabelType::Polyline
    )
}

/// Label types in order of first mention, each with the tokens it was read from; weak cues only
/// in an AI/data context. A posting titled as another profession (an engineer, an accountant)
/// gets none: its "review code" or "classify expenses" is not annotation work.
pub fn label_types(doc: &Doc, layout: &Layout, context: bool) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    if layout.title == TitleKind::Profession {
        return found;
    }
    for h in &doc.hits {
        let Tag::Label(label, strong) = h.tag else {
            continue;
        };
        let w = doc.w(h.a);
        let verb = VERB_CUES.contains(&w) && h.b == h.a + 1;
        if doc.is_any(h.b, SKILL_AFTER)
            || (doc.punct(h.b, '-') && doc.is_any(h.b + 1, SKILL_AFTER))
            || (!verb && doc.is_any(h.b, THING_AFTER))
            || !layout.in_work(doc, h.a)
        {
            continue;
        }
        let ok = match label {
            LabelType::Translation => translation_ok(doc, layout, h.a, context),
            LabelType::Transcription => transcription_ok(doc, layout, h.a, context),
            // A caption attribute in markup, or a word in passing: captioning is a task verb.
            LabelType::Captioning => {
                context
                    && !doc.punct(h.b, '=')
                    && (w != "caption"
                        || doc.is_any(h.a.wrapping_sub(1), &["to", "will", "you'll", "and"]))
            }
            // Strong cues other than shapes drawn on data also name office work
            // ("customer segmentation", "data collection and reporting", "sentiment analysis").
            _ => (strong && (context || geometric(label))) || (context && weak_ok(doc, h.a, label)),
        };
        if !ok {
            continue;
        }
        // "better at translating", "skilled in transcribing": an ability, not the worker's act.
        let verb = matches!(
            w,
            "translate" | "translating" | "transcribe" | "transcribing"
        ) && !doc.is_any(h.a.wrapping_sub(1), &["at", "in", "of", "with", "for"]);
        found.push(Found {
            label,
            a: h.a,
            b: h.b,
            dtype: None,
            verb,
        });
    }
    if context {
        rule_labels(doc, layout, &mut found);
    }
    cjk_labels(doc, layout, &mut found);
    // The object of rating is not a second task: "evaluate translations", "review transcripts
    // for accuracy", "rate captions" are RATING only, unless the worker also translates.
    let mut rating_sents: Vec<u32> = found
        .iter()
        .filter(|f| matches!(f.label, LabelType::Rating | LabelType::Ranking))
        .map(|f| doc.sent(f.a))
        .collect();
    rating_sents.sort_unstable();
    rating_sents.dedup();
    if !rating_sents.is_empty() {
        let doer = |l: LabelType| found.iter().any(|f| f.label == l && f.verb);
        let keep_tr = doer(LabelType::Translation);
        let keep_ts = doer(LabelType::Transcription);
        found.retain(|f| match f.label {
            LabelType::Translation => {
                keep_tr && rating_sents.binary_search(&doc.sent(f.a)).is_err()
            }
            LabelType::Transcription => {
                keep_ts && rating_sents.binary_search(&doc.sent(f.a)).is_err()
            }
            LabelType::Captioning | LabelType::Writing | LabelType::Classification => {
                rating_sents.binary_search(&doc.sent(f.a)).is_err() || f.verb
            }
            _ => true,
        });
    }
    found.sort_by_key(|f| f.a);
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        match out.iter_mut().find(|o| o.label == f.label) {
            // A later mention may name the data ("be recorded" … "audio-recorded").
            Some(o) => {
                if o.dtype.is_none() && f.dtype.is_some() {
                    o.dtype = f.dtype;
                    o.a = f.a;
                    o.b = f.b;
                }
            }
            None => out.push(f),
        }
    }
    out
}

/// Words that name technology in general ("AI", "machine learning", "model"): in a posting's
/// body they make it AI-training work only near training words ("help train AI models").
fn generic_tech(doc: &Doc, i: usize) -> bool {
    doc.is_any(
        i,
        &[
            "ai",
            "ml",
            "machine",
            "model",
            "models",
            "computer",
            "nlp",
            "benchmark",
            "benchmarks",
            "generative",
            "gen",
            "genai",
            "label",
            "labels",
            "crowd",
        ],
    )
}

/// Training words around token `i`: "train", "improve", "help", "teach", "evaluate" … AI.
fn training_near(doc: &Doc, i: usize) -> bool {
    let (a, b) = near(doc, i);
    doc.any_word(
        a.max(i.saturating_sub(8)),
        b.min(i + 8),
        &[
            "train",
            "training",
            "trained",
            "trainer",
            "trainers",
            "improve",
            "improving",
            "help",
            "helps",
            "helping",
            "teach",
            "teaching",
            "evaluate",
            "evaluating",
            "evaluation",
            "refine",
            "refinement",
            "responses",
            "outputs",
            "data",
            "annotation",
            "labeling",
            "labelling",
        ],
    )
}

#[cfg(test)]
mod tests;
