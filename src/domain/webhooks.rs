//! Webhook rules: what a valid subscription is (https, ≤ 2048 characters, known event types, no
//! private address literal unless the operator allows it), the retry schedule with jitter, and
//! when a failing webhook is disabled. Pure: the store and the worker apply them.

use std::net::IpAddr;

use super::events::EventType;
pub use crate::net::ssrf::DestinationPolicy;
use crate::net::ssrf::{self, Destination};

pub const ACTIVE: &str = "ACTIVE";
pub const DISABLED: &str = "DISABLED";

/// Delivery states.
pub const PENDING: &str = "PENDING";
pub const SUCCEEDED: &str = "SUCCEEDED";
pub const FAILED: &str = "FAILED";

/// Webhooks per account (OpenTrain's limit).
pub const MAX_PER_ACCOUNT: i64 = 10;
/// Longest destination URL (OpenTrain's limit).
pub const MAX_URL_CHARS: usize = 2048;

/// Delays after failed attempts 1, 2, … (before jitter): ×3 from one minute, capped at eight
/// hours. Nine attempts in all span about 22 hours — retries "for about a day".
pub const RETRY_DELAYS_MS: &[i64] = &[
    60_000,
    3 * 60_000,
    9 * 60_000,
    27 * 60_000,
    81 * 60_000,
    243 * 60_000,
    8 * 3_600_000,
    8 * 3_600_000,
];
/// Attempts per delivery: the first plus one per retry delay.
pub const MAX_ATTEMPTS: i64 = RETRY_DELAYS_MS.len() as i64 + 1;
/// Each delay is scaled by a factor in [1 − JITTER, 1 + JITTER), so receivers that failed
/// together are not all retried in the same second.
pub const JITTER: f64 = 0.2;
/// Consecutive failed attempts (any delivery) after which a webhook is disabled.
pub const DISABLE_AFTER_FAILURES: i64 = 10;

/// When attempt `attempts + 1` is due after `attempts` failed at `now`; `None` when the
/// delivery has used all its attempts. `unit` in [0, 1) picks the jitter.
pub fn next_attempt_at(attempts: i64, now: i64, unit: f64) -> Option<i64> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    let base = *RETRY_DELAYS_MS.get(index)? as f64;
    let factor = 1.0 - JITTER + 2.0 * JITTER * unit.clamp(0.0, 1.0);
    Some(now + (base * factor).round() as i64)
}

/// Why a webhook stops being tried, if it should: too many failures in a row, or a delivery
/// that failed every attempt of its schedule with no success since it was queued.
pub fn disable_reason(
    consecutive_failures: i64,
    exhausted: bool,
    succeeded_since_queued: bool,
    last_error: &str,
) -> Option<String> {
    if consecutive_failures >= DISABLE_AFTER_FAILURES {
        return Some(format!(
            "{consecutive_failures} consecutive failed deliveries; last: {last_error}"
        ));
    }
    if exhausted && !succeeded_since_queued {
        return Some(format!(
            "a delivery failed all {MAX_ATTEMPTS} attempts over about a day; last: {last_error}"
        ));
    }
    None
}

/// Whether a stored subscription (`event_types`, space-separated) covers `kind`.
pub fn subscribes(event_types: &str, kind: EventType) -> bool {
    event_types.split_whitespace().any(|t| t == kind.as_str())
}

/// Why a subscription is refused: the offending key and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub reason: &'static str,
    pub message: String,
}

fn refuse(field: &'static str, reason: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        field,
        reason,
        message: message.into(),
    }
}

/// Checks a destination URL without resolving it (names are resolved, and every address
/// checked, at each delivery). Returns the parsed destination.
pub fn check_url(url: &str, policy: &DestinationPolicy) -> Result<Destination, Refusal> {
    if url.chars().count() > MAX_URL_CHARS {
        return Err(refuse(
            "url",
            "url_too_long",
            format!("url is longer than {MAX_URL_CHARS} characters"),
        ));
    }
    let dest = Destination::parse(url).map_err(|m| refuse("url", "invalid_url", m))?;
    let trusted = policy.trusts(&dest.host);
    if !dest.https && !trusted {
        return Err(refuse(
            "url",
            "https_required",
            "url must use https (http only for hosts the operator allows)",
        ));
    }
    if !trusted {
        let literal = dest
            .host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .ok();
        let private = match literal {
            Some(ip) => ssrf::classify(ip).is_some(),
            None => ssrf::is_local_name(&dest.host),
        };
        if private {
            return Err(refuse(
                "url",
                "private_destination",
                "url points at a private, loopback or link-local address",
            ));
        }
    }
    Ok(dest)
}

