//! `jobdraft parse`: the report of a document without a database.

use std::io::{Read, Write};
use std::path::Path;

use jobdraft_parsers::{detect, Format, Limits};

use super::AnyError;
use crate::catalog::Catalog;
use crate::domain::preview::preview_report;

pub fn parse(format: Option<String>, profile: &str, file: &Path) -> Result<(), AnyError> {
    let mut document = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut document)?;
    } else {
        document = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let format = match format {
        Some(name) => Format::from_name(&name).ok_or_else(|| {
            format!(
                "unknown format {name:?}; supported: {}",
                Format::names().join(", ")
            )
        })?,
        None => detect(&document),
    };
    let catalog = Catalog::builtin();
    let today = chrono::Utc::now().date_naive();
    let report = preview_report(
        format,
        &document,
        profile,
        &catalog,
        today,
        &Limits::default(),
    )?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`jobdraft parse f | head`) is the reader's choice, not an error.
    match writeln!(out, "{}", serde_json::to_string_pretty(&report)?) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(())
}
