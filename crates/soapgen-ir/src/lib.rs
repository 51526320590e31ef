//! soapgen-ir: the resolved, language-neutral model of a WSDL/XSD document set.
//!
//! See [`model`] for the data; the resolver (syntax model → [`Ir`]) lives
//! beside it.

pub mod model;

pub use model::*;
