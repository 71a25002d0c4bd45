//! Regression tests for the hardening findings (issue 9): pathological descriptions cost
//! milliseconds and every format has the same description limit; NUL characters are refused or
//! 404 the same way on both databases; a slow body is cut off.

mod common;
mod lifecycle_support;

use std::time::{Duration, Instant};

use lifecycle_support::*;
use serde_json::{json, Map, Value};

const DRAFTS: &str = "/api/public/v1/job-drafts";

/// `<svg></svg>` pairs: every pair is a dropped element, the worst case of the old sanitizer.
fn svg_pairs(chars: usize) -> String {
    "<svg></svg>".repeat(chars / "<svg></svg>".len())
}

fn schema_org_body(description: &str) -> Value {
    json!({"format": "schema_org_job_posting", "jsonLd": {
        "@context": "https://schema.org", "@type": "JobPosting",
        "title": "Image annotation", "description": description,
    }})
}

fn indeed_body(description: &str) -> Value {
    let xml = format!(
        "<source><job><title>Image annotation</title><description><![CDATA[{description}]]></description></job></source>"
    );
    json!({"format": "indeed_xml", "xml": xml})
}

/// Time of one request, with its response.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed())
}

/// A bound no linear implementation comes near, even in a debug build on a busy machine; the old
/// quadratic code needed seconds per request in a release build.
const GENEROUS: Duration = Duration::from_secs(3);

/// PATCHes the report's own examples until the draft is publish-ready.
fn fill_missing(srv: &common::TestServer, token: &str, id: &str, mut report: Value) {
    let path = format!("{DRAFTS}/{id}");
    for _ in 0..6 {
        if report["validation"]["publishReady"] == true {
            return;
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

both_databases_with!(
    a_megabyte_of_dropped_tags_is_refused_quickly_in_every_format,
    |c: &mut jobdraft::config::Config| c.publish_quota = 100,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let huge = svg_pairs(1_000_000);
        for body in [schema_org_body(&huge), indeed_body(&huge)] {
            let (res, took) = timed(|| srv.post_json(DRAFTS, &token, &body));
            let err = res.assert_error(400, "BAD_REQUEST");
            assert_eq!(err["details"]["reason"], "description_too_long", "{err}");
            assert_eq!(err["details"]["maxLength"], 60_000, "{err}");
            assert_eq!(err["details"]["field"], "jobDescription", "{err}");
            assert!(
                err["error"].as_str().unwrap_or("").contains("60000"),
                "{err}"
            );
            assert!(took < GENEROUS, "refusing 1 MB took {took:?}");
        }
        // The canonical object and HR Open JSON have the same limit.
        let canonical = json!({"format": "canonical", "job": {"title": "x", "description": huge}});
        let res = srv.post_json(DRAFTS, &token, &canonical);
        assert_eq!(
            res.assert_error(400, "BAD_REQUEST")["details"]["reason"],
            "description_too_long"
        );
    }
);

both_databases_with!(
    pathological_descriptions_at_the_limit_create_read_and_list_quickly,
    |c: &mut jobdraft::config::Config| c.publish_quota = 100,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let description = format!("Label 500 images.{}", svg_pairs(59_000));
        for body in [schema_org_body(&description), indeed_body(&description)] {
            let (res, took) = timed(|| srv.post_json(DRAFTS, &token, &body));
            assert_eq!(res.status, 201, "{}", res.text());
            assert!(took < GENEROUS, "create took {took:?}");
            let report = res.json();
            let id = report["jobId"].as_str().expect("jobId").to_string();
            assert_eq!(
                report["normalizedFields"]["jobDescription"], "Label 500 images.",
                "dropped elements leave nothing behind"
            );
            let (res, took) = timed(|| srv.get(&format!("{DRAFTS}/{id}"), &token));
            assert_eq!(res.status, 200, "{}", res.text());
            assert!(took < GENEROUS, "GET draft took {took:?}");
            fill_missing(srv, &token, &id, report);
            assert_eq!(publish(srv, &token, &id).status, 200);
            let (res, took) = timed(|| get_public(srv, &format!("/api/public/v1/jobs/{id}")));
            assert_eq!(res.status, 200, "{}", res.text());
            assert_eq!(res.json()["descriptionText"], "Label 500 images.");
            assert!(took < GENEROUS, "GET /jobs/{{id}} took {took:?}");
        }
        let (res, took) = timed(|| get_public(srv, "/api/public/v1/jobs?limit=50"));
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json()["jobs"].as_array().map(Vec::len), Some(2));
        assert!(took < GENEROUS, "GET /jobs took {took:?}");
    }
);

