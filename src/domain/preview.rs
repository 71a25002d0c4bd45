//! The report of a document without a database (`jobdraft parse`, golden files): the same
//! pipeline as create, with no id, no links and nothing stored.

use chrono::NaiveDate;
use jobdraft_parsers::{parser_for, Format, Limits, ParseError};

use super::create::{new_draft, CreateRequest, NewDraftMeta, Payload};
use super::limits::{oversized_text, TextTooLong};
use super::report::Report;
use crate::catalog::Catalog;

/// Why a document has no report.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewError {
    UnknownProfile(String),
    Parse(ParseError),
    /// A description over the character limit (the create call refuses it too).
    TooLong(TextTooLong),
}

impl std::fmt::Display for PreviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreviewError::UnknownProfile(p) => write!(f, "unknown profile {p:?}"),
            PreviewError::Parse(e) => e.fmt(f),
            PreviewError::TooLong(e) => f.write_str(&e.message()),
        }
    }
}

impl std::error::Error for PreviewError {}

/// Parses `document` as `format` and reports on it under `profile`.
pub fn preview_report(
    format: Format,
    document: &str,
    profile: &str,
    catalog: &Catalog,
    today: NaiveDate,
    limits: &Limits,
) -> Result<Report, PreviewError> {
    let profile_def = catalog
        .profile(profile)
        .ok_or_else(|| PreviewError::UnknownProfile(profile.to_string()))?;
    let request = CreateRequest {
        format,
        payload: Payload::Text(document.to_string()),
        external_id: None,
        idempotency_key: None,
        profile: Some(profile.to_string()),
        warnings: Vec::new(),
    };
    let outcome = parser_for(format)
        .parse(request.payload.as_input(), limits)
        .map_err(PreviewError::Parse)?;
    if let Some(too_long) = oversized_text(&outcome.fields, limits.text_chars) {
        return Err(PreviewError::TooLong(too_long));
    }
    let draft = new_draft(
        &request,
        outcome,
        NewDraftMeta {
            id: String::new(),
            account_id: String::new(),
            review_token: String::new(),
            profile: profile.to_string(),
            now_ms: 0,
            raw_source_preserved: false,
        },
    );
    Ok(Report::build(
        &draft,
        catalog,
        profile_def,
        None,
        today,
        &[],
    ))
}
