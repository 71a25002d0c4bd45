//! GET /openapi.json: the OpenAPI 3.1 document, generated from the catalog, the format registry
//! and the error-code table, so it cannot drift from what the server does.

use actix_web::{web, HttpResponse};
use jobdraft_parsers::Format;
use serde_json::{json, Map, Value};

use super::error::ErrorCode;
use super::meta::{ISSUE_CODES, MISSING_CODES};
use super::AppState;
use crate::catalog::{Catalog, FieldType};
use crate::config::Config;
use crate::domain::create::MAX_KEY_CHARS;
use crate::domain::patch::{MAX_INTEGER, MAX_LIST_ITEMS, MAX_STRING_CHARS, MAX_TEXT_CHARS};
use crate::domain::validate::MUST_BE_POSITIVE;

/// The schema of one update key, with the bounds `domain::patch` enforces.
fn field_schema(ty: FieldType, enum_values: Option<&Vec<&'static str>>) -> Value {
    let list_item = json!({"type": "string", "maxLength": MAX_STRING_CHARS});
    match ty {
        FieldType::String => json!({"type": ["string", "null"], "maxLength": MAX_STRING_CHARS}),
        FieldType::Text => json!({"type": ["string", "null"], "maxLength": MAX_TEXT_CHARS}),
        FieldType::Integer => {
            json!({"type": ["integer", "null"], "minimum": -MAX_INTEGER, "maximum": MAX_INTEGER})
        }
        FieldType::Number => json!({"type": ["number", "null"]}),
        FieldType::Enum => {
            json!({"type": ["string", "null"], "enum": enum_values.cloned().unwrap_or_default().into_iter().map(Value::from).chain([Value::Null]).collect::<Vec<_>>()})
        }
        FieldType::EnumList => {
            json!({"type": ["array", "null"], "maxItems": MAX_LIST_ITEMS, "items": {"type": "string", "enum": enum_values}})
        }
        FieldType::StringList | FieldType::LanguageList | FieldType::CountryList => {
            json!({"type": ["array", "null"], "maxItems": MAX_LIST_ITEMS, "items": list_item})
        }
        FieldType::Url => json!({"type": ["string", "null"], "format": "uri"}),
        FieldType::Email => json!({"type": ["string", "null"], "format": "email"}),
        FieldType::Date => json!({"type": ["string", "null"], "format": "date"}),
    }
}

fn fields_schema(catalog: &Catalog) -> Value {
    let mut props = Map::new();
    for f in catalog.fields() {
        let mut schema = field_schema(f.ty, f.enum_values.as_ref());
        if let Value::Object(m) = &mut schema {
            m.insert("title".into(), json!(f.label));
            let mut description = format!("{} (catalog type `{}`)", f.prompt, f.ty.as_str());
            if MUST_BE_POSITIVE.contains(&f.key) {
                // Stored as sent; publishing needs it > 0 (a validation issue, not a 400).
                m.insert("x-publishExclusiveMinimum".into(), json!(0));
                description.push_str(". Must be greater than 0 to publish: a value <= 0 is stored and reported as a value_out_of_range issue.");
            }
            m.insert("description".into(), json!(description));
        }
        props.insert(f.key.to_string(), schema);
    }
    json!({"type": "object", "additionalProperties": false, "properties": props,
           "description": "Any subset of update keys; null clears a key. Unknown keys are rejected."})
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn report_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}})
}

