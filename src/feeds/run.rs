//! A feed run: take the feed's lease, fetch it conditionally (or read a file), stream it job by
//! job through [`super::job::sync_job`], close the jobs that left it, and store the run report.
//! One bad job is a line in the report, never the end of the run.

use std::io::Read;

use serde::Serialize;
use serde_json::json;

use super::fetch::{self, FetchPolicy, Fetched, Validators};
use super::job::{sync_job, JobContext, JobResult, Note};
use crate::actions::{close, Refusal};
use crate::domain::batch::{Piece, Splitter};
use crate::store::feed_items;
use crate::store::feeds::{self, Feed, Run};
use crate::store::{now_ms, StoreError};

/// How long a lease lasts without renewal; a run renews it as it goes.
pub const LEASE_MS: i64 = 5 * 60_000;
/// Jobs between lease renewals.
const RENEW_EVERY: usize = 200;
/// Unchanged jobs recorded as seen per transaction.
const SEEN_BATCH: usize = 500;
/// Failure lines kept in a report (the counts are always complete).
const MAX_LISTED: usize = 500;

/// One failed job in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// Position of the job in the feed (0-based).
    pub index: usize,
    pub external_id: Option<String>,
    pub reason: String,
}

/// Running totals, for progress and the report.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub seen: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub closed: usize,
    pub failed: usize,
    pub bytes: u64,
    pub failures: Vec<Failure>,
    pub notes: Vec<Note>,
}

/// Where a run reads the feed from.
pub enum Source<'a> {
    /// The feed's URL, fetched conditionally.
    Url(FetchPolicy),
    /// A local file (`jobdraft sync FILE`): read whole, no validators.
    Reader(Box<dyn Read + Send + 'a>),
}

/// Why a run did not happen.
#[derive(Debug)]
pub enum RunError {
    /// Another run of this feed holds the lease.
    Busy,
    Store(StoreError),
}

impl From<StoreError> for RunError {
    fn from(e: StoreError) -> Self {
        RunError::Store(e)
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Busy => f.write_str("another run of this feed is in progress"),
            RunError::Store(e) => write!(f, "{e}"),
        }
    }
}

/// Runs `feed` now under its lease (held by `owner`), stores and returns the report. `progress`
/// is called after every job.
pub fn run_feed(
    ctx: &JobContext<'_>,
    feed: &Feed,
    owner: &str,
    source: Source<'_>,
    progress: &mut dyn FnMut(&Tally, Option<u64>),
) -> Result<Run, RunError> {
    let now = now_ms();
    let acquired = ctx
        .store
        .write(|c| feeds::acquire_lease(c, &feed.id, owner, now, now + LEASE_MS))??;
    if !acquired {
        return Err(RunError::Busy);
    }
    let result = run_leased(ctx, feed, owner, source, progress);
    let next = if feed.interval_minutes > 0 {
        now_ms() + feed.interval_minutes * 60_000
    } else {
        i64::MAX / 2
    };
    let released = ctx
        .store
        .write(|c| feeds::release_lease(c, &feed.id, owner, next));
    let run = result?;
    released??;
    Ok(run)
}

