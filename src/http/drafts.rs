//! `/job-drafts`: create a draft from any accepted format, read its report, PATCH it.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use jobdraft_parsers::{detect, Format};
use serde_json::json;

use super::auth::{Auth, Bearer};
use super::body::{self, BodyKind};
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::actions::{edit, Refusal};
use crate::catalog::Profile;
use crate::domain::create::{parse_create_body, Payload, MAX_KEY_CHARS};
use crate::domain::{CreateRequest, Draft, Links, PatchProblem, Report};
use crate::import::{prepare_draft, store_draft, ImportError, KeyPolicy};
use crate::store::jobs::{self, Inserted};

const CREATE_KINDS: &[BodyKind] = &[
    BodyKind::Json,
    BodyKind::Text,
    BodyKind::JsonLd,
    BodyKind::Html,
    BodyKind::Xml,
];

/// The report of `draft` as a response, with its `ETag`. Building and serializing the report
/// (validation, sanitizing descriptions) is CPU work: it runs on the blocking pool, not on the
/// async workers that also answer every other connection.
pub(super) async fn report_response(
    state: &AppState,
    draft: Draft,
    status: StatusCode,
    extra_warnings: Vec<String>,
) -> Result<HttpResponse, ApiError> {
    report_response_with(state, draft, status, extra_warnings, false).await
}

/// [`report_response`], with the text evidence points into when `source_text` is asked for.
async fn report_response_with(
    state: &AppState,
    draft: Draft,
    status: StatusCode,
    extra_warnings: Vec<String>,
    source_text: bool,
) -> Result<HttpResponse, ApiError> {
    let state = state.clone();
    let report =
        super::blocking(move || ReportBody::build(&state, &draft, &extra_warnings, source_text))
            .await??;
    Ok(report.respond(status))
}

/// A draft's report, serialized, with the `ETag` it answers with.
pub(super) struct ReportBody {
    etag: String,
    json: Vec<u8>,
}

impl ReportBody {
    /// Validates `draft` and serializes its report (blocking: CPU work).
    fn build(
        state: &AppState,
        draft: &Draft,
        extra_warnings: &[String],
        source_text: bool,
    ) -> Result<ReportBody, ApiError> {
        let profile = profile_of(state, &draft.profile)?;
        let base = state.public_base();
        let mut report = Report::build(
            draft,
            &state.catalog,
            profile,
            Some(Links { public_url: &base }),
            state.today(),
            extra_warnings,
        );
        if source_text {
            report.source_text = Some(draft.source_text.clone().unwrap_or_default());
        }
        let json = serde_json::to_vec(&report).map_err(|e| ApiError::internal(&e))?;
        Ok(ReportBody {
            etag: draft.etag(),
            json,
        })
    }

    fn respond(self, status: StatusCode) -> HttpResponse {
        HttpResponse::build(status)
            .insert_header((header::ETAG, self.etag))
            .content_type("application/json")
            .body(self.json)
    }
}

pub(super) fn profile_of<'a>(state: &'a AppState, name: &str) -> Result<&'a Profile, ApiError> {
    state.catalog.profile(name).ok_or_else(|| {
        ApiError::bad_request(format!("Unknown profile {name:?}.")).with_details(
            json!({"profile": name, "supportedProfiles": state.catalog.profile_names()}),
        )
    })
}

