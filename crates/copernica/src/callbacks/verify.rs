//! Verifying a callback request (CALLBACKS.md §6) before anything reads its
//! body.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use rsa::signature::Verifier as _;
use sha2::{Digest as _, Sha256};

use super::keys::{normalize_key_id, KeyError, KeyResolver, PublicKey};
use super::request::CallbackRequest;
use super::signature_header::{signing_string, SignatureParams};

/// The only signature algorithm accepted. Anything else (notably
/// `hmac-sha256`, which the PHP reference library would key with the
/// *public* key: vector 18) is refused.
pub const ALGORITHM: &str = "rsa-sha256";

/// Headers that must be covered by the signature unless configured
/// otherwise (CALLBACKS.md §5.3).
pub const DEFAULT_REQUIRED_SIGNED_HEADERS: [&str; 5] = [
    "(request-target)",
    "host",
    "date",
    "x-copernica-id",
    "digest",
];

/// Receiver settings for [`Verifier`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierConfig {
    expected_host: String,
    expected_copernica_id: String,
    max_age: Duration,
    max_future_skew: Duration,
    required_signed_headers: Vec<String>,
    key_id_suffix: String,
}

impl VerifierConfig {
    /// Settings for a receiver serving `expected_host` (the `Host` header
    /// Copernica sends: host name, plus `:port` if the callback URL has
    /// one) for the account `expected_copernica_id` (the `X-Copernica-ID`
    /// value, e.g. `account_12345`).
    ///
    /// Defaults: Date at most 60 s old and at most 60 s ahead (the PHP
    /// library's 60 s bound, applied both ways), the five documented
    /// required signed headers, keyIds under `.copernica.com`.
    pub fn new(expected_host: impl Into<String>, expected_copernica_id: impl Into<String>) -> Self {
        VerifierConfig {
            expected_host: expected_host.into(),
            expected_copernica_id: expected_copernica_id.into(),
            max_age: Duration::from_secs(60),
            max_future_skew: Duration::from_secs(60),
            required_signed_headers: DEFAULT_REQUIRED_SIGNED_HEADERS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            key_id_suffix: ".copernica.com".to_owned(),
        }
    }

    /// Oldest acceptable Date, relative to now.
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    /// How far in the future a Date may be (clock skew).
    pub fn max_future_skew(mut self, skew: Duration) -> Self {
        self.max_future_skew = skew;
        self
    }

    /// Adds a header that must be signed, on top of the defaults (which
    /// cannot be removed: `(request-target)` in particular must stay).
    pub fn require_signed_header(mut self, name: &str) -> Self {
        let name = name.to_ascii_lowercase();
        if !self.required_signed_headers.contains(&name) {
            self.required_signed_headers.push(name);
        }
        self
    }

    /// The DNS suffix keyIds must end with, including the leading dot
    /// (default `.copernica.com`). Only for test deployments.
    pub fn key_id_suffix(mut self, suffix: impl Into<String>) -> Self {
        let suffix = suffix.into().to_ascii_lowercase();
        self.key_id_suffix = if suffix.starts_with('.') {
            suffix
        } else {
            format!(".{suffix}")
        };
        self
    }

    /// The configured host.
    pub fn expected_host(&self) -> &str {
        &self.expected_host
    }

    /// The configured account identifier.
    pub fn expected_copernica_id(&self) -> &str {
        &self.expected_copernica_id
    }
}

/// Which check a request failed. [`VerifyError::reason`] gives the reason
/// code used by the test vectors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A header needed for verification is absent.
    #[error("missing header `{0}`")]
    MissingHeader(String),
    /// The Signature header does not parse.
    #[error("malformed Signature header: {0}")]
    MalformedSignatureHeader(String),
    /// The algorithm is not `rsa-sha256` (or is absent).
    #[error("signature algorithm `{0}` is not allowed")]
    AlgorithmNotAllowed(String),
    /// A required header is not in the signature's `headers` list.
    #[error("required header `{0}` is not covered by the signature")]
    RequiredHeaderNotSigned(String),
    /// The keyId is not a name under the Copernica domain.
    #[error("keyId `{0}` is not a name under copernica.com")]
    KeyIdNotCopernica(String),
    /// Host is not the configured host.
    #[error("Host `{got}` is not the configured `{expected}`")]
    HostMismatch {
        /// Configured host.
        expected: String,
        /// Host header received.
        got: String,
    },
    /// X-Copernica-ID is not the configured account.
    #[error("X-Copernica-ID `{got}` is not the configured `{expected}`")]
    CopernicaIdMismatch {
        /// Configured id.
        expected: String,
        /// Header received.
        got: String,
    },
    /// The Date header is not an HTTP date.
    #[error("Date `{0}` is not an HTTP date")]
    MalformedDate(String),
    /// The Date is older than allowed.
    #[error("Date is {age_secs} s old (limit {limit_secs} s)")]
    DateTooOld {
        /// Age of the request.
        age_secs: u64,
        /// Configured limit.
        limit_secs: u64,
    },
    /// The Date is further in the future than the allowed skew.
    #[error("Date is {ahead_secs} s in the future (limit {limit_secs} s)")]
    DateInFuture {
        /// How far ahead.
        ahead_secs: u64,
        /// Configured limit.
        limit_secs: u64,
    },
    /// The Digest header has no SHA-256 digest.
    #[error("Digest header has no sha-256 value")]
    DigestUnsupported,
    /// The SHA-256 digest does not match the body (or is not base64).
    #[error("Digest does not match the body")]
    DigestMismatch,
    /// A header listed in the signature is absent from the request.
    #[error("signed header `{0}` is absent from the request")]
    SignedHeaderMissing(String),
    /// No usable key for the keyId.
    #[error("no usable key for keyId `{key_id}`: {source}")]
    KeyUnavailable {
        /// The keyId.
        key_id: String,
        /// Why.
        source: KeyError,
    },
    /// The RSA signature does not verify.
    #[error("the signature does not verify")]
    SignatureInvalid,
}

