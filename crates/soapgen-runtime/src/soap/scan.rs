//! A small namespace-aware pull scanner over a byte slice, reporting byte offsets.
//!
//! quick-xml's slice reader gives borrowed events and exact positions; this wrapper adds
//! the namespace scope (which the envelope reader must hand on to generated readers), an
//! element path for error messages, a synthetic end event after `<empty/>` tags, and the
//! mapping of "input ended early" onto [`Error::TruncatedBody`].

use std::borrow::Cow;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::error::Error;
use super::names::{Namespaces, QName};

/// One attribute with its resolved name.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub name: QName,
    pub value: String,
}

/// A start tag (or empty-element tag) as seen by the scanner.
#[derive(Debug, Clone)]
pub(crate) struct StartTag {
    pub name: QName,
    /// Byte offset of `<` (absolute, including the scanner's base).
    pub start: usize,
    /// Byte offset just past the closing `>` of the start tag.
    pub content_start: usize,
    pub attrs: Vec<Attr>,
}

impl StartTag {
    pub fn attr(&self, ns: Option<&str>, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.namespace.as_deref() == ns && a.name.local == local)
            .map(|a| a.value.as_str())
    }
}

pub(crate) enum Tok<'a> {
    Start(StartTag),
    /// End of the current element; `start` is the offset of `</` (or of the content end
    /// for an empty-element tag) and `end` the offset just past `>`.
    End {
        start: usize,
        end: usize,
    },
    Text(Cow<'a, str>),
    Eof,
}

pub(crate) struct Scanner<'a> {
    src: &'a [u8],
    reader: Reader<&'a [u8]>,
    base: usize,
    pub ns: Namespaces,
    marks: Vec<usize>,
    pub path: Vec<String>,
    pending_empty_end: Option<usize>,
    /// Elements opened and not closed; unbalanced input ends in `TruncatedBody`.
    depth: usize,
}

/// Elements nested deeper than this are refused: it bounds the scope stacks on hostile
/// input and no SOAP message needs it.
const MAX_DEPTH: usize = 512;

impl<'a> Scanner<'a> {
    /// Scan `src`, which starts at absolute offset `base` of the message, with the
    /// namespace declarations `outer` already in scope.
    pub fn new(src: &'a [u8], base: usize, outer: Namespaces) -> Scanner<'a> {
        let mut reader = Reader::from_reader(src);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Scanner {
            src,
            reader,
            base,
            ns: outer,
            marks: Vec::new(),
            path: Vec::new(),
            pending_empty_end: None,
            depth: 0,
        }
    }

    pub fn position(&self) -> usize {
        self.base + self.reader.buffer_position() as usize
    }

    pub fn path_string(&self) -> String {
        let mut s = String::new();
        for p in &self.path {
            s.push('/');
            s.push_str(p);
        }
        s
    }

    pub fn error(&self, position: usize, message: impl Into<String>) -> Error {
        Error::Decode {
            position,
            path: self.path_string(),
            message: message.into(),
        }
    }

    fn map_xml_error(&self, err: XmlError) -> Error {
        let at = self.base + self.reader.error_position() as usize;
        match err {
            XmlError::Syntax(
                SyntaxError::UnclosedTag
                | SyntaxError::UnclosedCData
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedPIOrXmlDecl
                | SyntaxError::UnclosedDoctype
                | SyntaxError::InvalidBangMarkup,
            ) if self.reader.buffer_position() as usize >= self.src.len() => Error::TruncatedBody {
                position: self.base + self.src.len(),
            },
            XmlError::IllFormed(IllFormedError::MissingEndTag(_)) => Error::TruncatedBody {
                position: self.base + self.src.len(),
            },
            other => self.error(at, other.to_string()),
        }
    }

    fn pop_scope(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.ns.decls.truncate(mark);
        }
        self.path.pop();
        self.depth = self.depth.saturating_sub(1);
    }

