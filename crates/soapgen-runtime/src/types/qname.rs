//! [`QName`]: an `xs:QName` value, resolved against the in-scope namespaces.

use crate::xml::{SimpleType, ValueError, XmlReader, XmlWriter};

/// A resolved `xs:QName` value. Writing declares a prefix for `ns` as needed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct QName {
    /// Namespace ("" for none).
    pub ns: String,
    pub local: String,
}

impl QName {
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl SimpleType for QName {
    fn parse_text(text: &str, r: &XmlReader<'_>) -> Result<Self, ValueError> {
        let t = text.trim();
        match r.resolve_qname(t) {
            Some((ns, local)) if !local.is_empty() => Ok(QName::new(ns, local)),
            _ => Err(ValueError::new(text, "xs:QName with a declared prefix")),
        }
    }
    fn write_text(&self, w: &mut XmlWriter) {
        if !self.ns.is_empty() {
            let p = w.prefix_for(&self.ns);
            w.raw(&p);
            w.raw(":");
        }
        w.text(&self.local)
    }
    fn declare_ns(&self, w: &mut XmlWriter) {
        if !self.ns.is_empty() {
            w.prefix_for(&self.ns);
        }
    }
}

crate::simple_xml!(QName);
