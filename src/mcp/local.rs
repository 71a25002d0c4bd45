//! `/mcp`'s way into the API: the actix application itself, running in-process on a thread of
//! its own. A tool call becomes a request to the same routes, middleware, extractors and handlers
//! a network client reaches — without a socket, and without a second copy of any rule.
//!
//! Why a thread: actix services are single-threaded (`!Send`), while rmcp runs tool calls as
//! `Send` tokio tasks; the thread owns the service and answers calls sent over a channel.

use std::rc::Rc;

use actix_web::dev::Service;
use actix_web::http::header;
use actix_web::test::TestRequest;
use tokio::sync::{mpsc, oneshot};

use super::api::{Api, ApiCall, ApiFuture, ApiReply};
use crate::http::AppState;

struct Job {
    call: ApiCall,
    reply: oneshot::Sender<ApiReply>,
}

/// The API, answered in-process.
pub struct LocalApi {
    jobs: mpsc::UnboundedSender<Job>,
}

impl LocalApi {
    /// Starts the thread that serves `state`'s application to MCP tool calls.
    pub fn start(state: AppState) -> std::io::Result<LocalApi> {
        let (jobs, mut inbox) = mpsc::unbounded_channel::<Job>();
        std::thread::Builder::new()
            .name("jobdraft-mcp-api".into())
            .spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    // `init_service` builds the application as a server worker would; it only
                    // fails for async data factories, which the application has none of.
                    let service =
                        Rc::new(actix_web::test::init_service(crate::http::app(state, None)).await);
                    while let Some(job) = inbox.recv().await {
                        let service = service.clone();
                        actix_web::rt::spawn(async move {
                            let reply = dispatch(service.as_ref(), job.call).await;
                            let _ = job.reply.send(reply);
                        });
                    }
                })
            })?;
        Ok(LocalApi { jobs })
    }
}

/// One call through the application. `TestRequest` is actix's public way to build a request
/// without a connection (it is what `actix_web::test` helpers use too).
async fn dispatch<S, B>(service: &S, call: ApiCall) -> ApiReply
where
    S: Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody + 'static,
{
    let method = match actix_web::http::Method::from_bytes(call.method.as_bytes()) {
        Ok(m) => m,
        Err(_) => return ApiReply::unreachable("Unknown method."),
    };
    let mut request = TestRequest::default().method(method).uri(&call.path);
    if let Some(token) = &call.token {
        request = request.insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
    }
    if let Some(key) = &call.idempotency_key {
        request = request.insert_header(("Idempotency-Key", key.as_str()));
    }
    if let Some(peer) = call.peer {
        request = request.peer_addr(peer);
    }
    if let Some(body) = &call.body {
        request = request
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(body.to_string());
    }
    let response = match service.call(request.to_request()).await {
        Ok(r) => r.map_into_boxed_body().into_parts().1,
        // What actix's server would answer for an error the middleware passed on.
        Err(e) => e.error_response(),
    };
    let status = response.status().as_u16();
    let bytes = actix_web::body::to_bytes(response.into_body())
        .await
        .unwrap_or_default();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned())
    });
    ApiReply { status, body }
}

impl Api for LocalApi {
    fn send(&self, call: ApiCall) -> ApiFuture {
        let (reply, answer) = oneshot::channel();
        let sent = self.jobs.send(Job { call, reply });
        Box::pin(async move {
            if sent.is_err() {
                return ApiReply::unreachable("The in-process API has stopped.");
            }
            answer
                .await
                .unwrap_or_else(|_| ApiReply::unreachable("The in-process API dropped the call."))
        })
    }
}
