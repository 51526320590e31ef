//! Generates the clients and servers under test into OUT_DIR: one file per
//! service, each included as one module by `src/lib.rs`.

use std::path::{Path, PathBuf};

/// (module name, entry file relative to the workspace root, operations to
/// keep: empty = all).
const SERVICES: &[(&str, &str, &[&str])] = &[
    (
        "copernica_rpc",
        "fixtures/copernica/copernica-rpc.wsdl",
        &[],
    ),
    (
        "calculator",
        "fixtures/corpus/calculator/calculator-soap11and12.wsdl",
        &[],
    ),
    (
        "partner_service",
        "fixtures/corpus/wcf-partnerservice/PartnerService.local.wsdl",
        &[],
    ),
    (
        "mantis",
        "fixtures/corpus/mantisconnect/mantisconnect.wsdl",
        &[],
    ),
    (
        "portaplus",
        "fixtures/corpus/portaplus-soap12/portaplusapi.wsdl",
        &[],
    ),
    (
        "salesforce",
        "fixtures/corpus/salesforce-partner/partner.wsdl",
        &["login", "query", "create", "getUserInfo", "logout"],
    ),
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let mut load = soapgen_ir::LoadOptions::default();
    load.catalogs
        .push(root.join("fixtures/corpus/_wellknown/catalog.xml"));
    let mut index = String::new();
    for (name, path, ops) in SERVICES {
        let path = root.join(path);
        println!("cargo:rerun-if-changed={}", path.display());
        let ir = match soapgen_ir::load(&path, &load) {
            Ok(ir) => ir,
            Err(e) => panic!("loading {}: {e}", path.display()),
        };
        for d in &ir.documents {
            println!("cargo:rerun-if-changed={d}");
        }
        let ir = if ops.is_empty() {
            ir
        } else {
            let filter = soapgen_ir::prune::Filter {
                operations: ops.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            };
            match soapgen_ir::prune::prune(&ir, &filter) {
                Ok(ir) => ir,
                Err(e) => panic!("pruning {}: {e}", path.display()),
            }
        };
        let code = match soapgen_rust::generate(&ir, &soapgen_rust::Options::default()) {
            Ok(c) => c,
            Err(e) => panic!("generating {}: {e}", path.display()),
        };
        std::fs::write(out.join(format!("{name}.rs")), code).expect("write generated code");
        index.push_str(&format!(
            "pub mod {name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\")); }}\n"
        ));
    }
    std::fs::write(out.join("services.rs"), index).expect("write index");
    println!("cargo:rerun-if-changed=build.rs");
}
