//! One job of a feed run: new → draft (published when ready and the feed auto-publishes),
//! changed → draft PATCH or live edit of the keys that differ, unchanged → nothing. The
//! decision is made from the job's source hash and the fields the create path would store.

use jobdraft_parsers::{Format, JobFields, Limits};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::actions::publish::{publish, Quota};
use crate::actions::{edit, Policy, Refusal};
use crate::domain::create::{hex, Payload};
use crate::domain::moderation::Decision;
use crate::domain::{CreateRequest, JobStatus};
use crate::import::{prepare_draft, store_draft, ImportError, KeyPolicy};
use crate::store::feed_items::{self, Item};
use crate::store::jobs::{self, Inserted};
use crate::store::{DbConn, Store, StoreError};

/// What a run decides with.
pub struct JobContext<'a> {
    pub store: &'a Store,
    pub policy: Policy<'a>,
    pub limits: &'a Limits,
    pub quota: Quota,
    /// Profile of new drafts.
    pub profile: &'a str,
    pub account_id: &'a str,
    pub feed_id: &'a str,
    pub run_id: &'a str,
    pub format: Format,
    pub auto_publish: bool,
}

/// What happened to one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobResult {
    Created,
    Updated,
    Unchanged,
    /// Unchanged, and not yet recorded as seen by this run: the caller records these in batches
    /// (one commit per job would make an unchanged re-sync cost a disk flush per job).
    UnchangedSeen(String),
    /// The job did not land; the reason, and its external id when it could be read.
    Failed(Option<String>, String),
}

/// A remark on a job that landed (not published, held for review, not reopened …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub external_id: String,
    pub job_id: String,
    pub note: String,
}

fn hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The `referencenumber` of an Indeed `<job>` read without parsing, for the unchanged fast path.
/// Only a hint: a job is skipped only when the feed item stored under this id has exactly this
/// source's hash, which the parsed id of the same text produced.
fn reference_hint(text: &str) -> Option<&str> {
    let start = text.find("<referencenumber>")? + "<referencenumber>".len();
    let rest = &text[start..];
    let value = &rest[..rest.find("</referencenumber>")?];
    let value = value
        .trim()
        .strip_prefix("<![CDATA[")
        .and_then(|v| v.strip_suffix("]]>"))
        .unwrap_or(value)
        .trim();
    (!value.is_empty()).then_some(value)
}

