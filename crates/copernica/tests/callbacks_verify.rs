//! Verifier checks beyond the vectors: header parsing, keyId rules, digest
//! forms, Date boundaries, DKIM records and the key cache.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use copernica::callbacks::sign::{OutgoingCallback, Signer};
use copernica::callbacks::{
    dkim_public_key_tag, verify_with_key, CachingResolver, CallbackRequest, KeyError, KeyResolver,
    PublicKey, SignatureParams, StaticKeyResolver, Verifier, VerifierConfig, VerifyError,
};

const KEY_ID: &str = "vectors-test._domainkey.copernica.com";
const NOW: u64 = 1_736_849_730;

fn read(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../fixtures/copernica/callback-vectors/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn key() -> PublicKey {
    PublicKey::from_pem(&read("test-signing-key.pub.pem")).expect("key")
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(NOW)
}

fn config() -> VerifierConfig {
    VerifierConfig::new("hooks.example.com", "account_12345")
}

fn signed_with(signer: Signer, date: SystemTime) -> CallbackRequest {
    signer
        .sign_request(&OutgoingCallback {
            method: "POST".into(),
            target: "/cb".into(),
            host: "hooks.example.com".into(),
            content_type: "application/json".into(),
            copernica_id: "account_12345".into(),
            nonce: "n".into(),
            date,
            body: b"{}".to_vec(),
        })
        .expect("signs")
}

fn signer(key_id: &str) -> Signer {
    Signer::from_pkcs8_pem(&read("test-signing-key.pem"), key_id).expect("signer")
}

fn with_header(req: &CallbackRequest, name: &str, value: Option<&str>) -> CallbackRequest {
    let mut out = CallbackRequest::new(req.method(), req.target());
    for (n, v) in req.headers() {
        if !n.eq_ignore_ascii_case(name) {
            out.push_header(n, v);
        }
    }
    if let Some(value) = value {
        out.push_header(name, value);
    }
    out.body(req.body_bytes().to_vec())
}

fn check(req: &CallbackRequest) -> Result<(), VerifyError> {
    verify_with_key(&config(), req, now(), &key()).map(|_| ())
}

#[test]
fn signature_header_parsing_is_tolerant_of_layout() {
    let p = SignatureParams::parse(
        " signature=\"c2ln\" ,\n  headers=\"(request-target) Host DATE\"\n keyid=\"a.copernica.com\" algorithm=\"rsa-sha256\", created=\"1\"",
    )
    .expect("parses");
    assert_eq!(p.key_id, "a.copernica.com");
    assert_eq!(p.headers, ["(request-target)", "host", "date"]);
    assert_eq!(p.signature, "c2ln");
    let p = SignatureParams::parse(r#"keyId="k",signature="s""#).expect("parses");
    assert_eq!(p.headers, ["date"], "draft default");
    assert_eq!(p.algorithm, None);
    for bad in [
        "",
        r#"keyId="k""#,
        r#"signature="s""#,
        r#"keyId="k",signature="s",keyId="other""#,
        r#"keyId="k,signature="s""#,
        r#"keyId=k,signature="s""#,
        r#"="k""#,
        "keyId",
    ] {
        assert!(SignatureParams::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn missing_headers_are_reported_by_name() {
    let req = signed_with(signer(KEY_ID), now());
    for name in ["Signature", "Digest", "Date", "Host", "X-Copernica-ID"] {
        let err = check(&with_header(&req, name, None)).expect_err(name);
        assert_eq!(err, VerifyError::MissingHeader(name.to_ascii_lowercase()));
        assert_eq!(err.reason(), "missing_header");
    }
    // x-nonce is signed but not required: dropping it breaks the signing
    // string, which must fail rather than use an empty value.
    assert_eq!(
        check(&with_header(&req, "X-Nonce", None)),
        Err(VerifyError::SignedHeaderMissing("x-nonce".into()))
    );
}

#[test]
fn algorithm_must_be_rsa_sha256() {
    let req = signed_with(signer(KEY_ID), now());
    let sig = req.header_value("signature").expect("sig");
    let no_alg = sig.replace("algorithm=\"rsa-sha256\",", "");
    assert_eq!(
        check(&with_header(&req, "Signature", Some(&no_alg))),
        Err(VerifyError::AlgorithmNotAllowed(String::new()))
    );
    let upper = sig.replace("rsa-sha256", "RSA-SHA256");
    assert_eq!(check(&with_header(&req, "Signature", Some(&upper))), Ok(()));
    let hs = sig.replace("rsa-sha256", "hs2019");
    assert_eq!(
        check(&with_header(&req, "Signature", Some(&hs))).map_err(|e| e.reason()),
        Err("algorithm_not_allowed")
    );
}

#[test]
fn key_id_must_be_a_copernica_subdomain() {
    for bad in [
        "copernica.com",
        ".copernica.com",
        "a..copernica.com",
        "evilcopernica.com",
        "x.copernica.com.evil.net",
        "x y.copernica.com",
        "x.copernica.co",
    ] {
        let req = signed_with(signer(bad), now());
        assert_eq!(
            check(&req).map_err(|e| e.reason()),
            Err("keyid_not_copernica"),
            "{bad}"
        );
    }
    // Case and one trailing dot are normalised; verification then proceeds.
    for ok in [
        "Vectors-Test._DomainKey.Copernica.COM",
        "vectors-test._domainkey.copernica.com.",
    ] {
        assert_eq!(check(&signed_with(signer(ok), now())), Ok(()), "{ok}");
    }
}

#[test]
fn date_window_boundaries() {
    let at = |offset: i64| {
        let date = if offset >= 0 {
            now() + Duration::from_secs(offset.unsigned_abs())
        } else {
            now() - Duration::from_secs(offset.unsigned_abs())
        };
        check(&signed_with(signer(KEY_ID), date)).map_err(|e| e.reason())
    };
    assert_eq!(at(-60), Ok(()));
    assert_eq!(at(-61), Err("date_too_old"));
    assert_eq!(at(60), Ok(()));
    assert_eq!(at(61), Err("date_in_future"));
    let lenient = config()
        .max_age(Duration::from_secs(300))
        .max_future_skew(Duration::from_secs(0));
    let req = signed_with(signer(KEY_ID), now() - Duration::from_secs(300));
    assert!(verify_with_key(&lenient, &req, now(), &key()).is_ok());
    let req = signed_with(signer(KEY_ID), now() + Duration::from_secs(1));
    assert_eq!(
        verify_with_key(&lenient, &req, now(), &key()).map_err(|e| e.reason()),
        Err("date_in_future")
    );
    let req = signed_with(signer(KEY_ID), now());
    assert_eq!(
        check(&with_header(&req, "Date", Some("yesterday"))),
        Err(VerifyError::MalformedDate("yesterday".into()))
    );
}

#[test]
fn digest_forms() {
    let req = signed_with(signer(KEY_ID), now());
    let digest = req.header_value("digest").expect("digest");
    let b64 = digest.trim_start_matches("sha-256=");
    // Listing another algorithm as well is fine (RFC 3230); the Digest
    // header is signed, so any change breaks the signature after the
    // digest check passes.
    let listed = format!("md5=abc, SHA-256={b64}");
    assert_eq!(
        check(&with_header(&req, "Digest", Some(&listed))),
        Err(VerifyError::SignatureInvalid)
    );
    assert_eq!(
        check(&with_header(&req, "Digest", Some("sha-512=abc"))),
        Err(VerifyError::DigestUnsupported)
    );
    assert_eq!(
        check(&with_header(&req, "Digest", Some("sha-256=!!!"))),
        Err(VerifyError::DigestMismatch)
    );
}

#[test]
fn host_comparison_is_case_insensitive_and_includes_port() {
    let req = signed_with(signer(KEY_ID), now());
    let cfg = VerifierConfig::new("HOOKS.example.com", "account_12345");
    assert!(verify_with_key(&cfg, &req, now(), &key()).is_ok());
    let cfg = VerifierConfig::new("hooks.example.com:8443", "account_12345");
    assert_eq!(
        verify_with_key(&cfg, &req, now(), &key()).map_err(|e| e.reason()),
        Err("host_mismatch")
    );
}

#[test]
fn extra_required_signed_header() {
    let req = signed_with(
        signer(KEY_ID).signed_headers(copernica::callbacks::DEFAULT_REQUIRED_SIGNED_HEADERS),
        now(),
    );
    assert_eq!(check(&req), Ok(()));
    let cfg = config().require_signed_header("X-Nonce");
    assert_eq!(
        verify_with_key(&cfg, &req, now(), &key()),
        Err(VerifyError::RequiredHeaderNotSigned("x-nonce".into()))
    );
}

#[test]
fn corrupt_signature_values_fail_cleanly() {
    let req = signed_with(signer(KEY_ID), now());
    let sig = req.header_value("signature").expect("sig");
    let value = sig
        .rsplit("signature=\"")
        .next()
        .expect("value")
        .trim_end_matches('"');
    for replacement in ["", "not base64!", "AAAA", &value[..value.len() / 2]] {
        let bad = sig.replace(value, replacement);
        assert_eq!(
            check(&with_header(&req, "Signature", Some(&bad))),
            Err(VerifyError::SignatureInvalid),
            "{replacement:?}"
        );
    }
}

#[test]
fn dkim_records() {
    let pem = read("test-signing-key.pub.pem");
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    // LIB's form, the spaced RFC form, a folded p= and padding-free order.
    for rec in [
        format!("v=DKIM1;k=rsa;p={b64}"),
        format!("v=DKIM1; k=rsa; t=s; p={} {}", &b64[..100], &b64[100..]),
        format!("p={b64}"),
    ] {
        assert_eq!(dkim_public_key_tag(&rec).expect("tag"), b64);
        assert_eq!(PublicKey::from_dkim_record(&rec).expect("key").bits(), 2048);
    }
    assert_eq!(
        dkim_public_key_tag("v=DKIM1; k=rsa; p="),
        Err(KeyError::Revoked)
    );
    assert!(matches!(
        dkim_public_key_tag("v=DKIM2; p=abc"),
        Err(KeyError::Malformed(_))
    ));
    assert!(matches!(
        dkim_public_key_tag("v=DKIM1; k=ed25519; p=abc"),
        Err(KeyError::Malformed(_))
    ));
    assert!(matches!(
        dkim_public_key_tag("v=DKIM1"),
        Err(KeyError::Malformed(_))
    ));
    assert!(matches!(
        PublicKey::from_dkim_record("p=!!!"),
        Err(KeyError::Malformed(_))
    ));
    assert!(matches!(
        PublicKey::from_dkim_record("p=AAAA"),
        Err(KeyError::Malformed(_))
    ));
    assert!(matches!(
        PublicKey::from_pem("junk"),
        Err(KeyError::Malformed(_))
    ));
}

struct Counting {
    inner: StaticKeyResolver,
    calls: AtomicUsize,
}

impl KeyResolver for Counting {
    async fn resolve(&self, key_id: &str) -> Result<Arc<PublicKey>, KeyError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.inner.resolve(key_id).await
    }
}

#[tokio::test]
async fn caching_resolver_reuses_keys_and_bounds_its_size() {
    let counting = Arc::new(Counting {
        inner: StaticKeyResolver::new().with_key(KEY_ID, key()),
        calls: AtomicUsize::new(0),
    });
    let cache = CachingResolver::new(Arc::clone(&counting)).capacity(2);
    let verifier = Verifier::new(config(), cache);
    let req = signed_with(signer(KEY_ID), now());
    for _ in 0..3 {
        verifier.verify(&req, now()).await.expect("valid");
    }
    assert_eq!(counting.calls.load(Ordering::SeqCst), 1, "key fetched once");

    let cache = CachingResolver::new(Arc::clone(&counting)).capacity(2);
    counting.calls.store(0, Ordering::SeqCst);
    for name in ["a.copernica.com", "b.copernica.com", "A.copernica.com."] {
        assert!(matches!(
            cache.resolve(name).await,
            Err(KeyError::NotFound(_))
        ));
    }
    assert_eq!(
        counting.calls.load(Ordering::SeqCst),
        2,
        "failures cached, names normalised"
    );
    cache.resolve("c.copernica.com").await.expect_err("absent");
    cache.resolve("a.copernica.com").await.expect_err("absent");
    assert_eq!(
        counting.calls.load(Ordering::SeqCst),
        4,
        "oldest entry evicted"
    );

    let cache = CachingResolver::new(Arc::clone(&counting)).negative_ttl(Duration::ZERO);
    counting.calls.store(0, Ordering::SeqCst);
    cache.resolve("z.copernica.com").await.expect_err("absent");
    cache.resolve("z.copernica.com").await.expect_err("absent");
    assert_eq!(
        counting.calls.load(Ordering::SeqCst),
        2,
        "zero negative TTL"
    );
}

#[tokio::test]
async fn key_id_checked_before_any_lookup() {
    let counting = Counting {
        inner: StaticKeyResolver::new().with_key("k.evil.com", key()),
        calls: AtomicUsize::new(0),
    };
    let verifier = Verifier::new(config(), counting);
    let req = signed_with(signer("k.evil.com"), now());
    assert_eq!(
        verifier.verify(&req, now()).await.map_err(|e| e.reason()),
        Err("keyid_not_copernica")
    );
}

#[tokio::test]
async fn unknown_key_id_is_key_unavailable() {
    let verifier = Verifier::new(config(), StaticKeyResolver::new());
    let err = verifier
        .verify(&signed_with(signer(KEY_ID), now()), now())
        .await
        .expect_err("no key");
    assert_eq!(err.reason(), "key_unavailable");
    assert!(!err.is_transient());
}
