//! Decoding a (verified) callback body into a [`CallbackEvent`].
//!
//! Decoding is tolerant on purpose (CALLBACKS.md §4.3): unknown members and
//! elements are ignored, ids may be numbers or strings, field values may be
//! strings, numbers or null, and interests may be a list of names or a map
//! of name → flag. What cannot be understood (no `action`, an unknown action,
//! malformed JSON/XML) is a [`DecodeError`] with a position.

mod json;
mod xml;

use super::event::{CallbackEvent, Format, ObjectKind};

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The JSON is not well formed or has the wrong shape.
    #[error("invalid JSON callback body at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The XML is not well formed (DTDs are refused as well).
    #[error("invalid XML callback body at line {line}, column {column}: {message}")]
    Xml {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What was wrong.
        message: String,
    },
    /// The XML body is not UTF-8.
    #[error("XML callback body is not UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A required member (`id` or `action`) is absent.
    #[error("callback body has no `{0}` member")]
    MissingMember(&'static str),
    /// `action` is not create, update or delete.
    #[error("unknown callback action `{0}`")]
    UnknownAction(String),
    /// The format could not be determined from the configuration, the
    /// Content-Type or the body.
    #[error("cannot tell whether the callback body is JSON or XML")]
    UnknownFormat,
}

/// Decodes `body` in the given `format` as a callback about a `kind` object.
///
/// Only call this on the exact bytes that passed
/// [`Verifier::verify`](super::Verifier::verify).
pub fn decode(body: &[u8], format: Format, kind: ObjectKind) -> Result<CallbackEvent, DecodeError> {
    match format {
        Format::Json => json::decode(body, kind),
        Format::Xml => xml::decode(body, kind),
    }
}

/// Decodes `body`, choosing the format from `content_type` or, failing that,
/// the first non-blank byte (see [`Format::detect`]).
pub fn decode_detect(
    body: &[u8],
    content_type: Option<&str>,
    kind: ObjectKind,
) -> Result<CallbackEvent, DecodeError> {
    let format = Format::detect(content_type, body).ok_or(DecodeError::UnknownFormat)?;
    decode(body, format, kind)
}

/// Interest flags in the Marketing Suite map form: `1`, `true`, `yes` mean
/// the profile has the interest.
fn truthy(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}
