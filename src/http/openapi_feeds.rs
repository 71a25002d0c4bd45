//! The OpenAPI paths of feeds (issue 13): the registry of synced feeds with their run reports,
//! and the outgoing Indeed XML and JSON-LD feeds.

use serde_json::{json, Value};

use super::feeds::{INTERVAL_MINUTES, MAX_FEEDS};
use crate::feeds::FORMATS;

/// Adds the feed paths to `doc`.
pub fn add_openapi_paths(doc: &mut Value) {
    let err = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    let s = json!({"type": "string"});
    let no_auth = json!([]);
    let id = json!([{"name": "id", "in": "path", "required": true, "schema": s}]);
    let (min, max) = INTERVAL_MINUTES;
    let conditional = json!([
        {"name": "If-None-Match", "in": "header", "required": false, "schema": s},
        {"name": "If-Modified-Since", "in": "header", "required": false, "schema": s}]);
    let paths = json!({
        "/api/public/v1/feeds": {
            "get": {"operationId": "list_feeds", "tags": ["feeds"], "summary": "The account's synced feeds.",
                "responses": {"200": {"description": "{feeds[{id, url, format, intervalMinutes, autoPublish, createdAt, lastRunAt, nextRunAt, running}]}"}}},
            "post": {"operationId": "create_feed", "tags": ["feeds"],
                "summary": format!("Register a feed to keep in sync: each run fetches it conditionally, creates drafts for new jobs (published when ready if autoPublish), PATCHes or live-edits changed ones, closes jobs that left it. At most {MAX_FEEDS} per account."),
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["url"], "properties": {
                    "url": {"type": "string", "format": "uri", "maxLength": 2000},
                    "format": {"type": "string", "enum": FORMATS, "default": FORMATS[0]},
                    "intervalMinutes": {"type": "integer", "description": format!("0 (on demand only) or {min}..{max}"), "minimum": 0, "maximum": max, "default": 60},
                    "autoPublish": {"type": "boolean", "default": false}}}}}},
                "responses": {"201": {"description": "{ok, feed}"}, "400": err("details.field names the bad key."),
                    "409": err("details.reason feed_exists (with feedId) or feed_limit_reached.")}}},
        "/api/public/v1/feeds/{id}": {"parameters": id,
            "delete": {"operationId": "delete_feed", "tags": ["feeds"], "summary": "Stop syncing a feed (its jobs stay as they are).",
                "responses": {"200": {"description": "{ok, id, deleted: true}"}, "404": err("No such feed in this account.")}}},
        "/api/public/v1/feeds/{id}/runs": {"parameters": id,
            "get": {"operationId": "list_feed_runs", "tags": ["feeds"], "summary": "The feed's latest 20 run reports, newest first.",
                "responses": {"200": {"description": "{runs[{id, feedId, startedAt, finishedAt, outcome (COMPLETED, NOT_MODIFIED, FAILED, RUNNING), created, updated, unchanged, closed, failed, failures[{index, externalId, reason}], notes[{externalId, jobId, note}], error}]}"},
                    "404": err("No such feed in this account.")}},
            "post": {"operationId": "run_feed", "tags": ["feeds"], "summary": "Run the feed now and answer with the run report.",
                "responses": {"200": {"description": "{ok, run}"}, "404": err("No such feed in this account."),
                    "409": err("details.reason run_in_progress: another run holds the feed's lease.")}}},
        "/feeds/indeed.xml": {"get": {"operationId": "get_indeed_feed", "security": no_auth, "tags": ["feeds"], "parameters": conditional,
            "summary": "Every open job as an Indeed XML feed (CDATA text, stable referencenumber), streamed; ETag and Last-Modified, 304 when unchanged.",
            "responses": {"200": {"description": "application/xml"}, "304": {"description": "Not modified."}}}},
        "/feeds/jobs.jsonld": {"get": {"operationId": "get_jsonld_feed", "security": no_auth, "tags": ["feeds"], "parameters": conditional,
            "summary": "Every open job as a JSON-LD array of schema.org JobPostings, streamed; ETag and Last-Modified, 304 when unchanged.",
            "responses": {"200": {"description": "application/ld+json"}, "304": {"description": "Not modified."}}}},
    });
    if let (Some(target), Value::Object(add)) =
        (doc.get_mut("paths").and_then(Value::as_object_mut), paths)
    {
        for (k, v) in add {
            target.insert(k, v);
        }
    }
}
