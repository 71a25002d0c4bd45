//! Crash safety (DESIGN.md §9): concurrent creates against the real `jobdraft serve` process,
//! `kill -9` mid-stream, restart; every draft the server acknowledged (201) is there with the
//! same content, and its idempotency key still replays it — on SQLite and on PostgreSQL.

mod common;

use common::jobdraft;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::Connection;
use serde_json::{json, Value};

const CLIENTS: usize = 8;
const KILLS: usize = 3;

/// One draft the server acknowledged with a 201.
#[derive(Debug, Clone)]
struct Acknowledged {
    key: String,
    job_id: String,
    description: String,
    /// `normalizedFields` of the 201 answer.
    fields: Value,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Starts `jobdraft serve` and waits until it answers `/livez`.
fn start_server(db: &str, addr: SocketAddr) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobdraft"))
        .args(["serve", "--bind", &addr.to_string()])
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .env("JOBDRAFT_WORKERS", "2")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn jobdraft serve");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if request(addr, "GET", "/livez", "", None).is_some_and(|(s, _)| s == 200) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("jobdraft serve did not come up on {addr}");
}

/// One request; `None` when the connection fails (the server was killed).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Option<(u16, Value)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    if !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        return None;
    }
    let res = common::parse_response(&raw);
    let value = serde_json::from_slice(&res.body).unwrap_or(Value::Null);
    Some((res.status, value))
}

/// Creates drafts from `CLIENTS` threads until `stop`; returns every acknowledged one.
fn create_until_stopped(
    addr: SocketAddr,
    token: &str,
    round: usize,
    stop: &Arc<AtomicBool>,
    acked: &Arc<Mutex<Vec<Acknowledged>>>,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..CLIENTS)
        .map(|client| {
            let (stop, acked, token) = (stop.clone(), acked.clone(), token.to_string());
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    n += 1;
                    let key = format!("crash-{round}-{client}-{n}");
                    let description = format!(
                        "Label {n} images of street scenes for client {client} in round {round}. Pay is $15/hour."
                    );
                    let body = json!({"rawJobDescription": description, "idempotencyKey": key});
                    match request(addr, "POST", "/api/public/v1/job-drafts", &token, Some(&body)) {
                        Some((201, report)) => {
                            let job_id = report["jobId"].as_str().unwrap_or_default().to_string();
                            let fields = report["normalizedFields"].clone();
                            if let Ok(mut list) = acked.lock() {
                                list.push(Acknowledged { key, job_id, description, fields });
                            }
                        }
                        Some((status, report)) => {
                            assert!(status < 500, "create answered {status}: {report}");
                        }
                        None => std::thread::sleep(Duration::from_millis(20)),
                    }
                }
            })
        })
        .collect()
}

/// Every acknowledged draft is readable with the content it was created with, and replays.
fn assert_all_present(addr: SocketAddr, token: &str, acked: &[Acknowledged]) {
    for a in acked {
        let (status, report) = request(
            addr,
            "GET",
            &format!("/api/public/v1/job-drafts/{}", a.job_id),
            token,
            None,
        )
        .expect("server answers after restart");
        assert_eq!(
            status, 200,
            "acknowledged draft {} lost: {report}",
            a.job_id
        );
        assert_eq!(
            report["normalizedFields"], a.fields,
            "draft {} changed",
            a.job_id
        );
    }
    // A sample of keys replays to the same draft (the idempotency row survived too).
    for a in acked.iter().step_by((acked.len() / 20).max(1)) {
        let body = json!({"rawJobDescription": a.description, "idempotencyKey": a.key});
        let (status, report) = request(
            addr,
            "POST",
            "/api/public/v1/job-drafts",
            token,
            Some(&body),
        )
        .expect("server answers");
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["jobId"], a.job_id.as_str());
    }
}

fn crash_and_recover(db: &str) {
    assert!(jobdraft(&["migrate"], db).status.success());
    let out = jobdraft(
        &[
            "token",
            "create",
            "--account",
            "crash",
            "--name",
            "crash-test",
        ],
        db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port())
        .parse()
        .expect("address");
    let acked = Arc::new(Mutex::new(Vec::new()));
    for round in 0..KILLS {
        let mut server = start_server(db, addr);
        let stop = Arc::new(AtomicBool::new(false));
        let clients = create_until_stopped(addr, &token, round, &stop, &acked);
        std::thread::sleep(Duration::from_millis(1500));
        server.kill().expect("kill -9");
        let _ = server.wait();
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            c.join().expect("client thread");
        }
    }
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();
    assert!(
        acked.len() > KILLS * 10,
        "too few creates to mean anything: {}",
        acked.len()
    );
    let mut server = start_server(db, addr);
    assert_all_present(addr, &token, &acked);
    let _ = server.kill();
    let _ = server.wait();
    eprintln!(
        "{} acknowledged drafts survived {KILLS} kill -9s",
        acked.len()
    );
}

#[test]
fn acknowledged_drafts_survive_kill_9_on_sqlite() {
    let dir = std::env::temp_dir().join(common::unique("jobdraft_crash"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = format!("sqlite://{}", dir.join("crash.db").display());
    crash_and_recover(&db);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn acknowledged_drafts_survive_kill_9_on_postgres() {
    let Some(admin) = common::postgres_url() else {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    };
    let name = common::unique("jd_crash");
    let mut conn = diesel::pg::PgConnection::establish(&admin).expect("connect");
    conn.batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    crash_and_recover(&common::with_database(&admin, &name));
    let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}
