//! The build.rs front end on real fixtures: output, rerun tracking, errors.

use std::path::{Path, PathBuf};

use soapgen_build::{Builder, Config, Error};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn calculator() -> PathBuf {
    fixtures().join("corpus/calculator/calculator-soap11and12.wsdl")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("soapgen-build-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn builder_writes_the_generate_string_output() {
    let dir = temp_dir("write");
    let path = Builder::new()
        .wsdl(calculator())
        .out_dir(&dir)
        .out_file("calc.rs")
        .generate()
        .unwrap();
    assert_eq!(path, dir.join("calc.rs"));
    let written = std::fs::read_to_string(&path).unwrap();
    let (expected, inputs) = soapgen_build::generate_string(&Config::new(calculator())).unwrap();
    assert_eq!(written, expected);
    assert!(written.starts_with(soapgen_build::HEADER));
    assert!(written.contains("pub struct AddResponse"));
    assert_eq!(inputs.len(), 1, "{inputs:?}");
    assert_eq!(
        inputs[0].canonicalize().unwrap(),
        calculator().canonicalize().unwrap()
    );
    // The same bytes as the emitter alone, after the header.
    let ir = soapgen_ir::load(calculator(), &Default::default()).unwrap();
    let plain = soapgen_rust::generate(&ir, &soapgen_rust::Options::default()).unwrap();
    assert_eq!(&written[soapgen_build::HEADER.len()..], plain);
}

#[test]
fn unchanged_output_is_not_rewritten() {
    let dir = temp_dir("mtime");
    let b = Builder::new().wsdl(calculator()).out_dir(&dir);
    let path = b.generate().unwrap();
    assert_eq!(path.file_name().unwrap(), "calculator-soap11and12.rs");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    b.generate().unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn operations_filter_restricts_generated_types() {
    let (code, _) = soapgen_build::generate_string(
        Builder::new()
            .wsdl(calculator())
            .operations(["Add"])
            .config(),
    )
    .unwrap();
    assert!(code.contains("pub struct Add "), "{code}");
    assert!(!code.contains("pub struct Subtract"), "{code}");
}

#[test]
fn pruned_exchange_still_generates() {
    let (code, inputs) = soapgen_build::generate_string(
        Builder::new()
            .wsdl(fixtures().join("corpus/exchange-ews/services.wsdl"))
            .catalog(fixtures().join("corpus/_wellknown/catalog.xml"))
            .operations(["FindItem", "GetItem"])
            .config(),
    )
    .unwrap();
    assert!(code.contains("FindItemType"));
    assert!(!code.contains("CreateFolderType"));
    // services.wsdl, messages.xsd, types.xsd (+ the catalog).
    assert!(inputs.len() >= 3, "{inputs:?}");
    assert!(
        inputs.iter().any(|p| p.ends_with("types.xsd")),
        "{inputs:?}"
    );
}

#[test]
fn options_reach_the_emitter() {
    let (code, _) = soapgen_build::generate_string(
        Builder::new()
            .wsdl(calculator())
            .derive("Eq")
            .runtime_path("::soapgen::runtime")
            .config(),
    )
    .unwrap();
    assert!(code.contains("Eq"), "{code}");
    assert!(code.contains("::soapgen::runtime"), "{code}");
    assert!(!code.contains("::soapgen_runtime"), "{code}");
}

#[test]
fn missing_file_is_a_located_error() {
    let err = Builder::new()
        .wsdl("does/not/exist.wsdl")
        .out_dir(temp_dir("missing"))
        .generate()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("does/not/exist.wsdl"), "{text}");
    assert!(matches!(err, Error::Load(_)));
    // Debug (what `fn main() -> Result` prints) is the same readable text.
    assert_eq!(format!("{err:?}"), text);
}

#[test]
fn malformed_wsdl_reports_line_and_column() {
    let dir = temp_dir("bad");
    let wsdl = dir.join("bad.wsdl");
    std::fs::write(
        &wsdl,
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n  <types>\n</definitions>\n",
    )
    .unwrap();
    let err = Builder::new()
        .wsdl(&wsdl)
        .out_dir(&dir)
        .generate()
        .unwrap_err();
    let loc = err.location().expect("a location");
    assert!(loc.file.ends_with("bad.wsdl"), "{loc}");
    assert!(loc.line >= 2, "{loc}");
    assert!(err
        .to_string()
        .starts_with(&format!("{}:{}:", loc.file, loc.line)));
}

#[test]
fn bad_options_are_errors_not_panics() {
    let err = Builder::new()
        .wsdl(calculator())
        .type_override("{http://x/Missing", "String")
        .out_dir(temp_dir("opt"))
        .generate()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidOption(_)), "{err}");

    let err = soapgen_build::generate_string(
        Builder::new()
            .wsdl(calculator())
            .operations(["Multiply2"])
            .config(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("no operation named `Multiply2`"), "{text}");
    assert!(text.contains("Multiply"), "{text}");
    assert!(text.contains("calculator-soap11and12.wsdl"), "{text}");
}

#[test]
fn missing_out_dir_is_an_error() {
    // Tests do not run under build.rs; OUT_DIR is unset for the test binary.
    if std::env::var_os("OUT_DIR").is_some() {
        return;
    }
    let err = Builder::new().wsdl(calculator()).generate().unwrap_err();
    assert!(matches!(err, Error::Env(_)), "{err}");
}
