//! The delivery worker's side of the store: claiming due deliveries under a lease (PostgreSQL:
//! `FOR UPDATE SKIP LOCKED`, so replicas never claim the same row; SQLite: one writer), and
//! recording each attempt's outcome — retry time, giving up, disabling the webhook — fenced by
//! the lease so a worker whose lease ran out cannot overwrite another's result.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::outbox::{self, EventRow};
use super::schema::{webhook_attempts, webhook_deliveries, webhooks};
use super::webhooks::{Delivery, Webhook};
use super::{DbConn, StoreError};
use crate::domain::webhooks::{self as rules, ACTIVE, DISABLED, FAILED, PENDING, SUCCEEDED};

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = Text)]
    id: String,
}

/// A claimed delivery with what sending it needs.
#[derive(Debug, Clone)]
pub struct Job {
    pub delivery: Delivery,
    pub webhook: Webhook,
    pub event: EventRow,
}

/// Leases up to `limit` due deliveries of active webhooks to `owner` until `now + lease_ms`.
pub fn claim(
    conn: &mut DbConn,
    owner: &str,
    now: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<Job>, StoreError> {
    const DUE: &str = "SELECT d.id FROM webhook_deliveries d \
        JOIN webhooks w ON w.id = d.webhook_id \
        WHERE d.status = 'PENDING' AND d.next_attempt_at <= {now} \
          AND (d.lease_until IS NULL OR d.lease_until < {now}) AND w.status = 'ACTIVE' \
        ORDER BY d.next_attempt_at LIMIT {limit}";
    let claimed: Vec<Claimed> = match conn {
        DbConn::Pg(c) => {
            let due = DUE.replace("{now}", "$3").replace("{limit}", "$4");
            diesel::sql_query(format!(
                "UPDATE webhook_deliveries SET lease_owner = $1, lease_until = $2 \
                 WHERE id IN ({due} FOR UPDATE OF d SKIP LOCKED) RETURNING id"
            ))
            .bind::<Text, _>(owner)
            .bind::<BigInt, _>(now + lease_ms)
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?
        }
        DbConn::Sqlite(c) => {
            let due = DUE.replace("{now}", "?3").replace("{limit}", "?4");
            diesel::sql_query(format!(
                "UPDATE webhook_deliveries SET lease_owner = ?1, lease_until = ?2 \
                 WHERE id IN ({due}) RETURNING id"
            ))
            .bind::<Text, _>(owner)
            .bind::<BigInt, _>(now + lease_ms)
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?
        }
    };
    let mut jobs = Vec::with_capacity(claimed.len());
    for Claimed { id } in claimed {
        let delivery: Delivery = webhook_deliveries::table
            .find(&id)
            .select(Delivery::as_select())
            .first(conn)?;
        let webhook: Webhook = webhooks::table
            .find(&delivery.webhook_id)
            .select(Webhook::as_select())
            .first(conn)?;
        let event = outbox::find(conn, &delivery.event_id)?;
        jobs.push(Job {
            delivery,
            webhook,
            event,
        });
    }
    Ok(jobs)
}

/// What one attempt came to.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub attempted_at: i64,
    pub status_code: Option<u16>,
    /// `None` when the receiver answered 2xx.
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// What recording an outcome did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    Delivered,
    RetryAt(i64),
    GaveUp,
    /// The webhook was disabled, with this reason.
    Disabled(String),
    /// The lease had passed to another worker: nothing recorded.
    LeaseLost,
}

/// Records the outcome of `job`'s attempt; `unit` in [0, 1) picks the retry jitter.
pub fn finish(
    conn: &mut DbConn,
    job: &Job,
    owner: &str,
    outcome: &Outcome,
    unit: f64,
) -> Result<Recorded, StoreError> {
    let d = &job.delivery;
    let now = outcome.attempted_at;
    conn.transaction::<Recorded, StoreError, _>(|c| {
        let attempt = d.attempts + 1;
        let code = outcome.status_code.map(i64::from);
        let (status, next_at, recorded) = match &outcome.error {
            None => (SUCCEEDED, d.next_attempt_at, Recorded::Delivered),
            Some(_) => match rules::next_attempt_at(attempt, now, unit) {
                Some(at) => (PENDING, at, Recorded::RetryAt(at)),
                None => (FAILED, d.next_attempt_at, Recorded::GaveUp),
            },
        };
        let n = diesel::update(
            webhook_deliveries::table
                .filter(webhook_deliveries::id.eq(&d.id))
                .filter(webhook_deliveries::lease_owner.eq(owner))
                .filter(webhook_deliveries::attempts.eq(d.attempts)),
        )
        .set((
            webhook_deliveries::status.eq(status),
            webhook_deliveries::attempts.eq(attempt),
            webhook_deliveries::next_attempt_at.eq(next_at),
            webhook_deliveries::lease_owner.eq(None::<String>),
            webhook_deliveries::lease_until.eq(None::<i64>),
            webhook_deliveries::last_status_code.eq(code),
            webhook_deliveries::last_error.eq(outcome.error.as_deref()),
            webhook_deliveries::last_attempt_at.eq(now),
            webhook_deliveries::delivered_at.eq((status == SUCCEEDED).then_some(now)),
        ))
        .execute(c)?;
        if n != 1 {
            return Ok(Recorded::LeaseLost);
        }
        diesel::insert_into(webhook_attempts::table)
            .values((
                webhook_attempts::delivery_id.eq(&d.id),
                webhook_attempts::attempt.eq(attempt),
                webhook_attempts::attempted_at.eq(now),
                webhook_attempts::status_code.eq(code),
                webhook_attempts::error.eq(outcome.error.as_deref()),
                webhook_attempts::duration_ms.eq(outcome.duration_ms),
                webhook_attempts::worker.eq(owner),
            ))
            .execute(c)?;
        let hook = || webhooks::table.find(&d.webhook_id);
        let Some(error) = &outcome.error else {
            diesel::update(hook())
                .set((
                    webhooks::consecutive_failures.eq(0),
                    webhooks::last_success_at.eq(now),
                ))
                .execute(c)?;
            return Ok(recorded);
        };
        diesel::update(hook())
            .set(webhooks::consecutive_failures.eq(webhooks::consecutive_failures + 1))
            .execute(c)?;
        let (failures, last_success): (i64, Option<i64>) = hook()
            .select((webhooks::consecutive_failures, webhooks::last_success_at))
            .first(c)?;
        let exhausted = attempt == rules::MAX_ATTEMPTS;
        let succeeded_since = last_success.is_some_and(|t| t >= d.created_at);
        match rules::disable_reason(failures, exhausted, succeeded_since, error) {
            Some(reason) => {
                disable(c, &d.webhook_id, &reason, now)?;
                Ok(Recorded::Disabled(reason))
            }
            None => Ok(recorded),
        }
    })
}

/// Disables a webhook; its waiting deliveries fail with the reason (the ledger keeps the events).
fn disable(conn: &mut DbConn, webhook_id: &str, reason: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(
        webhooks::table
            .find(webhook_id)
            .filter(webhooks::status.eq(ACTIVE)),
    )
    .set((
        webhooks::status.eq(DISABLED),
        webhooks::disabled_at.eq(now),
        webhooks::disabled_reason.eq(reason),
    ))
    .execute(conn)?;
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::webhook_id.eq(webhook_id))
            .filter(webhook_deliveries::status.eq(PENDING)),
    )
    .set((
        webhook_deliveries::status.eq(FAILED),
        webhook_deliveries::last_error.eq(format!("webhook disabled: {reason}")),
    ))
    .execute(conn)?;
    Ok(())
}
