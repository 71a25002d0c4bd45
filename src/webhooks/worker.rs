//! The delivery worker inside `serve`: every poll interval it claims due deliveries under a
//! lease, sends them in parallel off the async workers, and records each outcome. Every replica
//! runs one; the claim (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer on SQLite)
//! gives each delivery to one of them, and a lease that runs out (a killed process) makes the
//! delivery due again. Time comes from the injected clock, so tests move through the retry
//! schedule without sleeping.

use std::sync::Arc;
use std::time::Duration;

use ureq::Agent;

use super::send;
use crate::config::Config;
use crate::domain::webhooks::DestinationPolicy;
use crate::net::client::guarded_agent;
use crate::store::deliveries::{self, Job, Recorded};
use crate::store::{new_id, Store, StoreError};

/// Deliveries claimed per round.
const BATCH: i64 = 16;
pub const USER_AGENT: &str = "jobdraft-webhooks/1.0";

/// What the worker shares between rounds.
#[derive(Clone)]
struct Worker {
    store: Store,
    config: Arc<Config>,
    agent: Agent,
    policy: DestinationPolicy,
    owner: String,
    lease_ms: i64,
}

/// Starts the worker on the current actix system (no-op when the poll interval is 0).
pub fn spawn(store: Store, config: Arc<Config>) {
    let poll_ms = config.webhook_poll_ms;
    if poll_ms == 0 {
        return;
    }
    let timeout = Duration::from_secs(config.webhook_timeout_secs.max(1));
    let policy = config.destination_policy();
    let worker = Worker {
        store,
        agent: guarded_agent(policy.clone(), timeout, USER_AGENT),
        policy,
        owner: format!("pid{}-{}", std::process::id(), &new_id()[20..]),
        // Long enough for a whole round of parallel attempts, each bounded by the timeout.
        lease_ms: 2 * timeout.as_millis() as i64 + 30_000,
        config,
    };
    actix_web::rt::spawn(async move {
        // The first round comes one interval after start, like every later one.
        let every = Duration::from_millis(poll_ms);
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // Keep going while rounds come back full: a backlog drains without waiting.
            while worker.round().await == BATCH as usize {}
        }
    });
}

impl Worker {
    /// Claims, sends and records one batch; returns how many deliveries it claimed.
    async fn round(&self) -> usize {
        let now = self.config.clock.now_ms();
        let (store, owner, lease) = (self.store.clone(), self.owner.clone(), self.lease_ms);
        let claimed = tokio::task::spawn_blocking(move || {
            store.write(|c| deliveries::claim(c, &owner, now, lease, BATCH))?
        })
        .await;
        let jobs = match claimed {
            Ok(Ok(jobs)) => jobs,
            Ok(Err(e)) => {
                tracing::warn!("webhook worker: claiming deliveries failed: {e}");
                return 0;
            }
            Err(e) => {
                tracing::warn!("webhook worker: claim task failed: {e}");
                return 0;
            }
        };
        let n = jobs.len();
        let sends = jobs.into_iter().map(|job| {
            let worker = self.clone();
            tokio::task::spawn_blocking(move || worker.deliver(job))
        });
        for result in futures_util::future::join_all(sends).await {
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!("webhook worker: recording a delivery failed: {e}"),
                Err(e) => tracing::warn!("webhook worker: delivery task failed: {e}"),
            }
        }
        n
    }

    /// Sends one delivery and records the outcome.
    fn deliver(&self, job: Job) -> Result<Recorded, StoreError> {
        let now = self.config.clock.now_ms();
        let outcome = send::attempt(&self.agent, &self.policy, &job, now);
        let unit: f64 = rand::random();
        let recorded = self
            .store
            .write(|c| deliveries::finish(c, &job, &self.owner, &outcome, unit))??;
        match &recorded {
            Recorded::Delivered => {}
            Recorded::RetryAt(at) => tracing::info!(
                "webhook {} delivery {} failed ({}); retry at {}",
                job.webhook.id,
                job.delivery.id,
                outcome.error.as_deref().unwrap_or_default(),
                crate::http::iso(*at)
            ),
            Recorded::GaveUp => tracing::warn!(
                "webhook {} delivery {} gave up after its last attempt",
                job.webhook.id,
                job.delivery.id
            ),
            Recorded::Disabled(reason) => {
                tracing::warn!("webhook {} disabled: {reason}", job.webhook.id)
            }
            Recorded::LeaseLost => tracing::warn!(
                "webhook delivery {} took longer than its lease; another worker owns it",
                job.delivery.id
            ),
        }
        Ok(recorded)
    }
}
