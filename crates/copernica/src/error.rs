//! The one error type of the object-model layer.

use soapgen_runtime::ops::OpError;
use soapgen_runtime::soap;

use crate::generated::operations::ApiFault;

/// The fault string Copernica sends when the session is missing or expired
/// (`OBJECT_MODEL.md` §7; the official PHP client retries `login` on exactly it).
pub const NOT_LOGGED_ON: &str = "Not logged on";

/// Everything a call through [`crate::Copernica`] can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Copernica answered with a SOAP fault (bad parameter, unknown object,
    /// `Not logged on`, failed login, ...).
    #[error("{operation}: Copernica fault: {message}")]
    Fault {
        /// The SOAP operation that failed (e.g. `Database_createProfile`).
        operation: &'static str,
        /// Copernica's message (the fault string, or the `ApiError` detail's message).
        message: String,
        /// The numeric code of the `ApiError` detail, when one was sent.
        code: Option<i32>,
        /// The whole SOAP fault.
        fault: Box<soap::Fault>,
    },
    /// The request did not get a usable answer: connection, timeout, HTTP status,
    /// non-XML or truncated body.
    #[error("{operation}: {source}")]
    Transport {
        /// The SOAP operation.
        operation: &'static str,
        /// The runtime's error.
        #[source]
        source: soap::Error,
    },
    /// The answer was XML but did not match the WSDL's `Result` type.
    #[error("{operation}: cannot decode the response: {source}")]
    Decode {
        /// The SOAP operation.
        operation: &'static str,
        /// The runtime's decode error (with byte position and element path).
        #[source]
        source: soap::Error,
    },
    /// The `Result` decoded but holds another shape than the operation returns
    /// (e.g. a map where a paged list was expected).
    #[error("{operation}: expected {expected} in the result, found {found}")]
    UnexpectedResult {
        /// The SOAP operation.
        operation: &'static str,
        /// The shape the object model expected.
        expected: &'static str,
        /// The shape that came back.
        found: String,
    },
    /// A value sent by Copernica could not be interpreted (e.g. a non-numeric id).
    #[error("{operation}: invalid value in the result: {message}")]
    InvalidValue {
        /// The SOAP operation.
        operation: &'static str,
        /// What was wrong.
        message: String,
    },
}

impl Error {
    /// Copernica's fault message, when this is a fault.
    pub fn fault_message(&self) -> Option<&str> {
        match self {
            Error::Fault { message, .. } => Some(message),
            _ => None,
        }
    }

    /// True for the `Not logged on` fault (session missing or expired).
    pub fn is_not_logged_on(&self) -> bool {
        self.fault_message()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case(NOT_LOGGED_ON))
    }

    /// The operation this error belongs to.
    pub fn operation(&self) -> &'static str {
        match self {
            Error::Fault { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Decode { operation, .. }
            | Error::UnexpectedResult { operation, .. }
            | Error::InvalidValue { operation, .. } => operation,
        }
    }

    pub(crate) fn from_op(operation: &'static str, e: OpError<ApiFault>) -> Error {
        match e {
            OpError::Fault {
                detail: ApiFault::ApiFault(detail),
                fault,
            } => Error::Fault {
                operation,
                message: detail.message,
                code: detail.code,
                fault,
            },
            OpError::Soap(source) => Error::from_soap(operation, source),
        }
    }

    pub(crate) fn from_soap(operation: &'static str, source: soap::Error) -> Error {
        match source {
            soap::Error::Fault(fault) => Error::Fault {
                operation,
                message: fault
                    .reasons
                    .first()
                    .map(|r| r.text.clone())
                    .unwrap_or_default(),
                code: None,
                fault,
            },
            source @ soap::Error::Decode { .. } => Error::Decode { operation, source },
            source => Error::Transport { operation, source },
        }
    }
}

/// Short alias for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
