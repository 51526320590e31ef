//! XML reading: roxmltree with DTDs refused, limits enforced, and helpers
//! shared by the XSD and WSDL readers (locations, QName resolution).

use crate::error::{Error, ErrorKind, Result};
use crate::location::{LineIndex, Location};
use crate::Limits;
use roxmltree::{Document, Node};
use std::sync::Arc;

pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// Pre-recommendation schema namespaces still seen in old rpc/encoded WSDLs.
pub const XSD_NS_OLD: [&str; 2] = [
    "http://www.w3.org/1999/XMLSchema",
    "http://www.w3.org/2000/10/XMLSchema",
];
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
pub const WSDL20_NS: &str = "http://www.w3.org/ns/wsdl";
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

pub fn is_xsd_ns(ns: &str) -> bool {
    ns == XSD_NS || XSD_NS_OLD.contains(&ns)
}

/// Deepest nesting ever accepted, whatever `Limits::max_depth` says. The
/// schema reader recurses per level: measured on a 2 MiB test-thread stack
/// in a debug build it overflows between 230 and 254 levels of
/// sequence/element/complexType, so this keeps a 20% margin.
pub const HARD_MAX_DEPTH: usize = 192;

/// Parse `text` into a roxmltree document, refusing DTDs and enforcing the
/// size and nesting limits (the nesting check is iterative, so a hostile
/// 100,000-deep document is reported, never a stack overflow later on).
pub(crate) fn parse_document<'t>(
    file: &Arc<str>,
    text: &'t str,
    limits: &Limits,
    allow_dtd: bool,
) -> Result<Document<'t>> {
    if text.len() > limits.max_document_bytes {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "document is {} bytes, larger than the limit of {} bytes (LoadOptions::limits.max_document_bytes)",
                text.len(),
                limits.max_document_bytes
            ),
            Some(Location::file(file)),
        ));
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd,
        nodes_limit: limits.max_nodes,
    };
    // A raised `max_depth` cannot go past the depth that the recursive
    // readers (roxmltree's tokenizer, the schema reader, the resolver) are
    // known to survive on a 2 MiB thread stack in a debug build.
    check_depth(file, text, limits.max_depth.min(HARD_MAX_DEPTH))?;
    Document::parse_with_options(text, opts).map_err(|e| xml_error(file, text, e))
}

fn xml_error(file: &Arc<str>, text: &str, e: roxmltree::Error) -> Error {
    let index = LineIndex::new(file.clone(), text);
    match e {
        roxmltree::Error::DtdDetected => {
            let pos = text.find("<!DOCTYPE").unwrap_or(0);
            Error::at(
                ErrorKind::DtdNotAllowed,
                &index.location(pos),
                "DTD/entity declarations are not allowed (DOCTYPE found); if you trust this document, opt in with LoadOptions::allow_dtd (soapgen --allow-dtd)",
            )
        }
        roxmltree::Error::NodesLimitReached => Error::new(
            ErrorKind::LimitExceeded,
            "document has more XML nodes than the limit (LoadOptions::limits.max_nodes)",
            Some(Location::file(file)),
        ),
        other => {
            let p = other.pos();
            let loc = Location {
                file: file.clone(),
                line: p.row,
                column: p.col,
            };
            Error::at(
                ErrorKind::MalformedXml,
                &loc,
                format!("malformed XML: {other}"),
            )
        }
    }
}

