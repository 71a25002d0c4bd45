//! OpenTrain's agent onboarding over HTTP on SQLite and PostgreSQL: register, draft and publish
//! unclaimed, start the claim, a person confirms on /claim, the token poll walks pending →
//! slow_down → the token once → invalid_grant, the old token dies, the quota rises.

mod agents_support;
mod common;

use agents_support::*;
use serde_json::{json, Value};

const GRANT: &str = "urn:opentrain:agent-auth:grant-type:claim";
const TOKEN_URL: &str = "/api/agent/oauth/token";

fn open(c: &mut jobdraft::config::Config) {
    c.agent_registration = "open".to_string();
}

fn poll(srv: &common::TestServer, claim_token: &str) -> common::Response {
    post_form(
        srv,
        TOKEN_URL,
        &[("grant_type", GRANT), ("claim_token", claim_token)],
        &[],
    )
}

fn oauth_error(res: &common::Response, status: u16, error: &str) -> Value {
    assert_eq!(res.status, status, "{}", res.text());
    let body = res.json();
    assert_eq!(body["error"], error, "{body}");
    assert!(
        body["error_description"]
            .as_str()
            .is_some_and(|d| !d.is_empty()),
        "{body}"
    );
    assert!(res.header("X-Request-Id").is_some());
    body
}

