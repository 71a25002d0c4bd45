//! Helpers shared by the lifecycle and public-read tests: publish-ready drafts in one call,
//! publishing, and a `both_databases!` variant that adjusts the server configuration.
#![allow(dead_code)]

use serde_json::{json, Map, Value};

use crate::common::{Response, TestServer};

pub const DASHCAM: &str = "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour. English required. Work runs about six weeks.";

/// Creates a draft from `text`, PATCHes `extra`, then fills whatever is still missing with the
/// report's own examples; returns the job id of the publish-ready draft.
pub fn ready_draft(srv: &TestServer, token: &str, text: &str, extra: Value) -> String {
    let report = srv.create_text(token, text);
    let id = report["jobId"].as_str().expect("jobId").to_string();
    let path = format!("/api/public/v1/job-drafts/{id}");
    let mut report = if extra.as_object().is_some_and(|o| !o.is_empty()) {
        let res = srv.patch_json(&path, token, &extra);
        assert_eq!(res.status, 200, "{}", res.text());
        res.json()
    } else {
        report
    };
    for _ in 0..6 {
        if report["validation"]["publishReady"] == true {
            return id;
        }
        let mut body = Map::new();
        for m in report["missingFields"].as_array().expect("missingFields") {
            for (k, v) in m["example"].as_object().expect("example") {
                body.insert(k.clone(), v.clone());
            }
        }
        let res = srv.patch_json(&path, token, &Value::Object(body));
        assert_eq!(res.status, 200, "{}", res.text());
        report = res.json();
    }
    panic!("draft never became publish-ready: {report}");
}

pub fn publish(srv: &TestServer, token: &str, id: &str) -> Response {
    let auth = format!("Bearer {token}");
    srv.request(
        "POST",
        &format!("/api/public/v1/jobs/{id}/publish"),
        &[("Authorization", &auth)],
        b"",
    )
}

pub fn close(srv: &TestServer, token: &str, id: &str) -> Response {
    let auth = format!("Bearer {token}");
    srv.request(
        "POST",
        &format!("/api/public/v1/jobs/{id}/close"),
        &[("Authorization", &auth)],
        b"",
    )
}

/// A published job (asserts it went live).
pub fn live_job(srv: &TestServer, token: &str, text: &str, extra: Value) -> String {
    let id = ready_draft(srv, token, text, extra);
    let res = publish(srv, token, &id);
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.json()["status"], "OPEN");
    id
}

/// A tokenless GET.
pub fn get_public(srv: &TestServer, path: &str) -> Response {
    srv.request("GET", path, &[], b"")
}

pub fn draft_status(srv: &TestServer, token: &str, id: &str) -> Value {
    let res = srv.get(&format!("/api/public/v1/job-drafts/{id}"), token);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

pub fn no_extra() -> Value {
    json!({})
}

/// Like `both_databases!`, with a configuration adjustment.
#[macro_export]
macro_rules! both_databases_with {
    ($name:ident, $adjust:expr, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                let srv = common::TestServer::start_with(common::Db::Sqlite, $adjust);
                ($body)(&srv);
            }
            #[test]
            fn postgres() {
                if common::postgres_url().is_none() {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                }
                let srv = common::TestServer::start_with(common::Db::Postgres, $adjust);
                ($body)(&srv);
            }
        }
    };
}

/// A second server ("replica") on the same database as `srv`, with its own configuration.
pub fn second_replica(
    srv: &TestServer,
    adjust: impl FnOnce(&mut jobdraft::config::Config),
) -> std::net::SocketAddr {
    let mut config = jobdraft::config::Config::for_database("unused://the store is shared");
    adjust(&mut config);
    let state = jobdraft::http::AppState::new(
        srv.store.clone(),
        std::sync::Arc::new(jobdraft::catalog::Catalog::builtin()),
        std::sync::Arc::new(config),
    )
    .expect("blocking pool");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let (server, addr) = jobdraft::http::bind_server(state).expect("bind");
            tx.send(addr).expect("send addr");
            let _ = server.await;
        });
    });
    rx.recv_timeout(std::time::Duration::from_secs(30))
        .expect("replica started")
}