/// Lexical pre-scan of the element nesting depth. roxmltree's tokenizer
/// recurses once per nesting level, so a hostile 100,000-deep document
/// would overflow the stack inside `Document::parse`; this scan is
/// iterative and runs first. It only needs to be right for well-formed
/// input: anything else is reported by roxmltree afterwards.
fn check_depth(file: &Arc<str>, text: &str, max_depth: usize) -> Result<()> {
    let b = text.as_bytes();
    let find = |from: usize, pat: &[u8]| -> usize {
        b[from.min(b.len())..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map(|p| from + p + pat.len())
            .unwrap_or(b.len())
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = find(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = find(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            let mut j = i + 2;
            let mut brackets = 0i32;
            while j < b.len() {
                match b[j] {
                    b'[' => brackets += 1,
                    b']' => brackets -= 1,
                    b'>' if brackets <= 0 => break,
                    _ => {}
                }
                j += 1;
            }
            i = j + 1;
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = find(i + 2, b">");
        } else {
            // A start tag: find its end, skipping quoted attribute values.
            let start = i;
            let mut j = i + 1;
            let mut quote = 0u8;
            while j < b.len() {
                let c = b[j];
                if quote != 0 {
                    if c == quote {
                        quote = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    quote = c;
                } else if c == b'>' {
                    break;
                }
                j += 1;
            }
            let self_closing = j > 0 && j < b.len() && b[j - 1] == b'/';
            if !self_closing {
                depth += 1;
                if depth > max_depth {
                    let index = LineIndex::new(file.clone(), text);
                    return Err(Error::at(
                        ErrorKind::LimitExceeded,
                        &index.location(start),
                        format!(
                            "element nesting deeper than the limit of {max_depth} (LoadOptions::limits.max_depth)"
                        ),
                    ));
                }
            }
            i = j + 1;
        }
    }
    Ok(())
}

/// Per-document reading context.
pub(crate) struct Ctx<'a> {
    pub index: LineIndex<'a>,
    /// Chameleon include: the namespace that no-namespace names take.
    pub chameleon: Option<String>,
}

impl<'a> Ctx<'a> {
    pub fn new(file: Arc<str>, text: &'a str, chameleon: Option<String>) -> Self {
        Ctx {
            index: LineIndex::new(file, text),
            chameleon,
        }
    }

    pub fn loc(&self, node: Node) -> Location {
        self.index.location(node.range().start)
    }

    pub fn invalid(&self, node: Node, msg: impl Into<String>) -> Error {
        Error::at(ErrorKind::InvalidSyntax, &self.loc(node), msg)
    }

    /// Resolve a `prefix:local` QName in the scope of `node`.
    pub fn qname(&mut self, node: Node, value: &str) -> Result<QName> {
        let value = value.trim();
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        if local.is_empty() || prefix == Some("") {
            return Err(self.invalid(node, format!("invalid QName '{value}'")));
        }
        let ns = match prefix {
            Some("xml") => XML_NS.to_string(),
            Some(p) => match node.lookup_namespace_uri(Some(p)) {
                Some(ns) => ns.to_string(),
                None => {
                    return Err(self.invalid(
                        node,
                        format!("undeclared namespace prefix '{p}' in QName '{value}'"),
                    ))
                }
            },
            None => node
                .lookup_namespace_uri(None)
                .map(str::to_string)
                .unwrap_or_default(),
        };
        let ns = if ns.is_empty() {
            self.chameleon.clone().unwrap_or_default()
        } else {
            ns
        };
        Ok(QName {
            ns,
            local: local.to_string(),
        })
    }

    pub fn opt_qname(&mut self, node: Node, attr: &str) -> Result<Option<QName>> {
        match node.attribute(attr) {
            Some(v) => self.qname(node, v).map(Some),
            None => Ok(None),
        }
    }

    pub fn qname_list(&mut self, node: Node, attr: &str) -> Result<Vec<QName>> {
        let mut out = Vec::new();
        if let Some(v) = node.attribute(attr) {
            for item in v.split_whitespace() {
                out.push(self.qname(node, item)?);
            }
        }
        Ok(out)
    }

    pub fn bool_attr(&self, node: Node, attr: &str) -> Result<Option<bool>> {
        match node.attribute(attr).map(str::trim) {
            None => Ok(None),
            Some("true") | Some("1") => Ok(Some(true)),
            Some("false") | Some("0") => Ok(Some(false)),
            Some(v) => Err(self.invalid(node, format!("invalid boolean '{v}' in @{attr}"))),
        }
    }

    pub fn required<'n>(&self, node: Node<'n, '_>, attr: &str) -> Result<&'n str> {
        node.attribute(attr).ok_or_else(|| {
            self.invalid(
                node,
                format!(
                    "<{}> requires the attribute @{attr}",
                    node.tag_name().name()
                ),
            )
        })
    }
}

/// A namespace-qualified name as resolved while reading.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
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

impl std::fmt::Display for QName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// True if `node` is an element in namespace `ns` named `local`.
pub fn is(node: Node, ns: &str, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(ns)
}

pub fn is_xsd(node: Node, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace().is_some_and(is_xsd_ns)
}

/// Joined text of the `documentation` children of an annotation-bearing
/// node (XSD `annotation/documentation` or WSDL `documentation`).
pub fn text_of(node: Node) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if d.is_text() {
            s.push_str(d.text().unwrap_or(""));
        }
    }
    s.trim().to_string()
}

/// Refuse documents that are templates with unexpanded `{{var ...}}`
/// placeholders (e.g. Magento's wsdl.xml): they are not the real WSDL.
pub(crate) fn check_placeholders(ctx: &Ctx, doc: &Document) -> Result<()> {
    for node in doc.descendants().filter(|n| n.is_element()) {
        let ns_vals = node.namespaces().map(|n| n.uri());
        let attr_vals = node.attributes().map(|a| a.value());
        for v in ns_vals.chain(attr_vals) {
            if let Some(i) = v.find("{{") {
                if v[i..].contains("}}") {
                    let end = v[i..].find("}}").map(|e| i + e + 2).unwrap_or(v.len());
                    return Err(Error::at(
                        ErrorKind::TemplatePlaceholder,
                        &ctx.loc(node),
                        format!(
                            "unexpanded template placeholder '{}' in '{v}': this file is a template that its server fills in at run time; save the WSDL the server actually serves and use that",
                            &v[i..end]
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}