fn me(srv: &common::TestServer, token: &str) -> Value {
    let res = srv.get("/api/public/v1/auth/me", token);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

both_databases_clocked!(
    opentrain_quickstart_as_an_agent,
    open,
    |srv: &common::TestServer, clock: &jobdraft::clock::Clock| {
        // Discovery says where everything is.
        let meta = srv
            .request("GET", "/.well-known/oauth-authorization-server", &[], b"")
            .json();
        assert_eq!(meta["agent_auth"]["grant_type"], GRANT);
        assert_eq!(meta["agent_auth"]["enabled"], true);
        let operator = srv.token("ops", "jobs:read");
        let caps = srv
            .get("/api/public/v1/job-drafts/capabilities", &operator)
            .json();
        assert_eq!(caps["agentAuth"]["registration"], "open");
        assert!(meta["token_endpoint"]
            .as_str()
            .is_some_and(|u| u.ends_with(TOKEN_URL)));
        let resource = srv
            .request("GET", "/.well-known/oauth-protected-resource", &[], b"")
            .json();
        assert!(resource["resource"]
            .as_str()
            .is_some_and(|u| u.ends_with("/api/public/v1")));

        // Register: an unclaimed account, a working pre-claim token and a claim token.
        let reg = post_anon(
            srv,
            "/api/agent/identity",
            &json!({"agent_name": "quickstart-bot", "organization_name": "Acme <Labs>"}),
        );
        assert_eq!(reg.status, 201, "{}", reg.text());
        let reg = reg.json();
        let pre = reg["access_token"]
            .as_str()
            .expect("access_token")
            .to_string();
        let claim_token = reg["claim_token"]
            .as_str()
            .expect("claim_token")
            .to_string();
        assert!(pre.starts_with("jd_pat_") && claim_token.starts_with("jd_clm_"));
        assert_eq!(reg["token_type"], "bearer");
        assert_eq!(reg["grant_type"], GRANT);
        assert_eq!(reg["scopes"], json!(["jobs:read", "jobs:write"]));
        assert!(reg["claim_token_expires_at"].is_string());
        let who = me(srv, &pre);
        assert_eq!(who["claimed"], false);
        assert_eq!(who["account"]["origin"], "registration");
        assert_eq!(who["token"]["label"], "quickstart-bot");
        assert_eq!(who["account"]["kind"], "employer_organization");

        // Draft and publish before any claim: the unclaimed quota is 3 a day.
        let ids: Vec<String> = (0..4).map(|n| ready_job(srv, &pre, n)).collect();
        for id in &ids[..3] {
            let res = publish(srv, &pre, id);
            assert_eq!(res.status, 200, "{}", res.text());
        }
        let refused = publish(srv, &pre, &ids[3]).assert_error(429, "RATE_LIMITED");
        assert_eq!(refused["details"]["limit"], 3);

        // A token the agent minted from its pre-claim token is a pre-claim token too.
        let minted = srv.post_json(
            "/api/public/v1/tokens",
            &pre,
            &json!({"name": "helper", "scopes": ["jobs:read"]}),
        );
        assert_eq!(minted.status, 201, "{}", minted.text());
        let child = minted.json()["token"].as_str().expect("token").to_string();
        assert_eq!(srv.get("/api/public/v1/auth/me", &child).status, 200);

        // Polling before any claim was started is a request error, not an endless pending.
        oauth_error(&poll(srv, &claim_token), 400, "invalid_request");
        clock.advance(6_000);

        // Start the claim for a person.
        let start = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": claim_token, "email": "Jane@Example.com"}),
        );
        assert_eq!(start.status, 200, "{}", start.text());
        let start = start.json();
        let code = start["user_code"].as_str().expect("user_code").to_string();
        assert!(
            code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
            "{code}"
        );
        assert_eq!(start["expires_in"], 1800);
        assert_eq!(start["interval"], 5);
        assert_eq!(start["email_sent"], false);
        let uri = start["verification_uri"]
            .as_str()
            .expect("verification_uri")
            .to_string();
        assert!(uri.contains("/claim?token=jd_cat_"), "{uri}");

        // The agent polls: pending, then too fast.
        oauth_error(&poll(srv, &claim_token), 400, "authorization_pending");
        oauth_error(&poll(srv, &claim_token), 400, "slow_down");

        // The page escapes what the agent chose, and a wrong code or e-mail is refused.
        let page = srv.request("GET", &path_of(&uri), &[], b"");
        assert_eq!(page.header("Referrer-Policy"), Some("no-referrer"));
        assert!(page.text().contains("Acme &lt;Labs&gt;") && !page.text().contains("<Labs>"));
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let res = submit_claim(srv, &uri, wrong, "jane@example.com", true);
        assert!(res.text().contains("does not match"), "{}", res.text());
        let res = submit_claim(srv, &uri, &code, "someone@else.com", true);
        assert!(res.text().contains("does not match"), "{}", res.text());
        // Without the CSRF cookie the form is refused.
        let html = srv.request("GET", &path_of(&uri), &[], b"").text();
        let (t, c) = (hidden_value(&html, "token"), hidden_value(&html, "csrf"));
        let forged = post_form(
            srv,
            "/claim",
            &[
                ("token", t.as_str()),
                ("csrf", c.as_str()),
                ("user_code", code.as_str()),
                ("email", "jane@example.com"),
                ("confirm", "yes"),
            ],
            &[],
        );
        forged.assert_error(403, "FORBIDDEN");
        oauth_error(
            &{
                clock.advance(6_000);
                poll(srv, &claim_token)
            },
            400,
            "authorization_pending",
        );

        // The person enters the code and confirms the e-mail.
        let done = submit_claim(srv, &uri, &code, "JANE@example.com", true);
        assert_eq!(done.status, 200);
        assert!(done.text().contains("Account claimed"), "{}", done.text());
        // The link is single use.
        srv.request("GET", &path_of(&uri), &[], b"")
            .assert_error(404, "NOT_FOUND");

        // Too fast still; then the post-claim token, exactly once.
        oauth_error(&poll(srv, &claim_token), 400, "slow_down");
        clock.advance(6_000);
        let granted = poll(srv, &claim_token);
        assert_eq!(granted.status, 200, "{}", granted.text());
        assert_eq!(granted.header("Cache-Control"), Some("no-store"));
        let post = granted.json()["access_token"]
            .as_str()
            .expect("token")
            .to_string();
        assert_ne!(post, pre);
        clock.advance(6_000);
        oauth_error(&poll(srv, &claim_token), 400, "invalid_grant");

        // The pre-claim token is dead; the new one says claimed, with the person as owner.
        srv.get("/api/public/v1/auth/me", &pre)
            .assert_error(401, "UNAUTHORIZED");
        srv.get("/api/public/v1/auth/me", &child)
            .assert_error(401, "UNAUTHORIZED");
        let who = me(srv, &post);
        assert_eq!(who["claimed"], true);
        assert_eq!(who["account"]["claimed"], true);
        assert_eq!(who["actor"]["email"], "jane@example.com");

        // The claimed quota is 20 a day: the refused draft publishes, 16 more do, the 21st does not.
        assert_eq!(publish(srv, &post, &ids[3]).status, 200);
        for n in 0..16 {
            let id = ready_job(srv, &post, 100 + n);
            let res = publish(srv, &post, &id);
            assert_eq!(res.status, 200, "publish {n}: {}", res.text());
        }
        let id = ready_job(srv, &post, 200);
        let refused = publish(srv, &post, &id).assert_error(429, "RATE_LIMITED");
        assert_eq!(refused["details"]["limit"], 20);
        assert!(refused_retry_after(&publish(srv, &post, &id)));

        // Revocation (RFC 7009) is always 200 and works at once.
        let res = post_form(
            srv,
            "/api/agent/oauth/revoke",
            &[("token", post.as_str())],
            &[],
        );
        assert_eq!(res.status, 200);
        assert_eq!(res.json(), json!({}));
        srv.get("/api/public/v1/auth/me", &post)
            .assert_error(401, "UNAUTHORIZED");
        assert_eq!(
            post_form(
                srv,
                "/api/agent/oauth/revoke",
                &[("token", "jd_pat_unknown")],
                &[]
            )
            .status,
            200
        );
        oauth_error(
            &post_form(srv, "/api/agent/oauth/revoke", &[], &[]),
            400,
            "invalid_request",
        );

        // A second registration cannot claim with an e-mail that already owns an account.
        let other = post_anon(srv, "/api/agent/identity", &json!({})).json();
        let clm = other["claim_token"].as_str().expect("claim_token");
        let res = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": clm, "email": "jane@example.com"}),
        );
        let body = oauth_error(&res, 400, "invalid_request");
        assert!(body["error_description"]
            .as_str()
            .is_some_and(|d| d.contains("email_already_registered")));
    }
);

