//! PATCH semantics (DESIGN.md §4): any subset of update keys, all-or-nothing, `null` clears,
//! loose enum/language/country spellings normalized with a warning, every bad key reported at once.

use jobdraft_parsers::lexicon::{country_code, language_name};
use jobdraft_parsers::{fields::number_value, JobFields};
use serde::Serialize;
use serde_json::Value;

use super::create::{cite_derived, complete_fields};
use super::draft::Draft;
use super::values;
use crate::catalog::{Catalog, FieldDef, FieldType};

/// Keys the server owns; a client naming one is told so rather than "unknown".
const SERVER_OWNED: &[&str] = &[
    "status",
    "datePosted",
    "jobId",
    "id",
    "createdAt",
    "updatedAt",
    "publishedAt",
    "closedAt",
    "owner",
    "accountId",
    "profile",
];

/// Longest accepted string for `string` keys and `text` keys, in characters.
pub const MAX_STRING_CHARS: usize = 1_000;
pub const MAX_TEXT_CHARS: usize = 60_000;
/// Most items in a list key.
pub const MAX_LIST_ITEMS: usize = 200;
/// Largest magnitude of an `integer` key.
pub const MAX_INTEGER: f64 = 1e12;

/// One rejected key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PatchProblem {
    pub key: String,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_values: Option<Vec<&'static str>>,
}

/// An accepted PATCH: the new fields, the keys it touched, and its normalization notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Patched {
    pub fields: JobFields,
    pub touched: Vec<String>,
    pub warnings: Vec<String>,
}

