//! OpenTrain's agent onboarding (`/api/agent/*`): an agent registers itself (an unclaimed account,
//! a pre-claim token and a claim token), starts a claim for a person's e-mail, polls the token
//! endpoint until the person confirms on `/claim`, and receives the post-claim token once.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::Connection;
use rand::Rng;
use serde_json::json;

use super::oauth::{param, read_params, OAuthError};
use super::throttle::{client_ip, hit_hourly};
use super::{iso, AppState};
use crate::domain::claim::{
    self, can_start, hash_secret, normalize_email, poll, PollAnswer, CLAIM_TOKEN_PREFIX,
    CLAIM_TOKEN_TTL_SECS, GRANT_TYPE, POLL_INTERVAL_SECS, USER_CODE_TTL_SECS, VERIFICATION_PREFIX,
};
use crate::store::accounts::{self, Account, ORIGIN_REGISTRATION};
use crate::store::claims::{self, AgentClaim};
use crate::store::tokens::{self, new_secret_with, NewToken};
use crate::store::StoreError;

/// What self-registered tokens may do, before and after the claim (jobdraft has no hiring,
/// messaging or team scopes to add at the claim).
pub const AGENT_SCOPES: &[&str] = &["jobs:read", "jobs:write"];

fn agent_scopes() -> Vec<String> {
    AGENT_SCOPES.iter().map(|s| s.to_string()).collect()
}

fn no_store(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res
}

/// An optional short text parameter.
fn short_text(
    params: &std::collections::HashMap<String, String>,
    key: &str,
) -> Result<Option<String>, OAuthError> {
    match param(params, key) {
        Some(v) if v.chars().count() > 120 => Err(OAuthError::invalid_request(format!(
            "{key} is longer than 120 characters."
        ))),
        other => Ok(other.map(str::to_string)),
    }
}

