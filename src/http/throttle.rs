//! Hourly limits on the onboarding routes (registrations, claim starts, issued tokens), per client
//! IP and per e-mail, as database counters so replicas count together; and the client's address.

use actix_web::HttpRequest;

use super::error::ApiError;
use super::AppState;
use crate::store::quotas;

const HOUR_MS: i64 = 3_600_000;

/// The address the request came from (the TCP peer; jobdraft trusts no forwarding header).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map_or_else(|| "unknown".to_string(), |a| a.ip().to_string())
}

/// Counts one hit on `bucket` in the current hour at the clock's `now`. `Ok(None)` when within
/// `limit` (or the limit is off), `Ok(Some(seconds))` with the wait when over it.
pub async fn hit_hourly(
    state: &AppState,
    bucket: String,
    limit: i64,
    now: i64,
) -> Result<Option<u64>, ApiError> {
    if limit <= 0 {
        return Ok(None);
    }
    let window = state
        .db_write(move |conn| Ok(quotas::hit(conn, &bucket, limit, HOUR_MS, now)?))
        .await?;
    Ok((!window.allowed()).then(|| window.reset_secs(now)))
}
