//! Public marketplace queries: ranked full-text search (SQLite FTS5 + bm25, PostgreSQL tsvector +
//! ts_rank), tag filters, facets and the change feed. SQL differs per backend where FTS does.

use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::schema::{job_events, job_search, job_tags};
use super::{DbConn, StoreError};

/// A search request, already validated.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Free-text words (ANDed).
    pub words: Vec<String>,
    /// (tag kind, value) filters, ANDed.
    pub filters: Vec<(&'static str, String)>,
    pub limit: i64,
    pub page: Page,
}

/// Where a page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    First,
    /// Unranked lists: after (published_at, job_id), newest first.
    After(i64, String),
    /// Ranked search: skip this many results.
    Offset(i64),
}

/// A page of job ids and where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub ids: Vec<String>,
    pub next: Option<Page>,
}

#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = Text)]
    job_id: String,
    #[diesel(sql_type = BigInt)]
    published_at: i64,
}

enum Bind {
    T(String),
    I(i64),
}

/// Splits free text into search words: letters and digits only, so nothing a client sends can
/// be an FTS syntax error.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| w.chars().take(64).collect::<String>().to_lowercase())
        .collect()
}

/// Runs a search at `now` (expired jobs are never returned).
pub fn search(conn: &mut DbConn, query: &SearchQuery, now: i64) -> Result<SearchPage, StoreError> {
    let pg = matches!(conn, DbConn::Pg(_));
    let mut binds: Vec<Bind> = Vec::new();
    let mut ph = |b: Bind| {
        binds.push(b);
        if pg {
            format!("${}", binds.len())
        } else {
            "?".to_string()
        }
    };
    let ranked = !query.words.is_empty();
    let mut sql = String::from("SELECT s.job_id AS job_id, s.published_at AS published_at FROM ");
    let mut conds = Vec::new();
    let order;
    if ranked {
        if pg {
            let p = ph(Bind::T(query.words.join(" ")));
            sql.push_str(&format!(
                "job_search s, websearch_to_tsquery('english', {p}) tq"
            ));
            conds.push("s.tsv @@ tq".to_string());
            order = "ts_rank(s.tsv, tq) DESC, s.job_id DESC".to_string();
        } else {
            let fts: Vec<String> = query.words.iter().map(|w| format!("\"{w}\"")).collect();
            let p = ph(Bind::T(fts.join(" ")));
            sql.push_str("job_fts f JOIN job_search s ON s.doc_id = f.rowid");
            conds.push(format!("job_fts MATCH {p}"));
            order = "bm25(job_fts, 4.0, 1.0), s.job_id DESC".to_string();
        }
    } else {
        sql.push_str("job_search s");
        order = "s.published_at DESC, s.job_id DESC".to_string();
    }
    let p = ph(Bind::I(now));
    conds.push(format!("(s.valid_until IS NULL OR s.valid_until > {p})"));
    for (kind, value) in &query.filters {
        let (k, v) = (ph(Bind::T((*kind).to_string())), ph(Bind::T(value.clone())));
        conds.push(format!(
            "s.job_id IN (SELECT t.job_id FROM job_tags t WHERE t.kind = {k} AND t.value = {v})"
        ));
    }
    let mut offset = 0;
    match &query.page {
        Page::After(at, id) if !ranked => {
            let (a1, a2, i) = (ph(Bind::I(*at)), ph(Bind::I(*at)), ph(Bind::T(id.clone())));
            conds.push(format!(
                "(s.published_at < {a1} OR (s.published_at = {a2} AND s.job_id < {i}))"
            ));
        }
        Page::Offset(n) if ranked => offset = (*n).max(0),
        _ => {}
    }
    let limit = query.limit.max(1);
    let (l, o) = (ph(Bind::I(limit + 1)), ph(Bind::I(offset)));
    sql.push_str(&format!(
        " WHERE {} ORDER BY {order} LIMIT {l} OFFSET {o}",
        conds.join(" AND ")
    ));
    macro_rules! run {
        ($c:expr, $db:ty) => {{
            let mut q = diesel::sql_query(sql).into_boxed::<$db>();
            for b in binds {
                q = match b {
                    Bind::T(s) => q.bind::<Text, _>(s),
                    Bind::I(i) => q.bind::<BigInt, _>(i),
                };
            }
            q.load::<Hit>($c)?
        }};
    }
    let mut hits: Vec<Hit> = match conn {
        DbConn::Sqlite(c) => run!(c, diesel::sqlite::Sqlite),
        DbConn::Pg(c) => run!(c, diesel::pg::Pg),
    };
    let more = hits.len() as i64 > limit;
    hits.truncate(limit as usize);
    let next = match (more, hits.last()) {
        (true, Some(_)) if ranked => Some(Page::Offset(offset + limit)),
        (true, Some(last)) => Some(Page::After(last.published_at, last.job_id.clone())),
        _ => None,
    };
    Ok(SearchPage {
        ids: hits.into_iter().map(|h| h.job_id).collect(),
        next,
    })
}

/// (tag kind, value, count) rows of the facets.
pub type FacetCounts = Vec<(String, String, i64)>;

/// Facet counts of listed jobs at `now`: (total, [(kind, value, count)]).
pub fn facets(conn: &mut DbConn, now: i64) -> Result<(i64, FacetCounts), StoreError> {
    let total: i64 = job_search::table
        .filter(
            job_search::valid_until
                .is_null()
                .or(job_search::valid_until.gt(now)),
        )
        .count()
        .get_result(conn)?;
    let counts: Vec<(String, String, i64)> = job_tags::table
        .filter(
            job_tags::valid_until
                .is_null()
                .or(job_tags::valid_until.gt(now)),
        )
        .group_by((job_tags::kind, job_tags::value))
        .select((job_tags::kind, job_tags::value, count_star()))
        .load(conn)?;
    Ok((total, counts))
}

/// Change-feed events in [since, until), oldest first, at most `cap` rows: (job_id, type, at).
pub fn events(
    conn: &mut DbConn,
    since: i64,
    until: i64,
    cap: i64,
) -> Result<Vec<(String, String, i64)>, StoreError> {
    Ok(job_events::table
        .filter(job_events::occurred_at.ge(since))
        .filter(job_events::occurred_at.lt(until))
        .order((job_events::occurred_at.asc(), job_events::id.asc()))
        .limit(cap)
        .select((
            job_events::job_id,
            job_events::event_type,
            job_events::occurred_at,
        ))
        .load(conn)?)
}
