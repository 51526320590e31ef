//! [`XmlWriter`]: writes XML straight into a `Vec<u8>` with correct escaping
//! and namespace prefixes declared once per scope.

use std::fmt::Write as _;

use super::traits::{GroupWrite, SimpleType, XmlWrite};
use super::XSI_NS;

/// A namespace-qualified element or attribute name known at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    /// Empty for unqualified names.
    pub ns: &'static str,
    pub local: &'static str,
}

impl Name {
    pub const fn new(ns: &'static str, local: &'static str) -> Self {
        Name { ns, local }
    }
}

struct Binding {
    ns: String,
    prefix: String,
    /// Element depth that declared it (popped when that element ends).
    depth: usize,
}

/// Streaming XML writer used by generated `XmlWrite` impls.
///
/// Qualified names always use a prefix (never the default namespace), so
/// unqualified children stay in no namespace. A namespace is declared on the
/// first element that needs it and reused by all its descendants.
pub struct XmlWriter {
    buf: String,
    bindings: Vec<Binding>,
    /// Preferred prefixes, consulted when a namespace is first declared.
    preferred: Vec<(String, String)>,
    depth: usize,
    next_prefix: usize,
    /// Raw names of open elements (for end tags).
    open: Vec<String>,
    tag_open: bool,
    pending_xsi_type: Option<Name>,
    /// Mixed-content elements being written: their text pieces are
    /// interleaved with their children by child index.
    mixed: Vec<MixedState>,
}

struct MixedState {
    depth: usize,
    texts: Vec<(usize, String)>,
    next: usize,
    children: usize,
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    pub fn new() -> Self {
        XmlWriter {
            buf: String::new(),
            bindings: Vec::new(),
            preferred: Vec::new(),
            depth: 0,
            next_prefix: 0,
            open: Vec::new(),
            tag_open: false,
            pending_xsi_type: None,
            mixed: Vec::new(),
        }
    }

    /// Uses `prefix` for `ns` when it has to be declared.
    pub fn prefer_prefix(&mut self, ns: &str, prefix: &str) {
        if !self.preferred.iter().any(|(n, p)| n == ns && p == prefix) {
            self.preferred.push((ns.to_string(), prefix.to_string()));
        }
    }

