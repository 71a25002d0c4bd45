//! `jobdraft token create|list|revoke`.

use clap::Subcommand;

use crate::store::{self, tokens};

use super::{open_store, AnyError};

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token (and its account if absent); prints the secret once.
    Create {
        #[arg(long)]
        account: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "jobs:read,jobs:write")]
        scopes: String,
    },
    /// List tokens (previews only; secrets are never stored).
    List,
    /// Revoke a token by id.
    Revoke { id: String },
}

pub fn token(command: TokenCommand, database_url: &str) -> Result<(), AnyError> {
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    match command {
        TokenCommand::Create {
            account,
            name,
            scopes,
        } => {
            let scopes = tokens::parse_scopes(&scopes)?;
            let (secret, token, account) = tokens::create(&mut conn, &account, &name, &scopes)?;
            println!("{secret}");
            eprintln!(
                "Token {} ({}) for account {} with scopes {}. The secret above is shown once.",
                token.id, token.preview, account.name, token.scopes
            );
        }
        TokenCommand::List => {
            println!(
                "{:<34} {:<16} {:<20} {:<26} {:<22} STATUS",
                "ID", "ACCOUNT", "NAME", "PREVIEW", "SCOPES"
            );
            for (t, account) in tokens::list(&mut conn)? {
                let status = if t.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:<34} {:<16} {:<20} {:<26} {:<22} {status}",
                    t.id,
                    account,
                    t.name,
                    t.preview,
                    t.scopes.replace(' ', ",")
                );
            }
        }
        TokenCommand::Revoke { id } => match tokens::revoke(&mut conn, &id) {
            Ok(()) => println!("Revoked {id}."),
            Err(store::StoreError::NotFound) => {
                return Err(format!("no active token with id {id}").into())
            }
            Err(e) => return Err(e.into()),
        },
    }
    Ok(())
}