/// The whole document.
pub fn document(catalog: &Catalog, config: &Config) -> Value {
    let max_text = config.max_text_chars;
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    let id_param =
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    let std_errors = |extra: &[(&str, &str)]| {
        let mut m = Map::new();
        m.insert("400".into(), error_response("Bad request: see details."));
        m.insert("401".into(), error_response("Missing or invalid token."));
        m.insert(
            "403".into(),
            error_response("The token lacks a scope (details.requiredScopes)."),
        );
        for (code, d) in extra {
            m.insert((*code).into(), error_response(d));
        }
        m
    };
    let mut create_responses = std_errors(&[
        ("409", "Idempotency key reused with a different request."),
        ("413", "Body too large."),
        ("415", "Unsupported Content-Type."),
    ]);
    create_responses.insert("201".into(), report_response("The new draft's report."));
    create_responses.insert(
        "200".into(),
        report_response("Idempotent replay (header Idempotent-Replayed: true)."),
    );
    let mut get_responses = std_errors(&[("404", "No such job for this account.")]);
    get_responses.insert("200".into(), report_response("The draft's report."));
    let mut patch_responses = std_errors(&[
        ("404", "No such job for this account."),
        ("409", "The job is not a draft."),
        ("412", "If-Match did not match the ETag."),
    ]);
    patch_responses.insert("200".into(), report_response("The re-validated report."));
    let mut publish_responses = std_errors(&[
        ("404", "No such job for this account."),
        ("409", "The job cannot be published from its status."),
    ]);
    publish_responses.insert(
        "200".into(),
        json!({"description": "Published (or already published)."}),
    );
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "jobdraft",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Description-first job drafting, compatible with OpenTrain's public drafting API (/api/public/v1). Where OpenTrain's documents are vague, this document records jobdraft's decisions.",
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "jd_pat_… tokens; scopes jobs:read, jobs:write (write implies read)."}},
            "schemas": {
                "Error": {
                    "type": "object", "required": ["error", "code", "requestId", "details"],
                    "properties": {
                        "error": {"type": "string"}, "code": {"type": "string", "enum": codes},
                        "requestId": {"type": "string"}, "details": {"type": "object"},
                    },
                },
                "JobFields": fields_schema(catalog),
                "MissingField": {"type": "object", "properties": {
                    "field": {"type": "string"}, "label": {"type": "string"}, "message": {"type": "string"},
                    "code": {"type": "string", "enum": MISSING_CODES}, "prompt": {"type": "string"},
                    "type": {"type": "string"}, "enumValues": {"type": ["array", "null"], "items": {"type": "string"}},
                    "updateKeys": {"type": "array", "items": {"type": "string"}},
                    "example": {"type": "object", "description": "A ready PATCH body."}, "hint": {"type": ["string", "null"]},
                }},
                "Issue": {"type": "object", "properties": {
                    "field": {"type": "string"}, "code": {"type": "string", "enum": ISSUE_CODES},
                    "message": {"type": "string"}, "updateKeys": {"type": "array", "items": {"type": "string"}},
                }},
                "Report": {"type": "object", "properties": {
                    "ok": {"type": "boolean"}, "jobId": {"type": "string"}, "status": {"type": "string"},
                    "profile": {"type": "string"}, "draftUrl": {"type": "string"}, "reviewUrl": {"type": "string"},
                    "validation": {"type": "object", "properties": {
                        "publishReady": {"type": "boolean"}, "issueCount": {"type": "integer"},
                        "missingFieldCount": {"type": "integer"},
                        "missingFields": {"type": "array", "items": {"type": "string"}},
                        "issues": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
                    }},
                    "missingFields": {"type": "array", "items": {"$ref": "#/components/schemas/MissingField"}},
                    "normalizedFields": {"$ref": "#/components/schemas/JobFields"},
                    "warnings": {"type": "array", "items": {"type": "string"}},
                    "unmappedFields": {"type": "array", "items": {"type": "object", "properties": {"path": {"type": "string"}, "reason": {"type": "string"}, "valuePreview": {"type": "string"}}}},
                    "lowConfidenceFields": {"type": "array", "items": {"type": "object", "properties": {"path": {"type": "string"}, "reason": {"type": "string"}}}},
                    "evidence": {"type": "array", "items": {"type": "object", "required": ["path"], "properties": {
                        "path": {"type": "string"}, "quote": {"type": "string"},
                        "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                        "source": {"type": "string", "description": "JSON pointer or XML path in a structured document."},
                    }}},
                    "sourceText": {"type": "string", "description": "Only with ?include=sourceText."},
                    "import": {"type": "object"}, "parser": {"type": "object"},
                }},
                "CreateBody": {"oneOf": [
                    {"type": "object", "required": ["rawJobDescription"], "properties": {"rawJobDescription": {"type": "string", "minLength": 1, "pattern": "\\S", "maxLength": max_text, "description": "The description; blank is refused (empty_description), over maxLength too (description_too_long)."}, "idempotencyKey": {"type": "string", "maxLength": MAX_KEY_CHARS}, "externalId": {"type": "string", "maxLength": MAX_KEY_CHARS}, "profile": {"type": "string"}}},
                    {"type": "object", "required": ["source"], "properties": {"source": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": Format::names()}, "text": {"type": "string"}, "job": {"type": "object"}, "jsonLd": {}, "xml": {"type": "string"}, "externalId": {"type": "string"}, "idempotencyKey": {"type": "string"}}}, "profile": {"type": "string"}}},
                    {"type": "object", "required": ["format"], "properties": {"format": {"type": "string", "enum": Format::names()}, "text": {"type": "string"}, "job": {"type": "object"}, "jsonLd": {}, "xml": {"type": "string"}, "externalId": {"type": "string"}, "idempotencyKey": {"type": "string"}, "profile": {"type": "string"}}},
                ]},
            },
        },
        "security": [{"bearer": []}],
        "paths": {
            "/api/public/v1/job-drafts": {"post": {
                "operationId": "create_job_draft", "summary": "Create a draft from a description or a structured document.",
                "description": "JSON bodies of three shapes, or a raw document: text/plain, application/ld+json, text/html, application/xml (Idempotency-Key header, ?externalId=).",
                "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": MAX_KEY_CHARS}}],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CreateBody"}},
                    "text/plain": {"schema": {"type": "string"}}, "application/ld+json": {"schema": {}},
                    "text/html": {"schema": {"type": "string"}}, "application/xml": {"schema": {"type": "string"}},
                }},
                "responses": create_responses,
            }},
            "/api/public/v1/job-drafts/capabilities": {"get": {
                "operationId": "get_capabilities", "summary": "Formats, update keys, enums, the catalog and limits.",
                "responses": {"200": {"description": "Capabilities."}, "401": error_response("Missing or invalid token.")},
            }},
            "/api/public/v1/job-drafts/{id}": {
                "parameters": id_param,
                "get": {
                    "operationId": "get_job_draft", "summary": "The draft's report.",
                    "parameters": [{"name": "include", "in": "query", "required": false,
                        "description": "Comma list of optional parts: sourceText (the text evidence offsets point into).",
                        "schema": {"type": "string"}}],
                    "responses": get_responses,
                },
                "patch": {
                    "operationId": "update_job_draft", "summary": "Set or clear any subset of update keys (all or nothing).",
                    "parameters": [{"name": "If-Match", "in": "header", "schema": {"type": "string"}}],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobFields"}}}},
                    "responses": patch_responses,
                },
            },
            "/api/public/v1/jobs/{id}/publish": {
                "parameters": id_param,
                "post": {"operationId": "publish_job", "summary": "Publish a publish-ready draft.", "responses": publish_responses},
            },
            "/api/public/v1/auth/me": {"get": {"operationId": "get_auth_me", "summary": "The caller in OpenTrain's shape (actor, token{id,label,scopes,ownerOrganizationId}, account{kind,organizationId,ownerUserId,memberRole}, claimed) plus jobdraft's keys (token.preview, account.origin, ownerEmail).", "responses": {"200": {"description": "Identity."}, "401": error_response("Missing or invalid token.")}}},
            "/openapi.json": {"get": {"operationId": "get_openapi", "security": [], "summary": "This document.", "responses": {"200": {"description": "OpenAPI 3.1."}}}},
            "/livez": {"get": {"operationId": "get_liveness", "security": [], "summary": "The process answers (no database call).", "responses": {"200": {"description": "Alive."}}}},
            "/healthz": {"get": {"operationId": "get_health", "security": [], "summary": "Liveness and database reachability.", "responses": {"200": {"description": "Healthy."}, "503": error_response("The database is unreachable.")}}},
        },
    });
    super::public::add_openapi_paths(&mut doc);
    super::openapi_agents::add_openapi_paths(&mut doc);
    super::pages::add_openapi_paths(&mut doc);
    super::openapi_events::add_openapi_paths(&mut doc);
    super::openapi_feeds::add_openapi_paths(&mut doc);
    add_batch_path(&mut doc);
    add_mcp_path(&mut doc);
    complete_responses(&mut doc);
    doc
}

