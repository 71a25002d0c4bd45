//! `/api/public/v1/webhooks` in OpenTrain's shapes: create (the `whsec_` secret shown once, at
//! most ten per account, public https destinations unless the operator allows more), list, read,
//! delete, the delivery log and redelivery. Managing webhooks takes `jobs:write`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};

use super::auth::Auth;
use super::body;
use super::error::ApiError;
use super::lifecycle::{bad_cursor, limit_param, query_map, PageLimit};
use super::{iso, AppState};
use crate::domain::events::EventType;
use crate::domain::public_job::{decode_cursor, encode_cursor};
use crate::domain::webhooks::{
    check_event_types, check_url, Refusal, DISABLED, MAX_PER_ACCOUNT, PENDING,
};
use crate::net::signing;
use crate::store::webhooks::{self as store, Attempt, Delivery, Webhook};
use crate::store::StoreError;

pub const DELIVERIES_PAGE: PageLimit = PageLimit {
    default: 25,
    max: 100,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/webhooks")
            .route(web::get().to(list_webhooks))
            .route(web::post().to(create_webhook)),
    )
    .service(
        web::resource("/webhooks/{id}")
            .route(web::get().to(get_webhook))
            .route(web::delete().to(delete_webhook)),
    )
    .service(web::resource("/webhooks/{id}/deliveries").route(web::get().to(list_deliveries)))
    .service(
        web::resource("/webhooks/{id}/deliveries/{deliveryId}/redeliver")
            .route(web::post().to(redeliver)),
    );
}

/// A webhook as OpenTrain shows it (never with its secret).
pub fn webhook_json(hook: &Webhook) -> Value {
    json!({
        "id": hook.id,
        "url": hook.url,
        "eventTypes": hook.event_type_list(),
        "status": hook.status,
        "createdAt": iso(hook.created_at),
        "disabledAt": hook.disabled_at.map(iso),
        "disabledReason": hook.disabled_reason,
    })
}

fn delivery_json(d: &Delivery, event_type: Option<&str>, attempts: &[&Attempt]) -> Value {
    json!({
        "id": d.id,
        "eventId": d.event_id,
        "eventType": event_type,
        "status": d.status,
        "attempts": d.attempts,
        "nextAttemptAt": (d.status == PENDING).then(|| iso(d.next_attempt_at)),
        "lastAttemptAt": d.last_attempt_at.map(iso),
        "lastStatusCode": d.last_status_code,
        "lastError": d.last_error,
        "deliveredAt": d.delivered_at.map(iso),
        "createdAt": iso(d.created_at),
        "attemptLog": attempts.iter().map(|a| json!({
            "attempt": a.attempt,
            "attemptedAt": iso(a.attempted_at),
            "statusCode": a.status_code,
            "error": a.error,
            "durationMs": a.duration_ms,
            "worker": a.worker,
        })).collect::<Vec<_>>(),
    })
}

fn refused(r: Refusal) -> ApiError {
    ApiError::bad_request(r.message).with_details(json!({"reason": r.reason, "field": r.field}))
}

fn not_found_webhook(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::not_found("Webhook"),
        other => other.into(),
    }
}

/// The create body, checked: `{url, eventTypes}`.
fn requested(
    body: &Map<String, Value>,
    state: &AppState,
) -> Result<(String, Vec<EventType>), ApiError> {
    if let Some(k) = body
        .keys()
        .find(|k| !["url", "eventTypes"].contains(&k.as_str()))
    {
        return Err(ApiError::bad_request(format!(
            "Unknown key {k:?}; a webhook takes url and eventTypes."
        ))
        .with_details(json!({"reason": "unknown_key", "field": k})));
    }
    let url = match body.get("url") {
        Some(Value::String(s)) => s.trim().to_string(),
        _ => {
            return Err(ApiError::bad_request("url (a string) is required.")
                .with_details(json!({"reason": "invalid_url", "field": "url"})))
        }
    };
    if url.contains('\0') {
        return Err(body::nul_character(json!({"field": "url"})));
    }
    check_url(&url, &state.config.destination_policy()).map_err(refused)?;
    let types: Vec<String> = match body.get("eventTypes") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| {
                ApiError::bad_request("eventTypes must be an array of strings.")
                    .with_details(json!({"reason": "invalid_event_types", "field": "eventTypes"}))
            })?,
        _ => return Err(ApiError::bad_request(
            "eventTypes (an array of event types) is required.",
        )
        .with_details(json!({
            "reason": "invalid_event_types", "field": "eventTypes",
            "supportedEventTypes": EventType::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        }))),
    };
    let kinds = check_event_types(&types).map_err(refused)?;
    Ok((url, kinds))
}

