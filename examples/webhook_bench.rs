//! Webhook throughput on one server (loopback only): creates N drafts over HTTP with no webhook,
//! then N more with one webhook subscribed to `draft.created`, and times how long the delivery
//! worker takes to deliver them all to a local receiver.
//!
//!     cargo run --release --example webhook_bench -- [N] [DATABASE_URL]
//!
//! Without a URL it uses a fresh SQLite file in the temp directory.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jobdraft::catalog::Catalog;
use jobdraft::config::Config;
use jobdraft::http::{bind_server, AppState};
use jobdraft::store::{tokens, Store};

const CLIENTS: usize = 8;
const TEXT: &str = "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour.";

fn receiver(count: Arc<AtomicUsize>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let count = count.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap_or(0);
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; len];
                if reader.read_exact(&mut body).is_ok() {
                    count.fetch_add(1, Ordering::SeqCst);
                    let _ = (&stream)
                        .write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                }
            });
        }
    });
    format!("http://{addr}/hook")
}

fn create_drafts(base: &str, token: &str, n: usize) -> Duration {
    let started = Instant::now();
    let per = n / CLIENTS;
    let handles: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (base, token) = (base.to_string(), token.to_string());
            std::thread::spawn(move || {
                let agent = ureq::Agent::new_with_defaults();
                for i in 0..per {
                    let body = format!(
                        r#"{{"rawJobDescription": "{TEXT} Batch {c}-{i}-{}."}}"#,
                        started.elapsed().as_nanos()
                    );
                    let res = agent
                        .post(format!("{base}/api/public/v1/job-drafts"))
                        .header("Authorization", format!("Bearer {token}"))
                        .header("Content-Type", "application/json")
                        .send(body.as_bytes())
                        .expect("create");
                    assert_eq!(res.status().as_u16(), 201);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("client");
    }
    started.elapsed()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let n = n / CLIENTS * CLIENTS;
    let url = args.next().unwrap_or_else(|| {
        let dir =
            std::env::temp_dir().join(format!("jobdraft_webhook_bench_{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        format!("sqlite://{}", dir.join("bench.db").display())
    });
    let mut config = Config::for_database(&url);
    config.webhook_poll_ms = 10;
    config.webhook_allow_private = true;
    config.token_rate_per_minute = 0;
    config.workers = 2;
    let store = Store::open(&config.database_url, config.db_connections()).expect("open");
    store.migrate().expect("migrate");
    let token = {
        let mut conn = store.conn().expect("conn");
        let scopes = vec!["jobs:write".to_string()];
        tokens::create(&mut conn, "bench", "bench", &scopes)
            .expect("token")
            .0
    };
    let state = AppState::new(store, Arc::new(Catalog::builtin()), Arc::new(config))
        .expect("blocking pool");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let (server, addr) = bind_server(state).expect("bind");
            tx.send(addr).expect("addr");
            let _ = server.await;
        });
    });
    let addr = rx.recv().expect("server");
    let base = format!("http://{addr}");

    let plain = create_drafts(&base, &token, n);
    let count = Arc::new(AtomicUsize::new(0));
    let hook_url = receiver(count.clone());
    let res = ureq::Agent::new_with_defaults()
        .post(format!("{base}/api/public/v1/webhooks"))
        .header("Authorization", format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .send(format!(r#"{{"url": "{hook_url}", "eventTypes": ["draft.created"]}}"#).as_bytes())
        .expect("create webhook");
    assert_eq!(res.status().as_u16(), 201);
    let started = Instant::now();
    let hooked = create_drafts(&base, &token, n);
    while count.load(Ordering::SeqCst) < n {
        std::thread::sleep(Duration::from_millis(5));
    }
    let delivered = started.elapsed();
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!("{n} drafts over HTTP ({CLIENTS} clients), {url}");
    println!("  creates, no webhook:        {:>8.0}/s", rate(plain));
    println!("  creates, one webhook:       {:>8.0}/s", rate(hooked));
    println!(
        "  all {n} delivered {:.2} s after the first create ({:.0} deliveries/s end to end)",
        delivered.as_secs_f64(),
        rate(delivered)
    );
}
