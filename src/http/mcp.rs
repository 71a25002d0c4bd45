//! `/mcp`: MCP over Streamable HTTP on the API's own port. rmcp's server is a tower service
//! speaking `http` 1.x; this adapter authenticates the bearer token the way every API route does,
//! hands the request to it with the caller attached, and streams its answer (JSON or SSE) back.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use http_body_util::{BodyExt, Full};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use tower_service::Service;

use super::auth::Auth;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::mcp::local::LocalApi;
use crate::mcp::{Caller, JobdraftMcp};

/// The MCP service behind `/mcp`, shared by every worker (sessions live in it).
#[derive(Clone)]
pub struct McpEndpoint {
    service: StreamableHttpService<JobdraftMcp, LocalSessionManager>,
}

impl McpEndpoint {
    pub fn start(state: AppState) -> std::io::Result<McpEndpoint> {
        let api: Arc<dyn crate::mcp::api::Api> = Arc::new(LocalApi::start(state)?);
        let mut config = StreamableHttpServerConfig::default();
        // Host checks guard unauthenticated local servers against DNS rebinding; every /mcp
        // request here carries a bearer token, checked before rmcp sees it.
        config.allowed_hosts = Vec::new();
        config.legacy_session_mode = true;
        let service = StreamableHttpService::new(
            move || Ok(JobdraftMcp::new(api.clone(), None)),
            Arc::new(LocalSessionManager::default()),
            config,
        );
        Ok(McpEndpoint { service })
    }
}

/// GET, POST and DELETE /mcp. `Auth` answers 401/the envelope before rmcp sees the request.
pub async fn mcp(
    endpoint: Option<web::Data<McpEndpoint>>,
    _caller: Auth,
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let Some(endpoint) = endpoint else {
        return Err(ApiError::not_found("MCP endpoint"));
    };
    let bytes = super::body::read_body(&req, payload, state.config.max_body_bytes).await?;
    let mut builder = http::Request::builder()
        .method(req.method().as_str())
        .uri(req.uri().to_string());
    for (name, value) in req.headers() {
        builder = builder.header(name.as_str(), value.as_bytes());
    }
    let mut request = builder
        .body(Full::new(bytes))
        .map_err(|e| ApiError::bad_request(format!("Unreadable MCP request: {e}")))?;
    // `Auth` has checked this header; the tools present the same token to the API.
    let token = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .map(|(_, secret)| secret.trim().to_string());
    request.extensions_mut().insert(Caller {
        token,
        peer: req.peer_addr(),
    });
    let mut service = endpoint.service.clone();
    let Ok(response) = service.call(request).await;
    let (parts, body) = response.into_parts();
    let status = parts.status.as_u16();
    let is_json = parts
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status >= 400 && !is_json {
        // rmcp answers transport errors in plain text: say its words in the API's envelope.
        let text = body
            .collect()
            .await
            .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
            .unwrap_or_default();
        let code =
            ErrorCode::for_status(StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST));
        return Err(ApiError::new(code, text.trim().to_string())
            .with_details(serde_json::json!({"reason": "mcp_transport"})));
    }
    let mut out = HttpResponse::build(
        StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    );
    for (name, value) in &parts.headers {
        out.append_header((name.as_str(), value.as_bytes()));
    }
    Ok(out.streaming(body.into_data_stream()))
}
