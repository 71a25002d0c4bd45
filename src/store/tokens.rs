//! API tokens: random secrets shown once, stored as SHA-256, identified by a masked preview.

use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::accounts::{self, Account};
use super::schema::api_tokens;
use super::{new_id, now_ms, per_backend, DbConn, StoreError};
use crate::domain::create::hex;

/// Every token starts with this, so leaked tokens are easy to scan for.
pub const TOKEN_PREFIX: &str = "jd_pat_";

/// The scopes a token can hold; `jobs:write` implies `jobs:read`.
pub const SCOPES: &[&str] = &["jobs:read", "jobs:write"];

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub token_hash: String,
    pub preview: String,
    pub scopes: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// Unix ms after which the token stops working.
    pub expires_at: Option<i64>,
    /// The client it was issued to (CTOJobsHQ's `client.name`).
    pub client_name: Option<String>,
}

impl ApiToken {
    /// active, expired or revoked, at `now`.
    pub fn status(&self, now: i64) -> &'static str {
        if self.revoked_at.is_some() {
            "revoked"
        } else if self.expires_at.is_some_and(|t| t <= now) {
            "expired"
        } else {
            "active"
        }
    }

    pub fn scope_list(&self) -> Vec<String> {
        self.scopes.split_whitespace().map(str::to_string).collect()
    }

    /// Whether the token grants `scope` (`jobs:write` covers `jobs:read`).
    pub fn grants(&self, scope: &str) -> bool {
        self.scopes.split_whitespace().any(|s| {
            s == scope || (scope.ends_with(":read") && s == scope.replace(":read", ":write"))
        })
    }
}

/// SHA-256 of a presented secret, as stored.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A new secret: `prefix` and 256 random bits in hex.
pub fn new_secret_with(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", hex(&bytes))
}

fn new_secret() -> String {
    new_secret_with(TOKEN_PREFIX)
}

/// `jd_pat_1a2b********9f0e`: enough to recognise a token, useless to an attacker.
fn preview(secret: &str) -> String {
    let body = secret.trim_start_matches(TOKEN_PREFIX);
    let head: String = body.chars().take(4).collect();
    let tail: String = body
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{TOKEN_PREFIX}{head}********{tail}")
}

/// Normalizes a scope list (`jobs:read,jobs:write`), rejecting unknown scopes.
pub fn parse_scopes(list: &str) -> Result<Vec<String>, String> {
    let mut scopes = Vec::new();
    for s in list
        .split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !SCOPES.contains(&s) {
            return Err(format!(
                "unknown scope {s:?}; known scopes: {}",
                SCOPES.join(", ")
            ));
        }
        if !scopes.iter().any(|x: &String| x == s) {
            scopes.push(s.to_string());
        }
    }
    if scopes.is_empty() {
        return Err("at least one scope is required".into());
    }
    Ok(scopes)
}

/// Creates a token for the account named `account_name` (created if absent). Returns the secret,
/// which is never stored and cannot be shown again.
pub fn create(
    conn: &mut DbConn,
    account_name: &str,
    name: &str,
    scopes: &[String],
) -> Result<(String, ApiToken, Account), StoreError> {
    let account = accounts::find_or_create(conn, account_name)?;
    let (secret, token) = issue(
        conn,
        &account.id,
        name,
        scopes,
        NewToken::default(),
        now_ms(),
    )?;
    Ok((secret, token, account))
}

/// Optional properties of a new token.
#[derive(Debug, Clone, Default)]
pub struct NewToken {
    pub expires_at: Option<i64>,
    pub client_name: Option<String>,
}

/// Creates a token for `account_id`; returns the secret (shown once) and the stored token.
pub fn issue(
    conn: &mut DbConn,
    account_id: &str,
    name: &str,
    scopes: &[String],
    extra: NewToken,
    now: i64,
) -> Result<(String, ApiToken), StoreError> {
    let secret = new_secret();
    let token = ApiToken {
        id: new_id(),
        account_id: account_id.to_string(),
        name: name.to_string(),
        token_hash: hash_secret(&secret),
        preview: preview(&secret),
        scopes: scopes.join(" "),
        created_at: now,
        last_used_at: None,
        revoked_at: None,
        expires_at: extra.expires_at,
        client_name: extra.client_name,
    };
    diesel::insert_into(api_tokens::table)
        .values(&token)
        .execute(conn)?;
    Ok((secret, token))
}

/// The live token a secret belongs to, with its account.
pub fn authenticate(
    conn: &mut DbConn,
    secret: &str,
) -> Result<Option<(ApiToken, Account)>, StoreError> {
    authenticate_at(conn, secret, now_ms())
}

