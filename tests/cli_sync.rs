//! `jobdraft sync FILE`: a feed file synced twice into an account (the second time changed and
//! shrunk), the run report on stdout, and no progress bar when stderr is not a terminal.

mod common;

use common::jobdraft;

fn job(reference: &str, title: &str) -> String {
    format!("<job><title>{title}</title><referencenumber>{reference}</referencenumber><description>Label street images. $20/hour.</description></job>")
}

#[test]
fn sync_creates_updates_and_closes_from_a_file() {
    let dir = std::env::temp_dir().join(format!("jobdraft_cli_sync_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = format!("sqlite://{}", dir.join("cli.db").display());
    let feed = dir.join("feed.xml");
    let path = feed.to_str().unwrap_or_default();

    let jobs = [
        job("R1", "Annotator one"),
        job("R2", "Annotator two"),
        job("R3", "Annotator three"),
    ];
    std::fs::write(&feed, format!("<source>{}</source>", jobs.concat())).expect("write");
    let out = jobdraft(&["sync", path, "--account", "acme"], &db);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("COMPLETED") && stdout.contains("3 created") && stdout.contains("0 failed"),
        "{stdout}"
    );
    assert!(
        !stderr.contains('\r') && !stderr.contains("jobs:"),
        "no progress bar off a terminal: {stderr:?}"
    );

    let jobs = [
        job("R1", "Annotator one"),
        job("R2", "Annotator two, renamed"),
    ];
    std::fs::write(&feed, format!("<source>{}</source>", jobs.concat())).expect("write");
    let out = jobdraft(&["sync", path, "--account", "acme"], &db);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("0 created")
            && stdout.contains("1 updated")
            && stdout.contains("1 unchanged")
            && stdout.contains("1 closed"),
        "{stdout}"
    );

    let out = jobdraft(&["sync", path, "--account", "acme", "--format", "csv"], &db);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown --format"));
    let _ = std::fs::remove_dir_all(dir);
}
