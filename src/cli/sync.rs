//! `jobdraft sync URL|FILE --account A`: one feed run from the command line, with a progress bar
//! and the run report printed. The feed is registered for the account on first use (on demand
//! only, interval 0), so later syncs of the same URL or file update, keep or close its jobs.

use std::path::Path;
use std::sync::Arc;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::feeds::fetch::is_fetchable;
use crate::feeds::run::{RunError, Source};
use crate::feeds::service::{run_with, Settings};
use crate::feeds::FORMATS;
use crate::store::feeds::{self, NewFeed};
use crate::store::{accounts, now_ms};

use super::{open_store, AnyError};

/// What `jobdraft sync` was asked.
pub struct SyncArgs<'a> {
    pub source: &'a str,
    pub account: &'a str,
    pub format: Option<&'a str>,
    pub publish: bool,
}

pub fn sync(args: SyncArgs<'_>, config: &Config) -> Result<(), AnyError> {
    if let Some(f) = args.format.filter(|f| !FORMATS.contains(f)) {
        return Err(format!("unknown --format {f:?}; use one of {}", FORMATS.join(", ")).into());
    }
    let remote = is_fetchable(args.source);
    let key = if remote {
        args.source.to_string()
    } else {
        let path =
            std::fs::canonicalize(args.source).map_err(|e| format!("{}: {e}", args.source))?;
        format!("file://{}", path.display())
    };
    let store = open_store(&config.database_url, 2)?;
    let (owner_account, feed) = {
        let mut conn = store.conn()?;
        let account = accounts::find_or_create(&mut conn, args.account)?;
        let new = NewFeed {
            account_id: &account.id,
            url: &key,
            format: args.format.unwrap_or(FORMATS[0]),
            interval_minutes: 0,
            auto_publish: args.publish,
        };
        let feed = match feeds::find_by_url(&mut conn, &account.id, &key)? {
            Some(f) => f,
            None => match feeds::create(&mut conn, &new, now_ms())? {
                Ok(f) | Err(f) => f,
            },
        };
        (account, feed)
    };
    // This run's choices win over the ones stored when the feed was first synced.
    let feed = feeds::Feed {
        format: args.format.map_or(feed.format.clone(), str::to_string),
        auto_publish: args.publish,
        ..feed
    };
    let rules = crate::http::lifecycle::load_rules(config.moderation_rules.as_deref())?;
    let settings = Settings::from_config(config, Arc::new(Catalog::builtin()), Arc::new(rules));
    let size = if remote {
        None
    } else {
        std::fs::metadata(args.source).ok().map(|m| m.len())
    };
    let bar = super::progress::bar(size);
    let source = if remote {
        None
    } else {
        let file = std::fs::File::open(Path::new(args.source))
            .map_err(|e| format!("{}: {e}", args.source))?;
        Some(Source::Reader(Box::new(file)))
    };
    let started = std::time::Instant::now();
    let owner = format!("cli-{}", crate::store::new_id());
    let mut progress = |t: &crate::feeds::run::Tally, length: Option<u64>| {
        if let (Some(len), None) = (length, bar.length()) {
            bar.set_length(len);
        }
        bar.set_position(t.bytes);
        bar.set_message(format!(
            "{} jobs: {} new, {} changed, {} unchanged, {} failed",
            t.seen, t.created, t.updated, t.unchanged, t.failed
        ));
    };
    let run = match run_with(&store, &settings, &feed, &owner, source, &mut progress) {
        Ok(run) => run,
        Err(RunError::Busy) => {
            return Err(
                "another run of this feed is in progress (its lease is held); try again later"
                    .into(),
            )
        }
        Err(e) => return Err(e.to_string().into()),
    };
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} for account {}: {} in {secs:.2} s — {} created, {} updated, {} unchanged, {} closed, {} failed.",
        args.source, owner_account.name, run.outcome, run.created, run.updated, run.unchanged, run.closed, run.failed
    );
    if let Ok(failures) = serde_json::from_str::<Vec<serde_json::Value>>(&run.failures) {
        for f in failures {
            println!(
                "  job #{} {}: {}",
                f["index"],
                f["externalId"].as_str().unwrap_or("(no id)"),
                f["reason"].as_str().unwrap_or("")
            );
        }
    }
    if let Ok(notes) = serde_json::from_str::<Vec<serde_json::Value>>(&run.notes) {
        for n in notes {
            println!(
                "  note {}: {}",
                n["externalId"].as_str().unwrap_or(""),
                n["note"].as_str().unwrap_or("")
            );
        }
    }
    match run.error {
        Some(e) => Err(format!("the run failed: {e}").into()),
        None => Ok(()),
    }
}
