//! Verb–object rules that read label types from sentences ("write prompts", "compare two
//! answers", "record photos"), in Latin scripts and in CJK text.

use crate::enums::{DataType, LabelType};
use crate::text::classes;
use crate::text::doc::Doc;
use crate::text::token::Kind;

use super::*;

/// The words the rating, comparing and labelling rules start at.
const RATING_STARTS: &[&str] = &[
    "rate",
    "review",
    "reviewing",
    "check",
    "checking",
    "tag",
    "tagging",
    "score",
    "scoring",
    "compare",
    "comparing",
    "comparison",
    "comparisons",
    "pick",
    "choose",
    "select",
    "picking",
    "choosing",
    "selecting",
    "label",
];

/// Every word a rule in [`rule_labels`] starts at (its gate class,
/// [`classes::LABEL_RULE_START`](crate::text::classes::LABEL_RULE_START)); a word a new rule
/// starts at must be listed here too.
pub(in crate::text) fn rule_start_words() -> impl Iterator<Item = &'static str> {
    let verbs = WRITE_VERBS.iter().chain(COLLECT_VERBS).chain(RATING_STARTS);
    verbs.copied().chain(["recorded"])
}

pub(super) fn rule_labels(doc: &Doc, layout: &Layout, found: &mut Vec<Found>) {
    // Whether the posting recruits study participants: asked only for "collect data" and
    // "be recorded", so most texts never pay for the scan.
    let study_cell = std::cell::OnceCell::new();
    let study = || {
        *study_cell.get_or_init(|| {
            doc.any_word(
                0,
                doc.toks.len(),
                &["participants", "participant", "study", "volunteers"],
            )
        })
    };
    let mut push = |a: usize, b: usize, label: LabelType, dtype: Option<DataType>| {
        found.push(Found {
            label,
            a,
            b,
            dtype,
            verb: true,
        })
    };
    for i in doc.words_in(classes::LABEL_RULE_START) {
        let w = doc.w(i);
        let (_, sb) = doc.sentence(i);
        let relevant = |k: usize| layout.in_work(doc, k);
        let window = (i + 8).min(sb);
        if WRITE_VERBS.contains(&w) {
            if let Some(k) = (i + 1..window).find(|&k| doc.is_any(k, WRITE_OBJECTS)) {
                // "your work will be used to create …": the data's purpose, not the task.
                let purpose = doc.is(i.wrapping_sub(1), "to")
                    && doc.is_any(i.wrapping_sub(2), &["used", "help", "helps", "order"]);
                if relevant(i) && !purpose {
                    push(i, k + 1, LabelType::Writing, None);
                }
            } else if let Some(k) =
                (i + 1..(i + 4).min(sb)).find(|&k| doc.is_any(k, &["captions", "caption", "alt"]))
            {
                if relevant(i) {
                    push(i, k + 1, LabelType::Captioning, None);
                }
            }
        }
        if COLLECT_VERBS.contains(&w) && relevant(i) {
            let end = (i + 7).min(sb);
            let obj = (i + 1..end).find_map(|k| {
                if doc.is(k, "data") && matches!(w, "collect" | "collecting") && study() {
                    return Some((k, None));
                }
                collect_dtype(doc.w(k)).map(|d| (k, d))
            });
            if let Some((k, d)) = obj {
                push(i, k + 1, LabelType::DataCollection, d);
            }
        }
        // "you will be recorded", "the session will be audio-recorded".
        if w == "recorded"
            && relevant(i)
            && study()
            && !doc.any_word(i.saturating_sub(4), i, &["not", "never", "no"])
        {
            let media = if doc.punct(i.wrapping_sub(1), '-') {
                match doc.w(i.wrapping_sub(2)) {
                    "audio" | "voice" => Some(Some(DataType::Audio)),
                    "video" => Some(Some(DataType::Video)),
                    _ => None,
                }
            } else if doc.is_any(i.wrapping_sub(1), &["be", "being", "get"]) {
                Some(None)
            } else {
                None
            };
            if let Some(d) = media {
                let a = if d.is_some() { i - 2 } else { i - 1 };
                push(a, i + 1, LabelType::DataCollection, d);
            }
        }
        if !RATING_STARTS.contains(&w) || !relevant(i) {
            continue;
        }
        if w == "rate"
            && doc.is_any(
                i + 1,
                &[
                    "how",
                    "the",
                    "each",
                    "responses",
                    "answers",
                    "outputs",
                    "quality",
                    "whether",
                    "them",
                    "their",
                    "model",
                    "ai",
                    "chatbot",
                    "search",
                    "results",
                ],
            )
            && !doc.is_any(
                i.wrapping_sub(1),
                &[
                    "the",
                    "hourly",
                    "pay",
                    "flat",
                    "per",
                    "a",
                    "day",
                    "your",
                    "our",
                    "competitive",
                    "base",
                ],
            )
        {
            push(i, i + 2, LabelType::Rating, None);
        }
        if matches!(w, "review" | "reviewing" | "check" | "checking") {
            if let Some(k) =
                (i + 1..(i + 7).min(sb)).find(|&k| doc.phrase_at(k, &["for", "accuracy"]).is_some())
            {
                push(i, k + 2, LabelType::Rating, None);
            }
        }
        // "tag the topic", not "our tagging interface".
        if matches!(w, "tag" | "tagging")
            && !doc.is_any(
                i + 1,
                &[
                    "interface",
                    "tool",
                    "tools",
                    "platform",
                    "software",
                    "guidelines",
                    "system",
                ],
            )
        {
            if let Some(k) = (i + 1..(i + 6).min(sb)).find(|&k| {
                doc.is_any(
                    k,
                    &[
                        "emotion",
                        "emotions",
                        "topic",
                        "topics",
                        "category",
                        "categories",
                        "intent",
                        "intents",
                        "attributes",
                        "attribute",
                        "genre",
                        "language",
                        "toxicity",
                    ],
                )
            }) {
                push(i, k + 1, LabelType::Classification, None);
            }
        }
        if matches!(w, "score" | "scoring")
            && doc.is_any(
                i + 1,
                &["the", "each", "responses", "answers", "outputs", "them"],
            )
        {
            push(i, i + 2, LabelType::Rating, None);
        }
        if matches!(w, "compare" | "comparing" | "comparison" | "comparisons") {
            if let Some(k) = (i + 1..(i + 5).min(sb)).find(|&k| {
                doc.is_any(
                    k,
                    &[
                        "two",
                        "responses",
                        "answers",
                        "outputs",
                        "pairs",
                        "completions",
                        "models",
                    ],
                )
            }) {
                push(i, k + 1, LabelType::Ranking, None);
            }
        }
        if matches!(
            w,
            "pick" | "choose" | "select" | "picking" | "choosing" | "selecting"
        ) && doc.is(i + 1, "the")
            && doc.is_any(i + 2, &["better", "best", "preferred"])
        {
            push(i, i + 3, LabelType::Ranking, None);
        }
        if w == "label"
            && doc.any_word(i + 1, (i + 5).min(sb), &["as"])
            && doc.any_word(i + 2, (i + 8).min(sb), &["or"])
        {
            push(i, i + 1, LabelType::Classification, None);
        }
    }
}

