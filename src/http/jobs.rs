//! `/jobs/{id}/publish`: the publish-ready gate, moderation (BLOCK → 403, REVIEW → the human
//! review queue), and the per-account publish quota, counted in the database.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde_json::json;

use super::auth::Auth;
use super::drafts::refused;
use super::error::ApiError;
use super::lifecycle::{
    action_policy, job_url, moderation_json, moderation_rules, rate_limited, throttle_token,
};
use super::AppState;
pub(super) use crate::actions::publish::Published;
use crate::actions::publish::{publish, Quota};
use crate::actions::Refusal;
use crate::domain::moderation::Outcome;
use crate::domain::{JobStatus, Report};
use crate::store::now_ms;

/// POST /jobs/{id}/publish
pub async fn publish_job(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let Published {
        job: draft,
        already,
        outcome,
    } = publish_account_draft(
        &state,
        auth.account.id.clone(),
        auth.account.claimed,
        path.into_inner(),
    )
    .await?;
    let pending = draft.status == JobStatus::PendingApproval;
    let status = if pending {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(json!({
        "ok": true,
        "jobId": draft.id,
        "status": draft.status.as_str(),
        "alreadyPublished": already,
        "jobUrl": job_url(&state, &draft),
        "publishAttemptId": null,
        "moderation": moderation_json(&outcome),
        "review": if pending { json!({"status": "PENDING", "message": "A moderator must approve this job before it is listed."}) } else { json!(null) },
        "warnings": [],
        "sideEffects": {"dispatched": false, "status": "none"},
    })))
}

/// `details.validation` of a refused publish at OpenTrain's depth: `publishReady`,
/// `missingFields` (the full entries) and `issues` directly inside; the whole report is in
/// `details.report`.
fn refused_validation(report: &Report) -> serde_json::Value {
    let v = &report.validation;
    json!({
        "publishReady": v.publish_ready,
        "issueCount": v.issue_count,
        "missingFieldCount": v.missing_field_count,
        "missingFields": report.missing_fields,
        "issues": v.issues,
    })
}

fn blocked(id: &str, outcome: &Outcome) -> ApiError {
    ApiError::new(
        super::error::ErrorCode::Forbidden,
        "Moderation blocked this job; it stays a draft. See details.reasons.",
    )
    .with_details(json!({"jobId": id, "reason": "moderation_blocked", "reasons": outcome.reasons}))
}

/// Publishes `account`'s draft `id` under every publish rule: publish-ready, moderation (BLOCK
/// refuses, REVIEW queues) and the account's publish quota. The API's publish and the draft
/// page's Publish both run this.
pub(super) async fn publish_account_draft(
    state: &AppState,
    account: String,
    claimed: bool,
    id: String,
) -> Result<Published, ApiError> {
    let rules = moderation_rules(state)?;
    let st = state.clone();
    // Claimed accounts publish more than unclaimed (self-registered or issued) ones.
    let (limit, window_hours) = (
        state.config.publish_quota_for(claimed).max(0),
        state.config.publish_window_hours.max(1),
    );
    let window_ms = window_hours * 3_600_000;
    let quota = Quota { limit, window_ms };
    let published = state
        .db_write(move |conn| {
            let base = st.public_base();
            let policy = action_policy(&st, &rules, &base);
            publish(conn, &account, &id, &policy, quota).map_err(|refusal| match refusal {
                Refusal::WrongStatus { job, .. } => ApiError::conflict(
                    format!("Job {} is {}; only drafts can be published.", job.id, job.status.as_str()),
                    json!({"jobId": job.id, "status": job.status.as_str(), "requiredStatus": "DRAFT"}),
                ),
                Refusal::NotReady(report) => ApiError::bad_request(format!(
                    "The draft is not ready to publish: {} missing field(s), {} issue(s).",
                    report.validation.missing_field_count, report.validation.issue_count
                ))
                .with_details(json!({"reason": "not_publish_ready", "validation": refused_validation(&report), "report": report})),
                Refusal::Blocked(outcome) => blocked(&id, &outcome),
                Refusal::Quota(window) => {
                    let now = now_ms();
                    let mut e = rate_limited(
                        format!("Publish quota reached: {limit} publishes per {window_hours} hours per account."),
                        &window,
                        window_hours * 3600,
                        now,
                    );
                    e.details = json!({"reason": "publish_quota", "limit": limit, "windowHours": window_hours,
                                       "retryAfterSeconds": window.reset_secs(now)});
                    e
                }
                other => refused(other),
            })
        })
        .await?;
    Ok(published)
}
