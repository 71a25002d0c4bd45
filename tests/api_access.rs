//! Auth, tenancy, idempotency and the error envelope, over HTTP on SQLite and PostgreSQL.

mod common;

use serde_json::{json, Value};

const DRAFTS: &str = "/api/public/v1/job-drafts";

both_databases!(auth_scopes_and_tenancy, |srv: &common::TestServer| {
    let writer = srv.token("acme", "jobs:write");
    let reader = srv.token("acme", "jobs:read");
    let other = srv.token("globex", "jobs:write");
    let report = srv.create_text(&writer, "We need 3 annotators. $20/hour.");
    let id = report["jobId"].as_str().expect("id").to_string();
    let draft_url = format!("{DRAFTS}/{id}");
    let publish_url = format!("/api/public/v1/jobs/{id}/publish");

    // No token, a malformed header, an unknown token: 401 on every authenticated route.
    for (method, path) in [
        ("POST", DRAFTS),
        ("GET", draft_url.as_str()),
        ("PATCH", draft_url.as_str()),
        ("POST", publish_url.as_str()),
        ("GET", "/api/public/v1/auth/me"),
        ("GET", "/api/public/v1/job-drafts/capabilities"),
    ] {
        srv.request(method, path, &[], b"{}")
            .assert_error(401, "UNAUTHORIZED");
        srv.request(method, path, &[("Authorization", "Basic abc")], b"{}")
            .assert_error(401, "UNAUTHORIZED");
        srv.request(
            method,
            path,
            &[("Authorization", "Bearer jd_pat_nope")],
            b"{}",
        )
        .assert_error(401, "UNAUTHORIZED");
    }

    // A read-only token reads but cannot write: 403 naming the scope.
    assert_eq!(srv.get(&draft_url, &reader).status, 200);
    let err = srv
        .post_json(DRAFTS, &reader, &json!({"rawJobDescription": "x"}))
        .assert_error(403, "FORBIDDEN");
    assert_eq!(err["details"]["requiredScopes"], json!(["jobs:write"]));
    srv.patch_json(&draft_url, &reader, &json!({"headcount": 2}))
        .assert_error(403, "FORBIDDEN");
    srv.request(
        "POST",
        &publish_url,
        &[("Authorization", &format!("Bearer {reader}"))],
        b"",
    )
    .assert_error(403, "FORBIDDEN");

    // Another account's draft does not exist for it: 404 on every route, and nothing changes.
    srv.get(&draft_url, &other).assert_error(404, "NOT_FOUND");
    srv.patch_json(&draft_url, &other, &json!({"headcount": 2}))
        .assert_error(404, "NOT_FOUND");
    srv.request(
        "POST",
        &publish_url,
        &[("Authorization", &format!("Bearer {other}"))],
        b"",
    )
    .assert_error(404, "NOT_FOUND");
    assert_eq!(
        srv.get(&draft_url, &writer).json()["normalizedFields"],
        report["normalizedFields"]
    );

    // A revoked token stops working at once.
    let temp = srv.token("acme", "jobs:read");
    let me = srv.get("/api/public/v1/auth/me", &temp).json();
    let token_id = me["token"]["id"].as_str().expect("token id").to_string();
    assert_eq!(me["account"]["name"], "acme");
    assert!(me["token"]["preview"]
        .as_str()
        .is_some_and(|p| p.starts_with("jd_pat_") && p.contains("****")));
    let mut conn = srv.store.conn().expect("conn");
    jobdraft::store::tokens::revoke(&mut conn, &token_id).expect("revoke");
    srv.get("/api/public/v1/auth/me", &temp)
        .assert_error(401, "UNAUTHORIZED");
});

