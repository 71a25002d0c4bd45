//! Edits: PATCH of a draft (optionally under `If-Match`) and the live edit of an OPEN job,
//! which must stay publish-ready and is moderated again (REVIEW unlists it into the review
//! queue, BLOCK sends it back to DRAFT).

use diesel::Connection;
use serde_json::Value;

use super::{Policy, Refusal, ATTEMPTS};
use crate::catalog::Catalog;
use crate::domain::moderation::{Decision, Outcome};
use crate::domain::{patch_draft, Draft, JobStatus};
use crate::store::lifecycle::{self, Listing, CLOSED, UPDATED};
use crate::store::{jobs, now_ms, DbConn, StoreError};

/// PATCHes the account's draft `id`; `precondition` is an `If-Match` value (`*` or an ETag).
/// Returns the new draft and the normalization warnings.
pub fn patch_draft_job(
    conn: &mut DbConn,
    account_id: &str,
    id: &str,
    patch: &Value,
    catalog: &Catalog,
    precondition: Option<&str>,
) -> Result<(Draft, Vec<String>), Refusal> {
    // Optimistic concurrency: re-read and re-apply if another writer got in between.
    for _ in 0..ATTEMPTS {
        let current = jobs::find_owned(conn, account_id, id)?;
        if let Some(tag) = precondition {
            if tag != "*" && tag != current.etag() {
                return Err(Refusal::PreconditionFailed {
                    current: Some(current.etag()),
                });
            }
        }
        if current.status != JobStatus::Draft {
            return Err(Refusal::WrongStatus {
                job: Box::new(current),
                required: JobStatus::Draft,
            });
        }
        let (mut next, warnings) =
            patch_draft(&current, patch, catalog).map_err(Refusal::Invalid)?;
        next.version = current.version + 1;
        next.updated_at = now_ms();
        if jobs::update(conn, &current, &next)? {
            return Ok((next, warnings));
        }
        if precondition.is_some() {
            return Err(Refusal::PreconditionFailed { current: None });
        }
    }
    Err(Refusal::Busy)
}

/// Edits the account's OPEN job `id` and moderates it again. A BLOCK is not a refusal: the edit
/// is kept and the job goes back to DRAFT; the caller reads `outcome` to say so.
pub fn edit_live_job(
    conn: &mut DbConn,
    account_id: &str,
    id: &str,
    patch: &Value,
    policy: &Policy<'_>,
) -> Result<(Draft, Outcome), Refusal> {
    for _ in 0..ATTEMPTS {
        let current = jobs::find_owned(conn, account_id, id)?;
        if current.status != JobStatus::Open {
            return Err(Refusal::WrongStatus {
                job: Box::new(current),
                required: JobStatus::Open,
            });
        }
        let (mut next, _warnings) =
            patch_draft(&current, patch, policy.catalog).map_err(Refusal::Invalid)?;
        let report = policy.report(&next)?;
        if !report.validation.publish_ready {
            return Err(Refusal::NotReady(Box::new(report)));
        }
        let outcome = policy.rules.check(&next.fields);
        let now = now_ms();
        next.version += 1;
        next.updated_at = now;
        let (listing, event) = match outcome.decision {
            Decision::Allow => (Listing::List, UPDATED),
            Decision::Review => {
                next.status = JobStatus::PendingApproval;
                (Listing::Unlist, CLOSED)
            }
            Decision::Block => {
                next.status = JobStatus::Draft;
                (Listing::Unlist, CLOSED)
            }
        };
        let reasons = serde_json::to_string(&outcome.reasons)
            .map_err(|e| Refusal::Store(StoreError::Corrupt(e.to_string())))?;
        let written = conn.transaction::<bool, StoreError, _>(|c| {
            if !lifecycle::transition(c, &current, &next, listing, Some(event))? {
                return Ok(false);
            }
            if outcome.decision == Decision::Review {
                lifecycle::open_review(c, &next, &reasons, now)?;
            }
            Ok(true)
        })?;
        if written {
            return Ok((next, outcome));
        }
    }
    Err(Refusal::Busy)
}
