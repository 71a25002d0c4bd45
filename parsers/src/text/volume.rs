//! Data volume: a count bound to a data noun ("50,000 dashcam images", "~20,000 posts",
//! "300,000 words") or hours/minutes of recordings ("150 hours of French radio interviews",
//! "600 minutes of audio" → 10 hours). Counts per person or per item are not the dataset's size.

use crate::enums::{DataType, DataVolumeUnit, LabelType};
use crate::lexicon::work::Measure;
use crate::outcome::ParseOutcome;

use super::bind::{self, Head, TimeUnit};
use super::doc::Doc;
use super::gazetteer::Tag;
use super::labelling::{track_record, Layout, Sec, TitleKind};
use super::numbers::Quant;

/// A volume read from the text, kept for the title and the data type.
#[derive(Debug, Clone)]
pub struct Volume {
    pub value: f64,
    pub unit: DataVolumeUnit,
    /// The counted noun phrase as written ("dashcam images").
    pub phrase: String,
    pub dtype: Option<DataType>,
    pub inferred: bool,
    pub noun: String,
    /// Tokens `[a, b)` the volume was read from (the count and its noun).
    pub a: usize,
    pub b: usize,
}

/// A dataset is not "two responses" or "5 images": tiny counts are the shape of one task.
fn usable(q: &Quant) -> bool {
    !q.is_money() && !q.percent && !q.compound && q.hi >= if q.word { 100.0 } else { 10.0 }
}

/// Words before the count that make it the size of one batch or a per-person quota.
fn batch_before(doc: &Doc, q: &Quant) -> bool {
    doc.is(q.a.wrapping_sub(1), "of")
        && doc.is_any(
            q.a.wrapping_sub(2),
            &[
                "batch", "batches", "set", "sets", "group", "groups", "chunk", "chunks", "bundle",
                "bundles", "pack", "packs",
            ],
        )
}

/// "300 invoices each week", "50 tickets every day": a rate of work, not a dataset.
fn per_time_after(doc: &Doc, end: usize) -> bool {
    doc.is_any(end, &["each", "every", "per", "a"])
        && matches!(
            bind::time_unit(doc.w(end + 1)),
            Some(TimeUnit::Day | TimeUnit::Week | TimeUnit::Month | TimeUnit::Hour)
        )
}

/// The media noun after "hours of", if any ("hours of French radio interviews").
fn media_after_of(doc: &Doc, at: usize) -> Option<Option<DataType>> {
    if !doc.is(at, "of") {
        return None;
    }
    let (_, end) = doc.sentence(at);
    let stop = (at + 6).min(end);
    let mut j = at + 1;
    while j < stop {
        for h in doc.hits_at(j) {
            match h.tag {
                Tag::Media(d) => return Some(d),
                Tag::Data(_, Some(d @ (DataType::Audio | DataType::Video))) => {
                    return Some(Some(d))
                }
                _ => {}
            }
        }
        if doc.is_any(
            j,
            &[
                "work",
                "working",
                "time",
                "training",
                "experience",
                "effort",
            ],
        ) {
            return None;
        }
        j += 1;
    }
    None
}

fn read(doc: &Doc, q: &Quant) -> Option<Volume> {
    let head = bind::head_after(doc, q)?;
    match head {
        Head::Noun {
            tag: Tag::Data(measure, dtype),
            a,
            b,
        } => {
            if bind::per_unit_after(doc, b)
                || bind::per_unit_before(doc, q)
                || batch_before(doc, q)
                || per_time_after(doc, b)
            {
                return None;
            }
            // "40 people reviews", "12 annotator comments": the count is of people.
            if doc.hits_in(q.b, a).any(|h| h.tag == Tag::Person) {
                return None;
            }
            // "essays of 500 words": the size of one item.
            if doc.is(q.a.wrapping_sub(1), "of")
                && doc.hit_ending_at(q.a.saturating_sub(1), |t| matches!(t, Tag::Data(..)))
            {
                return None;
            }
            let (unit, inferred) = match measure {
                Measure::File => (DataVolumeUnit::NumberOfFiles, false),
                Measure::Item => (DataVolumeUnit::NumberOfFiles, true),
                Measure::Word => (DataVolumeUnit::NumberOfWords, false),
                Measure::Token => (DataVolumeUnit::NumberOfWords, true),
            };
            Some(Volume {
                value: if q.range { q.hi } else { q.lo },
                unit,
                phrase: bind::phrase(doc, q, &head),
                dtype,
                inferred,
                noun: doc.span_text(a, b).to_string(),
                a: q.a,
                b,
            })
        }
        Head::Time {
            unit: unit @ (TimeUnit::Hour | TimeUnit::Minute),
            at,
        } => {
            let before = doc.w(q.a.wrapping_sub(1));
            let media_before = matches!(before, "audio" | "video" | "recorded" | "speech");
            let dtype = if let Some(d) = media_after_of(doc, at + 1) {
                d
            } else if matches!(
                doc.w(at + 1),
                "audio" | "video" | "speech" | "footage" | "recording" | "recordings"
            ) && !bind::per_unit_after(doc, at + 2)
            {
                Some(if doc.is(at + 1, "video") || doc.is(at + 1, "footage") {
                    DataType::Video
                } else {
                    DataType::Audio
                })
            } else if media_before {
                Some(if before == "video" {
                    DataType::Video
                } else {
                    DataType::Audio
                })
            } else {
                return None;
            };
            if bind::per_unit_before(doc, q) || batch_before(doc, q) {
                return None;
            }
            let v = if q.range { q.hi } else { q.lo };
            let value = if unit == TimeUnit::Minute {
                v / 60.0
            } else {
                v
            };
            Some(Volume {
                value: (value * 100.0).round() / 100.0,
                unit: DataVolumeUnit::HoursOfRecordingAudioVideo,
                phrase: doc
                    .span_text(at, (at + 6).min(doc.sentence(at).1))
                    .to_string(),
                dtype,
                inferred: false,
                noun: doc.orig(at).to_string(),
                a: q.a,
                b: at + 1,
            })
        }
        _ => None,
    }
}

