//! `/job-drafts/{id}`: a draft's report (also the answer of every create) and its PATCH.

use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::auth::Auth;
use super::body;
use super::error::{ApiError, ErrorCode};
use super::AppState;
use crate::actions::{edit, Refusal};
use crate::catalog::Profile;
use crate::domain::{Draft, Links, PatchProblem, Report};
use crate::store::jobs;

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
    let task_state = state.clone();
    let report = state
        .blocking(move || ReportBody::build(&task_state, &draft, &extra_warnings, source_text))
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
    pub(super) fn build(
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

    pub(super) fn respond(self, status: StatusCode) -> HttpResponse {
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

pub(super) fn header_str(req: &HttpRequest, name: &str) -> Result<Option<String>, ApiError> {
    match req.headers().get(name) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
            .map_err(|_| ApiError::bad_request(format!("The {name} header is not readable text."))),
    }
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
