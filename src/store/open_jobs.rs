//! Open jobs for the outgoing feeds: keyset pages over the public listing (so a feed of any
//! size streams page by page) and the listing's version (for `ETag` / `Last-Modified`).

use diesel::prelude::*;

use super::jobs::JobRow;
use super::schema::{job_events, job_search, jobs};
use super::{DbConn, StoreError};
use crate::domain::{Draft, JobStatus};

/// The listing's version: how many jobs are listed and the newest change-feed event. Every
/// publish, live edit, close and expiry writes an event, so a changed listing has a new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingVersion {
    pub listed: i64,
    pub last_event_id: Option<String>,
    /// When that event happened (Unix ms).
    pub last_change_at: Option<i64>,
}

/// The current version of the listing at `now`.
pub fn version(conn: &mut DbConn, now: i64) -> Result<ListingVersion, StoreError> {
    let listed: i64 = job_search::table
        .filter(
            job_search::valid_until
                .is_null()
                .or(job_search::valid_until.gt(now)),
        )
        .count()
        .get_result(conn)?;
    let last: Option<(String, i64)> = job_events::table
        .order(job_events::id.desc())
        .select((job_events::id, job_events::occurred_at))
        .first(conn)
        .optional()?;
    Ok(ListingVersion {
        listed,
        last_change_at: last.as_ref().map(|(_, at)| *at),
        last_event_id: last.map(|(id, _)| id),
    })
}

/// One page of listed OPEN jobs: up to `limit` listing ids after `after`, in id order, and the
/// last id read (the next page's `after`; `None` at the end).
pub struct Page {
    pub jobs: Vec<Draft>,
    pub last_id: Option<String>,
}

/// The page of listed jobs after `after`.
pub fn page(
    conn: &mut DbConn,
    after: Option<&str>,
    limit: i64,
    now: i64,
) -> Result<Page, StoreError> {
    let mut ids = job_search::table
        .filter(
            job_search::valid_until
                .is_null()
                .or(job_search::valid_until.gt(now)),
        )
        .order(job_search::job_id.asc())
        .limit(limit)
        .select(job_search::job_id)
        .into_boxed();
    if let Some(after) = after {
        ids = ids.filter(job_search::job_id.gt(after));
    }
    let ids: Vec<String> = ids.load(conn)?;
    let Some(last_id) = ids.last().cloned() else {
        return Ok(Page {
            jobs: Vec::new(),
            last_id: None,
        });
    };
    let rows: Vec<JobRow> = jobs::table
        .filter(jobs::id.eq_any(&ids))
        .filter(jobs::status.eq(JobStatus::Open.as_str()))
        .order(jobs::id.asc())
        .select(JobRow::as_select())
        .load(conn)?;
    let jobs = rows
        .into_iter()
        .map(JobRow::into_draft)
        .collect::<Result<_, _>>()?;
    Ok(Page {
        jobs,
        last_id: Some(last_id),
    })
}
