//! Synthesized titles: when the text has no title line, one is built from the label type, the
//! language (for language-bound work) and the counted data ("Spanish Sentiment Labeling —
//! Social Media Posts"); the caller marks it low confidence.

use crate::enums::LabelType;
use crate::outcome::ParseOutcome;

use super::title::title_case;
use super::volume::Volume;

fn task_name(label: LabelType) -> &'static str {
    use LabelType::*;
    match label {
        BoundingBox => "Bounding Box Annotation",
        Polygon => "Polygon Annotation",
        Segmentation => "Segmentation",
        Keypoint => "Keypoint Annotation",
        Polyline => "Polyline Annotation",
        Cuboid3d => "3D Cuboid Annotation",
        Classification => "Classification",
        Sentiment => "Sentiment Labeling",
        EntityTagging => "Entity Tagging",
        Transcription => "Transcription",
        Translation => "Translation",
        Captioning => "Captioning",
        Ranking => "Response Ranking",
        Rating => "Rating",
        Writing => "Writing",
        RedTeaming => "Red Teaming",
        DataCollection => "Data Collection",
        Other => "Annotation",
    }
}

pub fn synthesize(out: &ParseOutcome, volume: Option<&Volume>) -> Option<String> {
    use LabelType::*;
    let label = *out.fields.label_types.first()?;
    let mut task = task_name(label).to_string();
    let language_bound = matches!(
        label,
        Sentiment
            | EntityTagging
            | Transcription
            | Writing
            | Rating
            | Ranking
            | Classification
            | DataCollection
            | Captioning
    );
    if language_bound && out.fields.languages.len() == 1 {
        task = format!("{} {task}", out.fields.languages[0]);
    }
    let phrase = volume.map(|v| {
        let p = v.phrase.trim();
        let lower = p.to_lowercase();
        let p = ["hours of ", "hour of ", "minutes of ", "hrs of ", "h of "]
            .iter()
            .find_map(|pre| lower.starts_with(pre).then(|| &p[pre.len()..]))
            .unwrap_or(p);
        p.split(['.', ',', ';', '(', ')'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    });
    match phrase.filter(|p| !p.is_empty() && p.chars().count() <= 60) {
        Some(p) => Some(format!("{task} — {}", title_case(&p))),
        None => Some(task),
    }
}
