//! Label-type examples, each a short posting, and long inputs that must stay linear.

use crate::enums::{DataType, LabelType};
use crate::text::extract;

fn work(text: &str) -> (Vec<LabelType>, Option<DataType>) {
    let out = extract(text);
    (out.fields.label_types, out.fields.data_type)
}

#[test]
fn rating_translations_is_rating_only() {
    let (labels, dtype) = work(
        "Translation Rater (Korean)\nYou will rate machine translations of short chat \
         messages for fluency and evaluate each translation against the source.",
    );
    assert_eq!(labels, vec![LabelType::Rating]);
    assert_eq!(dtype, Some(DataType::Text));
}

#[test]
fn translating_the_audio_keeps_both_tasks() {
    let (labels, dtype) = work(
        "Audio transcription\nTranscribe the Hausa recordings, then translate them into \
         English.",
    );
    assert_eq!(
        labels,
        vec![LabelType::Transcription, LabelType::Translation]
    );
    assert_eq!(dtype, Some(DataType::Audio));
}

#[test]
fn skills_and_boilerplate_are_not_tasks() {
    let (labels, _) = work(
        "RLHF Reviewer\nKey Responsibilities\n- Rank model outputs by helpfulness.\n\
         Requirements\n- Experience with content moderation or text classification.\n\
         About Us\nWe caption millions of images for our customers.",
    );
    assert_eq!(labels, vec![LabelType::Ranking]);
}

#[test]
fn about_the_work_is_the_task_about_the_company_is_not() {
    let (labels, _) = work(
        "Annotation project\nAbout this opportunity\nDraw bounding boxes around cars.\n\
         About Northwind\nWe also transcribe podcasts for our media clients.",
    );
    assert_eq!(labels, vec![LabelType::BoundingBox]);
}

#[test]
fn another_profession_gets_no_work_types() {
    let (labels, dtype) = work(
        "Senior Backend Engineer\nReview code, evaluate new technologies and translate \
         business requirements into designs. We use AI tools and build sentiment models.",
    );
    assert!(labels.is_empty());
    assert_eq!(dtype, None);
}

#[test]
fn collection_takes_its_data_type_from_the_object() {
    let (labels, dtype) = work(
        "Study participants wanted\nWe collect videos of people cooking to train computer \
         vision models. Afterwards you review the recordings.",
    );
    assert_eq!(labels, vec![LabelType::DataCollection]);
    assert_eq!(dtype, Some(DataType::Video));
}

#[test]
fn tool_only_when_used_not_listed_or_a_company() {
    let used = extract("Annotators wanted\nTooling: Label Studio (we provide accounts).");
    assert_eq!(
        used.fields.labeling_software.as_deref(),
        Some("Label Studio")
    );
    let listed = extract(
        "Image annotator\nDraw bounding boxes. Experience with tools such as CVAT, \
         Labelbox or similar is a plus.",
    );
    assert_eq!(listed.fields.labeling_software, None);
    let company = extract(
        "Safety rater\nRate AI answers. This role is with Northstar Data, a subsidiary of \
         Labelbox.",
    );
    assert_eq!(company.fields.labeling_software, None);
}

#[test]
fn work_values_carry_evidence() {
    let out = extract("Data Annotator\nDraw bounding boxes on 4,000 street images in CVAT.");
    for key in [
        "labelTypes",
        "dataType",
        "dataVolume",
        "dataVolumeUnit",
        "labelingSoftware",
        "category",
    ] {
        assert!(
            out.evidence
                .iter()
                .any(|e| e.path == key && e.quote.is_some()),
            "{key} has no evidence"
        );
    }
}

mod long_inputs {
    use crate::text::extract;

    /// 60,000 characters of work cues in one sentence and in bullets stay linear and never panic.
    #[test]
    fn long_cue_soup_is_fine() {
        let soup = "translate evaluate transcribe annotation rating video audio text image \
                    CVAT Labelbox 3 posts hiring 5 annotators ";
        let one_sentence = soup.repeat(60_000 / soup.len());
        let bullets = "- Rank model outputs and caption 20 images\n".repeat(1_400);
        let headings = "Requirements\nAbout us\nWhat you'll do\nVacancy: 2\n".repeat(1_500);
        for text in [one_sentence, bullets, headings] {
            let start = std::time::Instant::now();
            let out = extract(&text);
            assert!(out.fields.job_description.is_some());
            // Generous: debug builds on a shared machine; quadratic work would take seconds.
            assert!(start.elapsed().as_secs() < 5);
        }
    }
}