both_databases!(
    nul_in_an_id_is_404_before_the_database,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let auth = format!("Bearer {token}");
        srv.request("GET", "/api/public/v1/jobs/%00", &[], b"")
            .assert_error(404, "NOT_FOUND");
        srv.get(&format!("{DRAFTS}/a%00b"), &token)
            .assert_error(404, "NOT_FOUND");
        for action in ["publish", "close"] {
            let path = format!("/api/public/v1/jobs/%00/{action}");
            srv.request("POST", &path, &[("Authorization", &auth)], b"")
                .assert_error(404, "NOT_FOUND");
        }
        let res = srv.request(
            "PATCH",
            &format!("{DRAFTS}/%00"),
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            b"{}",
        );
        res.assert_error(404, "NOT_FOUND");
    }
);

both_databases!(
    nul_in_text_is_a_400_on_every_database,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let auth = format!("Bearer {token}");
        let nul_reason = |res: common::Response| {
            let body = res.assert_error(400, "BAD_REQUEST");
            assert_eq!(body["details"]["reason"], "nul_character", "{body}");
            body
        };
        let text = "Label 500 images. Pay is $15/hour.";
        let body =
            nul_reason(srv.post_json(DRAFTS, &token, &json!({"rawJobDescription": "a\u{0}b"})));
        assert_eq!(body["details"]["location"]["pointer"], "/rawJobDescription");
        nul_reason(srv.post_json(
            DRAFTS,
            &token,
            &json!({"rawJobDescription": text, "idempotencyKey": "k\u{0}"}),
        ));
        nul_reason(srv.post_json(
            DRAFTS,
            &token,
            &json!({"rawJobDescription": text, "externalId": "\u{0}"}),
        ));
        nul_reason(srv.post_json(
        DRAFTS,
        &token,
        &json!({"format": "schema_org_job_posting", "jsonLd": {"@type": "JobPosting", "title": "a\u{0}"}}),
    ));
        nul_reason(srv.request(
            "POST",
            DRAFTS,
            &[("Authorization", &auth), ("Content-Type", "text/plain")],
            b"Label images\0 for us.",
        ));
        nul_reason(srv.request(
            "POST",
            &format!("{DRAFTS}?externalId=%00"),
            &[("Authorization", &auth), ("Content-Type", "text/plain")],
            text.as_bytes(),
        ));
        nul_reason(srv.request("GET", "/api/public/v1/jobs?q=a%00b", &[], b""));
        nul_reason(srv.request("GET", "/job-post?jobId=%00&token=x", &[], b""));
        nul_reason(srv.request(
            "POST",
            "/api/public/v1/jobs/0123456789abcdef0123456789abcdef/reports",
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            br#"{"reason": "spam\u0000"}"#,
        ));
        let draft = srv.create_text(&token, text);
        let id = draft["jobId"].as_str().expect("jobId");
        nul_reason(srv.patch_json(
            &format!("{DRAFTS}/{id}"),
            &token,
            &json!({"jobTitle": "x\u{0}y"}),
        ));
        // A streamed feed is not refused as a whole: a job holding a raw NUL is stored with U+FFFD
        // (or reported per job), never a 500.
        let feed = b"<source><job><title>Annotators\0</title><description>Label 500 images\0 for us. Pay is $15/hour.</description><referencenumber>r\0</referencenumber></job></source>";
        let res = srv.request(
            "POST",
            &format!("{DRAFTS}/batch"),
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/xml"),
            ],
            feed,
        );
        assert_eq!(res.status, 200, "{}", res.text());
        let results = res.json()["results"].clone();
        let first = &results[0];
        assert!(
            first["status"].as_u64().is_some_and(|s| s < 500),
            "{results}"
        );
    }
);

