//! The error of `load`/`resolve`: a kind, a message and where.

use crate::model::Location;

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Reading or parsing a document failed (see the parser's kind).
    Load(soapgen_parser::ErrorKind),
    /// A QName names no type, element, group, attribute, attribute group,
    /// message, port type or binding of the document set.
    UnresolvedName,
    /// A type derives from itself, a group or attribute group contains
    /// itself, or a substitution group loops.
    CircularDefinition,
    /// A facet value is not valid for its facet (e.g. non-numeric length).
    InvalidFacet,
    /// A construct that is well-formed but inconsistent (a part with
    /// neither element nor type, a binding operation without a port type
    /// operation...).
    Invalid,
}

/// A resolution error. `Display` is `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub location: Option<Location>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>, location: Option<Location>) -> Self {
        Error {
            kind,
            message: message.into(),
            location,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(l) if l.line == 0 => write!(f, "{}: {}", l.file, self.message),
            Some(l) => write!(f, "{l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Convert a parser location.
pub(crate) fn loc(l: &soapgen_parser::Location) -> Location {
    Location {
        file: l.file.to_string(),
        line: l.line,
        column: l.column,
    }
}

impl From<soapgen_parser::Error> for Error {
    fn from(e: soapgen_parser::Error) -> Self {
        Error {
            kind: ErrorKind::Load(e.kind),
            message: e.message,
            location: e.location.as_ref().map(loc),
        }
    }
}
