//! `jobdraft accounts list|show|claim`: see who registered, and hand an account to a person by hand.

use clap::Subcommand;
use diesel::Connection;

use crate::domain::claim::normalize_email;
use crate::store::accounts::{self, Account, ClaimError};
use crate::store::{claims, now_ms, tokens, DbConn, StoreError};

use super::{open_store, AnyError};

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// List accounts: origin, claim state, owner.
    List,
    /// Show one account (by name or id): owner, claim ceremony, tokens.
    Show { account: String },
    /// Claim an account for a person (by name or id); an agent waiting on the claim gets its
    /// post-claim token on its next poll.
    Claim {
        account: String,
        /// The person's e-mail address.
        #[arg(long)]
        email: String,
        /// The person's name.
        #[arg(long)]
        name: Option<String>,
    },
}

fn find(conn: &mut DbConn, key: &str) -> Result<Account, AnyError> {
    if let Some(a) = accounts::find_by_name(conn, key)? {
        return Ok(a);
    }
    match accounts::find(conn, key) {
        Ok(a) => Ok(a),
        Err(StoreError::NotFound) => Err(format!("no account named or with id {key:?}").into()),
        Err(e) => Err(e.into()),
    }
}

fn when(ms: Option<i64>) -> String {
    ms.map_or_else(|| "-".to_string(), crate::http::iso)
}

pub fn accounts_command(command: AccountsCommand, database_url: &str) -> Result<(), AnyError> {
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    match command {
        AccountsCommand::List => {
            println!(
                "{:<34} {:<32} {:<13} {:<8} OWNER",
                "ID", "NAME", "ORIGIN", "CLAIMED"
            );
            for a in accounts::list(&mut conn)? {
                println!(
                    "{:<34} {:<32} {:<13} {:<8} {}",
                    a.id,
                    a.name,
                    a.origin,
                    if a.claimed { "yes" } else { "no" },
                    a.owner_email.as_deref().unwrap_or("-")
                );
            }
        }
        AccountsCommand::Show { account } => {
            let a = find(&mut conn, &account)?;
            println!("id:       {}\nname:     {}\norigin:   {}\nclaimed:  {}\nowner:    {} {}\ncreated:  {}",
                a.id, a.name, a.origin, a.claimed, a.owner_email.as_deref().unwrap_or("-"),
                a.owner_name.as_deref().map(|n| format!("({n})")).unwrap_or_default(), when(Some(a.created_at)));
            if let Some(c) = claims::find_for_account(&mut conn, &a.id)? {
                println!("claim:    e-mail {}, code expires {}, confirmed {}, token delivered {}, claim token expires {}",
                    c.email.as_deref().unwrap_or("-"), when(c.code_expires_at), when(c.confirmed_at), when(c.delivered_at), when(Some(c.claim_token_expires_at)));
            }
            let now = now_ms();
            println!("tokens:");
            for t in tokens::list_for_account(&mut conn, &a.id)? {
                println!(
                    "  {}  {:<24} {:<26} {:<22} {}",
                    t.id,
                    t.name,
                    t.preview,
                    t.scopes.replace(' ', ","),
                    t.status(now)
                );
            }
        }
        AccountsCommand::Claim {
            account,
            email,
            name,
        } => {
            let email = normalize_email(&email)
                .ok_or_else(|| format!("{email:?} is not an e-mail address"))?;
            let a = find(&mut conn, &account)?;
            if a.claimed {
                return Err(format!(
                    "account {} is already claimed ({})",
                    a.name,
                    a.owner_email.as_deref().unwrap_or("by the operator")
                )
                .into());
            }
            let now = now_ms();
            let waiting = conn.transaction::<bool, ClaimError, _>(|c| {
                accounts::mark_claimed(c, &a.id, &email, name.as_deref())?;
                Ok(claims::confirm_by_operator(c, &a.id, now)?)
            });
            match waiting {
                Ok(waiting) => {
                    println!("Account {} is claimed by {email}.", a.name);
                    if waiting {
                        println!("The agent receives its post-claim token on its next poll; its earlier tokens are revoked then.");
                    }
                }
                Err(ClaimError::EmailTaken) => {
                    return Err(
                        format!("another claimed account already belongs to {email}").into(),
                    )
                }
                Err(ClaimError::Store(e)) => return Err(e.into()),
            }
        }
    }
    Ok(())
}
