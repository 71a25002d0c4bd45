//! The work itself: label types (lexicon cues plus verb–object rules like "write prompts",
//! "compare two answers", "rate how well"), the data type, the category derived from them
//! (low confidence), the labelling tool and the subject-matter domains.

use crate::enums::{Category, DataType, LabelType};
use crate::lexicon::work::Measure;
use crate::outcome::ParseOutcome;

use super::doc::Doc;
use super::gazetteer::Tag;
use super::labelling::{label_types, work_context, Found, Layout};
use super::labels::LabelKey;
use super::token::Kind;
use super::volume::Volume;

/// A data type and the tokens `[a, b)` it was read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Typed {
    pub dtype: DataType,
    pub a: usize,
    pub b: usize,
}

/// Words after "code" that make it something other than source code.
const CODE_NOT_BEFORE: &[&str] = &[
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
    "tax",
    "job",
    "reference",
    "ethics",
];

/// A data-type mention at hit `h`, when it names data the work is about: code only as source
/// code (not "coding skills", "zip code", "code of conduct"), "spoken" only before a data noun.
fn mention(doc: &Doc, tag: Tag, a: usize, b: usize) -> Option<DataType> {
    // Items ("turns", "reviews", "calls") are often verbs or loose words; files and the
    // data-type cues name the data. Of the media nouns only unambiguous video words count.
    let d = match tag {
        Tag::DType(d) | Tag::Data(Measure::File, Some(d)) => d,
        Tag::Media(Some(DataType::Video))
            if doc.is_any(
                a,
                &[
                    "film", "films", "movie", "movies", "footage", "dashcam", "bodycam", "cctv",
                ],
            ) =>
        {
            DataType::Video
        }
        _ => return None,
    };
    if d == DataType::Code {
        let w = doc.w(a);
        if doc.orig(a).to_lowercase() == "codes"
            || doc.is_any(a.wrapping_sub(1), CODE_NOT_BEFORE)
            || (w == "code" && doc.is_any(b, &["of", "review", "reviews"]))
        {
            return None;
        }
        if matches!(w, "coding" | "programming")
            && !doc.is_any(
                b,
                &[
                    "task",
                    "tasks",
                    "problem",
                    "problems",
                    "challenge",
                    "challenges",
                    "question",
                    "questions",
                    "exercise",
                    "exercises",
                    "prompt",
                    "prompts",
                ],
            )
        {
            return None;
        }
        if w == "repository" && !doc.is_any(a.wrapping_sub(1), &["code", "git", "github"]) {
            return None;
        }
    }
    if d == DataType::Audio && doc.is(a, "voice") {
        // "voice your interest", "a voice in decisions": a verb or a say, not audio.
        let next = doc.w(b);
        if matches!(
            next,
            "interest" | "your" | "any" | "concerns" | "opinion" | "opinions" | "in" | "of"
        ) || doc.is_any(a.wrapping_sub(1), &["a", "to", "please"])
        {
            return None;
        }
    }
    Some(d)
}

/// "spoken" before a data noun ("spoken responses", "spoken English tests") is audio.
fn spoken_at(doc: &Doc, i: usize) -> Option<usize> {
    if !doc.is(i, "spoken") {
        return None;
    }
    let mut j = i + 1;
    if doc.hits_at(j).any(|h| matches!(h.tag, Tag::Lang(_))) {
        j = doc.hits_at(j).map(|h| h.b).max().unwrap_or(j + 1);
    }
    doc.is_any(
        j,
        &[
            "test",
            "tests",
            "response",
            "responses",
            "answer",
            "answers",
            "sample",
            "samples",
            "recording",
            "recordings",
            "dialogue",
            "dialogues",
            "conversation",
            "conversations",
            "utterance",
            "utterances",
            "audio",
            "data",
            "prompts",
            "exam",
            "exams",
            "assessment",
            "assessments",
        ],
    )
    .then_some(j + 1)
}

