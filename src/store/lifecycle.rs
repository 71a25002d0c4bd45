//! The job lifecycle after drafting: status transitions written together with the public listing
//! (search row, filter tags), the change-feed event and moderation reviews, in one transaction.

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::jobs::{self as job_store, JobRow};
use super::schema::{job_events, job_search, job_tags, jobs, moderation_reviews};
use super::{new_id, storable, DbConn, StoreError};
use crate::domain::public_job::SearchDoc;
use crate::domain::{Draft, JobStatus};

/// What a transition does to the public listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// (Re)index the job: it is OPEN.
    List,
    /// Remove it from the public reads.
    Unlist,
    Keep,
}

/// Change-feed event types.
pub const PUBLISHED: &str = "PUBLISHED";
pub const UPDATED: &str = "UPDATED";
pub const CLOSED: &str = "CLOSED";

/// Low bits of a document id taken from the job id's hash; the high bits are `published_at`.
const DOC_ID_HASH_BITS: u32 = 20;

/// The FTS5 rowid of a job's search document: `published_at` (ms) shifted left by 20 bits plus
/// 20 bits of the job id's hash, so FTS5 rowid order is publication order and the newest matches
/// stream first (see `search`). Unique in practice; `list` probes for the rare collision.
pub fn doc_id(job_id: &str, published_at: i64) -> i64 {
    let digest = Sha256::digest(job_id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    let low = (u64::from_be_bytes(b) & ((1 << DOC_ID_HASH_BITS) - 1)) as i64;
    published_at.clamp(0, i64::MAX >> DOC_ID_HASH_BITS) << DOC_ID_HASH_BITS | low
}

/// `doc_id`, or the next free number after it if another listed job has it.
fn free_doc_id(conn: &mut DbConn, job_id: &str, published_at: i64) -> Result<i64, StoreError> {
    let mut id = doc_id(job_id, published_at);
    for _ in 0..64 {
        let taken: i64 = job_search::table
            .filter(job_search::doc_id.eq(id))
            .count()
            .get_result(conn)?;
        if taken == 0 {
            break;
        }
        id = id.wrapping_add(1);
    }
    Ok(id)
}

/// Puts `draft` in the public listing (replacing any earlier document), keeping `facet_counts`
/// exact in the same transaction.
pub fn list(conn: &mut DbConn, draft: &Draft) -> Result<(), StoreError> {
    conn.transaction::<(), StoreError, _>(|conn| {
        let mut delta = remove_listing(conn, &draft.id)?;
        let doc = SearchDoc::of(draft);
        let published_at = draft.published_at.unwrap_or(draft.updated_at);
        let doc_id = free_doc_id(conn, &draft.id, published_at)?;
        diesel::insert_into(job_search::table)
            .values((
                job_search::job_id.eq(&draft.id),
                job_search::doc_id.eq(doc_id),
                job_search::account_id.eq(&draft.account_id),
                job_search::title.eq(storable(&doc.title)),
                job_search::body.eq(storable(&doc.body)),
                job_search::published_at.eq(published_at),
                job_search::updated_at.eq(draft.updated_at),
                job_search::valid_until.eq(doc.valid_until),
            ))
            .execute(conn)?;
        *delta.entry((String::new(), String::new())).or_insert(0) += 1;
        // One row at a time: batch inserts are not available over the multi-backend connection.
        for (kind, value) in &doc.tags {
            diesel::insert_into(job_tags::table)
                .values((
                    job_tags::job_id.eq(draft.id.as_str()),
                    job_tags::kind.eq(*kind),
                    job_tags::value.eq(storable(value)),
                    job_tags::valid_until.eq(doc.valid_until),
                    job_tags::published_at.eq(published_at),
                    job_tags::doc_id.eq(doc_id),
                ))
                .execute(conn)?;
            *delta
                .entry(((*kind).to_string(), value.clone()))
                .or_insert(0) += 1;
        }
        apply_facet_delta(conn, delta)
    })
}

/// Removes a job from the public listing; returns whether it was listed.
pub fn unlist(conn: &mut DbConn, job_id: &str) -> Result<bool, StoreError> {
    conn.transaction::<bool, StoreError, _>(|conn| {
        let delta = remove_listing(conn, job_id)?;
        let listed = delta.contains_key(&(String::new(), String::new()));
        apply_facet_delta(conn, delta)?;
        Ok(listed)
    })
}

/// Changes of `facet_counts`: (kind, value) → difference; ("", "") is the total.
type FacetDelta = std::collections::BTreeMap<(String, String), i64>;

/// Deletes a job's listing rows and returns what that takes off the facet counters.
fn remove_listing(conn: &mut DbConn, job_id: &str) -> Result<FacetDelta, StoreError> {
    let mut delta = FacetDelta::new();
    let tags: Vec<(String, String)> = job_tags::table
        .filter(job_tags::job_id.eq(job_id))
        .select((job_tags::kind, job_tags::value))
        .load(conn)?;
    if !tags.is_empty() {
        diesel::delete(job_tags::table.filter(job_tags::job_id.eq(job_id))).execute(conn)?;
    }
    for tag in tags {
        *delta.entry(tag).or_insert(0) -= 1;
    }
    let n =
        diesel::delete(job_search::table.filter(job_search::job_id.eq(job_id))).execute(conn)?;
    if n > 0 {
        delta.insert((String::new(), String::new()), -(n as i64));
    }
    Ok(delta)
}

/// Adds `delta` to `facet_counts`, in key order so concurrent transactions lock counter rows in
/// the same order (no deadlocks on PostgreSQL).
fn apply_facet_delta(conn: &mut DbConn, delta: FacetDelta) -> Result<(), StoreError> {
    use diesel::sql_types::{BigInt, Text};
    for ((kind, value), n) in delta {
        if n == 0 {
            continue;
        }
        match conn {
            DbConn::Sqlite(c) => {
                diesel::sql_query(
                    "INSERT INTO facet_counts (kind, value, n) VALUES (?, ?, ?) \
                     ON CONFLICT (kind, value) DO UPDATE SET n = facet_counts.n + excluded.n",
                )
                .bind::<Text, _>(&kind)
                .bind::<Text, _>(&value)
                .bind::<BigInt, _>(n)
                .execute(c)?;
            }
            DbConn::Pg(c) => {
                diesel::sql_query(
                    "INSERT INTO facet_counts (kind, value, n) VALUES ($1, $2, $3) \
                     ON CONFLICT (kind, value) DO UPDATE SET n = facet_counts.n + excluded.n",
                )
                .bind::<Text, _>(&kind)
                .bind::<Text, _>(&value)
                .bind::<BigInt, _>(n)
                .execute(c)?;
            }
        }
    }
    Ok(())
}

/// Appends a change-feed event.
pub fn record_event(
    conn: &mut DbConn,
    draft: &Draft,
    event_type: &str,
    at: i64,
) -> Result<(), StoreError> {
    diesel::insert_into(job_events::table)
        .values((
            job_events::id.eq(new_id()),
            job_events::job_id.eq(&draft.id),
            job_events::account_id.eq(&draft.account_id),
            job_events::event_type.eq(event_type),
            job_events::occurred_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Writes `next` (already bumped) if the job is still as the caller read it (`current`), and
/// updates the listing and the feed with it — all or nothing. Returns whether it was written.
pub fn transition(
    conn: &mut DbConn,
    current: &Draft,
    next: &Draft,
    listing: Listing,
    event: Option<&str>,
) -> Result<bool, StoreError> {
    conn.transaction::<bool, StoreError, _>(|conn| {
        if !job_store::update(conn, current, next)? {
            return Ok(false);
        }
        match listing {
            Listing::List => list(conn, next)?,
            Listing::Unlist => {
                unlist(conn, &next.id)?;
            }
            Listing::Keep => {}
        }
        if let Some(kind) = event {
            record_event(conn, next, kind, next.updated_at)?;
        }
        Ok(true)
    })
}

/// A moderation review waiting for (or resolved by) a human.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = moderation_reviews)]
pub struct Review {
    pub id: String,
    pub job_id: String,
    pub account_id: String,
    pub reasons: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolution: Option<String>,
    pub resolution_reason: Option<String>,
}

/// Records that `draft` needs a human review, with moderation's reasons (JSON).
pub fn open_review(
    conn: &mut DbConn,
    draft: &Draft,
    reasons_json: &str,
    at: i64,
) -> Result<(), StoreError> {
    diesel::insert_into(moderation_reviews::table)
        .values((
            moderation_reviews::id.eq(new_id()),
            moderation_reviews::job_id.eq(&draft.id),
            moderation_reviews::account_id.eq(&draft.account_id),
            moderation_reviews::reasons.eq(reasons_json),
            moderation_reviews::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Unresolved reviews of jobs still waiting for approval, oldest first, with each job.
pub fn pending_reviews(conn: &mut DbConn) -> Result<Vec<(Review, Draft)>, StoreError> {
    let rows: Vec<(Review, JobRow)> = moderation_reviews::table
        .inner_join(jobs::table.on(jobs::id.eq(moderation_reviews::job_id)))
        .filter(moderation_reviews::resolved_at.is_null())
        .filter(jobs::status.eq(JobStatus::PendingApproval.as_str()))
        .order((
            moderation_reviews::created_at.asc(),
            moderation_reviews::id.asc(),
        ))
        .select((Review::as_select(), JobRow::as_select()))
        .load(conn)?;
    rows.into_iter()
        .map(|(r, j)| Ok((r, j.into_draft()?)))
        .collect()
}

/// Marks every open review of `job_id` resolved.
pub fn resolve_reviews(
    conn: &mut DbConn,
    job_id: &str,
    resolution: &str,
    reason: Option<&str>,
    at: i64,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        moderation_reviews::table
            .filter(moderation_reviews::job_id.eq(job_id))
            .filter(moderation_reviews::resolved_at.is_null()),
    )
    .set((
        moderation_reviews::resolved_at.eq(at),
        moderation_reviews::resolution.eq(resolution),
        moderation_reviews::resolution_reason.eq(reason),
    ))
    .execute(conn)?)
}

/// A job by id, whatever its account (operator commands and public reads).
pub fn find_any(conn: &mut DbConn, id: &str) -> Result<Draft, StoreError> {
    let row: JobRow = jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)?;
    row.into_draft()
}

/// Whether the job is in the public listing at `now`.
pub fn is_listed(conn: &mut DbConn, id: &str, now: i64) -> Result<bool, StoreError> {
    let n: i64 = job_search::table
        .filter(job_search::job_id.eq(id))
        .filter(
            job_search::valid_until
                .is_null()
                .or(job_search::valid_until.gt(now)),
        )
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Archives OPEN jobs whose `validThrough` has passed (at most `batch` per call); returns their ids.
pub fn close_expired(conn: &mut DbConn, now: i64, batch: i64) -> Result<Vec<String>, StoreError> {
    let ids: Vec<String> = job_search::table
        .filter(job_search::valid_until.le(now))
        .order(job_search::valid_until.asc())
        .limit(batch)
        .select(job_search::job_id)
        .load(conn)?;
    let mut closed = Vec::new();
    for id in ids {
        let current = match find_any(conn, &id) {
            Ok(d) => d,
            Err(StoreError::NotFound) => {
                unlist(conn, &id)?;
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut next = current.clone();
        if current.status == JobStatus::Open {
            next.status = JobStatus::Archived;
            next.closed_at = Some(now);
        }
        next.updated_at = now;
        next.version += 1;
        if transition(conn, &current, &next, Listing::Unlist, Some(CLOSED))? {
            closed.push(id);
        }
    }
    Ok(closed)
}

/// One page of an account's jobs, newest first, keyset-paginated on (created_at, id).
pub fn mine(
    conn: &mut DbConn,
    account_id: &str,
    status: Option<JobStatus>,
    after: Option<(i64, String)>,
    limit: i64,
) -> Result<Vec<Draft>, StoreError> {
    let mut q = jobs::table
        .filter(jobs::account_id.eq(account_id))
        .select(JobRow::as_select())
        .order((jobs::created_at.desc(), jobs::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(jobs::status.eq(s.as_str()));
    }
    if let Some((at, id)) = after {
        q = q.filter(
            jobs::created_at
                .lt(at)
                .or(jobs::created_at.eq(at).and(jobs::id.lt(id))),
        );
    }
    q.load(conn)?.into_iter().map(JobRow::into_draft).collect()
}

/// The result of a moderator's decision on a job.
#[derive(Debug)]
pub enum Resolved {
    Done(Box<Draft>),
    /// The job is not waiting for approval.
    NotPending(JobStatus),
}

/// Approves (OPEN, listed, PUBLISHED event) or rejects (back to DRAFT, reason recorded) a job
/// waiting in the review queue.
pub fn resolve(
    conn: &mut DbConn,
    id: &str,
    approve: bool,
    reason: Option<&str>,
    now: i64,
) -> Result<Resolved, StoreError> {
    for _ in 0..5 {
        let current = find_any(conn, id)?;
        if current.status != JobStatus::PendingApproval {
            return Ok(Resolved::NotPending(current.status));
        }
        let mut next = current.clone();
        next.version += 1;
        next.updated_at = now;
        let (listing, event, resolution) = if approve {
            next.status = JobStatus::Open;
            next.published_at = Some(now);
            (Listing::List, Some(PUBLISHED), "APPROVED")
        } else {
            next.status = JobStatus::Draft;
            (Listing::Unlist, None, "REJECTED")
        };
        let written = conn.transaction::<bool, StoreError, _>(|c| {
            if !transition(c, &current, &next, listing, event)? {
                return Ok(false);
            }
            resolve_reviews(c, id, resolution, reason, now)?;
            Ok(true)
        })?;
        if written {
            return Ok(Resolved::Done(Box::new(next)));
        }
    }
    Err(StoreError::Config("the job kept changing; retry".into()))
}
