//! Hand-written expectations for the golden corpus: every `testdata/<format>/<case>/fields.json`
//! states the values a person reading the input would extract, and this test holds the parser to
//! them. (The whole report of each case is pinned by `expected.json`, checked by the root crate's
//! `tests/golden.rs`; this file is never re-blessed.)
//!
//! `fields.json`: `{"fields": {key: value}, "lowConfidence": [key], "absent": [key],
//! "externalId": "…", "error": true}` — every part optional. `fields` must match exactly (numbers
//! compared as numbers), every `lowConfidence` key must be flagged, every `absent` key must be
//! unset, and `error: true` means the input must be refused as not-this-format.

mod common;

use std::fs;
use std::path::Path;

use common::{case_name, cases, input_file};
use jobdraft_parsers::{parse, Format, Input, Limits};
use serde_json::Value;

fn same_number(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(_), Value::Number(_)) => same_number(expected, actual),
        _ => expected == actual,
    }
}

fn check_case(format: Format, case: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let spec_path = case.join("fields.json");
    let Ok(spec_text) = fs::read_to_string(&spec_path) else {
        return problems;
    };
    let spec: Value = match serde_json::from_str(&spec_text) {
        Ok(v) => v,
        Err(e) => return vec![format!("fields.json is not JSON: {e}")],
    };
    let Some(input_path) = input_file(case) else {
        return vec!["no input.* file".to_string()];
    };
    let input = match fs::read_to_string(&input_path) {
        Ok(s) => s,
        Err(e) => return vec![format!("cannot read {}: {e}", input_path.display())],
    };
    let result = parse(format, Input::Text(&input), &Limits::default());
    let expect_error = spec.get("error").and_then(Value::as_bool).unwrap_or(false);
    let outcome = match (result, expect_error) {
        (Ok(_), true) => return vec!["expected the input to be refused, but it parsed".into()],
        (Err(_), true) => return problems,
        (Err(e), false) => return vec![format!("parse failed: {e}")],
        (Ok(o), false) => o,
    };
    let actual = outcome.fields.to_map();
    if let Some(fields) = spec.get("fields").and_then(Value::as_object) {
        for (key, want) in fields {
            match actual.get(key) {
                Some(got) if same(want, got) => {}
                Some(got) => problems.push(format!("{key}: expected {want}, got {got}")),
                None => problems.push(format!("{key}: expected {want}, got nothing")),
            }
        }
    }
    for key in spec
        .get("absent")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = key.as_str().unwrap_or_default();
        if let Some(got) = actual.get(key) {
            problems.push(format!("{key}: expected no value, got {got}"));
        }
    }
    for key in spec
        .get("lowConfidence")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = key.as_str().unwrap_or_default();
        if !outcome.is_low(key) {
            problems.push(format!("{key}: expected to be low confidence, it is not"));
        }
    }
    if let Some(want) = spec.get("externalId") {
        let got = outcome
            .external_id
            .clone()
            .map(Value::String)
            .unwrap_or(Value::Null);
        if &got != want {
            problems.push(format!("externalId: expected {want}, got {got}"));
        }
    }
    problems
}

#[test]
fn golden_fields_hold() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for format in Format::ALL {
        for case in cases(*format) {
            if !case.join("fields.json").exists() {
                continue;
            }
            checked += 1;
            let problems = check_case(*format, &case);
            if !problems.is_empty() {
                failures.push(format!(
                    "{}:\n    {}",
                    case_name(*format, &case),
                    problems.join("\n    ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} golden cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
