//! The one error type of the SOAP layer, client and server side.

use super::fault::Fault;

/// Everything that can go wrong sending a SOAP request or decoding a SOAP message.
///
/// Variants are distinct so callers can tell "the server said no" ([`Error::Fault`],
/// [`Error::Http`]) from "we never got an answer" ([`Error::Connect`], [`Error::Timeout`])
/// from "the answer was broken" ([`Error::NonXmlBody`], [`Error::TruncatedBody`],
/// [`Error::Decode`]). Messages never contain credentials: transports strip URLs and
/// authorisation data before building them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-success HTTP status and no SOAP fault.
    #[error("HTTP status {status}: {snippet}")]
    Http {
        /// HTTP status code.
        status: u16,
        /// The start of the response body (lossy UTF-8, at most a few hundred bytes).
        snippet: String,
    },
    /// No complete response within the configured time.
    #[error("request timed out")]
    Timeout,
    /// The connection could not be established (refused, DNS, TLS handshake).
    /// The request did not reach the server.
    #[error("could not connect: {0}")]
    Connect(String),
    /// The response body is not XML at all (HTML error page, plain text, empty).
    #[error("response body is not XML (HTTP status {status}): {snippet}")]
    NonXmlBody {
        /// HTTP status code (0 when not from HTTP).
        status: u16,
        /// The start of the body.
        snippet: String,
    },
    /// The body ended early: connection closed mid-body or XML cut off.
    #[error("response body truncated at byte {position}")]
    TruncatedBody {
        /// Bytes received / position where the input ended.
        position: usize,
    },
    /// The peer returned a SOAP fault.
    #[error("SOAP fault: {0}")]
    Fault(Box<Fault>),
    /// The XML is well-formed enough to read but not what was expected.
    #[error("decode error at byte {position} ({path}): {message}")]
    Decode {
        /// Byte offset in the message.
        position: usize,
        /// Element path, e.g. `/Envelope/Body/getResponse`.
        path: String,
        /// What was wrong.
        message: String,
    },
    /// A message exceeded a configured size limit.
    #[error("message of more than {limit} bytes refused")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Any other transport failure (I/O error after connecting, protocol error, ...).
    #[error("transport error: {0}")]
    Transport(String),
}

/// The name generated clients use for [`Error`].
pub type ClientError = Error;

impl Error {
    /// A decode error without an element path.
    pub fn decode(position: usize, message: impl Into<String>) -> Error {
        Error::Decode {
            position,
            path: String::new(),
            message: message.into(),
        }
    }

    /// The fault, if this is [`Error::Fault`].
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Error::Fault(f) => Some(f),
            _ => None,
        }
    }
}

impl From<Fault> for Error {
    fn from(f: Fault) -> Error {
        Error::Fault(Box::new(f))
    }
}

/// The first `max` bytes of `body` as lossy UTF-8, cut at a character boundary, with
/// control characters flattened so that a snippet stays one log line.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if body.len() > max {
        out.push('…');
    }
    out.trim().to_owned()
}
