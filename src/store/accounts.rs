//! Accounts: the tenants that own tokens and jobs.

use diesel::prelude::*;

use super::schema::accounts;
use super::{is_unique_violation, new_id, now_ms, DbConn, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub created_at: i64,
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

/// The account named `name`, created if absent (a concurrent creator wins harmlessly).
pub fn find_or_create(conn: &mut DbConn, name: &str) -> Result<Account, StoreError> {
    if let Some(a) = find_by_name(conn, name)? {
        return Ok(a);
    }
    let account = Account {
        id: new_id(),
        name: name.to_string(),
        created_at: now_ms(),
    };
    match diesel::insert_into(accounts::table)
        .values(&account)
        .execute(conn)
    {
        Ok(_) => Ok(account),
        Err(e) if is_unique_violation(&e) => find_by_name(conn, name)?.ok_or(StoreError::NotFound),
        Err(e) => Err(e.into()),
    }
}

pub fn count(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(accounts::table.count().get_result(conn)?)
}
