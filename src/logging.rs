//! Log output for every command: the filter (`RUST_LOG`, default `info`), the format
//! (`JOBDRAFT_LOG_FORMAT=json` for log shippers, human-readable text otherwise) and colour only
//! when standard error is a terminal, so a log file never holds ANSI escape codes.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// The log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    /// `JOBDRAFT_LOG_FORMAT`: `json`, or text for anything else (and when unset).
    pub fn from_env() -> LogFormat {
        match std::env::var("JOBDRAFT_LOG_FORMAT") {
            Ok(v) if v.trim().eq_ignore_ascii_case("json") => LogFormat::Json,
            _ => LogFormat::Text,
        }
    }
}

/// Installs the global subscriber writing to standard error.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match LogFormat::from_env() {
        LogFormat::Json => builder.json().flatten_event(true).with_ansi(false).init(),
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
    }
}
