//! Snapshot tests of generated code for real inputs (Copernica and corpus
//! services): the snapshots are reviewed like code, and the same inputs are
//! compiled and round-tripped by the `soapgen-generated-tests` crate.

use std::path::{Path, PathBuf};

use soapgen_ir::LoadOptions;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generate(rel: &str) -> String {
    let path = root().join(rel);
    let mut opts = LoadOptions::default();
    let catalog = root().join("fixtures/corpus/_wellknown/catalog.xml");
    if catalog.exists() {
        opts.catalogs.push(catalog);
    }
    let ir = soapgen_ir::load(&path, &opts).unwrap_or_else(|e| panic!("load {rel}: {e}"));
    // Types and codecs only: client and server code has its own snapshots.
    let opts = soapgen_rust::Options {
        client: false,
        server: false,
        ..soapgen_rust::Options::default()
    };
    soapgen_rust::generate(&ir, &opts).unwrap_or_else(|e| panic!("generate {rel}: {e}"))
}

#[test]
fn copernica_rpc() {
    insta::assert_snapshot!(generate("fixtures/copernica/copernica-rpc.wsdl"));
}

#[test]
fn calculator() {
    insta::assert_snapshot!(generate(
        "fixtures/corpus/calculator/calculator-soap11and12.wsdl"
    ));
}

#[test]
fn temperature_converter() {
    insta::assert_snapshot!(generate(
        "fixtures/corpus/temperature-converter/temperatureConverter.wsdl"
    ));
}

#[test]
fn image_view_include() {
    insta::assert_snapshot!(generate(
        "fixtures/corpus/image-view-include/ImageViewService.local.wsdl"
    ));
}

#[test]
fn amazon_sqs() {
    insta::assert_snapshot!(generate("fixtures/corpus/amazon-sqs/QueueService.wsdl"));
}

#[test]
fn features_schema() {
    insta::assert_snapshot!(generate("tests/generated/schemas/features.xsd"));
}

#[test]
fn generation_is_deterministic() {
    let a = generate("fixtures/copernica/copernica-rpc.wsdl");
    let b = generate("fixtures/copernica/copernica-rpc.wsdl");
    assert_eq!(a, b);
}

#[test]
fn type_overrides_replace_generated_types() {
    let path = root().join("tests/generated/schemas/features.xsd");
    let ir = soapgen_ir::load(&path, &LoadOptions::default()).unwrap();
    let mut opts = soapgen_rust::Options {
        client: false,
        server: false,
        ..soapgen_rust::Options::default()
    };
    opts.type_overrides.insert(
        soapgen_ir::QName::new("urn:soapgen:features", "Code"),
        "crate::MyCode".to_string(),
    );
    opts.extra_derives.push("serde::Serialize".to_string());
    let code = soapgen_rust::generate(&ir, &opts).unwrap();
    assert!(!code.contains("pub struct Code("), "no type generated");
    assert!(
        code.contains("Option<crate::MyCode>"),
        "field uses the override"
    );
    assert!(code.contains("PartialEq, serde::Serialize)]"));
    // Bad option values are typed errors, not panics.
    opts.runtime_path = "not a path".to_string();
    assert!(matches!(
        soapgen_rust::generate(&ir, &opts),
        Err(soapgen_rust::Error::InvalidOption(_))
    ));
}