    pub fn into_string(self) -> String {
        self.buf
    }

    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// The prefix bound to `ns`, declaring it on the open start tag if needed.
    pub fn prefix_for(&mut self, ns: &str) -> String {
        if let Some(b) = self.bindings.iter().rev().find(|b| b.ns == ns) {
            return b.prefix.clone();
        }
        let prefix = match self.preferred.iter().find(|(n, _)| n == ns) {
            Some((_, p)) if !self.bindings.iter().any(|b| &b.prefix == p) => p.clone(),
            _ if ns == XSI_NS && !self.bindings.iter().any(|b| b.prefix == "xsi") => {
                "xsi".to_string()
            }
            _ => loop {
                let p = format!("ns{}", self.next_prefix);
                self.next_prefix += 1;
                if !self.bindings.iter().any(|b| b.prefix == p) {
                    break p;
                }
            },
        };
        self.buf.push_str(" xmlns:");
        self.buf.push_str(&prefix);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, ns);
        self.buf.push('"');
        self.bindings.push(Binding {
            ns: ns.to_string(),
            prefix: prefix.clone(),
            depth: self.depth,
        });
        prefix
    }

    fn close_start(&mut self) {
        if self.tag_open {
            self.buf.push('>');
            self.tag_open = false;
        }
    }

    /// Opens `<name` (attributes may follow).
    pub fn start(&mut self, name: Name) {
        self.start_dyn(name.ns, name.local);
    }

    /// [`start`](Self::start) for names known only at run time.
    pub fn start_dyn(&mut self, ns: &str, local: &str) {
        self.close_start();
        if self.mixed.last().is_some_and(|m| m.depth == self.depth) {
            self.flush_mixed(false);
        }
        self.depth += 1;
        self.buf.push('<');
        let raw_start = self.buf.len();
        // The prefix may need a declaration, which must come after the name:
        // write the name first, with a placeholder for the prefix.
        let mut raw = String::new();
        if !ns.is_empty() {
            if let Some(b) = self.bindings.iter().rev().find(|b| b.ns == ns) {
                raw.push_str(&b.prefix);
                raw.push(':');
            }
        }
        raw.push_str(local);
        self.buf.push_str(&raw);
        self.tag_open = true;
        if !ns.is_empty() && raw.len() == local.len() {
            let prefix = self.prefix_for(ns);
            raw = format!("{prefix}:{local}");
            self.buf.insert_str(raw_start, &format!("{prefix}:"));
        }
        self.open.push(raw);
        if let Some(t) = self.pending_xsi_type.take() {
            self.xsi_type_attr(t.ns, t.local);
        }
    }

    fn xsi_type_attr(&mut self, ns: &str, local: &str) {
        let xsi = self.prefix_for(XSI_NS);
        let prefix = if ns.is_empty() {
            String::new()
        } else {
            self.prefix_for(ns)
        };
        let _ = write!(self.buf, " {xsi}:type=\"");
        if !prefix.is_empty() {
            self.buf.push_str(&prefix);
            self.buf.push(':');
        }
        self.buf.push_str(local);
        self.buf.push('"');
    }

    /// Makes the next [`start`](Self::start) carry `xsi:type="type"`.
    pub fn set_xsi_type(&mut self, type_name: Name) {
        self.pending_xsi_type = Some(type_name);
    }

    /// Writes an attribute `{ns}local` on the open start tag.
    pub fn attr<T: SimpleType>(&mut self, ns: &str, local: &str, value: &T) {
        value.declare_ns(self);
        // The prefix first: declaring it appends to the start tag.
        let prefix = (!ns.is_empty()).then(|| self.prefix_for(ns));
        self.buf.push(' ');
        if let Some(p) = prefix {
            self.buf.push_str(&p);
            self.buf.push(':');
        }
        self.buf.push_str(local);
        self.buf.push_str("=\"");
        // Text writers close an open start tag; inside a value it must stay open.
        self.tag_open = false;
        value.write_text(self);
        self.tag_open = true;
        self.buf.push('"');
    }

    /// Writes an attribute if present.
    pub fn opt_attr<T: SimpleType>(&mut self, ns: &str, local: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.attr(ns, local, v)
        }
    }

    /// Writes `value` as element(s) `{ns}local` (none for `None`, one per
    /// item for a `Vec`).
    pub fn write<T: XmlWrite + ?Sized>(
        &mut self,
        value: &T,
        ns: &'static str,
        local: &'static str,
    ) {
        value.write_xml(self, Name::new(ns, local))
    }

    /// Writes a nested model group (or `xs:any` content) inline.
    pub fn group<T: GroupWrite + ?Sized>(&mut self, value: &T) {
        value.write_group(self)
    }

    /// Writes an attribute with a run-time name and a raw string value.
    pub fn attr_dyn(&mut self, ns: &str, local: &str, value: &str) {
        let prefix = (!ns.is_empty()).then(|| self.prefix_for(ns));
        self.buf.push(' ');
        if let Some(p) = prefix {
            self.buf.push_str(&p);
            self.buf.push(':');
        }
        self.buf.push_str(local);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, value);
        self.buf.push('"');
    }

    /// Writes a namespace declaration on the open start tag (used to keep
    /// the declarations of captured `xs:any` content).
    pub fn declare_raw(&mut self, prefix: &str, ns: &str) {
        if self
            .bindings
            .iter()
            .rev()
            .any(|b| b.prefix == prefix && b.ns == ns && b.depth == self.depth)
        {
            return;
        }
        if prefix.is_empty() {
            self.buf.push_str(" xmlns=\"");
        } else {
            let _ = write!(self.buf, " xmlns:{prefix}=\"");
        }
        escape_into(&mut self.buf, ns);
        self.buf.push('"');
        if !prefix.is_empty() {
            self.bindings.push(Binding {
                ns: ns.to_string(),
                prefix: prefix.to_string(),
                depth: self.depth,
            });
        }
    }

    /// Starts the content of a mixed-content element: `texts` are
    /// `(number of child elements before it, text)` pairs, as read.
    pub fn mixed_text(&mut self, texts: &[(usize, String)]) {
        self.close_start();
        self.mixed.push(MixedState {
            depth: self.depth,
            texts: texts.to_vec(),
            next: 0,
            children: 0,
        });
    }

    /// Writes the pending text pieces of the innermost mixed element that
    /// come before its next child and counts that child (or writes all of
    /// them, at its end).
    fn flush_mixed(&mut self, all: bool) {
        let Some(mut m) = self.mixed.pop() else {
            return;
        };
        while let Some((at, text)) = m.texts.get(m.next) {
            if !all && *at > m.children {
                break;
            }
            escape_into(&mut self.buf, text);
            m.next += 1;
        }
        if !all {
            m.children += 1;
            self.mixed.push(m);
        }
    }

    /// Closes the current element (`</name>`, or `/>` when it had no content).
    pub fn end(&mut self) {
        if self.mixed.last().is_some_and(|m| m.depth == self.depth) {
            self.close_start();
            self.flush_mixed(true);
        }
        let raw = self.open.pop().unwrap_or_default();
        if self.tag_open {
            self.buf.push_str("/>");
            self.tag_open = false;
        } else {
            self.buf.push_str("</");
            self.buf.push_str(&raw);
            self.buf.push('>');
        }
        while self.bindings.last().is_some_and(|b| b.depth == self.depth) {
            self.bindings.pop();
        }
        self.depth -= 1;
    }

    /// Appends escaped text content.
    pub fn text(&mut self, s: &str) {
        self.close_start();
        escape_into(&mut self.buf, s);
    }

    /// Appends text that needs no escaping (numbers, fixed keywords).
    pub fn raw(&mut self, s: &str) {
        self.close_start();
        self.buf.push_str(s);
    }

    /// Appends a `Display` value that needs no escaping (numbers).
    pub fn display(&mut self, v: &impl std::fmt::Display) {
        self.close_start();
        let _ = write!(self.buf, "{v}");
    }

    /// `<name>text</name>` for a simple value.
    pub fn simple_element<T: SimpleType>(&mut self, name: Name, value: &T) {
        self.start(name);
        value.declare_ns(self);
        self.close_start();
        value.write_text(self);
        // A simple element with empty text is written `<a></a>`, not `<a/>`:
        // both mean the same, this one reads more like a value.
        self.end();
    }

    /// The text content of a simple-content complex type (after its attributes).
    pub fn simple_content<T: SimpleType>(&mut self, value: &T) {
        value.declare_ns(self);
        self.close_start();
        value.write_text(self);
    }

    /// `<name xsi:nil="true"/>`.
    pub fn nil_element(&mut self, name: Name) {
        self.start(name);
        let xsi = self.prefix_for(XSI_NS);
        let _ = write!(self.buf, " {xsi}:nil=\"true\"");
        self.end();
    }
}

/// Escapes `&`, `<`, `>`, `"` and CR (so that it survives end-of-line
/// normalisation) into `out`.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\r' => "&#xD;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}
