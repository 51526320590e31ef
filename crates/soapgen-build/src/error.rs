//! The error of every front end: what went wrong and, when known, where.

use std::path::PathBuf;

use soapgen_ir::Location;

/// A generation failure. `Display` is `file:line:column: message` when the
/// location is known; `Debug` is the same text so that
/// `fn main() -> Result<(), soapgen_build::Error>` in a build script prints
/// a readable message rather than a struct dump.
#[derive(Clone, PartialEq, Eq)]
pub enum Error {
    /// Loading or resolving the WSDL/XSD failed.
    Load(soapgen_ir::Error),
    /// A service/port/operation filter matched nothing.
    Filter {
        wsdl: PathBuf,
        error: soapgen_ir::prune::PruneError,
    },
    /// The emitter rejected an option or failed.
    Generate(soapgen_rust::Error),
    /// An option name or value is not valid.
    InvalidOption(String),
    /// Reading or writing a file failed.
    Io { path: PathBuf, message: String },
    /// A required environment variable (`OUT_DIR`) is missing.
    Env(String),
}

impl Error {
    pub(crate) fn option(message: impl Into<String>) -> Self {
        Error::InvalidOption(message.into())
    }

    /// Where the problem is in the input documents, if known.
    pub fn location(&self) -> Option<Location> {
        match self {
            Error::Load(e) => e.location().cloned(),
            Error::Filter { wsdl, .. } => Some(Location {
                file: wsdl.display().to_string(),
                line: 0,
                column: 0,
            }),
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Load(e) => write!(f, "{e}"),
            Error::Filter { wsdl, error } => write!(f, "{}: {error}", wsdl.display()),
            Error::Generate(e) => write!(f, "{e}"),
            Error::InvalidOption(m) => write!(f, "invalid option: {m}"),
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Env(m) => f.write_str(m),
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

impl From<soapgen_ir::Error> for Error {
    fn from(e: soapgen_ir::Error) -> Self {
        Error::Load(e)
    }
}

impl From<soapgen_rust::Error> for Error {
    fn from(e: soapgen_rust::Error) -> Self {
        Error::Generate(e)
    }
}
