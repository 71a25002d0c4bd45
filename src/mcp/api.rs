//! The one way MCP tools reach jobdraft: an API call (method, path, JSON body, bearer token) and
//! its answer (status, JSON). In-process for `/mcp`, over HTTP for `jobdraft mcp` (stdio), so
//! every tool goes through the API's own handlers: one PATCH rule, one publish rule, one report.

use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

/// One request to the API.
#[derive(Debug, Clone)]
pub struct ApiCall {
    pub method: &'static str,
    /// Path and query, e.g. `/api/public/v1/job-drafts/abc`.
    pub path: String,
    pub body: Option<Value>,
    /// `Authorization: Bearer …`; `None` for the unauthenticated agent routes.
    pub token: Option<String>,
    pub idempotency_key: Option<String>,
    /// The MCP client's address, for the API's per-address limits (in-process calls only).
    pub peer: Option<std::net::SocketAddr>,
}

impl ApiCall {
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        ApiCall {
            method,
            path: path.into(),
            body: None,
            token: None,
            idempotency_key: None,
            peer: None,
        }
    }

    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    pub fn token(mut self, token: Option<String>) -> Self {
        self.token = token;
        self
    }

    pub fn peer(mut self, peer: Option<std::net::SocketAddr>) -> Self {
        self.peer = peer;
        self
    }

    pub fn idempotency_key(mut self, key: Option<String>) -> Self {
        self.idempotency_key = key;
        self
    }
}

/// The API's answer: its status and JSON body (the error envelope when not 2xx).
#[derive(Debug, Clone)]
pub struct ApiReply {
    pub status: u16,
    pub body: Value,
}

impl ApiReply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A reply for a failure that happened before the API answered (e.g. the connection).
    pub fn unreachable(message: impl Into<String>) -> Self {
        ApiReply {
            status: 503,
            body: serde_json::json!({
                "error": message.into(), "code": "UNAVAILABLE", "details": {"reason": "api_unreachable"}
            }),
        }
    }
}

pub type ApiFuture = Pin<Box<dyn Future<Output = ApiReply> + Send>>;

/// Something that answers API calls.
pub trait Api: Send + Sync + 'static {
    fn send(&self, call: ApiCall) -> ApiFuture;
}
