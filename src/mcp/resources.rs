//! MCP resources (the field catalog, the active profile) and the "post a job" prompt.

use serde_json::{json, Map, Value};

pub const INSTRUCTIONS: &str = "jobdraft turns a job description into a validated job draft. \
Call create_draft with the text; the report lists missingFields (each with a prompt, a type and \
enum values). If your client supports elicitation the server asks the person for them itself; \
otherwise ask the prompts and send the answers with update_draft. Publish with publish_job once \
validation.publishReady is true.";

const CATALOG_URI: &str = "jobdraft://catalog/fields";
const PROFILE_URI: &str = "jobdraft://profiles/active";

pub fn list() -> Value {
    json!([
        {"uri": CATALOG_URI, "name": "field-catalog", "title": "Field catalog",
         "description": "Every catalog key with its type, prompt, example and enum values.",
         "mimeType": "application/json"},
        {"uri": PROFILE_URI, "name": "active-profile", "title": "Active profile",
         "description": "The server's default validation profile: which fields must be present, and when.",
         "mimeType": "application/json"},
    ])
}

/// The text of resource `uri`, from the API's capabilities document.
pub fn read(uri: &str, capabilities: &Value) -> Option<String> {
    let draft = &capabilities["draft"];
    let value = match uri {
        CATALOG_URI => {
            json!({"fields": draft["fields"], "enums": draft["enums"], "updateKeys": draft["updateKeys"]})
        }
        PROFILE_URI => {
            let name = draft["defaultProfile"].as_str()?;
            json!({"name": name, "profile": draft["profiles"][name]})
        }
        _ => return None,
    };
    serde_json::to_string_pretty(&value).ok()
}

pub fn prompt_definition() -> Value {
    json!({
        "name": "post_a_job",
        "title": "Post a job",
        "description": "Walks through drafting, completing and publishing a job from a description.",
        "arguments": [{"name": "description", "description": "The job description, as plain text.", "required": false}],
    })
}

pub fn prompt(name: &str, args: &Map<String, Value>) -> Option<Value> {
    if name != "post_a_job" {
        return None;
    }
    let description = args
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("(ask me for the job description first)");
    let text = format!(
        "Post this job on jobdraft.\n\n1. Call create_draft with {{\"text\": <the description>}}.\n\
2. Read the report: validation.publishReady, and missingFields (prompt, type, enumValues, \
updateKeys) and validation.issues.\n3. If the server did not already ask me (elicitation), ask me \
each missing field's prompt, offering the enum values as choices, and send my answers with \
update_draft {{\"jobId\", \"patch\": {{updateKey: value}}}}. If the API refuses a value, tell me \
why and ask again.\n4. Repeat until publishReady is true, show me the normalized fields, and \
publish with publish_job once I agree.\n5. Give me the jobUrl.\n\nThe description:\n\n{description}"
    );
    Some(json!({
        "description": "Draft, complete and publish a job.",
        "messages": [{"role": "user", "content": {"type": "text", "text": text}}],
    }))
}
