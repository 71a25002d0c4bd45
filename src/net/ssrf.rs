//! The SSRF guard's rules, pure: which IP addresses a server-side request must not reach
//! (private, loopback, link-local, unique-local, IPv4 embedded in IPv6, …), which host names are
//! local by definition, what a destination URL is, and which hosts the operator trusts. Applied
//! to every resolved address by `net::client`; shared by webhooks and feed sync.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not a public destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressClass {
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    /// 100.64.0.0/10, carrier-grade NAT.
    SharedAddressSpace,
    /// fc00::/7.
    UniqueLocal,
    /// fec0::/10, deprecated but still routed inside some networks.
    SiteLocal,
    Multicast,
    Broadcast,
    Documentation,
    /// Benchmarking, protocol assignments, class E, discard-only, Teredo, NAT64 local use.
    Reserved,
}

impl AddressClass {
    pub const fn as_str(self) -> &'static str {
        match self {
            AddressClass::Unspecified => "unspecified",
            AddressClass::Loopback => "loopback",
            AddressClass::Private => "private",
            AddressClass::LinkLocal => "link-local",
            AddressClass::SharedAddressSpace => "shared address space",
            AddressClass::UniqueLocal => "unique-local",
            AddressClass::SiteLocal => "site-local",
            AddressClass::Multicast => "multicast",
            AddressClass::Broadcast => "broadcast",
            AddressClass::Documentation => "documentation",
            AddressClass::Reserved => "reserved",
        }
    }
}

/// `None` for a public unicast address; otherwise why it must not be reached.
pub fn classify(ip: IpAddr) -> Option<AddressClass> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<AddressClass> {
    use AddressClass::*;
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        (0, _, _) => Some(Unspecified),
        (127, _, _) => Some(Loopback),
        (10, _, _) => Some(Private),
        (172, 16..=31, _) => Some(Private),
        (192, 168, _) => Some(Private),
        (169, 254, _) => Some(LinkLocal),
        (100, 64..=127, _) => Some(SharedAddressSpace),
        (192, 0, 0) => Some(Reserved),
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Some(Documentation),
        (198, 18..=19, _) => Some(Reserved),
        (224..=239, _, _) => Some(Multicast),
        (255, 255, 255) if ip == Ipv4Addr::BROADCAST => Some(Broadcast),
        (240..=255, _, _) => Some(Reserved),
        _ => None,
    }
}

fn embedded_v4(ip: Ipv6Addr) -> Ipv4Addr {
    let o = ip.octets();
    Ipv4Addr::new(o[12], o[13], o[14], o[15])
}

fn classify_v6(ip: Ipv6Addr) -> Option<AddressClass> {
    use AddressClass::*;
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some(Unspecified);
    }
    if ip.is_loopback() {
        return Some(Loopback);
    }
    // ::ffff:a.b.c.d (mapped) reaches that IPv4 address; so does ::a.b.c.d (the deprecated
    // compatible form), which is never a public destination itself.
    if s[..6] == [0, 0, 0, 0, 0, 0xffff] {
        return classify_v4(embedded_v4(ip));
    }
    if s[..6] == [0; 6] {
        return Some(classify_v4(embedded_v4(ip)).unwrap_or(Reserved));
    }
    // NAT64 well-known prefix 64:ff9b::/96 translates to the embedded IPv4 address.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return classify_v4(embedded_v4(ip));
    }
    // 6to4 (2002::/16) carries an IPv4 address in bits 16..48.
    if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return classify_v4(v4);
    }
    match s[0] {
        0xfc00..=0xfdff => Some(UniqueLocal),
        0xfe80..=0xfebf => Some(LinkLocal),
        0xfec0..=0xfeff => Some(SiteLocal),
        0xff00..=0xffff => Some(Multicast),
        0x2001 if s[1] == 0x0db8 => Some(Documentation),
        0x3fff if s[1] <= 0x0fff => Some(Documentation),
        0x2001 if s[1] == 0 => Some(Reserved), // Teredo
        0x0064 if s[1] == 0xff9b && s[2] == 1 => Some(Reserved), // NAT64 local use
        0x0100 if s[1..4] == [0, 0, 0] => Some(Reserved), // discard-only
        _ => None,
    }
}

/// Names that mean this machine or its network whatever DNS says (`localhost`, `*.localhost`,
/// `*.local`, `*.internal`, and names without a dot).
pub fn is_local_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.ends_with(".local")
        || host.ends_with(".internal")
        || !host.contains('.') && host.parse::<IpAddr>().is_err()
}

/// A destination URL taken apart (http or https, a host, no credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub https: bool,
    /// The host as written (IPv6 literals in brackets), without the port.
    pub host: String,
    pub port: u16,
}

impl Destination {
    pub fn parse(url: &str) -> Result<Destination, String> {
        let uri: ureq::http::Uri = url
            .parse()
            .map_err(|_| "url is not a valid absolute URL".to_string())?;
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err("url must be an http(s) URL".into()),
        };
        let authority = uri
            .authority()
            .ok_or_else(|| "url needs a host".to_string())?;
        if authority.as_str().contains('@') {
            return Err("url must not carry credentials".into());
        }
        let host = authority.host().to_string();
        if host.is_empty() {
            return Err("url needs a host".into());
        }
        let port = authority.port_u16().unwrap_or(if https { 443 } else { 80 });
        Ok(Destination { https, host, port })
    }
}

/// Which destinations the operator allows beyond public https ones.
#[derive(Debug, Clone, Default)]
pub struct DestinationPolicy {
    /// Any address, over http too (JOBDRAFT_WEBHOOK_ALLOW_PRIVATE: tests, closed networks).
    pub allow_private: bool,
    /// Hosts allowed over http and at private addresses (JOBDRAFT_WEBHOOK_ALLOWED_HOSTS).
    pub allowed_hosts: Vec<String>,
}

