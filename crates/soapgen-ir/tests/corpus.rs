//! Every service of fixtures/corpus/MANIFEST.tsv loads and resolves, except
//! the two that must fail with a clear error (WSDL 2.0 and a template).

use soapgen_ir::{ErrorKind, Ir, LoadOptions};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Options for one corpus service: its own catalog.xml (if any) plus the
/// well-known catalog.
pub fn corpus_options(service: &str) -> LoadOptions {
    let corpus = root().join("corpus");
    let mut opts = LoadOptions::default();
    let own = corpus.join(service).join("catalog.xml");
    if own.exists() {
        opts.catalogs.push(own);
    }
    opts.catalogs.push(corpus.join("_wellknown/catalog.xml"));
    // uddi-v3 imports the W3C xmldsig schema, which declares its namespace
    // as an internal DTD entity (<!ENTITY dsig ...>): loading it is an
    // explicit opt-in.
    opts.allow_dtd = service == "uddi-v3";
    opts
}

fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("corpus/MANIFEST.tsv")).expect("MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next().unwrap_or_default().to_string();
            let entry = cols.next().unwrap_or_default().to_string();
            (name, entry)
        })
        .collect()
}

fn load_service(name: &str, entry: &str) -> Result<Ir, soapgen_ir::Error> {
    let path = root().join("corpus").join(name).join(entry);
    soapgen_ir::load(path, &corpus_options(name))
}

#[test]
fn every_corpus_service_resolves() {
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for (name, entry) in manifest() {
        match load_service(&name, &entry) {
            Ok(ir) => {
                let ops: usize = ir.bindings.iter().map(|b| b.operations.len()).sum();
                summary.push(format!(
                    "{name}: {} docs, {} types, {} elements, {} bindings, {ops} operations, {} warnings",
                    ir.documents.len(),
                    ir.types.len(),
                    ir.elements.len(),
                    ir.bindings.len(),
                    ir.warnings.len()
                ));
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    eprintln!("{}", summary.join("\n"));
    let failed: Vec<&str> = failures
        .iter()
        .map(|f| f.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        failed,
        vec!["magento-v1-api", "wsdl20-hotel-reservation"],
        "unexpected failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn wsdl20_is_a_clear_error() {
    let e = load_service("wsdl20-hotel-reservation", "HotelReservationService.wsdl").unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::Load(soapgen_parser::ErrorKind::Wsdl20Unsupported)
    );
    let s = e.to_string();
    assert!(s.contains("WSDL 2.0 is not supported yet"), "{s}");
    assert!(s.contains("HotelReservationService.wsdl:"), "{s}");
}

#[test]
fn magento_template_is_a_clear_error() {
    let e = load_service("magento-v1-api", "wsdl.xml").unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::Load(soapgen_parser::ErrorKind::TemplatePlaceholder)
    );
    let s = e.to_string();
    assert!(s.contains("{{var wsdl.name}}"), "{s}");
    assert!(s.contains("wsdl.xml:2:"), "{s}");
}

#[test]
fn uddi_without_dtd_opt_in_names_the_dtd() {
    let path = root().join("corpus/uddi-v3/uddi_v3_service.wsdl");
    let mut opts = corpus_options("uddi-v3");
    opts.allow_dtd = false;
    let e = soapgen_ir::load(path, &opts).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::Load(soapgen_parser::ErrorKind::DtdNotAllowed)
    );
    assert!(
        e.to_string()
            .contains("xmldsig-core-schema.xsd:2:1: DTD/entity declarations are not allowed"),
        "{e}"
    );
}

#[test]
fn corpus_loads_without_catalogs_where_possible() {
    // Only the bundled well-known schemas: rpc/encoded services and EWS
    // must resolve without the user passing _wellknown/catalog.xml.
    for (name, entry) in [
        ("jira-soap-v2", "jirasoapservice-v2.wsdl"),
        ("mantisconnect", "mantisconnect.wsdl"),
        ("exchange-ews", "services.wsdl"),
        ("yandex-direct-live", "live.wsdl"),
        ("omniture-admin", "OmnitureAdminServices.wsdl"),
    ] {
        let path = root().join("corpus").join(name).join(entry);
        let ir = soapgen_ir::load(path, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            ir.documents
                .iter()
                .any(|d| d.starts_with("soapgen:wellknown/")),
            "{name}"
        );
    }
}
