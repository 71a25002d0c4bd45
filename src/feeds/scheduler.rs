//! The feed scheduler inside `serve`: every tick it looks for due feeds and runs each under the
//! feed's database lease, so with several replicas a feed still runs once at a time (the
//! replica whose conditional UPDATE takes the lease runs it; the others skip it).

use std::time::Duration;

use super::service::{run_with, Settings};
use crate::store::{feeds, now_ms, Store};

/// Due feeds looked at per tick.
const BATCH: i64 = 8;

/// Starts the scheduler on the actix runtime; runs go to the blocking pool.
pub fn spawn(store: Store, settings: Settings, tick_secs: u64) {
    if tick_secs == 0 {
        return;
    }
    let owner = format!("replica-{}", crate::store::new_id());
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(tick_secs));
        loop {
            tick.tick().await;
            let (store, settings, owner) = (store.clone(), settings.clone(), owner.clone());
            let done =
                tokio::task::spawn_blocking(move || run_due(&store, &settings, &owner)).await;
            match done {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!("feed scheduler ran {n} feed(s)"),
                Ok(Err(e)) => tracing::warn!("feed scheduler: {e}"),
                Err(e) => tracing::warn!("feed scheduler task failed: {e}"),
            }
        }
    });
}

/// Runs every due feed this replica can lease; returns how many ran.
pub fn run_due(
    store: &Store,
    settings: &Settings,
    owner: &str,
) -> Result<usize, crate::store::StoreError> {
    let due = {
        let mut conn = store.conn()?;
        feeds::due(&mut conn, now_ms(), BATCH)?
    };
    let mut ran = 0;
    for feed in due {
        match run_with(store, settings, &feed, owner, None, &mut |_, _| {}) {
            Ok(run) => {
                ran += 1;
                tracing::info!(feed = %feed.id, outcome = %run.outcome, created = run.created, updated = run.updated,
                               closed = run.closed, failed = run.failed, "feed run");
            }
            Err(super::run::RunError::Busy) => {}
            Err(e) => tracing::warn!(feed = %feed.id, "feed run failed: {e}"),
        }
    }
    Ok(ran)
}
