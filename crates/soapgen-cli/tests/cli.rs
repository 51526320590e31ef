//! `soapgen check` / `soapgen inspect` end to end.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn soapgen(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_soapgen"))
        .args(args)
        .output()
        .expect("run soapgen");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_ok_and_error() {
    let wsdl = fixtures().join("copernica/copernica-rpc.wsdl");
    let (ok, out, _) = soapgen(&["check", wsdl.to_str().unwrap_or_default()]);
    assert!(ok);
    assert!(out.contains("104 operations"), "{out}");
    let bad = fixtures().join("hostile/unresolved-qname.xsd");
    let (ok, _, err) = soapgen(&["check", bad.to_str().unwrap_or_default()]);
    assert!(!ok);
    assert!(err.contains("unresolved-qname.xsd:6:"), "{err}");
}

#[test]
fn check_with_catalog() {
    let xsd = fixtures().join("frontend/catalog/main.xsd");
    let cat = fixtures().join("frontend/catalog/catalog.xml");
    let (ok, _, err) = soapgen(&["check", xsd.to_str().unwrap_or_default()]);
    assert!(!ok, "needs the catalog");
    assert!(err.contains("catalog"), "{err}");
    let (ok, _, err) = soapgen(&[
        "check",
        xsd.to_str().unwrap_or_default(),
        "--catalog",
        cat.to_str().unwrap_or_default(),
    ]);
    assert!(ok, "{err}");
}

#[test]
fn inspect_text_and_json() {
    let wsdl = fixtures().join("frontend/bindings.wsdl");
    let (ok, out, err) = soapgen(&["inspect", wsdl.to_str().unwrap_or_default()]);
    assert!(ok, "{err}");
    assert!(out.contains("service {urn:shop}Shop"), "{out}");
    assert!(
        out.contains(
            "port ShopSoap12 -> binding {urn:shop}ShopSoap12 (Soap12) at http://localhost/shop12"
        ),
        "{out}"
    );
    assert!(
        out.contains("in:  parameters: element {urn:shop}GetItem"),
        "{out}"
    );
    let (ok, json, _) = soapgen(&["inspect", "--json", wsdl.to_str().unwrap_or_default()]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["bindings"].as_array().map(Vec::len), Some(4));
}
