//! JSON Schemas built from the catalog the API reports (`GET /job-drafts/capabilities`): the
//! field properties of the tools' inputs, the report's output schema, and the flat form schema an
//! elicitation asks with (missingFields → one primitive property each).

use serde_json::{json, Map, Value};

/// The schema of one catalog field for a tool input, from a capabilities `draft.fields` entry.
pub fn field_schema(field: &Value) -> Value {
    let ty = field["type"].as_str().unwrap_or("string");
    let description = field["prompt"].as_str().unwrap_or_default();
    let enum_values = field["enumValues"].as_array().cloned();
    let mut schema = match ty {
        "integer" => json!({"type": "integer"}),
        "number" => json!({"type": "number"}),
        "enum" => json!({"type": "string", "enum": enum_values.unwrap_or_default()}),
        "enum[]" => {
            json!({"type": "array", "items": {"type": "string", "enum": enum_values.unwrap_or_default()}})
        }
        t if t.ends_with("[]") => json!({"type": "array", "items": {"type": "string"}}),
        "url" => json!({"type": "string", "format": "uri"}),
        "email" => json!({"type": "string", "format": "email"}),
        "date" => json!({"type": "string", "format": "date"}),
        _ => json!({"type": "string"}),
    };
    schema["description"] = json!(description);
    schema
}

/// An object whose properties are the catalog's fields (a PATCH body or a canonical job).
pub fn fields_object(capabilities: &Value, description: &str) -> Value {
    let properties: Map<String, Value> = capabilities["draft"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .filter_map(|f| Some((f["key"].as_str()?.to_string(), field_schema(f))))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        // Unknown keys are the API's to refuse (with a "did you mean" suggestion), not the schema's.
        "additionalProperties": true,
    })
}

/// The part of the report every draft tool returns that a client can rely on.
pub fn report_output() -> Value {
    json!({
        "type": "object",
        "properties": {
            "ok": {"type": "boolean"},
            "jobId": {"type": ["string", "null"]},
            "status": {"type": "string"},
            "profile": {"type": "string"},
            "draftUrl": {"type": ["string", "null"]},
            "validation": {
                "type": "object",
                "properties": {
                    "publishReady": {"type": "boolean"},
                    "missingFieldCount": {"type": "integer"},
                    "issueCount": {"type": "integer"},
                    "missingFields": {"type": "array", "items": {"type": "string"}},
                    "issues": {"type": "array", "items": {"type": "object"}},
                },
                "required": ["publishReady"],
            },
            "missingFields": {"type": "array", "items": {"type": "object"}},
            "normalizedFields": {"type": "object"},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "elicitation": {
                "type": "object",
                "description": "Present when the server asked the person for missing fields: how it ended and how many rounds it took.",
                "properties": {"outcome": {"type": "string", "enum": ["publish_ready", "declined", "cancelled", "unanswered", "round_limit"]}, "rounds": {"type": "integer"}},
            },
        },
        "required": ["ok", "status", "validation", "missingFields"],
    })
}

/// Any JSON object (answers whose shape the API owns and documents in its OpenAPI).
pub fn any_object(description: &str) -> Value {
    json!({"type": "object", "description": description, "additionalProperties": true})
}

/// One form property for a report gap (a `missingFields` entry or an issue). Lists are asked as
/// a comma-separated string: form elicitation allows primitive properties only.
pub fn form_property(entry: &Value, catalog_field: Option<&Value>, error: Option<&str>) -> Value {
    let ty = entry["type"]
        .as_str()
        .or_else(|| catalog_field.and_then(|f| f["type"].as_str()))
        .unwrap_or("string");
    let enum_values = entry["enumValues"]
        .as_array()
        .or_else(|| catalog_field.and_then(|f| f["enumValues"].as_array()))
        .cloned();
    let mut description = entry["prompt"]
        .as_str()
        .or_else(|| entry["message"].as_str())
        .unwrap_or_default()
        .to_string();
    if let Some(error) = error {
        description = format!("{description} — {error}");
    }
    let mut property = match ty {
        "integer" => json!({"type": "integer"}),
        "number" => json!({"type": "number"}),
        "enum" => json!({"type": "string", "enum": enum_values.clone().unwrap_or_default()}),
        t if t.ends_with("[]") => {
            let allowed = enum_values
                .map(|v| {
                    let names: Vec<&str> = v.iter().filter_map(Value::as_str).collect();
                    format!(" Allowed: {}.", names.join(", "))
                })
                .unwrap_or_default();
            description = format!("{description} (comma-separated){allowed}");
            json!({"type": "string"})
        }
        "email" => json!({"type": "string", "format": "email"}),
        "date" => json!({"type": "string", "format": "date"}),
        _ => json!({"type": "string"}),
    };
    property["title"] = entry["label"].clone();
    if property["title"].is_null() {
        property["title"] = entry["field"].clone();
    }
    property["description"] = json!(description);
    property
}
