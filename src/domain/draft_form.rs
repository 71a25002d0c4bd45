//! The draft page's form, as data: the controls a person fills, built from the report's
//! `missingFields` and `issues` entries and the catalog; the PATCH body a submitted form stands
//! for; and the source text cut into spans with the evidence quotes marked.

use std::collections::BTreeMap;

use jobdraft_parsers::Evidence;
use serde_json::{Map, Value};

use super::report::Report;
use crate::catalog::{enum_label, Catalog, FieldDef, FieldType};

/// Form field names are `f.<updateKey>`, so no other form value can be taken for one.
pub const FIELD_PREFIX: &str = "f.";

/// How a control is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ControlKind {
    /// `<input type=…>` (the attribute value).
    Input(&'static str),
    Textarea,
    Select,
    /// One checkbox per enum value.
    Checkboxes,
}

/// One input for one update key.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    pub key: String,
    pub label: String,
    pub kind: ControlKind,
    /// `inputmode` for text inputs that hold numbers.
    pub input_mode: Option<&'static str>,
    /// (canonical value, display label) for selects and checkboxes.
    pub options: Vec<(String, String)>,
    pub placeholder: String,
    /// What the form shows: the submitted text after a failed save, else the current value.
    pub value: Vec<String>,
}

/// One question: a missing field or a blocking issue, with its controls.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The field the report names (`missingFields[].field` / `issues[].field`).
    pub field: String,
    pub prompt: String,
    pub message: String,
    pub code: String,
    pub hint: Option<String>,
    pub controls: Vec<Control>,
}

fn input_kind(ty: FieldType) -> (ControlKind, Option<&'static str>) {
    match ty {
        FieldType::Text => (ControlKind::Textarea, None),
        FieldType::Enum => (ControlKind::Select, None),
        FieldType::EnumList => (ControlKind::Checkboxes, None),
        // Text inputs, so whatever a person types reaches the server's rules and their message.
        FieldType::Integer => (ControlKind::Input("text"), Some("numeric")),
        FieldType::Number => (ControlKind::Input("text"), Some("decimal")),
        FieldType::Url => (ControlKind::Input("url"), None),
        FieldType::Email => (ControlKind::Input("email"), None),
        FieldType::Date => (ControlKind::Input("date"), None),
        _ => (ControlKind::Input("text"), None),
    }
}

/// The example value of `def` as placeholder text.
fn placeholder(def: &FieldDef, example: &Value) -> String {
    let value = example.get(def.key).or_else(|| def.example.get(def.key));
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The current value of `key` as form text.
fn current_text(report: &Report, key: &str) -> Vec<String> {
    match report.normalized_fields.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => {
            let texts: Vec<String> = items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect();
            texts
        }
        Some(other) => vec![other.to_string()],
    }
}

fn control(
    def: &FieldDef,
    example: &Value,
    report: &Report,
    submitted: &BTreeMap<String, Vec<String>>,
) -> Control {
    let (kind, input_mode) = input_kind(def.ty);
    let options = def
        .enum_values
        .iter()
        .flatten()
        .map(|v| {
            let label = enum_label(def.key, v).unwrap_or(v);
            (v.to_string(), label.to_string())
        })
        .collect();
    let mut value = submitted
        .get(def.key)
        .cloned()
        .unwrap_or_else(|| current_text(report, def.key));
    if def.ty.is_list() && !matches!(kind, ControlKind::Checkboxes) && value.len() > 1 {
        value = vec![value.join(", ")];
    }
    Control {
        key: def.key.to_string(),
        label: def.label.clone(),
        kind,
        input_mode,
        options,
        placeholder: placeholder(def, example),
        value,
    }
}

