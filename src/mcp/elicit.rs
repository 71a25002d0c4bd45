//! The elicitation loop: a draft's report asks its person, in form mode, for what is missing;
//! the answers are PATCHed through the API; a refused answer is asked again with the API's
//! error; until the draft is publishReady or the person declines or cancels.

use rmcp::model::{ElicitRequestParams, ElicitationAction};
use rmcp::service::Peer;
use rmcp::RoleServer;
use serde_json::{json, Map, Value};

use super::api::{Api, ApiCall, ApiReply};
use super::schema::form_property;
use super::Caller;

/// A person answers a form at most this many times per tool call.
const MAX_ROUNDS: usize = 8;

/// How the loop ended, as the report's `elicitation.outcome` says it.
fn outcome(report: &Value, declined: Option<&'static str>, rounds: usize) -> &'static str {
    if report["validation"]["publishReady"] == json!(true) {
        "publish_ready"
    } else if let Some(d) = declined {
        d
    } else if rounds >= MAX_ROUNDS {
        "round_limit"
    } else {
        "unanswered"
    }
}

/// The gaps a form asks for: every missing field, then every issue on a present value.
pub(crate) fn gaps(report: &Value) -> Vec<&Value> {
    let missing = report["missingFields"].as_array().into_iter().flatten();
    let issues = report["validation"]["issues"]
        .as_array()
        .into_iter()
        .flatten();
    missing.chain(issues).collect()
}

/// The form for `report`'s gaps, with `errors` (field → the API's message) from the last round.
fn form(report: &Value, catalog: &Value, errors: &Map<String, Value>) -> (String, Value) {
    let mut properties = Map::new();
    for gap in gaps(report) {
        let Some(field) = gap["field"].as_str() else {
            continue;
        };
        if properties.contains_key(field) {
            continue;
        }
        let catalog_field = catalog["draft"]["fields"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["key"] == json!(field)));
        let error = errors.get(field).and_then(Value::as_str);
        properties.insert(field.to_string(), form_property(gap, catalog_field, error));
    }
    let mut message = format!(
        "This job draft needs {} more answer(s) before it can be published.",
        properties.len()
    );
    let refused: Vec<String> = report["validation"]["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| {
            Some(format!(
                "{}: {}",
                i["field"].as_str()?,
                i["message"].as_str()?
            ))
        })
        .collect();
    if !refused.is_empty() {
        message = format!("{message} Not accepted as given: {}", refused.join("; "));
    }
    if !errors.is_empty() {
        let problems: Vec<String> = errors
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or_default()))
            .collect();
        message = format!(
            "{message} The last answer was refused: {}",
            problems.join("; ")
        );
    }
    (message, json!({"type": "object", "properties": properties}))
}

/// The PATCH body for a form's answers: each answer under the key that takes it.
fn patch_for(report: &Value, answers: &Map<String, Value>) -> Map<String, Value> {
    let mut patch = Map::new();
    for gap in gaps(report) {
        let Some(field) = gap["field"].as_str() else {
            continue;
        };
        let Some(answer) = answers.get(field).filter(|v| !is_blank(v)) else {
            continue;
        };
        let ty = gap["type"].as_str().unwrap_or("string");
        let value = match (ty.ends_with("[]"), answer) {
            (true, Value::String(s)) => Value::Array(
                s.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| json!(p))
                    .collect(),
            ),
            _ => answer.clone(),
        };
        let keys: Vec<&str> = gap["updateKeys"]
            .as_array()
            .map(|ks| ks.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let key = choose_key(field, &keys, &value);
        patch.insert(key.to_string(), value);
    }
    patch
}

fn is_blank(v: &Value) -> bool {
    matches!(v, Value::Null) || v.as_str().is_some_and(|s| s.trim().is_empty())
}

/// Which of a gap's update keys an answer belongs to: an e-mail answer to the e-mail key when the
/// gap accepts either (an apply URL or an apply e-mail), otherwise the field's own key.
pub(crate) fn choose_key<'a>(field: &'a str, keys: &[&'a str], value: &Value) -> &'a str {
    let text = value.as_str().unwrap_or_default();
    let email_like = text.contains('@') && !text.contains("://");
    if keys.len() > 1 {
        if let Some(k) = keys
            .iter()
            .find(|k| k.to_ascii_lowercase().contains("email") == email_like)
        {
            return k;
        }
    }
    keys.first()
        .copied()
        .filter(|_| keys.len() == 1)
        .unwrap_or(field)
}

/// The API's refusal of a PATCH, per field, to ask again with.
fn refusal(reply: &ApiReply) -> Map<String, Value> {
    let mut errors = Map::new();
    if let Some(issues) = reply.body["details"]["issues"].as_array() {
        for issue in issues {
            let key = issue["key"]
                .as_str()
                .or_else(|| issue["field"].as_str())
                .unwrap_or("answer");
            let message = issue["message"]
                .as_str()
                .unwrap_or_else(|| reply.body["error"].as_str().unwrap_or("refused"));
            errors.insert(key.to_string(), json!(message));
        }
    }
    if errors.is_empty() {
        errors.insert("answer".into(), reply.body["error"].clone());
    }
    errors
}

/// Asks `peer` for `report`'s gaps until publishReady, a decline or a cancel, PATCHing through
/// `api`. Answers the last report, with `elicitation: {outcome, rounds}` added.
pub async fn complete(
    peer: &Peer<RoleServer>,
    api: &dyn Api,
    caller: &Caller,
    catalog: &Value,
    mut report: Value,
) -> Value {
    let Some(job_id) = report["jobId"].as_str().map(str::to_string) else {
        return report;
    };
    let mut errors = Map::new();
    let mut rounds = 0;
    let mut declined = None;
    while report["validation"]["publishReady"] != json!(true) && rounds < MAX_ROUNDS {
        let (message, schema) = form(&report, catalog, &errors);
        if schema["properties"].as_object().is_none_or(Map::is_empty) {
            break;
        }
        let params: ElicitRequestParams = match serde_json::from_value(json!({
            "mode": "form", "message": message, "requestedSchema": schema,
        })) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(error = %e, "elicitation schema not accepted by the SDK");
                break;
            }
        };
        rounds += 1;
        let answer = match peer.create_elicitation(params).await {
            Ok(a) => a,
            Err(e) => {
                tracing::info!(error = %e, "elicitation failed; returning the report");
                break;
            }
        };
        match answer.action {
            ElicitationAction::Accept => {}
            ElicitationAction::Decline => {
                declined = Some("declined");
                break;
            }
            _ => {
                declined = Some("cancelled");
                break;
            }
        }
        let answers = answer
            .content
            .and_then(|c| c.as_object().cloned())
            .unwrap_or_default();
        let patch = patch_for(&report, &answers);
        if patch.is_empty() {
            break;
        }
        let reply = api
            .send(
                ApiCall::new("PATCH", format!("/api/public/v1/job-drafts/{job_id}"))
                    .body(Value::Object(patch))
                    .token(caller.token.clone())
                    .peer(caller.peer),
            )
            .await;
        if reply.is_success() {
            report = reply.body;
            errors.clear();
        } else if reply.status == 400 {
            errors = refusal(&reply);
        } else {
            break;
        }
    }
    let end = outcome(&report, declined, rounds);
    if let Value::Object(map) = &mut report {
        map.insert(
            "elicitation".into(),
            json!({"outcome": end, "rounds": rounds}),
        );
    }
    report
}
