//! The create call's JSON body (DESIGN.md §2): its three shapes (a raw description, a format
//! plus a document, a canonical job) reduced to one `CreateRequest`, and why a body cannot be used.

use jobdraft_parsers::Format;
use serde_json::{json, Map, Value};

use super::create::{CreateRequest, Payload, MAX_KEY_CHARS};

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