impl VerifyError {
    /// Reason code as in the test vectors (`digest_mismatch`,
    /// `signature_invalid`, ...); codes for cases the vectors do not cover
    /// follow the same style.
    pub fn reason(&self) -> &'static str {
        match self {
            VerifyError::MissingHeader(_) | VerifyError::SignedHeaderMissing(_) => "missing_header",
            VerifyError::MalformedSignatureHeader(_) => "malformed_signature_header",
            VerifyError::AlgorithmNotAllowed(_) => "algorithm_not_allowed",
            VerifyError::RequiredHeaderNotSigned(_) => "required_header_not_signed",
            VerifyError::KeyIdNotCopernica(_) => "keyid_not_copernica",
            VerifyError::HostMismatch { .. } => "host_mismatch",
            VerifyError::CopernicaIdMismatch { .. } => "copernica_id_mismatch",
            VerifyError::MalformedDate(_) => "malformed_date",
            VerifyError::DateTooOld { .. } => "date_too_old",
            VerifyError::DateInFuture { .. } => "date_in_future",
            VerifyError::DigestUnsupported => "digest_unsupported",
            VerifyError::DigestMismatch => "digest_mismatch",
            VerifyError::KeyUnavailable { .. } => "key_unavailable",
            VerifyError::SignatureInvalid => "signature_invalid",
        }
    }

    /// True when the failure may go away on retry (key lookup failed), so a
    /// receiver should answer 5xx rather than 401.
    pub fn is_transient(&self) -> bool {
        matches!(self, VerifyError::KeyUnavailable { source, .. } if source.is_transient())
    }
}

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The keyId, normalised (lower case, no trailing dot).
    pub key_id: String,
    /// The signed Date.
    pub date: SystemTime,
    /// The X-Nonce header, if sent (signed when the sender lists it).
    pub nonce: Option<String>,
    /// The X-Copernica-ID header.
    pub copernica_id: String,
}

/// The request after the checks that need no key (steps 2–8 of the
/// checklist).
#[derive(Debug, Clone)]
pub struct Prechecked {
    params: SignatureParams,
    key_id: String,
    verified: Verified,
}

impl Prechecked {
    /// The normalised keyId to fetch the key for.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }
}

/// Verifies callback requests against a [`VerifierConfig`], fetching keys
/// through `R`.
#[derive(Debug, Clone)]
pub struct Verifier<R> {
    config: VerifierConfig,
    resolver: R,
}

impl<R: KeyResolver> Verifier<R> {
    /// A verifier with these settings and key source.
    pub fn new(config: VerifierConfig, resolver: R) -> Self {
        Verifier { config, resolver }
    }

    /// The settings.
    pub fn config(&self) -> &VerifierConfig {
        &self.config
    }

    /// Runs every check of CALLBACKS.md §6 against `request` at instant
    /// `now`. Cheap checks run first; the key is fetched only when they
    /// pass.
    pub async fn verify(
        &self,
        request: &CallbackRequest,
        now: SystemTime,
    ) -> Result<Verified, VerifyError> {
        let pre = self.precheck(request, now)?;
        let key = self.resolver.resolve(&pre.key_id).await.map_err(|source| {
            VerifyError::KeyUnavailable {
                key_id: pre.key_id.clone(),
                source,
            }
        })?;
        check_signature(&pre, request, &key)
    }

    /// Every check except fetching the key and the RSA signature itself.
    pub fn precheck(
        &self,
        request: &CallbackRequest,
        now: SystemTime,
    ) -> Result<Prechecked, VerifyError> {
        precheck(&self.config, request, now)
    }
}

/// Like [`Verifier::verify`] with a key already at hand (no resolver).
pub fn verify_with_key(
    config: &VerifierConfig,
    request: &CallbackRequest,
    now: SystemTime,
    key: &PublicKey,
) -> Result<Verified, VerifyError> {
    let pre = precheck(config, request, now)?;
    check_signature(&pre, request, key)
}

fn required(request: &CallbackRequest, name: &str) -> Result<String, VerifyError> {
    request
        .header_value(name)
        .ok_or_else(|| VerifyError::MissingHeader(name.to_owned()))
}

