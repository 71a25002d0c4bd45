//! The jobs a feed brought in, by the feed's external id, with a hash of each job's source so a
//! run sees which changed, and the last run that saw each (the others left the feed).

use diesel::prelude::*;

use super::schema::feed_items;
use super::{DbConn, StoreError};

/// One job of a feed.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = feed_items)]
pub struct Item {
    pub feed_id: String,
    pub external_id: String,
    pub job_id: String,
    pub content_hash: String,
    pub seen_run: String,
}

/// The feed's job with `external_id`, if it brought one in.
pub fn find(
    conn: &mut DbConn,
    feed_id: &str,
    external_id: &str,
) -> Result<Option<Item>, StoreError> {
    Ok(feed_items::table
        .filter(feed_items::feed_id.eq(feed_id))
        .filter(feed_items::external_id.eq(external_id))
        .select(Item::as_select())
        .first(conn)
        .optional()?)
}

/// Records (or replaces) the feed's job for `item.external_id`.
pub fn put(conn: &mut DbConn, item: &Item) -> Result<(), StoreError> {
    conn.transaction::<(), StoreError, _>(|c| {
        diesel::delete(
            feed_items::table
                .filter(feed_items::feed_id.eq(&item.feed_id))
                .filter(feed_items::external_id.eq(&item.external_id)),
        )
        .execute(c)?;
        diesel::insert_into(feed_items::table)
            .values(item)
            .execute(c)?;
        Ok(())
    })
}

/// Marks the item seen by `run_id` (its source unchanged, or kept as it was).
pub fn mark_seen(
    conn: &mut DbConn,
    feed_id: &str,
    external_id: &str,
    run_id: &str,
) -> Result<(), StoreError> {
    diesel::update(
        feed_items::table
            .filter(feed_items::feed_id.eq(feed_id))
            .filter(feed_items::external_id.eq(external_id)),
    )
    .set(feed_items::seen_run.eq(run_id))
    .execute(conn)?;
    Ok(())
}

/// Marks many items seen by `run_id` in one transaction.
pub fn mark_seen_many(
    conn: &mut DbConn,
    feed_id: &str,
    external_ids: &[String],
    run_id: &str,
) -> Result<(), StoreError> {
    conn.transaction::<(), StoreError, _>(|c| {
        for chunk in external_ids.chunks(500) {
            diesel::update(
                feed_items::table
                    .filter(feed_items::feed_id.eq(feed_id))
                    .filter(feed_items::external_id.eq_any(chunk)),
            )
            .set(feed_items::seen_run.eq(run_id))
            .execute(c)?;
        }
        Ok(())
    })
}

/// Up to `limit` items the run `run_id` did not see (they left the feed).
pub fn unseen(
    conn: &mut DbConn,
    feed_id: &str,
    run_id: &str,
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    Ok(feed_items::table
        .filter(feed_items::feed_id.eq(feed_id))
        .filter(feed_items::seen_run.ne(run_id))
        .order(feed_items::external_id.asc())
        .limit(limit)
        .select(Item::as_select())
        .load(conn)?)
}

/// Forgets a job that left the feed.
pub fn remove(conn: &mut DbConn, feed_id: &str, external_id: &str) -> Result<(), StoreError> {
    diesel::delete(
        feed_items::table
            .filter(feed_items::feed_id.eq(feed_id))
            .filter(feed_items::external_id.eq(external_id)),
    )
    .execute(conn)?;
    Ok(())
}
