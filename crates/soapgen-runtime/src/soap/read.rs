//! Envelope reading: version, header blocks and body children as byte ranges, the
//! namespace declarations in scope, and fault detection.

use std::ops::{Deref, Range};

use super::error::{snippet, Error};
use super::fault::{parse_fault, Fault};
use super::names::{Namespaces, QName};
use super::scan::{Scanner, Tok};
use super::SoapVersion;

/// A header block: a child of `Header`.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBlock {
    /// The block's element name.
    pub name: QName,
    /// Byte range of the whole element (start tag to end tag) in the message.
    pub range: Range<usize>,
    /// `mustUnderstand="1"`/`"true"` in the envelope namespace.
    pub must_understand: bool,
    /// SOAP 1.1 `actor` / SOAP 1.2 `role`.
    pub role: Option<String>,
}

/// A child element of `Body`.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyEntry {
    /// The element name (for document/literal the part element, for rpc the operation).
    pub name: QName,
    /// Byte range of the whole element in the message.
    pub range: Range<usize>,
    /// Its unqualified `id` attribute (rpc/encoded multi-reference targets).
    pub id: Option<String>,
}

/// Everything [`parse_envelope`] found, as owned data and byte ranges, so it can be kept
/// next to the message bytes (see [`super::Response`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopeLayout {
    /// Envelope version, from the root element's namespace.
    pub version: SoapVersion,
    /// Declarations in scope inside `Header` (declared on `Envelope` and `Header`).
    pub header_namespaces: Namespaces,
    /// Declarations in scope inside `Body` (declared on `Envelope` and `Body`).
    pub body_namespaces: Namespaces,
    /// Header blocks in document order.
    pub headers: Vec<HeaderBlock>,
    /// Body children in document order.
    pub body: Vec<BodyEntry>,
    /// Byte range of the body's content (between `<Body>` and `</Body>`).
    pub body_content: Range<usize>,
    /// The decoded fault when the body holds one.
    pub fault: Option<Fault>,
}

impl EnvelopeLayout {
    /// The first body child that is not a multi-reference target (`id`-carrying element
    /// in rpc/encoded), i.e. the operation or response element.
    pub fn first_body(&self) -> Option<&BodyEntry> {
        self.body
            .iter()
            .find(|e| e.id.is_none())
            .or_else(|| self.body.first())
    }

    /// Header blocks marked `mustUnderstand` whose names are not in `understood`.
    pub fn not_understood<'s>(&'s self, understood: &[QName]) -> Vec<&'s HeaderBlock> {
        self.headers
            .iter()
            .filter(|h| h.must_understand && !understood.contains(&h.name))
            .collect()
    }
}

/// A parsed envelope borrowing the message bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<'a> {
    /// The whole message.
    pub source: &'a [u8],
    /// What was found in it.
    pub layout: EnvelopeLayout,
}

impl Deref for Envelope<'_> {
    type Target = EnvelopeLayout;
    fn deref(&self) -> &EnvelopeLayout {
        &self.layout
    }
}

impl<'a> Envelope<'a> {
    /// The bytes of `range` (clamped to the message).
    pub fn slice(&self, range: &Range<usize>) -> &'a [u8] {
        slice(self.source, range)
    }

    /// The XML of the first body child that is not a multi-ref target.
    pub fn first_body_xml(&self) -> Option<&'a [u8]> {
        self.layout.first_body().map(|e| self.slice(&e.range))
    }

    /// The XML of the first header block named `name`.
    pub fn header_xml(&self, name: &QName) -> Option<&'a [u8]> {
        self.layout
            .headers
            .iter()
            .find(|h| &h.name == name)
            .map(|h| self.slice(&h.range))
    }

    /// `Err(Error::Fault)` when the body holds a fault, the envelope otherwise.
    pub fn into_result(self) -> Result<Envelope<'a>, Error> {
        match self.layout.fault {
            Some(fault) => Err(Error::Fault(Box::new(fault))),
            None => Ok(self),
        }
    }
}

pub(crate) fn slice<'a>(source: &'a [u8], range: &Range<usize>) -> &'a [u8] {
    let end = range.end.min(source.len());
    let start = range.start.min(end);
    &source[start..end]
}

/// True when the body cannot be XML: empty, or its first significant character is not
/// `<`, or it is an HTML page.
fn looks_non_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let trimmed = match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(i) => &bytes[i..],
        None => return true,
    };
    if trimmed.first() != Some(&b'<') {
        return true;
    }
    let head: Vec<u8> = trimmed
        .iter()
        .take(16)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// Parse a SOAP 1.1 or 1.2 envelope.
