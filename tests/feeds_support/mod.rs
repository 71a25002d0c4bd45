//! A loopback HTTP server that serves one feed document with an `ETag`, answers 304 to a
//! matching `If-None-Match`, and records the conditional headers it was sent.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};

/// What the server serves and what it saw.
#[derive(Debug, Default)]
pub struct FeedState {
    pub body: String,
    pub etag: String,
    /// `If-None-Match` of each request (None when absent), in order.
    pub conditional: Vec<Option<String>>,
    pub not_modified_answers: usize,
}

pub struct FeedServer {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<FeedState>>,
}

impl FeedServer {
    /// Starts serving on 127.0.0.1 (a thread per connection, until the test process ends).
    pub fn start() -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the feed server");
        let addr = listener.local_addr().expect("address");
        let state = Arc::new(Mutex::new(FeedState::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        FeedServer { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Serves `body` from now on under a new `etag`.
    pub fn set(&self, body: &str, etag: &str) {
        let mut s = self.state.lock().expect("feed state");
        s.body = body.to_string();
        s.etag = etag.to_string();
    }
}

fn serve(stream: std::net::TcpStream, state: &Mutex<FeedState>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut if_none_match = None;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.trim().eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(v.trim().to_string());
            }
        }
    }
    let (status, body, etag) = {
        let mut s = state.lock().expect("feed state");
        s.conditional.push(if_none_match.clone());
        if if_none_match.as_deref() == Some(s.etag.as_str()) {
            s.not_modified_answers += 1;
            ("304 Not Modified", String::new(), s.etag.clone())
        } else {
            ("200 OK", s.body.clone(), s.etag.clone())
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nETag: {etag}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut out = stream;
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(body.as_bytes());
}

/// An Indeed `<job>` with a description that makes an ai-training draft publish-ready.
pub fn ready_job(reference: &str, title: &str, headcount: u32) -> String {
    format!(
        "<job><title><![CDATA[{title}]]></title><referencenumber><![CDATA[{reference}]]></referencenumber>\
<company><![CDATA[Acme Vision]]></company><country><![CDATA[US]]></country><remotetype><![CDATA[Fully remote]]></remotetype>\
<salary><![CDATA[$18 per hour]]></salary><jobtype><![CDATA[parttime]]></jobtype>\
<description><![CDATA[We need {headcount} experienced annotators for bounding boxes on 50,000 dashcam images. Pay is $18/hour. English required. Work runs about six weeks.]]></description></job>\n"
    )
}

/// A whole feed around `jobs`.
pub fn feed(jobs: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n<publisher>Test ATS</publisher>\n",
    );
    for j in jobs {
        out.push_str(j);
    }
    out.push_str("</source>\n");
    out
}
