//! Drafts that expire unless published (CTOJobsHQ's flow: 7 days): the deadline per draft, and the
//! sweep that archives the drafts past it.

use diesel::prelude::*;

use super::schema::{draft_expiries, jobs};
use super::{outbox, DbConn, StoreError};
use crate::domain::events;
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
/// published in time keeps its status). Each draft is archived in its own transaction with its
/// `job.closed` event. Returns how many drafts were archived.
pub fn expire(conn: &mut DbConn, now: i64) -> Result<usize, StoreError> {
    let due: Vec<(String, String, i64)> = jobs::table
        .inner_join(draft_expiries::table.on(draft_expiries::job_id.eq(jobs::id)))
        .filter(draft_expiries::expires_at.le(now))
        .filter(jobs::status.eq(JobStatus::Draft.as_str()))
        .select((jobs::id, jobs::account_id, jobs::version))
        .load(conn)?;
    let mut archived = 0;
    for (id, account_id, version) in due {
        archived += conn.transaction::<usize, StoreError, _>(|c| {
            let n = diesel::update(
                jobs::table
                    .filter(jobs::id.eq(&id))
                    .filter(jobs::version.eq(version))
                    .filter(jobs::status.eq(JobStatus::Draft.as_str())),
            )
            .set((
                jobs::status.eq(JobStatus::Archived.as_str()),
                jobs::closed_at.eq(Some(now)),
                jobs::updated_at.eq(now),
                jobs::version.eq(version + 1),
            ))
            .execute(c)?;
            if n == 1 {
                let closed = events::for_change(JobStatus::Draft, JobStatus::Archived, version + 1);
                outbox::record(c, &account_id, &id, &closed, now)?;
            }
            Ok(n)
        })?;
    }
    diesel::delete(draft_expiries::table.filter(draft_expiries::expires_at.le(now)))
        .execute(conn)?;
    Ok(archived)
}
