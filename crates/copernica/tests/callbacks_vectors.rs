//! Every signed request in fixtures/copernica/callback-vectors must give
//! exactly its expected result.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use copernica::callbacks::{
    decode, signing_string, Action, CallbackEvent, CallbackRequest, Format, ObjectKind,
    SignatureParams, StaticKeyResolver, Verifier, VerifierConfig, VerifyError,
};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/copernica/callback-vectors")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("vectors dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && name.as_bytes()[0].is_ascii_digit()
        })
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read vector")).expect("json")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("`{key}` missing"))
}

fn request_of(v: &Value) -> CallbackRequest {
    let body = base64::engine::general_purpose::STANDARD
        .decode(s(v, "body_base64"))
        .expect("body_base64");
    assert_eq!(body, s(v, "body").as_bytes(), "body and body_base64 agree");
    let mut req = CallbackRequest::new(s(v, "method"), s(v, "path")).body(body);
    for (name, value) in v["headers"].as_object().expect("headers") {
        req.push_header(name, value.as_str().expect("header value"));
    }
    req
}

fn config_of(v: &Value) -> VerifierConfig {
    let c = &v["receiver_config"];
    assert_eq!(c["allowed_algorithms"], serde_json::json!(["rsa-sha256"]));
    assert_eq!(
        c["required_signed_headers"],
        serde_json::json!(copernica::callbacks::DEFAULT_REQUIRED_SIGNED_HEADERS)
    );
    VerifierConfig::new(s(c, "expected_host"), s(c, "expected_copernica_id"))
        .max_age(Duration::from_secs(
            c["max_age_seconds"].as_u64().expect("age"),
        ))
        .max_future_skew(Duration::from_secs(
            c["max_future_skew_seconds"].as_u64().expect("skew"),
        ))
        .key_id_suffix(s(c, "keyid_suffix"))
}

fn resolver_of(v: &Value) -> StaticKeyResolver {
    let rec = &v["dkim_txt_record"];
    StaticKeyResolver::new()
        .with_dkim_record(s(rec, "name"), s(rec, "value"))
        .expect("vector DKIM record parses")
}

fn now_of(v: &Value) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(v["now"]["unix"].as_u64().expect("now"))
}

async fn verify(v: &Value) -> Result<copernica::callbacks::Verified, VerifyError> {
    let verifier = Verifier::new(config_of(v), resolver_of(v));
    verifier.verify(&request_of(v), now_of(v)).await
}

fn event_json(e: &CallbackEvent) -> Value {
    let mut obj = serde_json::Map::new();
    obj.insert("id".into(), e.id.clone().into());
    obj.insert("action".into(), e.action.as_str().into());
    let fields = |f: &copernica::callbacks::Fields| {
        Value::Object(f.iter().map(|(k, v)| (k.to_owned(), v.into())).collect())
    };
    obj.insert("fields".into(), fields(&e.fields));
    if let Some(u) = &e.updated {
        obj.insert("updated".into(), fields(u));
    }
    if let Some(i) = &e.interests {
        obj.insert("interests".into(), i.clone().into());
    }
    Value::Object(obj)
}

#[tokio::test]
async fn every_vector_gives_its_expected_result() {
    let files = vector_files();
    assert_eq!(files.len(), 17, "all vectors found");
    for path in &files {
        let v = load(path);
        let name = s(&v, "name");
        let expected = &v["expected"];
        let result = verify(&v).await;
        match s(expected, "result") {
            "valid" => {
                let verified = result.unwrap_or_else(|e| panic!("{name}: expected valid, got {e}"));
                assert_eq!(
                    verified.key_id, "vectors-test._domainkey.copernica.com",
                    "{name}"
                );
                assert_eq!(verified.copernica_id, "account_12345", "{name}");
                assert!(verified.nonce.is_some(), "{name}");
            }
            "invalid" => {
                let err = match result {
                    Ok(_) => panic!("{name}: expected invalid, got valid"),
                    Err(e) => e,
                };
                assert_eq!(err.reason(), s(expected, "reason"), "{name}: {err}");
                if let Some(header) = expected.get("header").and_then(Value::as_str) {
                    assert_eq!(
                        err,
                        VerifyError::RequiredHeaderNotSigned(header.to_owned()),
                        "{name}"
                    );
                }
            }
            other => panic!("{name}: unknown expected result {other}"),
        }
    }
}

#[test]
fn index_lists_every_vector_with_the_same_expectation() {
    let index = load(&vectors_dir().join("index.json"));
    let listed = index["vectors"].as_array().expect("vectors");
    let files = vector_files();
    assert_eq!(listed.len(), files.len());
    for (entry, path) in listed.iter().zip(&files) {
        let v = load(path);
        assert_eq!(
            s(entry, "file"),
            path.file_name().and_then(|n| n.to_str()).expect("name")
        );
        assert_eq!(entry["result"], v["expected"]["result"]);
        assert_eq!(entry.get("reason"), v["expected"].get("reason"));
        assert_eq!(index["now_unix"], v["now"]["unix"]);
    }
}

#[test]
fn valid_vectors_rebuild_the_signing_string_exactly() {
    for path in vector_files() {
        let v = load(&path);
        if s(&v["expected"], "result") != "valid" {
            continue;
        }
        let req = request_of(&v);
        let params =
            SignatureParams::parse(&req.header_value("signature").expect("sig")).expect("parses");
        let text = signing_string(&params.headers, &req).expect("all signed headers present");
        assert_eq!(text, s(&v, "signing_string_as_signed"), "{}", s(&v, "name"));
    }
}

#[test]
fn valid_vectors_decode_to_their_documented_payload() {
    let mut seen = 0;
    for path in vector_files() {
        let v = load(&path);
        let Some(decoded) = v.get("decoded") else {
            continue;
        };
        let kind = match s(decoded, "kind") {
            "profile" => ObjectKind::Profile,
            "subprofile" => ObjectKind::Subprofile,
            other => panic!("kind {other}"),
        };
        let req = request_of(&v);
        let format = Format::detect(
            req.header_value("content-type").as_deref(),
            req.body_bytes(),
        )
        .expect("format");
        assert_eq!(format.as_str(), s(decoded, "format"));
        let event = decode(req.body_bytes(), format, kind).expect("decodes");
        assert_eq!(event.kind, kind);
        assert_eq!(event_json(&event), decoded["payload"], "{}", s(&v, "name"));
        seen += 1;
    }
    assert_eq!(seen, 5);
}

#[tokio::test]
async fn vector_02_update_overlays_updated_on_fields() {
    let v = load(&vectors_dir().join("02-valid-profile-update-xml.json"));
    verify(&v).await.expect("valid");
    let req = request_of(&v);
    let event = decode(req.body_bytes(), Format::Xml, ObjectKind::Profile).expect("decodes");
    assert_eq!(event.action, Action::Update);
    let names: Vec<&str> = event.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(names, ["email", "firstname", "lastname", "company"]);
    assert_eq!(event.new_state().get("company"), Some("Apple"));
    assert_eq!(event.fields.get("firstname"), Some("Zoë"));
}
