//! The listed jobs a sitemap names: id, title (for the page's slug) and last change, newest first.

use diesel::prelude::*;

use super::schema::job_search;
use super::{DbConn, StoreError};

/// Most URLs in one sitemap file (the sitemaps.org limit).
pub const MAX_URLS: i64 = 50_000;

/// One listed job: (id, title, updated_at in Unix ms).
pub type Entry = (String, String, i64);

/// The jobs listed at `now`, newest first, at most [`MAX_URLS`].
pub fn listed(conn: &mut DbConn, now: i64) -> Result<Vec<Entry>, StoreError> {
    Ok(job_search::table
        .filter(
            job_search::valid_until
                .is_null()
                .or(job_search::valid_until.gt(now)),
        )
        .order((job_search::published_at.desc(), job_search::job_id.desc()))
        .select((
            job_search::job_id,
            job_search::title,
            job_search::updated_at,
        ))
        .limit(MAX_URLS)
        .load(conn)?)
}
