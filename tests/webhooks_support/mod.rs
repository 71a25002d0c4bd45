//! Webhook test helpers: a tiny HTTP receiver on loopback (std::net, one request per
//! connection) that records what arrives and answers with a status the test sets, and a
//! Standard Webhooks verifier written here from the specification — HMAC (RFC 2104) built by
//! hand on SHA-256 — independent of the server's `hmac`-crate signing; servers whose worker
//! delivers, and ledger and webhook calls.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jobdraft::clock::Clock;
use jobdraft::config::Config;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::common::{postgres_url, Db, TestServer};

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

/// A server configuration whose worker delivers (polling fast) to loopback receivers, on `clock`.
pub fn delivering(clock: &Clock) -> impl FnOnce(&mut Config) + '_ {
    move |c: &mut Config| {
        c.webhook_poll_ms = 20;
        c.webhook_allow_private = true;
        c.clock = clock.clone();
    }
}

pub fn start(db: Db, clock: &Clock) -> TestServer {
    TestServer::start_with(db, delivering(clock))
}

/// Runs `body` on SQLite, and on PostgreSQL when it is configured.
pub fn on_both(body: impl Fn(Db)) {
    body(Db::Sqlite);
    if postgres_url().is_some() {
        body(Db::Postgres);
    } else {
        eprintln!("PostgreSQL half skipped: TEST_DATABASE_URL is not set");
    }
}

/// Creates a webhook; returns its id and secret.
pub fn create_webhook(
    srv: &TestServer,
    token: &str,
    url: &str,
    types: &[&str],
) -> (String, String) {
    let res = srv.post_json(
        "/api/public/v1/webhooks",
        token,
        &json!({"url": url, "eventTypes": types}),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let body = res.json();
    (
        body["webhook"]["id"].as_str().expect("id").to_string(),
        body["secret"].as_str().expect("secret").to_string(),
    )
}

/// Every event of the account's ledger, read page by page.
pub fn ledger(srv: &TestServer, token: &str, limit: usize) -> Vec<Value> {
    let mut cursor = String::new();
    let mut all = Vec::new();
    loop {
        let res = srv.get(
            &format!("/api/public/v1/updates?limit={limit}&cursor={cursor}"),
            token,
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let page = res.json();
        let events = page["events"].as_array().expect("events").clone();
        assert!(events.len() <= limit);
        all.extend(events);
        cursor = page["nextCursor"].as_str().expect("nextCursor").to_string();
        if page["hasMore"] != true {
            return all;
        }
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
