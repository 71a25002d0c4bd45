//! GET /openapi.json: the OpenAPI 3.1 document, generated from the catalog, the format registry
//! and the error-code table, so it cannot drift from what the server does.

use actix_web::{web, HttpResponse};
use jobdraft_parsers::Format;
use serde_json::{json, Map, Value};

use super::error::ErrorCode;
use super::meta::{ISSUE_CODES, MISSING_CODES};
use super::AppState;
use crate::catalog::{Catalog, FieldType};

fn field_schema(ty: FieldType, enum_values: Option<&Vec<&'static str>>) -> Value {
    let string = json!({"type": ["string", "null"]});
    match ty {
        FieldType::String | FieldType::Text => string,
        FieldType::Integer => json!({"type": ["integer", "null"]}),
        FieldType::Number => json!({"type": ["number", "null"]}),
        FieldType::Enum => {
            json!({"type": ["string", "null"], "enum": enum_values.cloned().unwrap_or_default().into_iter().map(Value::from).chain([Value::Null]).collect::<Vec<_>>()})
        }
        FieldType::EnumList => {
            json!({"type": ["array", "null"], "items": {"type": "string", "enum": enum_values}})
        }
        FieldType::StringList | FieldType::LanguageList | FieldType::CountryList => {
            json!({"type": ["array", "null"], "items": {"type": "string"}})
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
            m.insert(
                "description".into(),
                json!(format!("{} (catalog type `{}`)", f.prompt, f.ty.as_str())),
            );
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
pub fn document(catalog: &Catalog) -> Value {
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
                    {"type": "object", "required": ["rawJobDescription"], "properties": {"rawJobDescription": {"type": "string", "maxLength": 60000}, "idempotencyKey": {"type": "string", "maxLength": 255}, "externalId": {"type": "string"}, "profile": {"type": "string"}}},
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
                "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 255}}],
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
            "/job-post": {"get": {"operationId": "get_review_page", "security": [], "summary": "Read-only HTML review page of a draft (reviewUrl; jobId + token query).", "parameters": [{"name": "jobId", "in": "query", "required": true, "schema": {"type": "string"}}, {"name": "token", "in": "query", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "HTML."}, "401": error_response("No review token."), "404": error_response("No such draft or wrong token.")}}},
            "/livez": {"get": {"operationId": "get_liveness", "security": [], "summary": "The process answers (no database call).", "responses": {"200": {"description": "Alive."}}}},
            "/healthz": {"get": {"operationId": "get_health", "security": [], "summary": "Liveness and database reachability.", "responses": {"200": {"description": "Healthy."}, "503": error_response("The database is unreachable.")}}},
        },
    });
    super::public::add_openapi_paths(&mut doc);
    super::openapi_agents::add_openapi_paths(&mut doc);
    doc
}

/// GET /openapi.json
pub async fn get_openapi(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(document(&state.catalog))
}
