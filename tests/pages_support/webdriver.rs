//! A small WebDriver client for the browser test: chromedriver and headless Chromium started on
//! loopback, driven with the W3C WebDriver protocol over plain HTTP/1.1.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::input_value;
use crate::common;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A program from `env`, else `default`, if it exists.
pub fn binary(env: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(env).map_or_else(|| PathBuf::from(default), PathBuf::from);
    path.exists().then_some(path)
}

/// chromedriver and its browser; both end when this is dropped.
pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    browser_pid: Option<i32>,
    profile: PathBuf,
}

impl Browser {
    pub fn start(chromium: &Path, chromedriver: &Path) -> Browser {
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

    pub fn go(&self, url: &str) {
        self.session("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn find(&self, css: &str) -> String {
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

    pub fn count(&self, css: &str) -> usize {
        self.session(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .map_or(0, Vec::len)
    }

    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.session("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.session("POST", &format!("/element/{id}/clear"), Some(json!({})));
        self.session(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    pub fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.session("GET", &format!("/element/{id}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn source(&self) -> String {
        self.session("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn url(&self) -> String {
        self.session("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits (polling) until the page's source satisfies `ready`: a click on a submit button
    /// returns before the navigation it starts has finished.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str, &str) -> bool) {
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
    pub fn submit(&self, css: &str) {
        let csrf = |source: &str| input_value(source, "csrf");
        let (url, token) = (self.url(), csrf(&self.source()));
        self.click(css);
        self.wait_for(&format!("the page after {css}"), |now, source| {
            source.contains("</html>") && (now != url || csrf(source) != token)
        });
    }

    /// Saves a PNG of the viewport to `JOBDRAFT_SCREENSHOTS/<name>.png` when that is set.
    pub fn screenshot(&self, name: &str) {
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
