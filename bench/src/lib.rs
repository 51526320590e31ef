//! soapgen-bench: measurements of soapgen next to its peers, in one run.
//!
//! The library holds what the bench targets share (inputs, counters, the
//! WSDL → XSD extraction for xsd-parser, the synthetic responses). The bench
//! targets (`benches/gen.rs`, `benches/run.rs`) do the measuring; `cargo
//! xtask bench` drives them and writes `bench/RESULTS.md`.

pub mod alloc;
pub mod extract;
pub mod mem;
pub mod rawxml;
pub mod responses;
pub mod services;
pub mod table;

use std::path::PathBuf;

/// The workspace root (fixtures are addressed relative to it).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
