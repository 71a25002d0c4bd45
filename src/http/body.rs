//! Request bodies: read with a size limit, classified by Content-Type, JSON decoded with the
//! line and column of the first error.

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use serde_json::{json, Value};

use super::error::{ApiError, ErrorCode};

/// What a body's Content-Type says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Text,
    JsonLd,
    Html,
    Xml,
}

/// The kind of body `req` declares; JSON when there is no Content-Type.
pub fn body_kind(req: &HttpRequest, accepted: &[BodyKind]) -> Result<BodyKind, ApiError> {
    let raw = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json");
    let mime = raw
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let kind = match mime.as_str() {
        "application/json" | "" => Some(BodyKind::Json),
        "text/plain" => Some(BodyKind::Text),
        "application/ld+json" => Some(BodyKind::JsonLd),
        "text/html" => Some(BodyKind::Html),
        "application/xml" | "text/xml" => Some(BodyKind::Xml),
        m if m.ends_with("+json") => Some(BodyKind::Json),
        m if m.ends_with("+xml") => Some(BodyKind::Xml),
        _ => None,
    };
    match kind {
        Some(k) if accepted.contains(&k) => Ok(k),
        _ => Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("Content-Type {mime:?} is not accepted here."),
        )
        .with_details(
            json!({"contentType": mime, "supportedContentTypes": supported_names(accepted)}),
        )),
    }
}

fn supported_names(accepted: &[BodyKind]) -> Vec<&'static str> {
    accepted
        .iter()
        .flat_map(|k| match k {
            BodyKind::Json => &["application/json"][..],
            BodyKind::Text => &["text/plain"][..],
            BodyKind::JsonLd => &["application/ld+json"][..],
            BodyKind::Html => &["text/html"][..],
            BodyKind::Xml => &["application/xml", "text/xml"][..],
        })
        .copied()
        .collect()
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!("The request body is larger than {limit} bytes."),
    )
    .with_details(json!({"maxBytes": limit}))
}

/// Reads the whole body, refusing more than `limit` bytes without buffering them.
pub async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<web::Bytes, ApiError> {
    if let Some(len) = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        if len > limit {
            return Err(too_large(limit));
        }
    }
    let deadline = body_deadline(req);
    let read_all = async move {
        let mut buf = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| {
                ApiError::bad_request(format!("Could not read the request body: {e}"))
            })?;
            if buf.len() + chunk.len() > limit {
                return Err(too_large(limit));
            }
            buf.extend_from_slice(&chunk);
        }
        Ok(buf.freeze())
    };
    match tokio::time::timeout(deadline, read_all).await {
        Ok(read) => read,
        Err(_elapsed) => Err(body_timeout(deadline)),
    }
}

/// How long a client has to send a body (`JOBDRAFT_BODY_TIMEOUT_SECS`).
pub fn body_deadline(req: &HttpRequest) -> std::time::Duration {
    let secs = req
        .app_data::<web::Data<super::AppState>>()
        .map_or(15, |state| state.config.body_timeout_secs);
    std::time::Duration::from_secs(secs.max(1))
}

/// The 408 for a body that did not arrive in time; the connection is closed after it.
pub fn body_timeout(deadline: std::time::Duration) -> ApiError {
    ApiError::new(
        ErrorCode::RequestTimeout,
        format!(
            "The request body did not arrive within {} seconds.",
            deadline.as_secs()
        ),
    )
    .with_details(json!({"reason": "body_timeout", "timeoutSeconds": deadline.as_secs()}))
    .closing()
}

/// The 400 for text holding U+0000, which no text column stores (PostgreSQL refuses it): the
/// same answer on every database, before any of it is parsed or stored.
pub fn nul_character(location: Value) -> ApiError {
    ApiError::bad_request(
        "The request contains a NUL character (U+0000), which is not accepted in text.",
    )
    .with_details(json!({"reason": "nul_character", "location": location}))
}

/// The body as UTF-8 text without NUL characters.
pub fn utf8(bytes: &[u8]) -> Result<&str, ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "The request body is not valid UTF-8 (at byte {}).",
            e.valid_up_to()
        ))
        .with_details(json!({"reason": "invalid_utf8", "byteOffset": e.valid_up_to()}))
    })?;
    match text.find('\0') {
        Some(at) => Err(nul_character(json!({"byteOffset": at}))),
        None => Ok(text),
    }
}

/// The JSON pointer of the first string (or object key) in `value` holding U+0000.
fn nul_pointer(value: &Value) -> Option<String> {
    fn escape(key: &str) -> String {
        key.replace('~', "~0").replace('/', "~1")
    }
    match value {
        Value::String(s) => s.contains('\0').then(String::new),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_pointer(v).map(|p| format!("/{i}{p}"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(format!("/{}", escape(k)));
            }
            nul_pointer(v).map(|p| format!("/{}{p}", escape(k)))
        }),
        _ => None,
    }
}

/// Decodes a JSON body; the error names the line and column.
pub fn json(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("The request body is empty.")
            .with_details(json!({"reason": "empty_body"})));
    }
    let text = utf8(bytes)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ApiError::bad_request(format!("The request body is not valid JSON: {e}")).with_details(
            json!({
                "reason": "invalid_json",
                "line": e.line(),
                "column": e.column(),
            }),
        )
    })?;
    // `\u0000` escapes decode to NUL; refused like a raw NUL, naming where it is.
    match nul_pointer(&value) {
        Some(pointer) => Err(nul_character(json!({"pointer": pointer}))),
        None => Ok(value),
    }
}

/// Reads a JSON request body: checks the Content-Type, the size limit, and decodes it.
pub async fn json_body(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Value, ApiError> {
    body_kind(req, &[BodyKind::Json])?;
    let bytes = read_body(req, payload, limit).await?;
    json(&bytes)
}
