//! GET /job-post: the human review page behind `reviewUrl` — a read-only HTML view of a draft,
//! authorized by the capability token in the link (as CTOJobsHQ's preview links are).

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::drafts::profile_of;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::domain::{Links, Report};
use crate::store::{jobs, StoreError};

/// Escapes text for HTML element content and quoted attribute values.
pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => escape(s),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        other => escape(&other.to_string()),
    }
}

fn render(report: &Report) -> String {
    let fields = &report.normalized_fields;
    let title = fields
        .get("jobTitle")
        .and_then(Value::as_str)
        .unwrap_or("Untitled draft");
    let description = fields
        .get("jobDescription")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut rows = String::new();
    for (key, value) in fields
        .iter()
        .filter(|(k, _)| k.as_str() != "jobDescription")
    {
        let low = report
            .low_confidence_fields
            .iter()
            .find(|l| &l.path == key)
            .map(|l| {
                format!(
                    " <small title=\"{}\">(please confirm)</small>",
                    escape(&l.reason)
                )
            })
            .unwrap_or_default();
        rows.push_str(&format!(
            "<tr><th>{}</th><td>{}{low}</td></tr>\n",
            escape(key),
            show(value)
        ));
    }
    let missing: String = report
        .missing_fields
        .iter()
        .map(|m| {
            format!(
                "<li><strong>{}</strong>: {}</li>\n",
                escape(&m.label),
                escape(&m.prompt)
            )
        })
        .collect();
    let issues: String = report
        .validation
        .issues
        .iter()
        .map(|i| format!("<li>{}</li>\n", escape(&i.message)))
        .collect();
    // The description was sanitized by the report (allow-listed tags only); plain text keeps its breaks.
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} — review</title>\
         <style>body{{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}}\
         th{{text-align:left;padding-right:1rem;vertical-align:top}}.desc{{white-space:pre-wrap}}</style></head><body>\
         <p>Status: <strong>{status}</strong> · {ready}</p><h1>{t}</h1><div class=\"desc\">{description}</div>\
         <h2>Fields</h2><table>{rows}</table>{missing_block}{issues_block}</body></html>",
        t = escape(title),
        status = report.status,
        ready = if report.validation.publish_ready { "ready to publish" } else { "not ready to publish" },
        missing_block = if missing.is_empty() { String::new() } else { format!("<h2>Still missing</h2><ul>{missing}</ul>") },
        issues_block = if issues.is_empty() { String::new() } else { format!("<h2>To fix</h2><ul>{issues}</ul>") },
    )
}

/// GET /job-post?jobId=…&token=…
pub async fn get_review_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let query =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .map(|q| q.into_inner())
            .unwrap_or_default();
    let (Some(id), Some(token)) = (query.get("jobId").cloned(), query.get("token").cloned()) else {
        return Err(ApiError::new(
            ErrorCode::Unauthorized,
            "Open the draft's reviewUrl: it carries the review token.",
        )
        .with_details(json!({"reason": "review_token_required"})));
    };
    let draft = state
        .db(
            move |conn| match jobs::find_by_review_token(conn, &id, &token) {
                Err(StoreError::NotFound) => Err(ApiError::not_found("Job")),
                other => other.map_err(ApiError::from),
            },
        )
        .await?;
    let profile = profile_of(&state, &draft.profile)?;
    let base = state.public_base();
    let report = Report::build(
        &draft,
        &state.catalog,
        profile,
        Some(Links { public_url: &base }),
        state.today(),
        &[],
    );
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "private, no-store"))
        .insert_header((
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'",
        ))
        .body(render(&report)))
}
