//! The `opentrain_canonical` import format (alias `canonical`): OpenTrain's documented job keys
//! (opentrain-api.md §3.6) plus every catalog key under its own name, checked against a JSON
//! Schema and normalized the way PATCH normalizes values.

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use crate::enums::{
    Category, DataType, DataVolumeUnit, EmploymentType, ExperienceLevel, LabelType, LocationType,
    PaymentType, SalaryPeriod,
};
use crate::fields::{number_value, FIELD_KEYS};
use crate::locate::push_token;
use crate::normalize as norm;
use crate::{Evidence, Format, Input, JobFields, Limits, ParseError, ParseOutcome, Parser};

/// The `Canonical` format.
pub struct CanonicalParser;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Enum,
    EnumList,
    List,
    Number,
    Integer,
}

fn kind(key: &str) -> Kind {
    match key {
        "category" | "dataType" | "dataVolumeUnit" | "experienceLevel" | "paymentType"
        | "salaryPeriod" | "employmentType" | "locationType" => Kind::Enum,
        "labelTypes" => Kind::EnumList,
        "subjectMatter" | "languages" | "countries" | "locations" | "skills" => Kind::List,
        "dataVolume"
        | "pricePerHour"
        | "pricePerLabel"
        | "fixedPrice"
        | "salaryMin"
        | "salaryMax"
        | "hoursPerWeek"
        | "projectDurationWeeks" => Kind::Number,
        "headcount" | "yearsExperience" => Kind::Integer,
        _ => Kind::Text,
    }
}

/// OpenTrain's documented names for catalog keys.
const ALIASES: &[(&str, &str)] = &[
    ("title", "jobTitle"),
    ("description", "jobDescription"),
    ("tools", "labelingSoftware"),
];

fn schema_for(k: Kind) -> Value {
    let list = json!({"type": ["array", "string", "null"], "items": {"type": "string"}});
    match k {
        Kind::Text | Kind::Enum => json!({"type": ["string", "null"]}),
        Kind::EnumList | Kind::List => list,
        Kind::Number => json!({"type": ["number", "null"], "minimum": 0}),
        Kind::Integer => json!({"type": ["integer", "null"], "minimum": 0}),
    }
}

/// The JSON Schema of the canonical job object (unknown keys allowed: they are reported).
pub fn schema() -> Value {
    let mut props = Map::new();
    for key in FIELD_KEYS {
        props.insert(key.to_string(), schema_for(kind(key)));
    }
    props.insert("title".into(), json!({"type": ["string", "null"]}));
    props.insert("description".into(), json!({"type": ["string", "null"]}));
    props.insert(
        "tools".into(),
        json!({"type": ["string", "array", "null"], "items": {"type": "string"}}),
    );
    props.insert(
        "rateAmount".into(),
        json!({"type": ["number", "string", "null"], "minimum": 0}),
    );
    props.insert(
        "externalId".into(),
        json!({"type": ["string", "number", "null"]}),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "opentrain_canonical job object",
        "type": "object",
        "properties": props,
        "additionalProperties": true
    })
}

fn validator() -> Option<&'static jsonschema::Validator> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| jsonschema::validator_for(&schema()).ok())
        .as_ref()
}

impl Parser for CanonicalParser {
    fn format(&self) -> Format {
        Format::Canonical
    }

    fn parse(&self, input: Input<'_>, limits: &Limits) -> Result<ParseOutcome, ParseError> {
        let owned;
        let value = match input {
            Input::Json(v) => v,
            Input::Text(t) => {
                owned = serde_json::from_str::<Value>(t.trim_start_matches('\u{feff}')).map_err(
                    |e| {
                        ParseError::new(Format::Canonical, format!("invalid JSON: {e}"))
                            .at(format!("{}:{}", e.line(), e.column()))
                    },
                )?;
                &owned
            }
        };
        let Some(obj) = value.as_object() else {
            return Err(ParseError::new(
                Format::Canonical,
                "the canonical job must be a JSON object",
            ));
        };
        if let Some(v) = validator() {
            if let Some(e) = v.iter_errors(value).next() {
                let pointer = e.instance_path().to_string();
                let err = ParseError::new(Format::Canonical, e.to_string());
                return Err(if pointer.is_empty() {
                    err
                } else {
                    err.at(pointer)
                });
            }
        }
        Ok(map(obj, limits))
    }
}

