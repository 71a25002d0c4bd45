//! Live jobs: edit (re-moderated), close, list one's own jobs, report a job — plus the helpers
//! the publish handler shares (moderation rules, per-token throttle, status guards).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::auth::Auth;
use super::body::{self, BodyKind};
use super::drafts::refused;
use super::error::{ApiError, ErrorCode};
use super::{iso, AppState};
use crate::actions::{close, edit, Policy, Refusal};
use crate::domain::moderation::{Decision, Outcome, Rules};
use crate::domain::public_job::{decode_cursor, encode_cursor};
use crate::domain::{Draft, JobStatus};
use crate::store::lifecycle;
use crate::store::{now_ms, quotas, reports};

/// The moderation rules of this configuration: the built-in set or the operator's file, read once.
pub fn moderation_rules(state: &AppState) -> Result<Arc<Rules>, ApiError> {
    static CACHE: OnceLock<Mutex<HashMap<Option<PathBuf>, Arc<Rules>>>> = OnceLock::new();
    let key = state.config.moderation_rules.clone();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .map_err(|_| ApiError::internal(&"rules cache poisoned"))?;
    if let Some(rules) = cache.get(&key) {
        return Ok(rules.clone());
    }
    let rules = Arc::new(load_rules(key.as_deref()).map_err(|e| ApiError::internal(&e))?);
    cache.insert(key, rules.clone());
    Ok(rules)
}

/// Reads and compiles a rules file (or the built-in rules); `jobdraft serve` calls this at start-up.
pub fn load_rules(path: Option<&std::path::Path>) -> Result<Rules, String> {
    match path {
        None => Ok(Rules::builtin()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Rules::parse(&text).map_err(|e| format!("{}: {e}", p.display()))
        }
    }
}

/// The `moderation` object of responses.
pub fn moderation_json(outcome: &Outcome) -> Value {
    json!({"decision": outcome.decision.as_str(), "reasons": outcome.reasons})
}

/// 429 with `Retry-After`.
pub fn rate_limited(
    message: String,
    window: &quotas::Window,
    window_secs: i64,
    now: i64,
) -> ApiError {
    let mut e = ApiError::new(ErrorCode::RateLimited, message).with_details(json!({
        "limit": window.limit, "windowSeconds": window_secs, "retryAfterSeconds": window.reset_secs(now),
    }));
    e.retry_after_secs = Some(window.reset_secs(now));
    e
}

/// Counts one request against the token's per-minute throttle.
pub async fn throttle_token(state: &AppState, auth: &Auth) -> Result<(), ApiError> {
    let limit = state.config.token_rate_per_minute;
    if limit <= 0 {
        return Ok(());
    }
    let bucket = format!("token:{}", auth.token.id);
    let now = now_ms();
    let window = state
        .db_write(move |conn| Ok(quotas::hit(conn, &bucket, limit, 60_000, now)?))
        .await?;
    if window.allowed() {
        return Ok(());
    }
    Err(rate_limited(
        format!("More than {limit} requests per minute with this token."),
        &window,
        60,
        now,
    ))
}

/// The URL of a job's public page (`jobUrl` in API answers, `url` of the public object).
pub fn job_url(state: &AppState, draft: &Draft) -> String {
    format!(
        "{}{}",
        state.public_base(),
        crate::domain::job_posting::job_page_path(draft)
    )
}

/// What the actions decide with, from this server's configuration.
pub fn action_policy<'a>(state: &'a AppState, rules: &'a Rules, base: &'a str) -> Policy<'a> {
    Policy {
        catalog: &state.catalog,
        rules,
        today: state.today(),
        public_base: Some(base),
    }
}

/// The answer to a refused live edit.
fn live_edit_refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::WrongStatus { job, .. } => {
            let hint = if job.status == JobStatus::Draft {
                format!(
                    " Edit drafts with PATCH /api/public/v1/job-drafts/{}.",
                    job.id
                )
            } else {
                String::new()
            };
            ApiError::conflict(
                format!(
                    "Job {} is {}; only OPEN jobs are edited here.{hint}",
                    job.id,
                    job.status.as_str()
                ),
                json!({"jobId": job.id, "status": job.status.as_str(), "requiredStatus": "OPEN"}),
            )
        }
        Refusal::NotReady(report) => ApiError::bad_request(
            "The edit would leave the job not publish-ready; nothing was changed.",
        )
        .with_details(json!({"reason": "not_publish_ready", "validation": report})),
        other => refused(other),
    }
}