/// Data-type mentions `(type, a, b)` in tokens `[a, b)`, in the parts that describe the work.
fn mentions(doc: &Doc, layout: &Layout, a: usize, b: usize) -> Vec<Typed> {
    let mut out: Vec<Typed> = doc
        .hits_in(a, b)
        .filter(|h| layout.in_work(doc, h.a))
        .filter_map(|h| {
            mention(doc, h.tag, h.a, h.b).map(|d| Typed {
                dtype: d,
                a: h.a,
                b: h.b,
            })
        })
        .collect();
    for i in a..b.min(doc.toks.len()) {
        if let Some(e) = spoken_at(doc, i) {
            if layout.in_work(doc, i) {
                out.push(Typed {
                    dtype: DataType::Audio,
                    a: i,
                    b: e,
                });
            }
        }
    }
    out.sort_by_key(|t| t.a);
    out
}

/// The type among `among` the work is about: one named in the sentence of the first label,
/// else the one named most often in the work description (ties: `among`'s order).
fn pick(doc: &Doc, all: &[Typed], labels: &[Found], among: &[DataType]) -> Option<Typed> {
    if let Some(f) = labels.first() {
        let (a, b) = doc.sentence(f.a);
        if let Some(t) = all
            .iter()
            .filter(|t| t.a >= a && t.a < b && among.contains(&t.dtype))
            .min_by_key(|t| among.iter().position(|d| *d == t.dtype))
        {
            return Some(*t);
        }
    }
    among
        .iter()
        .enumerate()
        .map(|(rank, d)| {
            let mut hits = all.iter().filter(|t| t.dtype == *d);
            let first = hits.next().copied();
            (
                first.map(|_| 1 + hits.count()).unwrap_or(0),
                std::cmp::Reverse(rank),
                first,
            )
        })
        .filter(|(n, _, _)| *n > 0)
        .max_by_key(|(n, r, _)| (*n, *r))
        .and_then(|(_, _, t)| t)
}

/// "video annotation", "image labelling", "annotation of films", "annotate these videos":
/// the data being annotated, named with the annotation word.
fn annotated_media(doc: &Doc, layout: &Layout) -> Option<Typed> {
    const ANNOTATE: &[&str] = &[
        "annotation",
        "annotations",
        "annotate",
        "annotating",
        "annotator",
        "annotators",
        "labeling",
        "labelling",
        "labeler",
        "labelers",
        "labeller",
        "labellers",
        "tagging",
    ];
    let media = |k: usize| -> Option<DataType> {
        Some(match doc.w(k) {
            "video" | "videos" | "film" | "films" | "footage" | "movie" | "movies" => {
                DataType::Video
            }
            "image" | "images" | "photo" | "photos" | "picture" | "pictures" => DataType::Image,
            "audio" | "speech" => DataType::Audio,
            "text" | "texts" => DataType::Text,
            _ => return None,
        })
    };
    for i in 0..doc.toks.len() {
        let w = doc.w(i);
        // Cheap prefix test first: this runs on every token.
        if !(w.starts_with("annot") || w.starts_with("label") || w == "tagging")
            || !doc.is_any(i, ANNOTATE)
            || !(layout.in_work(doc, i) || layout.in_title(doc, i))
        {
            continue;
        }
        let before = i.wrapping_sub(1);
        if let Some(d) = media(before) {
            return Some(Typed {
                dtype: d,
                a: before,
                b: i + 1,
            });
        }
        let mut j = i + 1;
        if doc.is_any(j, &["of", "these", "the", "those"]) {
            j += 1;
        }
        if doc.is_any(j, &["these", "the", "those", "feature", "short"]) {
            j += 1;
        }
        if let Some(d) = media(j) {
            return Some(Typed {
                dtype: d,
                a: i,
                b: j + 1,
            });
        }
    }
    None
}