/// POST /webhooks
pub async fn create_webhook(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    body::body_kind(&req, &[body::BodyKind::Json])?;
    let bytes = body::read_body(&req, payload, 16 * 1024).await?;
    let body = match body::json(&bytes)? {
        Value::Object(m) => m,
        _ => return Err(ApiError::bad_request("The body must be a JSON object.")),
    };
    let (url, kinds) = requested(&body, &state)?;
    let secret = signing::new_secret();
    let now = state.config.clock.now_ms();
    let account = auth.account.id.clone();
    let stored_secret = secret.clone();
    let created = state
        .db_write(move |conn| {
            Ok(store::create(
                conn,
                &account,
                &url,
                &kinds,
                &stored_secret,
                now,
            )?)
        })
        .await?;
    let hook = created.ok_or_else(|| {
        ApiError::conflict(
            format!("This account has {MAX_PER_ACCOUNT} webhooks; delete one first."),
            json!({"reason": "webhook_limit_reached", "limit": MAX_PER_ACCOUNT}),
        )
    })?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header(("Cache-Control", "no-store"))
        .json(json!({
            "webhook": webhook_json(&hook),
            "secret": secret,
            "message": "Store the secret now: it is shown only once. Deliveries are signed with it (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Events before now are not sent; read them from /updates.",
        })))
}

/// GET /webhooks
pub async fn list_webhooks(
    state: web::Data<AppState>,
    auth: Auth,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let account = auth.account.id.clone();
    let hooks = state
        .db(move |conn| Ok(store::list(conn, &account)?))
        .await?;
    let items: Vec<Value> = hooks.iter().map(webhook_json).collect();
    Ok(HttpResponse::Ok().json(json!({"webhooks": items, "limit": MAX_PER_ACCOUNT})))
}

/// GET /webhooks/{id}
pub async fn get_webhook(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let hook = state
        .db(move |conn| store::find_owned(conn, &account, &id).map_err(not_found_webhook))
        .await?;
    Ok(HttpResponse::Ok().json(json!({"webhook": webhook_json(&hook)})))
}

/// DELETE /webhooks/{id}
pub async fn delete_webhook(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let deleted_id = id.clone();
    let existed = state
        .db_write(move |conn| Ok(store::delete(conn, &account, &id)?))
        .await?;
    if !existed {
        return Err(ApiError::not_found("Webhook"));
    }
    Ok(HttpResponse::Ok().json(json!({"ok": true, "webhookId": deleted_id, "deleted": true})))
}

/// GET /webhooks/{id}/deliveries
pub async fn list_deliveries(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let query = query_map(&req)?;
    let limit = limit_param(&query, DELIVERIES_PAGE)?;
    let before = match query.get("cursor").filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(decode_cursor(c).ok_or_else(bad_cursor)?),
    };
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let (mut page, attempts, types) = state
        .db(move |conn| {
            let hook = store::find_owned(conn, &account, &id).map_err(not_found_webhook)?;
            let page = store::deliveries(conn, &hook.id, before, limit + 1)?;
            let ids: Vec<String> = page.iter().map(|d| d.id.clone()).collect();
            let attempts = store::attempts(conn, &ids)?;
            let events: Vec<String> = page.iter().map(|d| d.event_id.clone()).collect();
            let types = crate::store::outbox::types_of(conn, &events)?;
            Ok((page, attempts, types))
        })
        .await?;
    let more = page.len() as i64 > limit;
    page.truncate(limit as usize);
    let next = match (more, page.last()) {
        (true, Some(last)) => Value::from(encode_cursor(last.created_at, &last.id)),
        _ => Value::Null,
    };
    let items: Vec<Value> = page
        .iter()
        .map(|d| {
            let mine: Vec<&Attempt> = attempts.iter().filter(|a| a.delivery_id == d.id).collect();
            delivery_json(d, types.get(&d.event_id).map(String::as_str), &mine)
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({"deliveries": items, "nextCursor": next})))
}

/// POST /webhooks/{id}/deliveries/{deliveryId}/redeliver
pub async fn redeliver(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let ((id, delivery_id), account) = (path.into_inner(), auth.account.id.clone());
    let now = state.config.clock.now_ms();
    let delivery = state
        .db_write(move |conn| {
            let hook = store::find_owned(conn, &account, &id).map_err(not_found_webhook)?;
            let delivery = store::find_delivery(conn, &hook.id, &delivery_id).map_err(|e| match e {
                StoreError::NotFound => ApiError::not_found("Delivery"),
                other => other.into(),
            })?;
            if hook.status == DISABLED {
                return Err(ApiError::conflict(
                    "The webhook is disabled; create a new one (and read what it missed from /updates).",
                    json!({"reason": "webhook_disabled", "disabledReason": hook.disabled_reason}),
                ));
            }
            if !store::redeliver(conn, &delivery.id, now)? {
                return Err(ApiError::conflict(
                    "The delivery is being sent right now; look at the log again shortly.",
                    json!({"reason": "delivery_in_flight"}),
                ));
            }
            Ok(delivery)
        })
        .await?;
    Ok(HttpResponse::build(StatusCode::ACCEPTED).json(json!({
        "ok": true,
        "deliveryId": delivery.id,
        "eventId": delivery.event_id,
        "status": PENDING,
        "nextAttemptAt": iso(now),
    })))
}