/// PATCH /jobs/{id}
pub async fn update_job(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let patch = body::json_body(&req, payload, state.config.max_body_bytes).await?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let rules = moderation_rules(&state)?;
    let st = state.clone();
    let (draft, outcome) = state
        .db_write(move |conn| {
            let base = st.public_base();
            let policy = action_policy(&st, &rules, &base);
            edit::edit_live_job(conn, &account, &id, &patch, &policy).map_err(live_edit_refused)
        })
        .await?;
    if outcome.decision == Decision::Block {
        return Err(ApiError::conflict(
            "Moderation blocked the edit: it was kept and the job is unpublished (back to DRAFT). Fix it with PATCH /api/public/v1/job-drafts/{id} and publish again.".replace("{id}", &draft.id),
            json!({"jobId": draft.id, "reason": "moderation_blocked", "reasons": outcome.reasons, "status": "DRAFT"}),
        ));
    }
    Ok(HttpResponse::Ok().json(json!({
        "ok": true,
        "jobId": draft.id,
        "status": draft.status.as_str(),
        "moderation": moderation_json(&outcome),
    })))
}

/// POST /jobs/{id}/close
pub async fn close_job(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let (draft, already) = state
        .db_write(move |conn| close::close(conn, &account, &id).map_err(refused))
        .await?;
    Ok(HttpResponse::Ok().json(
        json!({"ok": true, "jobId": draft.id, "status": "ARCHIVED", "alreadyClosed": already}),
    ))
}

/// Query parameters as a map; a malformed query string is a 400.
pub fn query_map(req: &HttpRequest) -> Result<HashMap<String, String>, ApiError> {
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(|q| q.into_inner())
        .map_err(|e| ApiError::bad_request(format!("The query string is not readable: {e}")))
}

/// The `limit` query parameter of a paged list: its default and largest value.
#[derive(Debug, Clone, Copy)]
pub struct PageLimit {
    pub default: i64,
    pub max: i64,
}

impl PageLimit {
    /// The parameter's OpenAPI schema, from the same numbers the handler enforces.
    pub fn schema(self) -> Value {
        json!({"type": "integer", "minimum": 1, "maximum": self.max, "default": self.default})
    }
}

/// `GET /jobs/mine`.
pub const MY_JOBS_PAGE: PageLimit = PageLimit {
    default: 25,
    max: 100,
};

/// `limit` within 1..=max, the default when absent.
pub fn limit_param(query: &HashMap<String, String>, page: PageLimit) -> Result<i64, ApiError> {
    let PageLimit { default, max } = page;
    match query.get("limit") {
        None => Ok(default),
        Some(s) => match s.trim().parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(
                ApiError::bad_request(format!("limit must be an integer from 1 to {max}."))
                    .with_details(json!({"field": "limit", "min": 1, "max": max})),
            ),
        },
    }
}

pub fn bad_cursor() -> ApiError {
    ApiError::bad_request("cursor is not a cursor this server issued.")
        .with_details(json!({"field": "cursor"}))
}

/// OpenTrain statuses of jobs in hiring, which jobdraft (no hiring) never reaches.
const HIRING_STATUSES: [&str; 2] = ["ONGOING", "COMPLETED"];

