//! The work itself: label types (lexicon cues plus verb–object rules like "write prompts",
//! "compare two answers", "rate how well"), the data type, the category derived from them
//! (low confidence), the labelling tool and the subject-matter domains.

use crate::enums::{Category, DataType, LabelType};
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labelling::label_types;
use super::labels::LabelKey;
use super::token::Kind;
use super::volume::Volume;

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
