//! Webhook management in OpenTrain's shapes (issue 13): create with the secret shown once,
//! refused destinations and bodies, scopes, tenancy, the limit of ten, delete.

mod common;

use serde_json::{json, Value};

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