/// The questions of the draft page: each missing field, then each blocking issue, one control
/// per update key it names. `submitted` holds the values of a form that failed to save.
pub fn questions(
    report: &Report,
    catalog: &Catalog,
    submitted: &BTreeMap<String, Vec<String>>,
) -> Vec<Question> {
    let mut out = Vec::new();
    for m in &report.missing_fields {
        let controls = m
            .update_keys
            .iter()
            .filter_map(|k| catalog.field(k))
            .map(|def| control(def, &m.example, report, submitted))
            .collect();
        let hint = match &m.hint {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        out.push(Question {
            field: m.field.clone(),
            prompt: m.prompt.clone(),
            message: m.message.clone(),
            code: m.code.clone(),
            hint,
            controls,
        });
    }
    for issue in &report.validation.issues {
        let controls = issue
            .update_keys
            .iter()
            .filter(|k| !out.iter().any(|q| q.controls.iter().any(|c| &c.key == *k)))
            .filter_map(|k| catalog.field(k))
            .map(|def| control(def, &Value::Null, report, submitted))
            .collect::<Vec<_>>();
        if controls.is_empty() {
            continue;
        }
        out.push(Question {
            field: issue.field.clone(),
            prompt: catalog
                .field(&issue.field)
                .map_or_else(|| issue.field.clone(), |d| d.label.clone()),
            message: issue.message.clone(),
            code: issue.code.to_string(),
            hint: None,
            controls,
        });
    }
    out
}

/// The `f.<key>` values of a submitted form, by key, in the order sent. Empty values are kept
/// (they show the form again as it was) but mean "no answer" to [`patch_body`].
pub fn submitted_values(pairs: &[(String, String)]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in pairs {
        if let Some(key) = name.strip_prefix(FIELD_PREFIX) {
            out.entry(key.to_string()).or_default().push(value.clone());
        }
    }
    out
}

/// A number typed by a person ("1,500", " 0.05 ") as JSON, or the text itself, so the PATCH
/// rules answer a wrong value with their own message.
fn number_or_text(text: &str, integer: bool) -> Value {
    let plain: String = text.chars().filter(|c| *c != ',' && *c != '_').collect();
    let plain = plain.trim();
    if integer {
        if let Ok(n) = plain.parse::<i64>() {
            return Value::from(n);
        }
    } else if let Ok(n) = plain.parse::<f64>() {
        if n.is_finite() {
            return jobdraft_parsers::fields::number_value(n);
        }
    }
    Value::from(text.trim())
}

/// The PATCH body a submitted form stands for: every answered key (unanswered ones are left
/// out, not cleared), typed by the catalog. Unknown keys are passed on for the PATCH rules to
/// refuse.
pub fn patch_body(submitted: &BTreeMap<String, Vec<String>>, catalog: &Catalog) -> Value {
    let mut body = Map::new();
    for (key, values) in submitted {
        let answered: Vec<&str> = values
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        if answered.is_empty() {
            continue;
        }
        let Some(def) = catalog.field(key) else {
            body.insert(key.clone(), Value::from(answered[0]));
            continue;
        };
        let value = match def.ty {
            FieldType::Integer => number_or_text(answered[0], true),
            FieldType::Number => number_or_text(answered[0], false),
            FieldType::EnumList => answered.iter().map(|v| Value::from(*v)).collect(),
            t if t.is_list() => answered
                .iter()
                .flat_map(|v| v.split([',', '\n', ';']))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(Value::from)
                .collect(),
            _ => Value::from(answered[0]),
        };
        body.insert(key.clone(), value);
    }
    Value::Object(body)
}

/// A run of the source text, marked when an evidence quote covers it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    /// The catalog keys this quote is evidence for (empty: plain text).
    pub paths: Vec<String>,
}

/// Cuts `source` (offsets are in characters) into plain runs and quoted runs. Quotes that overlap
/// an earlier one are folded into it, so every character is shown exactly once.
pub fn highlight(source: &str, evidence: &[Evidence]) -> Vec<Span> {
    let chars: Vec<char> = source.chars().collect();
    let mut quotes: Vec<(usize, usize, &str)> = evidence
        .iter()
        .filter_map(|e| Some((e.start?, e.end?, e.path.as_str())))
        .filter(|(s, e, _)| s < e && *e <= chars.len())
        .collect();
    quotes.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut merged: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (start, end, path) in quotes {
        match merged.last_mut() {
            Some(last) if start < last.1 => {
                last.1 = last.1.max(end);
                if !last.2.iter().any(|p| p == path) {
                    last.2.push(path.to_string());
                }
            }
            _ => merged.push((start, end, vec![path.to_string()])),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    for (start, end, paths) in merged {
        if start > at {
            out.push(Span {
                text: text(at, start),
                paths: Vec::new(),
            });
        }
        out.push(Span {
            text: text(start, end),
            paths,
        });
        at = end;
    }
    if at < chars.len() {
        out.push(Span {
            text: text(at, chars.len()),
            paths: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(path: &str, start: usize, end: usize) -> Evidence {
        Evidence {
            path: path.into(),
            quote: None,
            start: Some(start),
            end: Some(end),
            source: None,
        }
    }

    #[test]
    fn quotes_are_marked_once_in_character_offsets() {
        let spans = highlight(
            "Pay €22/hr — déjà vu",
            &[
                ev("pricePerHour", 4, 10),
                ev("currency", 4, 5),
                ev("x", 99, 100),
            ],
        );
        let joined: String = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "Pay €22/hr — déjà vu");
        assert_eq!(spans[1].text, "€22/hr");
        assert_eq!(spans[1].paths, vec!["pricePerHour", "currency"]);
    }

    #[test]
    fn a_form_becomes_a_typed_patch() {
        let catalog = Catalog::builtin();
        let pairs: Vec<(String, String)> = [
            ("f.headcount", "1,500"),
            ("f.pricePerHour", "abc"),
            ("f.languages", "English, fr"),
            ("f.labelTypes", "BOUNDING_BOX"),
            ("f.labelTypes", "POLYGON"),
            ("f.experienceLevel", ""),
            ("csrf", "x"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let body = patch_body(&submitted_values(&pairs), &catalog);
        assert_eq!(
            body,
            serde_json::json!({"headcount": 1500, "pricePerHour": "abc",
                "languages": ["English", "fr"], "labelTypes": ["BOUNDING_BOX", "POLYGON"]})
        );
    }
}
