//! The OAuth error shape OpenTrain documents for `/api/agent/*` (`{error, error_description}`,
//! RFC 6749 §5.2 style, plus jobdraft's `requestId`), and the request bodies those routes read:
//! form-encoded as OAuth clients send them, JSON accepted too.

use std::collections::HashMap;

use actix_web::http::header::{self, CONTENT_TYPE};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde_json::{json, Value};

use super::body;
use super::error::{current_request_id, ApiError};
use super::AppState;

/// An error answer on an `/api/agent/*` route.
#[derive(Debug, Clone)]
pub struct OAuthError {
    pub status: StatusCode,
    /// The machine-readable code an agent branches on (authorization_pending, slow_down, …).
    pub error: &'static str,
    pub description: String,
    pub retry_after_secs: Option<u64>,
}

impl OAuthError {
    pub fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        OAuthError {
            status,
            error,
            description: description.into(),
            retry_after_secs: None,
        }
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        OAuthError::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    /// 403 while the operator has not opened self-registration.
    pub fn not_enabled() -> Self {
        OAuthError::new(
            StatusCode::FORBIDDEN,
            "anonymous_not_enabled",
            "Agent self-registration is not enabled on this server (JOBDRAFT_AGENT_REGISTRATION=open enables it). Ask the operator for a token.",
        )
    }

    /// 429 with the seconds to wait.
    pub fn rate_limited(what: &str, retry_after_secs: u64) -> Self {
        let mut e = OAuthError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            format!("Too many {what} from this client; retry in {retry_after_secs} s."),
        );
        e.retry_after_secs = Some(retry_after_secs);
        e
    }
}

impl std::fmt::Display for OAuthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.description)
    }
}

impl ResponseError for OAuthError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        res.insert_header((header::CACHE_CONTROL, "no-store"));
        if let Some(secs) = self.retry_after_secs {
            res.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        res.json(json!({
            "error": self.error,
            "error_description": self.description,
            "requestId": current_request_id(),
        }))
    }
}

/// Faults below the route (database, body too large) keep the route's shape.
impl From<ApiError> for OAuthError {
    fn from(e: ApiError) -> Self {
        let error = if e.code.status().is_server_error() {
            "server_error"
        } else {
            "invalid_request"
        };
        let mut out = OAuthError::new(e.code.status(), error, e.message.clone());
        out.retry_after_secs = e.retry_after_secs;
        out
    }
}

/// Reads a small body of string parameters: form-encoded (OAuth's way) or a JSON object. An
/// empty body is no parameters.
pub async fn read_params(
    req: &HttpRequest,
    payload: web::Payload,
    state: &AppState,
) -> Result<HashMap<String, String>, OAuthError> {
    let bytes = body::read_body(req, payload, state.config.max_body_bytes.min(64 * 1024)).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(HashMap::new());
    }
    let mime = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let text = body::utf8(&bytes)?;
    if mime == "application/json" || (mime.is_empty() && text.trim_start().starts_with('{')) {
        let value = body::json(&bytes)?;
        let Value::Object(map) = value else {
            return Err(OAuthError::invalid_request(
                "The body must be a JSON object.",
            ));
        };
        let mut out = HashMap::new();
        for (k, v) in map {
            match v {
                Value::String(s) => {
                    out.insert(k, s);
                }
                Value::Null => {}
                other => {
                    return Err(OAuthError::invalid_request(format!(
                        "{k} must be a string, not {other}."
                    )))
                }
            }
        }
        return Ok(out);
    }
    if mime.is_empty() || mime == "application/x-www-form-urlencoded" {
        return web::Query::<HashMap<String, String>>::from_query(text)
            .map(|q| q.into_inner())
            .map_err(|e| {
                OAuthError::invalid_request(format!("The form body is not readable: {e}"))
            });
    }
    Err(OAuthError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "invalid_request",
        "Send application/x-www-form-urlencoded or application/json.",
    ))
}

/// A parameter, trimmed; `None` when absent or blank.
pub fn param<'a>(params: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    params.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
}