/// POST /api/agent/identity
pub async fn register_identity(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, OAuthError> {
    if !state.config.agent_registration_open() {
        return Err(OAuthError::not_enabled());
    }
    let now = state.config.clock.now_ms();
    let bucket = format!("agent-register:ip:{}", client_ip(&req));
    if let Some(wait) = hit_hourly(&state, bucket, state.config.registrations_per_hour, now).await?
    {
        return Err(OAuthError::rate_limited("registrations", wait));
    }
    let params = read_params(&req, payload, &state).await?;
    if let Some(kind) = param(&params, "identity_type") {
        if kind != "anonymous" {
            return Err(OAuthError::new(
                StatusCode::BAD_REQUEST,
                "unsupported_identity_type",
                format!(
                    "identity_type {kind:?} is not supported; the only value is \"anonymous\"."
                ),
            ));
        }
    }
    let agent_name = short_text(&params, "agent_name")?;
    let organization = short_text(&params, "organization_name")?;
    let mut account = Account::new("", ORIGIN_REGISTRATION, false, now);
    // The id's tail is random (its head is the time), so it tells registrations apart.
    let suffix = account.id.get(20..).unwrap_or(&account.id).to_string();
    account.name = match &organization {
        Some(org) => format!("{org} (agent {suffix})"),
        None => format!("agent-{suffix}"),
    };
    let token_name = agent_name
        .clone()
        .unwrap_or_else(|| "Agent token".to_string());
    let claim_token = new_secret_with(CLAIM_TOKEN_PREFIX);
    let claim_expires_at = now + CLAIM_TOKEN_TTL_SECS * 1000;
    let ceremony = AgentClaim::new(
        &account.id,
        hash_secret(&claim_token),
        claim_expires_at,
        now,
    );
    let stored = account.clone();
    let (secret, token) = state
        .db_write(move |conn| {
            Ok(conn.transaction::<_, StoreError, _>(|c| {
                accounts::insert(c, &stored)?;
                claims::insert(c, &ceremony)?;
                tokens::issue(
                    c,
                    &stored.id,
                    &token_name,
                    &agent_scopes(),
                    NewToken::default(),
                    now,
                )
            })?)
        })
        .await?;
    let base = state.public_base();
    Ok(no_store(HttpResponse::Created().json(json!({
        "identity_type": "anonymous",
        "registration_id": account.id,
        "access_token": secret,
        "token_type": "bearer",
        "scopes": token.scope_list(),
        "claim_token": claim_token,
        "claim_token_expires_at": iso(claim_expires_at),
        "claim_endpoint": format!("{base}/api/agent/identity/claim"),
        "token_endpoint": format!("{base}/api/agent/oauth/token"),
        "grant_type": GRANT_TYPE,
        "account": {"id": account.id, "name": account.name, "claimed": false, "agentName": agent_name},
    }))))
}

/// A random six-digit code, uniformly drawn.
fn new_user_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// POST /api/agent/identity/claim
pub async fn start_claim(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, OAuthError> {
    if !state.config.agent_registration_open() {
        return Err(OAuthError::not_enabled());
    }
    let now = state.config.clock.now_ms();
    let limit = state.config.claims_per_hour;
    let bucket = format!("agent-claim:ip:{}", client_ip(&req));
    if let Some(wait) = hit_hourly(&state, bucket, limit, now).await? {
        return Err(OAuthError::rate_limited("claim starts", wait));
    }
    let params = read_params(&req, payload, &state).await?;
    let claim_token = param(&params, "claim_token")
        .ok_or_else(|| OAuthError::invalid_request("claim_token is required."))?
        .to_string();
    let email = param(&params, "email")
        .and_then(normalize_email)
        .ok_or_else(|| {
            OAuthError::invalid_request("email is required and must be an e-mail address.")
        })?;
    let bucket = format!("agent-claim:email:{email}");
    if let Some(wait) = hit_hourly(&state, bucket, limit, now).await? {
        return Err(OAuthError::rate_limited(
            "claim starts for this e-mail",
            wait,
        ));
    }
    let code = new_user_code();
    let verification = new_secret_with(VERIFICATION_PREFIX);
    let verification_hash = hash_secret(&verification);
    let stored_email = email.clone();
    let started = state
        .db_write(move |conn| {
            let Some(ceremony) = claims::find_by_claim_hash(conn, &hash_secret(&claim_token))? else {
                return Ok(Err(OAuthError::invalid_request("Unknown claim_token.")));
            };
            if let Err(why) = can_start(&ceremony.state(), now) {
                return Ok(Err(OAuthError::invalid_request(why)));
            }
            if accounts::find_claimed_by_email(conn, &stored_email)?.is_some() {
                return Ok(Err(OAuthError::invalid_request(
                    "email_already_registered: an account on this server already belongs to that e-mail.",
                )));
            }
            let code_hash = claim::user_code_hash(&ceremony.account_id, &code);
            let expires_at = now + USER_CODE_TTL_SECS * 1000;
            if !claims::start(conn, &ceremony.account_id, &stored_email, &code_hash, &verification_hash, expires_at)? {
                return Ok(Err(OAuthError::invalid_request("This account has already been claimed.")));
            }
            Ok(Ok(code))
        })
        .await??;
    let uri = format!("{}/claim?token={verification}", state.public_base());
    Ok(no_store(HttpResponse::Ok().json(json!({
        "user_code": started,
        "verification_uri": uri,
        "verification_uri_complete": uri,
        "expires_in": USER_CODE_TTL_SECS,
        "interval": POLL_INTERVAL_SECS,
        "email": email,
        // jobdraft sends no mail: show the person the link and the code yourself.
        "email_sent": false,
    }))))
}

/// POST /api/agent/oauth/token
pub async fn exchange_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, OAuthError> {
    if !state.config.agent_registration_open() {
        return Err(OAuthError::not_enabled());
    }
    let params = read_params(&req, payload, &state).await?;
    let grant = param(&params, "grant_type")
        .ok_or_else(|| OAuthError::invalid_request("grant_type is required."))?;
    if grant != GRANT_TYPE {
        return Err(OAuthError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            format!("grant_type must be {GRANT_TYPE}."),
        ));
    }
    let claim_token = param(&params, "claim_token")
        .ok_or_else(|| OAuthError::invalid_request("claim_token is required."))?
        .to_string();
    let now = state.config.clock.now_ms();
    // Secrets are found by their SHA-256 (an index lookup on a digest the caller cannot steer),
    // never compared as plain text.
    let outcome = state
        .db_write(move |conn| {
            Ok(conn.transaction::<_, StoreError, _>(|c| {
                let Some(ceremony) = claims::find_by_claim_hash(c, &hash_secret(&claim_token))?
                else {
                    return Ok(Err(PollAnswer::AlreadyDelivered));
                };
                let answer = poll(&ceremony.state(), now);
                if answer != PollAnswer::AlreadyDelivered {
                    claims::touch_poll(c, &ceremony.account_id, now)?;
                }
                if answer != PollAnswer::Deliver {
                    return Ok(Err(answer));
                }
                if !claims::mark_delivered(c, &ceremony.account_id, now)? {
                    return Ok(Err(PollAnswer::AlreadyDelivered));
                }
                let (secret, token) = tokens::issue(
                    c,
                    &ceremony.account_id,
                    "Agent token (claimed)",
                    &agent_scopes(),
                    NewToken::default(),
                    now,
                )?;
                // Every pre-claim token dies with the hand-over.
                tokens::revoke_all_except(c, &ceremony.account_id, &token.id, now)?;
                Ok(Ok((secret, token)))
            })?)
        })
        .await?;
    match outcome {
        Ok((secret, token)) => Ok(no_store(HttpResponse::Ok().json(json!({
            "access_token": secret,
            "token_type": "bearer",
            "scopes": token.scope_list(),
            "account_id": token.account_id,
        })))),
        Err(answer) => {
            let description = match answer {
                PollAnswer::Pending => "The person has not confirmed the claim yet; keep polling every interval seconds.",
                PollAnswer::SlowDown => "Polling faster than the interval; wait longer between polls.",
                PollAnswer::Expired => "The claim window is over; start the claim again (or register again if the claim token expired).",
                PollAnswer::NotStarted => "No claim was started for this claim token; POST /api/agent/identity/claim first.",
                _ => "Unknown claim token, or its post-claim token was already delivered.",
            };
            let error = answer.oauth_error().unwrap_or("invalid_grant");
            Err(OAuthError::new(StatusCode::BAD_REQUEST, error, description))
        }
    }
}

/// POST /api/agent/oauth/revoke (RFC 7009: 200 whether or not the token existed).
pub async fn revoke_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, OAuthError> {
    let params = read_params(&req, payload, &state).await?;
    let token = param(&params, "token")
        .ok_or_else(|| OAuthError::invalid_request("token is required."))?
        .to_string();
    let now = state.config.clock.now_ms();
    if token.starts_with(tokens::TOKEN_PREFIX) && token.len() <= 200 {
        state
            .db_write(move |conn| Ok(tokens::revoke_by_secret(conn, &token, now)?))
            .await?;
    }
    Ok(no_store(HttpResponse::Ok().json(json!({}))))
}
