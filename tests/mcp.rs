//! MCP (issue 12) with a real client: the official Python SDK (`mcp` from PyPI, installed by
//! .ci/run into target/mcp-venv) runs the whole loop over Streamable HTTP at /mcp and over stdio
//! (`jobdraft mcp`), on SQLite and, with TEST_DATABASE_URL, PostgreSQL.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{postgres_url, Db, TestServer};
use serde_json::Value;

/// The Python with `mcp` installed, or `None` (said loudly; CI fails instead).
fn python() -> Option<PathBuf> {
    let candidate = std::env::var_os("JOBDRAFT_MCP_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/mcp-venv/bin/python")
        });
    let ok = Command::new(&candidate)
        .args(["-c", "import mcp, httpx2, jsonschema"])
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(candidate);
    }
    let message = format!(
        "the MCP client tests need Python with `mcp` at {} (JOBDRAFT_MCP_PYTHON); .ci/run installs it",
        candidate.display()
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED (not run): {message}");
    None
}

fn run_loop(python: &PathBuf, args: &[String]) -> Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_support/mcp_loop.py");
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run the Python MCP client");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "MCP client failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("client output is not JSON ({e}): {stdout}"))
}

fn check_loop(seen: &Value) {
    let tools: Vec<&str> = seen["tools"]
        .as_array()
        .expect("tools")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for name in [
        "create_draft",
        "get_draft",
        "update_draft",
        "publish_job",
        "update_job",
        "close_job",
        "list_my_jobs",
        "search_jobs",
        "get_job",
        "get_capabilities",
        "auth_status",
        "import_batch",
        "register_agent",
        "start_claim",
        "claim_status",
    ] {
        assert!(tools.contains(&name), "{name} missing from {tools:?}");
    }
    assert_eq!(seen["createAnnotations"]["readOnlyHint"], false);
    assert_eq!(seen["searchReadOnly"], true);
    assert_eq!(
        seen["patchEnum"],
        serde_json::json!(["PAY_PER_HOUR", "PAY_PER_LABEL", "FIXED_PRICE"]),
        "the PATCH schema carries the catalog's enum values"
    );
    // The form asked for the missing fields, then again after the bad headcount, with the reason.
    let rounds = seen["elicitations"].as_array().expect("elicitations");
    assert!(rounds.len() >= 2, "{rounds:?}");
    let first: Vec<&str> = rounds[0]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        first.contains(&"headcount") && first.contains(&"paymentType"),
        "{first:?}"
    );
    let again = &rounds[1];
    assert!(
        again["fields"]
            .as_array()
            .expect("fields")
            .contains(&Value::from("headcount")),
        "the refused headcount is asked again: {again}"
    );
    assert!(
        again["message"]
            .as_str()
            .unwrap_or_default()
            .contains("headcount"),
        "the second form says what was wrong: {again}"
    );
    let report = &seen["report"];
    assert_eq!(report["publishReady"], true, "{report}");
    assert_eq!(report["elicitation"]["outcome"], "publish_ready");
    assert_eq!(report["normalized"]["headcount"], 3);
    assert_eq!(seen["publish"]["status"], "OPEN", "{}", seen["publish"]);
    assert!(
        seen["searchIds"]
            .as_array()
            .expect("ids")
            .contains(&report["jobId"]),
        "the published job is found by search: {}",
        seen["searchIds"]
    );
    assert_eq!(seen["liveEdit"]["isError"], false, "{}", seen["liveEdit"]);
    assert_eq!(seen["liveEdit"]["headcount"], 6, "{}", seen["liveEdit"]);
    assert_eq!(seen["closed"]["status"], "ARCHIVED", "{}", seen["closed"]);
    assert_eq!(
        seen["batchSummary"]["created"], 2,
        "{}",
        seen["batchSummary"]
    );
    assert!(
        seen["authScopes"]
            .as_array()
            .is_some_and(|s| s.contains(&Value::from("jobs:write"))),
        "{}",
        seen["authScopes"]
    );
    let not_found: Value =
        serde_json::from_str(seen["notFound"]["text"].as_str().expect("text")).expect("envelope");
    assert_eq!(seen["notFound"]["isError"], true);
    assert_eq!(not_found["code"], "NOT_FOUND");
    assert_eq!(seen["catalogHasFields"], true);
    assert_eq!(seen["promptMentionsCreate"], true);
    // A person who declines ends the loop; a client without elicitation gets the prompts.
    assert_eq!(
        seen["declined"]["outcome"], "declined",
        "{}",
        seen["declined"]
    );
    assert!(seen["withoutElicitation"]["elicitation"].is_null());
    let prompts = seen["withoutElicitation"]["prompts"]
        .as_array()
        .expect("prompts");
    assert!(
        !prompts.is_empty() && prompts.iter().all(Value::is_string),
        "{prompts:?}"
    );
    // A token without jobs:write reads but cannot write, with the API's code and details.
    let denied: Value =
        serde_json::from_str(seen["readOnlyCreate"]["text"].as_str().expect("text"))
            .expect("envelope");
    assert_eq!(seen["readOnlyCreate"]["isError"], true);
    assert_eq!(denied["code"], "FORBIDDEN");
    assert_eq!(denied["details"]["requiredScopes"][0], "jobs:write");
    assert_eq!(seen["readOnlyList"]["isError"], false);
}

fn whole_loop(db: Db) {
    let Some(python) = python() else { return };
    let server = TestServer::start(db);
    let token = server.token("mcp", "jobs:read,jobs:write");
    let read_only = server.token("mcp", "jobs:read");
    let url = format!("http://{}/mcp", server.addr);
    check_loop(&run_loop(
        &python,
        &["http".into(), url, token.clone(), read_only.clone()],
    ));
    let base = format!("http://{}", server.addr);
    let bin = env!("CARGO_BIN_EXE_jobdraft").to_string();
    check_loop(&run_loop(
        &python,
        &["stdio".into(), bin, base, token, read_only],
    ));
}

#[test]
fn mcp_client_runs_the_whole_loop_sqlite() {
    whole_loop(Db::Sqlite);
}

#[test]
fn mcp_client_runs_the_whole_loop_postgres() {
    if postgres_url().is_some() {
        whole_loop(Db::Postgres);
    }
}

#[test]
fn mcp_endpoint_wants_a_bearer_token() {
    let server = TestServer::start(Db::Sqlite);
    let res = server.request(
        "POST",
        "/mcp",
        &[("Content-Type", "application/json")],
        br#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
    );
    res.assert_error(401, "UNAUTHORIZED");
}
