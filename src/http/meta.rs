//! Discovery and liveness: capabilities, the caller's identity, health, and the 404 fallback.

use actix_web::{web, HttpRequest, HttpResponse};
use jobdraft_parsers::Format;
use serde_json::{json, Map, Value};

use super::auth::Auth;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::catalog::enum_values;
use crate::domain::JobStatus;

/// Codes a missingFields entry can carry.
pub const MISSING_CODES: &[&str] = &[
    "missing_required_field",
    "missing_rate_for_payment_type",
    "missing_volume_unit",
    "missing_volume",
    "missing_apply_method",
    "missing_location",
];

/// Codes an issues entry can carry.
pub const ISSUE_CODES: &[&str] = &[
    "salary_range_inverted",
    "value_out_of_range",
    "date_in_past",
    "rate_without_payment_type",
];

/// GET /job-drafts/capabilities
pub async fn get_capabilities(
    state: web::Data<AppState>,
    _auth: Auth,
) -> Result<HttpResponse, ApiError> {
    let catalog = &state.catalog;
    let mut enums = Map::new();
    for def in catalog.fields() {
        if let Some(values) = enum_values(def.key) {
            enums.insert(def.key.to_string(), json!(values));
        }
    }
    let fields: Vec<Value> = catalog
        .fields()
        .iter()
        .map(|f| {
            json!({
                "key": f.key, "type": f.ty.as_str(), "label": f.label, "prompt": f.prompt,
                "hint": f.hint, "example": f.example, "enumValues": f.enum_values,
            })
        })
        .collect();
    let profiles: Map<String, Value> = catalog
        .profile_names()
        .into_iter()
        .filter_map(|name| {
            catalog.profile(name).map(|p| (name.to_string(), json!({
            "description": p.description,
            "required": p.required.iter().map(|r| json!({
                "field": r.field, "updateKeys": r.update_keys(), "code": r.code,
                "when": r.when.iter().map(|(k, c)| (k.clone(), json!({
                    "present": c.present, "equals": c.equals, "in": c.one_of, "notIn": c.not_in,
                }))).collect::<Map<String, Value>>(),
            })).collect::<Vec<_>>(),
        })))
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "enabled": true,
        "featureKey": "public_api_job_drafting",
        "namespace": "job-drafts",
        "rolloutMode": "ALL",
        "actorIsAdmin": false,
        "authBootstrap": "token",
        // Onboarding routes this server has open (issue 10): agents probe before registering.
        "agentAuth": {
            "registration": if state.config.agent_registration_open() { "open" } else { "closed" },
            "tokenIssuance": if state.config.token_issuance_open() { "open" } else { "closed" },
            "tokensApi": true,
        },
        "capabilities": {
            "draftImport": true, "draftCreate": true, "draftUpdate": true, "draftUrlRead": true,
            "publish": true, "hiring": false, "messagingWrites": false, "team": false,
            "paymentsWrite": false, "credits": false, "webhooks": true,
        },
        "draft": {
            "importFormats": Format::names(),
            "formatAliases": {"canonical": "opentrain_canonical"},
            "updateKeys": catalog.update_keys(),
            "enums": enums,
            "fields": fields,
            "defaultProfile": state.config.profile,
            "profiles": profiles,
            "statuses": JobStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "missingFieldCodes": MISSING_CODES,
            "issueCodes": ISSUE_CODES,
            "limits": {
                "maxBodyBytes": state.config.max_body_bytes,
                "maxTextChars": state.config.max_text_chars,
                "maxXmlDepth": state.config.max_xml_depth,
                "maxJsonDepth": 128,
                "maxIdempotencyKeyChars": crate::domain::create::MAX_KEY_CHARS,
            },
        },
    })))
}

/// GET /auth/me: OpenTrain's shape (`actor`, `token.label`, `account.organizationId`, `claimed`)
/// plus jobdraft's own keys. jobdraft has no user records: a claimed account's owner is its only
/// user, so `userId`/`ownerUserId` are the account id once claimed and null before.
pub async fn get_auth_me(auth: Auth) -> Result<HttpResponse, ApiError> {
    let (t, a) = (&auth.token, &auth.account);
    let full_name = a.owner_name.clone();
    let (first, last) = match full_name.as_deref().map(str::trim) {
        Some(n) => match n.split_once(' ') {
            Some((f, l)) => (Some(f.to_string()), Some(l.trim().to_string())),
            None => (Some(n.to_string()), None),
        },
        None => (None, None),
    };
    let user_id = a.claimed.then(|| a.id.clone());
    Ok(HttpResponse::Ok().json(json!({
        "actor": {
            "type": "api_token", "userId": user_id, "email": a.owner_email,
            "firstName": first, "lastName": last, "fullName": full_name,
            "userType": "employer", "accountId": a.id, "accountName": a.name,
        },
        "token": {
            "id": t.id, "label": t.name, "name": t.name, "scopes": t.scope_list(),
            "ownerOrganizationId": a.id, "preview": t.preview,
            "createdAt": super::iso(t.created_at),
            "lastUsedAt": t.last_used_at.map(super::iso),
            "expiresAt": t.expires_at.map(super::iso),
        },
        "account": {
            "kind": "employer_organization", "organizationId": a.id, "ownerUserId": user_id,
            "memberRole": "owner", "id": a.id, "name": a.name, "claimed": a.claimed,
            "origin": a.origin, "ownerEmail": a.owner_email, "ownerName": a.owner_name,
            "createdAt": super::iso(a.created_at),
        },
        "claimed": a.claimed,
    })))
}

/// GET /livez: the process answers (no database call), for liveness probes.
pub async fn get_liveness() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

/// GET /healthz: liveness plus database reachability, for readiness probes.
pub async fn get_health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let backend = state.store.backend().name();
    let store = state.store.clone();
    let ping = web::block(move || store.ping()).await;
    match ping {
        Ok(Ok(())) => {
            Ok(HttpResponse::Ok()
                .json(json!({"status": "ok", "database": "ok", "backend": backend})))
        }
        Ok(Err(e)) => {
            tracing::warn!("health check: {e}");
            Err(
                ApiError::new(ErrorCode::Unavailable, "The database is not reachable.")
                    .with_details(json!({"database": "unreachable", "backend": backend})),
            )
        }
        Err(e) => Err(ApiError::internal(&e)),
    }
}

/// Every unknown route.
pub async fn route_not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        ErrorCode::NotFound,
        format!("No route for {} {}.", req.method(), req.path()),
    )
    .with_details(json!({"reason": "route_not_found", "hint": "See /openapi.json for the API."})))
}
