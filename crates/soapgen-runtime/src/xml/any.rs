//! [`AnyElement`]: lossless capture of an `xs:any` element (or of the
//! content of an `xs:anyType` element): names resolved, namespace
//! declarations, attributes, text, comments and children kept in order.

use quick_xml::events::BytesStart;

use super::error::Error;
use super::reader::XmlReader;
use super::traits::XmlRead;
use super::traits::{GroupWrite, XmlWrite};
use super::writer::{Name, XmlWriter};

/// An XML element captured as a tree. Equality ignores the prefix hint
/// (prefixes are not part of an element's meaning).
#[derive(Debug, Clone, Default, Eq)]
pub struct AnyElement {
    /// Resolved namespace ("" for none).
    pub ns: String,
    pub local: String,
    /// The prefix used in the source (a hint; writing may choose another).
    pub prefix: Option<String>,
    /// Namespace declarations made on this element, in source order
    /// (`("", uri)` for a default namespace declaration).
    pub namespaces: Vec<(String, String)>,
    pub attributes: Vec<AnyAttribute>,
    pub children: Vec<AnyNode>,
}

/// An attribute of a captured element (namespace resolved).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnyAttribute {
    pub ns: String,
    pub local: String,
    pub value: String,
}

/// A child of a captured element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyNode {
    Element(AnyElement),
    Text(String),
    Comment(String),
}

impl PartialEq for AnyElement {
    fn eq(&self, other: &Self) -> bool {
        self.ns == other.ns
            && self.local == other.local
            && self.namespaces == other.namespaces
            && self.attributes == other.attributes
            && self.children == other.children
    }
}

impl AnyElement {
    /// The concatenated text children.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            if let AnyNode::Text(t) = c {
                s.push_str(t);
            }
        }
        s
    }

    /// Writes this element with its own name.
    pub fn write_self(&self, w: &mut XmlWriter) {
        self.write_named(w, &self.ns, &self.local)
    }

    fn write_named(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        // Declarations come first so that the element's own prefix and the
        // prefixes used inside text (QNames) keep their source bindings.
        if let (Some(p), false) = (&self.prefix, ns.is_empty()) {
            if self.namespaces.iter().any(|(dp, dn)| dp == p && dn == ns) {
                w.prefer_prefix(ns, p);
            }
        }
        w.start_dyn(ns, local);
        for (p, n) in &self.namespaces {
            // A default-namespace declaration would put unqualified children
            // in a namespace; their names are written resolved, so skip it.
            if !p.is_empty() {
                w.declare_raw(p, n);
            }
        }
        for a in &self.attributes {
            w.attr_dyn(&a.ns, &a.local, &a.value);
        }
        for c in &self.children {
            match c {
                AnyNode::Element(e) => e.write_self(w),
                AnyNode::Text(t) => w.text(t),
                AnyNode::Comment(t) => {
                    w.raw("<!--");
                    w.raw(&t.replace("--", "- -"));
                    w.raw("-->");
                }
            }
        }
        w.end();
    }
}

/// As the value of an `xs:anyType` element: the element's content is
/// captured, its name comes from the schema.
impl XmlRead for AnyElement {
    fn read_xml(r: &mut XmlReader<'_>, start: &BytesStart<'_>) -> Result<Self, Error> {
        r.read_any_content(start)
    }
}

impl XmlWrite for AnyElement {
    fn write_xml(&self, w: &mut XmlWriter, name: Name) {
        self.write_named(w, name.ns, name.local)
    }
}

/// As an `xs:any` wildcard member: written with its own name.
impl GroupWrite for AnyElement {
    fn write_group(&self, w: &mut XmlWriter) {
        self.write_self(w)
    }
}