fn precheck(
    config: &VerifierConfig,
    request: &CallbackRequest,
    now: SystemTime,
) -> Result<Prechecked, VerifyError> {
    // 2. Presence.
    let signature = required(request, "signature")?;
    let digest = required(request, "digest")?;
    let date = required(request, "date")?;
    let host = required(request, "host")?;
    let copernica_id = required(request, "x-copernica-id")?;

    // 3. Signature parameters, algorithm, coverage.
    let params = SignatureParams::parse(&signature)
        .map_err(|e| VerifyError::MalformedSignatureHeader(e.to_string()))?;
    match &params.algorithm {
        Some(a) if a.eq_ignore_ascii_case(ALGORITHM) => {}
        Some(a) => return Err(VerifyError::AlgorithmNotAllowed(a.clone())),
        // Copernica always names the algorithm; without it a verifier
        // would have to guess, which is how algorithm confusion starts.
        None => return Err(VerifyError::AlgorithmNotAllowed(String::new())),
    }
    for name in &config.required_signed_headers {
        if !params.headers.iter().any(|h| h == name) {
            return Err(VerifyError::RequiredHeaderNotSigned(name.clone()));
        }
    }

    // 4. keyId domain, before any DNS query.
    let key_id = normalize_key_id(&params.key_id);
    if !is_name_under(&key_id, &config.key_id_suffix) {
        return Err(VerifyError::KeyIdNotCopernica(params.key_id.clone()));
    }

    // 5. Host.
    if !host.eq_ignore_ascii_case(&config.expected_host) {
        return Err(VerifyError::HostMismatch {
            expected: config.expected_host.clone(),
            got: host,
        });
    }

    // 6. Account. Compared exactly: the separator (`account_` vs
    // `account-`) must be configured as Copernica sends it.
    if copernica_id != config.expected_copernica_id {
        return Err(VerifyError::CopernicaIdMismatch {
            expected: config.expected_copernica_id.clone(),
            got: copernica_id,
        });
    }

    // 7. Date window.
    let signed_at =
        httpdate::parse_http_date(&date).map_err(|_| VerifyError::MalformedDate(date.clone()))?;
    match now.duration_since(signed_at) {
        Ok(age) if age > config.max_age => {
            return Err(VerifyError::DateTooOld {
                age_secs: age.as_secs(),
                limit_secs: config.max_age.as_secs(),
            })
        }
        Ok(_) => {}
        Err(ahead) => {
            let ahead = ahead.duration();
            if ahead > config.max_future_skew {
                return Err(VerifyError::DateInFuture {
                    ahead_secs: ahead.as_secs(),
                    limit_secs: config.max_future_skew.as_secs(),
                });
            }
        }
    }

    // 8. Digest over the raw body.
    check_digest(&digest, request.body_bytes())?;

    let nonce = request.header_value("x-nonce");
    Ok(Prechecked {
        verified: Verified {
            key_id: key_id.clone(),
            date: signed_at,
            nonce,
            copernica_id,
        },
        key_id,
        params,
    })
}

/// `name` is `suffix` with at least one valid DNS label before it
/// (`x.copernica.com` yes; `evilcopernica.com`, `.copernica.com`,
/// `a..copernica.com` no).
fn is_name_under(name: &str, suffix: &str) -> bool {
    let Some(prefix) = name.strip_suffix(suffix) else {
        return false;
    };
    !prefix.is_empty()
        && prefix.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// RFC 3230 Digest: a comma-separated list of `algorithm=value`; the
/// algorithm token is case-insensitive (vector 04), the value is split on
/// the *first* `=` so that base64 padding survives. Every SHA-256 entry must
/// match; at least one must be present.
fn check_digest(header: &str, body: &[u8]) -> Result<(), VerifyError> {
    let actual = Sha256::digest(body);
    let mut seen = false;
    for item in header.split(',') {
        let Some((alg, value)) = item.trim().split_once('=') else {
            continue;
        };
        if !alg.trim().eq_ignore_ascii_case("sha-256") {
            continue;
        }
        seen = true;
        let claimed = base64::engine::general_purpose::STANDARD
            .decode(value.trim().as_bytes())
            .map_err(|_| VerifyError::DigestMismatch)?;
        if claimed.as_slice() != actual.as_slice() {
            return Err(VerifyError::DigestMismatch);
        }
    }
    if seen {
        Ok(())
    } else {
        Err(VerifyError::DigestUnsupported)
    }
}

fn check_signature(
    pre: &Prechecked,
    request: &CallbackRequest,
    key: &PublicKey,
) -> Result<Verified, VerifyError> {
    let text =
        signing_string(&pre.params.headers, request).map_err(VerifyError::SignedHeaderMissing)?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(pre.params.signature.trim().as_bytes())
        .map_err(|_| VerifyError::SignatureInvalid)?;
    let signature = rsa::pkcs1v15::Signature::try_from(raw.as_slice())
        .map_err(|_| VerifyError::SignatureInvalid)?;
    key.verifying
        .verify(text.as_bytes(), &signature)
        .map_err(|_| VerifyError::SignatureInvalid)?;
    Ok(pre.verified.clone())
}
