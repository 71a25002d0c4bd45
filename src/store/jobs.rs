//! Jobs (drafts and published jobs): insert with database-enforced idempotency, tenant-scoped
//! reads, optimistic-concurrency updates.

use std::borrow::Cow;

use diesel::prelude::*;
use jobdraft_parsers::{Evidence, JobFields, LowConfidence, Unmapped};
use serde::{Deserialize, Serialize};

use super::schema::jobs;
use super::{is_unique_violation, outbox, per_backend, storable, DbConn, StoreError};
use crate::domain::events;
use crate::domain::{Draft, ImportInfo, JobStatus, ParserInfo};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: String,
    pub account_id: String,
    pub status: String,
    pub profile: String,
    pub fields: String,
    pub notes: String,
    pub import_format: String,
    pub external_id: Option<String>,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub raw_source: String,
    pub review_token: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
    pub closed_at: Option<i64>,
}

/// What the parser said about the draft, kept as one JSON column. Borrowed when written (a
/// create writes it once and has no use for copies), owned when read back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notes<'a> {
    low_confidence: Cow<'a, [LowConfidence]>,
    unmapped: Cow<'a, [Unmapped]>,
    warnings: Cow<'a, [String]>,
    parser: Cow<'a, ParserInfo>,
    raw_source_preserved: bool,
    /// Absent in rows written before evidence existed.
    #[serde(default)]
    evidence: Cow<'a, [Evidence]>,
    #[serde(default)]
    source_text: Option<Cow<'a, str>>,
    /// The text evidence points into is the row's `raw_source` itself (a plain-text posting),
    /// so it is not stored twice.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    source_text_is_raw: bool,
    /// The text evidence points into is the row's `raw_source` without its surrounding
    /// whitespace (`str::trim`): a posting pasted with a final newline.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    source_text_is_trimmed_raw: bool,
}

/// The `fields` and `notes` columns of `draft`; `raw_source` is the row's, when it is written
/// too (an insert), so a source text equal to it (or to it trimmed) is stored as a flag.
fn encode(draft: &Draft, raw_source: Option<&str>) -> Result<(String, String), StoreError> {
    let fields =
        serde_json::to_string(&draft.fields).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let source = draft.source_text.as_deref();
    let source_text_is_raw = raw_source.is_some() && source == raw_source;
    let source_text_is_trimmed_raw =
        !source_text_is_raw && raw_source.is_some() && source == raw_source.map(str::trim);
    let notes = serde_json::to_string(&Notes {
        low_confidence: Cow::Borrowed(&draft.low_confidence),
        unmapped: Cow::Borrowed(&draft.unmapped),
        warnings: Cow::Borrowed(&draft.warnings),
        parser: Cow::Borrowed(&draft.parser),
        raw_source_preserved: draft.import.raw_source_preserved,
        evidence: Cow::Borrowed(&draft.evidence),
        source_text: source
            .filter(|_| !source_text_is_raw && !source_text_is_trimmed_raw)
            .map(Cow::Borrowed),
        source_text_is_raw,
        source_text_is_trimmed_raw,
    })
    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok((fields, notes))
}

impl JobRow {
    /// The row for a new draft.
    pub fn new(
        draft: &Draft,
        raw_source: String,
        request_hash: Option<String>,
    ) -> Result<JobRow, StoreError> {
        let raw_source = storable(&raw_source);
        let (fields, notes) = encode(draft, Some(&raw_source))?;
        Ok(JobRow {
            id: draft.id.clone(),
            account_id: draft.account_id.clone(),
            status: draft.status.as_str().to_string(),
            profile: draft.profile.clone(),
            fields,
            notes,
            import_format: draft.import.format.clone(),
            external_id: draft.import.external_id.as_deref().map(storable),
            idempotency_key: draft.import.idempotency_key.as_deref().map(storable),
            request_hash,
            raw_source,
            review_token: draft.review_token.clone(),
            version: draft.version,
            created_at: draft.created_at,
            updated_at: draft.updated_at,
            published_at: draft.published_at,
            closed_at: draft.closed_at,
        })
    }

    pub fn into_draft(self) -> Result<Draft, StoreError> {
        let fields: JobFields = serde_json::from_str(&self.fields)
            .map_err(|e| StoreError::Corrupt(format!("job {} fields: {e}", self.id)))?;
        let notes: Notes = serde_json::from_str(&self.notes)
            .map_err(|e| StoreError::Corrupt(format!("job {} notes: {e}", self.id)))?;
        let status = JobStatus::parse(&self.status).ok_or_else(|| {
            StoreError::Corrupt(format!("job {} status {:?}", self.id, self.status))
        })?;
        Ok(Draft {
            id: self.id,
            account_id: self.account_id,
            status,
            profile: self.profile,
            fields,
            low_confidence: notes.low_confidence.into_owned(),
            unmapped: notes.unmapped.into_owned(),
            warnings: notes.warnings.into_owned(),
            evidence: notes.evidence.into_owned(),
            source_text: if notes.source_text_is_raw {
                Some(self.raw_source)
            } else if notes.source_text_is_trimmed_raw {
                Some(self.raw_source.trim().to_string())
            } else {
                notes.source_text.map(Cow::into_owned)
            },
            import: ImportInfo {
                format: self.import_format,
                external_id: self.external_id,
                idempotency_key: self.idempotency_key,
                raw_source_preserved: notes.raw_source_preserved,
                auto_published: false,
            },
            parser: notes.parser.into_owned(),
            version: self.version,
            review_token: self.review_token,
            created_at: self.created_at,
            updated_at: self.updated_at,
            published_at: self.published_at,
            closed_at: self.closed_at,
        })
    }
}

