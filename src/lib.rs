//! soapgen: WSDL 1.1 and XML Schema to Rust.
//!
//! This facade re-exports the run-time support that generated code links to
//! and the `include_wsdl!` macro:
//!
//! ```
//! mod calculator {
//!     soapgen::include_wsdl!(
//!         // Relative to the calling crate's CARGO_MANIFEST_DIR.
//!         "fixtures/corpus/calculator/calculator-soap11and12.wsdl",
//!         operations = ["Add"],
//!         types_only = true,
//!         // Generated code names the runtime by this path; with only this
//!         // facade as a dependency it is reached through `soapgen::runtime`.
//!         runtime = "::soapgen::runtime",
//!     );
//! }
//! use soapgen::runtime::xml;
//!
//! let add = calculator::tempuri_org::Add { int_a: 1, int_b: 2 };
//! let text = xml::to_string(&add, xml::Name::new("http://tempuri.org/", "Add"));
//! assert_eq!(xml::from_str::<calculator::tempuri_org::Add>(&text).unwrap(), add);
//! ```
//!
//! A bad path or option is a compile error quoting the location:
//!
//! ```compile_fail
//! soapgen::include_wsdl!("fixtures/no-such.wsdl");
//! ```
//!
//! For build.rs use `soapgen-build`; for checked-in code the `soapgen` CLI
//! (`soapgen generate`). All three produce the same code for the same options.

pub use soapgen_macros::include_wsdl;
pub use soapgen_runtime as runtime;
