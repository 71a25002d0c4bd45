//! CTOJobsHQ's draft posting API (`/api/v1/*`): a token issued to an owner e-mail and client name,
//! and a draft call that maps CTOJobsHQ's job object onto the catalog, runs the one create
//! pipeline and answers in CTOJobsHQ's shapes — including its own error envelope.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;
use jobdraft_parsers::Format;
use serde_json::{json, Value};

use super::body;
use super::create::key_reused;
use super::drafts::profile_of;
use super::error::ApiError;
use super::throttle::{client_ip, hit_hourly};
use super::{iso, AppState};
use crate::domain::ctojobs::{self, FieldErrors};
use crate::domain::{CreateRequest, Links, Payload, Report};
use crate::import::{prepare_draft, store_draft, ImportError, KeyPolicy};
use crate::store::accounts::{self, Account, ORIGIN_ISSUED};
use crate::store::jobs::Inserted;
use crate::store::tokens::{self, NewToken};
use crate::store::{draft_expiry, StoreError};

/// An error in CTOJobsHQ's envelope: `{success: false, error: {code, message, details}}`.
fn failure(status: StatusCode, code: &str, message: &str, details: Value) -> HttpResponse {
    HttpResponse::build(status).json(json!({
        "success": false,
        "error": {"code": code, "message": message, "details": details,
                  "request_id": super::error::current_request_id()},
    }))
}

fn validation(errors: FieldErrors) -> HttpResponse {
    failure(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_error",
        "Validation failed",
        json!(errors),
    )
}

fn rate_limit(wait: u64, what: &str) -> HttpResponse {
    let mut res = failure(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limit",
        &format!("Too many {what}; retry after {wait} seconds."),
        json!({"retry_after": wait}),
    );
    if let Ok(v) = header::HeaderValue::from_str(&wait.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

fn disabled() -> HttpResponse {
    failure(
        StatusCode::FORBIDDEN,
        "token_issuance_disabled",
        "This server does not issue tokens to agents (JOBDRAFT_TOKEN_ISSUANCE=open enables it).",
        json!({}),
    )
}

/// A fault below the route, in this route's envelope.
fn internal(e: ApiError) -> HttpResponse {
    let status = e.code.status();
    let code = if status.is_server_error() {
        "server_error"
    } else {
        "bad_request"
    };
    failure(status, code, &e.message, e.details.clone())
}

async fn json_body(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Value, HttpResponse> {
    let bytes = body::read_body(req, payload, limit)
        .await
        .map_err(internal)?;
    body::json(&bytes).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.insert("body".to_string(), vec![e.message.clone()]);
        validation(errors)
    })
}

/// POST /api/v1/access_tokens
pub async fn issue_access_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    if !state.config.token_issuance_open() {
        return disabled();
    }
    let now = state.config.clock.now_ms();
    let per_ip = state.config.issued_tokens_per_ip_per_hour;
    let per_email = state.config.issued_tokens_per_email_per_hour;
    match hit_hourly(&state, format!("issue:ip:{}", client_ip(&req)), per_ip, now).await {
        Ok(None) => {}
        Ok(Some(wait)) => return rate_limit(wait, "token requests from this address"),
        Err(e) => return internal(e),
    }
    let body = match json_body(&req, payload, 16 * 1024).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let request = match ctojobs::token_request(&body) {
        Ok(r) => r,
        Err(errors) => return validation(errors),
    };
    let bucket = format!("issue:email:{}", request.owner_email);
    match hit_hourly(&state, bucket, per_email, now).await {
        Ok(None) => {}
        Ok(Some(wait)) => return rate_limit(wait, "token requests for this owner e-mail"),
        Err(e) => return internal(e),
    }
    let r = request.clone();
    let issued = state
        .db_write(move |conn| {
            Ok(conn.transaction::<_, StoreError, _>(|c| {
                // Issued accounts are keyed by the unverified e-mail and stay unclaimed: naming an
                // address never reaches an account a person claimed with it.
                let mut template = Account::new(
                    &format!("issued:{}", r.owner_email),
                    ORIGIN_ISSUED,
                    false,
                    now,
                );
                template.owner_email = Some(r.owner_email.clone());
                template.owner_name = r.owner_name.clone();
                let account = accounts::find_or_insert(c, template)?;
                accounts::lock(c, &account.id)?;
                tokens::revoke_for_client(c, &account.id, &r.client_name, now)?;
                let extra = NewToken {
                    expires_at: None,
                    client_name: Some(r.client_name.clone()),
                };
                let scopes = vec!["jobs:read".to_string(), "jobs:write".to_string()];
                tokens::issue(c, &account.id, &r.client_name, &scopes, extra, now)
            })?)
        })
        .await;
    let (secret, token) = match issued {
        Ok(t) => t,
        Err(e) => return internal(e),
    };
    HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(json!({
            "success": true,
            "access_token": secret,
            "token_type": "Bearer",
            "api_key": {
                "name": token.name,
                "key_prefix": secret.chars().take(16).collect::<String>(),
                "created_by_email": request.owner_email,
                "created_at": iso(token.created_at),
            },
            "rate_limit": {
                "draft_requests_per_hour": state.config.issued_drafts_per_hour,
                "token_requests_per_hour_per_email": per_email,
                "token_requests_per_hour_per_ip": per_ip,
            },
            "warnings": [
                "Store this token securely. It is only returned once.",
                "Creating a new token for the same owner email and client name revokes the previous token.",
            ],
        }))
}

