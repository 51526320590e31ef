//! Envelope writing around caller-supplied header and body writers.

use super::{SoapVersion, XSD_NS, XSI_NS};

/// A header block to put into `Header`.
pub enum OutHeader<'a, E = std::convert::Infallible> {
    /// Ready-made XML of one (or more) header block(s).
    Raw(&'a [u8]),
    /// A writer appending the block (a generated header type's serialiser).
    Write(&'a dyn Fn(&mut Vec<u8>) -> Result<(), E>),
}

impl<E> Clone for OutHeader<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for OutHeader<'_, E> {}

/// How to write an envelope beyond its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeOptions {
    /// SOAP version.
    pub version: SoapVersion,
    /// Declare the SOAP encoding namespace as `soapenc` (rpc/encoded operations); the
    /// `encodingStyle` attribute itself goes on the operation element, written by the
    /// body writer.
    pub encoded: bool,
    /// Further `(prefix, uri)` declarations to put on `Envelope` so the body and headers
    /// can use the prefixes without redeclaring them.
    pub namespaces: Vec<(String, String)>,
}

impl EnvelopeOptions {
    /// Plain options for `version`.
    pub fn new(version: SoapVersion) -> EnvelopeOptions {
        EnvelopeOptions {
            version,
            encoded: false,
            namespaces: Vec::new(),
        }
    }

    /// The envelope prefix used by the writer.
    pub fn env_prefix(&self) -> &'static str {
        env_prefix(self.version)
    }
}

/// The envelope prefix: `soapenv` for 1.1, `env` for 1.2 (the spec examples' choices).
pub(crate) fn env_prefix(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "soapenv",
        SoapVersion::Soap12 => "env",
    }
}

/// Write an envelope: `xsi` and `xsd` are declared on `Envelope`, then a `Header` (only
/// when `headers` is non-empty) and a `Body` filled by `body`.
pub fn write_envelope<E>(
    version: SoapVersion,
    out: &mut Vec<u8>,
    headers: &[OutHeader<'_, E>],
    body: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    write_envelope_with(&EnvelopeOptions::new(version), out, headers, body)
}

/// [`write_envelope`] with encoding and extra namespace declarations.
pub fn write_envelope_with<E>(
    options: &EnvelopeOptions,
    out: &mut Vec<u8>,
    headers: &[OutHeader<'_, E>],
    body: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let env = options.env_prefix();
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.extend_from_slice(b"<");
    out.extend_from_slice(env.as_bytes());
    out.extend_from_slice(b":Envelope");
    write_ns(out, env, options.version.envelope_ns());
    write_ns(out, "xsi", XSI_NS);
    write_ns(out, "xsd", XSD_NS);
    if options.encoded {
        write_ns(out, "soapenc", options.version.encoding_ns());
    }
    for (prefix, uri) in &options.namespaces {
        write_ns(out, prefix, uri);
    }
    out.push(b'>');
    if !headers.is_empty() {
        out.extend_from_slice(format!("<{env}:Header>").as_bytes());
        for header in headers {
            match header {
                OutHeader::Raw(xml) => out.extend_from_slice(xml),
                OutHeader::Write(write) => write(out)?,
            }
        }
        out.extend_from_slice(format!("</{env}:Header>").as_bytes());
    }
    out.extend_from_slice(format!("<{env}:Body>").as_bytes());
    body(out)?;
    out.extend_from_slice(format!("</{env}:Body></{env}:Envelope>").as_bytes());
    Ok(())
}

fn write_ns(out: &mut Vec<u8>, prefix: &str, uri: &str) {
    out.extend_from_slice(b" xmlns");
    if !prefix.is_empty() {
        out.push(b':');
        out.extend_from_slice(prefix.as_bytes());
    }
    out.extend_from_slice(b"=\"");
    escape_attr(out, uri);
    out.push(b'"');
}

/// Append `text` escaped for element content (`&`, `<`, `>`; `\r` as a character
/// reference so it survives end-of-line normalisation).
pub fn escape_text(out: &mut Vec<u8>, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#13;",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[last..i]);
        out.extend_from_slice(rep);
        last = i + 1;
    }
    out.extend_from_slice(&text.as_bytes()[last..]);
}

/// Append `text` escaped for a double-quoted attribute value (also `"`, tab and line
/// breaks, which attribute-value normalisation would otherwise turn into spaces).
pub fn escape_attr(out: &mut Vec<u8>, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\t' => b"&#9;",
            b'\n' => b"&#10;",
            b'\r' => b"&#13;",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[last..i]);
        out.extend_from_slice(rep);
        last = i + 1;
    }
    out.extend_from_slice(&text.as_bytes()[last..]);
}
