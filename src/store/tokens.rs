//! API tokens: random secrets shown once, stored as SHA-256, identified by a masked preview.

use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::accounts::{self, Account};
use super::schema::api_tokens;
use super::{new_id, now_ms, DbConn, StoreError};
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
}

impl ApiToken {
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

/// A new secret: the prefix and 256 random bits in hex.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", hex(&bytes))
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
    let secret = new_secret();
    let token = ApiToken {
        id: new_id(),
        account_id: account.id.clone(),
        name: name.to_string(),
        token_hash: hash_secret(&secret),
        preview: preview(&secret),
        scopes: scopes.join(" "),
        created_at: now_ms(),
        last_used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(api_tokens::table)
        .values(&token)
        .execute(conn)?;
    Ok((secret, token, account))
}

/// The live token a secret belongs to, with its account.
pub fn authenticate(
    conn: &mut DbConn,
    secret: &str,
) -> Result<Option<(ApiToken, Account)>, StoreError> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let found: Option<ApiToken> = api_tokens::table
        .filter(api_tokens::token_hash.eq(hash_secret(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .select(ApiToken::as_select())
        .first(conn)
        .optional()?;
    let Some(token) = found else { return Ok(None) };
    let now = now_ms();
    // Touch last_used_at at most once a minute, so auth is not a write on every request.
    if token.last_used_at.is_none_or(|t| now - t > 60_000) {
        diesel::update(api_tokens::table.find(&token.id))
            .set(api_tokens::last_used_at.eq(Some(now)))
            .execute(conn)?;
    }
    let account = accounts::find(conn, &token.account_id)?;
    Ok(Some((token, account)))
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
