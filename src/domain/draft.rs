//! The draft: one job in any status, with everything its report needs (fields, parser notes,
//! import audit) — the domain's own type, independent of how it is stored.

use jobdraft_parsers::{Evidence, JobFields, LowConfidence, Unmapped};
use serde::{Deserialize, Serialize};

/// Where a job is in its life. Drafts and published jobs are one record with a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobStatus {
    Draft,
    PendingApproval,
    Open,
    Archived,
}

impl JobStatus {
    pub const ALL: &'static [JobStatus] = &[
        JobStatus::Draft,
        JobStatus::PendingApproval,
        JobStatus::Open,
        JobStatus::Archived,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            JobStatus::Draft => "DRAFT",
            JobStatus::PendingApproval => "PENDING_APPROVAL",
            JobStatus::Open => "OPEN",
            JobStatus::Archived => "ARCHIVED",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        JobStatus::ALL.iter().copied().find(|st| st.as_str() == s)
    }
}

/// The audit echo of how the draft was created (`import` in the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportInfo {
    pub format: String,
    pub external_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub raw_source_preserved: bool,
    pub auto_published: bool,
}

/// Parser metadata (`parser` in the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParserInfo {
    pub source: String,
    pub version: String,
    pub warnings: Vec<String>,
    pub parsed_fields: usize,
}

impl ParserInfo {
    /// Metadata for a run of the rule-based parsers.
    pub fn rules(warnings: Vec<String>, parsed_fields: usize) -> Self {
        ParserInfo {
            source: "rules".to_string(),
            version: PARSER_VERSION.to_string(),
            warnings,
            parsed_fields,
        }
    }
}

/// Version of the rule set, reported in `parser.version`.
pub const PARSER_VERSION: &str = concat!("jobdraft-rules/", env!("CARGO_PKG_VERSION"));

/// One job.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: String,
    pub account_id: String,
    pub status: JobStatus,
    pub profile: String,
    pub fields: JobFields,
    pub low_confidence: Vec<LowConfidence>,
    pub unmapped: Vec<Unmapped>,
    pub warnings: Vec<String>,
    /// Where each parsed value came from (DESIGN.md §10); a PATCHed value has none.
    pub evidence: Vec<Evidence>,
    /// The text the extractor read, which evidence offsets point into.
    pub source_text: Option<String>,
    pub import: ImportInfo,
    pub parser: ParserInfo,
    /// Bumped on every change; the `ETag`.
    pub version: i64,
    /// Capability token for the human review link.
    pub review_token: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
    pub closed_at: Option<i64>,
}

impl Draft {
    /// The `ETag` value for this version of the draft.
    pub fn etag(&self) -> String {
        format!("\"{}-{}\"", self.id, self.version)
    }
}
