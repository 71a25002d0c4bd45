//! Close: archive a job, unlist it and withdraw its open reviews, in one transaction.

use diesel::Connection;

use super::{Refusal, ATTEMPTS};
use crate::domain::{Draft, JobStatus};
use crate::store::lifecycle::{self, Listing, CLOSED};
use crate::store::{jobs, now_ms, DbConn, StoreError};

/// Archives the account's job `id`; returns it and whether it was already closed.
pub fn close(conn: &mut DbConn, account_id: &str, id: &str) -> Result<(Draft, bool), Refusal> {
    for _ in 0..ATTEMPTS {
        let current = jobs::find_owned(conn, account_id, id)?;
        if current.status == JobStatus::Archived {
            return Ok((current, true));
        }
        let now = now_ms();
        let mut next = current.clone();
        next.status = JobStatus::Archived;
        next.closed_at = Some(now);
        next.updated_at = now;
        next.version += 1;
        let event = (current.status == JobStatus::Open).then_some(CLOSED);
        let written = conn.transaction::<bool, StoreError, _>(|c| {
            if !lifecycle::transition(c, &current, &next, Listing::Unlist, event)? {
                return Ok(false);
            }
            lifecycle::resolve_reviews(c, &next.id, "WITHDRAWN", Some("closed by the owner"), now)?;
            Ok(true)
        })?;
        if written {
            return Ok((next, false));
        }
    }
    Err(Refusal::Busy)
}
