//! WS-Security `UsernameToken` header block (OASIS WSS 1.0 UsernameToken Profile).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use sha1::Digest as _;

use super::write::{escape_attr, escape_text};

/// The `wsse` namespace.
pub const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The `wsu` namespace (`Created`).
pub const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const PROFILE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
const SOAP_MESSAGE_SECURITY: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0";

/// How the password travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordType {
    /// Clear text (only over TLS).
    Text,
    /// `Base64(SHA-1(nonce + created + password))`; needs a nonce and a timestamp.
    Digest,
}

/// A `wsse:Security` header with one `UsernameToken`.
#[derive(Clone)]
pub struct UsernameToken {
    /// The user name.
    pub username: String,
    password: String,
    /// Text or digest.
    pub password_type: PasswordType,
    /// Raw nonce bytes (sent base64-encoded).
    pub nonce: Option<Vec<u8>>,
    /// `wsu:Created` timestamp (`YYYY-MM-DDThh:mm:ssZ`).
    pub created: Option<String>,
    /// Put `mustUnderstand="1"` (in `env_ns`) on the Security header.
    pub must_understand: Option<String>,
}

/// Never prints the password.
impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("password_type", &self.password_type)
            .field("created", &self.created)
            .finish()
    }
}

impl UsernameToken {
    /// A PasswordText token without nonce or timestamp.
    pub fn text(username: impl Into<String>, password: impl Into<String>) -> UsernameToken {
        UsernameToken {
            username: username.into(),
            password: password.into(),
            password_type: PasswordType::Text,
            nonce: None,
            created: None,
            must_understand: None,
        }
    }

    /// A PasswordDigest token with a fresh nonce and the current time.
    pub fn digest(username: impl Into<String>, password: impl Into<String>) -> UsernameToken {
        UsernameToken {
            password_type: PasswordType::Digest,
            ..UsernameToken::text(username, password)
        }
        .with_nonce(fresh_nonce(), created_now())
    }

    /// Set nonce and timestamp explicitly (tests, replays of known vectors).
    pub fn with_nonce(mut self, nonce: Vec<u8>, created: impl Into<String>) -> UsernameToken {
        self.nonce = Some(nonce);
        self.created = Some(created.into());
        self
    }

    /// Mark the header `mustUnderstand` for the envelope namespace `env_ns`.
    pub fn must_understand(mut self, env_ns: &str) -> UsernameToken {
        self.must_understand = Some(env_ns.to_owned());
        self
    }

    /// The `Password` element's value for the token's type.
    pub fn password_value(&self) -> String {
        match self.password_type {
            PasswordType::Text => self.password.clone(),
            PasswordType::Digest => {
                let mut hasher = sha1::Sha1::new();
                if let Some(n) = &self.nonce {
                    hasher.update(n);
                }
                if let Some(c) = &self.created {
                    hasher.update(c.as_bytes());
                }
                hasher.update(self.password.as_bytes());
                base64::engine::general_purpose::STANDARD.encode(hasher.finalize())
            }
        }
    }

    /// Append the `wsse:Security` header block.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"<wsse:Security xmlns:wsse=\"");
        escape_attr(out, WSSE_NS);
        out.extend_from_slice(b"\" xmlns:wsu=\"");
        escape_attr(out, WSU_NS);
        out.push(b'"');
        if let Some(env_ns) = &self.must_understand {
            out.extend_from_slice(b" xmlns:wsenv=\"");
            escape_attr(out, env_ns);
            out.extend_from_slice(b"\" wsenv:mustUnderstand=\"1\"");
        }
        out.extend_from_slice(b"><wsse:UsernameToken><wsse:Username>");
        escape_text(out, &self.username);
        out.extend_from_slice(b"</wsse:Username><wsse:Password Type=\"");
        out.extend_from_slice(PROFILE.as_bytes());
        out.extend_from_slice(match self.password_type {
            PasswordType::Text => b"#PasswordText\">".as_slice(),
            PasswordType::Digest => b"#PasswordDigest\">".as_slice(),
        });
        escape_text(out, &self.password_value());
        out.extend_from_slice(b"</wsse:Password>");
        if let Some(nonce) = &self.nonce {
            out.extend_from_slice(b"<wsse:Nonce EncodingType=\"");
            out.extend_from_slice(SOAP_MESSAGE_SECURITY.as_bytes());
            out.extend_from_slice(b"#Base64Binary\">");
            out.extend_from_slice(
                base64::engine::general_purpose::STANDARD
                    .encode(nonce)
                    .as_bytes(),
            );
            out.extend_from_slice(b"</wsse:Nonce>");
        }
        if let Some(created) = &self.created {
            out.extend_from_slice(b"<wsu:Created>");
            escape_text(out, created);
            out.extend_from_slice(b"</wsu:Created>");
        }
        out.extend_from_slice(b"</wsse:UsernameToken></wsse:Security>");
    }
}

/// A 16-byte nonce. It only has to be unique (it is sent in clear), so a hash of the
/// time, a process-wide counter and the process id is enough and needs no RNG crate.
fn fresh_nonce() -> Vec<u8> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut hasher = sha1::Sha1::new();
    hasher.update(nanos.to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.finalize()[..16].to_vec()
}

/// The current UTC time as `YYYY-MM-DDThh:mm:ssZ`.
fn created_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_utc(secs)
}

/// Format Unix seconds as an ISO 8601 UTC timestamp (Howard Hinnant's civil-from-days).
pub(crate) fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }
}