/// `POST /job-drafts/batch`.
fn add_batch_path(doc: &mut Value) {
    let path = json!({"post": {
        "operationId": "create_job_draft_batch",
        "summary": "Create one draft per job of an Indeed feed (application/xml) or of a JSON array of create bodies; the answer streams.",
        "parameters": [
            {"name": "reports", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}, "description": "false: only publishReady and missingFields per job."},
            {"name": "profile", "in": "query", "schema": {"type": "string"}},
        ],
        "requestBody": {"required": true, "content": {
            "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/CreateBody"}}},
            "application/xml": {"schema": {"type": "string"}},
        }},
        "responses": {"200": {"description": "One result per job; a job that fails does not fail the others.", "content": {"application/json": {"schema": {
            "type": "object", "required": ["results", "summary"],
            "properties": {
                "results": {"type": "array", "items": {"type": "object", "required": ["index", "status"], "properties": {"index": {"type": "integer"}, "status": {"type": "integer"}}}},
                "summary": {"type": "object", "properties": {"total": {"type": "integer"}, "created": {"type": "integer"}, "replayed": {"type": "integer"}, "failed": {"type": "integer"}}},
            },
        }}}}},
    }});
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        paths.insert("/api/public/v1/job-drafts/batch".into(), path);
    }
}