fn refused_retry_after(res: &common::Response) -> bool {
    res.status == 429
        && res
            .header("Retry-After")
            .is_some_and(|v| v.parse::<u64>().is_ok())
}

both_databases_clocked!(
    claim_windows_expire_and_inputs_are_checked,
    open,
    |srv: &common::TestServer, clock: &jobdraft::clock::Clock| {
        let bad = post_anon(
            srv,
            "/api/agent/identity",
            &json!({"identity_type": "verified"}),
        );
        oauth_error(&bad, 400, "unsupported_identity_type");
        let reg = post_anon(srv, "/api/agent/identity", &json!({})).json();
        let claim_token = reg["claim_token"]
            .as_str()
            .expect("claim_token")
            .to_string();
        oauth_error(
            &post_form(
                srv,
                TOKEN_URL,
                &[
                    ("grant_type", "password"),
                    ("claim_token", claim_token.as_str()),
                ],
                &[],
            ),
            400,
            "unsupported_grant_type",
        );
        oauth_error(
            &post_form(srv, TOKEN_URL, &[("grant_type", GRANT)], &[]),
            400,
            "invalid_request",
        );
        oauth_error(&poll(srv, "jd_clm_unknown"), 400, "invalid_grant");
        let res = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": claim_token, "email": "not-an-email"}),
        );
        oauth_error(&res, 400, "invalid_request");
        let res = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": "jd_clm_nope", "email": "a@b.co"}),
        );
        oauth_error(&res, 400, "invalid_request");

        // The code window is 30 minutes: afterwards polls say expired_token and the page refuses.
        let start = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": claim_token, "email": "sam@example.org"}),
        )
        .json();
        let code = start["user_code"].as_str().expect("code").to_string();
        let uri = start["verification_uri"].as_str().expect("uri").to_string();
        clock.advance(1_801_000);
        oauth_error(&poll(srv, &claim_token), 400, "expired_token");
        let res = submit_claim(srv, &uri, &code, "sam@example.org", true);
        assert!(res.text().contains("expired"), "{}", res.text());

        // Starting again issues a new code; the old link is dead. Five wrong codes burn the new one.
        let restart = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": claim_token, "email": "sam@example.org"}),
        )
        .json();
        srv.request("GET", &path_of(&uri), &[], b"")
            .assert_error(404, "NOT_FOUND");
        let uri = restart["verification_uri"]
            .as_str()
            .expect("uri")
            .to_string();
        let code = restart["user_code"].as_str().expect("code").to_string();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        // What the person typed comes back escaped (the first of the five wrong attempts).
        let hostile = "x\"><script>alert(1)</script>@example.org";
        let res = submit_claim(srv, &uri, wrong, hostile, true);
        assert!(
            res.text().contains("x&quot;&gt;&lt;script&gt;") && !res.text().contains("<script>"),
            "{}",
            res.text()
        );
        for _ in 0..4 {
            submit_claim(srv, &uri, wrong, "sam@example.org", true);
        }
        let res = submit_claim(srv, &uri, &code, "sam@example.org", true);
        assert!(
            res.text().contains("can no longer be used"),
            "{}",
            res.text()
        );

        // The claim token itself lives 24 hours.
        clock.advance(24 * 3_600_000);
        let res = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": claim_token, "email": "sam@example.org"}),
        );
        oauth_error(&res, 400, "invalid_request");
        clock.advance(6_000);
        oauth_error(&poll(srv, &claim_token), 400, "expired_token");
    }
);

