//! Registered feeds: the registry, the lease that lets one replica run a feed at a time, the
//! conditional-fetch validators, and the run reports.

use diesel::prelude::*;

use super::schema::{feed_runs, feeds};
use super::{new_id, DbConn, StoreError};

/// A registered feed.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = feeds)]
pub struct Feed {
    pub id: String,
    pub account_id: String,
    pub url: String,
    pub format: String,
    pub interval_minutes: i64,
    pub auto_publish: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_run_at: i64,
    pub lease_owner: Option<String>,
    pub lease_until: Option<i64>,
    pub last_run_at: Option<i64>,
    pub created_at: i64,
}

/// What registering a feed needs.
#[derive(Debug, Clone)]
pub struct NewFeed<'a> {
    pub account_id: &'a str,
    pub url: &'a str,
    pub format: &'a str,
    pub interval_minutes: i64,
    pub auto_publish: bool,
}

/// Registers a feed (due at once); an account registers a URL once (`Err(Conflict)` otherwise).
pub fn create(
    conn: &mut DbConn,
    new: &NewFeed<'_>,
    now: i64,
) -> Result<Result<Feed, Feed>, StoreError> {
    let feed = Feed {
        id: new_id(),
        account_id: new.account_id.to_string(),
        url: new.url.to_string(),
        format: new.format.to_string(),
        interval_minutes: new.interval_minutes,
        auto_publish: new.auto_publish,
        etag: None,
        last_modified: None,
        next_run_at: now,
        lease_owner: None,
        lease_until: None,
        last_run_at: None,
        created_at: now,
    };
    match diesel::insert_into(feeds::table)
        .values(&feed)
        .execute(conn)
    {
        Ok(_) => Ok(Ok(feed)),
        Err(e) if super::is_unique_violation(&e) => {
            let existing =
                find_by_url(conn, new.account_id, new.url)?.ok_or(StoreError::NotFound)?;
            Ok(Err(existing))
        }
        Err(e) => Err(e.into()),
    }
}

/// The account's feed for `url`, if registered.
pub fn find_by_url(
    conn: &mut DbConn,
    account_id: &str,
    url: &str,
) -> Result<Option<Feed>, StoreError> {
    Ok(feeds::table
        .filter(feeds::account_id.eq(account_id))
        .filter(feeds::url.eq(url))
        .select(Feed::as_select())
        .first(conn)
        .optional()?)
}

/// The account's feed `id`; another account's feed is `NotFound`.
pub fn find_owned(conn: &mut DbConn, account_id: &str, id: &str) -> Result<Feed, StoreError> {
    Ok(feeds::table
        .filter(feeds::id.eq(id))
        .filter(feeds::account_id.eq(account_id))
        .select(Feed::as_select())
        .first(conn)?)
}

/// The account's feeds, oldest first.
pub fn list(conn: &mut DbConn, account_id: &str) -> Result<Vec<Feed>, StoreError> {
    Ok(feeds::table
        .filter(feeds::account_id.eq(account_id))
        .order((feeds::created_at.asc(), feeds::id.asc()))
        .select(Feed::as_select())
        .load(conn)?)
}

/// How many feeds the account has registered.
pub fn count(conn: &mut DbConn, account_id: &str) -> Result<i64, StoreError> {
    Ok(feeds::table
        .filter(feeds::account_id.eq(account_id))
        .count()
        .get_result(conn)?)
}

/// Deletes the account's feed `id` with its items and runs (the jobs it brought in stay);
/// returns whether it existed.
pub fn delete(conn: &mut DbConn, account_id: &str, id: &str) -> Result<bool, StoreError> {
    use super::schema::feed_items;
    conn.transaction::<bool, StoreError, _>(|c| {
        let owned = feeds::table
            .filter(feeds::id.eq(id))
            .filter(feeds::account_id.eq(account_id))
            .count()
            .get_result::<i64>(c)?;
        if owned == 0 {
            return Ok(false);
        }
        diesel::delete(feed_items::table.filter(feed_items::feed_id.eq(id))).execute(c)?;
        diesel::delete(feed_runs::table.filter(feed_runs::feed_id.eq(id))).execute(c)?;
        diesel::delete(feeds::table.filter(feeds::id.eq(id))).execute(c)?;
        Ok(true)
    })
}

