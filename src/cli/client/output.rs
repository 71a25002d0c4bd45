//! What `jobdraft client` prints: the API's JSON with `--json`, else a short summary; an API error
//! as one line (and a failing exit).

use serde_json::Value;

use crate::cli::AnyError;
use crate::mcp::api::ApiReply;

/// The API's error envelope (or an OAuth error) as one line.
pub fn describe_error(body: &Value) -> String {
    let message = body["error_description"]
        .as_str()
        .or_else(|| body["error"].as_str())
        .map(str::to_string)
        .unwrap_or_else(|| body.to_string());
    let code = body["code"].as_str().unwrap_or_default();
    let issues: Vec<String> = body["details"]["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| {
            Some(format!(
                "{}: {}",
                i["key"].as_str()?,
                i["message"].as_str()?
            ))
        })
        .collect();
    let mut line = if code.is_empty() {
        message
    } else {
        format!("{code}: {message}")
    };
    if !issues.is_empty() {
        line = format!("{line} ({})", issues.join("; "));
    }
    line
}

pub fn print_report(report: &Value) {
    println!(
        "draft {} ({}): publishReady={}",
        report["jobId"].as_str().unwrap_or("?"),
        report["status"].as_str().unwrap_or("?"),
        report["validation"]["publishReady"]
    );
    for gap in report["missingFields"].as_array().into_iter().flatten() {
        let choices = gap["enumValues"]
            .as_array()
            .map(|v| {
                format!(
                    " ({})",
                    v.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .unwrap_or_default();
        println!(
            "  ask: {}{choices} [{}, {}]",
            gap["prompt"].as_str().unwrap_or_default(),
            gap["field"].as_str().unwrap_or_default(),
            gap["type"].as_str().unwrap_or_default()
        );
    }
    for issue in report["validation"]["issues"]
        .as_array()
        .into_iter()
        .flatten()
    {
        println!(
            "  issue: {}: {}",
            issue["field"].as_str().unwrap_or_default(),
            issue["message"].as_str().unwrap_or_default()
        );
    }
}

/// Prints `reply` (JSON or `summary`) and fails on an error status.
pub fn show(
    reply: ApiReply,
    json_out: bool,
    summary: impl FnOnce(&Value),
) -> Result<Value, AnyError> {
    if json_out {
        println!("{}", serde_json::to_string_pretty(&reply.body)?);
    }
    if !reply.is_success() {
        return Err(format!("{} ({})", describe_error(&reply.body), reply.status).into());
    }
    if !json_out {
        summary(&reply.body);
    }
    Ok(reply.body)
}

pub fn list_jobs(body: &Value) {
    for job in body["jobs"].as_array().into_iter().flatten() {
        println!(
            "{}  {:<16} {}",
            job["id"]
                .as_str()
                .or_else(|| job["jobId"].as_str())
                .unwrap_or("?"),
            job["status"].as_str().unwrap_or("OPEN"),
            job["title"]
                .as_str()
                .or_else(|| job["jobTitle"].as_str())
                .unwrap_or_default()
        );
    }
}
