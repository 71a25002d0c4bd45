//! Accounts: the tenants that own tokens and jobs, with their owner and claim state.

use diesel::prelude::*;

use super::schema::accounts;
use super::{is_unique_violation, new_id, now_ms, DbConn, StoreError};

/// How an account came to be.
pub const ORIGIN_OPERATOR: &str = "operator";
/// Self-registered by an agent (`POST /api/agent/identity`).
pub const ORIGIN_REGISTRATION: &str = "registration";
/// Issued to an owner e-mail (`POST /api/v1/access_tokens`, CTOJobsHQ's flow).
pub const ORIGIN_ISSUED: &str = "issued";

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    /// The person the account belongs to (lowercased e-mail), once known.
    pub owner_email: Option<String>,
    pub owner_name: Option<String>,
    /// Whether a person has taken the account over (operator accounts are claimed from the start).
    pub claimed: bool,
    /// operator, registration or issued.
    pub origin: String,
}

impl Account {
    /// A new account row.
    pub fn new(name: &str, origin: &str, claimed: bool, now: i64) -> Account {
        Account {
            id: new_id(),
            name: name.to_string(),
            created_at: now,
            owner_email: None,
            owner_name: None,
            claimed,
            origin: origin.to_string(),
        }
    }
}

pub fn find_by_name(conn: &mut DbConn, name: &str) -> Result<Option<Account>, StoreError> {
    Ok(accounts::table
        .filter(accounts::name.eq(name))
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Account, StoreError> {
    Ok(accounts::table
        .find(id)
        .select(Account::as_select())
        .first(conn)?)
}

/// The account `name`, or one created from `template` if absent (a concurrent creator wins harmlessly).
pub fn find_or_insert(conn: &mut DbConn, template: Account) -> Result<Account, StoreError> {
    if let Some(a) = find_by_name(conn, &template.name)? {
        return Ok(a);
    }
    match diesel::insert_into(accounts::table)
        .values(&template)
        .execute(conn)
    {
        Ok(_) => Ok(template),
        Err(e) if is_unique_violation(&e) => {
            find_by_name(conn, &template.name)?.ok_or(StoreError::NotFound)
        }
        Err(e) => Err(e.into()),
    }
}

/// The operator account named `name`, created if absent.
pub fn find_or_create(conn: &mut DbConn, name: &str) -> Result<Account, StoreError> {
    find_or_insert(conn, Account::new(name, ORIGIN_OPERATOR, true, now_ms()))
}

/// Inserts a new account.
pub fn insert(conn: &mut DbConn, account: &Account) -> Result<(), StoreError> {
    diesel::insert_into(accounts::table)
        .values(account)
        .execute(conn)?;
    Ok(())
}

/// The claimed account owned by `email`, if any.
pub fn find_claimed_by_email(
    conn: &mut DbConn,
    email: &str,
) -> Result<Option<Account>, StoreError> {
    Ok(accounts::table
        .filter(accounts::owner_email.eq(email))
        .filter(accounts::claimed.eq(true))
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

/// Why a claim could not be recorded.
#[derive(Debug)]
pub enum ClaimError {
    /// Another claimed account already belongs to this e-mail.
    EmailTaken,
    Store(StoreError),
}

impl From<diesel::result::Error> for ClaimError {
    fn from(e: diesel::result::Error) -> Self {
        if is_unique_violation(&e) {
            ClaimError::EmailTaken
        } else {
            ClaimError::Store(e.into())
        }
    }
}

impl From<StoreError> for ClaimError {
    fn from(e: StoreError) -> Self {
        ClaimError::Store(e)
    }
}

/// Marks `id` claimed by `email` (and `name` when given). The unique index on claimed e-mails
/// decides races between two accounts claimed for one address.
pub fn mark_claimed(
    conn: &mut DbConn,
    id: &str,
    email: &str,
    name: Option<&str>,
) -> Result<(), ClaimError> {
    let target = accounts::table.find(id);
    let claim = (
        accounts::claimed.eq(true),
        accounts::owner_email.eq(Some(email)),
    );
    let n = match name {
        Some(name) => diesel::update(target)
            .set((claim, accounts::owner_name.eq(Some(name))))
            .execute(conn)?,
        None => diesel::update(target).set(claim).execute(conn)?,
    };
    if n == 0 {
        return Err(ClaimError::Store(StoreError::NotFound));
    }
    Ok(())
}

/// Every account, oldest first.
pub fn list(conn: &mut DbConn) -> Result<Vec<Account>, StoreError> {
    Ok(accounts::table
        .order((accounts::created_at.asc(), accounts::id.asc()))
        .select(Account::as_select())
        .load(conn)?)
}

/// Serializes writers of one account's rows until the transaction ends (PostgreSQL row lock; on
/// SQLite writers are serialized already), so count-then-insert limits hold across replicas.
pub fn lock(conn: &mut DbConn, id: &str) -> Result<(), StoreError> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT id FROM accounts WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::Text, _>(id)
            .execute(c)?;
    }
    Ok(())
}

pub fn count(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(accounts::table.count().get_result(conn)?)
}
