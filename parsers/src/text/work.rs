//! The work itself: label types (lexicon cues plus verb–object rules like "write prompts",
//! "compare two answers", "rate how well"), the data type, the category derived from them
//! (low confidence), the labelling tool and the subject-matter domains.

use crate::enums::{Category, DataType, LabelType};
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labels::LabelKey;
use super::token::Kind;
use super::volume::Volume;

const WRITE_VERBS: &[&str] = &[
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
const WRITE_OBJECTS: &[&str] = &[
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
const COLLECT_VERBS: &[&str] = &[
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
const COLLECT_OBJECTS: &[&str] = &[
    "photo",
    "photos",
    "image",
    "images",
    "video",
    "videos",
    "audio",
    "recording",
    "recordings",
    "sample",
    "samples",
    "selfie",
    "selfies",
    "voice",
    "yourself",
    "prompts",
    "clips",
    "speech",
    "pictures",
    "phrases",
    "sentences",
    "utterances",
    "footage",
];
/// Words right after a cue that make it a skill the candidate has, not the work to do.
const SKILL_AFTER: &[&str] = &[
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

fn weak_ok(doc: &Doc, i: usize, label: LabelType) -> bool {
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
                    ],
                );
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
                    ],
                ) && !doc.punct(i.wrapping_sub(1), '-');
            }
            true
        }
        LabelType::Ranking => !doc.is_any(i + 1, &["and", "file"]) || doc.is(i, "ranking"),
        LabelType::Translation => true,
        _ => true,
    }
}

fn push(list: &mut Vec<LabelType>, l: LabelType) {
    if !list.contains(&l) {
        list.push(l);
    }
}

