//! Webhook subscriptions of an account (at most ten, counted in the creating transaction), their
//! delivery log, and redelivery. Tenant-scoped: another account's webhook is `NotFound`.

use diesel::prelude::*;

use super::schema::{webhook_attempts, webhook_deliveries, webhooks};
use super::{new_id, DbConn, StoreError};
use crate::domain::events::EventType;
use crate::domain::webhooks::{ACTIVE, MAX_PER_ACCOUNT, PENDING};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: String,
    pub account_id: String,
    pub url: String,
    pub event_types: String,
    pub secret: String,
    pub status: String,
    pub consecutive_failures: i64,
    pub last_success_at: Option<i64>,
    pub created_at: i64,
    pub disabled_at: Option<i64>,
    pub disabled_reason: Option<String>,
}

impl Webhook {
    pub fn event_type_list(&self) -> Vec<&str> {
        self.event_types.split_whitespace().collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
pub struct Delivery {
    pub id: String,
    pub webhook_id: String,
    pub event_id: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub lease_owner: Option<String>,
    pub lease_until: Option<i64>,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = webhook_attempts)]
pub struct Attempt {
    pub delivery_id: String,
    pub attempt: i64,
    pub attempted_at: i64,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
    /// The worker (replica) that made the attempt.
    pub worker: String,
}

/// Creates a webhook; the count and the insert share a transaction behind the account's lock,
/// so two concurrent creates cannot both pass the count. `None` when the account already has
/// `MAX_PER_ACCOUNT` webhooks.
pub fn create(
    conn: &mut DbConn,
    account_id: &str,
    url: &str,
    types: &[EventType],
    secret: &str,
    now: i64,
) -> Result<Option<Webhook>, StoreError> {
    conn.transaction::<Option<Webhook>, StoreError, _>(|c| {
        super::accounts::lock(c, account_id)?;
        let n: i64 = webhooks::table
            .filter(webhooks::account_id.eq(account_id))
            .count()
            .get_result(c)?;
        if n >= MAX_PER_ACCOUNT {
            return Ok(None);
        }
        let hook = Webhook {
            id: format!("wh_{}", new_id()),
            account_id: account_id.to_string(),
            url: url.to_string(),
            event_types: types
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            secret: secret.to_string(),
            status: ACTIVE.to_string(),
            consecutive_failures: 0,
            last_success_at: None,
            created_at: now,
            disabled_at: None,
            disabled_reason: None,
        };
        diesel::insert_into(webhooks::table)
            .values((
                webhooks::id.eq(&hook.id),
                webhooks::account_id.eq(&hook.account_id),
                webhooks::url.eq(&hook.url),
                webhooks::event_types.eq(&hook.event_types),
                webhooks::secret.eq(&hook.secret),
                webhooks::status.eq(&hook.status),
                webhooks::consecutive_failures.eq(0),
                webhooks::created_at.eq(now),
            ))
            .execute(c)?;
        Ok(Some(hook))
    })
}

/// The account's webhooks, oldest first.
pub fn list(conn: &mut DbConn, account_id: &str) -> Result<Vec<Webhook>, StoreError> {
    Ok(webhooks::table
        .filter(webhooks::account_id.eq(account_id))
        .order((webhooks::created_at.asc(), webhooks::id.asc()))
        .select(Webhook::as_select())
        .load(conn)?)
}

/// The account's webhook `id`.
pub fn find_owned(conn: &mut DbConn, account_id: &str, id: &str) -> Result<Webhook, StoreError> {
    Ok(webhooks::table
        .filter(webhooks::id.eq(id))
        .filter(webhooks::account_id.eq(account_id))
        .select(Webhook::as_select())
        .first(conn)?)
}

/// Deletes the account's webhook `id` with its delivery log; returns whether it existed.
pub fn delete(conn: &mut DbConn, account_id: &str, id: &str) -> Result<bool, StoreError> {
    conn.transaction::<bool, StoreError, _>(|c| {
        let hook = match find_owned(c, account_id, id) {
            Ok(h) => h,
            Err(StoreError::NotFound) => return Ok(false),
            Err(e) => return Err(e),
        };
        let deliveries = webhook_deliveries::table
            .filter(webhook_deliveries::webhook_id.eq(&hook.id))
            .select(webhook_deliveries::id);
        diesel::delete(
            webhook_attempts::table.filter(webhook_attempts::delivery_id.eq_any(deliveries)),
        )
        .execute(c)?;
        diesel::delete(
            webhook_deliveries::table.filter(webhook_deliveries::webhook_id.eq(&hook.id)),
        )
        .execute(c)?;
        diesel::delete(webhooks::table.find(&hook.id)).execute(c)?;
        Ok(true)
    })
}

/// A page of a webhook's deliveries, newest first, keyset-paged on (created_at, id).
pub fn deliveries(
    conn: &mut DbConn,
    webhook_id: &str,
    before: Option<(i64, String)>,
    limit: i64,
) -> Result<Vec<Delivery>, StoreError> {
    let mut q = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .limit(limit)
        .select(Delivery::as_select())
        .into_boxed();
    if let Some((at, id)) = before {
        q = q.filter(
            webhook_deliveries::created_at
                .lt(at)
                .or(webhook_deliveries::created_at
                    .eq(at)
                    .and(webhook_deliveries::id.lt(id))),
        );
    }
    Ok(q.load(conn)?)
}

/// The attempts of `delivery_ids`, in attempt order.
pub fn attempts(conn: &mut DbConn, delivery_ids: &[String]) -> Result<Vec<Attempt>, StoreError> {
    Ok(webhook_attempts::table
        .filter(webhook_attempts::delivery_id.eq_any(delivery_ids))
        .order((webhook_attempts::delivery_id, webhook_attempts::attempt))
        .select(Attempt::as_select())
        .load(conn)?)
}

/// A delivery of webhook `webhook_id`.
pub fn find_delivery(
    conn: &mut DbConn,
    webhook_id: &str,
    id: &str,
) -> Result<Delivery, StoreError> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::id.eq(id))
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .select(Delivery::as_select())
        .first(conn)?)
}

/// Queues delivery `id` again, due at `now`, with the same `webhook-id` (receivers dedupe on it).
/// A delivery in flight (leased) is left alone; returns whether it was queued.
pub fn redeliver(conn: &mut DbConn, id: &str, now: i64) -> Result<bool, StoreError> {
    let n = diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::id.eq(id))
            .filter(
                webhook_deliveries::lease_until
                    .is_null()
                    .or(webhook_deliveries::lease_until.lt(now)),
            ),
    )
    .set((
        webhook_deliveries::status.eq(PENDING),
        webhook_deliveries::next_attempt_at.eq(now),
        webhook_deliveries::lease_owner.eq(None::<String>),
        webhook_deliveries::lease_until.eq(None::<i64>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
