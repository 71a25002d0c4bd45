//! `/api/public/v1/tokens`: an account mints, lists and revokes its own tokens over the API, as
//! OpenTrain documents — never wider than the caller's (scopes and lifetime), at most 25 active.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;
use serde_json::{json, Map, Value};

use super::auth::Auth;
use super::body;
use super::error::{ApiError, ErrorCode};
use super::{iso, AppState};
use crate::store::tokens::{self, ApiToken, NewToken, SCOPES};
use crate::store::{accounts, StoreError};

/// Active tokens an account may hold.
pub const MAX_ACTIVE_TOKENS: i64 = 25;
const MAX_NAME_CHARS: usize = 120;

/// The documented `metadata` object of a token.
pub fn metadata(token: &ApiToken, now: i64) -> Value {
    json!({
        "id": token.id,
        "name": token.name,
        "preview": token.preview,
        "scopes": token.scope_list(),
        "status": token.status(now),
        "organizationId": token.account_id,
        "createdAt": iso(token.created_at),
        "lastUsedAt": token.last_used_at.map(iso),
        "expiresAt": token.expires_at.map(iso),
        "revokedAt": token.revoked_at.map(iso),
    })
}

/// What a create body asks for, checked.
struct Requested {
    name: String,
    scopes: Vec<String>,
    expires_at: Option<i64>,
}

fn scope_strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(
            s.split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

fn requested(body: &Map<String, Value>, auth: &Auth, now: i64) -> Result<Requested, ApiError> {
    if let Some(k) = body
        .keys()
        .find(|k| !["name", "scopes", "expiresAt"].contains(&k.as_str()))
    {
        return Err(ApiError::bad_request(format!(
            "Unknown key {k:?}; a token takes name, scopes and expiresAt."
        ))
        .with_details(json!({"field": k})));
    }
    let name = match body.get("name") {
        None | Some(Value::Null) => "API token".to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() && s.chars().count() <= MAX_NAME_CHARS => {
            s.trim().to_string()
        }
        Some(_) => {
            return Err(ApiError::bad_request(format!(
                "name must be a non-empty string of at most {MAX_NAME_CHARS} characters."
            ))
            .with_details(json!({"field": "name", "maxLength": MAX_NAME_CHARS})))
        }
    };
    let granted = auth.token.scope_list();
    let scopes = match body.get("scopes") {
        None | Some(Value::Null) => granted.clone(),
        Some(v) => {
            let list = scope_strings(v).ok_or_else(|| {
                ApiError::bad_request("scopes must be an array of scope names.")
                    .with_details(json!({"field": "scopes", "supportedScopes": SCOPES}))
            })?;
            let unknown: Vec<&String> = list
                .iter()
                .filter(|s| !SCOPES.contains(&s.as_str()))
                .collect();
            if !unknown.is_empty() || list.is_empty() {
                return Err(ApiError::bad_request(if list.is_empty() {
                    "scopes must name at least one scope.".to_string()
                } else {
                    format!("Unknown scope(s): {unknown:?}.")
                })
                .with_details(
                    json!({"field": "scopes", "unknownScopes": unknown, "supportedScopes": SCOPES}),
                ));
            }
            let mut out: Vec<String> = Vec::new();
            for s in list {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
            out
        }
    };
    let beyond: Vec<&String> = scopes.iter().filter(|s| !auth.token.grants(s)).collect();
    if !beyond.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "A token cannot grant scopes its creator does not hold.",
        )
        .with_details(json!({"reason": "scope_escalation", "requestedScopes": scopes, "grantedScopes": granted, "deniedScopes": beyond})));
    }
    let caller_expiry = auth.token.expires_at;
    let expires_at = match body.get("expiresAt") {
        None | Some(Value::Null) => caller_expiry,
        Some(Value::String(s)) => {
            let at = chrono::DateTime::parse_from_rfc3339(s.trim())
                .map(|t| t.timestamp_millis())
                .map_err(|_| {
                    ApiError::bad_request(
                        "expiresAt must be an ISO 8601 date-time such as 2027-01-01T00:00:00Z.",
                    )
                    .with_details(json!({"field": "expiresAt"}))
                })?;
            if at <= now {
                return Err(ApiError::bad_request("expiresAt must be in the future.")
                    .with_details(json!({"field": "expiresAt", "now": iso(now)})));
            }
            if caller_expiry.is_some_and(|c| at > c) {
                return Err(ApiError::new(
                    ErrorCode::Forbidden,
                    "A token cannot outlive the token that creates it.",
                )
                .with_details(
                    json!({"reason": "expiry_escalation", "maxExpiresAt": caller_expiry.map(iso)}),
                ));
            }
            Some(at)
        }
        Some(_) => {
            return Err(ApiError::bad_request("expiresAt must be a string.")
                .with_details(json!({"field": "expiresAt"})))
        }
    };
    Ok(Requested {
        name,
        scopes,
        expires_at,
    })
}

/// POST /tokens
pub async fn create_token(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    body::body_kind(&req, &[body::BodyKind::Json])?;
    let bytes = body::read_body(&req, payload, 16 * 1024).await?;
    let body = if bytes.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else {
        match body::json(&bytes)? {
            Value::Object(m) => m,
            _ => return Err(ApiError::bad_request("The body must be a JSON object.")),
        }
    };
    let now = state.config.clock.now_ms();
    let wanted = requested(&body, &auth, now)?;
    let account = auth.account.id.clone();
    let created = state
        .db_write(move |conn| {
            let result = conn.transaction::<_, StoreError, _>(|c| {
                accounts::lock(c, &account)?;
                if tokens::count_active(c, &account, now)? >= MAX_ACTIVE_TOKENS {
                    return Ok(None);
                }
                let extra = NewToken {
                    expires_at: wanted.expires_at,
                    client_name: None,
                };
                tokens::issue(c, &account, &wanted.name, &wanted.scopes, extra, now).map(Some)
            })?;
            result.ok_or_else(|| {
                ApiError::conflict(
                    format!(
                        "This account has {MAX_ACTIVE_TOKENS} active tokens; revoke one first."
                    ),
                    json!({"reason": "token_limit_reached", "limit": MAX_ACTIVE_TOKENS}),
                )
            })
        })
        .await?;
    let (secret, token) = created;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header(("Cache-Control", "no-store"))
        .json(json!({
            "token": secret,
            "tokenType": "bearer",
            "metadata": metadata(&token, now),
        })))
}

/// GET /tokens
pub async fn list_tokens(state: web::Data<AppState>, auth: Auth) -> Result<HttpResponse, ApiError> {
    let now = state.config.clock.now_ms();
    let account = auth.account.id.clone();
    let all = state
        .db(move |conn| Ok(tokens::list_for_account(conn, &account)?))
        .await?;
    let items: Vec<Value> = all.iter().map(|t| metadata(t, now)).collect();
    Ok(HttpResponse::Ok().json(json!({"tokens": items})))
}

/// DELETE /tokens/{id}
pub async fn revoke_token(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let now = state.config.clock.now_ms();
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    let token = state
        .db_write(move |conn| {
            tokens::revoke_owned(conn, &account, &id, now).map_err(|e| match e {
                StoreError::NotFound => ApiError::not_found("Token"),
                other => other.into(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({"token": metadata(&token, now)})))
}
