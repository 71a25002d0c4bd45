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

/// actix-http logs every malformed request it refuses ("stream error: request parse error") at
/// ERROR, so any client could fill the error log. Those are client mistakes: off unless the
/// operator's `RUST_LOG` names actix_http itself. (Requests that reach the app are logged by the
/// request-id middleware at INFO, with their status.)
const FRAMEWORK_CLIENT_ERRORS: &str = "actix_http::h1::dispatcher=off";

/// The log filter: `RUST_LOG` (default `info`), with the framework's client-error lines off.
pub fn filter(rust_log: Option<&str>) -> EnvFilter {
    let spec = rust_log
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("info");
    let filter = EnvFilter::try_new(spec).unwrap_or_else(|_| EnvFilter::new("info"));
    if spec.contains("actix_http") {
        return filter;
    }
    match FRAMEWORK_CLIENT_ERRORS.parse() {
        Ok(directive) => filter.add_directive(directive),
        Err(_) => filter,
    }
}

/// Installs the global subscriber writing to standard error.
pub fn init() {
    let filter = filter(std::env::var("RUST_LOG").ok().as_deref());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match LogFormat::from_env() {
        LogFormat::Json => builder.json().flatten_event(true).with_ansi(false).init(),
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
    }
}
