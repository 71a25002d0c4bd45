//! One delivery attempt: the event body signed the Standard Webhooks way (`webhook-id` is the
//! delivery's id, the same on every retry; `webhook-timestamp` and `webhook-signature` are
//! fresh per attempt), posted through the guarded client, the answer read up to a size cap.

use std::io::Read;
use std::time::Instant;

use ureq::Agent;

use super::payload::event_json;
use crate::domain::webhooks::{check_url, DestinationPolicy};
use crate::net::client::describe_error;
use crate::net::signing;
use crate::store::deliveries::{Job, Outcome};

/// Bytes of a receiver's answer read at most (the rest is dropped with the connection).
pub const RESPONSE_CAP_BYTES: u64 = 64 * 1024;
/// Characters of an answer kept in the delivery log.
const LOGGED_BODY_CHARS: usize = 200;

/// Sends `job`'s event once at `now_ms`.
pub fn attempt(agent: &Agent, policy: &DestinationPolicy, job: &Job, now_ms: i64) -> Outcome {
    let started = Instant::now();
    let result = post(agent, policy, job, now_ms);
    let duration_ms = started.elapsed().as_millis().min(i64::MAX as u128) as i64;
    let (status_code, error) = match result {
        Ok((status, _)) if (200..300).contains(&status) => (Some(status), None),
        Ok((status, body)) => {
            let body: String = body.chars().take(LOGGED_BODY_CHARS).collect();
            let body = body.trim();
            let message = if body.is_empty() {
                format!("HTTP {status}")
            } else {
                format!("HTTP {status}: {body}")
            };
            (Some(status), Some(message))
        }
        Err(message) => (None, Some(message)),
    };
    Outcome {
        attempted_at: now_ms,
        status_code,
        error,
        duration_ms,
    }
}

fn post(
    agent: &Agent,
    policy: &DestinationPolicy,
    job: &Job,
    now_ms: i64,
) -> Result<(u16, String), String> {
    // The policy may have tightened since the webhook was created.
    check_url(&job.webhook.url, policy).map_err(|r| r.message)?;
    let body = serde_json::to_vec(&event_json(&job.event)).map_err(|e| e.to_string())?;
    let timestamp = now_ms.div_euclid(1000);
    let signature = signing::sign(&job.webhook.secret, &job.delivery.id, timestamp, &body)?;
    let mut response = agent
        .post(&job.webhook.url)
        .header("content-type", "application/json")
        .header("webhook-id", &job.delivery.id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .send(&body[..])
        .map_err(|e| describe_error(&e))?;
    let status = response.status().as_u16();
    let mut text = Vec::new();
    // A receiver's answer is only logged: a read failure or an oversized answer does not
    // change the status it already gave.
    let _ = response
        .body_mut()
        .as_reader()
        .take(RESPONSE_CAP_BYTES)
        .read_to_end(&mut text);
    Ok((status, String::from_utf8_lossy(&text).into_owned()))
}