/// A sentence of the work description lists three or more kinds of data. Mentions come in text
/// order, so one pass with a bit per kind suffices.
fn mixed_media(doc: &Doc, all: &[Typed]) -> bool {
    let mut sent = u32::MAX;
    let mut kinds = 0u8;
    for t in all {
        let bit = match t.dtype {
            DataType::Text => 1,
            DataType::Image => 2,
            DataType::Audio => 4,
            DataType::Video => 8,
            _ => continue,
        };
        let s = doc.sent(t.a);
        if s != sent {
            sent = s;
            kinds = 0;
        }
        kinds |= bit;
        if kinds.count_ones() >= 3 {
            return true;
        }
    }
    false
}

pub fn data_type(
    doc: &Doc,
    layout: &Layout,
    labels: &[Found],
    volume: Option<&Volume>,
) -> Option<Typed> {
    use DataType::*;
    use LabelType as L;
    if let Some(f) = labels.iter().find(|f| f.label == L::Cuboid3d) {
        return Some(Typed {
            dtype: PointCloud,
            a: f.a,
            b: f.b,
        });
    }
    if let Some(h) = doc
        .hits
        .iter()
        .find(|h| h.tag == Tag::DType(PointCloud) && layout.in_work(doc, h.a))
    {
        return Some(Typed {
            dtype: PointCloud,
            a: h.a,
            b: h.b,
        });
    }
    if let Some(f) = labels.iter().find(|f| f.dtype.is_some()) {
        return f.dtype.map(|d| Typed {
            dtype: d,
            a: f.a,
            b: f.b,
        });
    }
    if let Some(v) = volume {
        if let Some(d) = v.dtype {
            return Some(Typed {
                dtype: d,
                a: v.a,
                b: v.b,
            });
        }
    }
    let all = mentions(doc, layout, 0, doc.toks.len());
    // "Label text, images, audio or video": mixed work has no one data type.
    if mixed_media(doc, &all) {
        return None;
    }
    if let Some(t) = annotated_media(doc, layout) {
        return Some(t);
    }
    if labels.is_empty() {
        return volume.and_then(|_| pick(doc, &all, labels, &[Audio, Video, Image]));
    }
    let first = labels[0];
    let text = Typed {
        dtype: Text,
        a: first.a,
        b: first.b,
    };
    let code = matches!(
        first.label,
        L::Rating | L::Ranking | L::Writing | L::RedTeaming | L::Classification
    )
    .then(|| all.iter().find(|t| t.dtype == Code).copied())
    .flatten();
    if let Some(t) = code {
        return Some(t);
    }
    let near = |among: &[DataType]| pick(doc, &all, labels, among);
    Some(match first.label {
        L::BoundingBox | L::Polygon | L::Segmentation | L::Keypoint | L::Polyline => {
            near(&[Video, Image]).unwrap_or(Typed {
                dtype: Image,
                ..text
            })
        }
        L::Transcription => near(&[Audio, Video]).unwrap_or(Typed {
            dtype: Audio,
            ..text
        }),
        L::DataCollection => near(&[Audio, Image, Video, Text])?,
        L::Captioning => near(&[Image, Video, Audio]).unwrap_or(Typed {
            dtype: Image,
            ..text
        }),
        L::Classification | L::Rating | L::Ranking => {
            near(&[Image, Video, Audio, Text]).unwrap_or(text)
        }
        L::Translation => {
            // Spoken material translated ("translate the audio into English") is audio.
            let (a, b) = doc.sentence(first.a);
            all.iter()
                .find(|t| t.a >= a && t.a < b && t.dtype == Audio)
                .copied()
                .unwrap_or(text)
        }
        L::Sentiment | L::EntityTagging | L::Writing | L::RedTeaming => text,
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

pub fn extract(doc: &Doc, layout: &Layout, out: &mut ParseOutcome, volume: Option<&Volume>) {
    // Pay per item or task is the pay of data work too.
    let context = work_context(doc, layout)
        || volume.is_some()
        || out.fields.price_per_label.is_some()
        || out.fields.payment_type == Some(crate::enums::PaymentType::PayPerLabel);
    let found = label_types(doc, layout, context);
    let labels: Vec<LabelType> = found.iter().map(|f| f.label).collect();
    // In AI/data work, annotation named with its media but no task ("Video Annotator") still
    // sets the data type.
    let typed = if !found.is_empty() || volume.is_some() || context {
        data_type(doc, layout, &found, volume)
    } else {
        None
    };
    let dtype = typed.map(|t| t.dtype);
    for f in &found {
        out.cite("labelTypes", doc.span(f.a, f.b));
    }
    if let Some(t) = typed {
        out.cite("dataType", doc.span(t.a, t.b));
    }
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
            if category.is_some() {
                out.uncite("category");
                out.cite("category", doc.span(start, end));
            }
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
            // Inferred: cite what it was derived from (the first task and the data).
            if let Some(f) = found.first() {
                out.cite("category", doc.span(f.a, f.b));
            }
            if let Some(t) = typed {
                out.cite("category", doc.span(t.a, t.b));
            }
            category = Some(c);
        }
    }
    out.fields.category = category;
    out.fields.data_type = dtype;
    out.fields.label_types = labels;
    software(doc, layout, out);
    if context {
        subject_matter(doc, out);
    }
}

/// The annotation tool the work is done in: named as the tool used ("Tooling: CVAT", "the tool
/// we use is WebAnno", "annotators with CVAT experience"), never one of several listed ("tools
/// such as CVAT, Labelbox or similar"), nor a company or platform name.
fn software(doc: &Doc, layout: &Layout, out: &mut ParseOutcome) {
    const NEEDS_CAP: &[&str] = &[
        "Prodigy",
        "brat",
        "Hasty",
        "INCEpTION",
        "ELAN",
        "Kili",
        "Praat",
    ];
    // A bounded number of tries keeps a text full of tool names linear.
    for h in doc
        .hits
        .iter()
        .filter(|h| matches!(h.tag, Tag::Tool(_)))
        .take(32)
    {
        let Tag::Tool(name) = h.tag else {
            continue;
        };
        if NEEDS_CAP.contains(&name) && !doc.is_cap(h.a) {
            continue;
        }
        if matches!(layout.sec(doc, h.a), super::labelling::Sec::Boiler)
            || doc.label_of(h.a) == Some(LabelKey::Company)
        {
            continue;
        }
        let (a, b) = doc.sentence(h.a);
        // Listed among others: "e.g.", "such as", "etc.", "or similar", two tools in a sentence.
        let tools = doc
            .hits_in(a, b)
            .filter_map(|x| match x.tag {
                Tag::Tool(n) => Some(n),
                _ => None,
            })
            .fold(Vec::new(), |mut v, n| {
                if !v.contains(&n) {
                    v.push(n);
                }
                v
            });
        let listed = tools.len() > 1
            || doc.any_word(a, b, &["e.g.", "eg", "etc", "similar", "including"])
            || doc.has_phrase(a, b, &["such", "as"]);
        // A company: "X Annotators", "a subsidiary of X", "X is a …", "about X", "join X".
        let company = doc.is_any(
            h.b,
            &[
                "annotators",
                "inc",
                "labs",
                "team",
                "community",
                "company",
                "is",
                "ai",
                "careers",
            ],
        ) || doc.is_any(
            h.a.wrapping_sub(1),
            &["of", "about", "join", "at", "by", "from", "with"],
        ) && !doc.is_any(h.b, &["experience", "tool", "platform", "interface"]);
        let used = doc.label_of(h.a) == Some(LabelKey::Tool)
            || doc.any_word(
                a,
                b,
                &[
                    "tool",
                    "tools",
                    "tooling",
                    "platform",
                    "interface",
                    "software",
                    "use",
                    "using",
                    "used",
                    "uses",
                    "in",
                    "on",
                    "via",
                    "with",
                    "inside",
                    "experience",
                ],
            );
        if listed || company || !used {
            continue;
        }
        out.fields.labeling_software = Some(name.to_string());
        out.cite("labelingSoftware", doc.span(h.a, h.b));
        return;
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
            out.cite("subjectMatter", doc.span(h.a, h.b));
        }
    }
    out.fields.subject_matter = domains;
}
