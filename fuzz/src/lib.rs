//! soapgen's fuzz targets as a library, so the libFuzzer binaries in
//! `fuzz_targets/` and the workspace test `tests/fuzz_seeds.rs` run the same code.

pub mod targets;
