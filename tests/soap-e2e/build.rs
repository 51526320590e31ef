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

/// Option variants compiled for one small service: (module name, entry
/// file, blocking client, flat layout).
const VARIANTS: &[(&str, &str, bool, bool)] = &[
    (
        "calculator_blocking",
        "fixtures/corpus/calculator/calculator-soap11and12.wsdl",
        true,
        false,
    ),
    (
        "calculator_flat",
        "fixtures/corpus/calculator/calculator-soap11and12.wsdl",
        false,
        true,
    ),
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let mut load = soapgen_ir::LoadOptions::default();
    load.catalogs
        .push(root.join("fixtures/corpus/_wellknown/catalog.xml"));
    let mut index = String::new();
    let jobs = SERVICES
        .iter()
        .map(|(name, path, ops)| (*name, *path, *ops, soapgen_rust::Options::default()))
        .chain(VARIANTS.iter().map(|(name, path, blocking, flat)| {
            let mut o = soapgen_rust::Options {
                blocking: *blocking,
                ..soapgen_rust::Options::default()
            };
            if *flat {
                o.layout = soapgen_rust::ModuleLayout::Flat;
            }
            (*name, *path, &[][..], o)
        }));
    for (name, path, ops, gen_opts) in jobs {
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
        let code = match soapgen_rust::generate(&ir, &gen_opts) {
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