    fn open(&mut self, e: &BytesStart<'_>, start: usize) -> Result<StartTag, Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(start, "elements nested too deeply"));
        }
        self.marks.push(self.ns.decls.len());
        self.depth += 1;
        // Namespace declarations first: they apply to the element's own name and to all
        // its attributes regardless of attribute order.
        let mut plain: Vec<(String, String)> = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.error(start, err.to_string()))?;
            let key = std::str::from_utf8(attr.key.as_ref())
                .map_err(|_| self.error(start, "attribute name is not UTF-8"))?
                .to_owned();
            let value = attr
                .unescape_value()
                .map_err(|err| self.error(start, err.to_string()))?
                .into_owned();
            if key == "xmlns" {
                self.ns.decls.push((String::new(), value));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                self.ns.decls.push((prefix.to_owned(), value));
            } else {
                plain.push((key, value));
            }
        }
        let raw = std::str::from_utf8(e.name().as_ref())
            .map_err(|_| self.error(start, "element name is not UTF-8"))?
            .to_owned();
        let name = self.element_name(&raw, start)?;
        self.path.push(name.local.clone());
        let mut attrs = Vec::with_capacity(plain.len());
        for (key, value) in plain {
            let name = match key.split_once(':') {
                Some((prefix, local)) => match self.ns.resolve(prefix) {
                    Some(ns) => QName::new(ns, local),
                    None => return Err(self.error(start, format!("undeclared prefix in `{key}`"))),
                },
                None => QName::unqualified(key),
            };
            attrs.push(Attr { name, value });
        }
        Ok(StartTag {
            name,
            start,
            content_start: self.position(),
            attrs,
        })
    }

    fn element_name(&self, raw: &str, at: usize) -> Result<QName, Error> {
        let (prefix, local) = match raw.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", raw),
        };
        match self.ns.resolve(prefix) {
            Some(ns) => Ok(QName::new(ns, local)),
            None if prefix.is_empty() => Ok(QName::unqualified(local)),
            None => Err(self.error(at, format!("undeclared prefix in `{raw}`"))),
        }
    }

    /// The next token; comments, processing instructions and the XML declaration are
    /// skipped, a DTD is refused (no entity expansion, ever).
    pub fn next(&mut self) -> Result<Tok<'a>, Error> {
        if let Some(at) = self.pending_empty_end.take() {
            self.pop_scope();
            return Ok(Tok::End { start: at, end: at });
        }
        loop {
            let start = self.position();
            let event = self
                .reader
                .read_event()
                .map_err(|err| self.map_xml_error(err))?;
            match event {
                Event::Start(e) => return self.open(&e, start).map(Tok::Start),
                Event::Empty(e) => {
                    let tag = self.open(&e, start)?;
                    self.pending_empty_end = Some(self.position());
                    return Ok(Tok::Start(tag));
                }
                Event::End(_) => {
                    let end = self.position();
                    self.pop_scope();
                    return Ok(Tok::End { start, end });
                }
                Event::Text(t) => {
                    let text = t
                        .unescape()
                        .map_err(|err| self.error(start, err.to_string()))?;
                    return Ok(Tok::Text(text));
                }
                Event::CData(c) => {
                    let text = match c.into_inner() {
                        Cow::Borrowed(b) => Cow::Borrowed(
                            std::str::from_utf8(b)
                                .map_err(|_| self.error(start, "CDATA is not UTF-8"))?,
                        ),
                        Cow::Owned(b) => Cow::Owned(
                            String::from_utf8(b)
                                .map_err(|_| self.error(start, "CDATA is not UTF-8"))?,
                        ),
                    };
                    return Ok(Tok::Text(text));
                }
                Event::DocType(_) => {
                    return Err(self.error(start, "DTDs are not allowed in SOAP messages"))
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(Error::TruncatedBody {
                            position: self.base + self.src.len(),
                        });
                    }
                    return Ok(Tok::Eof);
                }
            }
        }
    }

    /// Having just read `tag`, skip to its end; returns the offset just past it.
    pub fn skip(&mut self, tag: &StartTag) -> Result<usize, Error> {
        self.skip_inner(tag).map(|(_, end)| end)
    }

    /// Having just read `tag`, skip to its end; returns the offset where its content ends
    /// (the `</` of the end tag) and the offset just past the end tag.
    ///
    /// This is the hot path for large bodies, so nested content is only tokenised (tags
    /// balanced and end names checked by quick-xml), not namespace-resolved: the
    /// generated reader that parses the slice later does that.
    pub fn skip_inner(&mut self, tag: &StartTag) -> Result<(usize, usize), Error> {
        if self.pending_empty_end.is_some() {
            return match self.next()? {
                Tok::End { start, end } => Ok((start, end)),
                _ => Err(self.error(tag.start, "internal: empty element without end")),
            };
        }
        let mut depth = 0usize;
        loop {
            let start = self.position();
            let event = self
                .reader
                .read_event()
                .map_err(|err| self.map_xml_error(err))?;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => {
                    let end = self.position();
                    self.pop_scope();
                    return Ok((start, end));
                }
                Event::End(_) => depth -= 1,
                Event::DocType(_) => {
                    return Err(self.error(start, "DTDs are not allowed in SOAP messages"))
                }
                Event::Eof => {
                    return Err(Error::TruncatedBody {
                        position: self.base + self.src.len(),
                    })
                }
                _ => {}
            }
        }
    }

    /// Having just read `tag`, collect its text content (child elements are skipped, their
    /// text ignored) and consume its end.
    pub fn text(&mut self, tag: &StartTag) -> Result<String, Error> {
        let mut out = String::new();
        loop {
            match self.next()? {
                Tok::Text(t) => out.push_str(&t),
                Tok::Start(child) => {
                    self.skip(&child)?;
                }
                Tok::End { .. } => return Ok(out),
                Tok::Eof => {
                    return Err(Error::TruncatedBody {
                        position: self.base + self.src.len().max(tag.start),
                    })
                }
            }
        }
    }

    /// The next element start among the current element's children, skipping text;
    /// `None` at the current element's end (which is consumed).
    pub fn next_child(&mut self) -> Result<Option<StartTag>, Error> {
        loop {
            match self.next()? {
                Tok::Start(tag) => return Ok(Some(tag)),
                Tok::End { .. } => return Ok(None),
                Tok::Text(_) => {}
                Tok::Eof => {
                    return Err(Error::TruncatedBody {
                        position: self.base + self.src.len(),
                    })
                }
            }
        }
    }

    /// The first element of the document, after the prolog; text before it must be
    /// whitespace.
    pub fn root(&mut self) -> Result<Option<StartTag>, Error> {
        loop {
            let at = self.position();
            match self.next()? {
                Tok::Start(tag) => return Ok(Some(tag)),
                Tok::Text(t) if t.trim().is_empty() => {}
                Tok::Text(_) => return Err(self.error(at, "text before the root element")),
                Tok::End { start, .. } => return Err(self.error(start, "unexpected end tag")),
                Tok::Eof => return Ok(None),
            }
        }
    }

    /// The source slice (relative indexing: `abs - base`).
    pub fn slice(&self, abs: std::ops::Range<usize>) -> &'a [u8] {
        let start = abs.start.saturating_sub(self.base).min(self.src.len());
        let end = abs
            .end
            .saturating_sub(self.base)
            .min(self.src.len())
            .max(start);
        &self.src[start..end]
    }
}
