//! Tokens over the API (`/api/public/v1/tokens`, OpenTrain's shapes) on SQLite and PostgreSQL:
//! no escalation, at most 25 active, revocation and expiry take effect at once.

mod agents_support;
mod common;

use serde_json::{json, Value};

const TOKENS: &str = "/api/public/v1/tokens";
const ME: &str = "/api/public/v1/auth/me";

fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .expect("time")
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn create(srv: &common::TestServer, token: &str, body: &Value) -> common::Response {
    srv.post_json(TOKENS, token, body)
}

fn delete(srv: &common::TestServer, token: &str, id: &str) -> common::Response {
    let auth = format!("Bearer {token}");
    srv.request(
        "DELETE",
        &format!("{TOKENS}/{id}"),
        &[("Authorization", &auth)],
        b"",
    )
}

both_databases_clocked!(
    tokens_over_the_api,
    |_c: &mut jobdraft::config::Config| {},
    |srv: &common::TestServer, clock: &jobdraft::clock::Clock| {
        let writer = srv.token("acme", "jobs:write");
        let other = srv.token("globex", "jobs:write");

        // A narrower token, shown once, with OpenTrain's metadata.
        let res = create(
            srv,
            &writer,
            &json!({"name": "ci reader", "scopes": ["jobs:read"]}),
        );
        assert_eq!(res.status, 201, "{}", res.text());
        let body = res.json();
        let reader = body["token"].as_str().expect("token").to_string();
        let meta = &body["metadata"];
        assert_eq!(meta["name"], "ci reader");
        assert_eq!(meta["scopes"], json!(["jobs:read"]));
        assert_eq!(meta["status"], "active");
        assert!(meta["preview"]
            .as_str()
            .is_some_and(|p| p.starts_with("jd_pat_") && p.contains("****")));
        for key in [
            "id",
            "organizationId",
            "createdAt",
            "lastUsedAt",
            "expiresAt",
            "revokedAt",
        ] {
            assert!(meta.get(key).is_some(), "metadata lacks {key}: {meta}");
        }
        assert_eq!(srv.get(ME, &reader).json()["token"]["label"], "ci reader");

        // No escalation: a read token cannot mint a write token; unknown scopes are named.
        let e =
            create(srv, &reader, &json!({"scopes": ["jobs:write"]})).assert_error(403, "FORBIDDEN");
        assert_eq!(e["details"]["reason"], "scope_escalation");
        let e = create(
            srv,
            &writer,
            &json!({"scopes": ["jobs:read", "proposals:write"]}),
        )
        .assert_error(400, "BAD_REQUEST");
        assert_eq!(e["details"]["unknownScopes"], json!(["proposals:write"]));
        assert!(e["details"]["supportedScopes"].is_array());
        create(
            srv,
            &writer,
            &json!({"expiresAt": iso(clock.now_ms() - 1000)}),
        )
        .assert_error(400, "BAD_REQUEST");
        create(srv, &writer, &json!({"expiresAt": "tomorrow"})).assert_error(400, "BAD_REQUEST");
        create(srv, &writer, &json!({"colour": "red"})).assert_error(400, "BAD_REQUEST");
        // Defaults: the caller's scopes, the name "API token".
        let plain = create(srv, &writer, &json!({})).json();
        assert_eq!(plain["metadata"]["name"], "API token");
        assert_eq!(plain["metadata"]["scopes"], json!(["jobs:write"]));

        // Revoked: 401 at once; another account's token is 404, never revoked.
        let doomed = create(srv, &writer, &json!({"name": "doomed"})).json();
        let (doomed_secret, doomed_id) = (
            doomed["token"].as_str().expect("t").to_string(),
            doomed["metadata"]["id"].as_str().expect("id").to_string(),
        );
        assert_eq!(srv.get(ME, &doomed_secret).status, 200);
        delete(srv, &other, &doomed_id).assert_error(404, "NOT_FOUND");
        assert_eq!(srv.get(ME, &doomed_secret).status, 200);
        let res = delete(srv, &writer, &doomed_id);
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.json()["token"]["status"], "revoked");
        assert!(res.json()["token"]["revokedAt"].is_string());
        srv.get(ME, &doomed_secret)
            .assert_error(401, "UNAUTHORIZED");
        delete(srv, &writer, "no-such-token").assert_error(404, "NOT_FOUND");

        // Expired: works until expiresAt, 401 after; the list says expired. It cannot mint a
        // token that outlives it.
        let soon = create(
            srv,
            &writer,
            &json!({"name": "short", "expiresAt": iso(clock.now_ms() + 3_600_000)}),
        )
        .json();
        let short = soon["token"].as_str().expect("t").to_string();
        assert_eq!(srv.get(ME, &short).status, 200);
        let e = create(
            srv,
            &short,
            &json!({"expiresAt": iso(clock.now_ms() + 7_200_000)}),
        )
        .assert_error(403, "FORBIDDEN");
        assert_eq!(e["details"]["reason"], "expiry_escalation");
        let child = create(srv, &short, &json!({})).json();
        assert_eq!(
            child["metadata"]["expiresAt"],
            soon["metadata"]["expiresAt"]
        );
        clock.advance(3_601_000);
        srv.get(ME, &short).assert_error(401, "UNAUTHORIZED");
        let listed = srv.get(TOKENS, &writer).json();
        let statuses: Vec<(String, String)> = listed["tokens"]
            .as_array()
            .expect("tokens")
            .iter()
            .map(|t| {
                (
                    t["name"].as_str().unwrap_or("").to_string(),
                    t["status"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert!(
            statuses.contains(&("short".to_string(), "expired".to_string())),
            "{statuses:?}"
        );
        assert!(
            statuses.contains(&("doomed".to_string(), "revoked".to_string())),
            "{statuses:?}"
        );
        // Only this account's tokens are listed.
        assert!(srv.get(TOKENS, &other).json()["tokens"]
            .as_array()
            .is_some_and(|t| t.len() == 1));

        // At most 25 active: writer, reader and plain are active now; 22 more fill the account.
        for n in 0..22 {
            let res = create(srv, &writer, &json!({"name": format!("bulk {n}")}));
            assert_eq!(res.status, 201, "token {n}: {}", res.text());
        }
        let e = create(srv, &writer, &json!({"name": "26th"})).assert_error(409, "CONFLICT");
        assert_eq!(e["details"]["reason"], "token_limit_reached");
        assert_eq!(e["details"]["limit"], 25);
        let reader_id = srv.get(ME, &reader).json()["token"]["id"]
            .as_str()
            .expect("id")
            .to_string();
        assert_eq!(delete(srv, &writer, &reader_id).status, 200);
        assert_eq!(
            create(srv, &writer, &json!({"name": "room again"})).status,
            201
        );
        // Without a token: 401.
        srv.request("GET", TOKENS, &[], b"")
            .assert_error(401, "UNAUTHORIZED");
    }
);
