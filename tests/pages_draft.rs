//! The draft page behind `reviewUrl` over HTTP, on SQLite and PostgreSQL: the missing fields as
//! form controls, Save as the API's all-or-nothing PATCH with errors next to their fields,
//! Publish with the API's rules, CSRF, the headers of a capability page, a wrong or missing token
//! that reveals nothing, and `<script>` in every field never coming back unescaped.

mod common;
mod pages_support;

use pages_support::*;
use serde_json::{json, Value};

fn draft_report(srv: &common::TestServer, token: &str, text: &str) -> Value {
    srv.create_text(token, text)
}

fn get_report(srv: &common::TestServer, token: &str, id: &str) -> Value {
    let res = srv.get(&format!("{DRAFTS}/{id}"), token);
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

both_databases!(
    the_page_asks_each_missing_field_as_a_control,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let report = draft_report(srv, &token, "Label street images with bounding boxes.");
        let page = open_draft_page(srv, &review_path(&report));
        let missing = report["missingFields"].as_array().expect("missing");
        assert!(!missing.is_empty(), "{report}");
        for m in missing {
            for key in m["updateKeys"].as_array().expect("keys") {
                let key = key.as_str().expect("key");
                assert!(
                    page.html.contains(&format!("name=\"f.{key}\"")),
                    "no control for {key}"
                );
            }
            let prompt = m["prompt"].as_str().expect("prompt");
            assert!(page.html.contains(&escape(prompt)), "no prompt {prompt}");
        }
        // Enum entries are selects with display labels; the example is the placeholder.
        let level = missing
            .iter()
            .find(|m| m["field"] == "experienceLevel")
            .expect("experienceLevel missing");
        assert_eq!(level["type"], "enum");
        assert!(page.html.contains("<select id=\"in-experienceLevel\""));
        assert!(
            page.html.contains(">Entry level</option>"),
            "display labels"
        );
        let headcount = missing
            .iter()
            .find(|m| m["field"] == "headcount")
            .expect("headcount");
        let example = headcount["example"]["headcount"].to_string();
        assert!(page.html.contains(&format!("placeholder=\"{example}\"")));
        // Evidence quotes are marked in the source text; each flag links to a mark that exists.
        for e in report["evidence"].as_array().expect("evidence") {
            if let Some(quote) = e["quote"].as_str() {
                assert!(
                    page.html.contains(&format!("\">{}</mark>", escape(quote)))
                        || page.html.contains(&escape(quote)),
                    "quote {quote}"
                );
            }
        }
        assert!(page.html.contains("<mark "), "marked quotes");
        let low = report["lowConfidenceFields"].as_array().expect("low");
        assert!(!low.is_empty(), "{report}");
        let links: Vec<&str> = page.html.split("href=\"#ev-").skip(1).collect();
        assert!(
            !links.is_empty(),
            "a low-confidence value links to its quote"
        );
        for link in links {
            let n = &link[..link.find('"').expect("end")];
            assert!(
                page.html.contains(&format!("id=\"ev-{n}\"")),
                "anchor ev-{n}"
            );
        }
        // Capability page headers.
        let h = |n: &str| page.res.header(n).unwrap_or_default().to_string();
        assert_eq!(h("Referrer-Policy"), "no-referrer");
        assert!(h("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assert!(h("Content-Security-Policy").contains("default-src 'none'"));
        assert_eq!(h("X-Frame-Options"), "DENY");
        assert!(h("Cache-Control").contains("no-store"));
        assert!(h("Content-Type").starts_with("text/html"));
        assert!(page.html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
        // The publish button appears only once the draft is ready.
        assert!(!page.html.contains("value=\"publish\""));
    }
);

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

both_databases!(
    save_is_all_or_nothing_with_errors_next_to_fields,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let report = draft_report(srv, &token, "Label street images with bounding boxes.");
        let id = report["jobId"].as_str().expect("id").to_string();
        let page = open_draft_page(srv, &review_path(&report));
        let before = get_report(srv, &token, &id);
        let bad = post_draft_form(
            srv,
            &page,
            "save",
            &[
                ("f.headcount", "many"),
                ("f.experienceLevel", "ENTRY_LEVEL"),
            ],
        );
        assert_eq!(bad.status, 400, "{}", bad.text());
        let html = bad.text();
        assert!(html.contains("id=\"err-headcount\""), "{html}");
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(html.contains("Nothing was saved"));
        // The answers typed are shown again.
        assert!(html.contains("value=\"many\""));
        let after = get_report(srv, &token, &id);
        assert_eq!(
            before["normalizedFields"], after["normalizedFields"],
            "nothing changed"
        );

        let page = open_draft_page(srv, &review_path(&report));
        let good = post_draft_form(
            srv,
            &page,
            "save",
            &[("f.headcount", "12"), ("f.experienceLevel", "ENTRY_LEVEL")],
        );
        assert_eq!(good.status, 303, "{}", good.text());
        let location = good.header("Location").expect("Location");
        assert!(location.contains("done=saved"));
        let saved = get_report(srv, &token, &id);
        assert_eq!(saved["normalizedFields"]["headcount"], json!(12));
        assert_eq!(saved["normalizedFields"]["experienceLevel"], "ENTRY_LEVEL");
        let again = srv.request("GET", location, &[], b"");
        assert!(again.text().contains("Saved."));
    }
);

both_databases!(
    a_form_without_its_csrf_token_changes_nothing,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let report = draft_report(srv, &token, "Label street images with bounding boxes.");
        let id = report["jobId"].as_str().expect("id").to_string();
        let page = open_draft_page(srv, &review_path(&report));
        let pairs: Vec<(String, String)> = vec![
            ("jobId".into(), id.clone()),
            (
                "token".into(),
                input_value(&page.html, "token").expect("token"),
            ),
            ("csrf".into(), page.csrf.clone()),
            ("action".into(), "save".into()),
            ("f.headcount".into(), "7".into()),
        ];
        let forged = post_form_raw(srv, "jd_draft_csrf=somethingelse", &pairs);
        assert_eq!(forged.status, 403);
        assert!(forged
            .header("Content-Type")
            .is_some_and(|c| c.starts_with("text/html")));
        let no_cookie = post_form_raw(srv, "", &pairs);
        assert_eq!(no_cookie.status, 403);
        assert!(get_report(srv, &token, &id)["normalizedFields"]
            .get("headcount")
            .is_none());
    }
);

both_databases!(
    a_wrong_or_missing_token_reveals_nothing,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let report = draft_report(
            srv,
            &token,
            "Secret Project Nightjar\n\nLabel 500 images for Nightjar Corp.",
        );
        let id = report["jobId"].as_str().expect("id");
        let review = review_path(&report);
        let wrong_token = review.replace("token=", "token=x");
        let other_id = review.replace(id, "0000000000000000");
        let unknown_both = format!("/job-post?jobId=nope&token={}", "a".repeat(40));
        let mut bodies = Vec::new();
        for path in [&wrong_token, &other_id, &unknown_both] {
            let res = srv.request("GET", path, &[], b"");
            assert_eq!(res.status, 404, "{path}");
            assert_eq!(res.header("Referrer-Policy"), Some("no-referrer"));
            let html = res.text();
            assert!(!html.contains("Nightjar") && !html.contains(id), "{html}");
            bodies.push(html);
        }
        assert!(
            bodies.windows(2).all(|w| w[0] == w[1]),
            "same page for every wrong link"
        );
        // The bare draftUrl offers a way in, and names nothing of the draft either.
        let draft_url = report["draftUrl"].as_str().expect("draftUrl");
        let bare = &draft_url[draft_url.find("/job-post").expect("path")..];
        let way_in = srv.request("GET", bare, &[], b"");
        assert_eq!(way_in.status, 200);
        let html = way_in.text();
        assert!(
            html.contains("name=\"token\"") && !html.contains("Nightjar"),
            "{html}"
        );
        // Pasting the whole link into the way-in box opens the draft.
        let full = report["reviewUrl"].as_str().expect("reviewUrl");
        let pasted = srv.request(
            "GET",
            &format!("/job-post?jobId={id}&token={}", encode(full)),
            &[],
            b"",
        );
        assert_eq!(pasted.status, 200);
        assert!(pasted.text().contains("Nightjar"));
        // A POST with a wrong token changes nothing and says nothing.
        let page = open_draft_page(srv, &review);
        let pairs: Vec<(String, String)> = vec![
            ("jobId".into(), id.to_string()),
            ("token".into(), "wrong".into()),
            ("csrf".into(), page.csrf.clone()),
            ("action".into(), "publish".into()),
        ];
        let res = post_form_raw(srv, &format!("jd_draft_csrf={}", page.cookie), &pairs);
        assert_eq!(res.status, 404);
        assert!(!res.text().contains("Nightjar"));
    }
);

