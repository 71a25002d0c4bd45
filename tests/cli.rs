//! The `jobdraft` command line: tokens, migrate, parse and import, run as a person would.

mod common;

use common::jobdraft;

fn temp_db(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("jobdraft_cli_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}", dir.join("cli.db").display());
    (dir, url)
}

#[test]
fn tokens_are_created_listed_and_revoked() {
    let (dir, db) = temp_db("tokens");
    assert!(jobdraft(&["migrate"], &db).status.success());
    let out = jobdraft(
        &[
            "token",
            "create",
            "--account",
            "acme",
            "--name",
            "ci",
            "--scopes",
            "jobs:read",
        ],
        &db,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secret = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        secret.starts_with("jd_pat_") && secret.len() == 7 + 64,
        "{secret}"
    );
    let list = String::from_utf8_lossy(&jobdraft(&["token", "list"], &db).stdout).into_owned();
    assert!(
        list.contains("acme") && list.contains("active") && !list.contains(&secret),
        "{list}"
    );
    let id = list
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("token id")
        .to_string();
    assert!(jobdraft(&["token", "revoke", &id], &db).status.success());
    assert!(String::from_utf8_lossy(&jobdraft(&["token", "list"], &db).stdout).contains("revoked"));
    let again = jobdraft(&["token", "revoke", &id], &db);
    assert!(!again.status.success(), "revoking twice must fail");
    let bad = jobdraft(
        &[
            "token",
            "create",
            "--account",
            "a",
            "--name",
            "n",
            "--scopes",
            "admin",
        ],
        &db,
    );
    assert!(
        !bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("unknown scope")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unsupported_database_urls_are_refused() {
    let out = jobdraft(&["migrate"], "mysql://root@localhost/x");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL scheme"));
}

#[test]
fn parse_prints_the_report_and_import_streams_a_feed() {
    let (dir, db) = temp_db("import");
    let text = dir.join("job.txt");
    std::fs::write(&text, "We need 10 experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour.").expect("write");
    let out = jobdraft(&["parse", text.to_str().unwrap_or_default()], &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    assert_eq!(report["import"]["format"], "text");
    assert_eq!(report["normalizedFields"]["pricePerHour"], 18);

    let feed = dir.join("feed.xml");
    let jobs: String = (0..25)
        .map(|i| format!("<job><title>Annotator {i}</title><referencenumber>R{i}</referencenumber><description>Label images. $20/hour.</description></job>"))
        .collect();
    std::fs::write(
        &feed,
        format!("<source><publisher>ATS</publisher>{jobs}<job><title>broken</source>"),
    )
    .expect("write");
    let out = jobdraft(
        &[
            "import",
            feed.to_str().unwrap_or_default(),
            "--account",
            "acme",
        ],
        &db,
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("26 jobs") && stdout.contains("25 created") && stdout.contains("1 failed"),
        "{stdout}"
    );
    let again = String::from_utf8_lossy(
        &jobdraft(
            &[
                "import",
                feed.to_str().unwrap_or_default(),
                "--account",
                "acme",
            ],
            &db,
        )
        .stdout,
    )
    .into_owned();
    assert!(again.contains("25 replayed"), "{again}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn eval_scores_a_graded_corpus_per_field_and_lists_disagreements() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/eval/mini.jsonl");
    let out = jobdraft(&["eval", corpus, "--cases"], "unused.db");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("graded values right:"), "{text}");
    assert!(text.contains("produced values wrong:"), "{text}");
    // e3 is graded FULL_TIME on purpose: the extractor's PART_TIME is a disagreement.
    assert!(
        text.lines()
            .any(|l| l.starts_with("e3 employmentType") && l.contains("wrong")),
        "{text}"
    );

    let out = jobdraft(&["eval", corpus, "--json"], "unused.db");
    assert!(out.status.success());
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON scorecard");
    assert_eq!(card["cases"], 3);
    let total = &card["total"];
    let (right, wrong, missed, spurious) = (
        total["right"].as_f64().unwrap_or(0.0),
        total["wrong"].as_f64().unwrap_or(0.0),
        total["missed"].as_f64().unwrap_or(0.0),
        total["spurious"].as_f64().unwrap_or(0.0),
    );
    assert!(wrong >= 1.0, "{card}");
    let graded = card["gradedValuesRight"].as_f64().expect("figure");
    assert!((graded - right / (right + wrong + missed)).abs() < 1e-9);
    let produced = card["producedValuesWrong"].as_f64().expect("figure");
    assert!((produced - (wrong + spurious) / (right + wrong + spurious)).abs() < 1e-9);
    assert!(card["perField"]["employmentType"]["wrong"].as_u64() >= Some(1));
    assert!(card["disagreements"].as_array().is_some_and(Vec::is_empty));

    let bad = std::env::temp_dir().join(format!("jobdraft_eval_bad_{}.jsonl", std::process::id()));
    std::fs::write(&bad, "{\"id\": \"x\", \"text\": \"ok\"}\nnot json\n").expect("write");
    let out = jobdraft(&["eval", bad.to_str().unwrap_or_default()], "unused.db");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let _ = std::fs::remove_file(bad);
}
