//! soapgen-parser: WSDL 1.1 and XML Schema documents to a syntax model that
//! keeps source locations, loaded through a pluggable [`Loader`].
//!
//! The entry points are [`load_path`] and [`load_str`]; both follow every
//! `wsdl:import`, `xs:import`, `xs:include` and `xs:redefine` and return a
//! [`DocumentSet`] in load order. Interpretation (following QName
//! references) is `soapgen-ir`'s job.

pub mod catalog;
pub mod error;
pub mod loader;
pub mod location;
pub mod paths;
mod set;
pub mod wsdl;
pub mod xml;
pub mod xsd;

pub use catalog::Catalog;
pub use error::{Error, ErrorKind, Result};
pub use loader::{DefaultLoader, LoadFailure, Loader, Source, WELL_KNOWN};
pub use location::Location;
pub use set::{load_path, load_str, load_with, Document, DocumentKind, DocumentSet, Warning};
pub use xml::QName;

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Safety limits. The defaults are generous for real WSDLs (the largest
/// corpus service is 47 files, 2.8 MB) and small enough to stop hostile input.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest accepted document, in bytes.
    pub max_document_bytes: usize,
    /// Most documents one load may pull in.
    pub max_documents: usize,
    /// Deepest accepted element nesting.
    pub max_depth: usize,
    /// Most XML nodes per document (roxmltree's limit).
    pub max_nodes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 64 * 1024 * 1024,
            max_documents: 2_000,
            // xml::HARD_MAX_DEPTH: deeper documents overflow the stack of
            // a debug-build test thread.
            max_depth: xml::HARD_MAX_DEPTH,
            max_nodes: 20_000_000,
        }
    }
}

/// How to load a document set.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// OASIS XML catalog files mapping URLs/namespaces to local files.
    pub catalogs: Vec<PathBuf>,
    /// Documents by name (path or URL) that take precedence over files.
    pub in_memory: BTreeMap<String, String>,
    /// Resolve the SOAP 1.1 encoding schema and `xml.xsd` from copies
    /// bundled in this crate (by namespace and by their usual URLs).
    pub bundled_well_known: bool,
    /// Accept an internal DTD subset (its entities are expanded by roxmltree,
    /// which guards against entity loops and billion-laughs blow-up). Off by
    /// default: a DOCTYPE is then a `DtdNotAllowed` error. Needed for the
    /// W3C xmldsig schema, which declares `<!ENTITY dsig ...>`.
    pub allow_dtd: bool,
    pub limits: Limits,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            catalogs: Vec::new(),
            in_memory: BTreeMap::new(),
            bundled_well_known: true,
            allow_dtd: false,
            limits: Limits::default(),
        }
    }
}

impl LoadOptions {
    /// The default loader for these options (reads the catalog files).
    pub fn loader(&self) -> Result<DefaultLoader> {
        let mut catalogs = Vec::new();
        for c in &self.catalogs {
            catalogs.push(Catalog::load(c)?);
        }
        Ok(DefaultLoader {
            in_memory: self.in_memory.clone(),
            catalogs,
            bundled: self.bundled_well_known,
            max_document_bytes: Some(self.limits.max_document_bytes),
        })
    }
}
