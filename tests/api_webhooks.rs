//! Webhook delivery (issue 13, DESIGN.md §14) against a real server and a real HTTP receiver on
//! loopback, on SQLite and PostgreSQL: every event of every surface arrives once per delivery id
//! with a valid Standard Webhooks signature (checked by an independent verifier), a failing
//! receiver is retried on the backoff schedule (the clock is moved, never slept through), and a
//! dead one gets the webhook disabled.

mod common;
mod lifecycle_support;
mod webhooks_support;

use std::collections::{HashMap, HashSet};

use jobdraft::clock::Clock;
use jobdraft::domain::webhooks::{MAX_ATTEMPTS, RETRY_DELAYS_MS};
use jobdraft::store::{lifecycle, now_ms};
use lifecycle_support::*;
use serde_json::{json, Value};
use webhooks_support::{
    create_webhook, dead_url, ledger, on_both, start, verify, wait_until, Receiver,
};

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

/// The independent verifier agrees with the Standard Webhooks reference vector.
#[test]
fn the_verifier_accepts_the_reference_vector() {
    let req = webhooks_support::Received {
        path: "/".into(),
        headers: std::collections::HashMap::from([
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
