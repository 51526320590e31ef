//! soapgen: WSDL 1.1 and XML Schema to Rust.
//!
//! This facade re-exports the run-time support that generated code links to
//! and the `include_wsdl!` macro.

pub use soapgen_runtime as runtime;
