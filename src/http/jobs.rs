//! `/jobs/{id}/…`: the lifecycle after drafting — publishing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde_json::json;

use super::auth::Auth;
use super::drafts::{not_found_job, profile_of};
use super::error::ApiError;
use super::AppState;
use crate::domain::{JobStatus, Links, Report};
use crate::store::{jobs, now_ms};

/// POST /jobs/{id}/publish
pub async fn publish_job(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    let id = path.into_inner();
    let account = auth.account.id.clone();
    let st = state.clone();
    let (draft, already) = state
        .db_write(move |conn| {
            for _ in 0..5 {
                let current = jobs::find_owned(conn, &account, &id).map_err(not_found_job)?;
                match current.status {
                    JobStatus::Open => return Ok((current, true)),
                    JobStatus::Draft => {}
                    other => {
                        return Err(ApiError::conflict(
                            format!("Job {} is {}; only drafts can be published.", current.id, other.as_str()),
                            json!({"jobId": current.id, "status": other.as_str(), "requiredStatus": "DRAFT"}),
                        ))
                    }
                }
                let profile = profile_of(&st, &current.profile)?;
                let base = st.public_base();
                let report = Report::build(&current, &st.catalog, profile, Some(Links { public_url: &base }), st.today(), &[]);
                if !report.validation.publish_ready {
                    return Err(ApiError::bad_request(format!(
                        "The draft is not ready to publish: {} missing field(s), {} issue(s).",
                        report.validation.missing_field_count, report.validation.issue_count
                    ))
                    .with_details(json!({"reason": "not_publish_ready", "validation": report})));
                }
                let mut next = current.clone();
                let now = now_ms();
                next.status = JobStatus::Open;
                next.published_at = Some(now);
                next.updated_at = now;
                next.version += 1;
                if jobs::update(conn, &next, current.version)? {
                    return Ok((next, false));
                }
            }
            Err(ApiError::conflict("The job is being changed by other requests; retry.", json!({"reason": "concurrent_update"})))
        })
        .await?;
    let job_url = format!("{}/api/public/v1/jobs/{}", state.public_base(), draft.id);
    Ok(HttpResponse::build(StatusCode::OK).json(json!({
        "ok": true,
        "jobId": draft.id,
        "status": draft.status.as_str(),
        "alreadyPublished": already,
        "jobUrl": job_url,
        "publishAttemptId": null,
        "warnings": [],
        "sideEffects": {"dispatched": false, "status": "none"},
    })))
}
