//! The sending side: sign a callback request the way Copernica does
//! (CALLBACKS.md §7), for the mock server and for tests.
//!
//! PKCS#1 v1.5 signatures are deterministic, so with the same Date, nonce
//! and body the output equals the test vectors byte for byte.

use std::time::SystemTime;

use base64::Engine as _;
use rsa::pkcs8::{DecodePrivateKey as _, EncodePublicKey as _};
use rsa::signature::{SignatureEncoding as _, Signer as _};
use sha2::{Digest as _, Sha256};

use super::keys::PublicKey;
use super::request::CallbackRequest;
use super::signature_header::{signing_string, SignatureParams};
use super::verify::ALGORITHM;

/// The header list Copernica signs (the documentation's example, used by
/// every vector).
pub const DEFAULT_SIGNED_HEADERS: [&str; 8] = [
    "(request-target)",
    "host",
    "date",
    "content-length",
    "content-type",
    "x-copernica-id",
    "digest",
    "x-nonce",
];

/// Why signing failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The private key could not be read.
    #[error("malformed private key: {0}")]
    MalformedKey(String),
    /// A header to sign has no value in the request.
    #[error("header `{0}` is to be signed but has no value")]
    MissingHeader(String),
    /// The RSA operation failed.
    #[error("RSA signing failed: {0}")]
    Rsa(String),
}

/// What to send: everything that goes into the signed headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingCallback {
    /// HTTP method, normally `POST`.
    pub method: String,
    /// Request target: path plus `?query`, exactly as it will be sent.
    pub target: String,
    /// `Host` header value.
    pub host: String,
    /// `Content-Type` (`application/json` or `application/xml`).
    pub content_type: String,
    /// `X-Copernica-ID` value, e.g. `account_12345`.
    pub copernica_id: String,
    /// `X-Nonce`: a random token, unique per request.
    pub nonce: String,
    /// Signing instant, written as the `Date` header.
    pub date: SystemTime,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// Signs outgoing callbacks with an RSA private key.
#[derive(Debug, Clone)]
pub struct Signer {
    key: rsa::pkcs1v15::SigningKey<Sha256>,
    key_id: String,
    signed_headers: Vec<String>,
    uppercase_digest: bool,
}

impl Signer {
    /// A signer for a PKCS#8 PEM private key (`BEGIN PRIVATE KEY`), named
    /// `key_id` (e.g. `vectors-test._domainkey.copernica.com`).
    pub fn from_pkcs8_pem(pem: &str, key_id: impl Into<String>) -> Result<Signer, SignError> {
        let key = rsa::PrivateKey::from_pkcs8_pem(pem.trim())
            .map_err(|e| SignError::MalformedKey(e.to_string()))?;
        Ok(Signer {
            key: rsa::pkcs1v15::SigningKey::new(key),
            key_id: key_id.into(),
            signed_headers: DEFAULT_SIGNED_HEADERS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            uppercase_digest: false,
        })
    }

    /// Signs these headers instead of [`DEFAULT_SIGNED_HEADERS`] (names as
    /// given, so negative tests can leave some out or vary their case).
    pub fn signed_headers<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.signed_headers = names.into_iter().map(Into::into).collect();
        self
    }

    /// Writes the Digest token as `SHA-256=` (the documentation's
    /// spelling) instead of `sha-256=`.
    pub fn uppercase_digest(mut self, yes: bool) -> Self {
        self.uppercase_digest = yes;
        self
    }

    /// The matching public key.
    pub fn public_key(&self) -> Result<PublicKey, SignError> {
        PublicKey::from_der(&self.public_key_der()?)
            .map_err(|e| SignError::MalformedKey(e.to_string()))
    }

    /// The DKIM TXT record to publish at the keyId, in the form the
    /// vectors use: `v=DKIM1;k=rsa;p=<base64 SubjectPublicKeyInfo>`.
    pub fn dkim_record(&self) -> Result<String, SignError> {
        Ok(format!(
            "v=DKIM1;k=rsa;p={}",
            base64::engine::general_purpose::STANDARD.encode(self.public_key_der()?)
        ))
    }

    fn public_key_der(&self) -> Result<Vec<u8>, SignError> {
        let private: &rsa::PrivateKey = self.key.as_ref();
        rsa::PublicKey::from(private)
            .to_public_key_der()
            .map(|doc| doc.as_bytes().to_vec())
            .map_err(|e| SignError::MalformedKey(e.to_string()))
    }

    /// The keyId written into the Signature header.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The headers to send, in the order the vectors use: Host, Date,
    /// Content-Type, Content-Length, X-Copernica-ID, Digest, X-Nonce,
    /// Signature.
    pub fn sign(&self, callback: &OutgoingCallback) -> Result<Vec<(String, String)>, SignError> {
        let digest = format!(
            "{}={}",
            if self.uppercase_digest {
                "SHA-256"
            } else {
                "sha-256"
            },
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&callback.body))
        );
        let mut headers = vec![
            ("Host".to_owned(), callback.host.clone()),
            ("Date".to_owned(), httpdate::fmt_http_date(callback.date)),
            ("Content-Type".to_owned(), callback.content_type.clone()),
            ("Content-Length".to_owned(), callback.body.len().to_string()),
            ("X-Copernica-ID".to_owned(), callback.copernica_id.clone()),
            ("Digest".to_owned(), digest),
            ("X-Nonce".to_owned(), callback.nonce.clone()),
        ];
        let mut request = CallbackRequest::new(&callback.method, &callback.target);
        for (name, value) in &headers {
            request.push_header(name, value);
        }
        // The list goes out as configured; the signing string always uses
        // lower-case names (draft-cavage §2.3).
        let lower: Vec<String> = self
            .signed_headers
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect();
        let text = signing_string(&lower, &request).map_err(SignError::MissingHeader)?;
        let signature = self
            .key
            .try_sign(text.as_bytes())
            .map_err(|e| SignError::Rsa(e.to_string()))?;
        let params = SignatureParams {
            key_id: self.key_id.clone(),
            algorithm: Some(ALGORITHM.to_owned()),
            headers: self.signed_headers.clone(),
            signature: base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
        };
        headers.push(("Signature".to_owned(), params.to_header_value()));
        Ok(headers)
    }

    /// Signs and returns the request as a receiver would see it (handy for
    /// in-process tests).
    pub fn sign_request(&self, callback: &OutgoingCallback) -> Result<CallbackRequest, SignError> {
        let mut request = CallbackRequest::new(&callback.method, &callback.target);
        for (name, value) in self.sign(callback)? {
            request.push_header(name, value);
        }
        Ok(request.body(callback.body.clone()))
    }
}
