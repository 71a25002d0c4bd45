//! POST /job-drafts/batch: one Indeed feed or a JSON array of create bodies, read and answered as
//! a stream — memory is bounded by one job, not by the feed — with one result per job.

use std::collections::VecDeque;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use jobdraft_parsers::Format;
use serde_json::{json, Value};

use super::auth::Auth;
use super::body::{self, BodyKind};
use super::create::{import_error, key_reused};
use super::drafts::profile_of;
use super::error::ApiError;
use super::AppState;
use crate::domain::batch::{BatchKind, Piece, Splitter};
use crate::domain::create::{parse_create_body, Payload};
use crate::domain::{CreateRequest, Draft, Links, Report};
use crate::import::{prepare_draft, store_draft, KeyPolicy};
use crate::store::jobs::Inserted;

/// Counts for the closing summary.
#[derive(Default)]
struct Tally {
    total: usize,
    created: usize,
    replayed: usize,
    failed: usize,
}

struct Batch {
    state: web::Data<AppState>,
    account_id: String,
    profile: String,
    full_reports: bool,
    kind: BatchKind,
    payload: Option<web::Payload>,
    splitter: Splitter,
    queue: VecDeque<Piece>,
    tally: Tally,
    started: bool,
    finished: bool,
    /// The longest pause allowed between two parts of the body.
    pause_limit: std::time::Duration,
    /// When the body started and how much of it has arrived, for the minimum rate.
    since: std::time::Instant,
    received: usize,
}

/// The slowest average rate a batch body may arrive at, once its first pause limit has passed.
const MIN_BATCH_BYTES_PER_SEC: f64 = 1024.0;

fn error_entry(e: &ApiError) -> Value {
    json!({"error": e.message, "code": e.code.as_str(), "details": e.details})
}

impl Batch {
    /// The create request a piece describes.
    fn request_for(&self, piece: &str) -> Result<CreateRequest, ApiError> {
        match self.kind {
            BatchKind::IndeedFeed => Ok(CreateRequest {
                format: Format::IndeedXml,
                payload: Payload::Text(piece.to_string()),
                external_id: None,
                idempotency_key: None,
                profile: None,
                warnings: Vec::new(),
            }),
            BatchKind::JsonArray => {
                let value = body::json(piece.as_bytes())?;
                parse_create_body(&value)
                    .map_err(|e| ApiError::bad_request(e.message()).with_details(e.details()))
            }
        }
    }

    fn report_entry(&self, draft: &Draft, status: u16) -> Value {
        let base = self.state.public_base();
        let profile = self.state.catalog.profile(&draft.profile);
        let report = profile.map(|p| {
            Report::build(
                draft,
                &self.state.catalog,
                p,
                Some(Links { public_url: &base }),
                self.state.today(),
                &[],
            )
        });
        let mut entry =
            json!({"status": status, "jobId": draft.id, "externalId": draft.import.external_id});
        match report {
            Some(r) if self.full_reports => {
                entry["report"] = serde_json::to_value(&r).unwrap_or(Value::Null)
            }
            Some(r) => {
                entry["publishReady"] = json!(r.validation.publish_ready);
                entry["missingFields"] = json!(r.validation.missing_fields);
            }
            None => {}
        }
        entry
    }

    /// Creates the draft of one piece and returns its result entry.
    async fn process(&mut self, piece: Piece) -> Value {
        let index = self.tally.total;
        self.tally.total += 1;
        let entry = match piece {
            Piece::Fatal(message) => {
                self.tally.failed += 1;
                json!({"status": 400, "error": message, "code": "BAD_REQUEST", "details": {"reason": "invalid_batch"}})
            }
            Piece::Job(text) => match self.create(&text).await {
                Ok(Inserted::Created(d)) => {
                    self.tally.created += 1;
                    self.report_entry(&d, 201)
                }
                Ok(Inserted::Replayed(d)) => {
                    self.tally.replayed += 1;
                    self.report_entry(&d, 200)
                }
                Ok(Inserted::KeyReused(d)) => {
                    self.tally.failed += 1;
                    let mut e = error_entry(&key_reused(&d));
                    e["status"] = json!(409);
                    e
                }
                Err(e) => {
                    self.tally.failed += 1;
                    let mut entry = error_entry(&e);
                    entry["status"] = json!(e.code.status().as_u16());
                    entry
                }
            },
        };
        let mut entry = entry;
        entry["index"] = json!(index);
        entry
    }

