//! The create call (DESIGN.md §2): the three JSON body shapes (and raw documents) reduced to one
//! request, its idempotency fingerprint, and the new draft built from a parse outcome.

use jobdraft_parsers::{Evidence, Format, JobFields, LowConfidence, ParseOutcome};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

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

/// Why a create body cannot be used; each maps to a 400 with these details.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateError {
    NotAnObject,
    Empty,
    UnsupportedFormat(String),
    MissingDocument {
        format: Format,
        key: &'static str,
    },
    WrongDocumentType {
        key: &'static str,
        expected: &'static str,
    },
    FieldType {
        key: String,
        expected: &'static str,
    },
    TooLong {
        key: String,
        max: usize,
    },
    /// A plain-text description with nothing but whitespace (a raw body is refused the same way).
    BlankDescription {
        key: &'static str,
    },
}

impl CreateError {
    pub fn message(&self) -> String {
        match self {
            CreateError::NotAnObject => "The request body must be a JSON object.".into(),
            CreateError::Empty => "The request body is empty: send rawJobDescription, source, or format with its document.".into(),
            CreateError::UnsupportedFormat(f) => format!("Unsupported format {f:?}."),
            CreateError::MissingDocument { format, key } => format!("Format {format} takes its document in {key:?}, which is missing."),
            CreateError::WrongDocumentType { key, expected } => format!("{key} must be {expected}."),
            CreateError::FieldType { key, expected } => format!("{key} must be {expected}."),
            CreateError::TooLong { key, max } => format!("{key} is longer than {max} characters."),
            CreateError::BlankDescription { key } => format!("{key} is empty: send the job's description."),
        }
    }

    pub fn details(&self) -> Value {
        match self {
            CreateError::UnsupportedFormat(f) => {
                json!({"format": f, "supportedFormats": Format::names()})
            }
            CreateError::MissingDocument { format, key } => {
                json!({"format": format.name(), "expectedKey": key})
            }
            CreateError::TooLong { key, max } => json!({"field": key, "maxLength": max}),
            CreateError::BlankDescription { key } => {
                json!({"reason": "empty_description", "field": key})
            }
            CreateError::WrongDocumentType { key, .. } => json!({"field": key}),
            CreateError::FieldType { key, .. } => json!({"field": key}),
            _ => json!({}),
        }
    }
}

/// The key that carries the document of `format`, and the other accepted ones.
fn document_keys(format: Format) -> &'static [&'static str] {
    match format {
        Format::Text => &["text", "rawJobDescription"],
        Format::Canonical => &["job"],
        Format::SchemaOrg => &["jsonLd", "job"],
        Format::IndeedXml | Format::HrXml => &["xml"],
    }
}

const KNOWN_TOP: &[&str] = &[
    "rawJobDescription",
    "source",
    "format",
    "job",
    "jsonLd",
    "xml",
    "text",
    "externalId",
    "idempotencyKey",
    "profile",
];
const KNOWN_SOURCE: &[&str] = &[
    "type",
    "text",
    "job",
    "jsonLd",
    "xml",
    "externalId",
    "idempotencyKey",
];

fn opt_string(map: &Map<String, Value>, key: &str) -> Result<Option<String>, CreateError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.chars().count() > MAX_KEY_CHARS => Err(CreateError::TooLong {
            key: key.to_string(),
            max: MAX_KEY_CHARS,
        }),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(CreateError::FieldType {
            key: key.to_string(),
            expected: "a string",
        }),
    }
}

