//! Streaming XML reading and writing for generated types, over quick-xml.
//!
//! Generated code is deliberately thin: every type implements [`XmlRead`]
//! and [`XmlWrite`] with a small body that dispatches on child local names
//! and calls the generic helpers of [`XmlReader`] / [`XmlWriter`]. All the
//! event handling, namespace bookkeeping, escaping and error reporting lives
//! here, compiled once.
//!
//! Reading never builds a DOM: it pulls events from quick-xml's borrowed
//! slice reader and parses values straight from the input bytes.

mod any;
mod error;
mod reader;
mod traits;
mod writer;

pub use any::{AnyAttribute, AnyElement, AnyNode};
pub use error::{Error, ErrorKind, ValueError};
pub use reader::{Attr, XmlReader};
pub use traits::{GroupRead, GroupWrite, SimpleType, XmlRead, XmlWrite};
pub use writer::{Name, XmlWriter};

/// The XML Schema instance namespace (`xsi:type`, `xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Reads the root element of `input` as a `T` (the root's name is not checked).
pub fn from_slice<T: XmlRead>(input: &[u8]) -> Result<T, Error> {
    XmlReader::new(input).read_root()
}

/// Like [`from_slice`], for text.
pub fn from_str<T: XmlRead>(input: &str) -> Result<T, Error> {
    from_slice(input.as_bytes())
}

/// Like [`from_slice`], skipping unknown child elements instead of failing.
pub fn from_slice_lenient<T: XmlRead>(input: &[u8]) -> Result<T, Error> {
    let mut r = XmlReader::new(input);
    r.skip_unknown = true;
    r.read_root()
}

/// Writes `value` as a complete document whose root element is `name`.
pub fn to_string<T: XmlWrite + ?Sized>(value: &T, name: Name) -> String {
    let mut w = XmlWriter::new();
    value.write_xml(&mut w, name);
    w.into_string()
}

/// Re-exported so that generated code and macros name one quick-xml version.
pub use quick_xml::events::BytesStart;
