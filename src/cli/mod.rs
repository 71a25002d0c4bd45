//! The command line's work, one module per command family; `main.rs` only parses arguments and
//! dispatches here. Commands talk to the database through `store` and decide through `domain`,
//! exactly as the HTTP handlers do.

pub mod accounts;
pub mod client;
pub mod eval;
pub mod import;
pub mod mcp;
pub mod parse;
pub mod progress;
pub mod review;
pub mod serve;
pub mod sync;
pub mod tokens;

use crate::store::Store;

/// Any error a command reports to the person at the terminal.
pub type AnyError = Box<dyn std::error::Error>;

/// Opens the database named by `url` and brings its schema up to date.
pub fn open_store(url: &str, pool: u32) -> Result<Store, AnyError> {
    let store = Store::open(url, pool)?;
    store.migrate()?;
    Ok(store)
}