/// Reconciles one job (`text`, one `<job>` or one JSON-LD posting) with the feed's earlier copy.
pub fn sync_job(
    ctx: &JobContext<'_>,
    text: String,
    notes: &mut Vec<Note>,
) -> Result<JobResult, StoreError> {
    let digest = hash(&text);
    if ctx.format == Format::IndeedXml {
        if let Some(reference) = reference_hint(&text) {
            let known = read(ctx, |c| feed_items::find(c, ctx.feed_id, reference))?;
            if known.is_some_and(|item| item.content_hash == digest) {
                return Ok(JobResult::UnchangedSeen(reference.to_string()));
            }
        }
    }
    let hint = reference_hint(&text).map(str::to_string);
    let request = CreateRequest {
        format: ctx.format,
        payload: Payload::Text(text),
        external_id: None,
        idempotency_key: None,
        profile: None,
        warnings: Vec::new(),
    };
    let prepared = match prepare_draft(
        ctx.account_id,
        &request,
        ctx.profile,
        ctx.limits,
        KeyPolicy::ExplicitOnly,
    ) {
        Ok(p) => p,
        Err(e) => {
            let reason = match e {
                ImportError::Parse(e) => e.to_string(),
                ImportError::TooLong(e) => e.message(),
                ImportError::Store(e) => return Err(e),
            };
            // A job that is unreadable this time keeps its earlier copy (it is not "gone").
            if let Some(reference) = &hint {
                write(ctx, |c| {
                    feed_items::mark_seen(c, ctx.feed_id, reference, ctx.run_id)
                })?;
            }
            return Ok(JobResult::Failed(hint, reason));
        }
    };
    let Some(external_id) = prepared.external_id().map(str::to_string) else {
        return Ok(JobResult::Failed(
            None,
            "the job has no referencenumber (or identifier); a feed job needs a stable id".into(),
        ));
    };
    let existing = read(ctx, |c| feed_items::find(c, ctx.feed_id, &external_id))?;
    let item = Item {
        feed_id: ctx.feed_id.to_string(),
        external_id: external_id.clone(),
        job_id: String::new(),
        content_hash: digest,
        seen_run: ctx.run_id.to_string(),
    };
    let current = match &existing {
        Some(found) => match read(ctx, |c| jobs::find_owned(c, ctx.account_id, &found.job_id)) {
            Ok(job) => Some(job),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let Some(current) = current else {
        let created = write(ctx, |c| {
            diesel::Connection::transaction::<Inserted, StoreError, _>(c, |c| {
                let inserted = store_draft(c, prepared)?;
                if let Inserted::Created(d) = &inserted {
                    feed_items::put(
                        c,
                        &Item {
                            job_id: d.id.clone(),
                            ..item.clone()
                        },
                    )?;
                }
                Ok(inserted)
            })
        })?;
        let Inserted::Created(draft) = created else {
            return Ok(JobResult::Failed(
                Some(external_id),
                "the draft could not be stored".into(),
            ));
        };
        if ctx.auto_publish {
            auto_publish(ctx, &external_id, &draft.id, notes)?;
        }
        return Ok(JobResult::Created);
    };
    let item = Item {
        job_id: current.id.clone(),
        ..item
    };
    let fields = prepared.fields()?;
    let patch = changed_keys(&current.fields, &fields);
    if patch.is_empty() {
        write(ctx, |c| feed_items::put(c, &item))?;
        return Ok(JobResult::Unchanged);
    }
    let patch = Value::Object(patch);
    let edited = match current.status {
        JobStatus::Draft => act(ctx, |c| {
            edit::patch_draft_job(
                c,
                ctx.account_id,
                &current.id,
                &patch,
                ctx.policy.catalog,
                None,
            )
            .map(|_| None)
        }),
        JobStatus::Open => act(ctx, |c| {
            edit::edit_live_job(c, ctx.account_id, &current.id, &patch, &ctx.policy)
                .map(|(_, o)| Some(o))
        }),
        JobStatus::Archived => {
            notes.push(note(
                &external_id,
                &current.id,
                "changed in the feed but closed here; not reopened",
            ));
            write(ctx, |c| feed_items::put(c, &item))?;
            return Ok(JobResult::Unchanged);
        }
        // Held for a moderator: neither a draft PATCH nor a live edit applies until decided.
        JobStatus::PendingApproval => Err(Refusal::WrongStatus {
            job: Box::new(current.clone()),
            required: JobStatus::Open,
        }),
    };
    match edited {
        Ok(outcome) => {
            write(ctx, |c| feed_items::put(c, &item))?;
            match outcome.map(|o| o.decision) {
                Some(Decision::Review) => notes.push(note(
                    &external_id,
                    &current.id,
                    "the edit is held for a moderator (PENDING_APPROVAL)",
                )),
                Some(Decision::Block) => notes.push(note(
                    &external_id,
                    &current.id,
                    "moderation blocked the edit; the job is back to DRAFT",
                )),
                _ => {}
            }
            if current.status == JobStatus::Draft && ctx.auto_publish {
                auto_publish(ctx, &external_id, &current.id, notes)?;
            }
            Ok(JobResult::Updated)
        }
        Err(Refusal::Store(e)) => Err(e),
        Err(Refusal::WrongStatus { job, .. }) => {
            write(ctx, |c| {
                feed_items::mark_seen(c, ctx.feed_id, &external_id, ctx.run_id)
            })?;
            Ok(JobResult::Failed(
                Some(external_id),
                format!(
                    "job {} is {}; the change is applied by a later run once it is a draft or open again",
                    job.id,
                    job.status.as_str()
                ),
            ))
        }
        Err(refusal) => {
            write(ctx, |c| {
                feed_items::mark_seen(c, ctx.feed_id, &external_id, ctx.run_id)
            })?;
            Ok(JobResult::Failed(
                Some(external_id),
                format!("the change was not applied: {refusal}"),
            ))
        }
    }
}

fn note(external_id: &str, job_id: &str, text: &str) -> Note {
    Note {
        external_id: external_id.to_string(),
        job_id: job_id.to_string(),
        note: text.to_string(),
    }
}

/// Publishes a feed draft that is ready; a draft that is not ready stays a draft, with a note.
fn auto_publish(
    ctx: &JobContext<'_>,
    external_id: &str,
    job_id: &str,
    notes: &mut Vec<Note>,
) -> Result<(), StoreError> {
    match act(ctx, |c| {
        publish(c, ctx.account_id, job_id, &ctx.policy, ctx.quota)
    }) {
        Ok(p) if p.outcome.decision == Decision::Review => notes.push(note(
            external_id,
            job_id,
            "published into the moderation queue (PENDING_APPROVAL)",
        )),
        Ok(_) => {}
        Err(Refusal::Store(e)) => return Err(e),
        Err(refusal) => notes.push(note(
            external_id,
            job_id,
            &format!("left as a draft: {refusal}"),
        )),
    }
    Ok(())
}

/// The PATCH that turns `current` into `next`: every key whose value differs, `null` for keys
/// `next` no longer has.
pub fn changed_keys(current: &JobFields, next: &JobFields) -> Map<String, Value> {
    let (before, after) = (current.to_map(), next.to_map());
    let mut patch = Map::new();
    for (key, value) in &after {
        if before.get(key) != Some(value) {
            patch.insert(key.clone(), value.clone());
        }
    }
    for key in before.keys() {
        if !after.contains_key(key) {
            patch.insert(key.clone(), Value::Null);
        }
    }
    patch
}

fn read<T>(
    ctx: &JobContext<'_>,
    f: impl FnOnce(&mut DbConn) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let mut conn = ctx.store.conn()?;
    f(&mut conn)
}

/// Runs storage work as a writer (one at a time on SQLite).
fn write<T>(
    ctx: &JobContext<'_>,
    f: impl FnOnce(&mut DbConn) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    ctx.store.write(f)?
}

/// Runs a job action as a writer.
fn act<T>(
    ctx: &JobContext<'_>,
    f: impl FnOnce(&mut DbConn) -> Result<T, Refusal>,
) -> Result<T, Refusal> {
    ctx.store.write(f).map_err(Refusal::from)?
}
