//! Qualified names and namespace scopes as seen by the envelope reader.

use std::fmt;

/// An expanded XML name: namespace URI (if any) plus local name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    /// Namespace URI; `None` for names in no namespace.
    pub namespace: Option<String>,
    /// Local part.
    pub local: String,
}

impl QName {
    /// A name in `namespace`.
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> QName {
        QName {
            namespace: Some(namespace.into()),
            local: local.into(),
        }
    }

    /// A name in no namespace.
    pub fn unqualified(local: impl Into<String>) -> QName {
        QName {
            namespace: None,
            local: local.into(),
        }
    }

    /// True when this name is `{ns}local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.namespace.as_deref() == Some(ns) && self.local == local
    }
}

impl fmt::Display for QName {
    /// Clark notation: `{ns}local`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// Namespace declarations in scope at some point of a document, in declaration order
/// (outermost first). The default namespace uses the empty prefix.
///
/// A generated reader parsing a sub-slice (a body child, a fault detail) is handed these
/// because prefixes used inside the slice are commonly declared on `Envelope` or `Body`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Namespaces {
    /// `(prefix, uri)`, outermost declaration first; a later entry shadows an earlier one.
    pub decls: Vec<(String, String)>,
}

impl Namespaces {
    /// Resolve `prefix` ("" = default namespace). The `xml` prefix is always bound.
    /// An empty URI (`xmlns=""` undeclaration) resolves to `None`.
    pub fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(super::XML_NS);
        }
        self.decls
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str())
            .filter(|uri| !uri.is_empty())
    }

    /// Resolve a prefixed name found in text content or an attribute value
    /// (`xsd:string`, `soap:Server`). Unprefixed names take the default namespace, as
    /// QName-valued content does in XML Schema.
    pub fn resolve_qname(&self, text: &str) -> Option<QName> {
        let text = text.trim();
        let (prefix, local) = match text.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", text),
        };
        if local.is_empty() {
            return None;
        }
        match self.resolve(prefix) {
            Some(ns) => Some(QName::new(ns, local)),
            None if prefix.is_empty() => Some(QName::unqualified(local)),
            None => None,
        }
    }

    /// Only the innermost binding of each prefix, sorted by prefix: the set a reader
    /// needs to seed its own scope with.
    pub fn effective(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (p, uri) in self.decls.iter().rev() {
            if !out.iter().any(|(q, _)| q == p) {
                out.push((p.clone(), uri.clone()));
            }
        }
        out.sort();
        out
    }
}
