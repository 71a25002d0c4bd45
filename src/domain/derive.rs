//! Values the catalog derives from others (DESIGN.md §3.1): the category from label and data types.

use jobdraft_parsers::{Category, DataType, JobFields, LabelType};

/// The category implied by the label types (first) or the data type, with the reason.
pub fn derive_category(fields: &JobFields) -> Option<(Category, String)> {
    for label in &fields.label_types {
        let category = match label {
            LabelType::Ranking | LabelType::Rating | LabelType::Writing | LabelType::RedTeaming => {
                Category::GenerativeAiRlhf
            }
            LabelType::DataCollection => Category::DataCollection,
            LabelType::Transcription if fields.data_type != Some(DataType::Video) => {
                Category::AudioAnnotation
            }
            _ => continue,
        };
        return Some((
            category,
            format!("Derived {category} from label type {label}."),
        ));
    }
    let category = match fields.data_type? {
        DataType::Image | DataType::PointCloud => Category::ImageAnnotation,
        DataType::Video => Category::VideoAnnotation,
        DataType::Text => Category::TextAnnotation,
        DataType::Audio => Category::AudioAnnotation,
        DataType::Code => Category::SoftwareEngineering,
        DataType::Multimodal | DataType::Other => return None,
    };
    Some((
        category,
        format!("Derived {category} from data type {}.", fields.data_type?),
    ))
}
