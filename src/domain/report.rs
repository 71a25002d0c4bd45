//! The report (DESIGN.md §4): the one object every create, GET and PATCH of a draft returns, and
//! that a refused publish carries in `details.validation`.

use chrono::NaiveDate;
use jobdraft_parsers::{Evidence, LowConfidence, Unmapped};
use serde::Serialize;
use serde_json::{Map, Value};

use super::draft::{Draft, ImportInfo, ParserInfo};
use super::sanitize::sanitize_html;
use super::validate::{validate, Issue, MissingField, Validation};
use crate::catalog::{Catalog, Profile};

/// `validation` in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationSummary {
    pub publish_ready: bool,
    pub issue_count: usize,
    pub missing_field_count: usize,
    pub missing_fields: Vec<String>,
    pub issues: Vec<Issue>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub ok: bool,
    pub job_id: Option<String>,
    pub status: &'static str,
    pub profile: String,
    pub draft_url: Option<String>,
    pub review_url: Option<String>,
    pub validation: ValidationSummary,
    pub missing_fields: Vec<MissingField>,
    pub normalized_fields: Map<String, Value>,
    pub warnings: Vec<String>,
    pub unmapped_fields: Vec<Unmapped>,
    pub low_confidence_fields: Vec<LowConfidence>,
    /// Where each parsed value came from (DESIGN.md §10).
    pub evidence: Vec<Evidence>,
    /// The text evidence offsets point into; only when asked for (`?include=sourceText`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    pub import: ImportInfo,
    pub parser: ParserInfo,
}

/// Where the draft's links point; `None` when there is no server (`jobdraft parse`).
#[derive(Debug, Clone)]
pub struct Links<'a> {
    pub public_url: &'a str,
}

impl Report {
    /// Builds the report of `draft`. `extra_warnings` are this request's own notes (PATCH
    /// normalizations); they are reported once and not stored.
    pub fn build(
        draft: &Draft,
        catalog: &Catalog,
        profile: &Profile,
        links: Option<Links<'_>>,
        today: NaiveDate,
        extra_warnings: &[String],
    ) -> Report {
        let validation = validate(&draft.fields, catalog, profile, today);
        Report::from_validation(draft, validation, links, extra_warnings)
    }

    fn from_validation(
        draft: &Draft,
        validation: Validation,
        links: Option<Links<'_>>,
        extra_warnings: &[String],
    ) -> Report {
        let publish_ready = validation.publish_ready();
        let (job_id, draft_url, review_url) = match links {
            Some(l) => {
                let base = l.public_url.trim_end_matches('/');
                let draft_url = format!("{base}/job-post?jobId={}", draft.id);
                let review_url = format!("{draft_url}&token={}", draft.review_token);
                (Some(draft.id.clone()), Some(draft_url), Some(review_url))
            }
            None => (None, None, None),
        };
        let mut normalized = draft.fields.to_map();
        for key in ["jobDescription", "labelingOverview", "datasetDescription"] {
            if let Some(Value::String(html)) = normalized.get_mut(key) {
                *html = sanitize_html(html);
            }
        }
        let mut warnings = draft.warnings.clone();
        warnings.extend(extra_warnings.iter().cloned());
        let evidence = draft
            .evidence
            .iter()
            .filter(|e| normalized.contains_key(&e.path))
            .cloned()
            .collect();
        Report {
            ok: true,
            job_id,
            status: draft.status.as_str(),
            profile: draft.profile.clone(),
            draft_url,
            review_url,
            validation: ValidationSummary {
                publish_ready,
                issue_count: validation.issues.len(),
                missing_field_count: validation.missing.len(),
                missing_fields: validation.missing.iter().map(|m| m.field.clone()).collect(),
                issues: validation.issues,
            },
            missing_fields: validation.missing,
            normalized_fields: normalized,
            warnings,
            unmapped_fields: draft.unmapped.clone(),
            low_confidence_fields: draft.low_confidence.clone(),
            evidence,
            source_text: None,
            import: draft.import.clone(),
            parser: draft.parser.clone(),
        }
    }
}