/// Maps the object; every field is cited with the JSON pointer of the key it was read from
/// (`/title`, `/countries`), a price from `rateAmount` with `/rateAmount` and `/paymentType`.
fn map(obj: &Map<String, Value>, limits: &Limits) -> ParseOutcome {
    let mut out = ParseOutcome::default();
    let mut fields = Map::new();
    // Which input keys each field was read from; turned into pointers once the fields are built.
    let mut sources: Vec<(&'static str, [Option<&str>; 2])> = Vec::new();
    let mut rate = None;
    for (key, value) in obj {
        if value.is_null() {
            continue;
        }
        let target = ALIASES
            .iter()
            .find(|(alias, _)| alias == key)
            .map(|(_, k)| *k)
            .or_else(|| FIELD_KEYS.iter().copied().find(|k| k == key));
        match (key.as_str(), target) {
            ("rateAmount", _) => {
                rate = value
                    .as_f64()
                    .or_else(|| value.as_str().and_then(norm::amount))
            }
            ("externalId", _) => {
                out.external_id = value
                    .as_str()
                    .map(str::to_string)
                    .or(Some(value.to_string()))
            }
            (_, Some(k)) => {
                if fields.contains_key(k) && k != key {
                    out.warn(format!("both {key} and {k} are given; kept {k}"));
                    continue;
                }
                if let Some(v) = normalize(&mut out, key, k, value) {
                    fields.insert(k.to_string(), v);
                    sources.retain(|(field, _)| *field != k);
                    sources.push((k, [Some(key.as_str()), None]));
                }
            }
            (_, None) => out.unmapped(format!("/{key}"), "not a catalog key", &preview(value)),
        }
    }
    if let Some(amount) = rate {
        if let Some(price) = rate_amount(&mut out, &mut fields, amount) {
            sources.push((price, [Some("rateAmount"), Some("paymentType")]));
        }
    }
    match JobFields::from_map(fields) {
        Ok(f) => {
            out.fields = f;
            // Each field is read from distinct keys, so the citations are pushed as they are
            // (no duplicate check: the object can hold every catalog key).
            out.evidence.reserve(sources.len());
            for (field, keys) in sources {
                for key in keys.into_iter().flatten() {
                    let mut pointer = String::with_capacity(key.len() + 1);
                    push_token(&mut pointer, key);
                    out.evidence.push(Evidence {
                        path: field.to_string(),
                        quote: None,
                        start: None,
                        end: None,
                        source: Some(pointer),
                    });
                }
            }
        }
        Err(e) => out.warn(format!("some values could not be read: {e}")),
    }
    norm::fill_from_own_description(&mut out, limits.text_chars);
    norm::level_default(&mut out);
    out
}

fn preview(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// `rateAmount` goes to the price that `paymentType` selects; returns that price's key when it
/// was set.
fn rate_amount(
    out: &mut ParseOutcome,
    fields: &mut Map<String, Value>,
    amount: f64,
) -> Option<&'static str> {
    let target = match fields.get("paymentType").and_then(Value::as_str) {
        Some("PAY_PER_HOUR") => "pricePerHour",
        Some("PAY_PER_LABEL") => "pricePerLabel",
        Some("FIXED_PRICE") => "fixedPrice",
        _ => {
            out.unmapped(
                "/rateAmount",
                "rateAmount needs a paymentType to say which price it is",
                &amount.to_string(),
            );
            return None;
        }
    };
    if fields.contains_key(target) {
        out.warn(format!(
            "both rateAmount and {target} are given; kept {target}"
        ));
    } else if amount > 0.0 {
        fields.insert(target.to_string(), number_value(amount));
        return Some(target);
    }
    None
}

fn loose(key: &str, s: &str) -> Option<(&'static str, bool)> {
    fn pick<T: Copy>(
        hit: Option<(T, bool)>,
        name: fn(T) -> &'static str,
    ) -> Option<(&'static str, bool)> {
        hit.map(|(v, exact)| (name(v), exact))
    }
    match key {
        "category" => pick(Category::from_loose(s), Category::as_str),
        "dataType" => pick(DataType::from_loose(s), DataType::as_str),
        "dataVolumeUnit" => pick(DataVolumeUnit::from_loose(s), DataVolumeUnit::as_str),
        "experienceLevel" => pick(ExperienceLevel::from_loose(s), ExperienceLevel::as_str),
        "paymentType" => pick(PaymentType::from_loose(s), PaymentType::as_str),
        "salaryPeriod" => pick(SalaryPeriod::from_loose(s), SalaryPeriod::as_str),
        "employmentType" => pick(EmploymentType::from_loose(s), EmploymentType::as_str)
            .or_else(|| norm::employment_type(s).map(|(v, _)| (v.as_str(), false))),
        "locationType" => pick(LocationType::from_loose(s), LocationType::as_str),
        "labelTypes" => pick(LabelType::from_loose(s), LabelType::as_str),
        _ => None,
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Value::String(s) => s.split(',').map(str::to_string).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
    .collect()
}

/// One value, normalized like PATCH: enums canonical (a warning when the spelling was not),
/// countries ISO alpha-2, languages English names, dates `YYYY-MM-DD`.
fn normalize(out: &mut ParseOutcome, src: &str, key: &str, v: &Value) -> Option<Value> {
    let path = format!("/{src}");
    match kind(key) {
        Kind::Number => v.as_f64().map(number_value),
        Kind::Integer => v
            .as_f64()
            .filter(|n| n.fract() == 0.0 && n.abs() < 9.0e15)
            .map(|n| Value::from(n as i64)),
        Kind::Enum => {
            let s = v.as_str()?.trim();
            match loose(key, s) {
                Some((c, exact)) => {
                    if !exact {
                        out.warn(format!("{key}: normalized \"{s}\" to {c}"));
                    }
                    Some(Value::from(c))
                }
                None => {
                    out.unmapped(path, format!("not a {key} value"), s);
                    None
                }
            }
        }
        Kind::EnumList => {
            let mut list: Vec<String> = Vec::new();
            for s in strings(v) {
                match loose(key, &s) {
                    Some((c, exact)) => {
                        if !exact {
                            out.warn(format!("{key}: normalized \"{s}\" to {c}"));
                        }
                        norm::push_unique(&mut list, c);
                    }
                    None => out.unmapped(path.clone(), format!("not a {key} value"), &s),
                }
            }
            (!list.is_empty()).then(|| json!(list))
        }
        Kind::List => {
            let mut list: Vec<String> = Vec::new();
            for s in strings(v) {
                let normalized = match key {
                    "countries" => norm::country(&s),
                    "languages" => norm::language(&s),
                    _ => {
                        norm::push_unique(&mut list, &s);
                        continue;
                    }
                };
                match normalized {
                    Some(n) => {
                        if n != s {
                            out.warn(format!("{key}: normalized \"{s}\" to {n}"));
                        }
                        norm::push_unique(&mut list, n);
                    }
                    None => out.unmapped(path.clone(), format!("unknown {key} value"), &s),
                }
            }
            (!list.is_empty()).then(|| json!(list))
        }
        Kind::Text => {
            let s = match v {
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.as_str()?.to_string(),
            };
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            let checked = match key {
                "validThrough" => norm::date(s).ok_or("not a date"),
                "applyUrl" | "companyWebsite" => norm::url(s).ok_or("not an absolute http(s) URL"),
                "applyEmail" => norm::email(s).ok_or("not an e-mail address"),
                "currency" => norm::currency_code(s).ok_or("not an ISO 4217 code"),
                _ => Ok(s.to_string()),
            };
            match checked {
                Ok(c) => Some(Value::from(c)),
                Err(reason) => {
                    out.unmapped(path, reason, s);
                    None
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_documented_keys_and_normalizes() {
        let job = json!({"title": "Rate chatbot answers", "description": "Rate answers.",
            "paymentType": "Pay per hour", "rateAmount": 18, "languages": ["es", "English"],
            "countries": ["United States", "MX"], "labelTypes": ["rating"], "tools": "Label Studio",
            "experienceLevel": "intermediate", "headcount": 4, "favouriteColour": "blue"});
        let out = CanonicalParser
            .parse(Input::Json(&job), &Limits::default())
            .unwrap();
        let f = &out.fields;
        assert_eq!(f.price_per_hour, Some(18.0));
        assert_eq!(f.languages, vec!["Spanish", "English"]);
        assert_eq!(f.countries, vec!["US", "MX"]);
        assert_eq!(f.labeling_software.as_deref(), Some("Label Studio"));
        assert_eq!(f.experience_level, Some(ExperienceLevel::Intermediate));
        assert!(out.unmapped.iter().any(|u| u.path == "/favouriteColour"));
        assert!(out.warnings.iter().any(|w| w.contains("paymentType")));
    }

    #[test]
    fn schema_violations_carry_a_pointer() {
        let job = json!({"title": "x", "headcount": "four"});
        let e = CanonicalParser
            .parse(Input::Json(&job), &Limits::default())
            .unwrap_err();
        assert_eq!(e.location.as_deref(), Some("/headcount"));
        let e = CanonicalParser
            .parse(Input::Text("{\"a\":"), &Limits::default())
            .unwrap_err();
        assert!(e.location.is_some());
        assert!(CanonicalParser
            .parse(Input::Text("[1]"), &Limits::default())
            .is_err());
    }

    #[test]
    fn evidence_points_at_the_key_each_value_was_read_from() {
        let job = json!({"title": "Rate answers", "paymentType": "PAY_PER_HOUR",
            "rateAmount": 18, "a/b": 1, "yearsExperience": 3});
        let out = CanonicalParser
            .parse(Input::Json(&job), &Limits::default())
            .unwrap();
        assert_eq!(out.sources("jobTitle"), ["/title"]);
        assert_eq!(out.sources("pricePerHour"), ["/rateAmount", "/paymentType"]);
        // The level inferred from years cites where the years were read.
        assert_eq!(out.sources("experienceLevel"), ["/yearsExperience"]);
        // A value read twice (alias, then catalog key) cites only the key that was kept.
        let job = json!({"title": "A", "jobTitle": "B", "tools": "CVAT"});
        let out = CanonicalParser
            .parse(Input::Json(&job), &Limits::default())
            .unwrap();
        let jobs: Vec<_> = out
            .evidence
            .iter()
            .filter(|e| e.path == "jobTitle")
            .collect();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].source.as_deref(), Some("/jobTitle"));
        assert!(out
            .evidence
            .iter()
            .any(|e| e.path == "labelingSoftware" && e.source.as_deref() == Some("/tools")));
    }
}
