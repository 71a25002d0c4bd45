//! The MCP tools: one per API operation, each with its input schema (built from the catalog the
//! API reports), output schema and honest annotations, and the API call it makes.

use serde_json::{json, Map, Value};

use super::api::ApiCall;
use super::schema::{any_object, fields_object, report_output};

const DRAFTS: &str = "/api/public/v1/job-drafts";
const JOBS: &str = "/api/public/v1/jobs";

/// What a tool does to the world, as MCP annotations say it.
#[derive(Clone, Copy)]
pub enum Effect {
    /// Reads only.
    Read,
    /// Adds or changes something; repeating it with the same input changes nothing more.
    Idempotent,
    /// Adds something each time it is called.
    Additive,
    /// Takes something away (closing a job).
    Destructive,
}

/// Tool names that create or update a draft: these elicit the missing fields.
pub const ELICITING: &[&str] = &["create_draft", "update_draft"];

/// Every tool's definition, as `tools/list` answers, from the API's capabilities document.
pub fn definitions(capabilities: &Value) -> Vec<Value> {
    let formats = capabilities["draft"]["importFormats"].clone();
    let profiles: Value = capabilities["draft"]["profiles"]
        .as_object()
        .map(|m| m.keys().map(|k| json!(k)).collect())
        .unwrap_or(Value::Null);
    let patch = fields_object(
        capabilities,
        "Catalog keys to set; null clears a key. Unknown keys are refused with a suggestion.",
    );
    let job_id = json!({"type": "string", "description": "The job's id (jobId in a report)."});
    let key = json!({"type": "string", "maxLength": 200, "description": "Makes a retry safe: the same key and request answer the first result."});
    let enums = &capabilities["draft"]["enums"];
    let report = report_output();
    let text_input = json!({
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "A job description in plain text (the common case)."},
            "format": one_of(&formats, "The format of `document`, when it is not plain text."),
            "document": {"description": "The document in `format`: a string (XML, text) or an object (canonical job, JSON-LD)."},
            "job": fields_object(capabilities, "A canonical job (format opentrain_canonical), as an alternative to text."),
            "profile": one_of(&profiles, "The validation profile; the server's default when absent."),
            "externalId": {"type": "string", "description": "Your own id for this job."},
            "idempotencyKey": key,
        },
    });
    let search = json!({
        "type": "object",
        "properties": {
            "q": {"type": "string", "description": "Words to search for in open jobs."},
            "category": one_of(&enums["category"], "Only jobs in this category."),
            "employmentType": one_of(&enums["employmentType"], "Only jobs of this employment type."),
            "locationType": one_of(&enums["locationType"], "Only jobs with this location type."),
            "payType": one_of(&enums["paymentType"], "Only jobs paid this way."),
            "language": {"type": "string"},
            "country": {"type": "string"},
            "limit": {"type": "integer", "minimum": 1, "maximum": 100},
            "cursor": {"type": "string"},
        },
    });
    vec![
        tool("create_draft", "Create a job draft",
             "Create a job draft from a description (plain text, or any import format: canonical JSON, schema.org JSON-LD, Indeed XML, HR-XML). Answers the validation report: what is missing and what to ask. When the client supports elicitation, asks the person for the missing fields and PATCHes the answers until the draft is ready.",
             text_input, report.clone(), Effect::Additive),
        tool("get_draft", "Get a draft's report", "The validation report of a draft (or of any of your jobs).",
             object(&[("jobId", job_id.clone())], &["jobId"]), report.clone(), Effect::Read),
        tool("update_draft", "Update a draft",
             "PATCH a draft with catalog keys. Answers the new report; with elicitation, asks for what is still missing.",
             object(&[("jobId", job_id.clone()), ("patch", patch.clone())], &["jobId", "patch"]), report.clone(), Effect::Idempotent),
        tool("publish_job", "Publish a draft",
             "Publish a draft that is publishReady. Answers the job's status (OPEN, or PENDING_APPROVAL when a moderator must look) and its URL. Publishing again changes nothing.",
             object(&[("jobId", job_id.clone())], &["jobId"]), any_object("The publish result: ok, jobId, status, jobUrl, moderation."), Effect::Idempotent),
        tool("update_job", "Edit a live job",
             "PATCH a published job with catalog keys; the change is validated and moderated like the draft was.",
             object(&[("jobId", job_id.clone()), ("patch", patch)], &["jobId", "patch"]), any_object("ok, jobId, status (OPEN, or PENDING_APPROVAL when re-moderation holds it), moderation."), Effect::Idempotent),
        tool("close_job", "Close a job",
             "Close (archive) a job: it leaves the public listing. Closing again changes nothing.",
             object(&[("jobId", job_id.clone()), ("reason", json!({"type": "string", "description": "Why the job closed (optional)."}))], &["jobId"]),
             any_object("ok, jobId, status ARCHIVED, alreadyClosed."), Effect::Destructive),
        tool("list_my_jobs", "List my jobs", "Your account's jobs and drafts, newest first, a page at a time.",
             object(&[("status", json!({"type": "string", "enum": ["DRAFT", "OPEN", "PENDING_APPROVAL", "ARCHIVED", "ONGOING", "COMPLETED"]})),
                      ("limit", json!({"type": "integer", "minimum": 1, "maximum": 100})), ("cursor", json!({"type": "string"}))], &[]),
             any_object("jobs and nextCursor."), Effect::Read),
        tool("search_jobs", "Search open jobs", "Full-text search of the public listing of open jobs, with filters.",
             search, any_object("jobs, nextCursor, total."), Effect::Read),
        tool("get_job", "Get a public job", "A published job as the public listing shows it.",
             object(&[("jobId", job_id)], &["jobId"]), any_object("The public job."), Effect::Read),
        tool("get_capabilities", "Capabilities", "What this server offers: import formats, profiles, the field catalog with enum values.",
             object(&[], &[]), any_object("The capabilities document."), Effect::Read),
        tool("auth_status", "Who am I", "The token's account, scopes and limits.",
             object(&[], &[]), any_object("The token and account."), Effect::Read),
        tool("import_batch", "Import many drafts",
             "Create many drafts at once: an array of create bodies (as for create_draft's API: rawJobDescription, or format + document keys). One result per item.",
             object(&[("items", json!({"type": "array", "items": {"type": "object"}, "minItems": 1})),
                      ("profile", one_of(&profiles, "The profile for every item."))], &["items"]),
             any_object("One result per item and a summary."), Effect::Additive),
        tool("register_agent", "Register an agent",
             "Register this agent: creates an unclaimed account and answers an access token and a claim token (shown once). Needs no token.",
             object(&[("agent_name", json!({"type": "string", "maxLength": 120})), ("organization_name", json!({"type": "string", "maxLength": 120}))], &[]),
             any_object("access_token, claim_token, account."), Effect::Additive),
        tool("start_claim", "Start a claim",
             "Ask a person to claim this agent's account: they get a code to confirm on the claim page.",
             object(&[("claim_token", json!({"type": "string"})), ("email", json!({"type": "string", "format": "email"}))], &["claim_token", "email"]),
             any_object("user_code, verification_uri, interval."), Effect::Additive),
        tool("claim_status", "Poll a claim",
             "Poll a started claim: authorization_pending until the person confirms, then the post-claim token (once).",
             object(&[("claim_token", json!({"type": "string"}))], &["claim_token"]),
             any_object("The OAuth token answer, or the pending error."), Effect::Additive),
    ]
}