/// Applies `body` to `current`, or explains every key that cannot be applied.
pub fn apply_patch(
    current: &JobFields,
    body: &Value,
    catalog: &Catalog,
) -> Result<Patched, Vec<PatchProblem>> {
    let Some(object) = body.as_object() else {
        return Err(vec![PatchProblem {
            key: String::new(),
            code: "invalid_body",
            message: "The PATCH body must be a JSON object of update keys.".to_string(),
            suggestion: None,
            allowed_values: None,
        }]);
    };
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut changes: Vec<(String, Option<Value>)> = Vec::new();
    for (key, value) in object {
        let Some(def) = catalog.field(key) else {
            problems.push(unknown_key(key, catalog));
            continue;
        };
        if value.is_null() {
            changes.push((key.clone(), None));
            continue;
        }
        match normalize(def, value, &mut warnings) {
            Ok(v) => changes.push((key.clone(), v)),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut map = current.to_map();
    let mut touched = Vec::new();
    for (key, value) in changes {
        match value {
            Some(v) => map.insert(key.clone(), v),
            None => map.remove(&key),
        };
        touched.push(key);
    }
    let fields = JobFields::from_map(map).map_err(|e| {
        vec![PatchProblem {
            key: String::new(),
            code: "invalid_value",
            message: format!("The patched draft is not valid: {e}"),
            suggestion: None,
            allowed_values: None,
        }]
    })?;
    Ok(Patched {
        fields,
        touched,
        warnings,
    })
}

/// Applies a PATCH body to a whole draft: the new fields, every touched key confirmed (no longer
/// low confidence), and a category that was derived re-derived from the new values. Returns the
/// patched draft (version and times are the caller's to set) and the normalization warnings.
pub fn patch_draft(
    current: &Draft,
    body: &Value,
    catalog: &Catalog,
) -> Result<(Draft, Vec<String>), Vec<PatchProblem>> {
    let patched = apply_patch(&current.fields, body, catalog)?;
    let mut next = current.clone();
    next.fields = patched.fields;
    next.low_confidence
        .retain(|l| !patched.touched.contains(&l.path));
    // A person set these values: they are no longer traced to the source.
    next.evidence.retain(|e| !patched.touched.contains(&e.path));
    if !patched.touched.iter().any(|k| k == "category") {
        let derived = current.low_confidence.iter().any(|l| l.path == "category");
        next.low_confidence.retain(|l| l.path != "category");
        if derived {
            next.fields.category = None;
            next.evidence.retain(|e| e.path != "category");
        }
        complete_fields(&mut next.fields, &mut next.low_confidence);
        cite_derived(&next.fields, &mut next.evidence);
    }
    Ok((next, patched.warnings))
}

fn unknown_key(key: &str, catalog: &Catalog) -> PatchProblem {
    if SERVER_OWNED.contains(&key) {
        return PatchProblem {
            key: key.to_string(),
            code: "read_only_key",
            message: format!("{key} is owned by the server and cannot be written."),
            suggestion: None,
            allowed_values: None,
        };
    }
    let suggestion = catalog.suggest(key);
    let message = match suggestion {
        Some(s) => format!("{key} is not an update key. Did you mean {s}?"),
        None => format!("{key} is not an update key; see updateKeys in GET /api/public/v1/job-drafts/capabilities."),
    };
    PatchProblem {
        key: key.to_string(),
        code: "unknown_key",
        message,
        suggestion,
        allowed_values: None,
    }
}

fn problem(def: &FieldDef, code: &'static str, message: String) -> PatchProblem {
    PatchProblem {
        key: def.key.to_string(),
        code,
        message,
        suggestion: None,
        allowed_values: def.enum_values.clone(),
    }
}

fn wrong_type(def: &FieldDef, value: &Value) -> PatchProblem {
    let want = match def.ty {
        FieldType::Integer => "a whole number",
        FieldType::Number => "a number",
        t if t.is_list() => "an array of strings",
        _ => "a string",
    };
    problem(
        def,
        "wrong_type",
        format!("{} must be {want}, not {}.", def.key, json_kind(value)),
    )
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Canonical value for one key, `Ok(None)` to clear it.
fn normalize(
    def: &FieldDef,
    value: &Value,
    warnings: &mut Vec<String>,
) -> Result<Option<Value>, PatchProblem> {
    let key = def.key;
    match def.ty {
        FieldType::String | FieldType::Text => {
            let s = value.as_str().ok_or_else(|| wrong_type(def, value))?.trim();
            let limit = if def.ty == FieldType::Text {
                MAX_TEXT_CHARS
            } else {
                MAX_STRING_CHARS
            };
            if s.chars().count() > limit {
                return Err(problem(
                    def,
                    "invalid_value",
                    format!("{key} is longer than {limit} characters."),
                ));
            }
            if s.is_empty() {
                return Ok(None);
            }
            if key == "currency" {
                let code = values::currency(s).ok_or_else(|| {
                    problem(
                        def,
                        "invalid_value",
                        format!("{key} must be an ISO 4217 code such as USD, not {s:?}."),
                    )
                })?;
                if code != s {
                    warnings.push(format!("currency: normalized {s:?} to {code}."));
                }
                return Ok(Some(Value::String(code)));
            }
            Ok(Some(Value::String(s.to_string())))
        }
        FieldType::Integer => {
            let n = value.as_f64().ok_or_else(|| wrong_type(def, value))?;
            if n.fract() != 0.0 || n.abs() > MAX_INTEGER {
                return Err(problem(
                    def,
                    "wrong_type",
                    format!("{key} must be a whole number, not {value}."),
                ));
            }
            Ok(Some(Value::from(n as i64)))
        }
        FieldType::Number => {
            let n = value
                .as_f64()
                .filter(|n| n.is_finite())
                .ok_or_else(|| wrong_type(def, value))?;
            Ok(Some(number_value(n)))
        }
        FieldType::Enum => {
            let s = value.as_str().ok_or_else(|| wrong_type(def, value))?;
            enum_value(def, s, warnings).map(|v| Some(Value::String(v.to_string())))
        }
        FieldType::EnumList
        | FieldType::StringList
        | FieldType::LanguageList
        | FieldType::CountryList => {
            let items = value.as_array().ok_or_else(|| wrong_type(def, value))?;
            if items.len() > MAX_LIST_ITEMS {
                return Err(problem(
                    def,
                    "invalid_value",
                    format!("{key} holds more than {MAX_LIST_ITEMS} items."),
                ));
            }
            let mut out: Vec<Value> = Vec::with_capacity(items.len());
            for item in items {
                let s = item.as_str().ok_or_else(|| wrong_type(def, value))?.trim();
                if s.is_empty() {
                    continue;
                }
                if s.chars().count() > MAX_STRING_CHARS {
                    return Err(problem(
                        def,
                        "invalid_value",
                        format!("an item of {key} is longer than {MAX_STRING_CHARS} characters."),
                    ));
                }
                let canonical = match def.ty {
                    FieldType::EnumList => enum_value(def, s, warnings)?.to_string(),
                    FieldType::LanguageList => {
                        let name = language_name(s).ok_or_else(|| {
                            problem(def, "invalid_value", format!("{key}: {s:?} is not a known language; use an English name such as \"Spanish\" or an ISO 639-1 code."))
                        })?;
                        if name != s {
                            warnings.push(format!("languages: normalized {s:?} to {name:?}."));
                        }
                        name.to_string()
                    }
                    FieldType::CountryList => {
                        let code = country_code(s).ok_or_else(|| {
                            problem(def, "invalid_value", format!("{key}: {s:?} is not a known country; use an ISO 3166-1 alpha-2 code such as \"US\"."))
                        })?;
                        if code != s {
                            warnings.push(format!("countries: normalized {s:?} to {code:?}."));
                        }
                        code.to_string()
                    }
                    _ => s.to_string(),
                };
                if !out.iter().any(|v| v.as_str() == Some(canonical.as_str())) {
                    out.push(Value::String(canonical));
                }
            }
            Ok((!out.is_empty()).then_some(Value::Array(out)))
        }
        FieldType::Url => {
            let s = value.as_str().ok_or_else(|| wrong_type(def, value))?.trim();
            if s.is_empty() {
                return Ok(None);
            }
            values::url(s)
                .map(|u| Some(Value::String(u)))
                .ok_or_else(|| {
                    problem(
                        def,
                        "invalid_value",
                        format!("{key} must be an http(s) URL, not {s:?}."),
                    )
                })
        }
        FieldType::Email => {
            let s = value.as_str().ok_or_else(|| wrong_type(def, value))?.trim();
            if s.is_empty() {
                return Ok(None);
            }
            values::email(s)
                .map(|e| Some(Value::String(e)))
                .ok_or_else(|| {
                    problem(
                        def,
                        "invalid_value",
                        format!("{key} must be an e-mail address, not {s:?}."),
                    )
                })
        }
        FieldType::Date => {
            let s = value.as_str().ok_or_else(|| wrong_type(def, value))?.trim();
            if s.is_empty() {
                return Ok(None);
            }
            let date = values::date(s).ok_or_else(|| {
                problem(
                    def,
                    "invalid_value",
                    format!("{key} must be an ISO 8601 date (YYYY-MM-DD), not {s:?}."),
                )
            })?;
            if date != s {
                warnings.push(format!("{key}: normalized {s:?} to {date}."));
            }
            Ok(Some(Value::String(date)))
        }
    }
}

fn enum_value(
    def: &FieldDef,
    s: &str,
    warnings: &mut Vec<String>,
) -> Result<&'static str, PatchProblem> {
    let allowed = def.enum_values.clone().unwrap_or_default();
    if let Some(v) = allowed.iter().find(|v| **v == s) {
        return Ok(v);
    }
    match crate::catalog::enum_loose(def.key, s) {
        Some(v) => {
            warnings.push(format!("{}: normalized {s:?} to {v}.", def.key));
            Ok(v)
        }
        None => Err(problem(
            def,
            "invalid_enum_value",
            format!("{}: {s:?} is not one of {}.", def.key, allowed.join(", ")),
        )),
    }
}