/// Checks and normalizes the subscribed event types (at least one, each known, no repeats).
pub fn check_event_types(types: &[String]) -> Result<Vec<EventType>, Refusal> {
    if types.is_empty() {
        return Err(refuse(
            "eventTypes",
            "invalid_event_types",
            "eventTypes needs at least one event type",
        ));
    }
    let mut out = Vec::new();
    for t in types {
        let kind = EventType::parse(t).ok_or_else(|| {
            refuse(
                "eventTypes",
                "invalid_event_types",
                format!(
                    "unknown event type {t:?}; known: {}",
                    EventType::ALL
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_spans_about_a_day_with_bounded_jitter() {
        let total: i64 = RETRY_DELAYS_MS.iter().sum();
        assert!(
            (20 * 3_600_000..=26 * 3_600_000).contains(&total),
            "{total}"
        );
        for (i, base) in RETRY_DELAYS_MS.iter().enumerate() {
            let attempts = i as i64 + 1;
            let low = next_attempt_at(attempts, 0, 0.0).unwrap();
            let high = next_attempt_at(attempts, 0, 0.999_999).unwrap();
            assert_eq!(low, (*base as f64 * 0.8).round() as i64);
            assert!(high < (*base as f64 * 1.2).round() as i64 + 1);
            assert!(low < high);
        }
        assert_eq!(next_attempt_at(MAX_ATTEMPTS, 0, 0.5), None);
        assert_eq!(next_attempt_at(0, 0, 0.5), None);
    }

    #[test]
    fn disabling_needs_a_streak_or_a_lost_day() {
        assert!(disable_reason(DISABLE_AFTER_FAILURES, false, false, "HTTP 500").is_some());
        assert!(disable_reason(3, false, false, "x").is_none());
        assert!(disable_reason(3, true, true, "x").is_none());
        let reason = disable_reason(9, true, false, "connection refused").unwrap();
        assert!(reason.contains("connection refused"), "{reason}");
    }

    #[test]
    fn urls_must_be_public_https_unless_trusted() {
        let strict = DestinationPolicy::default();
        assert!(check_url("https://hooks.example.com/x", &strict).is_ok());
        let refused = |u: &str| check_url(u, &strict).unwrap_err().reason;
        assert_eq!(refused("http://hooks.example.com/x"), "https_required");
        assert_eq!(refused("https://127.0.0.1/x"), "private_destination");
        assert_eq!(refused("https://[::1]:8443/x"), "private_destination");
        assert_eq!(refused("https://10.1.2.3/x"), "private_destination");
        assert_eq!(refused("https://localhost/x"), "private_destination");
        assert_eq!(refused("ftp://example.com/x"), "invalid_url");
        assert_eq!(refused("not a url"), "invalid_url");
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_CHARS));
        assert_eq!(refused(&long), "url_too_long");
        let open = DestinationPolicy {
            allow_private: true,
            allowed_hosts: vec![],
        };
        assert!(check_url("http://127.0.0.1:9/x", &open).is_ok());
        let listed = DestinationPolicy {
            allow_private: false,
            allowed_hosts: vec!["ats.internal".into()],
        };
        assert!(check_url("http://ats.internal/x", &listed).is_ok());
        assert!(check_url("http://other.internal/x", &listed).is_err());
    }

    #[test]
    fn event_types_are_known_and_deduplicated() {
        let ok = check_event_types(&["job.published".into(), "job.published".into()]).unwrap();
        assert_eq!(ok, vec![EventType::JobPublished]);
        assert!(check_event_types(&[]).is_err());
        assert!(check_event_types(&["job.deleted".into()]).is_err());
        assert!(subscribes("job.published job.closed", EventType::JobClosed));
        assert!(!subscribes("job.published", EventType::DraftCreated));
    }
}
