//! Drafts that expire unless published (CTOJobsHQ's flow: 7 days): the deadline per draft, and the
//! sweep that archives the drafts past it.

use diesel::prelude::*;

use super::schema::{draft_expiries, jobs};
use super::{DbConn, StoreError};
use crate::domain::JobStatus;

/// Gives draft `job_id` a deadline.
pub fn set(conn: &mut DbConn, job_id: &str, expires_at: i64) -> Result<(), StoreError> {
    diesel::insert_into(draft_expiries::table)
        .values((
            draft_expiries::job_id.eq(job_id),
            draft_expiries::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The deadline of a draft, if it has one.
pub fn get(conn: &mut DbConn, job_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(draft_expiries::table
        .find(job_id)
        .select(draft_expiries::expires_at)
        .first(conn)
        .optional()?)
}

/// Archives the drafts whose deadline passed at `now` and forgets every passed deadline (a job
/// published in time keeps its status). Returns how many drafts were archived.
pub fn expire(conn: &mut DbConn, now: i64) -> Result<usize, StoreError> {
    conn.transaction::<usize, StoreError, _>(|c| {
        let due = draft_expiries::table
            .filter(draft_expiries::expires_at.le(now))
            .select(draft_expiries::job_id);
        let archived = diesel::update(
            jobs::table
                .filter(jobs::status.eq(JobStatus::Draft.as_str()))
                .filter(jobs::id.eq_any(due)),
        )
        .set((
            jobs::status.eq(JobStatus::Archived.as_str()),
            jobs::closed_at.eq(Some(now)),
            jobs::updated_at.eq(now),
            jobs::version.eq(jobs::version + 1),
        ))
        .execute(c)?;
        diesel::delete(draft_expiries::table.filter(draft_expiries::expires_at.le(now)))
            .execute(c)?;
        Ok(archived)
    })
}
