//! `/jobs/{id}/publish`: the publish-ready gate, moderation (BLOCK → 403, REVIEW → the human
//! review queue), and the per-account publish quota, counted in the database.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use diesel::Connection;
use serde_json::json;

use super::auth::Auth;
use super::drafts::{not_found_job, profile_of};
use super::error::ApiError;
use super::lifecycle::{job_url, moderation_json, moderation_rules, rate_limited, throttle_token};
use super::AppState;
use crate::domain::moderation::{Decision, Outcome};
use crate::domain::{Draft, JobStatus, Links, Report};
use crate::store::lifecycle::{self, PUBLISHED};
use crate::store::{jobs, now_ms, quotas, StoreError};

/// Why a publish transaction was rolled back.
enum Abort {
    Store(StoreError),
    Quota(quotas::Window),
    Lost,
}

impl From<diesel::result::Error> for Abort {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Store(e.into())
    }
}

impl From<StoreError> for Abort {
    fn from(e: StoreError) -> Self {
        Abort::Store(e)
    }
}

/// POST /jobs/{id}/publish
pub async fn publish_job(
    state: web::Data<AppState>,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:write")?;
    throttle_token(&state, &auth).await?;
    let Published {
        draft,
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

/// What a publish came to: the job, whether it was published before, and moderation's verdict.
pub(super) struct Published {
    pub draft: Draft,
    pub already: bool,
    pub outcome: Outcome,
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
    let (draft, already, outcome) = state
        .db_write(move |conn| {
            for _ in 0..5 {
                let current = jobs::find_owned(conn, &account, &id).map_err(not_found_job)?;
                match current.status {
                    JobStatus::Open | JobStatus::PendingApproval => {
                        let outcome = rules.check(&current.fields);
                        return Ok((current, true, outcome));
                    }
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
                    .with_details(json!({"reason": "not_publish_ready", "validation": refused_validation(&report), "report": report})));
                }
                let outcome = rules.check(&current.fields);
                if outcome.decision == Decision::Block {
                    return Err(blocked(&current.id, &outcome));
                }
                let mut next = current.clone();
                let now = now_ms();
                next.updated_at = now;
                next.version += 1;
                if outcome.decision == Decision::Review {
                    next.status = JobStatus::PendingApproval;
                } else {
                    next.status = JobStatus::Open;
                    next.published_at = Some(now);
                }
                let reasons = serde_json::to_string(&outcome.reasons).map_err(|e| ApiError::internal(&e))?;
                let bucket = format!("publish:{}", current.account_id);
                let result = conn.transaction::<(), Abort, _>(|c| {
                    if limit > 0 {
                        let window = quotas::hit(c, &bucket, limit, window_ms, now)?;
                        if !window.allowed() {
                            return Err(Abort::Quota(window));
                        }
                    }
                    if !jobs::update(c, &next, current.version)? {
                        return Err(Abort::Lost);
                    }
                    if next.status == JobStatus::Open {
                        lifecycle::list(c, &next)?;
                        lifecycle::record_event(c, &next, PUBLISHED, now)?;
                    } else {
                        lifecycle::open_review(c, &next, &reasons, now)?;
                    }
                    Ok(())
                });
                match result {
                    Ok(()) => return Ok((next, false, outcome)),
                    Err(Abort::Lost) => continue,
                    Err(Abort::Store(e)) => return Err(e.into()),
                    Err(Abort::Quota(window)) => {
                        let mut e = rate_limited(
                            format!("Publish quota reached: {limit} publishes per {window_hours} hours per account."),
                            &window,
                            window_hours * 3600,
                            now,
                        );
                        e.details = json!({"reason": "publish_quota", "limit": limit, "windowHours": window_hours,
                                           "retryAfterSeconds": window.reset_secs(now)});
                        return Err(e);
                    }
                }
            }
            Err(ApiError::conflict("The job is being changed by other requests; retry.", json!({"reason": "concurrent_update"})))
        })
        .await?;
    Ok(Published {
        draft,
        already,
        outcome,
    })
}
