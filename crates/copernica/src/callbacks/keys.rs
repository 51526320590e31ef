//! Public keys for callback verification and where they come from.
//!
//! Copernica publishes its signing key as a DKIM-style DNS TXT record at the
//! name given in the signature's `keyId` (CALLBACKS.md §5.4). The verifier
//! asks a [`KeyResolver`] for it: [`StaticKeyResolver`] for tests and
//! pinned keys, `DnsKeyResolver` (feature `dns`) for live traffic, and
//! [`CachingResolver`] in front of either.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use rsa::pkcs1::DecodeRsaPublicKey as _;
use rsa::pkcs8::DecodePublicKey as _;
use rsa::traits::PublicKeyParts as _;
use sha2::Sha256;

/// Smallest RSA modulus accepted, in bits. RFC 8301 makes 1024 the floor for
/// DKIM verifiers; Copernica's keys are 2048 bits.
pub const MIN_KEY_BITS: usize = 1024;

/// An RSA public key usable to verify `rsa-sha256` callback signatures.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub(crate) verifying: rsa::pkcs1v15::VerifyingKey<Sha256>,
}

impl PublicKey {
    fn from_rsa(key: rsa::PublicKey) -> Result<Self, KeyError> {
        let bits = key.size() * 8;
        if bits < MIN_KEY_BITS {
            return Err(KeyError::TooSmall { bits });
        }
        Ok(PublicKey {
            verifying: rsa::pkcs1v15::VerifyingKey::new(key),
        })
    }

    /// From DER: a SubjectPublicKeyInfo, or (as a few DKIM publishers do) a
    /// bare PKCS#1 RSAPublicKey.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        let key = rsa::PublicKey::from_public_key_der(der)
            .or_else(|_| rsa::PublicKey::from_pkcs1_der(der))
            .map_err(|e| KeyError::Malformed(e.to_string()))?;
        Self::from_rsa(key)
    }

    /// From PEM: `BEGIN PUBLIC KEY` (SPKI) or `BEGIN RSA PUBLIC KEY` (PKCS#1).
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        let key = rsa::PublicKey::from_public_key_pem(pem.trim())
            .or_else(|_| rsa::PublicKey::from_pkcs1_pem(pem.trim()))
            .map_err(|e| KeyError::Malformed(e.to_string()))?;
        Self::from_rsa(key)
    }

    /// From a DKIM key record's text (`v=DKIM1; k=rsa; p=<base64 SPKI>`),
    /// with a TXT record's character-strings already joined.
    pub fn from_dkim_record(record: &str) -> Result<Self, KeyError> {
        let p = dkim_public_key_tag(record)?;
        let der = base64::engine::general_purpose::STANDARD
            .decode(p.as_bytes())
            .map_err(|e| KeyError::Malformed(format!("p= is not base64: {e}")))?;
        Self::from_der(&der)
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        let inner: &rsa::PublicKey = self.verifying.as_ref();
        inner.size() * 8
    }
}

/// Parses a DKIM key record (RFC 6376 §3.6.1 tag list) and returns the `p=`
/// value with whitespace removed.
///
/// Tolerant where the PHP library is not (spaces after `;`, `=` padding in
/// `p`), strict where it matters: `v`, if present, must be `DKIM1`, `k`
/// (default `rsa`) must be `rsa`, and an empty `p` means the key is revoked.
pub fn dkim_public_key_tag(record: &str) -> Result<String, KeyError> {
    let mut p = None;
    for tag in record.split(';') {
        let tag = tag.trim();
        if tag.is_empty() {
            continue;
        }
        let (name, value) = tag
            .split_once('=')
            .ok_or_else(|| KeyError::Malformed(format!("DKIM tag without `=`: {tag}")))?;
        let (name, value) = (name.trim(), value.trim());
        match name {
            "v" if value != "DKIM1" => {
                return Err(KeyError::Malformed(format!("DKIM version `{value}`")))
            }
            "k" if !value.eq_ignore_ascii_case("rsa") => {
                return Err(KeyError::Malformed(format!("DKIM key type `{value}`")))
            }
            "p" => p = Some(value.split_ascii_whitespace().collect::<String>()),
            _ => {}
        }
    }
    match p {
        None => Err(KeyError::Malformed("DKIM record has no p= tag".to_owned())),
        Some(p) if p.is_empty() => Err(KeyError::Revoked),
        Some(p) => Ok(p),
    }
}

/// Why no usable key was found for a keyId.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// No key is published (or configured) under this name.
    #[error("no key published at `{0}`")]
    NotFound(String),
    /// The record's `p=` is empty: the key was revoked.
    #[error("the key was revoked (empty p=)")]
    Revoked,
    /// The record or key could not be parsed.
    #[error("malformed key: {0}")]
    Malformed(String),
    /// The RSA key is shorter than [`MIN_KEY_BITS`].
    #[error("RSA key of {bits} bits is too small")]
    TooSmall {
        /// Modulus size.
        bits: usize,
    },
    /// The lookup itself failed (DNS error, timeout...): may be transient.
    #[error("key lookup failed: {0}")]
    Lookup(String),
}

impl KeyError {
    /// True when retrying later may succeed (the receiver answers 503 rather
    /// than 401, so that Copernica retries).
    pub fn is_transient(&self) -> bool {
        matches!(self, KeyError::Lookup(_))
    }
}

