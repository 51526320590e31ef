//! `soapgen generate` and `soapgen sample` through the CLI library, on real
//! fixtures.

use std::path::{Path, PathBuf};

use soapgen_cli::{generate, sample};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn calculator() -> PathBuf {
    fixtures().join("corpus/calculator/calculator-soap11and12.wsdl")
}

fn catalog() -> PathBuf {
    fixtures().join("corpus/_wellknown/catalog.xml")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("soapgen-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sample_args(wsdl: &Path, op: &str) -> sample::Args {
    sample::Args {
        input: generate::InputArgs {
            wsdl: wsdl.to_path_buf(),
            catalogs: vec![catalog()],
            allow_dtd: false,
        },
        operation: op.to_string(),
        ..Default::default()
    }
}

#[test]
fn generate_into_a_directory_uses_the_wsdl_stem() {
    let dir = temp_dir("dir");
    let args =
        generate::parse(["soapgen", &s(&calculator()), "-o", &s(&dir), "--types-only"]).unwrap();
    let (code, written) = generate::execute(&args).unwrap();
    let path = dir.join("calculator-soap11and12.rs");
    assert_eq!(
        written,
        generate::Written::File {
            path: path.clone(),
            changed: true
        }
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), code);
    // Second run: same bytes, file left alone.
    let (_, again) = generate::execute(&args).unwrap();
    assert_eq!(
        again,
        generate::Written::File {
            path,
            changed: false
        }
    );
}

#[test]
fn flags_map_onto_the_shared_config() {
    let args = generate::parse([
        "soapgen",
        "x.wsdl",
        "--operation",
        "Add",
        "--client=false",
        "--server",
        "--layout",
        "flat",
        "--unknown-elements",
        "skip",
        "--derive",
        "Eq",
        "--type-override",
        "{http://tempuri.org/}Add=crate::MyAdd",
        "--runtime",
        "::soapgen::runtime",
    ])
    .unwrap();
    let c = args.config().unwrap();
    assert_eq!(c.filter.operations, ["Add"]);
    assert!(!c.options.client);
    assert!(c.options.server);
    assert_eq!(c.options.layout, soapgen_build::Layout::Flat);
    assert_eq!(
        c.options.unknown_elements,
        soapgen_build::UnknownElements::Skip
    );
    assert_eq!(c.options.derives, ["Eq"]);
    assert_eq!(c.options.runtime_path, "::soapgen::runtime");
    let key = soapgen_ir::QName::new("http://tempuri.org/", "Add");
    assert_eq!(c.options.type_overrides[&key], "crate::MyAdd");

    // `--types-only` wins over an explicit `--client`.
    let c = generate::parse(["soapgen", "x.wsdl", "--client", "--types-only"])
        .unwrap()
        .config()
        .unwrap();
    assert!(!c.options.client && !c.options.server);
}

#[test]
fn bad_flags_are_clear_errors() {
    let e = generate::parse(["soapgen", "x.wsdl", "--operationz", "Add"]).unwrap_err();
    assert!(e.to_string().contains("--operationz"), "{e}");
    let e = generate::parse(["soapgen", "x.wsdl", "--layout", "nested"]).unwrap_err();
    assert!(e.to_string().contains("per-namespace"), "{e}");
    let args = generate::parse(["soapgen", "x.wsdl", "--type-override", "NoEquals"]).unwrap();
    let e = args.config().unwrap_err();
    assert!(e.to_string().contains("--type-override `NoEquals`"), "{e}");
}

#[test]
fn missing_wsdl_names_the_file() {
    let args = generate::parse(["soapgen", "no/such/file.wsdl"]).unwrap();
    let e = generate::execute(&args).unwrap_err();
    assert!(e.to_string().contains("no/such/file.wsdl"), "{e}");
}

#[test]
fn sample_document_literal_soap11_and_12() {
    let mut args = sample_args(&calculator(), "Add");
    let xml = sample::sample(&args).unwrap();
    assert!(
        xml.contains("xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""),
        "{xml}"
    );
    assert!(xml.contains("<ns0:Add>"), "{xml}");
    assert!(xml.contains("<ns0:intA>0</ns0:intA>"), "{xml}");
    assert!(
        xml.contains("SOAPAction: \"http://tempuri.org/Add\""),
        "{xml}"
    );
    roxmltree::Document::parse(&xml).expect("well-formed");

    args.soap12 = true;
    let xml = sample::sample(&args).unwrap();
    assert!(
        xml.contains("xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""),
        "{xml}"
    );
}

#[test]
fn sample_rpc_encoded_has_wrapper_encoding_style_and_xsi_types() {
    let args = sample_args(
        &fixtures().join("corpus/mantisconnect/mantisconnect.wsdl"),
        "mc_issue_add",
    );
    let xml = sample::sample(&args).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://schemas.xmlsoap.org/soap/envelope/", "Body")))
        .unwrap();
    let wrapper = body.first_element_child().unwrap();
    assert_eq!(wrapper.tag_name().name(), "mc_issue_add");
    assert_eq!(
        wrapper.tag_name().namespace(),
        Some("http://futureware.biz/mantisconnect")
    );
    assert!(wrapper
        .attribute(("http://schemas.xmlsoap.org/soap/envelope/", "encodingStyle"))
        .is_some());
    let user = wrapper.first_element_child().unwrap();
    assert_eq!(user.tag_name().name(), "username");
    assert_eq!(
        user.tag_name().namespace(),
        None,
        "rpc parts are unqualified"
    );
    assert_eq!(
        user.attribute(("http://www.w3.org/2001/XMLSchema-instance", "type")),
        Some("xsd:string")
    );
}

#[test]
fn sample_rpc_literal_copernica() {
    let args = sample_args(
        &fixtures().join("copernica/copernica-rpc.wsdl"),
        "Database_createProfile",
    );
    let xml = sample::sample(&args).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let wrapper = doc
        .descendants()
        .find(|n| n.has_tag_name("Database_createProfile"))
        .expect("rpc wrapper");
    assert_eq!(
        wrapper.tag_name().namespace(),
        Some("https://soap.copernica.com/")
    );
    assert!(!xml.contains("encodingStyle"), "literal: {xml}");
}

#[test]
fn sample_exchange_fills_headers_choices_and_substitution_groups() {
    let args = sample_args(
        &fixtures().join("corpus/exchange-ews/services.wsdl"),
        "FindItem",
    );
    let xml = sample::sample(&args).unwrap();
    roxmltree::Document::parse(&xml).expect("well-formed");
    assert!(xml.contains("<ns0:RequestServerVersion"), "{xml}");
    assert!(xml.contains("choice: one of"), "{xml}");
}

#[test]
fn sample_unknown_operation_lists_the_real_ones() {
    let e = sample::sample(&sample_args(&calculator(), "Ad")).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("no operation named `Ad`"), "{text}");
    assert!(text.contains("Add, Divide, Multiply, Subtract"), "{text}");
}
