//! The SSRF address classifier: which destination addresses a client-chosen URL may reach.
//! Pure (addresses in, verdict out) so it is tested on values; resolving names is the caller's.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of destination an address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressClass {
    /// A globally routable unicast address.
    Public,
    /// 127.0.0.0/8, ::1.
    Loopback,
    /// RFC 1918, RFC 4193 unique-local (fc00::/7), carrier-grade NAT (100.64.0.0/10).
    Private,
    /// 169.254.0.0/16 (cloud metadata lives here), fe80::/10.
    LinkLocal,
    /// 0.0.0.0/8, ::, broadcast, multicast, documentation, benchmarking and reserved ranges:
    /// never a legitimate destination, allowed by no switch.
    Reserved,
}

/// Classifies `ip`; IPv4-mapped and IPv4-compatible IPv6 addresses are judged as their IPv4.
pub fn classify(ip: IpAddr) -> AddressClass {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => classify_v4(v4),
            None => classify_v6(v6),
        },
    }
}

/// Whether a fetch may connect to `ip`: public addresses always; loopback, private and
/// link-local ones only when the operator allows private destinations; reserved ones never.
pub fn is_allowed(ip: IpAddr, allow_private: bool) -> bool {
    match classify(ip) {
        AddressClass::Public => true,
        AddressClass::Loopback | AddressClass::Private | AddressClass::LinkLocal => allow_private,
        AddressClass::Reserved => false,
    }
}

fn classify_v4(ip: Ipv4Addr) -> AddressClass {
    let [a, b, c, _] = ip.octets();
    if a == 127 {
        return AddressClass::Loopback;
    }
    if a == 10 || (a == 172 && (16..=31).contains(&b)) || (a == 192 && b == 168) {
        return AddressClass::Private;
    }
    if a == 100 && (64..=127).contains(&b) {
        return AddressClass::Private;
    }
    if a == 169 && b == 254 {
        return AddressClass::LinkLocal;
    }
    let reserved = a == 0
        || a >= 224 // multicast 224/4, reserved 240/4 and broadcast
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // TEST-NET-3
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 192 && b == 88 && c == 99); // 6to4 relay anycast (deprecated)
    if reserved {
        AddressClass::Reserved
    } else {
        AddressClass::Public
    }
}

fn classify_v6(ip: Ipv6Addr) -> AddressClass {
    if ip == Ipv6Addr::LOCALHOST {
        return AddressClass::Loopback;
    }
    let s = ip.segments();
    if s[0] & 0xfe00 == 0xfc00 {
        return AddressClass::Private;
    }
    if s[0] & 0xffc0 == 0xfe80 {
        return AddressClass::LinkLocal;
    }
    let reserved = ip.is_unspecified()
        || s[0] & 0xff00 == 0xff00 // multicast
        || s[0] & 0xffc0 == 0xfec0 // deprecated site-local
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x0100 && s[1] == 0 && s[2] == 0 && s[3] == 0) // discard-only 100::/64
        || s[0] == 0x2002 // 6to4 embeds an IPv4 address the relay would reach
        || (s[0] == 0x0064 && s[1] == 0xff9b); // NAT64 embeds an IPv4 address
    if reserved {
        AddressClass::Reserved
    } else {
        AddressClass::Public
    }
}

/// The IPv4 address inside `::ffff:a.b.c.d` (mapped) or `::a.b.c.d` (compatible, deprecated).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    if s[..6].iter().all(|&x| x == 0) && !(s[6] == 0 && s[7] <= 1) {
        return Some(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str) -> AddressClass {
        classify(text.parse().expect("a test address"))
    }

    #[test]
    fn loopback_private_and_link_local_are_told_apart() {
        assert_eq!(class("127.0.0.1"), AddressClass::Loopback);
        assert_eq!(class("127.255.0.9"), AddressClass::Loopback);
        assert_eq!(class("::1"), AddressClass::Loopback);
        for ip in [
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "100.64.0.1",
            "fd00::1",
            "fc12::9",
        ] {
            assert_eq!(class(ip), AddressClass::Private, "{ip}");
        }
        for ip in ["169.254.169.254", "fe80::1", "febf::1"] {
            assert_eq!(class(ip), AddressClass::LinkLocal, "{ip}");
        }
    }

    #[test]
    fn reserved_ranges_are_never_destinations() {
        for ip in [
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "192.0.2.7",
            "198.51.100.1",
            "203.0.113.5",
            "198.18.0.1",
            "::",
            "ff02::1",
            "2001:db8::1",
            "2002:7f00:1::",
            "64:ff9b::a9fe:a9fe",
            "fec0::1",
        ] {
            assert_eq!(class(ip), AddressClass::Reserved, "{ip}");
            assert!(!is_allowed(ip.parse().expect("address"), true), "{ip}");
        }
    }

    #[test]
    fn public_addresses_next_to_private_ranges_are_public() {
        for ip in [
            "8.8.8.8",
            "172.15.255.255",
            "172.32.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "169.253.0.1",
            "11.0.0.1",
            "192.169.0.1",
            "2606:4700::1111",
            "2a00:1450::1",
        ] {
            assert_eq!(class(ip), AddressClass::Public, "{ip}");
            assert!(is_allowed(ip.parse().expect("address"), false), "{ip}");
        }
    }

    #[test]
    fn ipv4_inside_ipv6_is_judged_as_ipv4() {
        assert_eq!(class("::ffff:127.0.0.1"), AddressClass::Loopback);
        assert_eq!(class("::ffff:169.254.169.254"), AddressClass::LinkLocal);
        assert_eq!(class("::ffff:10.1.2.3"), AddressClass::Private);
        assert_eq!(class("::10.1.2.3"), AddressClass::Private);
        assert_eq!(class("::ffff:8.8.8.8"), AddressClass::Public);
    }

    #[test]
    fn the_switch_opens_private_ranges_only() {
        let loopback: IpAddr = "127.0.0.1".parse().expect("address");
        let metadata: IpAddr = "169.254.169.254".parse().expect("address");
        assert!(!is_allowed(loopback, false));
        assert!(!is_allowed(metadata, false));
        assert!(is_allowed(loopback, true));
        assert!(is_allowed(metadata, true));
    }
}
