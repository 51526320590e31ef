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
pub use traits::{GroupRead, GroupWrite, SimpleType, Slot, XmlRead, XmlWrite};
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_element_round_trips_losslessly() {
        let doc = r#"<a:root xmlns:a="urn:a" xmlns:b="urn:b" b:x="1 &amp; 2"><b:c>t&lt;<![CDATA[<raw>]]></b:c><!-- c --><d/></a:root>"#;
        let el: AnyElement = from_str(doc).unwrap();
        assert_eq!((el.ns.as_str(), el.local.as_str()), ("urn:a", "root"));
        assert_eq!(el.attributes[0].value, "1 & 2");
        let out = to_string(&el, Name::new("urn:a", "root"));
        let again: AnyElement = from_str(&out).unwrap();
        // Same tree (prefix hints and declarations may differ in order only).
        assert_eq!(again.children, el.children, "{out}");
        assert_eq!(again.attributes, el.attributes);
    }

    #[test]
    fn dtd_is_refused_and_errors_carry_positions() {
        let err = from_str::<AnyElement>("<!DOCTYPE x [<!ENTITY e 'x'>]><x>&e;</x>").unwrap_err();
        assert_eq!(err.kind, ErrorKind::DtdNotAllowed);
        let err = from_str::<String>("<a><b>x</b></a>").unwrap_err();
        assert_eq!(err.kind, ErrorKind::ElementInSimpleContent("b".into()));
        assert_eq!(err.path, "/a");
        let err = from_str::<String>("<a>text").unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnexpectedEof);
        let err = from_str::<i32>("<a>x1</a>").unwrap_err();
        assert!(matches!(err.kind, ErrorKind::InvalidValue(_)));
        let err = from_str::<String>("<a></b>").unwrap_err();
        assert!(matches!(err.kind, ErrorKind::Syntax(_)), "{err}");
    }

    /// The slot helpers generated readers use: an `Option` slot takes one
    /// value (a repeat is not consumed, so it counts as unknown), a `Vec`
    /// takes all; `group_children` stops at the first child not taken.
    #[test]
    fn slot_helpers_follow_occurrence() {
        struct Two(Option<i32>, Vec<String>);
        impl XmlRead for Two {
            fn read_xml(r: &mut XmlReader<'_>, _s: &BytesStart<'_>) -> Result<Self, Error> {
                let mut f = (None, Vec::new());
                r.children(|r, n| match n {
                    b"a" if r.ns_is("") => r.put(&mut f.0),
                    b"b" if r.ns_is("") => r.put(&mut f.1),
                    _ => Ok(false),
                })?;
                Ok(Two(f.0, f.1))
            }
        }
        let v: Two = from_str("<x><b>p</b><a>1</a><b>q</b></x>").unwrap();
        assert_eq!(
            (v.0, v.1),
            (Some(1), vec!["p".to_string(), "q".to_string()])
        );
        let err = from_str::<Two>("<x><a>1</a><a>2</a></x>")
            .err()
            .map(|e| e.kind);
        assert_eq!(err, Some(ErrorKind::UnexpectedElement("a".into())));
        let mut r = XmlReader::new(b"<x><a>1</a><b>p</b></x>");
        r.skip_unknown = true;
        let v: Two = r.read_root().unwrap();
        assert_eq!(v.0, Some(1));
    }

    #[test]
    fn text_is_escaped_and_unescaped() {
        let v: String = from_str("<a>&lt;&amp;&gt;&quot;&#65;</a>").unwrap();
        assert_eq!(v, "<&>\"A");
        assert_eq!(
            to_string(&v, Name::new("", "a")),
            "<a>&lt;&amp;&gt;&quot;A</a>"
        );
        let f: f64 = from_str("<a>-INF</a>").unwrap();
        assert_eq!(to_string(&f, Name::new("", "a")), "<a>-INF</a>");
        assert!(from_str::<f64>("<a>inf</a>").is_err());
        assert!(from_str::<bool>("<a> 1 </a>").unwrap());
    }
}
