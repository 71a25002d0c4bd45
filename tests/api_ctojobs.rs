//! CTOJobsHQ's two calls on jobdraft, over HTTP on SQLite and PostgreSQL: a token issued to an
//! owner e-mail and client, re-issue revokes, both hourly limits answer 429 + Retry-After, and the
//! draft call answers in CTOJobsHQ's shapes with links to the draft's own page.

mod agents_support;
mod common;

use agents_support::post_anon;
use serde_json::{json, Value};

const ISSUE: &str = "/api/v1/access_tokens";
const DRAFT: &str = "/api/v1/jobs/draft";

fn open(c: &mut jobdraft::config::Config) {
    c.token_issuance = "open".to_string();
}

fn issue(srv: &common::TestServer, email: &str, client: &str) -> common::Response {
    post_anon(
        srv,
        ISSUE,
        &json!({"owner": {"email": email, "name": "Jane Smith"}, "client": {"name": client}}),
    )
}

fn cto_error(res: &common::Response, status: u16, code: &str) -> Value {
    assert_eq!(res.status, status, "{}", res.text());
    let body = res.json();
    assert_eq!(body["success"], false, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"].is_string() && body["error"]["details"].is_object(),
        "{body}"
    );
    body
}

fn full_job() -> Value {
    json!({
        "job": {
            "title": "Chief Technology Officer", "company": "Acme Corp", "company_website": "https://acme.com",
            "company_logo_url": "https://acme.com/logo.png", "location_type": "remote", "office_location": "Remote",
            "location_restricted": ["United States", "Canada"], "job_type": "full_time",
            "description": "<h2>About the role</h2><p>Lead engineering and product at a fast-growing SaaS company.</p>",
            "salary_min": 200000, "salary_max": 300000, "salary_currency": "USD", "salary_period": "Yearly",
            "apply_email": "jobs@acme.com", "apply_website": "https://acme.com/careers/cto",
            "tech_stack": ["Ruby", "React", "AWS"], "is_recruitment_agency": false
        },
        "poster": {"email": "jane@acme.com", "name": "Jane Smith"},
        "options": {"duration_months": 3}
    })
}

