//! The signing side: reproduces the vectors byte for byte and round-trips
//! through the verifier.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use copernica::callbacks::sign::{OutgoingCallback, SignError, Signer};
use copernica::callbacks::{
    verify_with_key, CallbackRequest, PublicKey, SignatureParams, VerifierConfig, VerifyError,
};
use serde_json::Value;

const KEY_ID: &str = "vectors-test._domainkey.copernica.com";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/copernica/callback-vectors")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).expect("fixture")
}

fn signer() -> Signer {
    Signer::from_pkcs8_pem(&read("test-signing-key.pem"), KEY_ID).expect("test key")
}

fn public_key() -> PublicKey {
    PublicKey::from_pem(&read("test-signing-key.pub.pem")).expect("public key")
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_736_849_730)
}

fn outgoing(body: &str) -> OutgoingCallback {
    OutgoingCallback {
        method: "POST".into(),
        target: "/copernica/callback.php?source=publisher".into(),
        host: "hooks.example.com".into(),
        content_type: "application/json".into(),
        copernica_id: "account_12345".into(),
        nonce: "n0nce".into(),
        date: now() - Duration::from_secs(2),
        body: body.as_bytes().to_vec(),
    }
}

fn config() -> VerifierConfig {
    VerifierConfig::new("hooks.example.com", "account_12345")
}

#[test]
fn signer_reproduces_the_valid_vectors_byte_for_byte() {
    for name in [
        "01-valid-profile-create-json.json",
        "02-valid-profile-update-xml.json",
        "03-valid-subprofile-delete-json.json",
        "04-valid-digest-uppercase-algorithm.json",
        "05-valid-mixed-case-header-names.json",
    ] {
        let v: Value = serde_json::from_str(&read(name)).expect("json");
        let h = |k: &str| v["headers"][k].as_str().expect(k).to_owned();
        let params = SignatureParams::parse(&h("Signature")).expect("sig");
        let listed = h("Signature")
            .split("headers=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("headers param")
            .to_owned();
        let signer = signer()
            .signed_headers(listed.split(' ').map(str::to_owned))
            .uppercase_digest(h("Digest").starts_with("SHA-256="));
        let callback = OutgoingCallback {
            method: v["method"].as_str().expect("method").into(),
            target: v["path"].as_str().expect("path").into(),
            host: h("Host"),
            content_type: h("Content-Type"),
            copernica_id: h("X-Copernica-ID"),
            nonce: h("X-Nonce"),
            date: httpdate::parse_http_date(&h("Date")).expect("date"),
            body: v["body"].as_str().expect("body").as_bytes().to_vec(),
        };
        let headers = signer.sign(&callback).expect("signs");
        let expected: Vec<(String, String)> = v["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("str").to_owned()))
            .collect();
        let mut got = headers.clone();
        let mut want = expected;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}");
        assert_eq!(params.key_id, KEY_ID);
    }
}

#[test]
fn sign_then_verify_round_trip() {
    let req = signer()
        .sign_request(&outgoing(r#"{"id":1,"action":"create","fields":{}}"#))
        .expect("signs");
    let verified = verify_with_key(&config(), &req, now(), &public_key()).expect("verifies");
    assert_eq!(verified.nonce.as_deref(), Some("n0nce"));
    assert_eq!(verified.date, now() - Duration::from_secs(2));
}

fn tampered(req: &CallbackRequest, header: &str, value: &str) -> CallbackRequest {
    let mut out = CallbackRequest::new(req.method(), req.target());
    for (n, v) in req.headers() {
        if n.eq_ignore_ascii_case(header) {
            out.push_header(n, value);
        } else {
            out.push_header(n, v);
        }
    }
    out.body(req.body_bytes().to_vec())
}

#[test]
fn round_trip_detects_tampering() {
    let req = signer()
        .sign_request(&outgoing(r#"{"id":1,"action":"create"}"#))
        .expect("signs");
    let key = public_key();
    let check = |r: &CallbackRequest| verify_with_key(&config(), r, now(), &key);

    let body_changed = req.clone().body(br#"{"id":2,"action":"create"}"#.to_vec());
    assert_eq!(check(&body_changed), Err(VerifyError::DigestMismatch));

    let nonce_changed = tampered(&req, "X-Nonce", "other");
    assert_eq!(check(&nonce_changed), Err(VerifyError::SignatureInvalid));

    let moved = CallbackRequest::new("POST", "/elsewhere");
    let mut moved = moved.body(req.body_bytes().to_vec());
    for (n, v) in req.headers() {
        moved.push_header(n, v);
    }
    assert_eq!(check(&moved), Err(VerifyError::SignatureInvalid));

    let other_key = PublicKey::from_pem(&read("wrong-key.pub.pem")).expect("key");
    assert_eq!(
        verify_with_key(&config(), &req, now(), &other_key),
        Err(VerifyError::SignatureInvalid)
    );
}

#[test]
fn signed_header_absent_from_request_is_rejected_not_emptied() {
    // The signer lists x-extra, which the request does not carry.
    let err = signer()
        .signed_headers(["(request-target)", "host", "x-extra"])
        .sign(&outgoing("{}"))
        .expect_err("cannot sign an absent header");
    assert_eq!(err, SignError::MissingHeader("x-extra".into()));
}

#[test]
fn malformed_private_key_is_an_error() {
    assert!(matches!(
        Signer::from_pkcs8_pem(
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            KEY_ID
        ),
        Err(SignError::MalformedKey(_))
    ));
}

#[test]
fn dkim_record_matches_the_vectors_dns_record() {
    let v: Value = serde_json::from_str(&read("01-valid-profile-create-json.json")).expect("json");
    let signer = signer();
    assert_eq!(
        signer.dkim_record().expect("record"),
        v["dkim_txt_record"]["value"].as_str().expect("value")
    );
    let req = signer.sign_request(&outgoing("{}")).expect("signs");
    let key = signer.public_key().expect("public key");
    assert!(verify_with_key(&config(), &req, now(), &key).is_ok());
}
