//! `GET /api/public/v1/updates`: the account's events as a ledger, oldest first, paged by an
//! opaque cursor over the account's gapless, commit-ordered positions (see `store::outbox`), so a
//! client that keeps `nextCursor` never misses an event.

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::auth::Auth;
use super::lifecycle::{bad_cursor, limit_param, query_map, throttle_token, PageLimit};
use super::{ApiError, AppState};
use crate::domain::public_job::{decode_cursor, encode_cursor};
use crate::store::outbox;
use crate::webhooks::payload::event_json;

pub const UPDATES_PAGE: PageLimit = PageLimit {
    default: 50,
    max: 100,
};

/// What a ledger cursor says after its base64: the position and this tag.
const CURSOR_TAG: &str = "updates";

pub fn encode_position(seq: i64) -> String {
    encode_cursor(seq, CURSOR_TAG)
}

fn decode_position(cursor: &str) -> Option<i64> {
    decode_cursor(cursor)
        .filter(|(seq, tag)| tag == CURSOR_TAG && *seq >= 0)
        .map(|(seq, _)| seq)
}

/// GET /updates
pub async fn list_updates(
    state: web::Data<AppState>,
    auth: Auth,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    auth.require("jobs:read")?;
    let query = query_map(&req)?;
    let limit = limit_param(&query, UPDATES_PAGE)?;
    let after = match query.get("cursor").filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => decode_position(c).ok_or_else(bad_cursor)?,
    };
    throttle_token(&state, &auth).await?;
    let account = auth.account.id.clone();
    let mut page = state
        .db(move |conn| Ok(outbox::page(conn, &account, after, limit + 1)?))
        .await?;
    let more = page.len() as i64 > limit;
    page.truncate(limit as usize);
    let last = page.last().map_or(after, |e| e.seq);
    let events: Vec<Value> = page.iter().map(event_json).collect();
    Ok(HttpResponse::Ok().json(json!({
        "events": events,
        // Always a cursor: at the end it is where to poll from next time.
        "nextCursor": encode_position(last),
        "hasMore": more,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_others() {
        assert_eq!(decode_position(&encode_position(0)), Some(0));
        assert_eq!(decode_position(&encode_position(12345)), Some(12345));
        assert_eq!(decode_position(&encode_cursor(3, "job")), None);
        assert_eq!(decode_position(&encode_cursor(-1, CURSOR_TAG)), None);
        assert_eq!(decode_position("%%%"), None);
    }
}
