//! Feeds out, over HTTP on SQLite and PostgreSQL: `/feeds/indeed.xml` and `/feeds/jobs.jsonld`
//! list exactly the open jobs, read back through jobdraft's own parsers to the stored fields
//! (also text with `]]>` in it), answer 304 to their `ETag` and `Last-Modified`, change when
//! the listing changes — and a second account syncing the exported feed gets the same fields.

mod common;
mod feeds_support;
mod lifecycle_support;

use common::{Db, TestServer};
use jobdraft::store::lifecycle::find_any;
use jobdraft_parsers::{parser_for, Format, Input, JobFields, Limits, ParseOutcome};
use lifecycle_support::{close, get_public, live_job, DASHCAM};
use serde_json::{json, Value};

fn start(db: Db) -> Option<TestServer> {
    if db == Db::Postgres && common::postgres_url().is_none() {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return None;
    }
    Some(TestServer::start_with(db, |c| c.feed_allow_private = true))
}

fn stored_fields(srv: &TestServer, id: &str) -> JobFields {
    let mut conn = srv.store.conn().expect("conn");
    find_any(&mut conn, id).expect("job").fields
}

fn indeed_jobs(xml: &str) -> Vec<ParseOutcome> {
    let mut jobs = Vec::new();
    parser_for(Format::IndeedXml)
        .parse_each(Input::Text(xml), &Limits::default(), &mut |j| {
            jobs.push(j.expect("every exported job parses"))
        })
        .expect("the feed parses");
    jobs
}

fn by_reference(jobs: &[ParseOutcome], id: &str) -> JobFields {
    jobs.iter()
        .find(|j| j.external_id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("job {id} is not in the feed"))
        .fields
        .clone()
}

fn export_round_trip(db: Db) {
    let Some(srv) = start(db) else { return };
    let token = srv.token("board", "jobs:write");
    let first = live_job(
        &srv,
        &token,
        DASHCAM,
        json!({"jobTitle": "Dashcam boxes ]]> & <lanes>"}),
    );
    let tricky = "We need 3 annotators to label code like a[b[0]]> c and <script>x</script> in 2,000 files. Pay is $25/hour.";
    let second = live_job(&srv, &token, tricky, json!({}));
    let draft_only = srv.create_text(&token, DASHCAM)["jobId"]
        .as_str()
        .expect("id")
        .to_string();

    // Indeed XML: exactly the open jobs, with the stored fields.
    let res = get_public(&srv, "/feeds/indeed.xml");
    assert_eq!(res.status, 200, "{}", res.text());
    assert!(res
        .header("Content-Type")
        .is_some_and(|t| t.starts_with("application/xml")));
    let (etag, modified) = (
        res.header("ETag").expect("ETag").to_string(),
        res.header("Last-Modified")
            .expect("Last-Modified")
            .to_string(),
    );
    let jobs = indeed_jobs(&res.text());
    assert_eq!(jobs.len(), 2);
    assert!(!res.text().contains(&draft_only));
    for id in [&first, &second] {
        assert_eq!(
            by_reference(&jobs, id),
            stored_fields(&srv, id),
            "job {id} through indeed.xml"
        );
    }

    // JSON-LD: the same jobs as schema.org JobPostings.
    let res = get_public(&srv, "/feeds/jobs.jsonld");
    assert_eq!(res.status, 200, "{}", res.text());
    let postings: Value = res.json();
    let postings = postings.as_array().expect("a JSON-LD array");
    assert_eq!(postings.len(), 2);
    for id in [&first, &second] {
        let posting = postings
            .iter()
            .find(|p| p["identifier"]["value"] == json!(id))
            .expect("posting");
        let back = parser_for(Format::SchemaOrg)
            .parse(Input::Json(posting), &Limits::default())
            .expect("parses");
        assert_eq!(
            back.fields,
            stored_fields(&srv, id),
            "job {id} through jobs.jsonld"
        );
    }

    // 304 on either validator; a change to the listing changes both.
    let again = srv.request("GET", "/feeds/indeed.xml", &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let again = srv.request(
        "GET",
        "/feeds/indeed.xml",
        &[("If-Modified-Since", &modified)],
        b"",
    );
    assert_eq!(again.status, 304);
    let jsonld_tag = get_public(&srv, "/feeds/jobs.jsonld")
        .header("ETag")
        .expect("ETag")
        .to_string();
    assert_ne!(jsonld_tag, etag, "the two feeds have their own validators");
    assert_eq!(close(&srv, &token, &second).status, 200);
    let changed = srv.request("GET", "/feeds/indeed.xml", &[("If-None-Match", &etag)], b"");
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("ETag"), Some(etag.as_str()));
    assert_eq!(indeed_jobs(&changed.text()).len(), 1);

    // Another account syncs this server's feed: the same fields come back as its drafts.
    let mirror = srv.token("mirror", "jobs:write");
    let url = format!("http://{}/feeds/indeed.xml", srv.addr);
    let res = srv.post_json(
        "/api/public/v1/feeds",
        &mirror,
        &json!({"url": url, "intervalMinutes": 0}),
    );
    assert_eq!(res.status, 201, "{}", res.text());
    let feed_id = res.json()["feed"]["id"].as_str().expect("id").to_string();
    let res = srv.post_json(
        &format!("/api/public/v1/feeds/{feed_id}/runs"),
        &mirror,
        &json!({}),
    );
    assert_eq!(res.status, 200, "{}", res.text());
    let run = res.json()["run"].clone();
    assert_eq!(
        (run["created"].as_i64(), run["failed"].as_i64()),
        (Some(1), Some(0)),
        "{run}"
    );
    let mine = srv.get("/api/public/v1/jobs/mine", &mirror).json();
    let copy = mine["jobs"][0]["id"]
        .as_str()
        .expect("the mirrored draft")
        .to_string();
    assert_eq!(stored_fields(&srv, &copy), stored_fields(&srv, &first));
}

#[test]
fn export_round_trip_sqlite() {
    export_round_trip(Db::Sqlite);
}

#[test]
fn export_round_trip_postgres() {
    export_round_trip(Db::Postgres);
}

fn empty_board(db: Db) {
    let Some(srv) = start(db) else { return };
    let res = get_public(&srv, "/feeds/indeed.xml");
    assert_eq!(res.status, 200);
    assert!(res.text().contains("<source>") && res.text().contains("</source>"));
    assert!(res.header("Last-Modified").is_none());
    let tag = res.header("ETag").expect("ETag").to_string();
    assert_eq!(
        srv.request("GET", "/feeds/indeed.xml", &[("If-None-Match", &tag)], b"")
            .status,
        304
    );
    let res = get_public(&srv, "/feeds/jobs.jsonld");
    assert_eq!(res.json(), json!([]));
}

#[test]
fn empty_board_sqlite() {
    empty_board(Db::Sqlite);
}

#[test]
fn empty_board_postgres() {
    empty_board(Db::Postgres);
}
