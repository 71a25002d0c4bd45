//! The create call (DESIGN.md §2): one request whatever shape it arrived in (its JSON bodies are
//! read in `create_body`), its idempotency fingerprint, and the new draft built from a parse
//! outcome.

use jobdraft_parsers::{Evidence, Format, JobFields, LowConfidence, ParseOutcome};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub use super::create_body::{parse_create_body, CreateError};
use super::derive::derive_category;
use super::draft::{Draft, ImportInfo, JobStatus, ParserInfo};

/// Longest idempotency key and external id.
pub const MAX_KEY_CHARS: usize = 255;

/// The document to parse.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Text(String),
    Json(Value),
}

impl Payload {
    /// The document as stored for `rawSourcePreserved`.
    pub fn raw_source(&self) -> String {
        match self {
            Payload::Text(t) => t.clone(),
            Payload::Json(v) => v.to_string(),
        }
    }

    pub fn as_input(&self) -> jobdraft_parsers::Input<'_> {
        match self {
            Payload::Text(t) => jobdraft_parsers::Input::Text(t),
            Payload::Json(Value::String(s)) => jobdraft_parsers::Input::Text(s),
            Payload::Json(v) => jobdraft_parsers::Input::Json(v),
        }
    }
}

/// A create request, whatever shape it arrived in.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRequest {
    pub format: Format,
    pub payload: Payload,
    pub external_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub profile: Option<String>,
    /// Notes about the request itself (ignored keys).
    pub warnings: Vec<String>,
}

impl CreateRequest {
    /// A fingerprint of everything that shapes the draft: same key + same fingerprint is a replay.
    pub fn fingerprint(&self) -> String {
        let canonical = json!({
            "format": self.format.name(),
            "payload": match &self.payload { Payload::Text(t) => Value::String(t.clone()), Payload::Json(v) => sorted(v) },
            "externalId": self.external_id,
            "profile": self.profile,
        });
        hex(&Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// `value` with every object's keys in sorted order, so key order never changes a fingerprint.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Identity and time of a new draft, chosen by the caller (ids are generated outside the domain).
#[derive(Debug, Clone)]
pub struct NewDraftMeta {
    pub id: String,
    pub account_id: String,
    pub review_token: String,
    pub profile: String,
    pub now_ms: i64,
    pub raw_source_preserved: bool,
}

/// The draft a parse outcome makes.
pub fn new_draft(request: &CreateRequest, mut outcome: ParseOutcome, meta: NewDraftMeta) -> Draft {
    let parsed_fields = outcome.fields.count();
    complete_fields(&mut outcome.fields, &mut outcome.low_confidence);
    cite_derived(&outcome.fields, &mut outcome.evidence);
    let mut warnings = request.warnings.clone();
    warnings.extend(outcome.warnings.iter().cloned());
    Draft {
        id: meta.id,
        account_id: meta.account_id,
        status: JobStatus::Draft,
        profile: meta.profile,
        fields: outcome.fields,
        low_confidence: outcome.low_confidence,
        unmapped: outcome.unmapped,
        warnings,
        evidence: outcome.evidence,
        source_text: outcome.source_text,
        import: ImportInfo {
            format: request.format.name().to_string(),
            external_id: request.external_id.clone().or(outcome.external_id),
            idempotency_key: request.idempotency_key.clone(),
            raw_source_preserved: meta.raw_source_preserved,
            auto_published: false,
        },
        parser: ParserInfo::rules(outcome.warnings, parsed_fields),
        version: 1,
        review_token: meta.review_token,
        created_at: meta.now_ms,
        updated_at: meta.now_ms,
        published_at: None,
        closed_at: None,
    }
}

/// Fills what the catalog derives rather than asks for (category from label and data types).
pub fn complete_fields(fields: &mut JobFields, low: &mut Vec<LowConfidence>) {
    if fields.category.is_none() {
        if let Some((category, why)) = derive_category(fields) {
            fields.category = Some(category);
            if !low.iter().any(|l| l.path == "category") {
                low.push(LowConfidence {
                    path: "category".into(),
                    reason: why,
                });
            }
        }
    }
}

/// A derived category is traced to the label and data types it was derived from.
pub fn cite_derived(fields: &JobFields, evidence: &mut Vec<Evidence>) {
    if fields.category.is_none() || evidence.iter().any(|e| e.path == "category") {
        return;
    }
    let basis: Vec<Evidence> = evidence
        .iter()
        .filter(|e| e.path == "labelTypes" || e.path == "dataType")
        .map(|e| Evidence {
            path: "category".to_string(),
            ..e.clone()
        })
        .collect();
    evidence.extend(basis);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase_and_zero_padded() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab, 0xff]), "000fabff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn fingerprint_ignores_key_order_but_not_content() {
        let a = parse_create_body(
            &serde_json::from_str(
                r#"{"format":"canonical","job":{"title":"x","description":"y"}}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let b = parse_create_body(
            &serde_json::from_str(
                r#"{"job":{"description":"y","title":"x"},"format":"canonical"}"#,
            )
            .unwrap(),
        )
        .unwrap();
        let c = parse_create_body(
            &serde_json::from_str(
                r#"{"format":"canonical","job":{"title":"x","description":"z"}}"#,
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn every_body_shape_reads() {
        let raw =
            parse_create_body(&json!({"rawJobDescription": "t", "idempotencyKey": "k"})).unwrap();
        assert_eq!(
            (raw.format, raw.idempotency_key.as_deref()),
            (Format::Text, Some("k"))
        );
        let source = parse_create_body(
            &json!({"source": {"type": "indeed_xml", "xml": "<job/>", "externalId": "e"}}),
        )
        .unwrap();
        assert_eq!(
            (source.format, source.external_id.as_deref()),
            (Format::IndeedXml, Some("e"))
        );
        let top = parse_create_body(
            &json!({"format": "schema_org_job_posting", "jsonLd": [{"@type": "JobPosting"}]}),
        )
        .unwrap();
        assert!(matches!(top.payload, Payload::Json(Value::Array(_))));
        assert_eq!(
            parse_create_body(&json!({"format": "nope", "text": "x"})),
            Err(CreateError::UnsupportedFormat("nope".into()))
        );
        assert!(matches!(
            parse_create_body(&json!({"format": "indeed_xml"})),
            Err(CreateError::MissingDocument { .. })
        ));
        let warned = parse_create_body(&json!({"rawJobDescription": "t", "extra": 1})).unwrap();
        assert_eq!(warned.warnings.len(), 1);
    }
}
