//! The outbox: every job event written in the caller's transaction, at the account's next ledger
//! position, with one pending delivery per subscribed webhook; and the ledger read by position.
//!
//! Positions come from a per-account counter row, not a database sequence. A sequence hands out
//! numbers when rows are inserted, but transactions commit in another order: a reader that saw 7
//! while 6 was still uncommitted would move its cursor past 6 for ever. Taking the next position
//! updates the account's counter row, whose lock is held until commit, so a later position can
//! only commit after every earlier one (and a rolled-back position is handed out again: no gaps).
//! The price is that one account's event-writing transactions commit one at a time.

use diesel::backend::Backend;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Text};

use super::schema::{events, webhook_deliveries, webhooks};
use super::{new_id, per_backend, DbConn, StoreError};
use crate::domain::events::NewEvent;
use crate::domain::webhooks::{subscribes, ACTIVE};

/// A recorded event, as the ledger and the webhook body show it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct EventRow {
    pub id: String,
    pub account_id: String,
    pub seq: i64,
    pub event_type: String,
    pub resource_id: String,
    pub job_id: Option<String>,
    pub data: String,
    pub created_at: i64,
}

/// The account's next ledger position; holds the counter row's lock until the caller commits.
fn next_position(conn: &mut DbConn, account_id: &str) -> Result<i64, StoreError> {
    let query = NextPosition { account_id };
    Ok(per_backend!(conn, c => query.get_result::<i64>(c))?)
}

/// `INSERT … ON CONFLICT DO UPDATE … RETURNING` on the account's counter row, as a query type of
/// its own so that its prepared statement is cached: Diesel never caches an upsert built with its
/// DSL or a `sql_query`, and re-preparing this one cost more than running it on every write.
#[derive(Debug, Clone, Copy)]
struct NextPosition<'a> {
    account_id: &'a str,
}

impl QueryId for NextPosition<'_> {
    type QueryId = NextPosition<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl Query for NextPosition<'_> {
    type SqlType = BigInt;
}

impl<DB> QueryFragment<DB> for NextPosition<'_>
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql("INSERT INTO event_counters (account_id, last_seq) VALUES (");
        out.push_bind_param::<Text, str>(self.account_id)?;
        out.push_sql(
            ", 1) ON CONFLICT (account_id) DO UPDATE SET last_seq = event_counters.last_seq + 1 \
             RETURNING last_seq",
        );
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for NextPosition<'_> {}

/// Records `new` about job `job_id` of `account_id` at `at`, and queues a delivery for every
/// active webhook of the account subscribed to its type. Call it inside the transaction that
/// makes the change.
pub fn record(
    conn: &mut DbConn,
    account_id: &str,
    job_id: &str,
    new: &[NewEvent],
    at: i64,
) -> Result<(), StoreError> {
    if new.is_empty() {
        return Ok(());
    }
    let hooks: Vec<(String, String)> = per_backend!(conn, c => webhooks::table
        .filter(webhooks::account_id.eq(account_id))
        .filter(webhooks::status.eq(ACTIVE))
        .select((webhooks::id, webhooks::event_types))
        .load(c))?;
    for event in new {
        let seq = next_position(conn, account_id)?;
        let id = format!("evt_{}", new_id());
        per_backend!(conn, c => diesel::insert_into(events::table)
            .values((
                events::id.eq(&id),
                events::account_id.eq(account_id),
                events::seq.eq(seq),
                events::event_type.eq(event.kind.as_str()),
                events::resource_id.eq(job_id),
                events::job_id.eq(Some(job_id)),
                events::data.eq(event.data.to_string()),
                events::created_at.eq(at),
            ))
            .execute(c))?;
        for (hook_id, types) in &hooks {
            if !subscribes(types, event.kind) {
                continue;
            }
            diesel::insert_into(webhook_deliveries::table)
                .values((
                    webhook_deliveries::id.eq(format!("msg_{}", new_id())),
                    webhook_deliveries::webhook_id.eq(hook_id),
                    webhook_deliveries::event_id.eq(&id),
                    webhook_deliveries::status.eq(crate::domain::webhooks::PENDING),
                    webhook_deliveries::attempts.eq(0),
                    webhook_deliveries::next_attempt_at.eq(at),
                    webhook_deliveries::created_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Up to `limit` of the account's events after position `after`, oldest first.
pub fn page(
    conn: &mut DbConn,
    account_id: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<EventRow>, StoreError> {
    Ok(events::table
        .filter(events::account_id.eq(account_id))
        .filter(events::seq.gt(after))
        .order(events::seq.asc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)?)
}

/// An event by id.
pub fn find(conn: &mut DbConn, id: &str) -> Result<EventRow, StoreError> {
    Ok(events::table
        .find(id)
        .select(EventRow::as_select())
        .first(conn)?)
}

/// The types of events `ids`, by id.
pub fn types_of(
    conn: &mut DbConn,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let rows: Vec<(String, String)> = events::table
        .filter(events::id.eq_any(ids))
        .select((events::id, events::event_type))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
