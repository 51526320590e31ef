//! Generates the bindings whose readers and writers the `run` bench measures:
//! Copernica (rpc WSDL, whole) and Exchange EWS restricted to FindItem and
//! GetItem (the full EWS bindings are compiled by `cargo xtask bench` in a
//! scratch crate instead, to time that compile on its own).
//!
//! Only the bench targets `include!` these files; the library does not.

use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let mut opts = soapgen_ir::LoadOptions::default();
    opts.catalogs
        .push(root.join("fixtures/corpus/_wellknown/catalog.xml"));

    let inputs: [(&str, &str, &[&str]); 2] = [
        (
            "copernica_rpc",
            "fixtures/copernica/copernica-rpc.wsdl",
            &[],
        ),
        (
            "ews_find_get",
            "fixtures/corpus/exchange-ews/services.wsdl",
            &["FindItem", "GetItem"],
        ),
    ];
    for (name, entry, operations) in inputs {
        let path = root.join(entry);
        let ir = soapgen_ir::load(&path, &opts)
            .unwrap_or_else(|e| panic!("loading {}: {e}", path.display()));
        for d in &ir.documents {
            println!("cargo:rerun-if-changed={d}");
        }
        let ir = if operations.is_empty() {
            ir
        } else {
            let filter = soapgen_ir::prune::Filter {
                operations: operations.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            };
            soapgen_ir::prune::prune(&ir, &filter)
                .unwrap_or_else(|e| panic!("pruning {}: {e}", path.display()))
        };
        let code = soapgen_rust::generate(&ir, &soapgen_rust::Options::default())
            .unwrap_or_else(|e| panic!("generating {}: {e}", path.display()));
        std::fs::write(out.join(format!("{name}.rs")), code).expect("write generated code");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