/// Reads a create body of any of the three shapes.
pub fn parse_create_body(body: &Value) -> Result<CreateRequest, CreateError> {
    let top = body.as_object().ok_or(CreateError::NotAnObject)?;
    if top.is_empty() {
        return Err(CreateError::Empty);
    }
    let mut warnings: Vec<String> = top
        .keys()
        .filter(|k| !KNOWN_TOP.contains(&k.as_str()))
        .map(|k| format!("Ignored unknown request key {k:?}."))
        .collect();
    let profile = match top.get("profile") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(CreateError::FieldType {
                key: "profile".into(),
                expected: "a string",
            })
        }
    };
    let (format, holder, where_) = if let Some(raw) = top.get("rawJobDescription") {
        let text = raw.as_str().ok_or(CreateError::WrongDocumentType {
            key: "rawJobDescription",
            expected: "a string",
        })?;
        if text.trim().is_empty() {
            return Err(CreateError::BlankDescription {
                key: "rawJobDescription",
            });
        }
        let request = CreateRequest {
            format: Format::Text,
            payload: Payload::Text(text.to_string()),
            external_id: opt_string(top, "externalId")?,
            idempotency_key: opt_string(top, "idempotencyKey")?,
            profile,
            warnings,
        };
        return Ok(request);
    } else if let Some(source) = top.get("source") {
        let source = source.as_object().ok_or(CreateError::WrongDocumentType {
            key: "source",
            expected: "an object",
        })?;
        warnings.extend(
            source
                .keys()
                .filter(|k| !KNOWN_SOURCE.contains(&k.as_str()))
                .map(|k| format!("Ignored unknown request key \"source.{k}\".")),
        );
        let name = match source.get("type") {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) => "text".to_string(),
            Some(_) => {
                return Err(CreateError::FieldType {
                    key: "source.type".into(),
                    expected: "a string",
                })
            }
        };
        let format = Format::from_name(&name).ok_or(CreateError::UnsupportedFormat(name))?;
        (format, source, "source")
    } else if let Some(f) = top.get("format") {
        let name = f.as_str().ok_or(CreateError::FieldType {
            key: "format".into(),
            expected: "a string",
        })?;
        let format = Format::from_name(name)
            .ok_or_else(|| CreateError::UnsupportedFormat(name.to_string()))?;
        (format, top, "body")
    } else {
        return Err(CreateError::Empty);
    };
    let keys = document_keys(format);
    let (key, document) = keys
        .iter()
        .find_map(|k| holder.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))
        .ok_or(CreateError::MissingDocument {
            format,
            key: keys[0],
        })?;
    let payload = match (format, document) {
        (Format::Text, Value::String(s)) if s.trim().is_empty() => {
            return Err(CreateError::BlankDescription { key })
        }
        (Format::Text | Format::IndeedXml | Format::HrXml, Value::String(s)) => {
            Payload::Text(s.clone())
        }
        (Format::Text, _) => {
            return Err(CreateError::WrongDocumentType {
                key,
                expected: "a string",
            })
        }
        (Format::IndeedXml | Format::HrXml, Value::Object(_)) if format == Format::HrXml => {
            Payload::Json(document.clone())
        }
        (Format::IndeedXml | Format::HrXml, _) => {
            return Err(CreateError::WrongDocumentType {
                key,
                expected: "a string holding the XML document",
            })
        }
        (Format::Canonical, Value::Object(_)) => Payload::Json(document.clone()),
        (Format::Canonical, Value::String(s)) => Payload::Text(s.clone()),
        (Format::Canonical, _) => {
            return Err(CreateError::WrongDocumentType {
                key,
                expected: "an object",
            })
        }
        (Format::SchemaOrg, Value::Object(_) | Value::Array(_)) => Payload::Json(document.clone()),
        (Format::SchemaOrg, Value::String(s)) => Payload::Text(s.clone()),
        (Format::SchemaOrg, _) => {
            return Err(CreateError::WrongDocumentType {
                key,
                expected: "an object, an array or a string",
            })
        }
    };
    let pick = |k: &str| -> Result<Option<String>, CreateError> {
        match opt_string(holder, k)? {
            Some(v) => Ok(Some(v)),
            None if where_ == "source" => opt_string(top, k),
            None => Ok(None),
        }
    };
    Ok(CreateRequest {
        format,
        payload,
        external_id: pick("externalId")?,
        idempotency_key: pick("idempotencyKey")?,
        profile,
        warnings,
    })
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