both_databases!(
    publish_runs_the_api_rules_and_shows_their_messages,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let report = draft_report(srv, &token, READY_TEXT);
        let report = fill_with_examples(srv, &token, report);
        assert_eq!(
            report["validation"]["publishReady"],
            json!(true),
            "{report}"
        );
        let page = open_draft_page(srv, &review_path(&report));
        assert!(page.html.contains("value=\"publish\""));
        let done = post_draft_form(srv, &page, "publish", &[]);
        assert_eq!(done.status, 303, "{}", done.text());
        let back = srv.request("GET", done.header("Location").expect("Location"), &[], b"");
        let html = back.text();
        assert!(html.contains("Published."), "{html}");
        let id = report["jobId"].as_str().expect("id");
        assert!(html.contains(&format!("href=\"/jobs/{id}/")));
        // The API sees the same job, and jobUrl points at its page.
        let again = publish(srv, &token, id);
        assert_eq!(again["alreadyPublished"], json!(true));
        let job_url = again["jobUrl"].as_str().expect("jobUrl");
        assert!(path_of(job_url).starts_with(&format!("/jobs/{id}/audio-transcription")));
        assert_eq!(srv.request("GET", &path_of(job_url), &[], b"").status, 200);
    }
);

both_databases!(
    moderation_blocks_on_the_page_as_in_the_api,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let text = format!("{READY_TEXT}\n\nSend a $50 registration fee to start.");
        let report = fill_with_examples(srv, &token, draft_report(srv, &token, &text));
        assert_eq!(
            report["validation"]["publishReady"],
            json!(true),
            "{report}"
        );
        let id = report["jobId"].as_str().expect("id").to_string();
        let api = srv.post_json(
            &format!("/api/public/v1/jobs/{id}/publish"),
            &token,
            &json!({}),
        );
        let page = open_draft_page(srv, &review_path(&report));
        let res = post_draft_form(srv, &page, "publish", &[]);
        assert_eq!(res.status, api.status, "{}", res.text());
        if api.status == 403 {
            let message = api.json()["error"].as_str().expect("error").to_string();
            assert!(res.text().contains(&escape(&message)), "{}", res.text());
        }
        assert_eq!(get_report(srv, &token, &id)["status"], "DRAFT");
    }
);

