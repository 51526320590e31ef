//! Configuration of a new mock store.

use super::time::Clock;

/// The one account and user a new store starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockConfig {
    /// Account name (`login`'s `account`; may be omitted there). Default `"mock"`.
    pub account: String,
    /// User name (`login`'s `username`). Default `"admin"`.
    pub user: String,
    /// Password of that user. Default `"secret"`.
    pub password: String,
    /// API access token accepted on every call. Default `"mock-access-token"`.
    pub access_token: String,
    /// Source of `created`/`modified` timestamps. Default: system clock.
    pub clock: Clock,
    /// Seed for secret codes, session ids and access keys (deterministic per seed).
    pub seed: u64,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            account: "mock".to_owned(),
            user: "admin".to_owned(),
            password: "secret".to_owned(),
            access_token: "mock-access-token".to_owned(),
            clock: Clock::System,
            seed: 0x5eed_c0de,
        }
    }
}
