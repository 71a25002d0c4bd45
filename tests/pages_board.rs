//! The public board over HTTP, on SQLite and PostgreSQL: `/` with search, filters, facet counts
//! and pages; a job's page with its JSON-LD; 410 for a closed job, 404 for a draft; the sitemap,
//! robots.txt and the stylesheet.

mod common;
mod pages_support;

use pages_support::*;
use serde_json::json;

/// Publishes a ready draft made from `text` (missing fields filled with their examples).
fn published(srv: &common::TestServer, token: &str, text: &str) -> (String, String) {
    let report = fill_with_examples(srv, token, srv.create_text(token, text));
    assert_eq!(
        report["validation"]["publishReady"],
        json!(true),
        "{report}"
    );
    let id = report["jobId"].as_str().expect("id").to_string();
    let answer = publish(srv, token, &id);
    (id, path_of(answer["jobUrl"].as_str().expect("jobUrl")))
}

fn no_quota(c: &mut jobdraft::config::Config) {
    c.publish_quota = 0;
    c.publish_quota_unclaimed = 0;
    c.public_rate_per_minute = 0;
}

fn start(db: common::Db) -> common::TestServer {
    common::TestServer::start_with(db, no_quota)
}

macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                ($body)(&start(common::Db::Sqlite));
            }
            #[test]
            fn postgres() {
                if common::postgres_url().is_none() {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                }
                ($body)(&start(common::Db::Postgres));
            }
        }
    };
}

both!(
    the_board_searches_filters_counts_and_pages,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let empty = srv.request("GET", "/", &[], b"");
        assert_eq!(empty.status, 200);
        assert!(empty.text().contains("0 open jobs"));
        let mut ids = Vec::new();
        for i in 0..23 {
            let text = if i % 2 == 0 {
                format!("Audio Transcription Batch {i}\n\nTranscribe 20 hours of Spanish podcast audio. Pay: $20/hr. We need 3 people. Entry level.")
            } else {
                format!("Image Labeling Batch {i}\n\nDraw bounding boxes on 5000 street images. Pay: $18/hr. We need 4 people. Entry level.")
            };
            ids.push(published(srv, &token, &text));
        }
        let board = srv.request("GET", "/", &[], b"");
        let html = board.text();
        assert_eq!(board.status, 200);
        assert!(html.contains("23 open jobs"), "{html}");
        assert_eq!(
            html.matches("<li><h2><a href=\"/jobs/").count(),
            20,
            "a page of 20"
        );
        assert!(board
            .header("Cache-Control")
            .is_some_and(|c| c.contains("public")));
        assert!(board
            .header("Content-Security-Policy")
            .is_some_and(|c| c.contains("frame-ancestors 'none'")));
        // The next page holds the other three.
        let next = html
            .split("rel=\"next\" href=\"")
            .nth(1)
            .expect("next link");
        let next = unescape(&next[..next.find('"').expect("end")]);
        let page2 = srv.request("GET", &next, &[], b"").text();
        assert_eq!(page2.matches("<li><h2><a href=\"/jobs/").count(), 3);
        assert!(!page2.contains("rel=\"next\""));
        // Search finds by words; facets count by filter.
        let found = srv.request("GET", "/?q=podcast", &[], b"").text();
        assert_eq!(found.matches("<li><h2><a href=\"/jobs/").count(), 12);
        assert!(found.contains("Audio Transcription Batch 0"));
        assert!(!found.contains("Image Labeling Batch 1<"));
        let facets = srv
            .request("GET", "/api/public/v1/jobs/facets", &[], b"")
            .json();
        let category = facets["categories"][0].clone();
        let (value, count) = (
            category["value"].as_str().expect("value"),
            category["count"].as_i64().expect("count"),
        );
        assert!(html.contains(&format!("value=\"{value}\"")), "facet option");
        assert!(
            html.contains(&format!(" ({count})</option>")),
            "facet count"
        );
        let filtered = srv
            .request("GET", &format!("/?category={value}"), &[], b"")
            .text();
        assert_eq!(
            filtered.matches("<li><h2><a href=\"/jobs/").count() as i64,
            count.min(20)
        );
        // A filter value the search does not know: the board with the reason, not a 500.
        let bad = srv.request("GET", "/?category=NOPE&cursor=%%%", &[], b"");
        assert_eq!(bad.status, 400);
        assert!(bad
            .header("Content-Type")
            .is_some_and(|c| c.starts_with("text/html")));
        assert!(bad.text().contains("role=\"alert\""));
    }
);

