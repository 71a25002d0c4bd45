//! `/api/public/v1/feeds`: an account registers the feeds jobdraft keeps in sync (`{url,
//! format, intervalMinutes, autoPublish}`), lists and deletes them, runs one now and reads its
//! run reports. The runs themselves are `crate::feeds`.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};

use super::auth::Auth;
use super::body;
use super::error::ApiError;
use super::lifecycle::{moderation_rules, throttle_token};
use super::{iso, AppState};
use crate::feeds::fetch::is_fetchable;
use crate::feeds::run::RunError;
use crate::feeds::service::{run_with, Settings};
use crate::feeds::FORMATS;
use crate::store::feeds::{self, Feed, NewFeed, Run};
use crate::store::now_ms;

/// Feeds an account may register.
pub const MAX_FEEDS: i64 = 20;
const MAX_URL_CHARS: usize = 2000;
/// `intervalMinutes`: 0 (run on demand only) or this range.
pub const INTERVAL_MINUTES: (i64, i64) = (5, 10_080);
/// Reports listed by `GET /feeds/{id}/runs`.
const RUNS_LISTED: i64 = 20;

/// The feed object of responses.
pub fn feed_json(feed: &Feed, now: i64) -> Value {
    json!({
        "id": feed.id,
        "url": feed.url,
        "format": feed.format,
        "intervalMinutes": feed.interval_minutes,
        "autoPublish": feed.auto_publish,
        "createdAt": iso(feed.created_at),
        "lastRunAt": feed.last_run_at.map(iso),
        "nextRunAt": (feed.interval_minutes > 0).then(|| iso(feed.next_run_at)),
        "running": feed.lease_until.is_some_and(|until| until > now),
    })
}

/// The run report object of responses.
pub fn run_json(run: &Run) -> Value {
    let list = |text: &str| serde_json::from_str::<Value>(text).unwrap_or_else(|_| json!([]));
    json!({
        "id": run.id,
        "feedId": run.feed_id,
        "startedAt": iso(run.started_at),
        "finishedAt": run.finished_at.map(iso),
        "outcome": run.outcome,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "closed": run.closed,
        "failed": run.failed,
        "failures": list(&run.failures),
        "notes": list(&run.notes),
        "error": run.error,
    })
}

fn field_error(field: &str, message: String, extra: Value) -> ApiError {
    let mut details = json!({"field": field});
    if let (Some(d), Some(e)) = (details.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    ApiError::bad_request(message).with_details(details)
}

/// A checked create body.
struct Requested {
    url: String,
    format: String,
    interval_minutes: i64,
    auto_publish: bool,
}

fn requested(body: &Map<String, Value>) -> Result<Requested, ApiError> {
    const KEYS: [&str; 4] = ["url", "format", "intervalMinutes", "autoPublish"];
    if let Some(k) = body.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(field_error(
            k,
            format!(
                "Unknown key {k:?}; a feed takes url, format, intervalMinutes and autoPublish."
            ),
            json!({"supportedKeys": KEYS}),
        ));
    }
    let url = match body.get("url") {
        Some(Value::String(u)) if u.chars().count() <= MAX_URL_CHARS && is_fetchable(u.trim()) => {
            u.trim().to_string()
        }
        _ => {
            return Err(field_error(
                "url",
                "url must be an absolute http(s) URL.".into(),
                json!({"maxLength": MAX_URL_CHARS}),
            ))
        }
    };
    let format = match body.get("format") {
        None | Some(Value::Null) => FORMATS[0].to_string(),
        Some(Value::String(f)) if FORMATS.contains(&f.as_str()) => f.clone(),
        Some(_) => {
            return Err(field_error(
                "format",
                format!("format must be one of {}.", FORMATS.join(", ")),
                json!({"allowedValues": FORMATS}),
            ))
        }
    };
    let (min, max) = INTERVAL_MINUTES;
    let interval_minutes = match body.get("intervalMinutes") {
        None | Some(Value::Null) => 60,
        Some(v) => match v.as_i64() {
            Some(n) if n == 0 || (min..=max).contains(&n) => n,
            _ => {
                return Err(field_error(
                    "intervalMinutes",
                    format!(
                    "intervalMinutes must be 0 (on demand only) or an integer from {min} to {max}."
                ),
                    json!({"min": min, "max": max}),
                ))
            }
        },
    };
    let auto_publish = match body.get("autoPublish") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(field_error(
                "autoPublish",
                "autoPublish must be true or false.".into(),
                json!({}),
            ))
        }
    };
    Ok(Requested {
        url,
        format,
        interval_minutes,
        auto_publish,
    })
}

