//! Quotas and throttles as fixed-window counters in the database (one row per bucket and window),
//! so every replica on one database counts together. One atomic upsert per hit.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::schema::rate_counters;
use super::{DbConn, StoreError};

/// The state of a bucket after a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Hits in this window, including this one.
    pub hits: i64,
    pub limit: i64,
    /// Unix ms at which the window ends.
    pub resets_at: i64,
}

impl Window {
    pub fn allowed(&self) -> bool {
        self.hits <= self.limit
    }

    pub fn remaining(&self) -> i64 {
        (self.limit - self.hits).max(0)
    }

    /// Whole seconds until the window ends (at least 1).
    pub fn reset_secs(&self, now: i64) -> u64 {
        ((self.resets_at - now + 999) / 1000).max(1) as u64
    }
}

#[derive(QueryableByName)]
struct Hits {
    #[diesel(sql_type = BigInt)]
    hits: i64,
}

/// Counts one hit on `bucket` in the fixed window of `window_ms` containing `now`.
pub fn hit(
    conn: &mut DbConn,
    bucket: &str,
    limit: i64,
    window_ms: i64,
    now: i64,
) -> Result<Window, StoreError> {
    let window_ms = window_ms.max(1);
    let start = now - now.rem_euclid(window_ms);
    const UPSERT_SQLITE: &str = "INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 1) \
        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1 RETURNING hits";
    const UPSERT_PG: &str = "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1 RETURNING hits";
    let row: Hits = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(UPSERT_SQLITE)
            .bind::<Text, _>(bucket)
            .bind::<BigInt, _>(start)
            .get_result(c)?,
        DbConn::Pg(c) => diesel::sql_query(UPSERT_PG)
            .bind::<Text, _>(bucket)
            .bind::<BigInt, _>(start)
            .get_result(c)?,
    };
    Ok(Window {
        hits: row.hits,
        limit,
        resets_at: start + window_ms,
    })
}

/// Takes back a hit (the guarded action did not happen after all).
pub fn unhit(conn: &mut DbConn, bucket: &str, window_ms: i64, now: i64) -> Result<(), StoreError> {
    let start = now - now.rem_euclid(window_ms.max(1));
    diesel::update(
        rate_counters::table
            .filter(rate_counters::bucket.eq(bucket))
            .filter(rate_counters::window_start.eq(start))
            .filter(rate_counters::hits.gt(0)),
    )
    .set(rate_counters::hits.eq(rate_counters::hits - 1))
    .execute(conn)?;
    Ok(())
}

/// Deletes windows that ended before `before`.
pub fn prune(conn: &mut DbConn, before: i64) -> Result<usize, StoreError> {
    Ok(
        diesel::delete(rate_counters::table.filter(rate_counters::window_start.lt(before)))
            .execute(conn)?,
    )
}