/// The posting is about data work: AI/labelling words, a strong label cue, or translation and
/// transcription (whose jobs often say neither). "Process 300 invoices a week" in an accounts
/// job is not a dataset.
fn data_work(doc: &Doc) -> bool {
    doc.ai_context
        || doc.hits.iter().any(|h| {
            matches!(
                h.tag,
                Tag::Label(
                    LabelType::Translation | LabelType::Transcription | LabelType::DataCollection,
                    _
                ) | Tag::Label(_, true)
            )
        })
}

/// The count's sentence names labelling work or media ("Classify 9,000 short videos", "50,000
/// sentences of Italian speech"), so even a short note with no AI words states a dataset.
fn data_sentence(doc: &Doc, q: &Quant) -> bool {
    let (a, b) = doc.sentence(q.a);
    let (a, b) = (a.max(q.a.saturating_sub(12)), b.min(q.b + 12));
    doc.any_word(
        a,
        q.a,
        &[
            "rate",
            "rank",
            "review",
            "annotate",
            "label",
            "tag",
            "transcribe",
            "translate",
            "moderate",
            "classify",
            "categorize",
            "categorise",
            "evaluate",
            "score",
            "caption",
            "segment",
        ],
    ) || doc.hits_in(a, b).any(|h| {
        matches!(
            h.tag,
            Tag::Label(..)
                | Tag::DType(
                    DataType::Image | DataType::Video | DataType::Audio | DataType::PointCloud
                )
                | Tag::Data(
                    _,
                    Some(
                        DataType::Image | DataType::Video | DataType::Audio | DataType::PointCloud
                    )
                )
        )
    })
}

/// "you take 15 photos", "read 250 sentences", "record 20 clips": what one person produces in
/// a collection task, not the size of the dataset.
fn produced_by_one(doc: &Doc, q: &Quant) -> bool {
    let (a, _) = doc.sentence(q.a);
    doc.any_word(
        q.a.saturating_sub(4).max(a),
        q.a,
        &[
            "take",
            "takes",
            "record",
            "records",
            "submit",
            "submits",
            "upload",
            "uploads",
            "capture",
            "captures",
            "read",
            "reads",
            "say",
            "speak",
            "photograph",
            "film",
        ],
    )
}

pub fn extract(doc: &Doc, layout: &Layout, out: &mut ParseOutcome) -> Option<Volume> {
    // Another profession's posting ("Data Scientist") states no dataset to label.
    if layout.title == TitleKind::Profession {
        return None;
    }
    // Asked once, and only when some count reads as data at all.
    let data_work_cell = std::cell::OnceCell::new();
    let mut found: Vec<(bool, Volume)> = doc
        .quants
        .iter()
        .filter(|q| usable(q))
        .filter_map(|q| read(doc, q).map(|v| (q, v)))
        .filter_map(|(q, v)| {
            let labelled = doc.label_of(q.a) == Some(super::labels::LabelKey::Volume);
            let keep = labelled
                || ((*data_work_cell.get_or_init(|| data_work(doc)) || data_sentence(doc, q))
                    && !produced_by_one(doc, q)
                    && layout.sec(doc, q.a) != Sec::Boiler
                    && !track_record(doc, q.a));
            keep.then_some((labelled, v))
        })
        .collect();
    // A labelled "Volume:" line states the dataset size on purpose.
    found.sort_by_key(|(labelled, _)| !*labelled);
    let mut found: Vec<Volume> = found.into_iter().map(|(_, v)| v).collect();
    if found.is_empty() {
        return None;
    }
    let first = found.remove(0);
    if let Some(other) = found
        .iter()
        .find(|v| v.unit == first.unit && (v.value - first.value).abs() > f64::EPSILON)
    {
        out.warn(format!(
            "The text states several data volumes ({} {} and {} {}); used the first.",
            first.value, first.noun, other.value, other.noun
        ));
        out.low("dataVolume", "Several volumes stated; picked the first.");
    }
    out.fields.data_volume = Some(first.value);
    out.fields.data_volume_unit = Some(first.unit);
    out.cite("dataVolume", doc.span(first.a, first.b));
    out.cite("dataVolumeUnit", doc.span(first.a, first.b));
    if first.inferred {
        out.low(
            "dataVolumeUnit",
            format!(
                "Inferred {} from \"{}\".",
                first.unit.as_str(),
                first.noun.to_lowercase()
            ),
        );
    }
    Some(first)
}
