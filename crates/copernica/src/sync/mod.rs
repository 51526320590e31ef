//! Live mirror of a Copernica database in a local SQLite file (feature `sqlite`).
//!
//! * [`Mirror`] holds the profiles (id → field values) and applies changes
//!   idempotently: an initial load ([`initial_load`], the paged
//!   `Database_searchProfiles` with all properties) and then the callbacks
//!   (create/update/delete) a verified receiver hands over
//!   ([`Mirror::apply`]).
//! * Callback bodies carry no version or sequence (CALLBACKS.md §4), so the
//!   order of changes to one profile is taken from the delivery: Copernica sends
//!   the callbacks of one callback definition one at a time, retrying a failed
//!   one before the next, so the signed `Date` of accepted deliveries never goes
//!   back, and arrivals within one second are in send order. A change older than
//!   what the row holds (an earlier `Date`) is ignored as stale.
//! * Deletions are final: profile ids are never reused, so a delete leaves a
//!   tombstone and no later create/update (a late retry, or a page of the
//!   initial load read before the delete) can bring the profile back.
//! * The initial load never overwrites a row a callback wrote: the callback
//!   was registered before the load started, so every change after the load's
//!   read is also delivered, and the last delivered change is the server's state.
//!
//! The `sync` example runs it end to end against the embedded mock:
//! `cargo run -p copernica --example sync`.
#![cfg(feature = "sqlite")]

mod load;
mod mirror;

pub use load::initial_load;
pub use mirror::{Applied, Mirror, MirrorStats, ProfileState};

/// What can go wrong while mirroring.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The SQLite file could not be opened, read or written.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored row's field map is not the JSON the mirror writes.
    #[error("stored fields of profile {id} are not valid JSON: {source}")]
    Corrupt {
        /// The profile id.
        id: u64,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// A callback or search result named a profile id that is not a number.
    #[error("profile id {0:?} is not a number")]
    BadId(String),
    /// A SOAP call of the initial load failed.
    #[error("initial load: {0}")]
    Api(#[from] crate::Error),
}