both_databases!(
    idempotency_replays_and_conflicts,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let body =
            json!({"rawJobDescription": "Transcribe 10 hours of audio.", "idempotencyKey": "k-1"});
        let first = srv.post_json(DRAFTS, &token, &body);
        assert_eq!(first.status, 201);
        let id = first.json()["jobId"].clone();
        let replay = srv.post_json(DRAFTS, &token, &body);
        assert_eq!(replay.status, 200);
        assert_eq!(replay.header("Idempotent-Replayed"), Some("true"));
        assert_eq!(replay.json()["jobId"], id);

        // The same key with a different request is a conflict.
        let other = json!({"rawJobDescription": "Something else.", "idempotencyKey": "k-1"});
        let err = srv
            .post_json(DRAFTS, &token, &other)
            .assert_error(409, "CONFLICT");
        assert_eq!(err["details"]["reason"], "idempotency_key_reused");

        // The header works too, and keys are per account.
        let auth = format!("Bearer {token}");
        let raw = srv.request(
            "POST",
            DRAFTS,
            &[
                ("Authorization", &auth),
                ("Content-Type", "text/plain"),
                ("Idempotency-Key", "k-2"),
            ],
            b"Rate 500 images.",
        );
        assert_eq!(raw.status, 201, "{}", raw.text());
        let raw2 = srv.request(
            "POST",
            DRAFTS,
            &[
                ("Authorization", &auth),
                ("Content-Type", "text/plain"),
                ("Idempotency-Key", "k-2"),
            ],
            b"Rate 500 images.",
        );
        assert_eq!(raw2.status, 200);
        let someone_else = srv.token("globex", "jobs:write");
        assert_eq!(srv.post_json(DRAFTS, &someone_else, &body).status, 201);

        // 32 concurrent retries with one key make exactly one draft.
        let parallel =
            json!({"rawJobDescription": "Draw boxes on 1,000 images.", "idempotencyKey": "burst"});
        let statuses: Vec<(u16, Value)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..32)
                .map(|_| {
                    s.spawn(|| {
                        let r = srv.post_json(DRAFTS, &token, &parallel);
                        (r.status, r.json())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        let created = statuses.iter().filter(|(s, _)| *s == 201).count();
        let replayed = statuses.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!((created, replayed), (1, 31), "{statuses:?}");
        let ids: std::collections::HashSet<String> = statuses
            .iter()
            .map(|(_, b)| b["jobId"].to_string())
            .collect();
        assert_eq!(ids.len(), 1);

        // 32 concurrent requests with one key but different bodies: one wins, the rest conflict.
        let results: Vec<u16> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..32)
            .map(|i| {
                let token = token.clone();
                s.spawn(move || srv.post_json(DRAFTS, &token, &json!({"rawJobDescription": format!("Job {i}"), "idempotencyKey": "race"})).status)
            })
            .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        assert_eq!(
            results.iter().filter(|s| **s == 201).count(),
            1,
            "{results:?}"
        );
        assert!(
            results.iter().all(|s| *s == 201 || *s == 409 || *s == 200),
            "{results:?}"
        );

        let long_key = "k".repeat(256);
        srv.post_json(
            DRAFTS,
            &token,
            &json!({"rawJobDescription": "x", "idempotencyKey": long_key}),
        )
        .assert_error(400, "BAD_REQUEST");
    }
);

both_databases!(every_error_is_the_envelope, |srv: &common::TestServer| {
    let token = srv.token("acme", "jobs:write");
    let auth = format!("Bearer {token}");
    let json_ct = ("Content-Type", "application/json");

    let e = srv
        .request(
            "POST",
            DRAFTS,
            &[("Authorization", &auth), json_ct],
            b"{\"rawJobDescription\": ",
        )
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(e["details"]["reason"], "invalid_json");
    assert!(e["details"]["line"].is_number());
    srv.request("POST", DRAFTS, &[("Authorization", &auth), json_ct], b"")
        .assert_error(400, "BAD_REQUEST");
    srv.request(
        "POST",
        DRAFTS,
        &[("Authorization", &auth), json_ct],
        b"[1,2]",
    )
    .assert_error(400, "BAD_REQUEST");
    srv.request("POST", DRAFTS, &[("Authorization", &auth), json_ct], b"{}")
        .assert_error(400, "BAD_REQUEST");
    srv.request(
        "POST",
        DRAFTS,
        &[("Authorization", &auth), json_ct],
        b"\xff\xfe{}",
    )
    .assert_error(400, "BAD_REQUEST");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    srv.request(
        "POST",
        DRAFTS,
        &[("Authorization", &auth), json_ct],
        deep.as_bytes(),
    )
    .assert_error(400, "BAD_REQUEST");

    let e = srv
        .post_json(DRAFTS, &token, &json!({"format": "pdf", "text": "x"}))
        .assert_error(400, "BAD_REQUEST");
    assert!(e["details"]["supportedFormats"]
        .as_array()
        .is_some_and(|f| f.len() == 5));
    let e = srv
        .post_json(
            DRAFTS,
            &token,
            &json!({"source": {"type": "docx", "text": "x"}}),
        )
        .assert_error(400, "BAD_REQUEST");
    assert!(e["details"]["supportedFormats"].is_array());
    srv.post_json(DRAFTS, &token, &json!({"format": "indeed_xml"}))
        .assert_error(400, "BAD_REQUEST");
    srv.post_json(DRAFTS, &token, &json!({"rawJobDescription": 42}))
        .assert_error(400, "BAD_REQUEST");

    let long = "a".repeat(60_001);
    let e = srv
        .post_json(DRAFTS, &token, &json!({"rawJobDescription": long}))
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(e["details"]["maxLength"], 60_000);
    let at_limit = "a ".repeat(30_000);
    assert_eq!(
        srv.post_json(DRAFTS, &token, &json!({"rawJobDescription": at_limit}))
            .status,
        201
    );

    let huge = vec![b'a'; 1024 * 1024 + 10];
    srv.request(
        "POST",
        DRAFTS,
        &[("Authorization", &auth), ("Content-Type", "text/plain")],
        &huge,
    )
    .assert_error(413, "PAYLOAD_TOO_LARGE");
    srv.request(
        "POST",
        DRAFTS,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/pdf"),
        ],
        b"%PDF",
    )
    .assert_error(415, "UNSUPPORTED_MEDIA_TYPE");
    srv.request(
        "PATCH",
        &format!("{DRAFTS}/x"),
        &[("Authorization", &auth), ("Content-Type", "text/plain")],
        b"hi",
    )
    .assert_error(415, "UNSUPPORTED_MEDIA_TYPE");

    srv.request("GET", "/no/such/route", &[], b"")
        .assert_error(404, "NOT_FOUND");
    srv.request(
        "GET",
        "/api/public/v1/nothing",
        &[("Authorization", &auth)],
        b"",
    )
    .assert_error(404, "NOT_FOUND");
    srv.request("DELETE", DRAFTS, &[("Authorization", &auth)], b"")
        .assert_error(405, "METHOD_NOT_ALLOWED");
    srv.request("PUT", "/healthz", &[], b"")
        .assert_error(405, "METHOD_NOT_ALLOWED");
    srv.get(&format!("{DRAFTS}/does-not-exist"), &token)
        .assert_error(404, "NOT_FOUND");

    // A client-chosen request id is echoed, so callers can trace their own requests.
    let r = srv.request("GET", "/nowhere", &[("X-Request-Id", "my-trace-1")], b"");
    assert_eq!(r.assert_error(404, "NOT_FOUND")["requestId"], "my-trace-1");
});

