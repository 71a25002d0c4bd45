//! Helpers for the onboarding tests: a server whose clock the test moves, form posts, publish-ready
//! drafts in one call, and a person's walk through the `/claim` page.
#![allow(dead_code)]

use jobdraft::clock::Clock;
use serde_json::{json, Value};

use crate::common::{Response, TestServer};

/// Starts a server on `db` with `adjust` applied and a clock the test can move.
pub fn start(
    db: crate::common::Db,
    adjust: impl FnOnce(&mut jobdraft::config::Config),
) -> (TestServer, Clock) {
    let clock = Clock::default();
    let shared = clock.clone();
    let srv = TestServer::start_with(db, move |c| {
        c.clock = shared;
        adjust(c);
    });
    (srv, clock)
}

/// Like `both_databases!`, with a configuration adjustment and the server's clock.
#[macro_export]
macro_rules! both_databases_clocked {
    ($name:ident, $adjust:expr, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                let (srv, clock) = agents_support::start(common::Db::Sqlite, $adjust);
                ($body)(&srv, &clock);
            }
            #[test]
            fn postgres() {
                if common::postgres_url().is_none() {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                }
                let (srv, clock) = agents_support::start(common::Db::Postgres, $adjust);
                ($body)(&srv, &clock);
            }
        }
    };
}

/// Percent-encodes a form value.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A form-encoded POST with extra headers.
pub fn post_form(
    srv: &TestServer,
    path: &str,
    pairs: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Response {
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    srv.request("POST", path, &all, form_encode(pairs).as_bytes())
}

/// A JSON POST without a token.
pub fn post_anon(srv: &TestServer, path: &str, body: &Value) -> Response {
    srv.request(
        "POST",
        path,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

/// A draft that is publish-ready at creation (canonical job, every required key).
pub fn ready_job(srv: &TestServer, token: &str, n: usize) -> String {
    let res = srv.post_json(
        "/api/public/v1/job-drafts",
        token,
        &json!({"format": "opentrain_canonical", "job": {
            "jobTitle": format!("Street image boxes, batch {n}"),
            "jobDescription": "Draw bounding boxes around cars and people in street images for a driving dataset.",
            "paymentType": "PAY_PER_HOUR", "pricePerHour": 20, "experienceLevel": "INTERMEDIATE", "headcount": 2}}),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let report = res.json();
    assert_eq!(report["validation"]["publishReady"], true, "{report}");
    report["jobId"].as_str().expect("jobId").to_string()
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

/// The value of the hidden input `name` in an HTML form.
pub fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {html}"))
        + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_string()
}

/// The path and query of an absolute URL of this server.
pub fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/')
        .map_or("/".to_string(), |i| rest[i..].to_string())
}

/// A person opens the verification link and submits the form: returns the POST's response.
pub fn submit_claim(
    srv: &TestServer,
    verification_uri: &str,
    code: &str,
    email: &str,
    confirm: bool,
) -> Response {
    let page = srv.request("GET", &path_of(verification_uri), &[], b"");
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let csrf = hidden_value(&html, "csrf");
    let token = hidden_value(&html, "token");
    let cookie = page
        .header("Set-Cookie")
        .expect("csrf cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_string();
    let mut pairs = vec![
        ("token", token.as_str()),
        ("csrf", csrf.as_str()),
        ("user_code", code),
        ("email", email),
    ];
    if confirm {
        pairs.push(("confirm", "yes"));
    }
    post_form(srv, "/claim", &pairs, &[("Cookie", &cookie)])
}
