//! The log a 500 leaves: one ERROR line carrying the same requestId the client received (so an
//! operator can find it), while client mistakes are not logged at ERROR.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use diesel::connection::SimpleConnection;

/// Log output captured in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut out) = self.0.lock() {
            out.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn lines(&self) -> Vec<String> {
        let raw = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&raw)
            .lines()
            .map(str::to_string)
            .collect()
    }
}

#[test]
fn the_error_line_of_a_500_carries_the_clients_request_id() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_env_filter(jobdraft::logging::filter(Some("info")))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let srv = common::TestServer::start(common::Db::Sqlite);
    let token = srv.token("acme", "jobs:write");
    let id = srv.create_text(&token, "Label 500 images. Pay is $15/hour.")["jobId"]
        .as_str()
        .expect("jobId")
        .to_string();
    // A client mistake: logged, but not as an error.
    srv.get("/api/public/v1/job-drafts/nope", &token)
        .assert_error(404, "NOT_FOUND");
    let bad_json = srv.request(
        "POST",
        "/api/public/v1/job-drafts",
        &[
            ("Authorization", &format!("Bearer {token}")),
            ("Content-Type", "application/json"),
        ],
        b"{not json",
    );
    bad_json.assert_error(400, "BAD_REQUEST");
    // A request the framework cannot parse: answered 400 by actix-http itself.
    let mut stream = std::net::TcpStream::connect(srv.addr).expect("connect");
    stream
        .write_all(b"GET /livez HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        .expect("write");
    let mut answer = Vec::new();
    let _ = std::io::Read::read_to_end(&mut stream, &mut answer);
    assert!(
        answer.starts_with(b"HTTP/1.1 400"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    // A server fault: the table the read needs is gone.
    let mut conn = srv.store.conn().expect("conn");
    conn.batch_execute("ALTER TABLE jobs RENAME TO jobs_gone")
        .expect("rename");
    drop(conn);
    let res = srv.get(&format!("/api/public/v1/job-drafts/{id}"), &token);
    let body = res.assert_error(500, "INTERNAL");
    let request_id = body["requestId"].as_str().expect("requestId").to_string();
    let lines = captured.lines();
    let errors: Vec<&String> = lines.iter().filter(|l| l.contains("ERROR")).collect();
    assert!(
        errors.iter().any(|l| l.contains(&request_id)),
        "no ERROR line names {request_id}: {errors:#?}"
    );
    assert_eq!(
        errors.len(),
        1,
        "only the fault is an error, not the client mistakes: {errors:#?}"
    );
    assert!(
        lines.iter().all(|l| !l.contains('\u{1b}')),
        "no ANSI codes in captured logs"
    );
}
