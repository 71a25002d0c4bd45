//! Webhooks and the updates ledger (issue 13, DESIGN.md §14) against a real server and a real
//! HTTP receiver on loopback, on SQLite and PostgreSQL: every event of every surface arrives once
//! per delivery id with a valid Standard Webhooks signature (checked by an independent
//! verifier), a failing receiver is retried on the backoff schedule (the clock is moved, never
//! slept through), a dead one gets the webhook disabled, and the ledger pages without skipping
//! an event while writers race.

mod common;
mod lifecycle_support;
mod webhooks_support;

use std::collections::{HashMap, HashSet};

use jobdraft::clock::Clock;
use jobdraft::config::Config;
use jobdraft::domain::webhooks::{MAX_ATTEMPTS, RETRY_DELAYS_MS};
use jobdraft::store::{lifecycle, now_ms};
use lifecycle_support::*;
use serde_json::{json, Value};
use webhooks_support::{dead_url, verify, wait_until, Receiver};

const WHATSAPP: &str =
    "Label images of street scenes. Message me on WhatsApp +1 555 123 4567 for details.";
const ALL_TYPES: [&str; 7] = [
    "draft.created",
    "draft.updated",
    "job.published",
    "job.updated",
    "job.closed",
    "job.pending_review",
    "job.review_decided",
];

/// A server whose worker delivers (polling fast) to loopback receivers, on `clock`.
fn delivering(clock: &Clock) -> impl FnOnce(&mut Config) + '_ {
    move |c: &mut Config| {
        c.webhook_poll_ms = 20;
        c.webhook_allow_private = true;
        c.clock = clock.clone();
    }
}

fn start(db: common::Db, clock: &Clock) -> common::TestServer {
    common::TestServer::start_with(db, delivering(clock))
}

/// Runs `body` on SQLite, and on PostgreSQL when it is configured.
fn on_both(body: impl Fn(common::Db)) {
    body(common::Db::Sqlite);
    if common::postgres_url().is_some() {
        body(common::Db::Postgres);
    } else {
        eprintln!("PostgreSQL half skipped: TEST_DATABASE_URL is not set");
    }
}

