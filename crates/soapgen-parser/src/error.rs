//! Typed front-end errors. Every error a user can cause carries the place
//! where it was found (the importing statement for load failures).

use crate::location::Location;

/// What went wrong, as a closed set so callers can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The document is not well-formed XML.
    MalformedXml,
    /// A DOCTYPE / entity declaration was found; never expanded, always refused.
    DtdNotAllowed,
    /// A configured limit (size, document count, nesting depth) was exceeded.
    LimitExceeded,
    /// A file or in-memory document could not be found or read.
    NotFound,
    /// A remote (http/https) location without a catalog or in-memory mapping.
    RemoteNotMapped,
    /// The document is WSDL 2.0.
    Wsdl20Unsupported,
    /// The document is not WSDL 1.1 or XML Schema at its root.
    UnknownDocument,
    /// An unexpanded template placeholder (`{{var ...}}`) was found.
    TemplatePlaceholder,
    /// An attribute or element is present but its value/shape is invalid
    /// (bad QName prefix, non-numeric `minOccurs`, missing required attribute...).
    InvalidSyntax,
    /// An XML catalog file could not be read or parsed.
    Catalog,
}

/// A front-end error: kind, message and (when known) the location.
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

    pub fn at(kind: ErrorKind, location: &Location, message: impl Into<String>) -> Self {
        Error::new(kind, message, Some(location.clone()))
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
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
