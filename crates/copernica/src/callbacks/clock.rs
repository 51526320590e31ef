//! Where "now" comes from, so that verification is deterministic in tests.

use std::time::SystemTime;

/// A source of the current time for the Date window check.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock stopped at one instant (tests, replaying recorded requests).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub SystemTime);

impl FixedClock {
    /// A clock stopped at `unix` seconds since the epoch.
    pub fn from_unix(unix: u64) -> Self {
        FixedClock(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(unix))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}
