//! soapgen-macros: `include_wsdl!`, the proc-macro front end.
//!
//! ```ignore
//! soapgen::include_wsdl!("wsdl/calculator.wsdl", operations = ["Add"], client = false);
//! ```
//! expands to the same code `soapgen_build::Builder` writes for the same
//! options (both call `soapgen_build::generate_string`). The path and any
//! `catalog` are relative to the calling crate's `CARGO_MANIFEST_DIR`.
//!
//! Options (`key = value`): `catalog = "..."|[...]`, `allow_dtd = bool`,
//! `services|ports|operations = ["..."]`, `types_only|client|server|blocking
//! = bool`, `layout = "per-namespace"|"flat"`, `unknown_elements =
//! "error"|"skip"`, `enum_unknown_variant = bool`, `derive = "..."|[...]`,
//! `type_overrides = { "{ns}Name" = "path::Type" }`, `runtime = "::path"`.

mod expand;

use std::path::PathBuf;

/// Generates Rust types (and their XML codecs) from a WSDL/XSD at compile time.
#[proc_macro]
pub fn include_wsdl(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    // Cargo always sets it for the crate being compiled; "." keeps
    // non-cargo builds working with paths relative to the working directory.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    expand::expand(input.into(), &manifest_dir).into()
}
