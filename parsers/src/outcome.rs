//! `ParseOutcome`: what a parser hands back — the fields, plus everything it guessed
//! (`lowConfidenceFields`), could not place (`unmappedFields`) or wants a person to know (`warnings`).

use serde::{Deserialize, Serialize};

use crate::fields::JobFields;

/// A field the parser inferred rather than read; the agent should confirm it with a human.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowConfidence {
    pub path: String,
    pub reason: String,
}

/// Input content that maps to no catalog field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unmapped {
    pub path: String,
    pub reason: String,
    pub value_preview: String,
}

/// The result of parsing one job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParseOutcome {
    pub fields: JobFields,
    pub low_confidence: Vec<LowConfidence>,
    pub unmapped: Vec<Unmapped>,
    pub warnings: Vec<String>,
    /// The source's own identifier (schema.org `identifier`, Indeed `referencenumber`, …).
    pub external_id: Option<String>,
}

/// Longest `valuePreview`, in characters.
pub const PREVIEW_CHARS: usize = 120;

impl ParseOutcome {
    /// Marks `path` as inferred, once per path (the first reason wins).
    pub fn low(&mut self, path: &str, reason: impl Into<String>) {
        if !self.low_confidence.iter().any(|l| l.path == path) {
            self.low_confidence.push(LowConfidence {
                path: path.to_string(),
                reason: reason.into(),
            });
        }
    }

    /// Removes a low-confidence mark (a later, explicit statement confirmed the value).
    pub fn confirm(&mut self, path: &str) {
        self.low_confidence.retain(|l| l.path != path);
    }

    /// Records input that could not be placed, with a short preview of its value.
    pub fn unmapped(&mut self, path: impl Into<String>, reason: impl Into<String>, value: &str) {
        self.unmapped.push(Unmapped {
            path: path.into(),
            reason: reason.into(),
            value_preview: preview(value),
        });
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    /// Whether `path` is marked low confidence.
    pub fn is_low(&self, path: &str) -> bool {
        self.low_confidence.iter().any(|l| l.path == path)
    }
}

/// The first [`PREVIEW_CHARS`] characters of `value`, whitespace folded, with an ellipsis when cut.
pub fn preview(value: &str) -> String {
    let folded: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= PREVIEW_CHARS {
        folded
    } else {
        let cut: String = folded.chars().take(PREVIEW_CHARS).collect();
        format!("{cut}…")
    }
}
