//! An event as JSON: the same object in `/updates` and in a webhook body (OpenTrain's shape:
//! `{id, type, apiVersion, createdAt, resourceId, jobId, data}`), so the doorbell and the ledger
//! agree byte for byte on what happened.

use serde_json::{json, Value};

use crate::http::iso;
use crate::store::outbox::EventRow;

pub fn event_json(event: &EventRow) -> Value {
    let data: Value = serde_json::from_str(&event.data).unwrap_or_else(|_| json!({}));
    json!({
        "id": event.id,
        "type": event.event_type,
        "apiVersion": "v1",
        "createdAt": iso(event.created_at),
        "resourceId": event.resource_id,
        "jobId": event.job_id,
        "data": data,
    })
}
