//! Verb and object cues for label types: writing, collecting, translating and transcribing verbs,
//! the objects that make them annotation work, and the checks that keep weak cues honest.

use crate::enums::{DataType, LabelType};
use crate::text::doc::Doc;
use crate::text::gazetteer::Tag;

use super::*;

/// Verbs that start a writing task ("write prompts", "craft answers").
pub(super) const WRITE_VERBS: &[&str] = &[
    "write",
    "writing",
    "author",
    "authoring",
    "create",
    "creating",
    "craft",
    "crafting",
    "compose",
    "composing",
    "draft",
    "drafting",
];
pub(super) const WRITE_OBJECTS: &[&str] = &[
    "pair",
    "pairs",
    "prompt",
    "prompts",
    "response",
    "responses",
    "answer",
    "answers",
    "problem",
    "problems",
    "question",
    "questions",
    "solution",
    "solutions",
    "dialogue",
    "dialogues",
    "conversation",
    "conversations",
    "story",
    "stories",
    "essay",
    "essays",
    "summary",
    "summaries",
    "explanation",
    "explanations",
    "example",
    "examples",
    "rubric",
    "rubrics",
    "instructions",
    "completions",
    "demonstrations",
    "tasks",
];
/// Verbs that start a data-collection task ("record your voice", "take photos").
pub(super) const COLLECT_VERBS: &[&str] = &[
    "collect",
    "collecting",
    "capture",
    "capturing",
    "take",
    "taking",
    "submit",
    "submitting",
    "record",
    "recording",
    "upload",
    "uploading",
    "photograph",
    "film",
    "filming",
];
const COLLECT_OBJECTS: &[(&str, Option<DataType>)] = &[
    ("photo", Some(DataType::Image)),
    ("photos", Some(DataType::Image)),
    ("image", Some(DataType::Image)),
    ("images", Some(DataType::Image)),
    ("selfie", Some(DataType::Image)),
    ("selfies", Some(DataType::Image)),
    ("pictures", Some(DataType::Image)),
    ("video", Some(DataType::Video)),
    ("videos", Some(DataType::Video)),
    ("clips", Some(DataType::Video)),
    ("footage", Some(DataType::Video)),
    ("audio", Some(DataType::Audio)),
    ("recording", Some(DataType::Audio)),
    ("recordings", Some(DataType::Audio)),
    ("voice", Some(DataType::Audio)),
    ("speech", Some(DataType::Audio)),
    ("phrases", Some(DataType::Audio)),
    ("sentences", Some(DataType::Audio)),
    ("utterances", Some(DataType::Audio)),
    ("yourself", None),
    ("sample", None),
    ("samples", None),
    ("prompts", None),
];
/// Cues that are verbs: "rank model answers" is work even though "model" follows.
pub(super) const VERB_CUES: &[&str] = &[
    "rank",
    "evaluate",
    "assess",
    "grade",
    "classify",
    "categorize",
    "categorise",
    "transcribe",
    "translate",
    "segment",
    "caption",
    "annotate",
];
/// Words right after a cue that make it a skill the candidate has, not the work to do.
pub(super) const SKILL_AFTER: &[&str] = &[
    "experience",
    "background",
    "skills",
    "skill",
    "knowledge",
    "expertise",
    "tools",
    "tool",
    "jobs",
    "roles",
];
/// Words right after a cue that make it technology being built, or a thing the cue qualifies
/// ("segmentation models", "translation requests", "rating scale").
pub(super) const THING_AFTER: &[&str] = &[
    "model",
    "models",
    "algorithm",
    "algorithms",
    "pipeline",
    "pipelines",
    "system",
    "systems",
    "engine",
    "engines",
    "network",
    "networks",
    "architecture",
    "architectures",
    "framework",
    "frameworks",
    "library",
    "libraries",
    "service",
    "services",
    "api",
    "apis",
    "perception",
    "processing",
    "sensor",
    "sensors",
    "research",
    "engineer",
    "engineers",
    "engineering",
    "scientist",
    "scientists",
    "factor",
    "factors",
    "request",
    "requests",
    "conventions",
    "memory",
    "memories",
    "industry",
    "company",
    "companies",
    "agency",
    "agencies",
    "discussion",
    "discussions",
    "rater",
    "raters",
    "evaluator",
    "evaluators",
    "quality",
    "platform",
    "platforms",
    "software",
];
/// Things one "translates" in an office job that are not text in another language.
const TRANSLATE_TRAPS: &[&str] = &[
    "requirements",
    "requirement",
    "needs",
    "designs",
    "design",
    "ideas",
    "idea",
    "insights",
    "vision",
    "strategy",
    "strategies",
    "goals",
    "concepts",
    "data",
    "findings",
    "feedback",
    "mockups",
    "wireframes",
    "specs",
    "specifications",
    "business",
    "complex",
    "technical",
    "action",
    "code",
    "features",
    "solutions",
    "products",
    "reality",
    "results",
    "objectives",
    "priorities",
    "plans",
    "problems",
    "user",
    "customer",
    "it",
    "them",
];
/// Text one translates as language work.
const TRANSLATE_OBJECTS: &[&str] = &[
    "text",
    "texts",
    "website",
    "content",
    "sentences",
    "phrases",
    "strings",
    "documents",
    "document",
    "articles",
    "subtitles",
    "words",
    "pages",
    "app",
    "interface",
    "ui",
    "readme",
    "file",
    "files",
    "messages",
    "audio",
    "recordings",
    "speech",
    "conversations",
    "language",
    "languages",
    "that",
    "this",
    "these",
    "materials",
    "captions",
    "manuals",
    "books",
];
const AUDIO_WORDS: &[&str] = &[
    "audio",
    "speech",
    "spoken",
    "recording",
    "recordings",
    "recorded",
    "voice",
    "files",
    "file",
    "interviews",
    "calls",
    "podcasts",
    "podcast",
    "dictation",
    "dictations",
    "video",
    "videos",
];

