//! soapgen-rust: the IR to Rust items (types, XML readers and writers,
//! SOAP clients and server skeletons).
//!
//! [`generate`] turns an [`Ir`] into one deterministic, prettyplease-formatted
//! source text holding, per target namespace, a module with the data types
//! and their [`XmlRead`]/[`XmlWrite`] impls (see `soapgen_runtime::xml`).
//!
//! Type mapping (what the generated code looks like):
//! - complexType → `struct`; sequence/all members → fields; `minOccurs=0` →
//!   `Option`; `maxOccurs>1` → `Vec`; nested sequences with `1..1` occurs are
//!   flattened into the parent, other nested groups get their own type.
//! - choice → `enum` (a field `Option<…>`/`Vec<…>` of it per occurs).
//! - `nillable` → `Nillable<T>` (so `Option<Nillable<T>>` tells absent, nil
//!   and value apart).
//! - attributes → fields (`Option` unless required or defaulted; defaults and
//!   fixed values are associated `…_DEFAULT` consts applied on read).
//! - simpleContent → `struct { value, attributes… }`.
//! - extension → the derived struct holds all effective members (base first).
//!   A complex type with derived types is referenced through an
//!   `…OrDerived` enum dispatching on `xsi:type` (read and written).
//! - substitution group heads → `…OrSubstitute` enums (one variant per member).
//! - `xs:any` → `AnyElement` (lossless tree); `xs:anyType` content likewise.
//! - enumerations → `enum` (+ `Unknown(String)` when enabled); lists →
//!   `List<T>`; unions → `String` (string-backed: the member types usually
//!   overlap lexically, so picking one at read time would be a guess);
//!   other facet restrictions → newtypes with `validate()` (not called on
//!   read: reading is lenient, validation is the caller's choice).
//! - builtins: exact Rust integers per width, string-backed lossless
//!   `Decimal`/`Integer`/date-time types, `Base64Binary`/`HexBinary` bytes,
//!   resolved `QName`.
//!
//! Layout: one `pub mod` per target namespace (or everything at the root
//! with [`ModuleLayout::Flat`]); each module imports the runtime as `rt` and
//! exports its namespace as `pub const NS`. Other emitters (client, server)
//! get every Rust name from [`Names`] (`Names::type_ref(t, Scope::Sibling)`
//! from a module beside the namespace modules); values are read with
//! `soapgen_runtime::xml::XmlRead` and written with `XmlWrite`.
//!
//! [`XmlRead`]: https://docs.rs/soapgen-runtime
//! [`XmlWrite`]: https://docs.rs/soapgen-runtime

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use soapgen_ir::{Ir, QName};

mod client;
mod emit;
mod ident;
mod names;
mod operation;
mod server;

pub use ident::{field_name, ident, module_name, type_name};
pub use names::{Module, Names, Poly, Scope, Subst, TypeName};

/// How generated items are laid out in modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ModuleLayout {
    /// One module per target namespace (`tempuri_org::Add`).
    #[default]
    PerNamespace,
    /// All items at the root; name clashes across namespaces get suffixes.
    Flat,
}

/// What generated readers do with a child element the schema does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownElements {
    /// Fail with `ErrorKind::UnexpectedElement` (unless the reader's own
    /// `skip_unknown` flag is set at run time).
    #[default]
    Error,
    /// Always skip them.
    Skip,
}

/// Generator options.
#[derive(Debug, Clone)]
pub struct Options {
    pub layout: ModuleLayout,
    pub unknown_elements: UnknownElements,
    /// Give enumeration enums an `Unknown(String)` variant that catches
    /// values the schema does not list (servers add values over time).
    pub enum_unknown_variant: bool,
    /// Extra derives for every generated type (e.g. `"serde::Serialize"`).
    pub extra_derives: Vec<String>,
    /// Use these Rust types for the given XSD types instead of generating
    /// them (the type must implement the runtime's `XmlRead`/`XmlWrite`, and
    /// `SimpleType` for simple types).
    pub type_overrides: BTreeMap<QName, String>,
    /// Path of the runtime crate in generated code.
    pub runtime_path: String,
    /// Generate a SOAP client per port (module `client`).
    pub client: bool,
    /// Generate a server skeleton per binding (module `server`).
    pub server: bool,
    /// Generated clients are blocking (`BlockingClient`, runtime feature
    /// `blocking`) instead of async.
    pub blocking: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            layout: ModuleLayout::default(),
            unknown_elements: UnknownElements::default(),
            enum_unknown_variant: true,
            extra_derives: Vec::new(),
            type_overrides: BTreeMap::new(),
            runtime_path: "::soapgen_runtime".to_string(),
            client: true,
            server: true,
            blocking: false,
        }
    }
}

/// Errors of generation (the IR itself is already validated by the resolver).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// An option value is unusable (e.g. a type override that is not a Rust type).
    InvalidOption(String),
    /// The generated tokens did not parse as a Rust file (a generator bug).
    Internal(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::InvalidOption(m) => write!(f, "invalid option: {m}"),
            Error::Internal(m) => write!(f, "internal generator error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Generates the data types and their XML readers/writers as tokens.
pub fn generate_tokens(ir: &Ir, opts: &Options) -> Result<TokenStream, Error> {
    let names = Names::build(ir, opts)?;
    let mut tokens = emit::emit(ir, opts, &names)?;
    tokens.extend(operation::emit(ir, opts, names)?);
    Ok(tokens)
}

/// Generates the data types and their XML readers/writers as formatted,
/// deterministic source text.
pub fn generate(ir: &Ir, opts: &Options) -> Result<String, Error> {
    let tokens = generate_tokens(ir, opts)?;
    format_tokens(tokens)
}

/// Formats generated tokens with prettyplease.
pub fn format_tokens(tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(prettyplease::unparse(&file))
}