/// Chinese postings: "语音采集" (speech collection), "录音" (recording), "转写" (transcription).
pub(super) fn cjk_labels(doc: &Doc, layout: &Layout, found: &mut Vec<Found>) {
    for (i, t) in doc.toks.iter().enumerate() {
        if t.kind != Kind::Word || doc.text.as_bytes().get(t.s).is_none_or(|b| b.is_ascii()) {
            continue;
        }
        let w = doc.orig(i);
        if !layout.in_work(doc, i) {
            continue;
        }
        let audio = ["语音", "音频", "录音"].iter().any(|c| w.contains(c));
        let image = ["图片", "照片", "图像"].iter().any(|c| w.contains(c));
        let video = w.contains("视频");
        if w.contains("采集") && (audio || image || video) {
            let d = if audio {
                DataType::Audio
            } else if video {
                DataType::Video
            } else {
                DataType::Image
            };
            found.push(Found {
                label: LabelType::DataCollection,
                a: i,
                b: i + 1,
                dtype: Some(d),
                verb: true,
            });
        }
        if (w.contains("转写") || w.contains("听写")) && audio {
            found.push(Found {
                label: LabelType::Transcription,
                a: i,
                b: i + 1,
                dtype: Some(DataType::Audio),
                verb: true,
            });
        }
    }
}
