//! The pages in a real browser: headless Chromium from the distribution's packages, driven over
//! WebDriver (chromedriver on loopback), on SQLite and PostgreSQL. A person opens a fresh draft's
//! reviewUrl, sees an inline error for a bad answer, fills every missing field through the form,
//! publishes, finds the job on `/` by searching, opens its page, and the JSON-LD there imports
//! back through jobdraft's own schema.org parser with the same fields.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian: `apt-get install chromium
//! chromium-driver`; `.ci/run` installs them). Without them the test says so loudly and passes
//! locally, but fails when `CI` is set. `JOBDRAFT_SCREENSHOTS=docs` saves the draft page and the
//! job page as PNG files there (the README's pictures).

mod common;
mod pages_support;

use jobdraft_parsers::{parser_for, Format, Input, Limits};
use pages_support::webdriver::{binary, Browser};
use pages_support::*;
use serde_json::{json, Value};

/// Answers every missing field of the draft through the browser's form, with each entry's example.
fn answer_missing(browser: &Browser, report: &Value) {
    for m in report["missingFields"].as_array().into_iter().flatten() {
        let Some(example) = m["example"].as_object() else {
            continue;
        };
        for (key, value) in example {
            let name = format!("f.{key}");
            match value {
                Value::Array(items) => {
                    for item in items {
                        let text = item
                            .as_str()
                            .map_or_else(|| item.to_string(), str::to_string);
                        let checkbox = format!("input[name=\"{name}\"][value=\"{text}\"]");
                        if browser.count(&checkbox) > 0 {
                            browser.click(&checkbox);
                        } else {
                            let joined: Vec<String> = items
                                .iter()
                                .map(|i| i.as_str().unwrap_or_default().to_string())
                                .collect();
                            browser.type_into(&format!("[name=\"{name}\"]"), &joined.join(", "));
                            break;
                        }
                    }
                }
                other => {
                    let text = other
                        .as_str()
                        .map_or_else(|| other.to_string(), str::to_string);
                    let option = format!("select[name=\"{name}\"] option[value=\"{text}\"]");
                    if browser.count(&option) > 0 {
                        browser.click(&option);
                    } else {
                        browser.type_into(&format!("[name=\"{name}\"]"), &text);
                    }
                }
            }
        }
    }
}

fn report_of(srv: &common::TestServer, token: &str, id: &str) -> Value {
    srv.get(&format!("{DRAFTS}/{id}"), token).json()
}

fn journey(srv: &common::TestServer, browser: &Browser) {
    let base = format!("http://{}", srv.addr);
    let token = srv.token("browser", "jobs:write");
    let report = srv.create_text(
        &token,
        "Street Scene Annotators\n\nDraw bounding boxes around cars, cyclists and pedestrians in \
         10,000 dashcam images of city streets. Work fully remote from the United States.",
    );
    let id = report["jobId"].as_str().expect("id").to_string();
    assert!(
        report["missingFields"]
            .as_array()
            .is_some_and(|m| m.len() >= 2),
        "{report}"
    );
    browser.go(&format!("{base}{}", review_path(&report)));
    assert!(browser.source().contains("Street Scene Annotators"));

    // A bad answer: an inline error next to its field, and nothing saved.
    assert!(
        browser.count("[name=\"f.headcount\"]") == 1,
        "a headcount control"
    );
    browser.type_into("[name=\"f.headcount\"]", "lots of people");
    browser.submit("button[value=\"save\"]");
    let error = browser.text("#err-headcount");
    assert!(!error.is_empty(), "inline error for headcount");
    assert!(report_of(srv, &token, &id)["normalizedFields"]
        .get("headcount")
        .is_none());
    browser.screenshot("draft-page");

    // Every missing field, through the form, until the draft is ready.
    for _ in 0..4 {
        let current = report_of(srv, &token, &id);
        if current["validation"]["publishReady"] == json!(true) {
            break;
        }
        answer_missing(browser, &current);
        browser.submit("button[value=\"save\"]");
        assert!(
            browser.url().contains("done=saved"),
            "saved: {}",
            browser.source()
        );
    }
    let ready = report_of(srv, &token, &id);
    assert_eq!(ready["validation"]["publishReady"], json!(true), "{ready}");

    browser.submit("button[value=\"publish\"]");
    assert!(
        browser.url().contains("done=published"),
        "{}",
        browser.url()
    );
    assert!(browser.source().contains("Published."));

    // Found on the board by searching.
    browser.go(&format!("{base}/"));
    browser.type_into("#q", "dashcam annotators");
    browser.submit("form.search button[type=\"submit\"]");
    assert!(browser.url().contains("q=dashcam"), "{}", browser.url());
    browser.submit(&format!("ol.jobs a[href^=\"/jobs/{id}/\"]"));
    assert!(browser
        .url()
        .contains(&format!("/jobs/{id}/street-scene-annotators")));
    browser.screenshot("job-page");

    // The JSON-LD of the page, imported back.
    let source = browser.source();
    let blocks = json_ld(&source);
    assert_eq!(blocks.len(), 1, "{source}");
    let check = jobdraft::domain::job_posting::check_google(&blocks[0]);
    assert!(check.missing_required.is_empty(), "{check:?}");
    let imported = parser_for(Format::SchemaOrg)
        .parse(Input::Json(&blocks[0]), &Limits::default())
        .expect("import");
    let mut conn = srv.store.conn().expect("conn");
    let job = jobdraft::store::lifecycle::find_any(&mut conn, &id)
        .expect("job")
        .fields;
    let f = imported.fields;
    assert_eq!(f.job_title, job.job_title);
    assert_eq!(f.headcount, job.headcount);
    assert_eq!(f.countries, job.countries);
    assert_eq!(f.price_per_hour, job.price_per_hour);
    assert_eq!(f.valid_through, job.valid_through);
    assert!(f
        .job_description
        .as_deref()
        .is_some_and(|d| d.contains("dashcam images")));
}

fn run(db: common::Db) {
    let chromium = binary("JOBDRAFT_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = binary("JOBDRAFT_CHROMEDRIVER", "/usr/bin/chromedriver");
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        let message =
            "BROWSER TEST NOT RUN: /usr/bin/chromium or /usr/bin/chromedriver is missing \
                       (apt-get install chromium chromium-driver)";
        eprintln!("\n!!!!!!!! {message} !!!!!!!!\n");
        assert!(std::env::var_os("CI").is_none(), "{message}");
        return;
    };
    let srv = common::TestServer::start_with(db, |c| {
        c.publish_quota = 0;
        c.publish_quota_unclaimed = 0;
    });
    let browser = Browser::start(&chromium, &chromedriver);
    journey(&srv, &browser);
}

#[test]
fn a_person_finishes_publishes_and_finds_a_job_sqlite() {
    run(common::Db::Sqlite);
}

#[test]
fn a_person_finishes_publishes_and_finds_a_job_postgres() {
    if common::postgres_url().is_none() {
        eprintln!("skipped: TEST_DATABASE_URL is not set");
        return;
    }
    run(common::Db::Postgres);
}
