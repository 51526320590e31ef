//! The `soapgen` CLI's commands as a library, so that other front ends'
//! tests (and tools) can run them in-process. `main.rs` parses and dispatches.

pub mod generate;
pub mod sample;