/// GET /jobs/mine
pub async fn list_my_jobs(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:read")?;
    let query = query_map(&req)?;
    let mut supported: Vec<&str> = JobStatus::ALL.iter().map(|s| s.as_str()).collect();
    supported.extend(HIRING_STATUSES);
    let status = match query
        .get("status")
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
    {
        None => None,
        // OpenTrain's hiring statuses are valid filters; no job reaches them on jobdraft.
        Some(s) if HIRING_STATUSES.contains(&s.as_str()) => {
            return Ok(HttpResponse::Ok().json(json!({"jobs": [], "nextCursor": null})))
        }
        Some(s) => Some(JobStatus::parse(&s).ok_or_else(|| {
            ApiError::bad_request(format!("Unknown status {s:?}."))
                .with_details(json!({"field": "status", "supportedStatuses": supported}))
        })?),
    };
    let limit = limit_param(&query, MY_JOBS_PAGE)?;
    let after = match query.get("cursor").filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(decode_cursor(c).ok_or_else(bad_cursor)?),
    };
    throttle_token(&state, &auth).await?;
    let account = auth.account.id.clone();
    let mut page = state
        .db(move |conn| Ok(lifecycle::mine(conn, &account, status, after, limit + 1)?))
        .await?;
    let more = page.len() as i64 > limit;
    page.truncate(limit as usize);
    let next = match (more, page.last()) {
        (true, Some(last)) => Value::from(encode_cursor(last.created_at, &last.id)),
        _ => Value::Null,
    };
    let now = now_ms();
    let items: Vec<Value> = page
        .iter()
        .map(|d| {
            let open = d.status == JobStatus::Open;
            let live = open
                && d.fields
                    .valid_through
                    .as_deref()
                    .and_then(crate::domain::public_job::valid_until)
                    .is_none_or(|u| u > now);
            json!({
                "id": d.id, "title": d.fields.job_title, "status": d.status.as_str(),
                "published": open, "acceptingApplicants": live,
                "createdAt": iso(d.created_at), "updatedAt": iso(d.updated_at),
                "jobUrl": if open { Value::from(job_url(&state, d)) } else { Value::Null },
                // jobdraft takes no proposals: OpenTrain's counts, always zero.
                "proposalCounts": {"total": 0, "unreviewed": 0},
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({"jobs": items, "nextCursor": next})))
}

/// POST /jobs/{id}/reports
pub async fn create_job_report(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    throttle_token(&state, &auth).await?;
    let bytes = body::read_body(&req, payload, 64 * 1024).await?;
    let reason = if bytes.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        body::body_kind(&req, &[BodyKind::Json])?;
        let value = body::json(&bytes)?;
        let obj = value.as_object().ok_or_else(|| {
            ApiError::bad_request("The body must be a JSON object: {\"reason\": \"…\"}.")
        })?;
        if let Some(k) = obj.keys().find(|k| *k != "reason") {
            return Err(ApiError::bad_request(format!(
                "Unknown key {k:?}; only \"reason\" is accepted."
            ))
            .with_details(json!({"field": k})));
        }
        match obj.get("reason") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.chars().count() <= 2000 => {
                Some(s.trim().to_string()).filter(|s| !s.is_empty())
            }
            Some(_) => {
                return Err(ApiError::bad_request(
                    "reason must be a string of at most 2000 characters.",
                )
                .with_details(json!({"field": "reason", "maxLength": 2000})))
            }
        }
    };
    let id = path.into_inner();
    let (account, token) = (auth.account.id.clone(), auth.token.id.clone());
    let report = state
        .db_write(move |conn| {
            let now = now_ms();
            if !lifecycle::is_listed(conn, &id, now)? {
                return Err(ApiError::not_found("Job"));
            }
            Ok(reports::create(conn, &id, &account, &token, reason, now)?)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED).json(json!({
        "id": report.id, "jobId": report.job_id, "reason": report.reason, "createdAt": iso(report.created_at),
    })))
}

/// Starts the background sweep (inside `serve`): archives OPEN jobs past their `validThrough`
/// and prunes old rate-limit windows. Every replica may run it; the optimistic update makes a
/// job close once.
pub fn spawn_sweep(state: AppState) {
    let secs = state.config.sweep_secs;
    if secs == 0 {
        return;
    }
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(secs));
        loop {
            tick.tick().await;
            let now = now_ms();
            let keep_ms =
                (2 * 86_400_000).max(2 * state.config.publish_window_hours.max(1) * 3_600_000);
            let swept = state
                .db_write(move |conn| {
                    let closed = lifecycle::close_expired(conn, now, 500)?;
                    crate::store::draft_expiry::expire(conn, now)?;
                    quotas::prune(conn, now - keep_ms)?;
                    Ok(closed)
                })
                .await;
            match swept {
                Ok(closed) if !closed.is_empty() => {
                    tracing::info!("closed {} expired job(s)", closed.len())
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("expiry sweep failed: {e}"),
            }
        }
    });
}
