//! The OpenAPI paths of issue 13's first half: the `/updates` ledger and `/webhooks`, with the
//! limits, event types and page sizes the handlers enforce.

use serde_json::{json, Value};

use super::updates::UPDATES_PAGE;
use super::webhooks::DELIVERIES_PAGE;
use crate::domain::events::EventType;
use crate::domain::webhooks::{MAX_PER_ACCOUNT, MAX_URL_CHARS};

/// Adds the ledger and webhook paths to `doc`.
pub fn add_openapi_paths(doc: &mut Value) {
    let err = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let ok = |d: &str, schema: Value| json!({"description": d, "content": {"application/json": {"schema": schema}}});
    let types: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
    let nullable = |t: &str| json!({"type": [t, "null"]});
    let event = json!({"type": "object", "required": ["id", "type", "apiVersion", "createdAt", "resourceId", "data"], "properties": {
        "id": {"type": "string"}, "type": {"type": "string", "enum": types}, "apiVersion": {"const": "v1"},
        "createdAt": {"type": "string", "format": "date-time"}, "resourceId": {"type": "string"},
        "jobId": nullable("string"), "data": {"type": "object"}}});
    let webhook = json!({"type": "object", "required": ["id", "url", "eventTypes", "status", "createdAt"], "properties": {
        "id": {"type": "string"}, "url": {"type": "string"}, "eventTypes": {"type": "array", "items": {"type": "string"}},
        "status": {"type": "string", "enum": ["ACTIVE", "DISABLED"]}, "createdAt": {"type": "string"},
        "disabledAt": nullable("string"), "disabledReason": nullable("string")}});
    let delivery = json!({"type": "object", "required": ["id", "eventId", "status", "attempts", "attemptLog"], "properties": {
        "id": {"type": "string", "description": "The webhook-id header of every attempt."},
        "eventId": {"type": "string"}, "eventType": nullable("string"),
        "status": {"type": "string", "enum": ["PENDING", "SUCCEEDED", "FAILED"]},
        "attempts": {"type": "integer"}, "nextAttemptAt": nullable("string"), "lastAttemptAt": nullable("string"),
        "lastStatusCode": nullable("integer"), "lastError": nullable("string"), "deliveredAt": nullable("string"),
        "createdAt": {"type": "string"}, "attemptLog": {"type": "array", "items": {"type": "object"}}}});
    let limit = |page: super::lifecycle::PageLimit| json!({"name": "limit", "in": "query", "schema": page.schema()});
    let cursor = json!({"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "nextCursor of an earlier page."});
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}});
    let paths = json!({
        "/api/public/v1/updates": {"get": {
            "operationId": "list_updates", "tags": ["events"],
            "summary": "The account's events, oldest first (jobs:read). Keep nextCursor and poll from it: positions are gapless and in commit order, so nothing is skipped.",
            "parameters": [cursor, limit(UPDATES_PAGE)],
            "responses": {"200": ok("A page of the ledger.", json!({"type": "object", "required": ["events", "nextCursor", "hasMore"], "properties": {
                "events": {"type": "array", "items": event}, "nextCursor": {"type": "string"}, "hasMore": {"type": "boolean"}}}))},
        }},
        "/api/public/v1/webhooks": {
            "get": {"operationId": "list_webhooks", "tags": ["webhooks"], "summary": "The account's webhooks (jobs:write).",
                "responses": {"200": ok("Webhooks.", json!({"type": "object", "required": ["webhooks"], "properties": {"webhooks": {"type": "array", "items": webhook}}}))}},
            "post": {"operationId": "create_webhook", "tags": ["webhooks"],
                "summary": format!("Subscribe a URL to events (jobs:write; at most {MAX_PER_ACCOUNT} per account; https on a public address unless the operator allows more). The whsec_ secret is shown once."),
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["url", "eventTypes"], "properties": {
                    "url": {"type": "string", "maxLength": MAX_URL_CHARS, "format": "uri"},
                    "eventTypes": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": types}}}}}}},
                "responses": {
                    "201": ok("Created; the secret appears only here.", json!({"type": "object", "required": ["webhook", "secret", "message"], "properties": {"webhook": webhook, "secret": {"type": "string", "pattern": "^whsec_"}, "message": {"type": "string"}}})),
                    "409": err("The account has its maximum of webhooks (details.reason webhook_limit_reached)."),
                }},
        },
        "/api/public/v1/webhooks/{id}": {"parameters": [id],
            "get": {"operationId": "get_webhook", "tags": ["webhooks"], "summary": "One webhook.",
                "responses": {"200": ok("The webhook.", json!({"type": "object", "properties": {"webhook": webhook}})), "404": err("No such webhook.")}},
            "delete": {"operationId": "delete_webhook", "tags": ["webhooks"], "summary": "Delete a webhook and its delivery log.",
                "responses": {"200": ok("Deleted.", json!({"type": "object"})), "404": err("No such webhook.")}}},
        "/api/public/v1/webhooks/{id}/deliveries": {"parameters": [id],
            "get": {"operationId": "list_webhook_deliveries", "tags": ["webhooks"], "summary": "The delivery log, newest first, with every attempt.",
                "parameters": [cursor, limit(DELIVERIES_PAGE)],
                "responses": {"200": ok("Deliveries.", json!({"type": "object", "required": ["deliveries", "nextCursor"], "properties": {"deliveries": {"type": "array", "items": delivery}, "nextCursor": nullable("string")}})), "404": err("No such webhook.")}}},
        "/api/public/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {"parameters": [id, {"name": "deliveryId", "in": "path", "required": true, "schema": {"type": "string"}}],
            "post": {"operationId": "redeliver_webhook_delivery", "tags": ["webhooks"], "summary": "Send a delivery again now, with the same webhook-id.",
                "responses": {"202": ok("Queued.", json!({"type": "object"})), "404": err("No such webhook or delivery."), "409": err("The webhook is disabled, or the delivery is in flight.")}}},
    });
    if let (Some(target), Value::Object(add)) =
        (doc.get_mut("paths").and_then(Value::as_object_mut), paths)
    {
        for (k, v) in add {
            target.insert(k, v);
        }
    }
}