fn create_webhook(
    srv: &common::TestServer,
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
fn ledger(srv: &common::TestServer, token: &str, limit: usize) -> Vec<Value> {
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

fn deliveries(srv: &common::TestServer, token: &str, hook: &str) -> Vec<Value> {
    let res = srv.get(
        &format!("/api/public/v1/webhooks/{hook}/deliveries?limit=100"),
        token,
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["deliveries"]
        .as_array()
        .expect("deliveries")
        .clone()
}

fn webhook(srv: &common::TestServer, token: &str, hook: &str) -> Value {
    let res = srv.get(&format!("/api/public/v1/webhooks/{hook}"), token);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["webhook"].clone()
}

fn millis(iso: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(iso.as_str().expect("a timestamp"))
        .expect("RFC 3339")
        .timestamp_millis()
}

/// Drives a job through every event type with the surfaces that exist (HTTP create, draft PATCH,
/// publish, live edit, close, moderation's review queue and the operator's decision).
fn every_event(srv: &common::TestServer, token: &str) -> Vec<&'static str> {
    let id = ready_draft(srv, token, DASHCAM, json!({"headcount": 4}));
    assert_eq!(publish(srv, token, &id).json()["status"], "OPEN");
    let res = srv.patch_json(
        &format!("/api/public/v1/jobs/{id}"),
        token,
        &json!({"headcount": 3}),
    );
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(close(srv, token, &id).status, 200);
    let held = ready_draft(srv, token, DASHCAM, json!({"jobDescription": WHATSAPP}));
    assert_eq!(publish(srv, token, &held).status, 202);
    let mut conn = srv.store.conn().expect("conn");
    assert!(matches!(
        lifecycle::resolve(&mut conn, &held, true, None, now_ms()),
        Ok(lifecycle::Resolved::Done(_))
    ));
    vec![
        "draft.created",
        "draft.updated",
        "job.published",
        "job.updated",
        "job.closed",
        "draft.created",
        "draft.updated",
        "job.pending_review",
        "job.review_decided",
        "job.published",
    ]
}

#[test]
fn every_event_arrives_once_per_delivery_id_signed() {
    on_both(|db| {
        let clock = Clock::default();
        let srv = start(db, &clock);
        let token = srv.token("acme", "jobs:write");
        let other = srv.token("globex", "jobs:write");
        let receiver = Receiver::start(204);
        let (all_hook, all_secret) =
            create_webhook(&srv, &token, &receiver.url("/all"), &ALL_TYPES);
        let (pub_hook, pub_secret) = create_webhook(
            &srv,
            &token,
            &receiver.url("/published"),
            &["job.published"],
        );
        // Another account's events never reach this account's webhooks.
        srv.create_text(&other, DASHCAM);

        let expected = every_event(&srv, &token);
        let events = ledger(&srv, &token, 3);
        let types: Vec<&str> = events
            .iter()
            .map(|e| e["type"].as_str().unwrap_or(""))
            .collect();
        // Draft PATCHes may be several (ready_draft fills gaps in rounds): compare without repeats.
        let mut dedup = types.clone();
        dedup.dedup();
        assert_eq!(dedup, expected, "{types:?}");

        let published = types.iter().filter(|t| **t == "job.published").count();
        let got = receiver.wait_for(events.len() + published);
        let now_secs = clock.now_ms() / 1000;
        let mut per_id: HashMap<String, usize> = HashMap::new();
        let mut seen: HashMap<&str, Vec<Value>> = HashMap::new();
        for req in &got {
            *per_id
                .entry(req.header("webhook-id").to_string())
                .or_default() += 1;
            let (which, secret) = match req.path.as_str() {
                "/all" => ("all", all_secret.as_str()),
                "/published" => ("published", pub_secret.as_str()),
                other => panic!("unexpected path {other}"),
            };
            assert_eq!(verify(secret, req, now_secs), Ok(()), "{req:?}");
            assert_eq!(req.header("content-type"), "application/json");
            assert!(req.header("user-agent").starts_with("jobdraft-webhooks/"));
            seen.entry(which).or_default().push(req.json());
        }
        assert!(
            per_id.values().all(|n| *n == 1),
            "a delivery id arrived twice: {per_id:?}"
        );
        assert_eq!(got.len(), events.len() + published);

        // The /all webhook got exactly the ledger, event for event, byte-equal JSON.
        let mut all = seen.remove("all").unwrap_or_default();
        all.sort_by_key(|e| events.iter().position(|l| l["id"] == e["id"]));
        assert_eq!(all, events);
        // The /published one got only job.published, each once.
        let only: Vec<&Value> = events
            .iter()
            .filter(|e| e["type"] == "job.published")
            .collect();
        let mut pubs = seen.remove("published").unwrap_or_default();
        pubs.sort_by_key(|e| events.iter().position(|l| l["id"] == e["id"]));
        assert_eq!(pubs.iter().collect::<Vec<_>>(), only);

        // The log agrees: each delivery succeeded at its first attempt.
        wait_until("the log to record every success", || {
            let log = deliveries(&srv, &token, &all_hook);
            (log.len() == events.len() && log.iter().all(|d| d["status"] == "SUCCEEDED"))
                .then_some(())
        });
        for d in deliveries(&srv, &token, &pub_hook) {
            assert_eq!(d["attempts"], 1, "{d}");
            assert_eq!(d["attemptLog"][0]["statusCode"], 204, "{d}");
        }
        assert_eq!(
            receiver.received().len(),
            events.len() + published,
            "late duplicates"
        );
        // Another account sees neither the webhooks nor the events.
        assert_eq!(
            srv.get(&format!("/api/public/v1/webhooks/{all_hook}"), &other)
                .status,
            404
        );
        let theirs = ledger(&srv, &other, 100);
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0]["type"], "draft.created");
    });
}

