//! Standard Webhooks signatures (https://www.standardwebhooks.com): `whsec_` secrets, and
//! `v1,<base64 HMAC-SHA256>` over `"{webhook-id}.{webhook-timestamp}.{body}"` keyed with the
//! base64-decoded secret. HMAC, SHA-256 and base64 come from the RustCrypto and base64 crates.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const PREFIX: &str = "whsec_";
/// Random bytes in a new secret (Standard Webhooks asks for 24 to 64).
const SECRET_BYTES: usize = 32;

/// A new secret: `whsec_` and the base64 of 32 random bytes.
pub fn new_secret() -> String {
    let bytes: [u8; SECRET_BYTES] = rand::random();
    format!("{PREFIX}{}", STANDARD.encode(bytes))
}

/// The key a secret stands for (the base64 after `whsec_`).
fn key(secret: &str) -> Result<Vec<u8>, String> {
    let encoded = secret.strip_prefix(PREFIX).unwrap_or(secret);
    STANDARD
        .decode(encoded)
        .map_err(|e| format!("the webhook secret is not base64: {e}"))
}

fn mac(secret: &str, msg_id: &str, timestamp: i64, body: &[u8]) -> Result<Hmac<Sha256>, String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key(secret)?).map_err(|e| e.to_string())?;
    mac.update(msg_id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(mac)
}

/// The `webhook-signature` header value for one message.
pub fn sign(secret: &str, msg_id: &str, timestamp: i64, body: &[u8]) -> Result<String, String> {
    let tag = mac(secret, msg_id, timestamp, body)?
        .finalize()
        .into_bytes();
    Ok(format!("v1,{}", STANDARD.encode(tag)))
}

/// Whether any `v1` signature in a `webhook-signature` header (space-separated) is valid;
/// compared in constant time.
pub fn verify(secret: &str, msg_id: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
    header.split_whitespace().any(|sig| {
        let Some(encoded) = sig.strip_prefix("v1,") else {
            return false;
        };
        let Ok(tag) = STANDARD.decode(encoded) else {
            return false;
        };
        mac(secret, msg_id, timestamp, body).is_ok_and(|m| m.verify_slice(&tag).is_ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks reference libraries (their test suites use it).
    #[test]
    fn matches_the_reference_vector() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        let sig = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).unwrap();
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn verifies_its_own_and_refuses_changes() {
        let secret = new_secret();
        assert!(secret.starts_with("whsec_"));
        let sig = sign(&secret, "msg_1", 1_700_000_000, b"{}").unwrap();
        assert!(verify(&secret, "msg_1", 1_700_000_000, b"{}", &sig));
        assert!(verify(
            &secret,
            "msg_1",
            1_700_000_000,
            b"{}",
            &format!("v1,AAAA {sig}")
        ));
        assert!(!verify(&secret, "msg_2", 1_700_000_000, b"{}", &sig));
        assert!(!verify(&secret, "msg_1", 1_700_000_001, b"{}", &sig));
        assert!(!verify(&secret, "msg_1", 1_700_000_000, b"{ }", &sig));
        assert!(!verify(&new_secret(), "msg_1", 1_700_000_000, b"{}", &sig));
        assert!(!verify(&secret, "msg_1", 1_700_000_000, b"{}", "v2,abc"));
    }
}