/// The result of an insert that carries an idempotency key.
#[derive(Debug)]
pub enum Inserted {
    Created(Draft),
    /// The key was used before with the same request: the earlier draft.
    Replayed(Draft),
    /// The key was used before with a different request.
    KeyReused(Draft),
}

/// A draft found by idempotency key, with the fingerprint of the request that made it.
pub type Existing = (Draft, Option<String>);

/// The draft an account created with `key`, with the fingerprint of that request.
pub fn find_by_idempotency_key(
    conn: &mut DbConn,
    account_id: &str,
    key: &str,
) -> Result<Option<Existing>, StoreError> {
    let row: Option<JobRow> = jobs::table
        .filter(jobs::account_id.eq(account_id))
        .filter(jobs::idempotency_key.eq(key))
        .select(JobRow::as_select())
        .first(conn)
        .optional()?;
    row.map(|r| {
        let hash = r.request_hash.clone();
        r.into_draft().map(|d| (d, hash))
    })
    .transpose()
}

/// Inserts `draft`, stored as `row` (`JobRow::new` of it). With an idempotency key, the unique
/// index decides races: the loser reads the winner's draft and reports a replay or a reused key.
/// The `draft.created` event is written in the same transaction.
pub fn insert(conn: &mut DbConn, row: &JobRow, draft: Draft) -> Result<Inserted, StoreError> {
    let written = conn.transaction::<(), StoreError, _>(|c| {
        per_backend!(c, c => diesel::insert_into(jobs::table).values(row).execute(c))?;
        let created = events::created(draft.status, draft.version);
        outbox::record(
            c,
            &draft.account_id,
            &draft.id,
            &[created],
            draft.created_at,
        )
    });
    match written {
        Ok(()) => Ok(Inserted::Created(draft)),
        Err(StoreError::Db(e)) if is_unique_violation(&e) => {
            let key = row.idempotency_key.as_deref().ok_or(StoreError::Db(e))?;
            let (existing, hash) =
                find_by_idempotency_key(conn, &row.account_id, key)?.ok_or(StoreError::NotFound)?;
            if hash == row.request_hash {
                Ok(Inserted::Replayed(existing))
            } else {
                Ok(Inserted::KeyReused(existing))
            }
        }
        Err(e) => Err(e),
    }
}

/// The account's job `id`; another account's job is `NotFound`, exactly like a missing one.
pub fn find_owned(conn: &mut DbConn, account_id: &str, id: &str) -> Result<Draft, StoreError> {
    let row: JobRow = jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::account_id.eq(account_id))
        .select(JobRow::as_select())
        .first(conn)?;
    row.into_draft()
}

/// Writes `next` if nobody changed the job since the caller read it as `current`; returns
/// whether it was written. The caller has already bumped `next.version`. The events the change
/// means (§14) are written in the same transaction, so every surface that writes a job emits them.
pub fn update(conn: &mut DbConn, current: &Draft, next: &Draft) -> Result<bool, StoreError> {
    let (fields, notes) = encode(next, None)?;
    conn.transaction::<bool, StoreError, _>(|conn| {
        // Every write bumps the version, so if the write below matches `current.version`, the
        // job's status before it was `current.status`.
        if !write(conn, next, current.version, fields, notes)? {
            return Ok(false);
        }
        let new = events::for_change(current.status, next.status, next.version);
        outbox::record(conn, &next.account_id, &next.id, &new, next.updated_at)?;
        Ok(true)
    })
}

fn write(
    conn: &mut DbConn,
    draft: &Draft,
    expected_version: i64,
    fields: String,
    notes: String,
) -> Result<bool, StoreError> {
    let n = diesel::update(
        jobs::table
            .filter(jobs::id.eq(&draft.id))
            .filter(jobs::account_id.eq(&draft.account_id))
            .filter(jobs::version.eq(expected_version)),
    )
    .set((
        jobs::status.eq(draft.status.as_str()),
        jobs::fields.eq(fields),
        jobs::notes.eq(notes),
        jobs::version.eq(draft.version),
        jobs::updated_at.eq(draft.updated_at),
        jobs::published_at.eq(draft.published_at),
        jobs::closed_at.eq(draft.closed_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The job a review link names: the id and its capability token must both match.
pub fn find_by_review_token(conn: &mut DbConn, id: &str, token: &str) -> Result<Draft, StoreError> {
    let row: JobRow = jobs::table
        .filter(jobs::id.eq(id))
        .filter(jobs::review_token.eq(token))
        .select(JobRow::as_select())
        .first(conn)?;
    row.into_draft()
}