#[test]
fn a_failing_receiver_is_retried_on_the_backoff_schedule() {
    on_both(|db| {
        let clock = Clock::default();
        let srv = start(db, &clock);
        let token = srv.token("acme", "jobs:write");
        let receiver = Receiver::start(500);
        let (hook, secret) =
            create_webhook(&srv, &token, &receiver.url("/flaky"), &["draft.created"]);
        srv.create_text(&token, DASHCAM);
        let retries = 3;
        for n in 1..=retries {
            receiver.wait_for(n);
            let log = wait_until("the attempt to be logged", || {
                let log = deliveries(&srv, &token, &hook);
                (log.len() == 1 && log[0]["attempts"] == n as i64).then(|| log[0].clone())
            });
            assert_eq!(log["status"], "PENDING", "{log}");
            assert!(
                log["lastError"].as_str().unwrap_or("").contains("HTTP 500"),
                "{log}"
            );
            let attempted = millis(&log["lastAttemptAt"]);
            let next = millis(&log["nextAttemptAt"]);
            let base = RETRY_DELAYS_MS[n - 1] as f64;
            let delay = (next - attempted) as f64;
            assert!(
                (base * 0.8..=base * 1.2).contains(&delay),
                "retry {n} after {delay} ms; schedule says {base} ms ± 20%"
            );
            // Move time to just past the retry; the next attempt comes then, and not before.
            clock.advance(next - clock.now_ms() + 1);
        }
        receiver.set_status(200);
        let got = receiver.wait_for(retries + 1);
        let log = wait_until("the success to be logged", || {
            let log = deliveries(&srv, &token, &hook);
            (log[0]["status"] == "SUCCEEDED").then(|| log[0].clone())
        });
        let attempts = log["attemptLog"].as_array().expect("attemptLog");
        assert_eq!(attempts.len(), retries + 1);
        for pair in attempts.windows(2) {
            let gap = millis(&pair[1]["attemptedAt"]) - millis(&pair[0]["attemptedAt"]);
            let n = pair[0]["attempt"].as_i64().unwrap_or(0) as usize;
            assert!(
                gap as f64 >= RETRY_DELAYS_MS[n - 1] as f64 * 0.8,
                "{gap} {log}"
            );
        }
        // One delivery id throughout, a fresh valid signature on every attempt.
        let ids: HashSet<&str> = got.iter().map(|r| r.header("webhook-id")).collect();
        assert_eq!(ids.len(), 1);
        for req in &got {
            let ts: i64 = req.header("webhook-timestamp").parse().expect("timestamp");
            assert_eq!(verify(&secret, req, ts), Ok(()));
        }
        let stamps: HashSet<&str> = got.iter().map(|r| r.header("webhook-timestamp")).collect();
        assert_eq!(stamps.len(), got.len(), "each attempt is signed anew");
        // Redelivery sends the delivered event again under the same id.
        let d = log["id"].as_str().expect("id");
        let res = srv.request(
            "POST",
            &format!("/api/public/v1/webhooks/{hook}/deliveries/{d}/redeliver"),
            &[("Authorization", &format!("Bearer {token}"))],
            b"",
        );
        assert_eq!(res.status, 202, "{}", res.text());
        let again = receiver.wait_for(retries + 2);
        assert_eq!(again[retries + 1].header("webhook-id"), d);
        assert_eq!(again[retries + 1].body, got[0].body);
    });
}

#[test]
fn a_dead_receiver_gets_the_webhook_disabled() {
    on_both(|db| {
        let clock = Clock::default();
        let srv = start(db, &clock);
        let token = srv.token("acme", "jobs:write");
        let (hook, _) = create_webhook(&srv, &token, &dead_url(), &["draft.created"]);
        srv.create_text(&token, DASHCAM);
        for n in 1..MAX_ATTEMPTS {
            let log = wait_until("a failed attempt", || {
                let log = deliveries(&srv, &token, &hook);
                (log.len() == 1 && log[0]["attempts"] == n).then(|| log[0].clone())
            });
            assert_eq!(log["status"], "PENDING", "{log}");
            assert_eq!(log["lastStatusCode"], Value::Null);
            clock.advance(millis(&log["nextAttemptAt"]) - clock.now_ms() + 1);
        }
        let hooked = wait_until("the webhook to be disabled", || {
            let w = webhook(&srv, &token, &hook);
            (w["status"] == "DISABLED").then_some(w)
        });
        let reason = hooked["disabledReason"].as_str().expect("disabledReason");
        assert!(
            reason.contains(&format!("{MAX_ATTEMPTS} attempts")),
            "{reason}"
        );
        assert!(hooked["disabledAt"].is_string());
        let log = deliveries(&srv, &token, &hook);
        assert_eq!(log[0]["status"], "FAILED");
        assert_eq!(log[0]["attempts"], MAX_ATTEMPTS);
        // A disabled webhook takes no redelivery; the ledger still has the event.
        let d = log[0]["id"].as_str().expect("id");
        srv.request(
            "POST",
            &format!("/api/public/v1/webhooks/{hook}/deliveries/{d}/redeliver"),
            &[("Authorization", &format!("Bearer {token}"))],
            b"",
        )
        .assert_error(409, "CONFLICT");
        assert_eq!(ledger(&srv, &token, 10).len(), 1);
        // New events are not queued for it.
        srv.create_text(&token, DASHCAM);
        assert_eq!(deliveries(&srv, &token, &hook).len(), 1);
    });
}