impl DestinationPolicy {
    /// Whether `host` may be reached over http and at private addresses.
    pub fn trusts(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        self.allow_private
            || self
                .allowed_hosts
                .iter()
                .any(|h| h.trim().eq_ignore_ascii_case(host))
    }

    /// Refuses `addr` for `host` unless it is public or the host is trusted.
    pub fn check_address(&self, host: &str, addr: IpAddr) -> Result<(), String> {
        match classify(addr) {
            Some(class) if !self.trusts(host) => Err(format!(
                "{host} resolves to {addr}, a {} address; refused (the operator can allow it)",
                class.as_str()
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<&'static str> {
        classify(s.parse().unwrap()).map(AddressClass::as_str)
    }

    #[test]
    fn ipv4_ranges() {
        for (addr, want) in [
            ("0.0.0.0", Some("unspecified")),
            ("0.1.2.3", Some("unspecified")),
            ("127.0.0.1", Some("loopback")),
            ("127.255.255.254", Some("loopback")),
            ("10.0.0.1", Some("private")),
            ("172.16.0.1", Some("private")),
            ("172.31.255.255", Some("private")),
            ("192.168.1.1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("100.64.0.1", Some("shared address space")),
            ("100.127.255.255", Some("shared address space")),
            ("192.0.0.8", Some("reserved")),
            ("192.0.2.1", Some("documentation")),
            ("198.51.100.7", Some("documentation")),
            ("203.0.113.9", Some("documentation")),
            ("198.18.0.1", Some("reserved")),
            ("224.0.0.1", Some("multicast")),
            ("239.255.255.250", Some("multicast")),
            ("240.0.0.1", Some("reserved")),
            ("255.255.255.255", Some("broadcast")),
            ("172.15.255.255", None),
            ("172.32.0.1", None),
            ("100.63.255.255", None),
            ("100.128.0.0", None),
            ("8.8.8.8", None),
            ("1.1.1.1", None),
            ("93.184.216.34", None),
        ] {
            assert_eq!(class(addr), want, "{addr}");
        }
    }

    #[test]
    fn ipv6_ranges_and_embedded_ipv4() {
        for (addr, want) in [
            ("::", Some("unspecified")),
            ("::1", Some("loopback")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("::ffff:10.1.2.3", Some("private")),
            ("::ffff:169.254.169.254", Some("link-local")),
            ("::127.0.0.1", Some("loopback")),
            ("::8.8.8.8", Some("reserved")),
            ("64:ff9b::7f00:1", Some("loopback")),
            ("64:ff9b::a9fe:a9fe", Some("link-local")),
            ("64:ff9b:1::1", Some("reserved")),
            ("2002:7f00:1::1", Some("loopback")),
            ("2002:c0a8:101::1", Some("private")),
            ("fc00::1", Some("unique-local")),
            ("fd12:3456::1", Some("unique-local")),
            ("fe80::1", Some("link-local")),
            ("febf::1", Some("link-local")),
            ("fec0::1", Some("site-local")),
            ("ff02::1", Some("multicast")),
            ("2001:db8::1", Some("documentation")),
            ("3fff::1", Some("documentation")),
            ("2001:0:4136:e378::1", Some("reserved")),
            ("100::1", Some("reserved")),
            ("::ffff:8.8.8.8", None),
            ("64:ff9b::808:808", None),
            ("2002:808:808::1", None),
            ("2606:4700:4700::1111", None),
            ("2a00:1450:4001::1", None),
        ] {
            assert_eq!(class(addr), want, "{addr}");
        }
    }

    #[test]
    fn local_names() {
        for name in [
            "localhost",
            "LOCALHOST.",
            "a.localhost",
            "printer.local",
            "db.internal",
            "intranet",
        ] {
            assert!(is_local_name(name), "{name}");
        }
        for name in ["example.com", "hooks.example.org.", "127.0.0.1"] {
            assert!(!is_local_name(name), "{name}");
        }
    }

    #[test]
    fn destinations_parse() {
        let d = Destination::parse("https://hooks.example.com/in?x=1").unwrap();
        assert_eq!(
            (d.https, d.host.as_str(), d.port),
            (true, "hooks.example.com", 443)
        );
        let d = Destination::parse("http://[::1]:8080/").unwrap();
        assert_eq!((d.https, d.host.as_str(), d.port), (false, "[::1]", 8080));
        assert!(Destination::parse("https://user:pw@example.com/").is_err());
        assert!(Destination::parse("file:///etc/passwd").is_err());
        assert!(Destination::parse("/relative").is_err());
        assert!(Destination::parse("").is_err());
    }

    #[test]
    fn the_policy_refuses_private_addresses_of_untrusted_hosts() {
        let strict = DestinationPolicy::default();
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let public: IpAddr = "8.8.8.8".parse().unwrap();
        assert!(strict.check_address("evil.example", lo).is_err());
        assert!(strict.check_address("fine.example", public).is_ok());
        let listed = DestinationPolicy {
            allow_private: false,
            allowed_hosts: vec!["ats.corp".into()],
        };
        assert!(listed.check_address("ats.corp", lo).is_ok());
        assert!(listed.check_address("ATS.corp.", lo).is_ok());
        assert!(listed.check_address("other.corp", lo).is_err());
        let open = DestinationPolicy {
            allow_private: true,
            allowed_hosts: vec![],
        };
        assert!(open.check_address("anything", lo).is_ok());
    }
}
