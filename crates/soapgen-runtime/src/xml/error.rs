//! Errors of reading XML into generated types: what went wrong, the byte
//! offset in the input and the element path leading there.

use std::fmt;

/// What went wrong while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is not well-formed XML (message from quick-xml).
    Syntax(String),
    /// The document ended inside an element.
    UnexpectedEof,
    /// A child element that the content model does not allow here.
    UnexpectedElement(String),
    /// A required child element is missing.
    MissingElement(&'static str),
    /// A required attribute is missing.
    MissingAttribute(&'static str),
    /// An element appeared where only text is allowed.
    ElementInSimpleContent(String),
    /// A text or attribute value could not be parsed.
    InvalidValue(ValueError),
    /// `xsi:type` names a type that is not derived from the expected one.
    UnknownXsiType(String),
    /// A DTD was found: never expanded, always refused.
    DtdNotAllowed,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(m) => write!(f, "malformed XML: {m}"),
            ErrorKind::UnexpectedEof => f.write_str("unexpected end of document"),
            ErrorKind::UnexpectedElement(n) => write!(f, "unexpected element <{n}>"),
            ErrorKind::MissingElement(n) => write!(f, "missing required element <{n}>"),
            ErrorKind::MissingAttribute(n) => write!(f, "missing required attribute `{n}`"),
            ErrorKind::ElementInSimpleContent(n) => {
                write!(f, "element <{n}> where only text is allowed")
            }
            ErrorKind::InvalidValue(e) => e.fmt(f),
            ErrorKind::UnknownXsiType(t) => write!(f, "unknown xsi:type `{t}`"),
            ErrorKind::DtdNotAllowed => f.write_str("DTDs are not allowed"),
        }
    }
}

/// A read error with its byte position and element path (`/a/b/c`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// Byte offset in the input where the problem was detected.
    pub position: u64,
    /// Raw (prefixed) names of the open elements, outermost first.
    pub path: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at byte {} (in {})",
            self.kind, self.position, self.path
        )
    }
}

impl std::error::Error for Error {}

/// A lexical value that does not fit its type, or a value that breaks a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The offending value (truncated to 64 bytes).
    pub value: String,
    /// What was expected (`"xs:int"`, `"length <= 5"`, ...).
    pub expected: String,
}

impl ValueError {
    pub fn new(value: &str, expected: impl Into<String>) -> Self {
        let mut end = value.len().min(64);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        ValueError {
            value: value[..end].to_string(),
            expected: expected.into(),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid value `{}`: expected {}",
            self.value, self.expected
        )
    }
}

impl std::error::Error for ValueError {}