/// Reads from `stream` until `done` holds for what arrived, the server closes it, or `limit`
/// passes; returns what arrived and when `done` first held (or the time given up).
fn read_until(
    stream: &mut std::net::TcpStream,
    limit: Duration,
    done: impl Fn(&str) -> bool,
) -> (String, Duration) {
    use std::io::Read;
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .ok();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit && !done(&String::from_utf8_lossy(&raw)) {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break,
        }
    }
    (
        String::from_utf8_lossy(&raw).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn a_stalled_body_is_cut_off_with_a_408() {
    use std::io::Write;
    let srv = common::TestServer::start_with(common::Db::Sqlite, |c| c.body_timeout_secs = 1);
    let token = srv.token("acme", "jobs:write");
    for (path, content_type) in [
        (DRAFTS.to_string(), "text/plain"),
        (format!("{DRAFTS}/batch"), "application/xml"),
    ] {
        let mut stream = std::net::TcpStream::connect(srv.addr).expect("connect");
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: {content_type}\r\nContent-Length: 100\r\n\r\n<"
        );
        stream.write_all(head.as_bytes()).expect("write");
        // One more byte a second, as a slow client would: the deadline still holds.
        let mut writer = stream.try_clone().expect("clone");
        std::thread::spawn(move || {
            for _ in 0..20 {
                std::thread::sleep(Duration::from_millis(1000));
                if writer.write_all(b"s").is_err() {
                    break;
                }
            }
        });
        let (text, took) = read_until(&mut stream, Duration::from_secs(15), |t| {
            t.contains("REQUEST_TIMEOUT") || t.contains("\"summary\"")
        });
        assert!(
            took < Duration::from_secs(10),
            "{path}: held for {took:?}: {text}"
        );
        if path == DRAFTS {
            assert!(text.starts_with("HTTP/1.1 408"), "{path}: {text}");
            assert!(text.contains("\"code\":\"REQUEST_TIMEOUT\""), "{text}");
        } else {
            // The batch answer is already streaming: the stall is its last result.
            assert!(
                text.contains("bytes/s; at least 1024") || text.contains("no data for 1 seconds"),
                "{path}: {text}"
            );
        }
    }
}

#[test]
fn connections_over_the_per_ip_cap_get_429() {
    let srv = common::TestServer::start_with(common::Db::Sqlite, |c| c.max_connections_per_ip = 2);
    let idle: Vec<_> = (0..2)
        .map(|_| std::net::TcpStream::connect(srv.addr).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let res = srv.request("GET", "/livez", &[], b"");
    let body = res.assert_error(429, "RATE_LIMITED");
    assert_eq!(body["details"]["reason"], "too_many_connections");
    assert_eq!(body["details"]["limit"], 2);
    assert_eq!(res.header("Retry-After"), Some("1"));
    drop(idle);
    let mut status = 0;
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(100));
        status = srv.request("GET", "/livez", &[], b"").status;
        if status == 200 {
            break;
        }
    }
    assert_eq!(status, 200, "slots are given back when connections close");
}

#[test]
fn the_openapi_document_lists_what_the_server_really_answers() {
    let srv = common::TestServer::start(common::Db::Sqlite);
    let doc = srv.request("GET", "/openapi.json", &[], b"").json();
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.contains_key("/api/public/v1/job-drafts/batch"));
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            if method == "parameters" {
                continue;
            }
            let responses = op["responses"].as_object().expect("responses");
            let has = |s: &str| responses.contains_key(s);
            assert!(has("400") && has("429"), "{method} {path}");
            if op.get("security") != Some(&json!([])) {
                assert!(has("401") && has("403"), "{method} {path}: auth statuses");
            }
            if op.get("requestBody").is_some() {
                assert!(
                    has("408") && has("413") && has("415"),
                    "{method} {path}: body statuses"
                );
            }
        }
    }
    let limit = |path: &str| {
        paths[path]["get"]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == "limit")
            .map(|p| p["schema"].clone())
            .expect("limit")
    };
    assert_eq!(
        limit("/api/public/v1/jobs"),
        json!({"type": "integer", "minimum": 1, "maximum": 100, "default": 20})
    );
    assert_eq!(limit("/api/public/v1/jobs/mine")["maximum"], 100);
    let text =
        &doc["components"]["schemas"]["CreateBody"]["oneOf"][0]["properties"]["rawJobDescription"];
    assert_eq!(text["minLength"], 1);
    assert_eq!(text["maxLength"], 60_000);
    let fields = &doc["components"]["schemas"]["JobFields"]["properties"];
    assert_eq!(fields["jobDescription"]["maxLength"], 60_000);
    assert_eq!(fields["pricePerHour"]["x-publishExclusiveMinimum"], 0);
}

#[test]
fn a_blank_description_is_refused_like_an_empty_body() {
    let srv = common::TestServer::start(common::Db::Sqlite);
    let token = srv.token("acme", "jobs:write");
    for body in [
        json!({"rawJobDescription": ""}),
        json!({"rawJobDescription": " \n\t "}),
        json!({"format": "text", "text": "  "}),
    ] {
        let err = srv
            .post_json(DRAFTS, &token, &body)
            .assert_error(400, "BAD_REQUEST");
        assert_eq!(err["details"]["reason"], "empty_description", "{err}");
    }
}
