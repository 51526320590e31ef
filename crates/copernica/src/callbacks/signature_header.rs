//! The draft-cavage `Signature` header: parsing it and rebuilding the
//! signing string (CALLBACKS.md §5.1–5.2).

use super::request::CallbackRequest;

/// The parameters of a `Signature` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureParams {
    /// `keyId`: the DNS name of the DKIM-style key record.
    pub key_id: String,
    /// `algorithm`, as sent (`None` when absent).
    pub algorithm: Option<String>,
    /// `headers`, lower-cased, in signing order (default `["date"]`).
    pub headers: Vec<String>,
    /// `signature`, still base64.
    pub signature: String,
}

/// Why a `Signature` header could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed Signature header at byte {offset}: {message}")]
pub struct SignatureParseError {
    /// Byte offset in the header value.
    pub offset: usize,
    /// What was wrong.
    pub message: &'static str,
}

impl SignatureParams {
    /// Parses `name="value"` pairs, comma separated, in any order, with
    /// optional whitespace (the documentation's example folds lines and
    /// drops a comma, so a missing comma is tolerated too). Parameter names
    /// match case-insensitively; unknown ones are ignored; a repeated known
    /// one is an error, so that two differing values cannot confuse.
    pub fn parse(value: &str) -> Result<SignatureParams, SignatureParseError> {
        let bytes = value.as_bytes();
        let err = |offset, message| SignatureParseError { offset, message };
        let mut key_id = None;
        let mut algorithm = None;
        let mut headers = None;
        let mut signature = None;
        let mut i = 0;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            let name_start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
                i += 1;
            }
            if i == name_start {
                return Err(err(i, "expected a parameter name"));
            }
            let name = &value[name_start..i];
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                return Err(err(i, "expected `=` after the parameter name"));
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) != Some(&b'"') {
                return Err(err(i, "expected a quoted parameter value"));
            }
            i += 1;
            let value_start = i;
            // The draft defines no escapes inside the quoted value.
            while i < bytes.len() && bytes[i] != b'"' {
                i += 1;
            }
            if i >= bytes.len() {
                return Err(err(value_start, "unterminated quoted value"));
            }
            let param = value[value_start..i].to_owned();
            i += 1;
            let slot = match name.to_ascii_lowercase().as_str() {
                "keyid" => &mut key_id,
                "algorithm" => &mut algorithm,
                "headers" => &mut headers,
                "signature" => &mut signature,
                _ => continue,
            };
            if slot.is_some() {
                return Err(err(name_start, "repeated parameter"));
            }
            *slot = Some(param);
        }
        let key_id = key_id.ok_or(err(bytes.len(), "no keyId parameter"))?;
        let signature = signature.ok_or(err(bytes.len(), "no signature parameter"))?;
        let headers = match headers {
            Some(list) => list
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect(),
            // draft-cavage §2.1.3: the default is the Date header alone.
            None => vec!["date".to_owned()],
        };
        Ok(SignatureParams {
            key_id,
            algorithm,
            headers,
            signature,
        })
    }

    /// Writes the header value in the order Copernica's signer uses:
    /// `keyId,algorithm,headers,signature`, no spaces.
    pub fn to_header_value(&self) -> String {
        format!(
            "keyId=\"{}\",algorithm=\"{}\",headers=\"{}\",signature=\"{}\"",
            self.key_id,
            self.algorithm.as_deref().unwrap_or("rsa-sha256"),
            self.headers.join(" "),
            self.signature
        )
    }
}

/// Builds the signing string for `headers` (lower-case names) over
/// `request` (CALLBACKS.md §5.2). A listed header that the request lacks is
/// an error (`Err(name)`), not an empty value as in the PHP library.
pub fn signing_string(headers: &[String], request: &CallbackRequest) -> Result<String, String> {
    let mut lines = Vec::with_capacity(headers.len());
    for name in headers {
        let value = if name == "(request-target)" {
            format!(
                "{} {}",
                request.method().to_ascii_lowercase(),
                request.target()
            )
        } else if name.starts_with('(') {
            // (created), (expires) and other pseudo-headers of later drafts
            // are not part of Copernica's scheme.
            return Err(name.clone());
        } else {
            request.header_value(name).ok_or_else(|| name.clone())?
        };
        lines.push(format!("{name}: {value}"));
    }
    Ok(lines.join("\n"))
}
