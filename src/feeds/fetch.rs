//! Fetching a feed over HTTP(S) with ureq: conditionally (`If-None-Match` / `If-Modified-Since`),
//! with a whole-request timeout, a size cap on the body, redirects followed only within the same
//! host, and every address the name resolves to checked by the SSRF guard at connect time
//! (`net::client`, shared with webhook delivery: the check sits in the resolver, so a name cannot
//! resolve to one address for the check and another for the connection).

use std::io::Read;
use std::time::Duration;

use crate::net::client::guarded_agent;
use crate::net::ssrf::DestinationPolicy;

/// Most redirects followed (each within the feed's host).
const MAX_REDIRECTS: usize = 5;

/// How a fetch is bounded and guarded.
#[derive(Debug, Clone, Copy)]
pub struct FetchPolicy {
    pub timeout: Duration,
    pub max_bytes: u64,
    /// Allow loopback, private and link-local destinations.
    pub allow_private: bool,
}

/// The validators of the copy we hold.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The result of a conditional fetch.
pub enum Fetched {
    /// 304: the feed did not change.
    NotModified,
    /// 200: the body (read through the size cap) and its validators.
    Body {
        reader: Box<dyn Read + Send>,
        validators: Validators,
        length: Option<u64>,
    },
}

fn agent(policy: &FetchPolicy) -> ureq::Agent {
    let destinations = DestinationPolicy {
        allow_private: policy.allow_private,
        allowed_hosts: Vec::new(),
    };
    guarded_agent(destinations, policy.timeout, "jobdraft-feed-sync")
}

/// Whether `url` is an absolute http(s) URL with a host.
pub fn is_fetchable(url: &str) -> bool {
    match url.parse::<ureq::http::Uri>() {
        Ok(uri) => {
            matches!(uri.scheme_str(), Some("http") | Some("https"))
                && uri.host().is_some_and(|h| !h.is_empty())
        }
        Err(_) => false,
    }
}

/// Fetches `url` unless it still matches `held`.
pub fn fetch(url: &str, held: &Validators, policy: &FetchPolicy) -> Result<Fetched, String> {
    let agent = agent(policy);
    let first: ureq::http::Uri = url.parse().map_err(|e| format!("not a URL: {e}"))?;
    if !is_fetchable(url) {
        return Err("only absolute http(s) URLs are fetched".into());
    }
    let host = first.host().unwrap_or_default().to_ascii_lowercase();
    let mut current = first;
    for _ in 0..=MAX_REDIRECTS {
        let mut request = agent.get(current.clone());
        if let Some(etag) = &held.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &held.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let response = request.call().map_err(|e| format!("fetch failed: {e}"))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        match status {
            304 => return Ok(Fetched::NotModified),
            200 => {
                let validators = Validators {
                    etag: header("etag"),
                    last_modified: header("last-modified"),
                };
                let length = header("content-length").and_then(|l| l.parse().ok());
                if length.is_some_and(|l: u64| l > policy.max_bytes) {
                    return Err(format!(
                        "the feed is larger than the {} byte limit",
                        policy.max_bytes
                    ));
                }
                let reader = response
                    .into_body()
                    .into_with_config()
                    .limit(policy.max_bytes)
                    .reader();
                return Ok(Fetched::Body {
                    reader: Box::new(reader),
                    validators,
                    length,
                });
            }
            301 | 302 | 303 | 307 | 308 => {
                let location = header("location").ok_or("a redirect without Location")?;
                let next = resolve_location(&current, &location)?;
                let next_host = next.host().unwrap_or_default().to_ascii_lowercase();
                if next_host != host {
                    return Err(format!(
                        "redirected to another host ({next_host}); only redirects within {host} are followed"
                    ));
                }
                current = next;
            }
            other => return Err(format!("the server answered HTTP {other}")),
        }
    }
    Err(format!("more than {MAX_REDIRECTS} redirects"))
}

/// The absolute URI a `Location` header names, relative to `base`.
fn resolve_location(base: &ureq::http::Uri, location: &str) -> Result<ureq::http::Uri, String> {
    let bad = |e: &dyn std::fmt::Display| format!("a redirect to an unreadable Location: {e}");
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.parse().map_err(|e| bad(&e));
    }
    let scheme = base.scheme_str().unwrap_or("http");
    let authority = base.authority().map(|a| a.as_str()).unwrap_or_default();
    let path = if location.starts_with('/') {
        location.to_string()
    } else {
        let dir = base.path().rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{location}")
    };
    format!("{scheme}://{authority}{path}")
        .parse()
        .map_err(|e| bad(&e))
}
