//! The service's time source: the system clock plus an offset that tests move forward, so expiry
//! rules (claim codes, tokens, poll intervals, rate windows, draft TTLs) are tested without sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// Wall-clock time in Unix milliseconds, shifted by an offset shared by every clone.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// Unix milliseconds now.
    pub fn now_ms(&self) -> i64 {
        crate::store::now_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every clone of it) forward by `ms`.
    pub fn advance(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_offset() {
        let clock = Clock::default();
        let other = clock.clone();
        let before = other.now_ms();
        clock.advance(3_600_000);
        assert!(other.now_ms() >= before + 3_600_000);
    }
}