fn run_leased(
    ctx: &JobContext<'_>,
    feed: &Feed,
    owner: &str,
    source: Source<'_>,
    progress: &mut dyn FnMut(&Tally, Option<u64>),
) -> Result<Run, RunError> {
    let run = ctx.store.write(|c| feeds::start_run(c, feed, now_ms()))??;
    let run_id = run.id.clone();
    let run_ctx = JobContext {
        run_id: &run_id,
        ..*ctx
    };
    let mut tally = Tally::default();
    let (reader, validators, length): (Box<dyn Read + Send + '_>, Option<Validators>, Option<u64>) =
        match source {
            Source::Reader(r) => (r, None, None),
            Source::Url(policy) => {
                let held = Validators {
                    etag: feed.etag.clone(),
                    last_modified: feed.last_modified.clone(),
                };
                match fetch::fetch(&feed.url, &held, &policy) {
                    Ok(Fetched::NotModified) => {
                        return finish(ctx, run, &tally, "NOT_MODIFIED", None);
                    }
                    Ok(Fetched::Body {
                        reader,
                        validators,
                        length,
                    }) => (reader, Some(validators), length),
                    Err(reason) => {
                        return finish(ctx, run, &tally, "FAILED", Some(reason));
                    }
                }
            }
        };
    let streamed = stream(&run_ctx, feed, owner, reader, &mut tally, length, progress);
    if let Err(reason) = streamed {
        return finish(ctx, run, &tally, "FAILED", Some(reason));
    }
    if tally.seen == 0 {
        let reason = "the feed holds no jobs; nothing was closed (an empty feed is more often a fault than a real end of every job)";
        return finish(ctx, run, &tally, "FAILED", Some(reason.into()));
    }
    close_gone(&run_ctx, &mut tally)?;
    progress(&tally, length);
    if let Some(v) = validators {
        let at = now_ms();
        ctx.store.write(|c| {
            feeds::set_validators(
                c,
                &feed.id,
                v.etag.as_deref(),
                v.last_modified.as_deref(),
                at,
            )
        })??;
    }
    finish(ctx, run, &tally, "COMPLETED", None)
}

/// Feeds the document through the splitter and each job through `sync_job`; `Err` is a fault of
/// the document as a whole (unreadable, over the size cap, not the format).
fn stream(
    ctx: &JobContext<'_>,
    feed: &Feed,
    owner: &str,
    mut reader: Box<dyn Read + Send + '_>,
    tally: &mut Tally,
    length: Option<u64>,
    progress: &mut dyn FnMut(&Tally, Option<u64>),
) -> Result<(), String> {
    let (_, kind) = super::feed_format(&feed.format)
        .ok_or_else(|| format!("unknown feed format {:?}", feed.format))?;
    let mut splitter = Splitter::new(kind, ctx.limits.xml_bytes);
    let mut buf = vec![0u8; 64 * 1024];
    let mut seen: Vec<String> = Vec::new();
    let flush = |seen: &mut Vec<String>| -> Result<(), String> {
        if seen.is_empty() {
            return Ok(());
        }
        ctx.store
            .write(|c| feed_items::mark_seen_many(c, ctx.feed_id, seen, ctx.run_id))
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("storage failed: {e}"))?;
        seen.clear();
        Ok(())
    };
    let mut handle = |piece: Piece, tally: &mut Tally| -> Result<(), String> {
        let text = match piece {
            Piece::Fatal(reason) => return Err(reason),
            Piece::Job(text) => text,
        };
        let index = tally.seen;
        tally.seen += 1;
        match sync_job(ctx, text, &mut tally.notes).map_err(|e| format!("storage failed: {e}"))? {
            JobResult::Created => tally.created += 1,
            JobResult::Updated => tally.updated += 1,
            JobResult::Unchanged => tally.unchanged += 1,
            JobResult::UnchangedSeen(external_id) => {
                tally.unchanged += 1;
                seen.push(external_id);
                if seen.len() >= SEEN_BATCH {
                    flush(&mut seen)?;
                }
            }
            JobResult::Failed(external_id, reason) => {
                tally.failed += 1;
                if tally.failures.len() < MAX_LISTED {
                    tally.failures.push(Failure {
                        index,
                        external_id,
                        reason,
                    });
                }
            }
        }
        if tally.seen % RENEW_EVERY == 0 {
            let until = now_ms() + LEASE_MS;
            let held = ctx
                .store
                .write(|c| feeds::renew_lease(c, &feed.id, owner, until))
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?;
            if !held {
                return Err(
                    "the run lost its lease (it ran past the lease without renewing); stopped"
                        .into(),
                );
            }
        }
        progress(tally, length);
        Ok(())
    };
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| format!("reading the feed failed: {e}"))?;
        if n == 0 {
            break;
        }
        tally.bytes += n as u64;
        for piece in splitter.push(&buf[..n]) {
            handle(piece, tally)?;
        }
    }
    if let Some(piece) = splitter.finish() {
        handle(piece, tally)?;
    }
    flush(&mut seen)
}

/// Closes the jobs the completed run did not see and forgets them.
fn close_gone(ctx: &JobContext<'_>, tally: &mut Tally) -> Result<(), RunError> {
    loop {
        let gone = ctx
            .store
            .write(|c| feed_items::unseen(c, ctx.feed_id, ctx.run_id, 200))??;
        if gone.is_empty() {
            return Ok(());
        }
        for item in gone {
            match ctx
                .store
                .write(|c| close::close(c, ctx.account_id, &item.job_id))?
            {
                Ok((_, false)) => tally.closed += 1,
                Ok((_, true)) | Err(Refusal::NotFound) => {}
                Err(Refusal::Store(e)) => return Err(e.into()),
                Err(refusal) => {
                    tally.failed += 1;
                    if tally.failures.len() < MAX_LISTED {
                        tally.failures.push(Failure {
                            index: tally.seen,
                            external_id: Some(item.external_id.clone()),
                            reason: format!("left the feed but could not be closed: {refusal}"),
                        });
                    }
                }
            }
            ctx.store
                .write(|c| feed_items::remove(c, ctx.feed_id, &item.external_id))??;
        }
    }
}

fn finish(
    ctx: &JobContext<'_>,
    mut run: Run,
    tally: &Tally,
    outcome: &str,
    error: Option<String>,
) -> Result<Run, RunError> {
    run.finished_at = Some(now_ms());
    run.outcome = outcome.to_string();
    run.created = tally.created as i64;
    run.updated = tally.updated as i64;
    run.unchanged = tally.unchanged as i64;
    run.closed = tally.closed as i64;
    run.failed = tally.failed as i64;
    run.failures = json!(tally.failures).to_string();
    run.notes = json!(tally.notes).to_string();
    run.error = error;
    ctx.store.write(|c| feeds::finish_run(c, &run))??;
    Ok(run)
}
