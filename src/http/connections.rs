//! The per-IP connection cap: every accepted connection takes a slot for its client IP and gives
//! it back when it closes; requests on a connection over the cap are answered 429 and the
//! connection is closed, so one address cannot hold all of the server's connections.

use std::any::Any;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use actix_web::dev::Extensions;

/// Open connections per client IP, shared by every worker.
#[derive(Debug, Clone, Default)]
pub struct ConnectionCounter {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// One connection's slot, kept in the connection's data until it closes.
#[derive(Debug)]
pub struct ConnectionSlot {
    ip: IpAddr,
    counter: ConnectionCounter,
    /// Whether this connection was over the cap when it was accepted.
    pub over_cap: bool,
    /// The cap it was measured against.
    pub cap: usize,
}

impl ConnectionCounter {
    /// Takes a slot for a new connection from `ip`.
    pub fn open(&self, ip: IpAddr, cap: usize) -> ConnectionSlot {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = open.entry(ip).or_insert(0);
        *count += 1;
        ConnectionSlot {
            ip,
            counter: self.clone(),
            over_cap: cap > 0 && *count > cap,
            cap,
        }
    }

    /// Open connections from `ip` right now.
    #[cfg(test)]
    pub fn count(&self, ip: IpAddr) -> usize {
        let open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        open.get(&ip).copied().unwrap_or(0)
    }

    /// The `on_connect` hook of the HTTP server: records the connection's slot in its data.
    pub fn on_connect(&self, cap: usize) -> impl Fn(&dyn Any, &mut Extensions) + Send + Sync {
        let counter = self.clone();
        move |conn: &dyn Any, data: &mut Extensions| {
            let peer = conn
                .downcast_ref::<actix_web::rt::net::TcpStream>()
                .and_then(|stream| stream.peer_addr().ok());
            if let Some(addr) = peer {
                data.insert(counter.open(addr.ip(), cap));
            }
        }
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        let mut open = self
            .counter
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = open.get_mut(&self.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_counted_per_ip_and_given_back() {
        let counter = ConnectionCounter::default();
        let a: IpAddr = "10.0.0.1".parse().unwrap_or(IpAddr::from([10, 0, 0, 1]));
        let b: IpAddr = IpAddr::from([10, 0, 0, 2]);
        let first = counter.open(a, 2);
        let second = counter.open(a, 2);
        let third = counter.open(a, 2);
        let other = counter.open(b, 2);
        assert!(!first.over_cap && !second.over_cap && !other.over_cap);
        assert!(third.over_cap);
        drop(third);
        drop(first);
        assert_eq!(counter.count(a), 1);
        assert!(!counter.open(a, 2).over_cap);
        drop(second);
        drop(other);
        assert_eq!(counter.count(a), 0);
        assert_eq!(counter.count(b), 0);
    }
}