///
/// Only the envelope structure is read: header blocks and body children are skipped as
/// byte ranges for generated readers to parse; a `Fault` body is decoded into
/// [`EnvelopeLayout::fault`] (not turned into an error: use [`Envelope::into_result`]).
///
/// Errors: [`Error::NonXmlBody`] for something that is not XML at all,
/// [`Error::TruncatedBody`] when the input ends inside the envelope, [`Error::Decode`]
/// (with byte position and element path) for anything else.
pub fn parse_envelope(bytes: &[u8]) -> Result<Envelope<'_>, Error> {
    if looks_non_xml(bytes) {
        return Err(Error::NonXmlBody {
            status: 0,
            snippet: snippet(bytes, 256),
        });
    }
    let mut sc = Scanner::new(bytes, 0, Namespaces::default());
    let root = match sc.root()? {
        Some(root) => root,
        None => {
            return Err(Error::TruncatedBody {
                position: bytes.len(),
            })
        }
    };
    let version = match root
        .name
        .namespace
        .as_deref()
        .and_then(SoapVersion::from_envelope_ns)
    {
        Some(v) if root.name.local == "Envelope" => v,
        _ => {
            return Err(sc.error(
                root.start,
                format!("expected a SOAP 1.1 or 1.2 Envelope, found {}", root.name),
            ))
        }
    };
    let env_ns = version.envelope_ns();
    let mut layout = EnvelopeLayout {
        version,
        header_namespaces: sc.ns.clone(),
        body_namespaces: sc.ns.clone(),
        headers: Vec::new(),
        body: Vec::new(),
        body_content: 0..0,
        fault: None,
    };
    let mut seen_body = false;
    while let Some(child) = sc.next_child()? {
        if child.name.is(env_ns, "Header") && !seen_body && layout.headers.is_empty() {
            layout.header_namespaces = sc.ns.clone();
            while let Some(block) = sc.next_child()? {
                let end = sc.skip(&block)?;
                let must_understand = matches!(
                    block.attr(Some(env_ns), "mustUnderstand").map(str::trim),
                    Some("1" | "true")
                );
                let role = match version {
                    SoapVersion::Soap11 => block.attr(Some(env_ns), "actor"),
                    SoapVersion::Soap12 => block.attr(Some(env_ns), "role"),
                }
                .map(str::to_owned);
                layout.headers.push(HeaderBlock {
                    name: block.name,
                    range: block.start..end,
                    must_understand,
                    role,
                });
            }
        } else if child.name.is(env_ns, "Body") && !seen_body {
            seen_body = true;
            layout.body_namespaces = sc.ns.clone();
            let content_start = child.content_start;
            let content_end;
            loop {
                let entry = match sc.next()? {
                    Tok::Start(entry) => entry,
                    Tok::End { start, .. } => {
                        content_end = start;
                        break;
                    }
                    Tok::Text(_) => continue,
                    Tok::Eof => {
                        return Err(Error::TruncatedBody {
                            position: bytes.len(),
                        })
                    }
                };
                if layout.body.is_empty() && entry.name.is(env_ns, "Fault") {
                    let fault = parse_fault(&mut sc, &entry, version)?;
                    let end = sc.position();
                    layout.fault = Some(fault);
                    layout.body.push(BodyEntry {
                        name: entry.name,
                        range: entry.start..end,
                        id: None,
                    });
                    continue;
                }
                let end = sc.skip(&entry)?;
                layout.body.push(BodyEntry {
                    id: entry.attr(None, "id").map(str::to_owned),
                    name: entry.name,
                    range: entry.start..end,
                });
            }
            layout.body_content = content_start..content_end.max(content_start);
        } else {
            // SOAP 1.1 allows trailing elements after Body; skip anything unknown.
            sc.skip(&child)?;
        }
    }
    if !seen_body {
        return Err(sc.error(sc.position(), "the Envelope has no Body"));
    }
    // Anything after the root element other than whitespace/comments is an error.
    loop {
        let at = sc.position();
        match sc.next()? {
            Tok::Eof => break,
            Tok::Text(t) if t.trim().is_empty() => {}
            _ => return Err(sc.error(at, "content after the Envelope")),
        }
    }
    Ok(Envelope {
        source: bytes,
        layout,
    })
}