/// POST /feeds
pub async fn create_feed(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let value = body::json_body(&req, payload, 64 * 1024).await?;
    let body = value.as_object().ok_or_else(|| {
        ApiError::bad_request(
            "The body must be a JSON object: {url, format, intervalMinutes, autoPublish}.",
        )
    })?;
    let r = requested(body)?;
    let account = auth.account.id.clone();
    let now = now_ms();
    let created = state
        .db_write(move |conn| {
            if feeds::count(conn, &account)? >= MAX_FEEDS {
                return Err(ApiError::conflict(
                    format!("An account registers at most {MAX_FEEDS} feeds; delete one first."),
                    json!({"reason": "feed_limit_reached", "limit": MAX_FEEDS}),
                ));
            }
            let new = NewFeed {
                account_id: &account,
                url: &r.url,
                format: &r.format,
                interval_minutes: r.interval_minutes,
                auto_publish: r.auto_publish,
            };
            match feeds::create(conn, &new, now)? {
                Ok(feed) => Ok(feed),
                Err(existing) => Err(ApiError::conflict(
                    "This account already registered that URL.",
                    json!({"reason": "feed_exists", "feedId": existing.id}),
                )),
            }
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .json(json!({"ok": true, "feed": feed_json(&created, now)})))
}

/// GET /feeds
pub async fn list_feeds(state: web::Data<AppState>, auth: Auth) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:read")?;
    throttle_token(&state, &auth).await?;
    let account = auth.account.id.clone();
    let list = state
        .db(move |conn| Ok(feeds::list(conn, &account)?))
        .await?;
    let now = now_ms();
    let items: Vec<Value> = list.iter().map(|f| feed_json(f, now)).collect();
    Ok(HttpResponse::Ok().json(json!({"feeds": items})))
}

fn not_found_feed(e: crate::store::StoreError) -> ApiError {
    match e {
        crate::store::StoreError::NotFound => ApiError::not_found("Feed"),
        other => other.into(),
    }
}

/// DELETE /feeds/{id}
pub async fn delete_feed(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let reply_id = id.clone();
    let deleted = state
        .db_write(move |conn| Ok(feeds::delete(conn, &account, &id)?))
        .await?;
    if !deleted {
        return Err(ApiError::not_found("Feed"));
    }
    Ok(HttpResponse::Ok().json(json!({"ok": true, "id": reply_id, "deleted": true})))
}

/// GET /feeds/{id}/runs
pub async fn list_runs(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:read")?;
    throttle_token(&state, &auth).await?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let runs = state
        .db(move |conn| {
            let feed = feeds::find_owned(conn, &account, &id).map_err(not_found_feed)?;
            Ok(feeds::runs(conn, &feed.id, RUNS_LISTED)?)
        })
        .await?;
    let items: Vec<Value> = runs.iter().map(run_json).collect();
    Ok(HttpResponse::Ok().json(json!({"runs": items})))
}

/// POST /feeds/{id}/runs — runs the feed now and answers with its report.
pub async fn run_feed_now(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let feed = state
        .db(move |conn| feeds::find_owned(conn, &account, &id).map_err(not_found_feed))
        .await?;
    let settings = Settings::from_config(
        &state.config,
        state.catalog.clone(),
        moderation_rules(&state)?,
    );
    let store = state.store.clone();
    let owner = format!("api-{}", crate::store::new_id());
    let ran = state
        .blocking(move || run_with(&store, &settings, &feed, &owner, None, &mut |_, _| {}))
        .await?;
    match ran {
        Ok(run) => Ok(HttpResponse::Ok().json(json!({"ok": true, "run": run_json(&run)}))),
        Err(RunError::Busy) => Err(ApiError::conflict(
            "A run of this feed is in progress; read its report at GET /feeds/{id}/runs.",
            json!({"reason": "run_in_progress"}),
        )),
        Err(RunError::Store(e)) => Err(e.into()),
    }
}

/// The settings the scheduler inside `serve` runs feeds with.
pub fn scheduler_settings(state: &AppState) -> Result<Settings, String> {
    let rules = moderation_rules(state).map_err(|e| e.message.clone())?;
    Ok(Settings::from_config(
        &state.config,
        state.catalog.clone(),
        Arc::clone(&rules),
    ))
}
