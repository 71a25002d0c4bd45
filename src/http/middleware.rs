//! The request-id middleware: gives every request an id, answers panics with a 500 envelope, and
//! turns any error some lower layer answered in its own shape (405, 413, …) into the envelope.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, CONTENT_TYPE};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError};
use futures_util::FutureExt;

use super::error::{ApiError, ErrorCode, REQUEST_ID};

/// A client-sent id is kept when it is short and plain, so callers can trace their own requests.
fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get("X-Request-Id")?.to_str().ok()?;
    let ok = !v.is_empty()
        && v.len() <= 64
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
    ok.then(|| v.to_string())
}

fn message_for(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotFound => "No such route. See /openapi.json for the API.",
        ErrorCode::MethodNotAllowed => "This route does not accept that method.",
        ErrorCode::PayloadTooLarge => "The request body is too large.",
        ErrorCode::UnsupportedMediaType => "Unsupported Content-Type.",
        ErrorCode::Internal => "Internal server error. Quote the requestId when reporting it.",
        _ => "The request could not be processed.",
    }
}

/// A request on a connection that was over its IP's connection cap when it was accepted.
fn over_connection_cap(req: &ServiceRequest) -> Option<ApiError> {
    let slot = req.conn_data::<super::connections::ConnectionSlot>()?;
    slot.over_cap.then(|| {
        let mut error = ApiError::new(
            ErrorCode::RateLimited,
            format!(
                "More than {} open connections from this address; reuse or close some.",
                slot.cap
            ),
        )
        .with_details(serde_json::json!({"reason": "too_many_connections", "limit": slot.cap}))
        .closing();
        error.retry_after_secs = Some(1);
        error
    })
}

/// A request whose URL holds an encoded NUL (`%00`): a path with one names nothing (404), a query
/// with one is refused (400). Answered here, before routing, so no handler or database sees it.
fn refuse_nul(req: &ServiceRequest) -> Option<ApiError> {
    let uri = req.uri();
    if uri.path().contains("%00") {
        return Some(ApiError::new(
            ErrorCode::NotFound,
            message_for(ErrorCode::NotFound),
        ));
    }
    if uri.query().is_some_and(|q| q.contains("%00")) {
        return Some(super::body::nul_character(
            serde_json::json!({"part": "query"}),
        ));
    }
    None
}

pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let id = incoming_id(&req).unwrap_or_else(|| format!("req_{}", crate::store::new_id()));
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let path = req.path().to_string();
    if let Some(mut error) = over_connection_cap(&req).or_else(|| refuse_nul(&req)) {
        error.request_id = Some(id.clone());
        tracing::info!(request_id = %id, status = error.code.status().as_u16(), "{method} {path}");
        return Ok(req.into_response(error.error_response()));
    }
    let scoped_id = id.clone();
    let result = REQUEST_ID
        .scope(scoped_id, AssertUnwindSafe(next.call(req)).catch_unwind())
        .await;
    // Errors that escape the inner service are answered by actix outside this request's task,
    // so they carry the id themselves.
    let mut res = match result {
        Ok(Ok(res)) => res.map_into_boxed_body(),
        Ok(Err(e)) => {
            let code = ErrorCode::for_status(e.as_response_error().status_code());
            tracing::info!(request_id = %id, status = code.status().as_u16(), "{method} {path}");
            let mut error = ApiError::new(code, message_for(code));
            error.request_id = Some(id);
            return Err(error.into());
        }
        Err(_panic) => {
            tracing::error!(request_id = %id, "handler panicked");
            let mut error = ApiError::new(ErrorCode::Internal, message_for(ErrorCode::Internal));
            error.request_id = Some(id);
            return Err(error.into());
        }
    };
    let status = res.status();
    let is_json = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    // Pages for people answer their own errors as pages (a 410 for a closed job, a 404 that
    // reveals nothing); they mark their responses so.
    let is_page = res
        .response()
        .extensions()
        .contains::<super::pages::PersonPage>();
    if (status.is_client_error() || status.is_server_error()) && !is_json && !is_page {
        let code = ErrorCode::for_status(status);
        let error = ApiError::new(code, message_for(code));
        let body = error.body(&id);
        let mut replacement = HttpResponse::build(status);
        for (name, value) in res.headers() {
            if name != CONTENT_TYPE && name != actix_web::http::header::CONTENT_LENGTH {
                replacement.append_header((name.clone(), value.clone()));
            }
        }
        let new_res = replacement.json(body);
        res = res.into_response(new_res);
    }
    tracing::info!(
        request_id = %id,
        status = res.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "{method} {path}"
    );
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(
            actix_web::http::header::HeaderName::from_static("x-request-id"),
            v,
        );
    }
    Ok(res)
}
