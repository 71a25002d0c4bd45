//! `POST /job-drafts`: a draft from any accepted format, in one blocking task per request.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use jobdraft_parsers::{detect, Format};
use serde_json::json;

use super::auth::{Auth, Bearer};
use super::body::{self, BodyKind};
use super::drafts::{header_str, profile_of, ReportBody};
use super::error::ApiError;
use super::AppState;
use crate::domain::create::{parse_create_body, Payload, MAX_KEY_CHARS};
use crate::domain::{CreateRequest, Draft};
use crate::import::{prepare_draft, store_draft, ImportError, KeyPolicy};
use crate::store::jobs::Inserted;

const CREATE_KINDS: &[BodyKind] = &[
    BodyKind::Json,
    BodyKind::Text,
    BodyKind::JsonLd,
    BodyKind::Html,
    BodyKind::Xml,
];

/// Reads the create request from a JSON body of any shape, or a raw document; `query` is the
/// request's query string (`externalId`, `profile` for raw documents).
fn create_request(
    header_key: Option<String>,
    query: &str,
    bytes: &[u8],
    kind: BodyKind,
) -> Result<CreateRequest, ApiError> {
    if header_key
        .as_ref()
        .is_some_and(|k| k.chars().count() > MAX_KEY_CHARS)
    {
        return Err(ApiError::bad_request(format!(
            "Idempotency-Key is longer than {MAX_KEY_CHARS} characters."
        ))
        .with_details(json!({"field": "Idempotency-Key", "maxLength": MAX_KEY_CHARS})));
    }
    let mut request = match kind {
        BodyKind::Json => {
            let value = body::json(bytes)?;
            parse_create_body(&value)
                .map_err(|e| ApiError::bad_request(e.message()).with_details(e.details()))?
        }
        _ => {
            let text = body::utf8(bytes)?;
            if text.trim().is_empty() {
                return Err(ApiError::bad_request("The request body is empty."));
            }
            let format = match kind {
                BodyKind::Text => Format::Text,
                BodyKind::JsonLd | BodyKind::Html => Format::SchemaOrg,
                _ => match detect(text) {
                    f @ (Format::IndeedXml | Format::HrXml) => f,
                    _ => Format::HrXml,
                },
            };
            let query = web::Query::<std::collections::HashMap<String, String>>::from_query(query)
                .map(|q| q.into_inner())
                .unwrap_or_default();
            CreateRequest {
                format,
                payload: Payload::Text(text.to_string()),
                external_id: query.get("externalId").cloned().filter(|s| !s.is_empty()),
                idempotency_key: None,
                profile: query.get("profile").cloned().filter(|s| !s.is_empty()),
                warnings: Vec::new(),
            }
        }
    };
    match (&request.idempotency_key, header_key) {
        (Some(body_key), Some(h)) if *body_key != h => {
            return Err(ApiError::bad_request(
                "idempotencyKey in the body and the Idempotency-Key header differ.",
            )
            .with_details(json!({"reason": "idempotency_key_mismatch"})))
        }
        (None, Some(h)) => request.idempotency_key = Some(h),
        _ => {}
    }
    Ok(request)
}

/// The answer for a draft that could not be created.
pub(super) fn import_error(e: ImportError) -> ApiError {
    match e {
        ImportError::Parse(e) => ApiError::bad_request(format!("The document is not valid {}: {}", e.format, e.message))
            .with_details(json!({"reason": "invalid_document", "format": e.format.name(), "location": e.location})),
        ImportError::TooLong(e) => ApiError::bad_request(e.message()).with_details(
            json!({"reason": "description_too_long", "field": e.field, "length": e.length, "maxLength": e.max_length}),
        ),
        ImportError::Store(e) => e.into(),
    }
}

pub(super) fn key_reused(existing: &Draft) -> ApiError {
    ApiError::conflict(
        "This idempotency key was already used with a different request.",
        json!({"reason": "idempotency_key_reused", "jobId": existing.id}),
    )
}

/// POST /job-drafts
///
/// Everything after reading the body (the token lookup, parsing, the insert, the report) runs
/// in one blocking task: each hand-off to the blocking pool costs thread wake-ups, and a create
/// used to make four. Refusals keep their order: token, scope, media type, body, request.
pub async fn create_job_draft(
    state: web::Data<AppState>,
    bearer: Bearer,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let kind = body::body_kind(&req, CREATE_KINDS);
    let bytes = match kind {
        Ok(_) => Some(body::read_body(&req, payload, state.config.max_body_bytes).await),
        Err(_) => None,
    };
    let header_key = header_str(&req, "Idempotency-Key");
    let query = req.query_string().to_owned();
    let task_state = state.clone();
    let created = state
        .blocking(move || {
            let state = task_state;
            let auth = {
                let mut conn = state.store.conn()?;
                bearer.authenticate(&mut conn, state.config.clock.now_ms())?
            };
            auth.require("jobs:write")?;
            let kind = kind?;
            let bytes = bytes.unwrap_or_else(|| Ok(web::Bytes::new()))?;
            let request = create_request(header_key?, &query, &bytes, kind)?;
            create_draft(&state, &auth, request)
        })
        .await??;
    let (status, replayed) = match &created.outcome {
        Outcome::Created => (StatusCode::CREATED, false),
        Outcome::Replayed => (StatusCode::OK, true),
    };
    let location = format!("/api/public/v1/job-drafts/{}", created.id);
    let mut res = created.report.respond(status);
    if replayed {
        res.headers_mut().insert(
            header::HeaderName::from_static("idempotent-replayed"),
            HeaderValue::from_static("true"),
        );
    } else if let Ok(loc) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, loc);
    }
    Ok(res)
}

/// Whether a create made a draft or answered with the one its idempotency key made.
enum Outcome {
    Created,
    Replayed,
}

/// A stored (or replayed) draft's report, ready to send.
struct CreatedDraft {
    id: String,
    outcome: Outcome,
    report: ReportBody,
}

/// The blocking body of a create: checks, parse, the (group-committed) insert, the report.
fn create_draft(
    state: &AppState,
    auth: &Auth,
    request: CreateRequest,
) -> Result<CreatedDraft, ApiError> {
    let profile_name = request
        .profile
        .clone()
        .unwrap_or_else(|| state.config.profile.clone());
    profile_of(state, &profile_name)?;
    if let Payload::Text(text) = &request.payload {
        let max = state.config.max_text_chars;
        if request.format == Format::Text && text.chars().count() > max {
            return Err(ApiError::bad_request(format!(
                "The description is longer than {max} characters."
            ))
            .with_details(
                json!({"reason": "description_too_long", "field": "rawJobDescription", "maxLength": max}),
            ));
        }
    }
    let prepared = prepare_draft(
        &auth.account.id,
        &request,
        &profile_name,
        &state.config.limits(),
        KeyPolicy::ExplicitOnly,
    )
    .map_err(import_error)?;
    let inserted = state
        .store
        .write_grouped(move |conn| store_draft(conn, prepared))?;
    let (draft, outcome) = match inserted {
        Inserted::Created(draft) => (draft, Outcome::Created),
        Inserted::Replayed(draft) => (draft, Outcome::Replayed),
        Inserted::KeyReused(draft) => return Err(key_reused(&draft)),
    };
    let report = ReportBody::build(state, &draft, &[], false)?;
    Ok(CreatedDraft {
        id: draft.id,
        outcome,
        report,
    })
}