/// Scheduled feeds due at `now` whose lease is free, oldest due first.
pub fn due(conn: &mut DbConn, now: i64, limit: i64) -> Result<Vec<Feed>, StoreError> {
    Ok(feeds::table
        .filter(feeds::interval_minutes.gt(0))
        .filter(feeds::next_run_at.le(now))
        .filter(feeds::lease_until.is_null().or(feeds::lease_until.lt(now)))
        .order(feeds::next_run_at.asc())
        .limit(limit)
        .select(Feed::as_select())
        .load(conn)?)
}

/// Takes the feed's lease for `owner` until `until` if nobody holds it (or the holder's lease
/// ran out). One conditional UPDATE: of several replicas, exactly one sees a row changed.
pub fn acquire_lease(
    conn: &mut DbConn,
    id: &str,
    owner: &str,
    now: i64,
    until: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        feeds::table
            .filter(feeds::id.eq(id))
            .filter(feeds::lease_until.is_null().or(feeds::lease_until.lt(now))),
    )
    .set((feeds::lease_owner.eq(owner), feeds::lease_until.eq(until)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Extends a lease `owner` still holds; false when it was lost (expired and taken).
pub fn renew_lease(
    conn: &mut DbConn,
    id: &str,
    owner: &str,
    until: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        feeds::table
            .filter(feeds::id.eq(id))
            .filter(feeds::lease_owner.eq(owner)),
    )
    .set(feeds::lease_until.eq(until))
    .execute(conn)?;
    Ok(n == 1)
}

/// Releases the lease and schedules the next run.
pub fn release_lease(
    conn: &mut DbConn,
    id: &str,
    owner: &str,
    next_run_at: i64,
) -> Result<(), StoreError> {
    diesel::update(
        feeds::table
            .filter(feeds::id.eq(id))
            .filter(feeds::lease_owner.eq(owner)),
    )
    .set((
        feeds::lease_owner.eq(None::<String>),
        feeds::lease_until.eq(None::<i64>),
        feeds::next_run_at.eq(next_run_at),
    ))
    .execute(conn)?;
    Ok(())
}

/// Remembers the validators of the last fetched document (for the next conditional fetch).
pub fn set_validators(
    conn: &mut DbConn,
    id: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
    at: i64,
) -> Result<(), StoreError> {
    diesel::update(feeds::table.filter(feeds::id.eq(id)))
        .set((
            feeds::etag.eq(etag),
            feeds::last_modified.eq(last_modified),
            feeds::last_run_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A run report.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = feed_runs)]
pub struct Run {
    pub id: String,
    pub feed_id: String,
    pub account_id: String,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub outcome: String,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub closed: i64,
    pub failed: i64,
    pub failures: String,
    pub notes: String,
    pub error: Option<String>,
}

/// Records the start of a run (outcome RUNNING).
pub fn start_run(conn: &mut DbConn, feed: &Feed, now: i64) -> Result<Run, StoreError> {
    let run = Run {
        id: new_id(),
        feed_id: feed.id.clone(),
        account_id: feed.account_id.clone(),
        started_at: now,
        finished_at: None,
        outcome: "RUNNING".into(),
        created: 0,
        updated: 0,
        unchanged: 0,
        closed: 0,
        failed: 0,
        failures: "[]".into(),
        notes: "[]".into(),
        error: None,
    };
    diesel::insert_into(feed_runs::table)
        .values(&run)
        .execute(conn)?;
    Ok(run)
}

/// Writes a finished run's outcome, counts and reasons.
pub fn finish_run(conn: &mut DbConn, run: &Run) -> Result<(), StoreError> {
    diesel::update(feed_runs::table.filter(feed_runs::id.eq(&run.id)))
        .set((
            feed_runs::finished_at.eq(run.finished_at),
            feed_runs::outcome.eq(&run.outcome),
            feed_runs::created.eq(run.created),
            feed_runs::updated.eq(run.updated),
            feed_runs::unchanged.eq(run.unchanged),
            feed_runs::closed.eq(run.closed),
            feed_runs::failed.eq(run.failed),
            feed_runs::failures.eq(&run.failures),
            feed_runs::notes.eq(&run.notes),
            feed_runs::error.eq(&run.error),
        ))
        .execute(conn)?;
    Ok(())
}

/// The feed's runs, newest first.
pub fn runs(conn: &mut DbConn, feed_id: &str, limit: i64) -> Result<Vec<Run>, StoreError> {
    Ok(feed_runs::table
        .filter(feed_runs::feed_id.eq(feed_id))
        .order((feed_runs::started_at.desc(), feed_runs::id.desc()))
        .limit(limit)
        .select(Run::as_select())
        .load(conn)?)
}
