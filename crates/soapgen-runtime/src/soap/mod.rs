//! SOAP 1.1/1.2 envelopes, faults, rpc/encoded helpers and the generic client core.
//!
//! This layer deliberately works on byte slices and write callbacks rather than on the
//! generated types' (de)serialisation traits: the envelope writer takes a closure that
//! appends the body XML, and the envelope reader hands back byte ranges of header blocks
//! and body children (plus the namespace declarations in scope there) for a generated
//! reader to parse.

mod client;
mod encoding;
mod error;
mod fault;
mod names;
mod read;
mod scan;
mod write;
mod wsse;

#[cfg(feature = "blocking")]
pub use client::BlockingClient;
pub use client::{Client, OperationMeta, Response, Style, Use};
pub use encoding::{
    array_items, inline_multirefs, parse_array_type, write_array_attrs, write_xsi_type, ArrayItems,
    ArrayType, MultiRefIndex, RefLimits, MAX_ARRAY_PREALLOC,
};
pub use error::{ClientError, Error};
pub use fault::{write_fault, write_fault_envelope, Fault, FaultCode, FaultReason};
pub use names::{Namespaces, QName};
pub use read::{parse_envelope, BodyEntry, Envelope, EnvelopeLayout, HeaderBlock};
pub use write::{
    escape_attr, escape_text, write_envelope, write_envelope_with, EnvelopeOptions, OutHeader,
};
pub use wsse::{PasswordType, UsernameToken, WSSE_NS, WSU_NS};

/// Namespace of the SOAP 1.1 envelope.
pub const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Namespace of the SOAP 1.2 envelope.
pub const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// SOAP 1.1 section 5 encoding namespace (rpc/encoded).
pub const SOAP11_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// SOAP 1.2 encoding namespace.
pub const SOAP12_ENC_NS: &str = "http://www.w3.org/2003/05/soap-encoding";
/// XML Schema instance namespace (`xsi:type`, `xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// XML Schema namespace (`xsd:string` ...).
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The namespace bound to the reserved `xml` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// SOAP protocol version of an envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` + `SOAPAction` header.
    Soap11,
    /// SOAP 1.2: `application/soap+xml; action="..."`.
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace URI.
    pub fn envelope_ns(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENV_NS,
            SoapVersion::Soap12 => SOAP12_ENV_NS,
        }
    }

    /// The SOAP encoding namespace URI (for `encodingStyle` and `arrayType`).
    pub fn encoding_ns(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENC_NS,
            SoapVersion::Soap12 => SOAP12_ENC_NS,
        }
    }

    /// The envelope version for an envelope namespace URI, if it is one.
    pub fn from_envelope_ns(ns: &str) -> Option<SoapVersion> {
        match ns {
            SOAP11_ENV_NS => Some(SoapVersion::Soap11),
            SOAP12_ENV_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }

    /// The media type (without parameters) of a message in this version.
    pub fn media_type(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "text/xml",
            SoapVersion::Soap12 => "application/soap+xml",
        }
    }

    /// The full `Content-Type` header value for a request carrying `soap_action`.
    ///
    /// SOAP 1.2 carries the action as a media-type parameter; SOAP 1.1 uses the separate
    /// `SOAPAction` header (see [`SoapVersion::soap_action_header`]).
    pub fn content_type(self, soap_action: Option<&str>) -> String {
        match (self, soap_action) {
            (SoapVersion::Soap12, Some(action)) if !action.is_empty() => {
                format!(
                    "application/soap+xml; charset=utf-8; action=\"{}\"",
                    action.replace('"', "%22")
                )
            }
            (SoapVersion::Soap12, _) => "application/soap+xml; charset=utf-8".to_owned(),
            (SoapVersion::Soap11, _) => "text/xml; charset=utf-8".to_owned(),
        }
    }

    /// The quoted `SOAPAction` header value for SOAP 1.1 (always present, possibly `""`),
    /// `None` for SOAP 1.2.
    pub fn soap_action_header(self, soap_action: Option<&str>) -> Option<String> {
        match self {
            SoapVersion::Soap11 => Some(format!(
                "\"{}\"",
                soap_action.unwrap_or("").replace('"', "%22")
            )),
            SoapVersion::Soap12 => None,
        }
    }
}
