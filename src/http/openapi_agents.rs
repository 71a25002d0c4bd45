//! The OpenAPI paths of agent onboarding (issue 10): OpenTrain's registration and claim, tokens
//! over the API, CTOJobsHQ's two calls, the claim page and in-band discovery.

use serde_json::{json, Value};

use super::discovery::UNOFFERED;

/// Adds the onboarding paths and the OAuth and CTOJobsHQ error schemas to `doc`.
pub fn add_openapi_paths(doc: &mut Value) {
    let err = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let oauth = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}}});
    let cto = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CtoError"}}}});
    let form = |props: Value, required: &[&str]| {
        json!({"required": true, "content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": props, "required": required}},
        "application/json": {"schema": {"type": "object", "properties": props, "required": required}}}})
    };
    let s = json!({"type": "string"});
    let no_auth = json!([]);
    let paths = json!({
        "/api/agent/identity": {"post": {"operationId": "register_identity", "security": no_auth, "tags": ["agent-auth"],
            "summary": "Self-register: an unclaimed account, a pre-claim access_token (jobs:read, jobs:write) and a claim_token (jd_clm_, 24 h). Off unless JOBDRAFT_AGENT_REGISTRATION=open.",
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "identity_type": {"type": "string", "enum": ["anonymous"]}, "agent_name": {"type": "string", "maxLength": 120},
                "organization_name": {"type": "string", "maxLength": 120}}}}}},
            "responses": {"201": {"description": "{identity_type, registration_id, access_token, token_type, scopes, claim_token, claim_token_expires_at, claim_endpoint, token_endpoint, grant_type, account}"},
                "400": oauth("unsupported_identity_type, invalid_request."), "403": oauth("anonymous_not_enabled."),
                "429": oauth("rate_limit_exceeded (per IP per hour), with Retry-After.")}}},
        "/api/agent/identity/claim": {"post": {"operationId": "start_claim", "security": no_auth, "tags": ["agent-auth"],
            "summary": "Start (or restart) handing the account to a person: a 6-digit user_code and the verification_uri of this server's /claim page. No e-mail is sent (email_sent: false): show the person the link and the code.",
            "requestBody": form(json!({"claim_token": s, "email": {"type": "string", "format": "email"}}), &["claim_token", "email"]),
            "responses": {"200": {"description": "{user_code, verification_uri, verification_uri_complete, expires_in: 1800, interval: 5, email, email_sent: false}"},
                "400": oauth("invalid_request: unknown or expired claim_token, bad e-mail, already claimed, or email_already_registered (in error_description)."),
                "403": oauth("anonymous_not_enabled."), "429": oauth("rate_limit_exceeded (per IP and per e-mail per hour), with Retry-After.")}}},
        "/api/agent/oauth/token": {"post": {"operationId": "exchange_claim_token", "security": no_auth, "tags": ["agent-auth"],
            "summary": "Poll every `interval` seconds. The post-claim token is delivered exactly once; every earlier token of the account is revoked then.",
            "requestBody": form(json!({"grant_type": {"type": "string", "enum": ["urn:opentrain:agent-auth:grant-type:claim"]}, "claim_token": s}), &["grant_type", "claim_token"]),
            "responses": {"200": {"description": "{access_token, token_type: bearer, scopes, account_id} (Cache-Control: no-store)."},
                "400": oauth("authorization_pending (keep polling), slow_down (polled within interval), expired_token (code window or claim token over), invalid_grant (unknown claim token, or already delivered), unsupported_grant_type, invalid_request (missing parameter, or no claim started)."),
                "403": oauth("anonymous_not_enabled.")}}},
        "/api/agent/oauth/revoke": {"post": {"operationId": "revoke_agent_token", "security": no_auth, "tags": ["agent-auth"],
            "summary": "RFC 7009: revoke a jd_pat_ token by possession; 200 {} whether or not it existed.",
            "requestBody": form(json!({"token": s}), &["token"]),
            "responses": {"200": {"description": "{}"}, "400": oauth("invalid_request: token missing.")}}},
        "/claim": {
            "get": {"operationId": "get_claim_page", "security": no_auth, "tags": ["agent-auth"], "summary": "HTML page for the person: enter the code, confirm the e-mail (query token=jd_cat_…). Sets a CSRF cookie.",
                "responses": {"200": {"description": "HTML form."}, "403": err("Registration is not enabled."), "404": err("Unknown, used or replaced link.")}},
            "post": {"operationId": "submit_claim", "security": no_auth, "tags": ["agent-auth"], "summary": "The form (token, csrf, user_code, email, name?, confirm=yes). Five wrong attempts void the code.",
                "responses": {"200": {"description": "HTML: claimed, or the form again with the reason."}, "403": err("CSRF token and cookie differ."), "404": err("Unknown, used or replaced link.")}}},
        "/.well-known/oauth-authorization-server": {"get": {"operationId": "get_authorization_server_metadata", "security": no_auth, "tags": ["discovery"],
            "summary": "RFC 8414 metadata with OpenTrain's agent_auth block (endpoints, grant type, interval, enabled).", "responses": {"200": {"description": "Metadata."}}}},
        "/.well-known/oauth-protected-resource": {"get": {"operationId": "get_protected_resource_metadata", "security": no_auth, "tags": ["discovery"],
            "summary": "RFC 9728 metadata for /api/public/v1.", "responses": {"200": {"description": "Metadata."}}}},
        "/llms.txt": {"get": {"operationId": "get_llms_txt", "security": no_auth, "tags": ["discovery"], "summary": "One page telling an agent how to use this server.", "responses": {"200": {"description": "text/plain"}}}},
        "/api/public/v1/openapi.json": {"get": {"operationId": "get_openapi_v1", "security": no_auth, "tags": ["discovery"], "summary": "This document (also at /openapi.json).", "responses": {"200": {"description": "OpenAPI 3.1."}}}},
        "/api/public/v1/tokens": {
            "get": {"operationId": "list_tokens", "tags": ["tokens"], "summary": "The account's tokens (active, expired, revoked), newest first.",
                "responses": {"200": {"description": "{tokens[metadata]}"}, "401": err("Missing or invalid token.")}},
            "post": {"operationId": "create_token", "tags": ["tokens"], "summary": "Mint a token: scopes ⊆ the caller's (jobs:write covers jobs:read), expiresAt ≤ the caller's own expiry, at most 25 active per account.",
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {
                    "name": {"type": "string", "maxLength": 120, "default": "API token"}, "scopes": {"type": "array", "items": {"type": "string", "enum": crate::store::tokens::SCOPES}},
                    "expiresAt": {"type": "string", "format": "date-time"}}}}}},
                "responses": {"201": {"description": "{token (shown once), tokenType: bearer, metadata{id,name,preview,scopes,status,organizationId,createdAt,lastUsedAt,expiresAt,revokedAt}}"},
                    "400": err("details.unknownScopes + supportedScopes, or a bad name/expiresAt."), "401": err("Missing or invalid token."),
                    "403": err("details.reason scope_escalation or expiry_escalation."), "409": err("details.reason token_limit_reached, details.limit 25.")}}},
        "/api/public/v1/tokens/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": s}],
            "delete": {"operationId": "revoke_token", "tags": ["tokens"], "summary": "Revoke one of the account's tokens, at once (idempotent).",
                "responses": {"200": {"description": "{token: metadata with status revoked}"}, "401": err("Missing or invalid token."), "404": err("No such token in this account.")}}},
        "/api/v1/access_tokens": {"post": {"operationId": "issue_access_token", "security": no_auth, "tags": ["ctojobshq"],
            "summary": "CTOJobsHQ: a token for an owner e-mail and client name (an unclaimed account per e-mail); the same pair revokes the previous token. Off unless JOBDRAFT_TOKEN_ISSUANCE=open.",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["owner", "client"], "properties": {
                "owner": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string", "format": "email"}, "name": s}},
                "client": {"type": "object", "required": ["name"], "properties": {"name": s}}}}}}},
            "responses": {"201": {"description": "{success, access_token, token_type: Bearer, api_key{name,key_prefix,created_by_email,created_at}, rate_limit{…}, warnings}"},
                "403": cto("token_issuance_disabled."), "422": cto("validation_error, details keyed by path (owner.email)."), "429": cto("rate_limit: 5/h per e-mail, 20/h per IP; Retry-After.")}}},
        "/api/v1/jobs/draft": {"post": {"operationId": "create_cto_draft", "tags": ["ctojobshq"],
            "summary": "CTOJobsHQ: {job, poster, options} mapped onto the catalog (general profile) through the same pipeline. The draft expires after JOBDRAFT_DRAFT_TTL_DAYS (7) unless published.",
            "responses": {"200": {"description": "{success, draft{id, preview_url, edit_url (the draft's reviewUrl page), expires_at}, payment{required: false, payment_url: null, …}, pricing, warnings, validation, missing_fields, report_url}"},
                "401": cto("auth_error."), "403": cto("token_issuance_disabled."), "422": cto("validation_error: details keyed by path (job.title: [\"can't be blank\"])."), "429": cto("rate_limit: drafts per token per hour; Retry-After.")}}},
    });
    let mut unoffered = serde_json::Map::new();
    let mut paths = paths;
    for action in super::discovery::UNOFFERED_JOB_ACTIONS {
        let op = |method: &str| {
            json!({"operationId": format!("{method}_job_{action}_not_offered"), "tags": ["not-offered"],
                "summary": format!("OpenTrain's /jobs/{{id}}/{action} (hiring): jobdraft does not offer it."),
                "responses": {"401": err("Missing or invalid token."), "403": err("details.featureKey public_api_hiring (capabilities.hiring is false), on the caller's own job."),
                    "404": err("No such job for this account (as on every route that takes a job id).")}})
        };
        paths[format!("/api/public/v1/jobs/{{id}}/{action}")] = json!({"parameters": [{"name": "id", "in": "path", "required": true, "schema": s}], "get": op("get"), "post": op("post")});
    }
    for (prefix, key, capability) in UNOFFERED {
        unoffered.insert(format!("/api/public/v1{prefix}"), json!({"description": format!("Not offered: 403 with details.featureKey {key} (capabilities.{capability} is false). The same for every path below it.")}));
    }
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.insert("OAuthError".into(), json!({"type": "object", "required": ["error", "error_description"], "description": "The error shape of /api/agent/* (OAuth's, as OpenTrain documents it).",
            "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}, "requestId": {"type": "string"}}}));
        schemas.insert("CtoError".into(), json!({"type": "object", "description": "CTOJobsHQ's error envelope, on /api/v1/*.",
            "properties": {"success": {"const": false}, "error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "details": {"type": "object"}, "request_id": {"type": "string"}}}}}));
    }
    if let Some(info) = doc.pointer_mut("/info").and_then(Value::as_object_mut) {
        info.insert("x-unoffered-features".into(), Value::Object(unoffered));
    }
    if let (Some(target), Value::Object(add)) =
        (doc.get_mut("paths").and_then(Value::as_object_mut), paths)
    {
        for (k, v) in add {
            target.insert(k, v);
        }
    }
}
