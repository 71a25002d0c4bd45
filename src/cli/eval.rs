//! `jobdraft eval`: how far to trust the text extractor on a corpus of graded postings.

use std::io::Write;
use std::path::Path;

use jobdraft_parsers::eval;

use super::AnyError;

pub fn eval(file: &Path, cases: bool, json: bool) -> Result<(), AnyError> {
    let corpus = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let graded = eval::read_corpus(&corpus).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut card = eval::evaluate(&graded);
    let text = if json {
        if !cases {
            card.disagreements.clear();
        }
        serde_json::to_string_pretty(&card)? + "\n"
    } else {
        eval::render(&card, cases)
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
