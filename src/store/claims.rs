//! The claim ceremony's row (one per self-registered account): hashed claim token, user code and
//! verification secret, with conditional updates so every step happens once across replicas.

use diesel::prelude::*;

use super::schema::agent_claims;
use super::{DbConn, StoreError};
use crate::domain::claim::ClaimState;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = agent_claims)]
pub struct AgentClaim {
    pub account_id: String,
    pub claim_token_hash: String,
    pub claim_token_expires_at: i64,
    /// The e-mail the claim was started for (lowercased).
    pub email: Option<String>,
    pub user_code_hash: Option<String>,
    pub verification_hash: Option<String>,
    pub code_expires_at: Option<i64>,
    pub failed_attempts: i64,
    pub confirmed_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub last_polled_at: Option<i64>,
    pub created_at: i64,
}

impl AgentClaim {
    /// A registration's ceremony, not started yet.
    pub fn new(account_id: &str, claim_token_hash: String, expires_at: i64, now: i64) -> Self {
        AgentClaim {
            account_id: account_id.to_string(),
            claim_token_hash,
            claim_token_expires_at: expires_at,
            email: None,
            user_code_hash: None,
            verification_hash: None,
            code_expires_at: None,
            failed_attempts: 0,
            confirmed_at: None,
            delivered_at: None,
            last_polled_at: None,
            created_at: now,
        }
    }

    /// What the domain's rules read.
    pub fn state(&self) -> ClaimState {
        ClaimState {
            claim_token_expires_at: self.claim_token_expires_at,
            code_expires_at: self.code_expires_at,
            confirmed_at: self.confirmed_at,
            delivered_at: self.delivered_at,
            last_polled_at: self.last_polled_at,
        }
    }
}

pub fn insert(conn: &mut DbConn, claim: &AgentClaim) -> Result<(), StoreError> {
    diesel::insert_into(agent_claims::table)
        .values(claim)
        .execute(conn)?;
    Ok(())
}

/// The ceremony a claim token (by its hash) belongs to.
pub fn find_by_claim_hash(conn: &mut DbConn, hash: &str) -> Result<Option<AgentClaim>, StoreError> {
    Ok(agent_claims::table
        .filter(agent_claims::claim_token_hash.eq(hash))
        .select(AgentClaim::as_select())
        .first(conn)
        .optional()?)
}

/// The ceremony a verification link (by its secret's hash) belongs to.
pub fn find_by_verification_hash(
    conn: &mut DbConn,
    hash: &str,
) -> Result<Option<AgentClaim>, StoreError> {
    Ok(agent_claims::table
        .filter(agent_claims::verification_hash.eq(hash))
        .select(AgentClaim::as_select())
        .first(conn)
        .optional()?)
}

/// The ceremony of an account, if it registered itself.
pub fn find_for_account(
    conn: &mut DbConn,
    account_id: &str,
) -> Result<Option<AgentClaim>, StoreError> {
    Ok(agent_claims::table
        .find(account_id)
        .select(AgentClaim::as_select())
        .first(conn)
        .optional()?)
}

/// (Re)starts the ceremony: a new code and link replace any earlier ones, attempts reset.
pub fn start(
    conn: &mut DbConn,
    account_id: &str,
    email: &str,
    user_code_hash: &str,
    verification_hash: &str,
    code_expires_at: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        agent_claims::table
            .find(account_id)
            .filter(agent_claims::confirmed_at.is_null()),
    )
    .set((
        agent_claims::email.eq(Some(email)),
        agent_claims::user_code_hash.eq(Some(user_code_hash)),
        agent_claims::verification_hash.eq(Some(verification_hash)),
        agent_claims::code_expires_at.eq(Some(code_expires_at)),
        agent_claims::failed_attempts.eq(0),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Counts a wrong code; returns the attempts so far. The code is burned at `burn_at` attempts.
pub fn record_failed_attempt(
    conn: &mut DbConn,
    account_id: &str,
    burn_at: i64,
) -> Result<i64, StoreError> {
    diesel::update(agent_claims::table.find(account_id))
        .set(agent_claims::failed_attempts.eq(agent_claims::failed_attempts + 1))
        .execute(conn)?;
    let attempts: i64 = agent_claims::table
        .find(account_id)
        .select(agent_claims::failed_attempts)
        .first(conn)?;
    if attempts >= burn_at {
        diesel::update(agent_claims::table.find(account_id))
            .set(agent_claims::user_code_hash.eq(None::<String>))
            .execute(conn)?;
    }
    Ok(attempts)
}

/// Records the person's confirmation, once, for the code that is current (`user_code_hash`).
pub fn confirm(
    conn: &mut DbConn,
    account_id: &str,
    user_code_hash: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        agent_claims::table
            .find(account_id)
            .filter(agent_claims::confirmed_at.is_null())
            .filter(agent_claims::user_code_hash.eq(user_code_hash)),
    )
    .set((
        agent_claims::confirmed_at.eq(Some(now)),
        // The link and the code are single use.
        agent_claims::user_code_hash.eq(None::<String>),
        agent_claims::verification_hash.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Notes a poll of the token endpoint.
pub fn touch_poll(conn: &mut DbConn, account_id: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(agent_claims::table.find(account_id))
        .set(agent_claims::last_polled_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// Marks the post-claim token delivered; false if another poll delivered it first.
pub fn mark_delivered(conn: &mut DbConn, account_id: &str, now: i64) -> Result<bool, StoreError> {
    let n = diesel::update(
        agent_claims::table
            .find(account_id)
            .filter(agent_claims::confirmed_at.is_not_null())
            .filter(agent_claims::delivered_at.is_null()),
    )
    .set(agent_claims::delivered_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

/// An operator's claim by hand: an open ceremony counts as confirmed (the agent's next poll gets
/// its post-claim token). Returns whether a ceremony was waiting.
pub fn confirm_by_operator(
    conn: &mut DbConn,
    account_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        agent_claims::table
            .find(account_id)
            .filter(agent_claims::confirmed_at.is_null()),
    )
    .set((
        agent_claims::confirmed_at.eq(Some(now)),
        agent_claims::user_code_hash.eq(None::<String>),
        agent_claims::verification_hash.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
