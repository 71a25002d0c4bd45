//! Running a registered feed from any caller (the scheduler, `POST /feeds/{id}/runs`,
//! `jobdraft sync`): the settings a run needs, turned into a [`JobContext`] for the feed's
//! account.

use std::sync::Arc;

use jobdraft_parsers::Limits;

use super::fetch::FetchPolicy;
use super::job::JobContext;
use super::run::{run_feed, RunError, Source, Tally};
use crate::actions::publish::Quota;
use crate::actions::Policy;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::domain::moderation::Rules;
use crate::store::feeds::{Feed, Run};
use crate::store::{accounts, Store};

/// Everything a run decides with besides the feed.
#[derive(Clone)]
pub struct Settings {
    pub catalog: Arc<Catalog>,
    pub rules: Arc<Rules>,
    pub limits: Limits,
    /// Profile of new drafts.
    pub profile: String,
    pub fetch: FetchPolicy,
    pub quota_claimed: i64,
    pub quota_unclaimed: i64,
    pub quota_window_ms: i64,
}

impl Settings {
    /// The settings of a server (or CLI) configuration.
    pub fn from_config(config: &Config, catalog: Arc<Catalog>, rules: Arc<Rules>) -> Settings {
        Settings {
            catalog,
            rules,
            limits: config.limits(),
            profile: config.profile.clone(),
            fetch: FetchPolicy {
                timeout: std::time::Duration::from_secs(config.feed_timeout_secs.max(1)),
                max_bytes: config.feed_max_bytes,
                allow_private: config.feed_allow_private,
            },
            quota_claimed: config.publish_quota.max(0),
            quota_unclaimed: config.publish_quota_unclaimed.max(0),
            quota_window_ms: config.publish_window_hours.max(1) * 3_600_000,
        }
    }
}

/// Runs `feed` from `source` (its URL when `None`) under a lease held by `owner`.
pub fn run_with(
    store: &Store,
    settings: &Settings,
    feed: &Feed,
    owner: &str,
    source: Option<Source<'_>>,
    progress: &mut dyn FnMut(&Tally, Option<u64>),
) -> Result<Run, RunError> {
    let account = {
        let mut conn = store.conn()?;
        accounts::find(&mut conn, &feed.account_id)?
    };
    let (format, _) = super::feed_format(&feed.format).ok_or_else(|| {
        RunError::Store(crate::store::StoreError::Corrupt(format!(
            "feed {} has format {:?}",
            feed.id, feed.format
        )))
    })?;
    let limit = if account.claimed {
        settings.quota_claimed
    } else {
        settings.quota_unclaimed
    };
    let ctx = JobContext {
        store,
        policy: Policy {
            catalog: &settings.catalog,
            rules: &settings.rules,
            today: chrono::Utc::now().date_naive(),
            public_base: None,
        },
        limits: &settings.limits,
        quota: Quota {
            limit,
            window_ms: settings.quota_window_ms,
        },
        profile: &settings.profile,
        account_id: &feed.account_id,
        feed_id: &feed.id,
        run_id: "",
        format,
        auto_publish: feed.auto_publish,
    };
    let source = source.unwrap_or(Source::Url(settings.fetch));
    run_feed(&ctx, feed, owner, source, progress)
}