both!(
    a_job_page_carries_its_json_ld_and_a_closed_job_is_gone,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let (id, path) = published(srv, &token, READY_TEXT);
        let page = srv.request("GET", &path, &[], b"");
        assert_eq!(page.status, 200, "{}", page.text());
        let html = page.text();
        let blocks = json_ld(&html);
        assert_eq!(blocks.len(), 1);
        let ld = &blocks[0];
        assert_eq!(ld["@type"], "JobPosting");
        assert_eq!(ld["title"], "Audio Transcription Specialist");
        assert_eq!(ld["identifier"]["value"], json!(id));
        assert!(ld["url"].as_str().is_some_and(|u| u.ends_with(&path)));
        let check = jobdraft::domain::job_posting::check_google(ld);
        assert!(check.missing_required.is_empty(), "{check:?}");
        assert!(html.contains(&format!(
            "<link rel=\"canonical\" href=\"{}",
            ld["url"].as_str().expect("url")
        )));
        assert_eq!(
            page.header("Referrer-Policy"),
            Some("strict-origin-when-cross-origin")
        );
        // Another slug or the bare id lead to the page.
        for other in [format!("/jobs/{id}/wrong-words"), format!("/jobs/{id}")] {
            let res = srv.request("GET", &other, &[], b"");
            assert_eq!(res.status, 301, "{other}");
            assert_eq!(res.header("Location"), Some(path.as_str()));
        }
        // The API's public object links to the page too.
        let object = srv
            .request("GET", &format!("/api/public/v1/jobs/{id}"), &[], b"")
            .json();
        assert!(object["url"].as_str().is_some_and(|u| u.ends_with(&path)));
        // Sitemap and robots.
        let sitemap = srv.request("GET", "/sitemap.xml", &[], b"");
        assert_eq!(sitemap.status, 200);
        assert!(sitemap
            .header("Content-Type")
            .is_some_and(|c| c.starts_with("application/xml")));
        assert!(sitemap.text().contains(&format!("{path}</loc>")));
        let robots = srv.request("GET", "/robots.txt", &[], b"").text();
        assert!(robots.contains("Disallow: /job-post") && robots.contains("Sitemap: http"));
        // A draft has no page; an unknown id neither.
        let draft = srv.create_text(&token, "Label cats.");
        let draft_id = draft["jobId"].as_str().expect("id");
        for missing in [
            format!("/jobs/{draft_id}/label-cats"),
            "/jobs/nope/x".to_string(),
        ] {
            let res = srv.request("GET", &missing, &[], b"");
            assert_eq!(res.status, 404, "{missing}");
            assert!(res
                .header("Content-Type")
                .is_some_and(|c| c.starts_with("text/html")));
            assert!(!res.text().contains("Label cats"));
        }
        // Closed: 410, a page that says so, and gone from the board and the sitemap.
        let closed = srv.post_json(
            &format!("/api/public/v1/jobs/{id}/close"),
            &token,
            &json!({}),
        );
        assert_eq!(closed.status, 200);
        let gone = srv.request("GET", &path, &[], b"");
        assert_eq!(gone.status, 410);
        assert!(gone.text().contains("closed"), "{}", gone.text());
        assert!(!srv.request("GET", "/", &[], b"").text().contains(&path));
        assert!(!srv
            .request("GET", "/sitemap.xml", &[], b"")
            .text()
            .contains(&path));
    }
);

both!(
    the_stylesheet_is_served_and_an_operator_file_replaces_it,
    |srv: &common::TestServer| {
        let css = srv.request("GET", "/style.css", &[], b"");
        assert_eq!(css.status, 200);
        assert!(css
            .header("Content-Type")
            .is_some_and(|c| c.starts_with("text/css")));
        assert!(css.text().contains("--accent"));
        let dir = std::env::temp_dir().join(common::unique("jobdraft_css"));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("site.css");
        std::fs::write(&file, "body { color: rebeccapurple }").expect("css");
        let themed = common::TestServer::start_with(srv.db, |c| c.pages_css = Some(file.clone()));
        assert_eq!(
            themed.request("GET", "/style.css", &[], b"").text(),
            "body { color: rebeccapurple }"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
);

both!(
    no_page_answers_500_for_odd_requests,
    |srv: &common::TestServer| {
        let long = "x".repeat(5000);
        for path in [
            "/?q=%E2%80%8B&cursor=abc".to_string(),
            format!("/?q={long}"),
            "/?language=Klingon".to_string(),
            format!("/jobs/{long}/y"),
            "/jobs/%F0%9F%98%80/%20".to_string(),
            format!("/job-post?jobId={long}&token={long}"),
            "/job-post?token=%3F%3F%3F".to_string(),
            "/job-post?jobId=&token=".to_string(),
        ] {
            let res = srv.request("GET", &path, &[], b"");
            assert!(res.status < 500, "{path}: {}", res.status);
        }
        for body in [
            "",
            "%%%",
            "csrf=&jobId=&token=",
            "action=publish&action=save",
        ] {
            let res = srv.request(
                "POST",
                "/job-post",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                body.as_bytes(),
            );
            assert!(res.status < 500, "{body}: {}", res.status);
        }
    }
);