/// The caller of the draft call, or the 401 in this route's envelope.
async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
) -> Result<(tokens::ApiToken, Account), HttpResponse> {
    let unauthorized = |m: &str| failure(StatusCode::UNAUTHORIZED, "auth_error", m, json!({}));
    let secret = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string())
        .filter(|t| !t.is_empty() && t.len() <= 200)
        .ok_or_else(|| unauthorized("Missing or invalid bearer token"))?;
    let now = state.config.clock.now_ms();
    let found = state
        .db(move |conn| Ok(tokens::authenticate_at(conn, &secret, now)?))
        .await
        .map_err(internal)?;
    match found {
        Some((token, account)) if token.grants("jobs:write") => Ok((token, account)),
        Some(_) => Err(unauthorized(
            "This token cannot create drafts (it lacks jobs:write)",
        )),
        None => Err(unauthorized("Missing or invalid bearer token")),
    }
}

/// POST /api/v1/jobs/draft
pub async fn create_draft(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    if !state.config.token_issuance_open() {
        return disabled();
    }
    let (token, account) = match authenticate(&state, &req).await {
        Ok(caller) => caller,
        Err(res) => return res,
    };
    let now = state.config.clock.now_ms();
    let bucket = format!("issue:drafts:{}", token.id);
    match hit_hourly(&state, bucket, state.config.issued_drafts_per_hour, now).await {
        Ok(None) => {}
        Ok(Some(wait)) => return rate_limit(wait, "draft requests with this token"),
        Err(e) => return internal(e),
    }
    let body = match json_body(&req, payload, state.config.max_body_bytes).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let mapped = match ctojobs::draft_request(&body) {
        Ok(m) => m,
        Err(errors) => return validation(errors),
    };
    // A job board's profile: CTOJobsHQ's fields are Google for Jobs' fields.
    let profile = "general";
    let request = CreateRequest {
        format: Format::Canonical,
        payload: Payload::Json(mapped.canonical.clone()),
        external_id: None,
        idempotency_key: None,
        profile: Some(profile.to_string()),
        warnings: Vec::new(),
    };
    let prepared = match prepare_draft(
        &account.id,
        &request,
        profile,
        &state.config.limits(),
        KeyPolicy::ExplicitOnly,
    ) {
        Ok(p) => p,
        Err(ImportError::Parse(e)) => {
            let mut errors = FieldErrors::new();
            errors.insert("job".to_string(), vec![e.message]);
            return validation(errors);
        }
        Err(ImportError::TooLong(e)) => {
            let mut errors = FieldErrors::new();
            errors.insert("job".to_string(), vec![e.message()]);
            return validation(errors);
        }
        Err(ImportError::Store(e)) => return internal(e.into()),
    };
    let expires_at = now + state.config.draft_ttl_days.max(1) * 86_400_000;
    let stored = state
        .db_write(move |conn| {
            Ok(conn.transaction::<_, StoreError, _>(|c| {
                let inserted = store_draft(c, prepared)?;
                if let Inserted::Created(d) = &inserted {
                    draft_expiry::set(c, &d.id, expires_at)?;
                }
                Ok(inserted)
            })?)
        })
        .await;
    let draft = match stored {
        Ok(Inserted::Created(d) | Inserted::Replayed(d)) => d,
        Ok(Inserted::KeyReused(d)) => return internal(key_reused(&d)),
        Err(e) => return internal(e),
    };
    let Ok(profile_def) = profile_of(&state, &draft.profile) else {
        return internal(ApiError::internal(&"the general profile is missing"));
    };
    let base = state.public_base();
    let report = Report::build(
        &draft,
        &state.catalog,
        profile_def,
        Some(Links { public_url: &base }),
        state.today(),
        &[],
    );
    let page = report.review_url.clone();
    let mut warnings = mapped.warnings.clone();
    warnings.push("No payment is taken: this is a self-hosted board, so payment_url is null. Publish with POST /api/public/v1/jobs/{id}/publish once the draft is publish-ready.".replace("{id}", &draft.id));
    HttpResponse::Ok().json(json!({
        "success": true,
        "draft": {
            "id": draft.id,
            "preview_url": page,
            "edit_url": page,
            "expires_at": iso(expires_at),
        },
        "payment": {"required": false, "amount": 0, "currency": report.normalized_fields.get("currency").cloned().unwrap_or(json!("USD")), "payment_url": null, "checkout_session_id": null},
        "pricing": {"base_price": 0.0, "total": 0.0},
        "warnings": warnings,
        "poster": {"email": mapped.poster_email, "name": mapped.poster_name},
        "validation": report.validation,
        "missing_fields": report.missing_fields,
        "report_url": format!("{base}/api/public/v1/job-drafts/{}", draft.id),
    }))
}
