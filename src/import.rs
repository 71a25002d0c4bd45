//! Creating drafts: the one path every create takes — the HTTP create call, the batch endpoint
//! and `jobdraft import` — so idempotency, parsing and storage behave the same everywhere.
//! It orchestrates `domain` and `store` and knows nothing of HTTP.

use jobdraft_parsers::{parser_for, Limits, ParseError};

use crate::domain::create::{hex, new_draft, NewDraftMeta};
use crate::domain::limits::{oversized_text, TextTooLong};
use crate::domain::{CreateRequest, Draft};
use crate::store::jobs::{self, Inserted, JobRow};
use crate::store::{new_id, now_ms, DbConn, StoreError};

/// Why a draft was not created.
#[derive(Debug)]
pub enum ImportError {
    /// The document is not the declared format.
    Parse(ParseError),
    /// A description (or another long-text field) is over the character limit.
    TooLong(TextTooLong),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// How a request without an idempotency key gets one: from the source's own id (an Indeed
/// `referencenumber`, a request's `externalId`), so re-importing a feed does not duplicate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPolicy {
    /// Only an explicit key makes the create idempotent.
    ExplicitOnly,
    /// Without a key, use `external:<id>` when the request or the document has an id.
    FromExternalId,
}

fn replay_or_conflict(existing: jobs::Existing, fingerprint: &str) -> Inserted {
    if existing.1.as_deref() == Some(fingerprint) {
        Inserted::Replayed(existing.0)
    } else {
        Inserted::KeyReused(existing.0)
    }
}

/// A parsed draft ready to store: the parsing half of a create, which needs no database (so a
/// server can run it outside its write path).
#[derive(Debug)]
pub struct Prepared {
    row: JobRow,
    /// What `row` encodes, kept so storing it needs no decoding back.
    draft: Draft,
}

impl Prepared {
    /// The id the request or the document gave the job (`referencenumber`, `identifier`, …).
    pub fn external_id(&self) -> Option<&str> {
        self.row.external_id.as_deref()
    }

    /// The draft's fields, as they would be stored.
    pub fn fields(&self) -> Result<jobdraft_parsers::JobFields, StoreError> {
        serde_json::from_str(&self.row.fields).map_err(|e| StoreError::Corrupt(e.to_string()))
    }
}

/// Parses `request` into the row of a new draft for `account_id`, with its idempotency key.
pub fn prepare_draft(
    account_id: &str,
    request: &CreateRequest,
    profile: &str,
    limits: &Limits,
    policy: KeyPolicy,
) -> Result<Prepared, ImportError> {
    let outcome = parser_for(request.format)
        .parse(request.payload.as_input(), limits)
        .map_err(ImportError::Parse)?;
    if let Some(too_long) = oversized_text(&outcome.fields, limits.text_chars) {
        return Err(ImportError::TooLong(too_long));
    }
    let mut request = request.clone();
    if request.idempotency_key.is_none() && policy == KeyPolicy::FromExternalId {
        let id = request
            .external_id
            .clone()
            .or_else(|| outcome.external_id.clone());
        request.idempotency_key = id.map(|id| format!("external:{id}"));
    }
    let draft = new_draft(
        &request,
        outcome,
        NewDraftMeta {
            id: new_id(),
            account_id: account_id.to_string(),
            review_token: hex(&rand::random::<[u8; 16]>()),
            profile: profile.to_string(),
            now_ms: now_ms(),
            raw_source_preserved: true,
        },
    );
    // Only a keyed create can be replayed, so only it needs the fingerprint (a hash of the
    // whole request: a tenth of a create's CPU when every create paid for it).
    let fingerprint = request
        .idempotency_key
        .is_some()
        .then(|| request.fingerprint());
    let row = JobRow::new(&draft, request.payload.raw_source(), fingerprint)?;
    Ok(Prepared { row, draft })
}

