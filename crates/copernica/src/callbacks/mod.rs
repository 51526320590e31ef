//! Verified Copernica callbacks (webhooks).
//!
//! Copernica Publisher POSTs a JSON or XML document to a configured URL
//! whenever a profile or subprofile is created, updated or deleted, and
//! signs every request (see `fixtures/copernica/CALLBACKS.md`):
//!
//! * `Digest: sha-256=<base64>` over the raw body (RFC 3230),
//! * `Signature: keyId="…",algorithm="rsa-sha256",headers="…",signature="…"`
//!   (draft-cavage HTTP signatures) over `(request-target)`, `Host`, `Date`,
//!   `X-Copernica-ID`, `Digest` and more,
//! * the public key published as a DKIM-style DNS TXT record at `keyId`, a
//!   name under `copernica.com`.
//!
//! This module verifies first ([`Verifier`]), decodes only what verified
//! ([`decode()`] → [`CallbackEvent`]), and offers an axum receiver
//! ([`receiver`], feature `axum`) plus the signing side ([`sign::Signer`])
//! for the mock server.
//!
//! # Delivery semantics
//!
//! Copernica does not document timeouts or retries. Treat delivery as
//! **at least once**: the receiver answers 2xx only after your handler
//! succeeded, and a failed handler (5xx) or a lost response may lead to the
//! same callback again. Handlers must be idempotent, e.g. keyed on
//! (id, action, Date, X-Nonce) from [`Delivery`](receiver::Delivery).
//!
//! # Example
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use copernica::callbacks::{
//!     decode, sign::{OutgoingCallback, Signer}, Action, Format, ObjectKind, PublicKey,
//!     StaticKeyResolver, Verifier, VerifierConfig,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/copernica/callback-vectors");
//! let private_pem = std::fs::read_to_string(format!("{dir}/test-signing-key.pem"))?;
//! let public_pem = std::fs::read_to_string(format!("{dir}/test-signing-key.pub.pem"))?;
//! let key_id = "vectors-test._domainkey.copernica.com";
//!
//! // Sender side (what the mock server does).
//! let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_736_849_730);
//! let signer = Signer::from_pkcs8_pem(&private_pem, key_id)?;
//! let request = signer.sign_request(&OutgoingCallback {
//!     method: "POST".into(),
//!     target: "/copernica/callback".into(),
//!     host: "hooks.example.com".into(),
//!     content_type: "application/json".into(),
//!     copernica_id: "account_12345".into(),
//!     nonce: "k3v9q1x7m2p8".into(),
//!     date: now,
//!     body: br#"{"id":"4711","action":"delete","fields":{"email":"a@example.com"}}"#.to_vec(),
//! })?;
//!
//! // Receiver side: verify, then decode the verified bytes.
//! let keys = StaticKeyResolver::new().with_key(key_id, PublicKey::from_pem(&public_pem)?);
//! let verifier = Verifier::new(VerifierConfig::new("hooks.example.com", "account_12345"), keys);
//! let verified = futures_lite_block_on(verifier.verify(&request, now))?;
//! assert_eq!(verified.key_id, key_id);
//! let event = decode(request.body_bytes(), Format::Json, ObjectKind::Profile)?;
//! assert_eq!(event.action, Action::Delete);
//! assert_eq!(event.fields.get("email"), Some("a@example.com"));
//! # Ok(())
//! # }
//! # // StaticKeyResolver never suspends, so a trivial executor suffices here.
//! # fn futures_lite_block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     use std::task::{Context, Poll, Waker};
//! #     let mut f = std::pin::pin!(f);
//! #     let mut cx = Context::from_waker(Waker::noop());
//! #     loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! ```

mod clock;
pub mod decode;
mod event;
mod keys;
mod request;
pub mod sign;
mod signature_header;
mod verify;

#[cfg(feature = "dns")]
mod dns;
#[cfg(feature = "axum")]
pub mod receiver;

pub use clock::{Clock, FixedClock, SystemClock};
pub use decode::{decode, decode_detect, DecodeError};
pub use event::{Action, CallbackEvent, Fields, Format, ObjectKind};
pub use keys::{
    dkim_public_key_tag, CachingResolver, KeyError, KeyResolver, PublicKey, StaticKeyResolver,
    MIN_KEY_BITS,
};
pub use request::CallbackRequest;
pub use signature_header::{signing_string, SignatureParams, SignatureParseError};
pub use verify::{
    verify_with_key, Prechecked, Verified, Verifier, VerifierConfig, VerifyError, ALGORITHM,
    DEFAULT_REQUIRED_SIGNED_HEADERS,
};

#[cfg(feature = "dns")]
pub use dns::DnsKeyResolver;