both_databases!(discovery_routes, |srv: &common::TestServer| {
    let token = srv.token("acme", "jobs:read");
    let health = srv.request("GET", "/healthz", &[], b"");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["database"], "ok");
    assert!(health.header("X-Request-Id").is_some());

    let caps = srv
        .get("/api/public/v1/job-drafts/capabilities", &token)
        .json();
    assert_eq!(
        caps["draft"]["importFormats"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(
        caps["draft"]["updateKeys"].as_array().map(Vec::len),
        Some(jobdraft_parsers::FIELD_KEYS.len())
    );
    assert_eq!(
        caps["draft"]["enums"]["paymentType"],
        json!(["PAY_PER_HOUR", "PAY_PER_LABEL", "FIXED_PRICE"])
    );
    assert!(caps["draft"]["profiles"]["general"]["required"].is_array());

    let doc = srv.request("GET", "/openapi.json", &[], b"").json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/public/v1/job-drafts",
        "/api/public/v1/job-drafts/{id}",
        "/api/public/v1/jobs/{id}/publish",
        "/healthz",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from openapi"
        );
    }
    let fields = &doc["components"]["schemas"]["JobFields"]["properties"];
    assert_eq!(
        fields.as_object().map(|m| m.len()),
        Some(jobdraft_parsers::FIELD_KEYS.len())
    );
});
