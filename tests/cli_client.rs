//! `jobdraft client` against a real server: the --answers and --ask loops (a scripted terminal on
//! stdin), --json printing the API's own JSON, and saved credentials with mode 0600.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{postgres_url, Db, TempDir, TestServer};
use serde_json::{json, Value};

const TEXT: &str = "Bounding box annotation of dashcam images. We need annotators to draw boxes around cars and pedestrians in 50,000 images.\n";

fn temp(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(common::unique(name));
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// Runs `jobdraft client …` with its config under `home`, `stdin` as the terminal.
fn client(server: &TestServer, home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobdraft"))
        .arg("client")
        .arg("--base-url")
        .arg(format!("http://{}", server.addr))
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("JOBDRAFT_TOKEN")
        .env_remove("JOBDRAFT_BASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jobdraft client");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("client output")
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "client failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn answers_file_publishes(db: Db) {
    let server = TestServer::start(db);
    let token = server.token("cli", "jobs:read,jobs:write");
    let dir = temp("jd_client_answers");
    let job = dir.0.join("job.txt");
    std::fs::write(&job, TEXT).expect("job file");
    let answers = dir.0.join("answers.json");
    // "2" is a numbered choice, as a person would type it; pricePerHour is only asked once
    // the payment type is known.
    std::fs::write(
        &answers,
        json!({"paymentType": "PAY_PER_HOUR", "experienceLevel": "2", "headcount": 4, "pricePerHour": 31.5}).to_string(),
    )
    .expect("answers file");
    let out = client(
        &server,
        &dir.0,
        &[
            "--token",
            &token,
            "--json",
            "draft",
            job.to_str().expect("path"),
            "--answers",
            answers.to_str().expect("path"),
            "--publish",
        ],
        "",
    );
    let published = json_of(&out);
    assert_eq!(published["status"], "OPEN", "{published}");
    let id = published["jobId"].as_str().expect("jobId");
    let report = server
        .get(&format!("/api/public/v1/job-drafts/{id}"), &token)
        .json();
    let fields = &report["normalizedFields"];
    assert_eq!(fields["experienceLevel"], "INTERMEDIATE");
    assert_eq!(fields["headcount"], 4);
    assert_eq!(fields["pricePerHour"], 31.5);

    // A value of the wrong type is refused before anything is sent.
    std::fs::write(
        &answers,
        json!({"paymentType": "PAY_PER_HOUR", "experienceLevel": "EXPERT", "headcount": "many"})
            .to_string(),
    )
    .expect("answers file");
    let out = client(
        &server,
        &dir.0,
        &[
            "--token",
            &token,
            "draft",
            job.to_str().expect("path"),
            "--answers",
            answers.to_str().expect("path"),
        ],
        "",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("headcount: expected a whole number"),
        "{stderr}"
    );
}

#[test]
fn answers_file_completes_and_publishes_sqlite() {
    answers_file_publishes(Db::Sqlite);
}

#[test]
fn answers_file_completes_and_publishes_postgres() {
    if postgres_url().is_some() {
        answers_file_publishes(Db::Postgres);
    }
}

#[test]
fn ask_loop_in_a_scripted_terminal() {
    let server = TestServer::start(Db::Sqlite);
    let token = server.token("cli", "jobs:read,jobs:write");
    let dir = temp("jd_client_ask");
    let job = dir.0.join("job.txt");
    std::fs::write(&job, TEXT).expect("job file");
    // "many" is not a choice and is asked again; 3 = FIXED_PRICE; 1 = EXPERT; then headcount 2,
    // the fixed price the server asks for next, and yes to publishing.
    let out = client(
        &server,
        &dir.0,
        &[
            "--token",
            &token,
            "draft",
            job.to_str().expect("path"),
            "--ask",
        ],
        "many\n3\n1\n2\n900\ny\n",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("1) PAY_PER_HOUR") && stderr.contains("3) FIXED_PRICE"),
        "{stderr}"
    );
    assert!(stderr.contains("not accepted: choose 1-3"), "{stderr}");
    assert!(stderr.contains("[fixedPrice, number]"), "{stderr}");
    assert!(
        stdout.starts_with("published ") && stdout.contains("OPEN"),
        "{stdout}"
    );
}

#[test]
fn json_output_is_the_apis_json_and_credentials_are_private() {
    let server = TestServer::start_with(Db::Sqlite, |c| c.agent_registration = "open".to_string());
    let dir = temp("jd_client_json");
    let registered = json_of(&client(
        &server,
        &dir.0,
        &["--json", "register", "--agent-name", "ci-agent"],
        "",
    ));
    let token = registered["access_token"].as_str().expect("access_token");
    let saved = dir.0.join("jobdraft/cli.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&saved)
            .expect("cli.json")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let creds: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("read")).expect("json");
    assert_eq!(creds["apiToken"], token);
    assert_eq!(creds["claimToken"], registered["claim_token"]);

    // The saved token is used; --json prints exactly what the API answers.
    server.create_text(token, TEXT);
    let whoami = json_of(&client(&server, &dir.0, &["whoami", "--json"], ""));
    assert_eq!(whoami, server.get("/api/public/v1/auth/me", token).json());
    let mine = json_of(&client(&server, &dir.0, &["mine", "--json"], ""));
    assert_eq!(mine, server.get("/api/public/v1/jobs/mine", token).json());
    assert_eq!(mine["jobs"].as_array().map(Vec::len), Some(1));

    // An API error comes back as the envelope and a failing exit.
    let out = client(&server, &dir.0, &["publish", "no-such-job", "--json"], "");
    assert!(!out.status.success());
    let envelope: Value = serde_json::from_slice(&out.stdout).expect("envelope");
    assert_eq!(envelope["code"], "NOT_FOUND");
}
