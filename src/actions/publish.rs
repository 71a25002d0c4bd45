//! Publish: the publish-ready gate, moderation (BLOCK refused, REVIEW to the human queue) and
//! the per-account publish quota counted in the same transaction as the status change.

use diesel::Connection;

use super::{Policy, Refusal, ATTEMPTS};
use crate::domain::moderation::{Decision, Outcome};
use crate::domain::{Draft, JobStatus};
use crate::store::lifecycle::{self, PUBLISHED};
use crate::store::{jobs, now_ms, quotas, DbConn, StoreError};

/// The publish quota of the account: `limit` publishes per `window_ms` (0 = unlimited).
#[derive(Debug, Clone, Copy)]
pub struct Quota {
    pub limit: i64,
    pub window_ms: i64,
}

/// A publish that went through (or found the job already published or in review).
#[derive(Debug)]
pub struct Published {
    pub job: Draft,
    pub already: bool,
    pub outcome: Outcome,
}

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

/// Publishes the account's draft `id`: OPEN and listed when moderation allows it, PENDING_APPROVAL
/// with a review when it asks for one.
pub fn publish(
    conn: &mut DbConn,
    account_id: &str,
    id: &str,
    policy: &Policy<'_>,
    quota: Quota,
) -> Result<Published, Refusal> {
    for _ in 0..ATTEMPTS {
        let current = jobs::find_owned(conn, account_id, id)?;
        match current.status {
            JobStatus::Open | JobStatus::PendingApproval => {
                let outcome = policy.rules.check(&current.fields);
                return Ok(Published {
                    job: current,
                    already: true,
                    outcome,
                });
            }
            JobStatus::Draft => {}
            _ => {
                return Err(Refusal::WrongStatus {
                    job: Box::new(current),
                    required: JobStatus::Draft,
                })
            }
        }
        let report = policy.report(&current)?;
        if !report.validation.publish_ready {
            return Err(Refusal::NotReady(Box::new(report)));
        }
        let outcome = policy.rules.check(&current.fields);
        if outcome.decision == Decision::Block {
            return Err(Refusal::Blocked(outcome));
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
        let reasons = serde_json::to_string(&outcome.reasons)
            .map_err(|e| Refusal::Store(StoreError::Corrupt(e.to_string())))?;
        let bucket = format!("publish:{}", current.account_id);
        let result = conn.transaction::<(), Abort, _>(|c| {
            if quota.limit > 0 {
                let window = quotas::hit(c, &bucket, quota.limit, quota.window_ms, now)?;
                if !window.allowed() {
                    return Err(Abort::Quota(window));
                }
            }
            if !jobs::update(c, &current, &next)? {
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
            Ok(()) => {
                return Ok(Published {
                    job: next,
                    already: false,
                    outcome,
                })
            }
            Err(Abort::Lost) => continue,
            Err(Abort::Store(e)) => return Err(e.into()),
            Err(Abort::Quota(window)) => return Err(Refusal::Quota(window)),
        }
    }
    Err(Refusal::Busy)
}
