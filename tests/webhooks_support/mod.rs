//! Webhook test helpers: a tiny HTTP receiver on loopback (std::net, one request per
//! connection) that records what arrives and answers with a status the test sets, and a
//! Standard Webhooks verifier written here from the specification — HMAC (RFC 2104) built by
//! hand on SHA-256 — independent of the server's `hmac`-crate signing.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("webhook body is JSON")
    }
}

/// A loopback HTTP server that records requests.
pub struct Receiver {
    pub addr: SocketAddr,
    status: Arc<AtomicU16>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    /// Starts a receiver answering `status`.
    pub fn start(status: u16) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind receiver");
        let addr = listener.local_addr().expect("receiver address");
        let status = Arc::new(AtomicU16::new(status));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (status.clone(), received.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (s, r) = (s.clone(), r.clone());
                std::thread::spawn(move || serve_one(stream, &s, &r));
            }
        });
        Receiver {
            addr,
            status,
            received,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn set_status(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Waits (up to a minute) until at least `n` requests arrived; returns them.
    pub fn wait_for(&self, n: usize) -> Vec<Received> {
        wait_until(&format!("{n} webhook requests"), || {
            let got = self.received();
            (got.len() >= n).then_some(got)
        })
    }
}

fn serve_one(stream: std::net::TcpStream, status: &AtomicU16, received: &Mutex<Vec<Received>>) {
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            return;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    if let Ok(mut r) = received.lock() {
        let path = line.split(' ').nth(1).unwrap_or("").to_string();
        r.push(Received {
            path,
            headers,
            body,
        });
    }
    let code = status.load(Ordering::SeqCst);
    let answer = format!(
        "HTTP/1.1 {code} X\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    );
    let _ = (&stream).write_all(answer.as_bytes());
}

/// A port nothing listens on (bound, then released): deliveries there are refused.
pub fn dead_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}/gone")
}

/// Polls `check` every 20 ms until it yields, failing after a minute (a bound for a stuck test,
/// not a speed assertion).
pub fn wait_until<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// HMAC-SHA256 from RFC 2104: H((K ^ opad) || H((K ^ ipad) || m)).
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// Verifies a received request the Standard Webhooks way: the three headers present, the
/// timestamp within five minutes of `now_secs`, and one `v1,` signature equal to the base64 HMAC
/// of `id.timestamp.body` under the base64-decoded `whsec_` secret.
pub fn verify(secret: &str, req: &Received, now_secs: i64) -> Result<(), String> {
    let id = req.header("webhook-id");
    let ts = req.header("webhook-timestamp");
    let sigs = req.header("webhook-signature");
    if id.is_empty() || ts.is_empty() || sigs.is_empty() {
        return Err(format!("missing headers: {:?}", req.headers));
    }
    let ts_num: i64 = ts.parse().map_err(|_| format!("timestamp {ts:?}"))?;
    if (now_secs - ts_num).abs() > 300 {
        return Err(format!("timestamp {ts_num} too far from {now_secs}"));
    }
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").ok_or("secret prefix")?)
        .map_err(|e| e.to_string())?;
    let mut signed = format!("{id}.{ts}.").into_bytes();
    signed.extend_from_slice(&req.body);
    let expected = format!("v1,{}", STANDARD.encode(hmac_sha256(&key, &signed)));
    if sigs.split(' ').any(|s| s == expected) {
        Ok(())
    } else {
        Err(format!("no valid signature in {sigs:?}"))
    }
}

#[test]
fn the_verifier_accepts_the_reference_vector() {
    let req = Received {
        path: "/".into(),
        headers: HashMap::from([
            ("webhook-id".into(), "msg_p5jXN8AQM9LWM0D4loKWxJek".into()),
            ("webhook-timestamp".into(), "1614265330".into()),
            (
                "webhook-signature".into(),
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".into(),
            ),
        ]),
        body: br#"{"test": 2432232314}"#.to_vec(),
    };
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    assert_eq!(verify(secret, &req, 1614265330), Ok(()));
    let mut tampered = req.clone();
    tampered.body = br#"{"test": 2432232315}"#.to_vec();
    assert!(verify(secret, &tampered, 1614265330).is_err());
    assert!(verify(secret, &req, 1614265330 + 301).is_err());
}
