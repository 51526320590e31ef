//! soapgen: WSDL 1.1 and XML Schema to Rust.
//!
//! This facade re-exports the run-time support that generated code links to
//! and the `include_wsdl!` macro:
//!
//! ```ignore
//! soapgen::include_wsdl!(
//!     "wsdl/calculator.wsdl",
//!     operations = ["Add"],
//!     // Generated code names the runtime by this path; with only this
//!     // facade as a dependency it is reached through `soapgen::runtime`.
//!     runtime = "::soapgen::runtime",
//! );
//! ```
//! For build.rs use `soapgen-build`; for checked-in code the `soapgen` CLI
//! (`soapgen generate`). All three produce the same code for the same options.

pub use soapgen_macros::include_wsdl;
pub use soapgen_runtime as runtime;