fn object(properties: &[(&str, Value)], required: &[&str]) -> Value {
    let properties: Map<String, Value> = properties
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    json!({"type": "object", "properties": properties, "required": required})
}

fn tool(
    name: &str,
    title: &str,
    description: &str,
    input: Value,
    output: Value,
    effect: Effect,
) -> Value {
    let (read_only, destructive, idempotent) = match effect {
        Effect::Read => (true, false, true),
        Effect::Idempotent => (false, false, true),
        Effect::Additive => (false, false, false),
        Effect::Destructive => (false, true, true),
    };
    json!({
        "name": name,
        "title": title,
        "description": description,
        "inputSchema": input,
        "outputSchema": output,
        "annotations": {
            "title": title,
            "readOnlyHint": read_only,
            "destructiveHint": destructive,
            "idempotentHint": idempotent,
            // Every tool acts on this jobdraft server only.
            "openWorldHint": false,
        },
    })
}

/// Whether `name` is one of the tools.
pub fn is_known(name: &str) -> bool {
    definitions(&Value::Null).iter().any(|t| t["name"] == name)
}

/// `{"type": "string"}`, with `enum` when the catalog lists the values.
fn one_of(values: &Value, description: &str) -> Value {
    let mut schema = json!({"type": "string", "description": description});
    if values.is_array() {
        schema["enum"] = values.clone();
    }
    schema
}

/// A tool input the API would not understand, said before calling it.
pub struct BadInput(pub String);

fn string_arg(args: &Map<String, Value>, key: &str) -> Result<String, BadInput> {
    match args.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        _ => Err(BadInput(format!("{key} is required (a non-empty string)."))),
    }
}