/// `POST /mcp`: MCP's Streamable HTTP transport (JSON-RPC messages; rmcp answers them).
fn add_mcp_path(doc: &mut Value) {
    let path = json!({"post": {
        "operationId": "post_mcp",
        "summary": "MCP over Streamable HTTP (protocol 2025-06-18 / 2025-11-25): one JSON-RPC message per request; the same bearer tokens and scopes as the API. See the README's MCP section.",
        "parameters": [
            {"name": "Mcp-Session-Id", "in": "header", "required": false, "schema": {"type": "string"}},
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {
            "200": {"description": "The JSON-RPC answer, as JSON or as a server-sent event stream.", "content": {"application/json": {}, "text/event-stream": {}}},
            "202": {"description": "A notification or response accepted."},
            "404": error_response("No such MCP session (details.reason mcp_transport)."),
            "406": error_response("The Accept header must name application/json and text/event-stream."),
            "415": error_response("Not a JSON-RPC message in application/json (details.reason mcp_transport)."),
        },
    }});
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        paths.insert("/mcp".into(), path);
    }
}

/// Adds the statuses a route can answer whatever its handler does, from the layers that answer
/// them: the middleware (400 for a NUL in the query, 404 for one in the path, 429 over the per-IP
/// connection cap), authentication (401, 403), the body reader (408, 413, 415). A status the
/// operation already documents keeps its own description.
fn complete_responses(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        let path_has_id = path.contains('{');
        for (method, op) in item.iter_mut() {
            if method == "parameters" {
                continue;
            }
            let authenticated = op.get("security") != Some(&json!([]));
            let has_body = op.get("requestBody").is_some();
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status.to_string())
                    .or_insert_with(|| error_response(description));
            };
            add(
                "400",
                "Bad request (details.reason names it; nul_character for a NUL in the query).",
            );
            add("429", "Too many open connections from this address (details.reason too_many_connections), or a throttle (Retry-After).");
            if path_has_id {
                add("404", "No such job (an id holding NUL is 404 too).");
            }
            if authenticated {
                add("401", "Missing or invalid token.");
                add("403", "The token lacks a scope (details.requiredScopes).");
            }
            if has_body {
                add("408", "The body did not arrive within the body timeout (details.reason body_timeout).");
                add("413", "Body too large (details.maxBytes).");
                add(
                    "415",
                    "Unsupported Content-Type (details.supportedContentTypes).",
                );
            }
        }
    }
}

/// GET /openapi.json
pub async fn get_openapi(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(document(&state.catalog, &state.config))
}
