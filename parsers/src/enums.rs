//! The closed value sets of the field catalog (DESIGN.md §3.1): canonical UPPER_SNAKE strings,
//! display labels, and a forgiving lookup that accepts case and label variants.

use serde::{Deserialize, Serialize};

/// Defines a catalog enum: canonical names, display labels and loose parsing in one place,
/// so that the catalog, PATCH normalization and every parser agree on the same table.
macro_rules! catalog_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($canon:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $canon)] $variant),+
        }

        impl $name {
            /// Every value, in catalog order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical wire value (UPPER_SNAKE).
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $canon),+ }
            }

            /// The human display label.
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Canonical names, in catalog order (for `enumValues`).
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }

            /// Exact canonical match only.
            pub fn from_canonical(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            /// Canonical name, or a case/spacing/label variant of it ("intermediate",
            /// "Pay per hour", "pay-per-hour"). Returns the value and whether it was exact.
            pub fn from_loose(s: &str) -> Option<(Self, bool)> {
                if let Some(v) = Self::from_canonical(s) {
                    return Some((v, true));
                }
                let key = crate::enums::fold_enum_key(s);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| crate::enums::fold_enum_key(v.as_str()) == key
                        || crate::enums::fold_enum_key(v.label()) == key)
                    .map(|v| (v, false))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Folds an enum spelling to compare variants: letters and digits only, lowercase.
pub fn fold_enum_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

catalog_enum!(
    /// Marketplace category; derived from labelTypes/dataType when absent.
    Category {
        ImageAnnotation => ("IMAGE_ANNOTATION", "Image Annotation"),
        VideoAnnotation => ("VIDEO_ANNOTATION", "Video Annotation"),
        TextAnnotation => ("TEXT_ANNOTATION", "Text Annotation"),
        AudioAnnotation => ("AUDIO_ANNOTATION", "Audio Annotation"),
        GenerativeAiRlhf => ("GENERATIVE_AI_RLHF", "Generative AI & RLHF"),
        DataCollection => ("DATA_COLLECTION", "Data Collection"),
        SoftwareEngineering => ("SOFTWARE_ENGINEERING", "Software Engineering"),
        Other => ("OTHER", "Other"),
    }
);

catalog_enum!(
    /// The kind of data being worked on.
    DataType {
        Text => ("TEXT", "Text"),
        Image => ("IMAGE", "Image"),
        Video => ("VIDEO", "Video"),
        Audio => ("AUDIO", "Audio"),
        PointCloud => ("POINT_CLOUD", "Point cloud"),
        Code => ("CODE", "Code"),
        Multimodal => ("MULTIMODAL", "Multimodal"),
        Other => ("OTHER", "Other"),
    }
);

catalog_enum!(
    /// The kind of labelling work.
    LabelType {
        BoundingBox => ("BOUNDING_BOX", "Bounding box"),
        Polygon => ("POLYGON", "Polygon"),
        Segmentation => ("SEGMENTATION", "Segmentation"),
        Keypoint => ("KEYPOINT", "Keypoint"),
        Polyline => ("POLYLINE", "Polyline"),
        Cuboid3d => ("CUBOID_3D", "3D cuboid"),
        Classification => ("CLASSIFICATION", "Classification"),
        Sentiment => ("SENTIMENT", "Sentiment"),
        EntityTagging => ("ENTITY_TAGGING", "Entity tagging"),
        Transcription => ("TRANSCRIPTION", "Transcription"),
        Translation => ("TRANSLATION", "Translation"),
        Captioning => ("CAPTIONING", "Captioning"),
        Ranking => ("RANKING", "Ranking"),
        Rating => ("RATING", "Rating"),
        Writing => ("WRITING", "Writing"),
        RedTeaming => ("RED_TEAMING", "Red teaming"),
        DataCollection => ("DATA_COLLECTION", "Data collection"),
        Other => ("OTHER", "Other"),
    }
);

catalog_enum!(
    /// Unit of `dataVolume`.
    DataVolumeUnit {
        HoursOfRecordingAudioVideo => ("HOURS_OF_RECORDING_AUDIO_VIDEO", "Hours of recording (audio/video)"),
        NumberOfFiles => ("NUMBER_OF_FILES", "Number of files"),
        NumberOfWords => ("NUMBER_OF_WORDS", "Number of words"),
        UnknownNotSpecified => ("UNKNOWN_NOT_SPECIFIED", "Unknown / not specified"),
    }
);

catalog_enum!(
    /// Minimum experience the work needs.
    ExperienceLevel {
        Expert => ("EXPERT", "Expert"),
        Intermediate => ("INTERMEDIATE", "Intermediate"),
        EntryLevel => ("ENTRY_LEVEL", "Entry level"),
        AnyExperienceLevel => ("ANY_EXPERIENCE_LEVEL", "Any experience level"),
    }
);

catalog_enum!(
    /// How the work is paid; selects which price field is required.
    PaymentType {
        PayPerHour => ("PAY_PER_HOUR", "Pay per hour"),
        PayPerLabel => ("PAY_PER_LABEL", "Pay per label"),
        FixedPrice => ("FIXED_PRICE", "Fixed price"),
    }
);

catalog_enum!(
    /// Period of an advertised salary range.
    SalaryPeriod {
        Hour => ("HOUR", "Hour"),
        Day => ("DAY", "Day"),
        Week => ("WEEK", "Week"),
        Month => ("MONTH", "Month"),
        Year => ("YEAR", "Year"),
    }
);

catalog_enum!(
    /// Google for Jobs employment types.
    EmploymentType {
        FullTime => ("FULL_TIME", "Full-time"),
        PartTime => ("PART_TIME", "Part-time"),
        Contractor => ("CONTRACTOR", "Contractor"),
        Temporary => ("TEMPORARY", "Temporary"),
        Intern => ("INTERN", "Intern"),
        Volunteer => ("VOLUNTEER", "Volunteer"),
        PerDiem => ("PER_DIEM", "Per diem"),
        Other => ("OTHER", "Other"),
    }
);

catalog_enum!(
    /// Where the work happens.
    LocationType {
        Remote => ("REMOTE", "Remote"),
        Hybrid => ("HYBRID", "Hybrid"),
        Onsite => ("ONSITE", "On-site"),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_lookup_accepts_case_and_labels_but_flags_them() {
        assert_eq!(
            ExperienceLevel::from_loose("INTERMEDIATE"),
            Some((ExperienceLevel::Intermediate, true))
        );
        assert_eq!(
            ExperienceLevel::from_loose("intermediate"),
            Some((ExperienceLevel::Intermediate, false))
        );
        assert_eq!(
            PaymentType::from_loose("Pay per hour"),
            Some((PaymentType::PayPerHour, false))
        );
        assert_eq!(
            LocationType::from_loose("on-site"),
            Some((LocationType::Onsite, false))
        );
        assert_eq!(PaymentType::from_loose("weekly"), None);
    }
}