/// Finds the public key for a signature's `keyId`.
///
/// The verifier only calls this after the keyId passed the domain check,
/// with the name lower-cased and without a trailing dot.
pub trait KeyResolver: Send + Sync {
    /// Returns the key published under `key_id`.
    fn resolve(
        &self,
        key_id: &str,
    ) -> impl Future<Output = Result<Arc<PublicKey>, KeyError>> + Send;
}

impl<R: KeyResolver> KeyResolver for Arc<R> {
    fn resolve(
        &self,
        key_id: &str,
    ) -> impl Future<Output = Result<Arc<PublicKey>, KeyError>> + Send {
        (**self).resolve(key_id)
    }
}

/// A fixed map of keyId → key. For tests, the mock server, and receivers
/// that pin keys out of band.
#[derive(Debug, Clone, Default)]
pub struct StaticKeyResolver {
    keys: BTreeMap<String, Arc<PublicKey>>,
}

impl StaticKeyResolver {
    /// An empty resolver (every lookup fails with [`KeyError::NotFound`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a key under `key_id` (matched case-insensitively, trailing dot
    /// ignored).
    pub fn with_key(mut self, key_id: &str, key: PublicKey) -> Self {
        self.insert(key_id, key);
        self
    }

    /// Adds a key in place.
    pub fn insert(&mut self, key_id: &str, key: PublicKey) {
        self.keys.insert(normalize_key_id(key_id), Arc::new(key));
    }

    /// Adds the key of a DKIM TXT record (`v=DKIM1;k=rsa;p=...`).
    pub fn with_dkim_record(self, key_id: &str, record: &str) -> Result<Self, KeyError> {
        Ok(self.with_key(key_id, PublicKey::from_dkim_record(record)?))
    }

    /// Adds a PEM public key.
    pub fn with_pem(self, key_id: &str, pem: &str) -> Result<Self, KeyError> {
        Ok(self.with_key(key_id, PublicKey::from_pem(pem)?))
    }
}

impl KeyResolver for StaticKeyResolver {
    fn resolve(
        &self,
        key_id: &str,
    ) -> impl Future<Output = Result<Arc<PublicKey>, KeyError>> + Send {
        let found = self
            .keys
            .get(&normalize_key_id(key_id))
            .cloned()
            .ok_or_else(|| KeyError::NotFound(key_id.to_owned()));
        std::future::ready(found)
    }
}

/// Lower-cases a DNS name and drops one trailing dot.
pub(crate) fn normalize_key_id(key_id: &str) -> String {
    let lower = key_id.trim().to_ascii_lowercase();
    match lower.strip_suffix('.') {
        Some(s) => s.to_owned(),
        None => lower,
    }
}

/// Caches another resolver's answers: keys for `ttl` (Copernica rotates
/// keys monthly *under a new name*, so a long TTL is safe), failures for
/// `negative_ttl` only, so a DNS hiccup does not lock callbacks out.
///
/// The cache holds at most `capacity` names (oldest evicted first), as
/// keyIds come from the wire and an attacker could send many of them.
#[derive(Debug)]
pub struct CachingResolver<R> {
    inner: R,
    ttl: Duration,
    negative_ttl: Duration,
    capacity: usize,
    cache: Mutex<CacheState>,
}

#[derive(Debug, Default)]
struct CacheState {
    entries: BTreeMap<String, (Instant, Result<Arc<PublicKey>, KeyError>)>,
    order: VecDeque<String>,
}

impl<R> CachingResolver<R> {
    /// Caches keys for one hour and failures for 30 seconds, 64 names.
    pub fn new(inner: R) -> Self {
        CachingResolver {
            inner,
            ttl: Duration::from_secs(3600),
            negative_ttl: Duration::from_secs(30),
            capacity: 64,
            cache: Mutex::new(CacheState::default()),
        }
    }

    /// How long a found key is reused.
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// How long a failure is remembered.
    pub fn negative_ttl(mut self, ttl: Duration) -> Self {
        self.negative_ttl = ttl;
        self
    }

    /// Maximum number of cached names (at least 1).
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity.max(1);
        self
    }

    /// Forgets everything.
    pub fn clear(&self) {
        if let Ok(mut state) = self.cache.lock() {
            *state = CacheState::default();
        }
    }

    fn lookup(&self, key_id: &str) -> Option<Result<Arc<PublicKey>, KeyError>> {
        // A poisoned lock only means another thread panicked mid-update of a
        // plain map; bypassing the cache is the safe reaction.
        let state = self.cache.lock().ok()?;
        let (expires, result) = state.entries.get(key_id)?;
        (Instant::now() < *expires).then(|| result.clone())
    }

    fn store(&self, key_id: String, result: Result<Arc<PublicKey>, KeyError>) {
        let ttl = if result.is_ok() {
            self.ttl
        } else {
            self.negative_ttl
        };
        let Some(expires) = Instant::now().checked_add(ttl) else {
            return;
        };
        let Ok(mut state) = self.cache.lock() else {
            return;
        };
        if state
            .entries
            .insert(key_id.clone(), (expires, result))
            .is_none()
        {
            state.order.push_back(key_id);
        }
        while state.entries.len() > self.capacity {
            match state.order.pop_front() {
                Some(oldest) => {
                    state.entries.remove(&oldest);
                }
                None => break,
            }
        }
    }
}

impl<R: KeyResolver> KeyResolver for CachingResolver<R> {
    async fn resolve(&self, key_id: &str) -> Result<Arc<PublicKey>, KeyError> {
        let key_id = normalize_key_id(key_id);
        if let Some(hit) = self.lookup(&key_id) {
            return hit;
        }
        let result = self.inner.resolve(&key_id).await;
        self.store(key_id, result.clone());
        result
    }
}