both_databases_clocked!(
    registration_is_off_by_default_and_rate_limited_when_on,
    |_c: &mut jobdraft::config::Config| {},
    |srv: &common::TestServer, _clock: &jobdraft::clock::Clock| {
        oauth_error(
            &post_anon(srv, "/api/agent/identity", &json!({})),
            403,
            "anonymous_not_enabled",
        );
        oauth_error(
            &post_anon(
                srv,
                "/api/agent/identity/claim",
                &json!({"claim_token": "x", "email": "a@b.co"}),
            ),
            403,
            "anonymous_not_enabled",
        );
        oauth_error(&poll(srv, "jd_clm_x"), 403, "anonymous_not_enabled");
        srv.request("GET", "/claim?token=jd_cat_x", &[], b"")
            .assert_error(403, "FORBIDDEN");
        let meta = srv
            .request("GET", "/.well-known/oauth-authorization-server", &[], b"")
            .json();
        assert_eq!(meta["agent_auth"]["enabled"], false);
    }
);

both_databases_clocked!(
    registrations_and_claim_starts_are_limited_per_ip,
    |c: &mut jobdraft::config::Config| {
        c.agent_registration = "open".to_string();
        c.registrations_per_hour = 3;
        c.claims_per_hour = 2;
    },
    |srv: &common::TestServer, clock: &jobdraft::clock::Clock| {
        // Align to the start of an hour window so the test never straddles two.
        let hour = 3_600_000;
        clock.advance(hour - clock.now_ms().rem_euclid(hour) + 1_000);
        let mut claim_token = String::new();
        for _ in 0..3 {
            let res = post_anon(srv, "/api/agent/identity", &json!({}));
            assert_eq!(res.status, 201, "{}", res.text());
            claim_token = res.json()["claim_token"]
                .as_str()
                .expect("claim")
                .to_string();
        }
        let res = post_anon(srv, "/api/agent/identity", &json!({}));
        oauth_error(&res, 429, "rate_limit_exceeded");
        let wait: u64 = res
            .header("Retry-After")
            .expect("Retry-After")
            .parse()
            .expect("seconds");
        assert!(wait > 0 && wait <= 3600, "{wait}");
        for n in 0..2 {
            let res = post_anon(
                srv,
                "/api/agent/identity/claim",
                &json!({"claim_token": claim_token, "email": format!("p{n}@example.com")}),
            );
            assert_eq!(res.status, 200, "{}", res.text());
        }
        let res = post_anon(
            srv,
            "/api/agent/identity/claim",
            &json!({"claim_token": claim_token, "email": "p9@example.com"}),
        );
        oauth_error(&res, 429, "rate_limit_exceeded");
        assert!(res.header("Retry-After").is_some());
        // The next hour opens a new window.
        clock.advance(hour);
        assert_eq!(
            post_anon(srv, "/api/agent/identity", &json!({})).status,
            201
        );
    }
);