fn rule_labels(doc: &Doc, found: &mut Vec<(usize, LabelType)>) {
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        if w.is_empty() {
            continue;
        }
        let (_, sb) = doc.sentence(i);
        let window = (i + 8).min(sb);
        if WRITE_VERBS.contains(&w) && doc.any_word(i + 1, window, WRITE_OBJECTS) {
            found.push((i, LabelType::Writing));
        }
        if COLLECT_VERBS.contains(&w) && doc.any_word(i + 1, (i + 4).min(sb), COLLECT_OBJECTS) {
            found.push((i, LabelType::DataCollection));
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
            found.push((i, LabelType::Rating));
        }
        if matches!(w, "review" | "reviewing" | "check" | "checking")
            && doc.has_phrase(i + 1, (i + 7).min(sb), &["for", "accuracy"])
        {
            found.push((i, LabelType::Rating));
        }
        if matches!(w, "tag" | "tagging")
            && doc.any_word(
                i + 1,
                (i + 6).min(sb),
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
        {
            found.push((i, LabelType::Classification));
        }
        if matches!(w, "score" | "scoring")
            && doc.is_any(
                i + 1,
                &["the", "each", "responses", "answers", "outputs", "them"],
            )
        {
            found.push((i, LabelType::Rating));
        }
        if matches!(w, "compare" | "comparing" | "comparison" | "comparisons")
            && doc.any_word(
                i + 1,
                (i + 5).min(sb),
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
        {
            found.push((i, LabelType::Ranking));
        }
        if matches!(
            w,
            "pick" | "choose" | "select" | "picking" | "choosing" | "selecting"
        ) && doc.is(i + 1, "the")
            && doc.is_any(i + 2, &["better", "best", "preferred"])
        {
            found.push((i, LabelType::Ranking));
        }
        if w == "label"
            && doc.any_word(i + 1, (i + 5).min(sb), &["as"])
            && doc.any_word(i + 2, (i + 8).min(sb), &["or"])
        {
            found.push((i, LabelType::Classification));
        }
    }
}

/// Label types in order of first mention; weak cues only in an AI/data context.
pub fn label_types(doc: &Doc, context: bool) -> Vec<LabelType> {
    let mut found: Vec<(usize, LabelType)> = Vec::new();
    for h in &doc.hits {
        let Tag::Label(label, strong) = h.tag else {
            continue;
        };
        if doc.is_any(h.b, SKILL_AFTER) || (doc.punct(h.b, '-') && doc.is_any(h.b + 1, SKILL_AFTER))
        {
            continue;
        }
        if doc.label_of(h.a) == Some(LabelKey::Experience)
            || doc.label_of(h.a) == Some(LabelKey::Skills)
        {
            continue;
        }
        if strong || (context && weak_ok(doc, h.a, label)) {
            found.push((h.a, label));
        }
    }
    if context {
        rule_labels(doc, &mut found);
    }
    found.sort_by_key(|(i, _)| *i);
    let mut out = Vec::new();
    for (_, l) in found {
        push(&mut out, l);
    }
    out
}

fn code_mention(doc: &Doc) -> bool {
    doc.hits.iter().any(|h| {
        h.tag == Tag::DType(DataType::Code)
            && doc.orig(h.a).to_lowercase() != "codes"
            && !(doc.is(h.a, "code")
                && (doc.is_any(
                    h.a.wrapping_sub(1),
                    &[
                        "zip",
                        "dress",
                        "postal",
                        "promo",
                        "discount",
                        "country",
                        "area",
                        "referral",
                        "coupon",
                        "qr",
                        "access",
                        "invite",
                        "invitation",
                    ],
                ) || doc.is(h.b, "of")))
    })
}

/// The first of `among` (in that priority order) that the text mentions.
fn first_dtype(doc: &Doc, among: &[DataType]) -> Option<DataType> {
    among.iter().copied().find(|want| {
        doc.hits
            .iter()
            .any(|h| matches!(h.tag, Tag::DType(d) | Tag::Data(_, Some(d)) if d == *want))
    })
}

pub fn data_type(doc: &Doc, labels: &[LabelType], volume: Option<&Volume>) -> Option<DataType> {
    use DataType::*;
    use LabelType as L;
    if doc.hits.iter().any(|h| h.tag == Tag::DType(PointCloud)) || labels.contains(&L::Cuboid3d) {
        return Some(PointCloud);
    }
    if labels.first() == Some(&L::DataCollection) {
        if let Some(d) = first_dtype(doc, &[Audio, Video, Image]) {
            return Some(d);
        }
    }
    if let Some(d) = volume.and_then(|v| v.dtype) {
        return Some(d);
    }
    if labels.is_empty() && volume.is_some() {
        return first_dtype(doc, &[Audio, Video, Image]);
    }
    if code_mention(doc) {
        return Some(Code);
    }
    let first = *labels.first()?;
    let video = first_dtype(doc, &[Video]).is_some();
    Some(match first {
        L::BoundingBox | L::Polygon | L::Segmentation | L::Keypoint | L::Polyline => {
            if video {
                Video
            } else {
                Image
            }
        }
        L::Transcription => {
            if video {
                Video
            } else {
                Audio
            }
        }
        L::DataCollection => first_dtype(doc, &[Audio, Image, Video, Text])?,
        L::Captioning => first_dtype(doc, &[Image, Video, Audio]).unwrap_or(Image),
        L::Classification | L::Rating | L::Ranking => {
            first_dtype(doc, &[Image, Video, Audio, Text]).unwrap_or(Text)
        }
        L::Sentiment | L::EntityTagging | L::Translation | L::Writing | L::RedTeaming => {
            first_dtype(doc, &[Audio, Text])
                .filter(|d| *d == Text || first == L::Translation)
                .unwrap_or(Text)
        }
        _ => return None,
    })
}

/// The category a person would file this work under, from label types and data type.
pub fn derive_category(
    doc: &Doc,
    labels: &[LabelType],
    dtype: Option<DataType>,
) -> Option<Category> {
    use LabelType as L;
    let genai = doc.hits.iter().any(|h| h.tag == Tag::GenAi);
    Some(if labels.contains(&L::DataCollection) {
        Category::DataCollection
    } else if dtype == Some(DataType::Code) {
        Category::SoftwareEngineering
    } else if labels
        .iter()
        .any(|l| matches!(l, L::Ranking | L::Writing | L::RedTeaming))
        || (genai && labels.iter().any(|l| matches!(l, L::Rating)))
    {
        Category::GenerativeAiRlhf
    } else if dtype == Some(DataType::Audio) || labels.contains(&L::Transcription) {
        Category::AudioAnnotation
    } else if dtype == Some(DataType::Video) {
        Category::VideoAnnotation
    } else if matches!(dtype, Some(DataType::Image | DataType::PointCloud)) {
        Category::ImageAnnotation
    } else if dtype == Some(DataType::Text) {
        Category::TextAnnotation
    } else {
        return None;
    })
}

pub fn extract(doc: &Doc, out: &mut ParseOutcome, volume: Option<&Volume>) {
    let context = doc.ai_context || volume.is_some() || out.fields.price_per_label.is_some();
    let labels = label_types(doc, context);
    let dtype = if !labels.is_empty() || volume.is_some() {
        data_type(doc, &labels, volume)
    } else {
        None
    };
    let mut category = None;
    for (line, key) in doc.line_keys.iter().enumerate() {
        if *key == Some(LabelKey::Category) {
            let start = doc.line_value_start.get(line).copied().unwrap_or(0);
            let mut end = start;
            while end < doc.toks.len() && doc.line(end) == line && doc.toks[end].kind != Kind::Break
            {
                end += 1;
            }
            category = Category::from_loose(doc.span_text(start, end).trim()).map(|(c, _)| c);
        }
    }
    if category.is_none() {
        if let Some(c) = derive_category(doc, &labels, dtype) {
            let mut parts = Vec::new();
            if !labels.is_empty() {
                let names: Vec<&str> = labels.iter().map(|l| l.as_str()).collect();
                parts.push(format!("labelTypes {}", names.join(", ")));
            }
            if let Some(d) = dtype {
                parts.push(format!("dataType {}", d.as_str()));
            }
            out.low(
                "category",
                format!("Derived {} from {}.", c.as_str(), parts.join(" and ")),
            );
            category = Some(c);
        }
    }
    out.fields.category = category;
    out.fields.data_type = dtype;
    out.fields.label_types = labels;
    software(doc, out);
    if context {
        subject_matter(doc, out);
    }
}

fn software(doc: &Doc, out: &mut ParseOutcome) {
    const NEEDS_CAP: &[&str] = &[
        "Prodigy",
        "Hive",
        "brat",
        "Hasty",
        "INCEpTION",
        "ELAN",
        "Kili",
        "Praat",
    ];
    for h in &doc.hits {
        if let Tag::Tool(name) = h.tag {
            if NEEDS_CAP.contains(&name) && !doc.is_cap(h.a) {
                continue;
            }
            out.fields.labeling_software = Some(name.to_string());
            return;
        }
    }
}

fn subject_matter(doc: &Doc, out: &mut ParseOutcome) {
    const BENEFITS: &[&str] = &[
        "insurance",
        "benefits",
        "benefit",
        "leave",
        "coverage",
        "plan",
        "plans",
        "reimbursement",
        "stipend",
    ];
    let mut domains: Vec<String> = Vec::new();
    for h in &doc.hits {
        let Tag::Domain(name) = h.tag else {
            continue;
        };
        let w = doc.w(h.a);
        let next = doc.w(h.b);
        let prev = doc.w(h.a.wrapping_sub(1));
        if BENEFITS.contains(&next)
            || matches!(prev, "health" | "dental" | "medical" | "life") && name == "insurance"
        {
            continue;
        }
        if w == "legal"
            && matches!(
                next,
                "right"
                    | "rights"
                    | "name"
                    | "status"
                    | "age"
                    | "entity"
                    | "requirements"
                    | "requirement"
                    | "notice"
                    | "disclaimer"
                    | "information"
                    | "team"
                    | "department"
            )
        {
            continue;
        }
        if w == "law" && matches!(prev, "by" | "applicable" | "under" | "with" | "the") {
            continue;
        }
        if w == "history"
            && matches!(
                prev,
                "work"
                    | "employment"
                    | "browsing"
                    | "purchase"
                    | "payment"
                    | "credit"
                    | "chat"
                    | "conversation"
                    | "search"
            )
        {
            continue;
        }
        if w == "education"
            && (doc.label_of(h.a).is_some()
                || doc
                    .line_keys
                    .get(doc.line(h.a))
                    .is_some_and(|k| k.is_some())
                || matches!(
                    next,
                    "level" | "requirement" | "requirements" | "background"
                ))
        {
            continue;
        }
        if !domains.iter().any(|d| d == name) && domains.len() < 5 {
            domains.push(name.to_string());
        }
    }
    out.fields.subject_matter = domains;
}