#[test]
fn the_ledger_pages_without_skipping_while_writers_race() {
    on_both(|db| {
        let clock = Clock::default();
        // The reader polls as fast as it can: no per-token throttle here.
        let srv = std::sync::Arc::new(common::TestServer::start_with(db, |c| {
            delivering(&clock)(c);
            c.token_rate_per_minute = 0;
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

both_databases!(
    webhooks_are_managed_in_opentrains_shapes,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let reader = srv.token("acme", "jobs:read");
        let url = "https://hooks.example.com/jobdraft";
        let res = srv.post_json(
            "/api/public/v1/webhooks",
            &token,
            &json!({"url": url, "eventTypes": ["job.published", "job.closed"]}),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        assert_eq!(res.header("Cache-Control"), Some("no-store"));
        let body = res.json();
        let secret = body["secret"].as_str().expect("secret");
        assert!(
            secret.starts_with("whsec_") && secret.len() > 30,
            "{secret}"
        );
        let hook = &body["webhook"];
        assert_eq!(hook["status"], "ACTIVE");
        assert_eq!(hook["url"], url);
        assert_eq!(hook["eventTypes"], json!(["job.published", "job.closed"]));
        assert_eq!(hook["disabledAt"], Value::Null);
        assert_eq!(hook["disabledReason"], Value::Null);
        let id = hook["id"].as_str().expect("id");
        // The secret is shown once.
        let listed = srv.get("/api/public/v1/webhooks", &token);
        assert_eq!(listed.status, 200);
        assert!(!listed.text().contains(secret));
        assert_eq!(listed.json()["webhooks"][0]["id"], id);
        assert!(!srv
            .get(&format!("/api/public/v1/webhooks/{id}"), &token)
            .text()
            .contains(secret));

        // Refused destinations and bodies (none is contacted: the checks need no network).
        for (body, reason) in [
            (
                json!({"url": "http://hooks.example.com/x", "eventTypes": ["job.closed"]}),
                "https_required",
            ),
            (
                json!({"url": "https://127.0.0.1/x", "eventTypes": ["job.closed"]}),
                "private_destination",
            ),
            (
                json!({"url": "https://[::ffff:10.0.0.1]/x", "eventTypes": ["job.closed"]}),
                "private_destination",
            ),
            (
                json!({"url": "https://169.254.169.254/latest", "eventTypes": ["job.closed"]}),
                "private_destination",
            ),
            (
                json!({"url": "https://localhost:8443/x", "eventTypes": ["job.closed"]}),
                "private_destination",
            ),
            (
                json!({"url": "ftp://example.com/x", "eventTypes": ["job.closed"]}),
                "invalid_url",
            ),
            (
                json!({"url": "https://u:p@example.com/x", "eventTypes": ["job.closed"]}),
                "invalid_url",
            ),
            (
                json!({"url": 5, "eventTypes": ["job.closed"]}),
                "invalid_url",
            ),
            (json!({"url": url, "eventTypes": []}), "invalid_event_types"),
            (
                json!({"url": url, "eventTypes": ["job.deleted"]}),
                "invalid_event_types",
            ),
            (json!({"url": url}), "invalid_event_types"),
            (
                json!({"url": url, "eventTypes": ["job.closed"], "secret": "x"}),
                "unknown_key",
            ),
        ] {
            let res = srv.post_json("/api/public/v1/webhooks", &token, &body);
            let err = res.assert_error(400, "BAD_REQUEST");
            assert_eq!(err["details"]["reason"], reason, "{body}: {err}");
        }
        // jobs:write manages webhooks; another account cannot see or delete them.
        srv.get("/api/public/v1/webhooks", &reader)
            .assert_error(403, "FORBIDDEN");
        let stranger = srv.token("globex", "jobs:write");
        let del = |who: &str, id: &str| {
            srv.request(
                "DELETE",
                &format!("/api/public/v1/webhooks/{id}"),
                &[("Authorization", &format!("Bearer {who}"))],
                b"",
            )
        };
        del(&stranger, id).assert_error(404, "NOT_FOUND");
        srv.get(
            &format!("/api/public/v1/webhooks/{id}/deliveries"),
            &stranger,
        )
        .assert_error(404, "NOT_FOUND");
        // At most ten per account.
        for i in 1..10 {
            let res = srv.post_json(
                "/api/public/v1/webhooks",
                &token,
                &json!({"url": format!("{url}/{i}"), "eventTypes": ["job.closed"]}),
            );
            assert_eq!(res.status, 201, "{}", res.text());
        }
        let res = srv.post_json(
            "/api/public/v1/webhooks",
            &token,
            &json!({"url": url, "eventTypes": ["job.closed"]}),
        );
        assert_eq!(
            res.assert_error(409, "CONFLICT")["details"]["reason"],
            "webhook_limit_reached"
        );
        assert_eq!(del(&token, id).status, 200);
        del(&token, id).assert_error(404, "NOT_FOUND");
        assert_eq!(
            srv.get("/api/public/v1/webhooks", &token).json()["webhooks"]
                .as_array()
                .map(Vec::len),
            Some(9)
        );
        // The ledger needs jobs:read, which jobs:write covers.
        assert_eq!(srv.get("/api/public/v1/updates", &reader).status, 200);
        let capabilities = srv
            .get("/api/public/v1/job-drafts/capabilities", &token)
            .json();
        assert_eq!(capabilities["capabilities"]["webhooks"], true);
    }
);