fn header_str(req: &HttpRequest, name: &str) -> Result<Option<String>, ApiError> {
    match req.headers().get(name) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
            .map_err(|_| ApiError::bad_request(format!("The {name} header is not readable text."))),
    }
}

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
    let created = super::blocking(move || {
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

/// `?include=a,b`: optional parts of the GET report.
#[derive(serde::Deserialize)]
pub struct Include {
    include: Option<String>,
}

impl Include {
    fn has(&self, part: &str) -> bool {
        self.include
            .as_deref()
            .is_some_and(|list| list.split(',').any(|p| p.trim() == part))
    }
}

/// GET /job-drafts/{id}[?include=sourceText]
pub async fn get_job_draft(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
    include: web::Query<Include>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:read")?;
    let id = path.into_inner();
    let account = auth.account.id.clone();
    let draft = state
        .db(move |conn| jobs::find_owned(conn, &account, &id).map_err(not_found_job))
        .await?;
    let source_text = include.has("sourceText");
    report_response_with(&state, draft, StatusCode::OK, Vec::new(), source_text).await
}

/// Maps a missing row to the job 404 (also for other accounts' jobs).
pub(super) fn not_found_job(e: crate::store::StoreError) -> ApiError {
    match e {
        crate::store::StoreError::NotFound => ApiError::not_found("Job"),
        other => other.into(),
    }
}

/// The 400 for a PATCH whose keys cannot all be applied.
pub(super) fn invalid_update(problems: Vec<PatchProblem>) -> ApiError {
    ApiError::bad_request(format!(
        "{} key(s) cannot be applied; nothing was changed.",
        problems.len()
    ))
    .with_details(json!({"reason": "invalid_update", "issues": problems}))
}

/// The `If-Match` precondition, if the client sent one.
pub(super) fn if_match(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    header_str(req, "If-Match")
}

/// The answer to a refused draft PATCH.
fn draft_patch_refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::PreconditionFailed { current } => {
            let details = match current {
                Some(tag) => json!({"reason": "etag_mismatch", "currentETag": tag}),
                None => json!({"reason": "etag_mismatch"}),
            };
            ApiError::new(ErrorCode::PreconditionFailed, "The draft changed since that ETag.")
                .with_details(details)
        }
        Refusal::WrongStatus { job, .. } => ApiError::conflict(
            format!("Job {} is {}; only drafts are edited here. Edit live jobs with PATCH /api/public/v1/jobs/{}.", job.id, job.status.as_str(), job.id),
            json!({"jobId": job.id, "status": job.status.as_str(), "requiredStatus": "DRAFT"}),
        ),
        Refusal::Invalid(problems) => invalid_update(problems),
        other => refused(other),
    }
}

/// The answers every action gives the same way: a missing job, a busy job, a store failure.
pub(super) fn refused(refusal: Refusal) -> ApiError {
    match refusal {
        Refusal::NotFound => ApiError::not_found("Job"),
        Refusal::Busy => ApiError::conflict(
            "The job is being changed by other requests; retry.",
            json!({"reason": "concurrent_update"}),
        ),
        Refusal::Store(e) => e.into(),
        Refusal::UnknownProfile(name) => {
            ApiError::bad_request(format!("Unknown profile {name:?}."))
                .with_details(json!({"profile": name}))
        }
        Refusal::Invalid(problems) => invalid_update(problems),
        other => ApiError::internal(&other),
    }
}

/// PATCH /job-drafts/{id}
pub async fn update_job_draft(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let patch = body::json_body(&req, payload, state.config.max_body_bytes).await?;
    let precondition = if_match(&req)?;
    let (draft, warnings) = patch_account_draft(
        &state,
        auth.account.id.clone(),
        path.into_inner(),
        patch,
        precondition,
    )
    .await?;
    report_response(&state, draft, StatusCode::OK, warnings).await
}

/// The draft PATCH (DESIGN.md §4) of `account`'s draft `id`, all-or-nothing, optionally
/// conditional on an `ETag`. The API's PATCH and the draft page's Save both run this.
pub(super) async fn patch_account_draft(
    state: &AppState,
    account: String,
    id: String,
    patch: serde_json::Value,
    precondition: Option<String>,
) -> Result<(Draft, Vec<String>), ApiError> {
    let catalog = state.catalog.clone();
    state
        .db_write(move |conn| {
            edit::patch_draft_job(
                conn,
                &account,
                &id,
                &patch,
                &catalog,
                precondition.as_deref(),
            )
            .map_err(draft_patch_refused)
        })
        .await
}
