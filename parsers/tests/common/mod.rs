//! Walking the golden corpus: the `testdata/<format>/<case>/` folders of a format, each case's
//! `input.*` file, and the name a failure reports.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use jobdraft_parsers::Format;

/// Every case folder of `format`, sorted.
pub fn cases(format: Format) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata")
        .join(format.name());
    let mut cases: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    cases.retain(|p| p.is_dir());
    cases.sort();
    cases
}

/// The case's `input.*` file (the first by name when there are several).
pub fn input_file(case: &Path) -> Option<PathBuf> {
    let mut inputs: Vec<PathBuf> = fs::read_dir(case)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_stem().and_then(|s| s.to_str()) == Some("input"))
        .collect();
    inputs.sort();
    inputs.into_iter().next()
}

/// `testdata/<format>/<case>`, as a failing case names itself.
pub fn case_name(format: Format, case: &Path) -> String {
    format!(
        "testdata/{}/{}",
        format.name(),
        case.file_name().and_then(|s| s.to_str()).unwrap_or("?")
    )
}
