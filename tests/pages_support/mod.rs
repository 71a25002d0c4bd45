//! What the page tests share: opening a page as a browser would (cookies, forms), reading the
//! hidden fields and JSON-LD out of the HTML, and publishing drafts through the API.
#![allow(dead_code)]

pub mod webdriver;

use serde_json::{json, Value};

use crate::common::{Response, TestServer};

pub const DRAFTS: &str = "/api/public/v1/job-drafts";

/// `/job-post?…` of a report's `reviewUrl`.
pub fn review_path(report: &Value) -> String {
    let url = report["reviewUrl"].as_str().expect("reviewUrl");
    url[url.find("/job-post").expect("path")..].to_string()
}

/// Percent-encodes a form value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The value of the cookie `name` that a response sets.
pub fn set_cookie(res: &Response, name: &str) -> Option<String> {
    res.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, v)| v.split(';').next())
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The `value` of the input named `name` in `html` (attributes as maud writes them).
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let at = html.find(&marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let v = tag.find("value=\"")? + 7;
    let end = tag[v..].find('"')?;
    Some(unescape(&tag[v..v + end]))
}

/// Undoes maud's escaping.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A draft page opened in a "browser": its HTML and the CSRF pair (cookie, field).
pub struct OpenedPage {
    pub res: Response,
    pub html: String,
    pub cookie: String,
    pub csrf: String,
}

/// GETs a draft page and keeps what the next POST needs.
pub fn open_draft_page(srv: &TestServer, path: &str) -> OpenedPage {
    let res = srv.request("GET", path, &[], b"");
    assert_eq!(res.status, 200, "{}", res.text());
    let html = res.text();
    let cookie = set_cookie(&res, "jd_draft_csrf").expect("CSRF cookie");
    let csrf = input_value(&html, "csrf").expect("csrf field");
    OpenedPage {
        res,
        html,
        cookie,
        csrf,
    }
}

/// POSTs the draft page's form: the hidden fields of `page` plus `fields`.
pub fn post_draft_form(
    srv: &TestServer,
    page: &OpenedPage,
    action: &str,
    fields: &[(&str, &str)],
) -> Response {
    let mut pairs: Vec<(String, String)> = ["jobId", "token", "csrf", "etag"]
        .iter()
        .filter_map(|n| input_value(&page.html, n).map(|v| (n.to_string(), v)))
        .collect();
    pairs.push(("action".into(), action.into()));
    for (k, v) in fields {
        pairs.push((k.to_string(), v.to_string()));
    }
    post_form_raw(srv, &format!("jd_draft_csrf={}", page.cookie), &pairs)
}

pub fn post_form_raw(srv: &TestServer, cookie: &str, pairs: &[(String, String)]) -> Response {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    srv.request(
        "POST",
        "/job-post",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie),
        ],
        body.join("&").as_bytes(),
    )
}

/// Every `<script type="application/ld+json">` block of a page, parsed.
pub fn json_ld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let start = i + open.len();
        let Some(len) = rest[start..].find("</script>") else {
            break;
        };
        out.push(serde_json::from_str(&rest[start..start + len]).expect("JSON-LD parses"));
        rest = &rest[start + len..];
    }
    out
}

/// Fills every missing field of a draft with its entry's own example (over the API), until it
/// is publish-ready or no entry is left to try. Returns the last report.
pub fn fill_with_examples(srv: &TestServer, token: &str, report: Value) -> Value {
    let id = report["jobId"].as_str().expect("jobId").to_string();
    let mut report = report;
    for _ in 0..4 {
        if report["validation"]["publishReady"] == json!(true) {
            break;
        }
        let mut body = serde_json::Map::new();
        for m in report["missingFields"].as_array().into_iter().flatten() {
            if let Some(example) = m["example"].as_object() {
                for (k, v) in example {
                    body.insert(k.clone(), v.clone());
                }
            }
        }
        // Present values that block publishing: cleared (a dated example may lie in the past).
        for issue in report["validation"]["issues"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for k in issue["updateKeys"].as_array().into_iter().flatten() {
                if let Some(k) = k.as_str() {
                    body.entry(k.to_string()).or_insert(Value::Null);
                }
            }
        }
        if body.is_empty() {
            break;
        }
        let res = srv.patch_json(&format!("{DRAFTS}/{id}"), token, &Value::Object(body));
        assert_eq!(res.status, 200, "{}", res.text());
        report = res.json();
    }
    report
}

/// Publishes a draft over the API; returns the answer (status 200 expected).
pub fn publish(srv: &TestServer, token: &str, id: &str) -> Value {
    let res = srv.post_json(
        &format!("/api/public/v1/jobs/{id}/publish"),
        token,
        &json!({}),
    );
    assert_eq!(res.status, 200, "{}", res.text());
    res.json()
}

/// The path part of an absolute URL on the test server.
pub fn path_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or_else(|| "/".to_string(), |i| url[after_scheme + i..].to_string())
}

/// A description an ai-training draft is publish-ready from, except what the test leaves out.
pub const READY_TEXT: &str = "Audio Transcription Specialist\n\nWe are hiring 5 transcribers to \
    transcribe 200 hours of English podcast audio. Pay: $22/hr. Entry level welcome. Fully remote.";
