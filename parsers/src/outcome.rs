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

/// Where one parsed value came from (DESIGN.md §10): a quote with character offsets into the
/// text the extractor read, or a JSON pointer / XML path into a structured document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Offset of the quote's first character in the source text (in characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// Offset just past the quote's last character (in characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// Where in a structured document the value was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
    /// Where each parsed value came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The text the extractor read (markup stripped), which evidence offsets point into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
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

    /// Records that `path` was read from `bytes` (a byte range of the text the extractor reads);
    /// the text extractor turns byte ranges into character offsets and quotes when it finishes.
    pub fn cite(&mut self, path: &str, bytes: (usize, usize)) {
        let (start, end) = bytes;
        if start >= end {
            return;
        }
        let evidence = Evidence {
            path: path.to_string(),
            quote: None,
            start: Some(start),
            end: Some(end),
            source: None,
        };
        if !self.evidence.contains(&evidence) {
            self.evidence.push(evidence);
        }
    }

    /// Records that `path` was read at `source` (a JSON pointer or an XML path).
    pub fn cite_source(&mut self, path: &str, source: impl Into<String>) {
        let evidence = Evidence {
            path: path.to_string(),
            quote: None,
            start: None,
            end: None,
            source: Some(source.into()),
        };
        if !self.evidence.contains(&evidence) {
            self.evidence.push(evidence);
        }
    }

    /// The `source` of every citation of `path` (what the structured mappings' tests check).
    #[cfg(test)]
    pub(crate) fn sources(&self, path: &str) -> Vec<&str> {
        self.evidence
            .iter()
            .filter(|e| e.path == path)
            .filter_map(|e| e.source.as_deref())
            .collect()
    }

    /// Drops every citation of `path` (its value was cleared or replaced).
    pub fn uncite(&mut self, path: &str) {
        self.evidence.retain(|e| e.path != path);
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
