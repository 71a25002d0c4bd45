//! What a strict OpenTrain client meets beyond drafting, on SQLite and PostgreSQL: features
//! jobdraft does not offer answer 403 with the `featureKey` that `capabilities` turns off, and
//! every route that takes a job id — old and new — is 404 for another account's job.

mod common;

use serde_json::{json, Value};

fn call(srv: &common::TestServer, method: &str, path: &str, token: &str) -> common::Response {
    let auth = format!("Bearer {token}");
    let body: &[u8] = if method == "GET" || method == "DELETE" {
        b""
    } else {
        b"{}"
    };
    srv.request(
        method,
        path,
        &[
            ("Authorization", auth.as_str()),
            ("Content-Type", "application/json"),
        ],
        body,
    )
}

both_databases!(
    unoffered_features_and_tenancy,
    |srv: &common::TestServer| {
        let owner = srv.token("acme", "jobs:write");
        let other = srv.token("globex", "jobs:write");
        let caps = srv
            .get("/api/public/v1/job-drafts/capabilities", &owner)
            .json();
        assert_eq!(
            caps["agentAuth"],
            json!({"registration": "closed", "tokenIssuance": "closed", "tokensApi": true})
        );
        let off: Vec<String> = caps["capabilities"]
            .as_object()
            .expect("capabilities")
            .iter()
            .filter(|(_, v)| **v == Value::Bool(false))
            .map(|(k, _)| k.clone())
            .collect();

        // Unoffered OpenTrain features: 401 without a token, 403 naming the feature with one, and the
        // capability it names is one that capabilities reports off.
        for (method, path, key) in [
            ("GET", "/api/public/v1/proposals/p1", "public_api_hiring"),
            (
                "POST",
                "/api/public/v1/proposals/p1/hire",
                "public_api_hiring",
            ),
            (
                "GET",
                "/api/public/v1/messages",
                "public_api_messaging_writes",
            ),
            (
                "POST",
                "/api/public/v1/messages",
                "public_api_messaging_writes",
            ),
            ("GET", "/api/public/v1/team", "public_api_team"),
            ("POST", "/api/public/v1/team/invites", "public_api_team"),
            (
                "GET",
                "/api/public/v1/freelancers/someone",
                "public_api_hiring",
            ),
            ("GET", "/api/public/v1/approvals/a1", "public_api_payments"),
        ] {
            srv.request(method, path, &[], b"")
                .assert_error(401, "UNAUTHORIZED");
            let e = call(srv, method, path, &owner).assert_error(403, "FORBIDDEN");
            assert_eq!(e["details"]["featureKey"], key, "{method} {path}: {e}");
            let capability = e["details"]["capability"]
                .as_str()
                .expect("capability")
                .to_string();
            assert!(
                off.contains(&capability),
                "{capability} is not off in capabilities: {off:?}"
            );
        }

        // Every route that takes a job id: 404 for another account's job, on drafts and live jobs.
        let draft = srv.create_text(
            &owner,
            "We need 3 annotators to draw boxes on 500 images. $20/hour.",
        );
        let id = draft["jobId"].as_str().expect("id").to_string();
        let routes = [
            ("GET", format!("/api/public/v1/job-drafts/{id}")),
            ("PATCH", format!("/api/public/v1/job-drafts/{id}")),
            ("POST", format!("/api/public/v1/jobs/{id}/publish")),
            ("PATCH", format!("/api/public/v1/jobs/{id}")),
            ("POST", format!("/api/public/v1/jobs/{id}/close")),
            ("POST", format!("/api/public/v1/jobs/{id}/invites")),
            ("GET", format!("/api/public/v1/jobs/{id}/proposals")),
        ];
        for (method, path) in &routes {
            call(srv, method, path, &other).assert_error(404, "NOT_FOUND");
        }
        // The owner gets the feature's 403 on hiring actions, and the draft is untouched.
        let e = call(
            srv,
            "POST",
            &format!("/api/public/v1/jobs/{id}/invites"),
            &owner,
        )
        .assert_error(403, "FORBIDDEN");
        assert_eq!(e["details"]["featureKey"], "public_api_hiring");
        call(
            srv,
            "GET",
            "/api/public/v1/jobs/no-such-job/proposals",
            &owner,
        )
        .assert_error(404, "NOT_FOUND");
        assert_eq!(
            srv.get(&format!("/api/public/v1/job-drafts/{id}"), &owner)
                .json()["status"],
            "DRAFT"
        );

        // /jobs/mine speaks OpenTrain's statuses and counts.
        let mine = srv.get("/api/public/v1/jobs/mine", &owner).json();
        assert_eq!(
            mine["jobs"][0]["proposalCounts"],
            json!({"total": 0, "unreviewed": 0})
        );
        for status in ["ONGOING", "completed"] {
            let res = srv.get(&format!("/api/public/v1/jobs/mine?status={status}"), &owner);
            assert_eq!(res.status, 200, "{}", res.text());
            assert_eq!(res.json()["jobs"], json!([]));
        }

        // In-band documents.
        let llms = srv.request("GET", "/llms.txt", &[], b"");
        assert_eq!(llms.status, 200);
        assert!(
            llms.text().contains("/api/public/v1/job-drafts")
                && llms.text().contains("/api/agent/identity")
        );
        let doc = srv
            .request("GET", "/api/public/v1/openapi.json", &[], b"")
            .json();
        for path in [
            "/api/agent/identity",
            "/api/agent/oauth/token",
            "/api/public/v1/tokens",
            "/api/v1/jobs/draft",
            "/claim",
        ] {
            assert!(
                doc["paths"].get(path).is_some(),
                "{path} missing from openapi"
            );
        }
    }
);