fn segment(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' | '.' | '~' => c.to_string(),
            other => {
                let mut buf = [0u8; 4];
                other
                    .encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}

fn query(args: &Map<String, Value>, keys: &[&str]) -> String {
    let pairs: Vec<String> = keys
        .iter()
        .filter_map(|k| {
            let v = match args.get(*k)? {
                Value::String(s) if !s.is_empty() => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some(format!("{k}={}", segment(&v)))
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The create body for `create_draft`'s input.
fn create_body(args: &Map<String, Value>) -> Result<Value, BadInput> {
    let mut body = Map::new();
    if let Some(text) = args.get("text").filter(|v| !v.is_null()) {
        body.insert("rawJobDescription".into(), text.clone());
    } else if let Some(job) = args.get("job").filter(|v| !v.is_null()) {
        body.insert("format".into(), json!("opentrain_canonical"));
        body.insert("job".into(), job.clone());
    } else if let Some(format) = args.get("format").and_then(Value::as_str) {
        let key = match format {
            "text" => "text",
            "opentrain_canonical" | "canonical" => "job",
            "schema_org" | "jsonld" | "json-ld" => "jsonLd",
            _ => "xml",
        };
        let document = args.get("document").cloned().ok_or_else(|| {
            BadInput("document is required with format (the job in that format).".into())
        })?;
        body.insert("format".into(), json!(format));
        body.insert(key.into(), document);
    } else {
        return Err(BadInput(
            "Give text (a description), job (canonical fields), or format with document.".into(),
        ));
    }
    for key in ["profile", "externalId", "idempotencyKey"] {
        if let Some(v) = args.get(key).filter(|v| !v.is_null()) {
            body.insert(key.into(), v.clone());
        }
    }
    Ok(Value::Object(body))
}

/// The API call a tool makes for `args`.
pub fn api_call(name: &str, args: &Map<String, Value>) -> Result<ApiCall, BadInput> {
    let id = || string_arg(args, "jobId").map(|id| segment(&id));
    let patch = || match args.get("patch") {
        Some(p @ Value::Object(_)) => Ok(p.clone()),
        _ => Err(BadInput(
            "patch is required (an object of catalog keys).".into(),
        )),
    };
    Ok(match name {
        "create_draft" => {
            let body = create_body(args)?;
            let key = body["idempotencyKey"].as_str().map(str::to_string);
            ApiCall::new("POST", DRAFTS).body(body).idempotency_key(key)
        }
        "get_draft" => ApiCall::new("GET", format!("{DRAFTS}/{}", id()?)),
        "update_draft" => ApiCall::new("PATCH", format!("{DRAFTS}/{}", id()?)).body(patch()?),
        "publish_job" => ApiCall::new("POST", format!("{JOBS}/{}/publish", id()?)),
        "update_job" => ApiCall::new("PATCH", format!("{JOBS}/{}", id()?)).body(patch()?),
        "close_job" => {
            let body = match args.get("reason").and_then(Value::as_str) {
                Some(r) => json!({"reason": r}),
                None => json!({}),
            };
            ApiCall::new("POST", format!("{JOBS}/{}/close", id()?)).body(body)
        }
        "list_my_jobs" => ApiCall::new(
            "GET",
            format!("{JOBS}/mine{}", query(args, &["status", "limit", "cursor"])),
        ),
        "search_jobs" => ApiCall::new(
            "GET",
            format!(
                "{JOBS}{}",
                query(
                    args,
                    &[
                        "q",
                        "category",
                        "employmentType",
                        "locationType",
                        "payType",
                        "language",
                        "country",
                        "limit",
                        "cursor"
                    ]
                )
            ),
        ),
        "get_job" => ApiCall::new("GET", format!("{JOBS}/{}", id()?)),
        "get_capabilities" => ApiCall::new("GET", format!("{DRAFTS}/capabilities")),
        "auth_status" => ApiCall::new("GET", "/api/public/v1/auth/me"),
        "import_batch" => {
            let items = args
                .get("items")
                .filter(|v| v.is_array())
                .cloned()
                .ok_or_else(|| BadInput("items is required (an array of create bodies).".into()))?;
            ApiCall::new(
                "POST",
                format!("{DRAFTS}/batch{}", query(args, &["profile"])),
            )
            .body(items)
        }
        "register_agent" => {
            let mut body = Map::new();
            for key in ["agent_name", "organization_name"] {
                if let Some(v) = args.get(key).filter(|v| v.is_string()) {
                    body.insert(key.into(), v.clone());
                }
            }
            ApiCall::new("POST", "/api/agent/identity").body(Value::Object(body))
        }
        "start_claim" => ApiCall::new("POST", "/api/agent/identity/claim").body(json!({
            "claim_token": string_arg(args, "claim_token")?, "email": string_arg(args, "email")?,
        })),
        "claim_status" => ApiCall::new("POST", "/api/agent/oauth/token").body(json!({
            "grant_type": crate::domain::claim::GRANT_TYPE,
            "claim_token": string_arg(args, "claim_token")?,
        })),
        other => return Err(BadInput(format!("Unknown tool {other:?}."))),
    })
}
