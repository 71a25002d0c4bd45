//! In-band discovery for agents: RFC 8414 and RFC 9728 metadata (with OpenTrain's `agent_auth`
//! block), `/llms.txt`, and the 403 OpenTrain's clients expect for features jobdraft does not offer.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::auth::Auth;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::domain::claim::{
    CLAIM_TOKEN_TTL_SECS, GRANT_TYPE, POLL_INTERVAL_SECS, USER_CODE_TTL_SECS,
};

/// GET /.well-known/oauth-authorization-server
pub async fn authorization_server(state: web::Data<AppState>) -> HttpResponse {
    let base = state.public_base();
    let open = state.config.agent_registration_open();
    HttpResponse::Ok().json(json!({
        "issuer": base,
        "token_endpoint": format!("{base}/api/agent/oauth/token"),
        "revocation_endpoint": format!("{base}/api/agent/oauth/revoke"),
        "grant_types_supported": [GRANT_TYPE],
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        "response_types_supported": [],
        "scopes_supported": super::agents::AGENT_SCOPES,
        "service_documentation": format!("{base}/llms.txt"),
        "agent_auth": {
            "enabled": open,
            "identity_endpoint": format!("{base}/api/agent/identity"),
            "claim_endpoint": format!("{base}/api/agent/identity/claim"),
            "verification_uri": format!("{base}/claim"),
            "token_endpoint": format!("{base}/api/agent/oauth/token"),
            "revocation_endpoint": format!("{base}/api/agent/oauth/revoke"),
            "grant_type": GRANT_TYPE,
            "identity_types_supported": ["anonymous"],
            "interval": POLL_INTERVAL_SECS,
            "user_code_expires_in": USER_CODE_TTL_SECS,
            "claim_token_expires_in": CLAIM_TOKEN_TTL_SECS,
            "pre_claim_scopes": super::agents::AGENT_SCOPES,
            "post_claim_scopes": super::agents::AGENT_SCOPES,
        },
    }))
}

/// GET /.well-known/oauth-protected-resource
pub async fn protected_resource(state: web::Data<AppState>) -> HttpResponse {
    let base = state.public_base();
    HttpResponse::Ok().json(json!({
        "resource": format!("{base}/api/public/v1"),
        "authorization_servers": [base],
        "scopes_supported": super::agents::AGENT_SCOPES,
        "bearer_methods_supported": ["header"],
        "resource_documentation": format!("{base}/llms.txt"),
        "resource_name": "jobdraft",
    }))
}

/// GET /llms.txt: one page telling an agent how to use this server.
pub async fn llms_txt(state: web::Data<AppState>) -> HttpResponse {
    let base = state.public_base();
    let registration = if state.config.agent_registration_open() {
        "OPEN on this server: you can register yourself (below)."
    } else {
        "CLOSED on this server: ask the operator for a token (`jobdraft token create`)."
    };
    let issuance = if state.config.token_issuance_open() {
        "open"
    } else {
        "closed"
    };
    let text = include_str!("llms.txt")
        .replace("{BASE}", &base)
        .replace("{REGISTRATION}", registration)
        .replace("{ISSUANCE}", issuance)
        .replace(
            "{QUOTA_UNCLAIMED}",
            &state.config.publish_quota_unclaimed.to_string(),
        )
        .replace("{QUOTA_CLAIMED}", &state.config.publish_quota.to_string());
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(text)
}

/// OpenTrain features jobdraft does not offer: path prefix under /api/public/v1, the feature flag
/// OpenTrain names, and the `capabilities` key that says it is off.
pub const UNOFFERED: &[(&str, &str, &str)] = &[
    ("/proposals", "public_api_hiring", "hiring"),
    (
        "/messages",
        "public_api_messaging_writes",
        "messagingWrites",
    ),
    ("/team", "public_api_team", "team"),
    ("/freelancers", "public_api_hiring", "hiring"),
    ("/approvals", "public_api_payments", "paymentsWrite"),
    ("/contracts", "public_api_payments", "paymentsWrite"),
    ("/payments", "public_api_payments", "paymentsWrite"),
    ("/credits", "public_api_payments", "credits"),
];

/// Job sub-resources of the hiring feature (`/jobs/{id}/invites`, `/jobs/{id}/proposals`).
pub const UNOFFERED_JOB_ACTIONS: &[&str] = &["invites", "proposals"];

fn feature_off(feature_key: &str, capability: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Forbidden,
        format!("This server does not offer {capability} (feature {feature_key} is off); see capabilities."),
    )
    .with_details(json!({
        "reason": "feature_not_enabled",
        "featureKey": feature_key,
        "capability": capability,
        "mode": "OFF",
    }))
}

/// Any method on an unoffered OpenTrain feature: 401 without a valid token, else 403 with
/// `details.featureKey` (the same for every id, so it reveals nothing about other accounts).
pub async fn unoffered_feature(req: HttpRequest, _auth: Auth) -> Result<HttpResponse, ApiError> {
    let path = req
        .path()
        .strip_prefix("/api/public/v1")
        .unwrap_or(req.path());
    let (key, capability) = UNOFFERED
        .iter()
        .find(|(prefix, _, _)| path == *prefix || path.starts_with(&format!("{prefix}/")))
        .map(|(_, k, c)| (*k, *c))
        .unwrap_or(("public_api_hiring", "hiring"));
    Err(feature_off(key, capability))
}

/// Hiring actions on a job (`/jobs/{id}/invites`, `/jobs/{id}/proposals`): like every route
/// that takes a job id, another account's job (or none) is 404; on one's own job, 403 featureKey.
pub async fn unoffered_job_action(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, account) = (path.into_inner(), auth.account.id.clone());
    state
        .db(move |conn| {
            crate::store::jobs::find_owned(conn, &account, &id)
                .map_err(super::drafts::not_found_job)
        })
        .await?;
    Err(feature_off("public_api_hiring", "hiring"))
}

/// The routes of [`unoffered_feature`] and [`unoffered_job_action`], inside `/api/public/v1`.
pub fn configure_unoffered(cfg: &mut web::ServiceConfig) {
    for action in UNOFFERED_JOB_ACTIONS {
        cfg.service(
            web::resource(format!("/jobs/{{id}}/{action}"))
                .route(web::route().to(unoffered_job_action)),
        );
    }
    for (prefix, _, _) in UNOFFERED {
        cfg.service(web::resource(*prefix).route(web::route().to(unoffered_feature)))
            .service(
                web::resource(format!("{prefix}/{{rest:.*}}"))
                    .route(web::route().to(unoffered_feature)),
            );
    }
}
