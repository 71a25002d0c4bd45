//! Webhook delivery across real `jobdraft serve` processes: a `kill -9` between the change and
//! its delivery loses no event (the outbox row committed with the change; the restarted server
//! delivers it), on SQLite and PostgreSQL; and two servers on one PostgreSQL deliver each event
//! exactly once between them.

mod common;
mod webhooks_support;

use common::jobdraft;

use std::collections::{HashMap, HashSet};
use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::Connection;
use serde_json::{json, Value};
use webhooks_support::{verify, wait_until, Receiver};

const TEXT: &str = "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour.";

fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
}

/// Starts `jobdraft serve` whose delivery worker polls every `poll_ms`, and waits for `/livez`.
fn start_server(db: &str, addr: SocketAddr, poll_ms: u64) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobdraft"))
        .args(["serve", "--bind", &addr.to_string()])
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .env("JOBDRAFT_WORKERS", "2")
        .env("JOBDRAFT_SWEEP_SECS", "0")
        .env("JOBDRAFT_WEBHOOK_POLL_MS", poll_ms.to_string())
        .env("JOBDRAFT_WEBHOOK_ALLOW_PRIVATE", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn jobdraft serve");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if std::net::TcpStream::connect(addr).is_ok()
            && common::http_request(addr, "GET", "/livez", &[], b"").status == 200
        {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("jobdraft serve did not come up on {addr}");
}

fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> common::Response {
    let auth = format!("Bearer {token}");
    let bytes = body.map(|b| b.to_string()).unwrap_or_default();
    common::http_request(
        addr,
        method,
        path,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        bytes.as_bytes(),
    )
}

/// Migrates `db` and returns a jobs:write token of account `hooks`.
fn prepare(db: &str) -> String {
    assert!(jobdraft(&["migrate"], db).status.success());
    let out = jobdraft(
        &["token", "create", "--account", "hooks", "--name", "t"],
        db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn create_webhook(addr: SocketAddr, token: &str, url: &str) -> (String, String) {
    let res = call(
        addr,
        "POST",
        "/api/public/v1/webhooks",
        token,
        Some(&json!({"url": url, "eventTypes": ["draft.created"]})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let body = res.json();
    (
        body["webhook"]["id"].as_str().expect("id").to_string(),
        body["secret"].as_str().expect("secret").to_string(),
    )
}

fn create_draft(addr: SocketAddr, token: &str, n: usize) {
    let res = call(
        addr,
        "POST",
        "/api/public/v1/job-drafts",
        token,
        Some(&json!({"rawJobDescription": format!("{TEXT} Round {n}.")})),
    );
    assert_eq!(res.status, 201, "{}", res.text());
}

fn ledger_ids(addr: SocketAddr, token: &str) -> HashSet<String> {
    let res = call(addr, "GET", "/api/public/v1/updates?limit=100", token, None);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["id"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Checks that the receiver got each ledger event exactly once, under distinct delivery ids,
/// validly signed.
fn assert_exactly_once(receiver: &Receiver, secret: &str, ledger: &HashSet<String>) {
    let got = receiver.received();
    let now = chrono::Utc::now().timestamp();
    let mut per_id: HashMap<&str, usize> = HashMap::new();
    let mut events = HashSet::new();
    for req in &got {
        assert_eq!(verify(secret, req, now), Ok(()), "{req:?}");
        *per_id.entry(req.header("webhook-id")).or_default() += 1;
        events.insert(req.json()["id"].as_str().unwrap_or("").to_string());
    }
    assert!(per_id.values().all(|n| *n == 1), "{per_id:?}");
    assert_eq!(got.len(), ledger.len(), "one delivery per event");
    assert_eq!(&events, ledger);
}

fn kill_then_deliver(db: &str) {
    let token = prepare(db);
    let receiver = Receiver::start(200);
    let addr = free_addr();
    // The first server's worker waits ten minutes before its first round: it never sends.
    let mut server = start_server(db, addr, 600_000);
    let (_, secret) = create_webhook(addr, &token, &receiver.url("/in"));
    for n in 0..5 {
        create_draft(addr, &token, n);
    }
    server.kill().expect("kill -9");
    let _ = server.wait();
    assert!(receiver.received().is_empty());

    let mut server = start_server(db, addr, 50);
    receiver.wait_for(5);
    let ledger = ledger_ids(addr, &token);
    assert_eq!(ledger.len(), 5);
    // Let a duplicate, if there were one, arrive before counting.
    wait_until("every delivery to be logged", || {
        let hooks = call(addr, "GET", "/api/public/v1/webhooks", &token, None).json();
        let id = hooks["webhooks"][0]["id"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let log = call(
            addr,
            "GET",
            &format!("/api/public/v1/webhooks/{id}/deliveries"),
            &token,
            None,
        )
        .json();
        let done = log["deliveries"]
            .as_array()
            .is_some_and(|d| d.len() == 5 && d.iter().all(|x| x["status"] == "SUCCEEDED"));
        done.then_some(())
    });
    assert_exactly_once(&receiver, &secret, &ledger);
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn kill_9_between_change_and_delivery_loses_nothing_on_sqlite() {
    let dir = std::env::temp_dir().join(common::unique("jobdraft_hooks"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    kill_then_deliver(&format!("sqlite://{}", dir.join("hooks.db").display()));
    let _ = std::fs::remove_dir_all(dir);
}

/// A fresh PostgreSQL database for a test, dropped by the returned guard's caller.
fn pg_database() -> Option<(String, String, String)> {
    let admin = common::postgres_url()?;
    let name = common::unique("jd_hooks");
    let mut conn = diesel::pg::PgConnection::establish(&admin).expect("connect");
    conn.batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    Some((common::with_database(&admin, &name), admin, name))
}

fn drop_database(admin: &str, name: &str) {
    if let Ok(mut conn) = diesel::pg::PgConnection::establish(admin) {
        let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

#[test]
fn kill_9_between_change_and_delivery_loses_nothing_on_postgres() {
    let Some((db, admin, name)) = pg_database() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    kill_then_deliver(&db);
    drop_database(&admin, &name);
}

#[test]
fn two_servers_on_one_postgres_deliver_each_event_once() {
    let Some((db, admin, name)) = pg_database() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let token = prepare(&db);
    let receiver = Receiver::start(200);
    let (a, b) = (free_addr(), free_addr());
    let mut servers = [start_server(&db, a, 10), start_server(&db, b, 10)];
    let (hook, secret) = create_webhook(a, &token, &receiver.url("/in"));
    let events = 40;
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let token = token.clone();
            std::thread::spawn(move || {
                for i in 0..events / 4 {
                    create_draft(if (w + i) % 2 == 0 { a } else { b }, &token, w * 100 + i);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    receiver.wait_for(events);
    let log = wait_until("every delivery to be logged", || {
        let log = call(
            b,
            "GET",
            &format!("/api/public/v1/webhooks/{hook}/deliveries?limit=100"),
            &token,
            None,
        )
        .json();
        let d = log["deliveries"].as_array().cloned().unwrap_or_default();
        (d.len() == events && d.iter().all(|x| x["status"] == "SUCCEEDED")).then_some(d)
    });
    let mut by_worker: HashMap<String, usize> = HashMap::new();
    for d in &log {
        assert_eq!(d["attempts"], 1, "{d}");
        *by_worker
            .entry(
                d["attemptLog"][0]["worker"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
            .or_default() += 1;
    }
    eprintln!("deliveries per worker: {by_worker:?}");
    let ledger = ledger_ids(a, &token);
    assert_eq!(ledger.len(), events);
    assert_exactly_once(&receiver, &secret, &ledger);
    for s in &mut servers {
        let _ = s.kill();
        let _ = s.wait();
    }
    drop_database(&admin, &name);
}