pub(super) fn weak_ok(doc: &Doc, i: usize, label: LabelType) -> bool {
    let w = doc.w(i);
    match label {
        LabelType::Rating => {
            if matches!(w, "evaluate" | "evaluation" | "assess") {
                return !doc.any_word(
                    i + 1,
                    i + 4,
                    &[
                        "candidates",
                        "applicants",
                        "applications",
                        "you",
                        "your",
                        "performance",
                        "fit",
                        "technologies",
                        "technology",
                        "tools",
                        "vendors",
                        "solutions",
                        "options",
                        "new",
                        "opportunities",
                        "risks",
                        "risk",
                        "proposals",
                        "requirements",
                        "needs",
                        "feasibility",
                        "impact",
                        "process",
                        "processes",
                    ],
                ) && !purpose_of_data(doc, i);
            }
            if w == "rating" {
                return !doc.is_any(
                    i.wrapping_sub(1),
                    &["credit", "star", "pay", "day", "hourly"],
                );
            }
            if w == "grade" {
                return !doc.is_any(
                    i.wrapping_sub(1),
                    &[
                        "commercial",
                        "enterprise",
                        "production",
                        "graduate",
                        "investment",
                        "pay",
                        "salary",
                    ],
                ) && !doc.punct(i.wrapping_sub(1), '-');
            }
            true
        }
        LabelType::Ranking => !doc.is_any(i + 1, &["and", "file"]) || doc.is(i, "ranking"),
        _ => true,
    }
}

/// "develop, train and evaluate AI software": what the data is for, not the worker's task.
fn purpose_of_data(doc: &Doc, i: usize) -> bool {
    let (a, _) = doc.sentence(i);
    let from = i.saturating_sub(6).max(a);
    doc.any_word(
        from,
        i,
        &[
            "train",
            "develop",
            "build",
            "test",
            "improve",
            "validate",
            "benchmark",
        ],
    ) && (doc.any_word(from, i, &["and", "or"]) || (from..i).any(|k| doc.punct(k, ',')))
}

/// Tokens within 15 of `i` in its sentence (bounded, so long sentences stay linear).
pub(super) fn near(doc: &Doc, i: usize) -> (usize, usize) {
    let (a, b) = doc.sentence(i);
    (a.max(i.saturating_sub(15)), b.min(i + 15))
}

/// Whether a language name or a text object sits near token `i` in its sentence.
fn language_near(doc: &Doc, i: usize) -> bool {
    let (a, b) = near(doc, i);
    doc.hits_in(a, b).any(|h| matches!(h.tag, Tag::Lang(_)))
        || doc.any_word(i + 1, (i + 5).min(b), TRANSLATE_OBJECTS)
}

/// A translation cue the worker performs. Verbs need a text object or a language and no office
/// object ("translate business requirements into designs"); nouns need AI/data work, a language
/// in the title or sentence, and must not qualify another thing ("translation raters").
pub(super) fn translation_ok(doc: &Doc, layout: &Layout, i: usize, context: bool) -> bool {
    let w = doc.w(i);
    let (_, b) = doc.sentence(i);
    let verb = matches!(w, "translate" | "translating");
    if verb {
        // "translate them into English": a target language settles it.
        if doc
            .hits_in(i + 1, (i + 7).min(b))
            .any(|h| matches!(h.tag, Tag::Lang(_)))
        {
            return true;
        }
        let mut j = i + 1;
        while doc.is_any(j, &["the", "our", "your", "a", "an", "all", "new", "any"]) {
            j += 1;
        }
        if doc.is_any(j, TRANSLATE_TRAPS)
            || doc.any_word(j, (j + 3).min(b), &["requirements", "designs", "insights"])
        {
            return false;
        }
        return language_near(doc, i) || context;
    }
    if doc.is_any(i.wrapping_sub(1), &["machine"]) && !context {
        // "machine translation" alone is a tool; still counts when the work is translating.
        return layout.title_language;
    }
    context || layout.title_language || language_near(doc, i)
}

/// A transcription cue about audio ("transcribe the recordings", "audio transcription"), in a
/// title, or in AI/data work; never "transcription factors".
pub(super) fn transcription_ok(doc: &Doc, layout: &Layout, i: usize, context: bool) -> bool {
    let (a, b) = near(doc, i);
    context || layout.in_title(doc, i) || doc.any_word(a, b, AUDIO_WORDS)
}

pub(super) fn collect_dtype(w: &str) -> Option<Option<DataType>> {
    COLLECT_OBJECTS
        .iter()
        .find(|(o, _)| *o == w)
        .map(|(_, d)| *d)
}