    async fn create(&self, text: &str) -> Result<Inserted, ApiError> {
        let request = self.request_for(text)?;
        let profile = request
            .profile
            .clone()
            .unwrap_or_else(|| self.profile.clone());
        profile_of(&self.state, &profile)?;
        let limits = self.state.config.limits();
        let account_id = self.account_id.clone();
        // Parsing is CPU work: on the blocking pool, off the async workers.
        let prepared = self
            .state
            .blocking(move || {
                prepare_draft(
                    &account_id,
                    &request,
                    &profile,
                    &limits,
                    KeyPolicy::FromExternalId,
                )
            })
            .await?
            .map_err(import_error)?;
        self.state
            .db_write(move |conn| Ok(store_draft(conn, prepared)?))
            .await
    }

    /// Why the body is arriving too slowly to keep reading (a trickle holding the connection).
    fn too_slow(&self) -> Option<String> {
        let elapsed = self.since.elapsed();
        let rate = self.received as f64 / elapsed.as_secs_f64().max(0.001);
        (elapsed > self.pause_limit && rate < MIN_BATCH_BYTES_PER_SEC).then(|| {
            format!(
                "the request body arrives at {rate:.0} bytes/s; at least {MIN_BATCH_BYTES_PER_SEC} are required"
            )
        })
    }

    /// The next chunk of the response body, or `None` at the end.
    async fn next_chunk(&mut self) -> Option<web::Bytes> {
        if !self.started {
            self.started = true;
            return Some(web::Bytes::from_static(b"{\"results\":[\n"));
        }
        loop {
            if let Some(piece) = self.queue.pop_front() {
                let entry = self.process(piece).await;
                let sep = if self.tally.total > 1 { ",\n" } else { "" };
                return Some(web::Bytes::from(format!("{sep}{entry}")));
            }
            if self.finished {
                return None;
            }
            let pause = self.pause_limit;
            match self.payload.as_mut() {
                // A feed may take long to stream, but not stall: the longest pause between two
                // parts of the body is the body timeout.
                Some(payload) => match tokio::time::timeout(pause, payload.next())
                    .await
                    .unwrap_or_else(|_| {
                        Some(Err(actix_web::error::PayloadError::Io(
                            std::io::Error::new(
                                std::io::ErrorKind::TimedOut,
                                format!("no data for {} seconds", pause.as_secs()),
                            ),
                        )))
                    }) {
                    Some(Ok(chunk)) => {
                        self.received += chunk.len();
                        self.queue.extend(self.splitter.push(&chunk));
                        if let Some(message) = self.too_slow() {
                            self.payload = None;
                            self.queue.push_back(Piece::Fatal(message));
                        }
                    }
                    Some(Err(e)) => {
                        self.payload = None;
                        self.queue.push_back(Piece::Fatal(format!(
                            "the request body could not be read: {e}"
                        )));
                    }
                    None => {
                        self.payload = None;
                        self.queue.extend(self.splitter.finish());
                    }
                },
                None => {
                    self.finished = true;
                    let t = &self.tally;
                    let summary = json!({"total": t.total, "created": t.created, "replayed": t.replayed, "failed": t.failed});
                    return Some(web::Bytes::from(format!("\n],\"summary\":{summary}}}\n")));
                }
            }
        }
    }
}

/// POST /job-drafts/batch
pub async fn create_job_draft_batch(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let kind = match body::body_kind(&req, &[BodyKind::Json, BodyKind::Xml])? {
        BodyKind::Xml => BatchKind::IndeedFeed,
        _ => BatchKind::JsonArray,
    };
    let query =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .map(|q| q.into_inner())
            .unwrap_or_default();
    let profile = query
        .get("profile")
        .cloned()
        .unwrap_or_else(|| state.config.profile.clone());
    profile_of(&state, &profile)?;
    let full_reports = query.get("reports").map(|v| v != "false").unwrap_or(true);
    let max_item = state.config.max_body_bytes;
    let batch = Batch {
        state: state.clone(),
        account_id: auth.account.id.clone(),
        profile,
        full_reports,
        kind,
        payload: Some(payload),
        splitter: Splitter::new(kind, max_item),
        queue: VecDeque::new(),
        tally: Tally::default(),
        started: false,
        finished: false,
        pause_limit: body::body_deadline(&req),
        since: std::time::Instant::now(),
        received: 0,
    };
    let stream = futures_util::stream::unfold(batch, |mut batch| async move {
        batch
            .next_chunk()
            .await
            .map(|chunk| (Ok::<_, actix_web::Error>(chunk), batch))
    });
    let mut res = HttpResponse::Ok().streaming(stream);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(res)
}
