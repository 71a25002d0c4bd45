//! The updates ledger (issue 13): `GET /api/public/v1/updates` pages an account's events with a
//! cursor and skips nothing while writers race (a reader polls during concurrent writes and must
//! see exactly the ledger), on SQLite and PostgreSQL.

mod common;
mod webhooks_support;

use serde_json::json;
use webhooks_support::{ledger, on_both};

const DASHCAM: &str = "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour. English required. Work runs about six weeks.";

#[test]
fn the_ledger_pages_without_skipping_while_writers_race() {
    on_both(|db| {
        // The reader polls as fast as it can: no per-token throttle here.
        let srv = std::sync::Arc::new(common::TestServer::start_with(db, |c| {
            c.token_rate_per_minute = 0
        }));
        let token = srv.token("acme", "jobs:write");
        let writers = 4;
        let per_writer = 12;
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        // A reader polls with its cursor while the writers run, like a client would.
        let reader = {
            let (srv, token, done) = (srv.clone(), token.clone(), done.clone());
            std::thread::spawn(move || {
                let mut cursor = String::new();
                let mut seen = Vec::new();
                loop {
                    let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                    let res = srv.get(
                        &format!("/api/public/v1/updates?limit=5&cursor={cursor}"),
                        &token,
                    );
                    assert_eq!(res.status, 200, "{}", res.text());
                    let page = res.json();
                    for e in page["events"].as_array().expect("events") {
                        seen.push(e["id"].as_str().expect("id").to_string());
                    }
                    cursor = page["nextCursor"].as_str().expect("cursor").to_string();
                    if finished && page["hasMore"] == false {
                        return seen;
                    }
                }
            })
        };
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let (srv, token) = (srv.clone(), token.clone());
                std::thread::spawn(move || {
                    for i in 0..per_writer {
                        let report = srv.create_text(&token, &format!("{DASHCAM} Batch {w}-{i}."));
                        let id = report["jobId"].as_str().expect("jobId");
                        let res = srv.patch_json(
                            &format!("/api/public/v1/job-drafts/{id}"),
                            &token,
                            &json!({"headcount": i + 1}),
                        );
                        assert_eq!(res.status, 200, "{}", res.text());
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("writer");
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        let seen = reader.join().expect("reader");
        let all: Vec<String> = ledger(&srv, &token, 100)
            .iter()
            .map(|e| e["id"].as_str().unwrap_or("").to_string())
            .collect();
        assert_eq!(all.len(), writers * per_writer * 2);
        let missing: Vec<&String> = all.iter().filter(|id| !seen.contains(id)).collect();
        assert!(
            missing.is_empty(),
            "the polling reader skipped {} event(s): {missing:?}",
            missing.len()
        );
        assert_eq!(seen, all, "the polling reader saw a different ledger");

        // Paging itself: limits, the end, a cursor kept for later, bad input.
        let first = srv.get("/api/public/v1/updates?limit=7", &token).json();
        assert_eq!(first["events"].as_array().map(Vec::len), Some(7));
        assert_eq!(first["hasMore"], true);
        let end = srv.get(
            &format!("/api/public/v1/updates?cursor={}", ledger_end(&srv, &token)),
            &token,
        );
        assert_eq!(end.json()["events"], json!([]));
        assert_eq!(end.json()["hasMore"], false);
        for bad in [
            "limit=0",
            "limit=101",
            "limit=x",
            "cursor=nope",
            "cursor=%00",
        ] {
            let res = srv.get(&format!("/api/public/v1/updates?{bad}"), &token);
            assert_eq!(res.status, 400, "{bad}: {}", res.text());
        }
    });
}

fn ledger_end(srv: &common::TestServer, token: &str) -> String {
    let mut cursor = String::new();
    loop {
        let page = srv
            .get(
                &format!("/api/public/v1/updates?limit=100&cursor={cursor}"),
                token,
            )
            .json();
        cursor = page["nextCursor"].as_str().expect("cursor").to_string();
        if page["hasMore"] == false {
            return cursor;
        }
    }
}

/// Positions have no gaps: a transaction that took position 1 and rolled back leaves it to the
/// next writer, even one that was waiting on it (a database sequence would hand out 2). With
/// the counter row locked until commit, this is what keeps positions in commit order. PostgreSQL
/// only: there concurrent writers really interleave (SQLite has one writer, and this test's
/// second connection bypasses the server's writer queue, so it can meet SQLITE_BUSY).
#[test]
fn a_rolled_back_position_is_handed_out_again_on_postgres() {
    use diesel::Connection;
    use jobdraft::domain::events::created;
    use jobdraft::domain::JobStatus;
    use jobdraft::store::{outbox, StoreError};

    if common::postgres_url().is_none() {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    }
    {
        let srv = common::TestServer::start(common::Db::Postgres);
        let mut first = srv.store.conn().expect("conn");
        let waiting = std::sync::Mutex::new(None);
        let rolled_back = first.transaction::<(), StoreError, _>(|c| {
            outbox::record(c, "acct", "job-1", &[created(JobStatus::Draft, 1)], 1)?;
            let store = srv.store.clone();
            let second = std::thread::spawn(move || {
                let mut conn = store.conn().expect("conn");
                conn.transaction::<(), StoreError, _>(|c| {
                    outbox::record(c, "acct", "job-2", &[created(JobStatus::Draft, 1)], 2)
                })
            });
            *waiting.lock().expect("lock") = Some(second);
            Err(StoreError::NotFound)
        });
        assert!(rolled_back.is_err());
        let second = waiting.lock().expect("lock").take().expect("second writer");
        second
            .join()
            .expect("thread")
            .expect("second writer commits");
        let events = outbox::page(&mut first, "acct", 0, 10).expect("page");
        assert_eq!(events.len(), 1);
        assert_eq!(
            (events[0].seq, events[0].resource_id.as_str()),
            (1, "job-2")
        );
    }
}
