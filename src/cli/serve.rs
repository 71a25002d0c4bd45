//! `jobdraft serve`: load the catalog and moderation rules, migrate, bootstrap an empty database,
//! and run the HTTP API.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::http::{self, AppState};
use crate::store::{self, tokens, Store};

use super::{open_store, AnyError};

pub fn load_catalog(config: &Config) -> Result<Catalog, AnyError> {
    let mut catalog = Catalog::builtin();
    for path in &config.catalog_files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = catalog
            .add_profile_json(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        tracing::info!("loaded catalog profile {name} from {}", path.display());
    }
    if catalog.profile(&config.profile).is_none() {
        return Err(format!(
            "unknown profile {:?}; known: {}",
            config.profile,
            catalog.profile_names().join(", ")
        )
        .into());
    }
    Ok(catalog)
}

pub fn serve(config: Config) -> Result<(), AnyError> {
    let catalog = load_catalog(&config)?;
    http::lifecycle::load_rules(config.moderation_rules.as_deref())
        .map_err(|e| format!("moderation rules: {e}"))?;
    let store = open_store(&config.database_url, config.db_connections())?;
    bootstrap(&store)?;
    let state = AppState::new(store, Arc::new(catalog), Arc::new(config))?;
    actix_web::rt::System::new().block_on(http::serve(state))?;
    Ok(())
}

/// On an empty database: account `default` and one jobs:write token, printed once.
pub fn bootstrap(store: &Store) -> Result<(), AnyError> {
    let mut conn = store.conn()?;
    if store::accounts::count(&mut conn)? > 0 {
        return Ok(());
    }
    let scopes = vec!["jobs:read".to_string(), "jobs:write".to_string()];
    let (secret, token, _) = tokens::create(&mut conn, "default", "bootstrap", &scopes)?;
    println!("Created account \"default\" and an API token (shown once, store it now):\n\n    {secret}\n");
    println!("Token id {} ({}). Try:\n    curl -H 'Authorization: Bearer {secret}' http://HOST/api/public/v1/auth/me\n", token.id, token.preview);
    Ok(())
}
