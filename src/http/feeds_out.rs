//! Feeds out: `/feeds/indeed.xml` (an Indeed XML feed) and `/feeds/jobs.jsonld` (a JSON-LD array
//! of schema.org JobPostings) of the open, listed jobs — streamed page by page (keyset over the
//! listing, so memory does not grow with the board), written by the parsers crate's exporters
//! (the inverse of its import mappings), with `ETag` / `Last-Modified` answered by 304.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::stream;
use jobdraft_parsers::indeed::export::{feed_head, job_xml, JobMeta, FEED_TAIL};
use jobdraft_parsers::schema_org::export::{posting, PostingMeta};

use super::error::ApiError;
use super::{iso, AppState};
use crate::domain::Draft;
use crate::store::now_ms;
use crate::store::open_jobs::{self, ListingVersion};

/// Jobs read per database round trip.
const PAGE: i64 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FeedKind {
    Indeed,
    JsonLd,
}

impl FeedKind {
    fn tag(self) -> &'static str {
        match self {
            FeedKind::Indeed => "indeed",
            FeedKind::JsonLd => "jsonld",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            FeedKind::Indeed => "application/xml; charset=utf-8",
            FeedKind::JsonLd => "application/ld+json; charset=utf-8",
        }
    }
}

/// GET /feeds/indeed.xml
pub async fn get_indeed_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    feed(state, req, FeedKind::Indeed).await
}

/// GET /feeds/jobs.jsonld
pub async fn get_jsonld_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    feed(state, req, FeedKind::JsonLd).await
}

/// The strong validator of a feed at a listing version.
fn etag(kind: FeedKind, v: &ListingVersion) -> String {
    format!(
        "\"{}-{}-{}\"",
        kind.tag(),
        v.listed,
        v.last_event_id.as_deref().unwrap_or("0")
    )
}

/// An HTTP-date (RFC 9110 IMF-fixdate) for Unix ms.
fn http_date(ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
}

/// Whether the client's copy is current: `If-None-Match` decides when present (RFC 9110
/// §13.2.2), else `If-Modified-Since` at one-second resolution.
fn not_modified(req: &HttpRequest, tag: &str, changed_at: Option<i64>) -> bool {
    let header_text =
        |name: header::HeaderName| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(list) = header_text(header::IF_NONE_MATCH) {
        return list
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == tag);
    }
    match (header_text(header::IF_MODIFIED_SINCE), changed_at) {
        (Some(since), Some(at)) => chrono::DateTime::parse_from_rfc2822(since)
            .map(|since| at / 1000 <= since.timestamp())
            .unwrap_or(false),
        _ => false,
    }
}

async fn feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    kind: FeedKind,
) -> Result<HttpResponse, ApiError> {
    let now = now_ms();
    let version = state
        .db(move |conn| Ok(open_jobs::version(conn, now)?))
        .await?;
    let tag = etag(kind, &version);
    let last_modified = version.last_change_at.and_then(http_date);
    let fresh = not_modified(&req, &tag, version.last_change_at);
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response.insert_header((header::ETAG, tag.clone()));
    response.insert_header((header::CACHE_CONTROL, "public, max-age=60"));
    if let Some(date) = &last_modified {
        response.insert_header((header::LAST_MODIFIED, date.clone()));
    }
    if fresh {
        return Ok(response.finish());
    }
    let base = state.public_base();
    let head = match kind {
        FeedKind::Indeed => feed_head("jobdraft", &base, &iso(now)),
        FeedKind::JsonLd => "[\n".to_string(),
    };
    let body = stream::unfold(Cursor::Head(head), move |cursor| {
        let state = state.clone();
        async move { next_chunk(&state, kind, cursor, now).await }
    });
    Ok(response.content_type(kind.content_type()).streaming(body))
}

/// Where the stream is.
enum Cursor {
    Head(String),
    /// After the listing id (`None`: from the start); `first` while nothing was written yet.
    Jobs {
        after: Option<String>,
        first: bool,
    },
    Done,
}

type Chunk = Result<Bytes, actix_web::Error>;

async fn next_chunk(
    state: &AppState,
    kind: FeedKind,
    cursor: Cursor,
    now: i64,
) -> Option<(Chunk, Cursor)> {
    match cursor {
        Cursor::Head(head) => Some((
            Ok(Bytes::from(head)),
            Cursor::Jobs {
                after: None,
                first: true,
            },
        )),
        Cursor::Done => None,
        Cursor::Jobs { after, first } => {
            let from = after.clone();
            let page = state
                .db(move |conn| Ok(open_jobs::page(conn, from.as_deref(), PAGE, now)?))
                .await;
            let page = match page {
                Ok(p) => p,
                Err(e) => {
                    tracing::warn!("feed export stopped: {}", e.message);
                    let error =
                        actix_web::error::ErrorInternalServerError("the feed could not be read");
                    return Some((Err(error), Cursor::Done));
                }
            };
            let Some(last) = page.last_id else {
                let tail = match kind {
                    FeedKind::Indeed => FEED_TAIL,
                    FeedKind::JsonLd => "]\n",
                };
                return Some((Ok(Bytes::from_static(tail.as_bytes())), Cursor::Done));
            };
            let mut out = String::new();
            let mut first = first;
            for job in &page.jobs {
                write_job(&mut out, kind, job, first);
                first = false;
            }
            Some((
                Ok(Bytes::from(out)),
                Cursor::Jobs {
                    after: Some(last),
                    first,
                },
            ))
        }
    }
}

fn write_job(out: &mut String, kind: FeedKind, job: &Draft, first: bool) {
    let date = iso(job.published_at.unwrap_or(job.created_at));
    // The job's own id: stable, and unique across accounts (two accounts' imports may share an
    // external id, and Indeed requires one referencenumber per job).
    let reference = job.id.as_str();
    match kind {
        FeedKind::Indeed => out.push_str(&job_xml(
            &job.fields,
            JobMeta {
                reference,
                date: &date,
            },
        )),
        FeedKind::JsonLd => {
            if !first {
                out.push_str(",\n");
            }
            out.push_str(
                &posting(
                    &job.fields,
                    PostingMeta {
                        identifier: reference,
                        date_posted: &date,
                    },
                )
                .to_string(),
            );
        }
    }
}
