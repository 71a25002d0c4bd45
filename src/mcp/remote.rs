//! The API over HTTP (ureq), for `jobdraft mcp` on stdio and for `jobdraft client`: GETs retried
//! on 502/503/504 and connection failures with backoff, writes retried only when they carry an
//! idempotency key (so a retry cannot create a second draft).

use std::time::Duration;

use serde_json::Value;

use super::api::{Api, ApiCall, ApiFuture, ApiReply};

const ATTEMPTS: u32 = 3;

/// The API at `base_url`.
#[derive(Clone)]
pub struct HttpApi {
    base_url: String,
    agent: ureq::Agent,
}

impl HttpApi {
    pub fn new(base_url: &str) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        HttpApi {
            base_url: base_url.trim_end_matches('/').to_string(),
            agent,
        }
    }

    /// One call, with its retries; blocking.
    pub fn send_blocking(&self, call: &ApiCall) -> ApiReply {
        let retriable = call.method == "GET" || call.idempotency_key.is_some();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let reply = self.once(call);
            let again = matches!(reply.status, 502..=504)
                || reply.body["details"]["reason"] == "api_unreachable";
            if !(retriable && again && attempt < ATTEMPTS) {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(500 * u64::from(attempt)));
        }
    }

    fn once(&self, call: &ApiCall) -> ApiReply {
        let url = format!("{}{}", self.base_url, call.path);
        let mut builder = http::Request::builder()
            .method(call.method)
            .uri(&url)
            .header("Accept", "application/json");
        if let Some(token) = &call.token {
            builder = builder.header("Authorization", format!("Bearer {token}"));
        }
        if let Some(key) = &call.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        let body = match &call.body {
            Some(b) => {
                builder = builder.header("Content-Type", "application/json");
                b.to_string()
            }
            None => String::new(),
        };
        let request = match builder.body(body) {
            Ok(r) => r,
            Err(e) => return ApiReply::unreachable(format!("Bad request to {url}: {e}")),
        };
        match self.agent.run(request) {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let text = response.body_mut().read_to_string().unwrap_or_default();
                let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
                ApiReply { status, body }
            }
            Err(e) => ApiReply::unreachable(format!("Cannot reach {url}: {e}")),
        }
    }
}

impl Api for HttpApi {
    fn send(&self, call: ApiCall) -> ApiFuture {
        let api = self.clone();
        Box::pin(async move {
            tokio::task::spawn_blocking(move || api.send_blocking(&call))
                .await
                .unwrap_or_else(|e| ApiReply::unreachable(e.to_string()))
        })
    }
}
