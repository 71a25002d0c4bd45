//! The outbound HTTP client (ureq) behind the SSRF guard: names are resolved by a resolver that
//! refuses the whole destination when any of its addresses is not public (so DNS cannot hand the
//! connection a private address the check never saw), no proxy from the environment, no
//! redirects followed, a global timeout, and callers read bodies with a size cap.

use std::net::IpAddr;
use std::time::Duration;

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use ureq::Agent;

use super::ssrf::DestinationPolicy;

/// Marks the I/O errors the guard raises, so callers can tell a refusal from a network failure.
pub const REFUSED_PREFIX: &str = "refused by the SSRF guard: ";

/// Resolves with the system resolver, then checks every address against the policy.
#[derive(Debug)]
pub struct GuardedResolver {
    inner: DefaultResolver,
    policy: DestinationPolicy,
}

impl GuardedResolver {
    pub fn new(policy: DestinationPolicy) -> GuardedResolver {
        GuardedResolver {
            inner: DefaultResolver::default(),
            policy,
        }
    }

    /// Checks resolved addresses of `host`: all must pass, or the destination is refused.
    pub fn check_all(
        policy: &DestinationPolicy,
        host: &str,
        addrs: impl IntoIterator<Item = IpAddr>,
    ) -> Result<(), String> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        for addr in addrs {
            policy.check_address(host, addr)?;
        }
        Ok(())
    }
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let host = uri.host().unwrap_or_default();
        GuardedResolver::check_all(&self.policy, host, addrs.iter().map(|a| a.ip())).map_err(
            |m| {
                ureq::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    format!("{REFUSED_PREFIX}{m}"),
                ))
            },
        )?;
        Ok(addrs)
    }
}

/// An agent for server-side requests to destinations users chose: guarded resolution, no
/// proxy, no redirects (a 3xx is returned as the answer), statuses returned rather than raised,
/// everything within `timeout`.
pub fn guarded_agent(policy: DestinationPolicy, timeout: Duration, user_agent: &str) -> Agent {
    let config = Agent::config_builder()
        .proxy(None)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(user_agent)
        .build();
    Agent::with_parts(
        config,
        DefaultConnector::default(),
        GuardedResolver::new(policy),
    )
}

/// A short description of a failed request (a refusal keeps its reason).
pub fn describe_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Io(io) => io.to_string(),
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::HostNotFound => "host not found".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_private_address_refuses_the_destination() {
        let strict = DestinationPolicy::default();
        let public: IpAddr = "93.184.216.34".parse().unwrap();
        let private: IpAddr = "10.0.0.7".parse().unwrap();
        assert!(GuardedResolver::check_all(&strict, "a.example", [public]).is_ok());
        let err = GuardedResolver::check_all(&strict, "a.example", [public, private]).unwrap_err();
        assert!(err.contains("10.0.0.7"), "{err}");
        assert!(GuardedResolver::check_all(&strict, "[::1]", ["::1".parse().unwrap()]).is_err());
    }

    /// `localhost` resolves from the hosts file to loopback: the resolver refuses it before any
    /// connection is attempted (no traffic leaves the resolver).
    #[test]
    fn the_resolver_refuses_localhost() {
        let resolver = GuardedResolver::new(DestinationPolicy::default());
        let uri: Uri = "http://localhost:9/x".parse().unwrap();
        let config = Agent::config_builder().build();
        let timeout = NextTimeout::default();
        match resolver.resolve(&uri, &config, timeout) {
            Err(ureq::Error::Io(e)) => assert!(e.to_string().starts_with(REFUSED_PREFIX), "{e}"),
            Err(ureq::Error::HostNotFound) => {} // a machine without a hosts entry
            other => panic!("localhost was not refused: {other:?}"),
        }
    }
}
