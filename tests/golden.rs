//! Golden files (DESIGN.md §8): every `testdata/<format>/<case>/input.*` is run through the same
//! pipeline as `jobdraft parse`, and the whole report must equal `expected.json`.
//!
//! Re-bless after an intended change with `BLESS=1 cargo test --test golden`, then review the
//! diff of every `expected.json` as if a stranger wrote it. A case may hold a `profile` file
//! naming the catalog profile (default `ai-training`).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use jobdraft::catalog::Catalog;
use jobdraft::domain::preview::preview_report;
use jobdraft_parsers::{Format, Limits};
use serde_json::Value;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// The date golden reports are computed on, so `date_in_past` does not drift with the calendar.
fn golden_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn input_of(case: &Path) -> Option<PathBuf> {
    let mut inputs: Vec<PathBuf> = fs::read_dir(case)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_stem().and_then(|s| s.to_str()) == Some("input"))
        .collect();
    inputs.sort();
    inputs.into_iter().next()
}

fn report_for(format: Format, case: &Path, catalog: &Catalog) -> Result<Value, String> {
    let input = input_of(case).ok_or("no input.* file")?;
    let document = fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let profile = fs::read_to_string(case.join("profile"))
        .map(|p| p.trim().to_string())
        .unwrap_or_else(|_| "ai-training".to_string());
    match preview_report(
        format,
        &document,
        &profile,
        catalog,
        golden_today(),
        &Limits::default(),
    ) {
        Ok(report) => serde_json::to_value(&report).map_err(|e| e.to_string()),
        // A refused document is a golden outcome too: the error is what is pinned.
        Err(e) => Ok(serde_json::json!({"error": e.to_string()})),
    }
}

#[test]
fn golden_reports_match() {
    let bless = std::env::var_os("BLESS").is_some();
    let catalog = Catalog::builtin();
    let mut failures = Vec::new();
    let mut checked = 0;
    for format in Format::ALL {
        let Ok(entries) = fs::read_dir(testdata().join(format.name())) else {
            continue;
        };
        let mut cases: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        cases.sort();
        for case in cases {
            let name = format!(
                "testdata/{}/{}",
                format.name(),
                case.file_name().and_then(|s| s.to_str()).unwrap_or("?")
            );
            checked += 1;
            let actual = match report_for(*format, &case, &catalog) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let pretty = serde_json::to_string_pretty(&actual).unwrap_or_default() + "\n";
            let expected_path = case.join("expected.json");
            if bless {
                if let Err(e) = fs::write(&expected_path, &pretty) {
                    failures.push(format!("{name}: cannot write expected.json: {e}"));
                }
                continue;
            }
            let expected: Option<Value> = fs::read_to_string(&expected_path)
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok());
            match expected {
                None => failures.push(format!(
                    "{name}: no readable expected.json (run BLESS=1 cargo test --test golden)"
                )),
                Some(e) if e != actual => {
                    let diff = first_difference(&e, &actual, String::new()).unwrap_or_default();
                    failures.push(format!("{name}: report differs at {diff}"));
                }
                Some(_) => {}
            }
        }
    }
    assert!(checked > 0, "no golden cases found under testdata/");
    assert!(
        failures.is_empty(),
        "{} of {checked} golden cases fail:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The JSON pointer of the first difference, with both values.
fn first_difference(expected: &Value, actual: &Value, at: String) -> Option<String> {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| match (a.get(k), b.get(k)) {
                (Some(x), Some(y)) => first_difference(x, y, format!("{at}/{k}")),
                (x, y) => Some(format!("{at}/{k}: expected {}, got {}", show(x), show(y))),
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, format!("{at}/{i}"))),
        (x, y) if x == y => None,
        (x, y) => Some(format!("{at}: expected {x}, got {y}")),
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or("nothing".to_string(), Value::to_string)
}

/// Every worked example of the shared corpus is a golden case (DESIGN.md §8).
#[test]
fn every_corpus_example_is_a_golden_case() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/text-dev.jsonl");
    let Ok(text) = fs::read_to_string(&corpus) else {
        eprintln!("skipped: {} is not beside this checkout", corpus.display());
        return;
    };
    let mut missing = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: Value = serde_json::from_str(line).expect("corpus line is JSON");
        let id = value["id"].as_str().expect("corpus id");
        let case = testdata().join("text").join(id);
        let input = fs::read_to_string(case.join("input.txt")).unwrap_or_default();
        if input.trim() != value["text"].as_str().unwrap_or_default().trim()
            || !case.join("fields.json").exists()
        {
            missing.push(id.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "corpus examples without a matching testdata/text case: {missing:?}"
    );
}