both_databases_clocked!(
    ctojobshq_flow,
    open,
    |srv: &common::TestServer, clock: &jobdraft::clock::Clock| {
        let hour = 3_600_000;
        clock.advance(hour - clock.now_ms().rem_euclid(hour) + 1_000);
        let mut ip_hits = 0;

        // Step 1: a token for an owner e-mail and a client name, in CTOJobsHQ's 201 shape.
        let res = issue(srv, "Jane@Acme.com", "Claude Job Poster");
        ip_hits += 1;
        assert_eq!(res.status, 201, "{}", res.text());
        let body = res.json();
        assert_eq!(body["success"], true);
        assert_eq!(body["token_type"], "Bearer");
        let first = body["access_token"].as_str().expect("token").to_string();
        assert_eq!(body["api_key"]["name"], "Claude Job Poster");
        assert_eq!(body["api_key"]["created_by_email"], "jane@acme.com");
        assert_eq!(body["api_key"]["key_prefix"].as_str(), first.get(..16));
        assert_eq!(body["rate_limit"]["token_requests_per_hour_per_email"], 5);
        assert_eq!(body["rate_limit"]["token_requests_per_hour_per_ip"], 20);
        assert_eq!(body["warnings"].as_array().map(Vec::len), Some(2));
        let me = srv.get("/api/public/v1/auth/me", &first).json();
        assert_eq!(me["claimed"], false);
        assert_eq!(me["account"]["origin"], "issued");

        // Step 2: the draft, in CTOJobsHQ's shape, linked to the draft's own page.
        let res = srv.post_json(DRAFT, &first, &full_job());
        assert_eq!(res.status, 200, "{}", res.text());
        let draft = res.json();
        assert_eq!(draft["success"], true);
        let id = draft["draft"]["id"].as_str().expect("id").to_string();
        let preview = draft["draft"]["preview_url"]
            .as_str()
            .expect("preview")
            .to_string();
        assert!(
            preview.contains(&format!("/job-post?jobId={id}&token=")),
            "{preview}"
        );
        assert_eq!(draft["draft"]["edit_url"], draft["draft"]["preview_url"]);
        assert!(draft["payment"]["payment_url"].is_null());
        assert!(draft["warnings"]
            .as_array()
            .is_some_and(|w| w.iter().any(|m| m
                .as_str()
                .is_some_and(|m| m.contains("payment_url is null")))));
        let expires = chrono::DateTime::parse_from_rfc3339(
            draft["draft"]["expires_at"].as_str().expect("expires"),
        )
        .expect("iso")
        .timestamp_millis();
        assert!((expires - clock.now_ms() - 7 * 86_400_000).abs() < 60_000);
        assert_eq!(draft["validation"]["publishReady"], true, "{draft}");
        let page = srv.request("GET", &agents_support::path_of(&preview), &[], b"");
        assert_eq!(page.status, 200);
        assert!(page.text().contains("Chief Technology Officer"));
        let report = srv
            .get(&format!("/api/public/v1/job-drafts/{id}"), &first)
            .json();
        let fields = &report["normalizedFields"];
        assert_eq!(fields["companyName"], "Acme Corp");
        assert_eq!(fields["employmentType"], "FULL_TIME");
        assert_eq!(fields["locationType"], "REMOTE");
        assert_eq!(fields["countries"], json!(["US", "CA"]));
        assert_eq!(fields["salaryPeriod"], "YEAR");
        assert_eq!(fields["skills"], json!(["Ruby", "React", "AWS"]));
        // Another account cannot see it.
        let stranger = srv.token("globex", "jobs:write");
        srv.get(&format!("/api/public/v1/job-drafts/{id}"), &stranger)
            .assert_error(404, "NOT_FOUND");

        // Its own error envelope: 422 keyed by path, 401 auth_error.
        let res = srv.post_json(DRAFT, &first, &json!({"job": {"title": "", "location_type": "moon", "job_type": "full_time", "company": "X", "description": "Y"}, "poster": {"email": "p@x.io"}}));
        let e = cto_error(&res, 422, "validation_error");
        assert_eq!(
            e["error"]["details"]["job.title"],
            json!(["can't be blank"])
        );
        assert_eq!(
            e["error"]["details"]["job.location_type"],
            json!(["is not included in the list"])
        );
        assert!(e["error"]["details"]["job.apply_email"].is_array());
        cto_error(&post_anon(srv, DRAFT, &full_job()), 401, "auth_error");
        cto_error(
            &srv.post_json(DRAFT, "jd_pat_nope", &full_job()),
            401,
            "auth_error",
        );
        let auth = format!("Bearer {first}");
        let res = srv.request(
            "POST",
            DRAFT,
            &[
                ("Authorization", auth.as_str()),
                ("Content-Type", "application/json"),
            ],
            b"{not json",
        );
        cto_error(&res, 422, "validation_error");

        // Re-issue for the same e-mail and client revokes the previous token; another client's stays.
        let res = issue(srv, "jane@acme.com", "Claude Job Poster");
        ip_hits += 1;
        let second = res.json()["access_token"]
            .as_str()
            .expect("token")
            .to_string();
        cto_error(
            &srv.post_json(DRAFT, &first, &full_job()),
            401,
            "auth_error",
        );
        srv.get("/api/public/v1/auth/me", &first)
            .assert_error(401, "UNAUTHORIZED");
        let other_client = issue(srv, "jane@acme.com", "Another Agent").json()["access_token"]
            .as_str()
            .expect("t")
            .to_string();
        ip_hits += 1;
        assert_eq!(srv.post_json(DRAFT, &second, &full_job()).status, 200);
        assert_eq!(srv.get("/api/public/v1/auth/me", &other_client).status, 200);

        // 5 tokens per hour per e-mail.
        for _ in 0..2 {
            assert_eq!(issue(srv, "jane@acme.com", "Claude Job Poster").status, 201);
            ip_hits += 1;
        }
        let res = issue(srv, "jane@acme.com", "Claude Job Poster");
        ip_hits += 1;
        cto_error(&res, 429, "rate_limit");
        assert!(res
            .header("Retry-After")
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|s| s > 0 && s <= 3600));
        // Validation failures count against the address too.
        cto_error(
            &post_anon(
                srv,
                ISSUE,
                &json!({"owner": {"email": "nope"}, "client": {"name": "x"}}),
            ),
            422,
            "validation_error",
        );
        ip_hits += 1;

        // 20 per hour per IP.
        let mut n = 0;
        while ip_hits < 20 {
            let res = issue(srv, &format!("person{n}@example.com"), "bot");
            assert_eq!(res.status, 201, "{}", res.text());
            ip_hits += 1;
            n += 1;
        }
        let res = issue(srv, "fresh@example.com", "bot");
        cto_error(&res, 429, "rate_limit");
        assert!(res.header("Retry-After").is_some());

        // Drafts expire after 7 days unpublished; published jobs are not touched.
        let mut conn = srv.store.conn().expect("conn");
        let six_days = clock.now_ms() + 6 * 86_400_000;
        assert_eq!(
            jobdraft::store::draft_expiry::expire(&mut conn, six_days).expect("sweep"),
            0
        );
        let eight_days = clock.now_ms() + 8 * 86_400_000;
        assert!(jobdraft::store::draft_expiry::expire(&mut conn, eight_days).expect("sweep") >= 1);
        // (`second` was revoked by the later re-issues; the other client's token still works.)
        let report = srv
            .get(&format!("/api/public/v1/job-drafts/{id}"), &other_client)
            .json();
        assert_eq!(report["status"], "ARCHIVED", "{report}");
    }
);

both_databases_clocked!(
    ctojobshq_flow_is_off_by_default,
    |_c: &mut jobdraft::config::Config| {},
    |srv: &common::TestServer, _clock: &jobdraft::clock::Clock| {
        cto_error(
            &issue(srv, "jane@acme.com", "bot"),
            403,
            "token_issuance_disabled",
        );
        let token = srv.token("acme", "jobs:write");
        cto_error(
            &srv.post_json(DRAFT, &token, &full_job()),
            403,
            "token_issuance_disabled",
        );
    }
);
