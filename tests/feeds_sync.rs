//! Feed sync in, over HTTP on SQLite and PostgreSQL: a feed served from a loopback server three
//! times (initial, changed, shrunk) creates, updates and closes jobs; an unchanged feed is a 304
//! that touches nothing; a malformed job is reported while the others land; the SSRF guard
//! refuses a loopback feed unless the operator allows private destinations.

mod common;
mod feeds_support;

use common::{Db, TestServer};
use feeds_support::{feed, ready_job, FeedServer};
use serde_json::{json, Value};

fn start(db: Db, allow_private: bool) -> Option<TestServer> {
    if db == Db::Postgres && common::postgres_url().is_none() {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return None;
    }
    Some(TestServer::start_with(db, |c| {
        c.feed_allow_private = allow_private
    }))
}

/// Registers a feed (`POST /feeds` must answer 201) and returns its id.
fn register(srv: &TestServer, token: &str, body: Value) -> String {
    let res = srv.post_json("/api/public/v1/feeds", token, &body);
    assert_eq!(res.status, 201, "{}", res.text());
    res.json()["feed"]["id"]
        .as_str()
        .expect("feed id")
        .to_string()
}

fn run(srv: &TestServer, token: &str, feed_id: &str) -> Value {
    let res = srv.post_json(
        &format!("/api/public/v1/feeds/{feed_id}/runs"),
        token,
        &json!({}),
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()["run"].clone()
}

fn counts(run: &Value) -> [i64; 5] {
    ["created", "updated", "unchanged", "closed", "failed"].map(|k| run[k].as_i64().unwrap_or(-1))
}

/// The account's jobs by title, with their status.
fn my_jobs(srv: &TestServer, token: &str) -> Vec<(String, String, String)> {
    let res = srv.get("/api/public/v1/jobs/mine?limit=100", token);
    assert_eq!(res.status, 200, "{}", res.text());
    let mut jobs: Vec<(String, String, String)> = res.json()["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .map(|j| {
            (
                j["title"].as_str().unwrap_or("").to_string(),
                j["status"].as_str().unwrap_or("").to_string(),
                j["id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    jobs.sort();
    jobs
}

fn status_of(jobs: &[(String, String, String)], title: &str) -> String {
    jobs.iter()
        .find(|(t, _, _)| t == title)
        .map(|(_, s, _)| s.clone())
        .unwrap_or_else(|| panic!("no job titled {title:?} in {jobs:?}"))
}

fn initial_changed_shrunk(db: Db) {
    let Some(srv) = start(db, true) else { return };
    let token = srv.token("ats-owner", "jobs:write");
    let server = FeedServer::start();
    let (a, b) = (
        ready_job("A-1", "Dashcam boxes", 10),
        ready_job("B-2", "Street signs", 4),
    );
    // C is not publish-ready (no pay): it stays a draft even with autoPublish.
    let c = "<job><title>Audio transcripts</title><referencenumber>C-3</referencenumber><description>Transcribe short clips.</description></job>\n".to_string();
    server.set(&feed(&[a.clone(), b.clone(), c]), "\"v1\"");

    let feed_id = register(
        &srv,
        &token,
        json!({"url": server.url("/jobs.xml"), "format": "indeed_xml", "intervalMinutes": 0, "autoPublish": true}),
    );

    // 1. Initial: three drafts, the two ready ones published.
    let first = run(&srv, &token, &feed_id);
    assert_eq!(first["outcome"], "COMPLETED", "{first}");
    assert_eq!(counts(&first), [3, 0, 0, 0, 0], "{first}");
    let jobs = my_jobs(&srv, &token);
    assert_eq!(status_of(&jobs, "Dashcam boxes"), "OPEN");
    assert_eq!(status_of(&jobs, "Street signs"), "OPEN");
    assert_eq!(status_of(&jobs, "Audio transcripts"), "DRAFT");
    assert!(
        first["notes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n["externalId"] == "C-3")),
        "{first}"
    );

    // 2. Unchanged: a conditional fetch answered 304, nothing touched.
    let second = run(&srv, &token, &feed_id);
    assert_eq!(second["outcome"], "NOT_MODIFIED", "{second}");
    assert_eq!(counts(&second), [0, 0, 0, 0, 0]);
    {
        let s = server.state.lock().expect("state");
        assert_eq!(s.conditional, vec![None, Some("\"v1\"".to_string())]);
        assert_eq!(s.not_modified_answers, 1);
    }

    // 3. Changed: A retitled (live edit), C given pay (draft PATCH), D new, B the same, and two
    //    bad jobs (broken XML, no referencenumber) reported while the others land.
    let a2 = ready_job("A-1", "Dashcam boxes and lanes", 10);
    let c2 = "<job><title>Audio transcripts</title><referencenumber>C-3</referencenumber><description>Transcribe short clips. We need 3 transcribers.</description></job>\n".to_string();
    let d = ready_job("D-4", "Traffic lights", 2);
    let broken =
        "<job><title>Broken</title><referencenumber>E-5</referencenumber><salary>oops</job>\n"
            .to_string();
    let no_id =
        "<job><title>Nameless</title><description>No id here.</description></job>\n".to_string();
    server.set(
        &feed(&[a2, b.clone(), c2, broken, d.clone(), no_id]),
        "\"v2\"",
    );
    let third = run(&srv, &token, &feed_id);
    assert_eq!(third["outcome"], "COMPLETED", "{third}");
    assert_eq!(counts(&third), [1, 2, 1, 0, 2], "{third}");
    let failures = third["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 2, "{third}");
    assert_eq!(failures[0]["index"], 3);
    assert_eq!(failures[0]["externalId"], "E-5");
    assert!(failures[0]["reason"]
        .as_str()
        .is_some_and(|r| !r.is_empty()));
    assert_eq!(failures[1]["index"], 5);
    assert!(
        failures[1]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("referencenumber")),
        "{third}"
    );
    let jobs = my_jobs(&srv, &token);
    assert_eq!(status_of(&jobs, "Dashcam boxes and lanes"), "OPEN");
    assert_eq!(status_of(&jobs, "Traffic lights"), "OPEN");
    assert!(
        !jobs.iter().any(|(t, _, _)| t == "Dashcam boxes"),
        "{jobs:?}"
    );
    let public = srv
        .request("GET", "/api/public/v1/jobs?q=lanes", &[], b"")
        .json();
    assert!(
        public.to_string().contains("Dashcam boxes and lanes"),
        "{public}"
    );

    // 4. Shrunk: B and C left the feed and are closed; A and D stay as they are.
    server.set(
        &feed(&[ready_job("A-1", "Dashcam boxes and lanes", 10), d]),
        "\"v3\"",
    );
    let fourth = run(&srv, &token, &feed_id);
    assert_eq!(fourth["outcome"], "COMPLETED", "{fourth}");
    assert_eq!(counts(&fourth), [0, 0, 2, 2, 0], "{fourth}");
    let jobs = my_jobs(&srv, &token);
    assert_eq!(status_of(&jobs, "Street signs"), "ARCHIVED");
    assert_eq!(status_of(&jobs, "Audio transcripts"), "ARCHIVED");
    assert_eq!(status_of(&jobs, "Dashcam boxes and lanes"), "OPEN");
    assert_eq!(status_of(&jobs, "Traffic lights"), "OPEN");

    // The reports are stored and served newest first.
    let res = srv.get(&format!("/api/public/v1/feeds/{feed_id}/runs"), &token);
    assert_eq!(res.status, 200, "{}", res.text());
    let outcomes: Vec<Value> = res.json()["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .map(|r| r["outcome"].clone())
        .collect();
    assert_eq!(
        outcomes,
        vec![
            json!("COMPLETED"),
            json!("COMPLETED"),
            json!("NOT_MODIFIED"),
            json!("COMPLETED")
        ]
    );

    // Another account sees neither the feed nor its runs.
    let other = srv.token("someone-else", "jobs:write");
    srv.get(&format!("/api/public/v1/feeds/{feed_id}/runs"), &other)
        .assert_error(404, "NOT_FOUND");
    let listed = srv.get("/api/public/v1/feeds", &other).json();
    assert_eq!(listed["feeds"], json!([]));

    // Deleting the feed stops the sync; its jobs stay.
    let auth = format!("Bearer {token}");
    let res = srv.request(
        "DELETE",
        &format!("/api/public/v1/feeds/{feed_id}"),
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(status_of(&my_jobs(&srv, &token), "Traffic lights"), "OPEN");
}

#[test]
fn initial_changed_shrunk_sqlite() {
    initial_changed_shrunk(Db::Sqlite);
}

#[test]
fn initial_changed_shrunk_postgres() {
    initial_changed_shrunk(Db::Postgres);
}

fn private_destinations_refused(db: Db) {
    let Some(srv) = start(db, false) else { return };
    let token = srv.token("ats-owner", "jobs:write");
    let server = FeedServer::start();
    server.set(&feed(&[ready_job("A-1", "Dashcam boxes", 10)]), "\"v1\"");
    let feed_id = register(&srv, &token, json!({"url": server.url("/jobs.xml")}));
    let report = run(&srv, &token, &feed_id);
    assert_eq!(report["outcome"], "FAILED", "{report}");
    assert!(
        report["error"]
            .as_str()
            .is_some_and(|e| e.contains("refused")),
        "{report}"
    );
    assert!(
        server.state.lock().expect("state").conditional.is_empty(),
        "the guard must refuse before connecting"
    );
    assert_eq!(my_jobs(&srv, &token), vec![]);
}

#[test]
fn private_destinations_refused_sqlite() {
    private_destinations_refused(Db::Sqlite);
}

#[test]
fn private_destinations_refused_postgres() {
    private_destinations_refused(Db::Postgres);
}

fn registry_validates(db: Db) {
    let Some(srv) = start(db, true) else { return };
    let token = srv.token("ats-owner", "jobs:write");
    for (body, field) in [
        (json!({"url": "ftp://example.test/feed.xml"}), "url"),
        (json!({"url": "not a url"}), "url"),
        (
            json!({"url": "http://127.0.0.1:9/f.xml", "format": "csv"}),
            "format",
        ),
        (
            json!({"url": "http://127.0.0.1:9/f.xml", "intervalMinutes": 2}),
            "intervalMinutes",
        ),
        (
            json!({"url": "http://127.0.0.1:9/f.xml", "autoPublish": "yes"}),
            "autoPublish",
        ),
        (
            json!({"url": "http://127.0.0.1:9/f.xml", "schedule": "daily"}),
            "schedule",
        ),
    ] {
        let err = srv
            .post_json("/api/public/v1/feeds", &token, &body)
            .assert_error(400, "BAD_REQUEST");
        assert_eq!(err["details"]["field"], field, "{body} → {err}");
    }
    let body = json!({"url": "http://127.0.0.1:9/f.xml", "intervalMinutes": 30});
    assert_eq!(
        srv.post_json("/api/public/v1/feeds", &token, &body).status,
        201
    );
    let err = srv
        .post_json("/api/public/v1/feeds", &token, &body)
        .assert_error(409, "CONFLICT");
    assert_eq!(err["details"]["reason"], "feed_exists");
    let read_only = srv.token("ats-owner", "jobs:read");
    srv.post_json("/api/public/v1/feeds", &read_only, &body)
        .assert_error(403, "FORBIDDEN");
    let listed = srv.get("/api/public/v1/feeds", &read_only).json();
    assert_eq!(listed["feeds"][0]["intervalMinutes"], 30);
    assert_eq!(listed["feeds"][0]["autoPublish"], false);
    assert_eq!(listed["feeds"][0]["format"], "indeed_xml");
}

#[test]
fn registry_validates_sqlite() {
    registry_validates(Db::Sqlite);
}

#[test]
fn registry_validates_postgres() {
    registry_validates(Db::Postgres);
}

/// Replicas racing for one due feed: each calls the scheduler's `run_due` at once; the lease
/// lets exactly one of them run it.
fn one_run_per_feed_among_replicas(db: Db) {
    use jobdraft::catalog::Catalog;
    use jobdraft::domain::moderation::Rules;
    use jobdraft::feeds::scheduler::run_due;
    use jobdraft::feeds::service::Settings;
    use std::sync::{Arc, Barrier};

    let Some(srv) = start(db, true) else { return };
    let token = srv.token("ats-owner", "jobs:write");
    let server = FeedServer::start();
    server.set(&feed(&[ready_job("A-1", "Dashcam boxes", 10)]), "\"v1\"");
    let feed_id = register(
        &srv,
        &token,
        json!({"url": server.url("/jobs.xml"), "intervalMinutes": 5}),
    );

    let mut config = jobdraft::config::Config::for_database("unused");
    config.feed_allow_private = true;
    let settings = Settings::from_config(
        &config,
        Arc::new(Catalog::builtin()),
        Arc::new(Rules::builtin()),
    );
    let barrier = Arc::new(Barrier::new(4));
    let replicas: Vec<_> = (0..4)
        .map(|i| {
            let (store, settings, barrier) = (srv.store.clone(), settings.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                run_due(&store, &settings, &format!("replica-{i}")).expect("run_due")
            })
        })
        .collect();
    let ran: usize = replicas
        .into_iter()
        .map(|r| r.join().expect("replica"))
        .sum();
    assert_eq!(ran, 1, "exactly one replica runs the feed");
    let runs = srv
        .get(&format!("/api/public/v1/feeds/{feed_id}/runs"), &token)
        .json();
    assert_eq!(runs["runs"].as_array().map(Vec::len), Some(1), "{runs}");
    assert_eq!(runs["runs"][0]["created"], 1);
    // The run scheduled the next one: nothing is due now.
    assert_eq!(
        run_due(&srv.store, &settings, "late-replica").expect("run_due"),
        0
    );
    let listed = srv.get("/api/public/v1/feeds", &token).json();
    assert!(listed["feeds"][0]["nextRunAt"].is_string(), "{listed}");
    assert_eq!(listed["feeds"][0]["running"], false);
}

#[test]
fn one_run_per_feed_among_replicas_sqlite() {
    one_run_per_feed_among_replicas(Db::Sqlite);
}

#[test]
fn one_run_per_feed_among_replicas_postgres() {
    one_run_per_feed_among_replicas(Db::Postgres);
}