/// The token a secret belongs to if it is live at `now` (not revoked, not expired).
pub fn authenticate_at(
    conn: &mut DbConn,
    secret: &str,
    now: i64,
) -> Result<Option<(ApiToken, Account)>, StoreError> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    use super::schema::accounts;
    // One query for the token and its account: this runs on every authenticated request.
    let hash = hash_secret(secret);
    let found: Option<(ApiToken, Account)> = per_backend!(conn, c => api_tokens::table
        .inner_join(accounts::table)
        .filter(api_tokens::token_hash.eq(&hash))
        .filter(api_tokens::revoked_at.is_null())
        .select((ApiToken::as_select(), Account::as_select()))
        .first(c)
        .optional())?;
    let Some((token, account)) = found else {
        return Ok(None);
    };
    if token.expires_at.is_some_and(|t| t <= now) {
        return Ok(None);
    }
    // Touch last_used_at at most once a minute, so auth is not a write on every request.
    if token.last_used_at.is_none_or(|t| now - t > 60_000) {
        diesel::update(api_tokens::table.find(&token.id))
            .set(api_tokens::last_used_at.eq(Some(now)))
            .execute(conn)?;
    }
    Ok(Some((token, account)))
}

/// The account's tokens, newest first.
pub fn list_for_account(conn: &mut DbConn, account_id: &str) -> Result<Vec<ApiToken>, StoreError> {
    Ok(api_tokens::table
        .filter(api_tokens::account_id.eq(account_id))
        .order((api_tokens::created_at.desc(), api_tokens::id.desc()))
        .select(ApiToken::as_select())
        .load(conn)?)
}

/// Tokens of the account that work at `now`.
pub fn count_active(conn: &mut DbConn, account_id: &str, now: i64) -> Result<i64, StoreError> {
    Ok(api_tokens::table
        .filter(api_tokens::account_id.eq(account_id))
        .filter(api_tokens::revoked_at.is_null())
        .filter(
            api_tokens::expires_at
                .is_null()
                .or(api_tokens::expires_at.gt(now)),
        )
        .count()
        .get_result(conn)?)
}

/// One of the account's tokens (another account's is `NotFound`).
pub fn find_owned(conn: &mut DbConn, account_id: &str, id: &str) -> Result<ApiToken, StoreError> {
    Ok(api_tokens::table
        .find(id)
        .filter(api_tokens::account_id.eq(account_id))
        .select(ApiToken::as_select())
        .first(conn)?)
}

/// Revokes one of the account's tokens (a no-op if it already is); returns it as stored.
pub fn revoke_owned(
    conn: &mut DbConn,
    account_id: &str,
    id: &str,
    now: i64,
) -> Result<ApiToken, StoreError> {
    diesel::update(
        api_tokens::table
            .find(id)
            .filter(api_tokens::account_id.eq(account_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    find_owned(conn, account_id, id)
}

/// Revokes every live token of the account except `keep`; returns how many.
pub fn revoke_all_except(
    conn: &mut DbConn,
    account_id: &str,
    keep: &str,
    now: i64,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        api_tokens::table
            .filter(api_tokens::account_id.eq(account_id))
            .filter(api_tokens::id.ne(keep))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?)
}

/// Revokes the account's live tokens issued to `client`; returns how many.
pub fn revoke_for_client(
    conn: &mut DbConn,
    account_id: &str,
    client: &str,
    now: i64,
) -> Result<usize, StoreError> {
    Ok(diesel::update(
        api_tokens::table
            .filter(api_tokens::account_id.eq(account_id))
            .filter(api_tokens::client_name.eq(client))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?)
}

/// Revokes the token whose secret this is, if any (RFC 7009: unknown tokens are no error).
pub fn revoke_by_secret(conn: &mut DbConn, secret: &str, now: i64) -> Result<bool, StoreError> {
    let n = diesel::update(
        api_tokens::table
            .filter(api_tokens::token_hash.eq(hash_secret(secret)))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n > 0)
}

/// Every token with its account name, newest first.
pub fn list(conn: &mut DbConn) -> Result<Vec<(ApiToken, String)>, StoreError> {
    use super::schema::accounts;
    Ok(api_tokens::table
        .inner_join(accounts::table)
        .order((api_tokens::created_at.desc(), api_tokens::id.desc()))
        .select((ApiToken::as_select(), accounts::name))
        .load(conn)?)
}

/// Revokes a token; `NotFound` if no live token has that id.
pub fn revoke(conn: &mut DbConn, id: &str) -> Result<(), StoreError> {
    let n = diesel::update(
        api_tokens::table
            .find(id)
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now_ms())))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
