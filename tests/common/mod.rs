//! Test harness: a real jobdraft server on a loopback port over a real database (a fresh SQLite
//! file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set), and a tiny HTTP/1.1
//! client that can also send the malformed requests a polite client never would.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use jobdraft::catalog::Catalog;
use jobdraft::config::Config;
use jobdraft::http::{bind_server, AppState};
use jobdraft::store::{tokens, Store};
use serde_json::Value;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A running server and its database.
pub struct TestServer {
    pub addr: SocketAddr,
    pub store: Store,
    pub db: Db,
    _dir: Option<TempDir>,
    pg_drop: Option<(String, String)>,
    /// Stops the server, its background tasks (the webhook worker) with it.
    handle: actix_web::dev::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A temporary directory removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Runs the `jobdraft` binary with `args` against database `db`, stdin closed.
pub fn jobdraft(args: &[&str], db: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jobdraft"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run jobdraft")
}

pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        uuid::Uuid::now_v7()
            .simple()
            .to_string()
            .get(20..)
            .unwrap_or("x")
    )
}

/// Replaces the database name in a PostgreSQL URL.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map(|i| i + scheme_end);
    let host_part = match path_start {
        Some(i) => &base[..i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{db}?{q}"),
        None => format!("{host_part}/{db}"),
    }
}

/// The PostgreSQL admin URL, if PostgreSQL tests are enabled.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

impl TestServer {
    /// Starts a server on `db` with the default configuration.
    pub fn start(db: Db) -> TestServer {
        TestServer::start_with(db, |_| {})
    }

    /// Starts a server on `db`, letting the test adjust the configuration first.
    pub fn start_with(db: Db, adjust: impl FnOnce(&mut Config)) -> TestServer {
        let (url, dir, pg_drop) = match db {
            Db::Sqlite => {
                let dir = std::env::temp_dir().join(unique("jobdraft_test"));
                std::fs::create_dir_all(&dir).expect("temp dir");
                let url = format!("sqlite://{}", dir.join("test.db").display());
                (url, Some(TempDir(dir)), None)
            }
            Db::Postgres => {
                let admin = postgres_url().expect("TEST_DATABASE_URL");
                let name = unique("jd_test");
                let mut conn = diesel::pg::PgConnection::establish(&admin)
                    .expect("connect to TEST_DATABASE_URL");
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                (with_database(&admin, &name), None, Some((admin, name)))
            }
        };
        let mut config = Config::for_database(&url);
        config.db_pool = Some(8);
        adjust(&mut config);
        let store = Store::open(&config.database_url, config.db_connections()).expect("open store");
        store.migrate().expect("migrate");
        let state = AppState::new(
            store.clone(),
            Arc::new(Catalog::builtin()),
            Arc::new(config),
        )
        .expect("blocking pool");
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let system = actix_web::rt::System::new();
            system.block_on(async move {
                let (server, addr) = bind_server(state).expect("bind");
                tx.send((addr, server.handle())).expect("send addr");
                let _ = server.await;
            });
        });
        let (addr, handle) = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("server started");
        TestServer {
            addr,
            store,
            db,
            _dir: dir,
            pg_drop,
            handle,
            thread: Some(thread),
        }
    }

    /// A new token for `account` with `scopes` (comma-separated).
    pub fn token(&self, account: &str, scopes: &str) -> String {
        let mut conn = self.store.conn().expect("conn");
        let scopes = tokens::parse_scopes(scopes).expect("scopes");
        tokens::create(&mut conn, account, "test", &scopes)
            .expect("token")
            .0
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        http_request(self.addr, method, path, headers, body)
    }

    pub fn get(&self, path: &str, token: &str) -> Response {
        let auth = format!("Bearer {token}");
        self.request("GET", path, &[("Authorization", &auth)], b"")
    }

    pub fn post_json(&self, path: &str, token: &str, body: &Value) -> Response {
        let auth = format!("Bearer {token}");
        self.request(
            "POST",
            path,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            body.to_string().as_bytes(),
        )
    }

    pub fn patch_json(&self, path: &str, token: &str, body: &Value) -> Response {
        let auth = format!("Bearer {token}");
        self.request(
            "PATCH",
            path,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            body.to_string().as_bytes(),
        )
    }

    /// Creates a draft from plain text and returns its report.
    pub fn create_text(&self, token: &str, text: &str) -> Value {
        let res = self.post_json(
            "/api/public/v1/job-drafts",
            token,
            &serde_json::json!({"rawJobDescription": text}),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        res.json()
    }
}

impl Drop for TestServer {
    /// Stops the server before its database goes: a server left running would keep polling a
    /// dropped database, its pool reconnecting in the background while the process exits (a
    /// connection attempt during libpq's teardown at exit crashed a test binary once).
    fn drop(&mut self) {
        // `stop` sends its command at once; the future only waits for the end, which the join
        // below does.
        drop(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if let Some((admin, name)) = self.pg_drop.take() {
            if let Ok(mut conn) = diesel::pg::PgConnection::establish(&admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// An HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// Asserts the response is the error envelope with `status` and `code`; returns the body.
    pub fn assert_error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        let body = self.json();
        assert_eq!(body["code"], code, "{body}");
        assert!(
            body["error"].as_str().is_some_and(|s| !s.is_empty()),
            "{body}"
        );
        assert!(body["details"].is_object(), "{body}");
        let id = body["requestId"].as_str().expect("requestId");
        assert_eq!(
            self.header("X-Request-Id"),
            Some(id),
            "X-Request-Id must match requestId"
        );
        body
    }
}

/// Sends one HTTP/1.1 request and reads the whole response.
pub fn http_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_response(&raw)
}

pub fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// Defines a test once per database: `<name>_sqlite` always, `<name>_postgres` when
/// `TEST_DATABASE_URL` is set (otherwise it says it was skipped).
#[macro_export]
macro_rules! both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                let srv = common::TestServer::start(common::Db::Sqlite);
                ($body)(&srv);
            }
            #[test]
            fn postgres() {
                if common::postgres_url().is_none() {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                }
                let srv = common::TestServer::start(common::Db::Postgres);
                ($body)(&srv);
            }
        }
    };
}
