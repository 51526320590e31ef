//! soapgen-ir: the resolved, language-neutral model of a WSDL/XSD document set.
//!
//! See [`model`] for the data; [`load`] / [`load_str`] read a document set
//! with `soapgen-parser` and resolve it ([`resolve()`]) into an [`Ir`].

pub mod error;
pub mod model;
pub mod prune;
mod resolve;

pub use error::{Error, ErrorKind};
pub use model::*;
pub use resolve::resolve;
pub use soapgen_parser::{Limits, LoadOptions};

use std::path::Path;

/// Load the document set rooted at `path` and resolve it.
pub fn load(path: impl AsRef<Path>, opts: &LoadOptions) -> Result<Ir, Error> {
    let set = soapgen_parser::load_path(path, opts)?;
    resolve(&set)
}

/// Load a document set whose entry document is `text`, named `name`
/// (relative imports resolve against `name`, in `opts.in_memory` or on disk).
pub fn load_str(name: &str, text: &str, opts: &LoadOptions) -> Result<Ir, Error> {
    let set = soapgen_parser::load_str(name, text, opts)?;
    resolve(&set)
}
