//! The claim ceremony's rules (OpenTrain's device-flow-style hand-over of a self-registered
//! account to a person): what a token poll answers, whether a code submission counts, how
//! secrets are hashed and compared. Pure: times come in as Unix milliseconds.

use sha2::{Digest, Sha256};

use super::create::hex;

/// OpenTrain's grant type for the claim poll.
pub const GRANT_TYPE: &str = "urn:opentrain:agent-auth:grant-type:claim";
/// Seconds an agent waits between polls.
pub const POLL_INTERVAL_SECS: i64 = 5;
/// Seconds a user code stays valid.
pub const USER_CODE_TTL_SECS: i64 = 1800;
/// Seconds a claim token stays valid after registration.
pub const CLAIM_TOKEN_TTL_SECS: i64 = 24 * 3600;
/// Wrong codes tolerated before the code is burned and the agent must start the claim again.
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// Prefix of claim tokens (the agent's secret for the ceremony).
pub const CLAIM_TOKEN_PREFIX: &str = "jd_clm_";
/// Prefix of the secret in the verification link the person opens.
pub const VERIFICATION_PREFIX: &str = "jd_cat_";

/// What the ceremony's row says, as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimState {
    pub claim_token_expires_at: i64,
    /// Set once a claim was started (a code issued).
    pub code_expires_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub last_polled_at: Option<i64>,
}

/// The answer to one poll of the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollAnswer {
    /// The post-claim token was delivered already (exactly once).
    AlreadyDelivered,
    /// The claim token, or the code window without a confirmation, has run out.
    Expired,
    /// No claim was started yet: POST /api/agent/identity/claim first.
    NotStarted,
    /// Polled again before `interval` seconds passed.
    SlowDown,
    /// The person has not confirmed yet.
    Pending,
    /// Confirmed: deliver the post-claim token now.
    Deliver,
}

impl PollAnswer {
    /// The OAuth error code of a non-delivering answer.
    pub fn oauth_error(self) -> Option<&'static str> {
        match self {
            PollAnswer::AlreadyDelivered => Some("invalid_grant"),
            PollAnswer::Expired => Some("expired_token"),
            PollAnswer::NotStarted => Some("invalid_request"),
            PollAnswer::SlowDown => Some("slow_down"),
            PollAnswer::Pending => Some("authorization_pending"),
            PollAnswer::Deliver => None,
        }
    }
}

/// Decides a poll at `now`. A delivered token is never delivered again; a confirmed claim is
/// delivered even after the code window (the person finished in time); polling faster than the
/// interval is refused before anything else is revealed.
pub fn poll(state: &ClaimState, now: i64) -> PollAnswer {
    if state.delivered_at.is_some() {
        return PollAnswer::AlreadyDelivered;
    }
    if state
        .last_polled_at
        .is_some_and(|t| now - t < POLL_INTERVAL_SECS * 1000)
    {
        return PollAnswer::SlowDown;
    }
    if state.confirmed_at.is_some() {
        return PollAnswer::Deliver;
    }
    if state.claim_token_expires_at <= now {
        return PollAnswer::Expired;
    }
    match state.code_expires_at {
        None => PollAnswer::NotStarted,
        Some(t) if t <= now => PollAnswer::Expired,
        Some(_) => PollAnswer::Pending,
    }
}

/// Whether a claim may still be started (or restarted) with this claim token.
pub fn can_start(state: &ClaimState, now: i64) -> Result<(), &'static str> {
    if state.delivered_at.is_some() || state.confirmed_at.is_some() {
        return Err("This account has already been claimed.");
    }
    if state.claim_token_expires_at <= now {
        return Err("The claim token has expired; register again.");
    }
    Ok(())
}

/// SHA-256 of a secret, as stored.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The stored form of a user code: bound to its ceremony, so equal codes hash differently.
pub fn user_code_hash(account_id: &str, code: &str) -> String {
    hash_secret(&format!("{account_id}:{code}"))
}

/// Compares two secrets (or their hashes) in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A user code as a person types it: digits only, spaces and dashes ignored.
pub fn normalize_user_code(input: &str) -> Option<String> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// A plausible e-mail address, lowercased (one `@`, a dotted domain, no spaces, ≤ 254 chars).
pub fn normalize_email(input: &str) -> Option<String> {
    let email = input.trim().to_ascii_lowercase();
    let (local, domain) = email.split_once('@')?;
    let ok = email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(now: i64) -> ClaimState {
        ClaimState {
            claim_token_expires_at: now + CLAIM_TOKEN_TTL_SECS * 1000,
            code_expires_at: Some(now + USER_CODE_TTL_SECS * 1000),
            confirmed_at: None,
            delivered_at: None,
            last_polled_at: None,
        }
    }

    #[test]
    fn polls_walk_the_documented_answers() {
        let t = 1_000_000;
        let mut s = started(t);
        assert_eq!(poll(&s, t), PollAnswer::Pending);
        s.last_polled_at = Some(t);
        assert_eq!(poll(&s, t + 1000), PollAnswer::SlowDown);
        assert_eq!(poll(&s, t + 5000), PollAnswer::Pending);
        s.confirmed_at = Some(t + 6000);
        assert_eq!(poll(&s, t + 10_000), PollAnswer::Deliver);
        s.delivered_at = Some(t + 10_000);
        assert_eq!(poll(&s, t + 20_000), PollAnswer::AlreadyDelivered);
        assert_eq!(
            PollAnswer::AlreadyDelivered.oauth_error(),
            Some("invalid_grant")
        );
    }

    #[test]
    fn windows_expire() {
        let t = 1_000_000;
        let s = started(t);
        assert_eq!(poll(&s, t + USER_CODE_TTL_SECS * 1000), PollAnswer::Expired);
        let mut not_started = s;
        not_started.code_expires_at = None;
        assert_eq!(poll(&not_started, t), PollAnswer::NotStarted);
        assert_eq!(
            poll(&not_started, t + CLAIM_TOKEN_TTL_SECS * 1000),
            PollAnswer::Expired
        );
        assert!(can_start(&s, t).is_ok());
        assert!(can_start(&s, t + CLAIM_TOKEN_TTL_SECS * 1000).is_err());
    }

    #[test]
    fn inputs_are_normalized() {
        assert_eq!(normalize_user_code(" 123-456 ").as_deref(), Some("123456"));
        assert_eq!(normalize_user_code("12345"), None);
        assert_eq!(normalize_user_code("12345a"), None);
        assert_eq!(
            normalize_email(" Jane@Example.COM ").as_deref(),
            Some("jane@example.com")
        );
        for bad in [
            "",
            "jane",
            "jane@",
            "@x.com",
            "a@b",
            "a b@c.com",
            "a@b@c.com",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert_ne!(user_code_hash("a", "123456"), user_code_hash("b", "123456"));
    }
}