/// Stores a prepared draft, or finds the draft its idempotency key already made.
pub fn store_draft(conn: &mut DbConn, prepared: Prepared) -> Result<Inserted, StoreError> {
    let Prepared { row, draft } = prepared;
    if let Some(key) = &row.idempotency_key {
        if let Some(existing) = jobs::find_by_idempotency_key(conn, &row.account_id, key)? {
            let fingerprint = row.request_hash.clone().unwrap_or_default();
            return Ok(replay_or_conflict(existing, &fingerprint));
        }
    }
    jobs::insert(conn, &row, draft)
}

/// Creates the draft `request` describes for `account_id` (or finds the one its key made).
pub fn create_draft(
    conn: &mut DbConn,
    account_id: &str,
    request: &CreateRequest,
    profile: &str,
    limits: &Limits,
    policy: KeyPolicy,
) -> Result<Inserted, ImportError> {
    let prepared = prepare_draft(account_id, request, profile, limits, policy)?;
    Ok(store_draft(conn, prepared)?)
}

/// Running totals of a file import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportTally {
    pub total: usize,
    pub created: usize,
    pub replayed: usize,
    pub failed: usize,
}

/// Imports every job of a batch read from `reader` (an Indeed feed or a JSON array of create
/// bodies), one job in memory at a time, calling `progress` after each job and `on_error` for
/// each job that failed (with its index and the reason).
#[allow(clippy::too_many_arguments)]
pub fn import_reader(
    conn: &mut DbConn,
    account_id: &str,
    mut reader: impl std::io::Read,
    kind: crate::domain::batch::BatchKind,
    profile: &str,
    limits: &Limits,
    mut progress: impl FnMut(&ImportTally),
    mut on_error: impl FnMut(usize, String),
) -> Result<ImportTally, StoreError> {
    use crate::domain::batch::{BatchKind, Piece, Splitter};
    use crate::domain::create::{parse_create_body, Payload};
    use jobdraft_parsers::Format;

    let mut splitter = Splitter::new(kind, limits.xml_bytes);
    let mut tally = ImportTally::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut handle = |piece: Piece, tally: &mut ImportTally| -> Result<(), StoreError> {
        let index = tally.total;
        tally.total += 1;
        let request = match piece {
            Piece::Fatal(message) => Err(message),
            Piece::Job(text) => match kind {
                BatchKind::IndeedFeed => Ok(CreateRequest {
                    format: Format::IndeedXml,
                    payload: Payload::Text(text),
                    external_id: None,
                    idempotency_key: None,
                    profile: None,
                    warnings: Vec::new(),
                }),
                BatchKind::JsonArray => serde_json::from_str(&text)
                    .map_err(|e| format!("not JSON: {e}"))
                    .and_then(|v| parse_create_body(&v).map_err(|e| e.message())),
            },
        };
        let result = match request {
            Err(message) => Err(message),
            Ok(request) => {
                let profile = request
                    .profile
                    .clone()
                    .unwrap_or_else(|| profile.to_string());
                match create_draft(
                    conn,
                    account_id,
                    &request,
                    &profile,
                    limits,
                    KeyPolicy::FromExternalId,
                ) {
                    Ok(Inserted::Created(_)) => Ok(true),
                    Ok(Inserted::Replayed(_)) => Ok(false),
                    Ok(Inserted::KeyReused(d)) => {
                        Err(format!("idempotency key reused (draft {})", d.id))
                    }
                    Err(ImportError::Parse(e)) => Err(e.to_string()),
                    Err(ImportError::TooLong(e)) => Err(e.message()),
                    Err(ImportError::Store(e)) => return Err(e),
                }
            }
        };
        match result {
            Ok(true) => tally.created += 1,
            Ok(false) => tally.replayed += 1,
            Err(message) => {
                tally.failed += 1;
                on_error(index, message);
            }
        }
        progress(tally);
        Ok(())
    };
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| StoreError::Config(format!("cannot read the import: {e}")))?;
        if n == 0 {
            break;
        }
        for piece in splitter.push(&buf[..n]) {
            handle(piece, &mut tally)?;
        }
    }
    if let Some(piece) = splitter.finish() {
        handle(piece, &mut tally)?;
    }
    Ok(tally)
}
