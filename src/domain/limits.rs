//! Size limits that hold for a draft whatever path it came in by (text, every structured import
//! format, the batch endpoint, `jobdraft import`): a description over the limit is refused, never
//! stored, so no later read or render has to handle it.

use jobdraft_parsers::JobFields;
use serde::Serialize;

/// A long-text field of a parsed document that is over the character limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TextTooLong {
    /// The catalog key (`jobDescription`, `labelingOverview`, `datasetDescription`).
    pub field: &'static str,
    /// Its length, in characters.
    pub length: usize,
    /// The limit, in characters.
    pub max_length: usize,
}

impl TextTooLong {
    pub fn message(&self) -> String {
        format!(
            "{} is {} characters long; the limit is {} characters for every format.",
            self.field, self.length, self.max_length
        )
    }
}

/// The first long-text field of `fields` longer than `max_chars` characters, if any.
pub fn oversized_text(fields: &JobFields, max_chars: usize) -> Option<TextTooLong> {
    [
        ("jobDescription", &fields.job_description),
        ("labelingOverview", &fields.labeling_overview),
        ("datasetDescription", &fields.dataset_description),
    ]
    .into_iter()
    .find_map(|(field, value)| {
        let text = value.as_deref()?;
        // Bytes bound characters from above: most descriptions are decided without counting.
        if text.len() <= max_chars {
            return None;
        }
        let length = text.chars().count();
        (length > max_chars).then_some(TextTooLong {
            field,
            length,
            max_length: max_chars,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_long_text_field_is_measured_in_characters() {
        let mut fields = JobFields {
            job_description: Some("é".repeat(10)),
            ..JobFields::default()
        };
        assert_eq!(oversized_text(&fields, 10), None);
        fields.dataset_description = Some("x".repeat(11));
        assert_eq!(
            oversized_text(&fields, 10),
            Some(TextTooLong {
                field: "datasetDescription",
                length: 11,
                max_length: 10
            })
        );
    }
}