both_databases!(
    script_in_every_field_never_comes_back_unescaped,
    |srv: &common::TestServer| {
        let token = srv.token("acme", "jobs:write");
        let evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
        let report = draft_report(srv, &token, &format!("{evil}\n\n{READY_TEXT}\n{evil}"));
        let id = report["jobId"].as_str().expect("id").to_string();
        let capabilities = srv
            .get("/api/public/v1/job-drafts/capabilities", &token)
            .json();
        let keys: Vec<String> = capabilities["draft"]["updateKeys"]
            .as_array()
            .expect("updateKeys")
            .iter()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect();
        // Every string-like key that takes free text gets the payload (one PATCH per key, so a
        // key that refuses it does not hold back the others).
        let mut stored = 0;
        for key in &keys {
            for value in [json!(evil), json!([evil])] {
                let res = srv.patch_json(&format!("{DRAFTS}/{id}"), &token, &json!({ key: value }));
                if res.status == 200 {
                    stored += 1;
                }
            }
        }
        assert!(stored >= 8, "only {stored} keys took the payload");
        // The form too: every control of the page gets the payload.
        let page = open_draft_page(srv, &review_path(&report));
        let fields: Vec<(String, String)> = keys
            .iter()
            .map(|k| (format!("f.{k}"), evil.to_string()))
            .collect();
        let borrowed: Vec<(&str, &str)> = fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let refused = post_draft_form(srv, &page, "save", &borrowed);
        let mut pages = vec![page.html.clone(), refused.text()];
        let ready = fill_with_examples(srv, &token, get_report(srv, &token, &id));
        assert_eq!(ready["validation"]["publishReady"], json!(true), "{ready}");
        {
            let published = publish(srv, &token, &id);
            let job = srv.request(
                "GET",
                &path_of(published["jobUrl"].as_str().expect("jobUrl")),
                &[],
                b"",
            );
            assert_eq!(job.status, 200);
            for ld in json_ld(&job.text()) {
                assert!(
                    ld.to_string().contains("alert"),
                    "the payload is data in the JSON-LD"
                );
            }
            pages.push(job.text());
            pages.push(srv.request("GET", "/?q=alert", &[], b"").text());
        }
        for html in &pages {
            assert!(!html.contains("<script>alert"), "unescaped script");
            assert!(!html.contains("<img src=x"), "unescaped tag");
            assert!(!html.contains("onerror=alert(2)>"), "unescaped attribute");
            // The only script elements are JSON-LD data blocks.
            assert_eq!(
                html.matches("<script").count(),
                html.matches("<script type=\"application/ld+json\">")
                    .count()
            );
        }
    }
);
