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

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jobdraft_parsers::{parser_for, Format, Input, Limits};
use pages_support::*;
use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn binary(env: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(env).map_or_else(|| PathBuf::from(default), PathBuf::from);
    path.exists().then_some(path)
}

/// chromedriver and its browser; both end when this is dropped.
struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    browser_pid: Option<i32>,
    profile: PathBuf,
}

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(addr).is_ok() {
                let status = webdriver_request(addr, "GET", "/status", b"");
                if status.status == 200 && status.json()["value"]["ready"] == json!(true) {
                    break;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = std::env::temp_dir().join(common::unique("jobdraft_chromium"));
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--no-default-browser-check",
            "--disable-dev-shm-usage",
            "--disable-crash-reporter",
            "--disable-breakpad",
            "--window-size=1100,1500",
            &format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args}}}});
        let mut browser = Browser {
            driver,
            addr,
            session: String::new(),
            browser_pid: None,
            profile,
        };
        let created = browser.call("POST", "/session", Some(caps));
        browser.session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser.browser_pid = created["value"]["capabilities"]["goog:processID"]
            .as_i64()
            .and_then(|p| i32::try_from(p).ok());
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let res = webdriver_request(self.addr, method, path, body.as_bytes());
        let value = res.json();
        assert!(
            res.status == 200,
            "WebDriver {method} {path}: {} {value}",
            res.status
        );
        value
    }

    fn session(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)["value"].clone()
    }

    fn go(&self, url: &str) {
        self.session("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let v = self.session(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    fn count(&self, css: &str) -> usize {
        self.session(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .map_or(0, Vec::len)
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.session("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.session("POST", &format!("/element/{id}/clear"), Some(json!({})));
        self.session(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.session("GET", &format!("/element/{id}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn source(&self) -> String {
        self.session("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn url(&self) -> String {
        self.session("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits (polling) until the page's source satisfies `ready`: a click on a submit button
    /// returns before the navigation it starts has finished.
    fn wait_for(&self, what: &str, ready: impl Fn(&str, &str) -> bool) {
        let started = Instant::now();
        loop {
            let (url, source) = (self.url(), self.source());
            if ready(&url, &source) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "waited in vain for {what}; at {url}: {source}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Clicks a submit button and waits until the page it leads to is there: a new address or,
    /// for the draft page that comes back to itself, a new CSRF token (every rendering has one).
    fn submit(&self, css: &str) {
        let csrf = |source: &str| input_value(source, "csrf");
        let (url, token) = (self.url(), csrf(&self.source()));
        self.click(css);
        self.wait_for(&format!("the page after {css}"), |now, source| {
            source.contains("</html>") && (now != url || csrf(source) != token)
        });
    }

    /// Saves a PNG of the viewport to `JOBDRAFT_SCREENSHOTS/<name>.png` when that is set.
    fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("JOBDRAFT_SCREENSHOTS") else {
            return;
        };
        let b64 = self.session("GET", "/screenshot", None);
        let png = base64_decode(b64.as_str().unwrap_or_default());
        let path = Path::new(&dir).join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        eprintln!("screenshot: {}", path.display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let closed = !self.session.is_empty()
            && webdriver_request(
                self.addr,
                "DELETE",
                &format!("/session/{}", self.session),
                b"",
            )
            .status
                == 200;
        if let (false, Some(pid)) = (closed, self.browser_pid) {
            // SAFETY: kill(2) on the id of the browser process this test started, which its
            // driver did not close.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// One WebDriver call. chromedriver keeps connections open whatever the client asks, so the
/// answer is read by its length instead of to the end of the stream.
fn webdriver_request(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> common::Response {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect chromedriver");
    stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("write");
    stream.write_all(body).expect("write body");
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        let complete = match length {
            Some(len) => raw.len() >= split + 4 + len,
            None => raw.ends_with(b"0\r\n\r\n"),
        };
        if complete {
            break;
        }
    }
    common::parse_response(&raw)
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()) {
        let Some(v) = ABC.iter().position(|&a| a == c) else {
            continue;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

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
