//! Creating drafts: the one path every create takes — the HTTP create call, the batch endpoint
//! and `jobdraft import` — so idempotency, parsing and storage behave the same everywhere.
//! It orchestrates `domain` and `store` and knows nothing of HTTP.

use jobdraft_parsers::{parser_for, Limits, ParseError};

use crate::domain::create::{hex, new_draft, NewDraftMeta};
use crate::domain::CreateRequest;
use crate::store::jobs::{self, Inserted, JobRow};
use crate::store::{new_id, now_ms, DbConn, StoreError};

/// Why a draft was not created.
#[derive(Debug)]
pub enum ImportError {
    /// The document is not the declared format.
    Parse(ParseError),
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

/// Creates the draft `request` describes for `account_id` (or finds the one its key made).
pub fn create_draft(
    conn: &mut DbConn,
    account_id: &str,
    request: &CreateRequest,
    profile: &str,
    limits: &Limits,
    policy: KeyPolicy,
) -> Result<Inserted, ImportError> {
    let fingerprint = request.fingerprint();
    let mut key = request.idempotency_key.clone();
    if key.is_none() && policy == KeyPolicy::FromExternalId {
        key = request.external_id.as_ref().map(|id| format!("external:{id}"));
    }
    if let Some(k) = &key {
        if let Some(existing) = jobs::find_by_idempotency_key(conn, account_id, k)? {
            return Ok(replay_or_conflict(existing, &fingerprint));
        }
    }
    let outcome = parser_for(request.format)
        .parse(request.payload.as_input(), limits)
        .map_err(ImportError::Parse)?;
    if key.is_none() && policy == KeyPolicy::FromExternalId {
        if let Some(id) = &outcome.external_id {
            let k = format!("external:{id}");
            if let Some(existing) = jobs::find_by_idempotency_key(conn, account_id, &k)? {
                return Ok(replay_or_conflict(existing, &fingerprint));
            }
            key = Some(k);
        }
    }
    let mut request = request.clone();
    request.idempotency_key = key;
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
    let row = JobRow::new(&draft, request.payload.raw_source(), Some(fingerprint))?;
    Ok(jobs::insert(conn, row)?)
}
