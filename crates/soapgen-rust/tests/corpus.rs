//! Every corpus service that the resolver loads must generate (the
//! `soapgen-generated-tests` crate compiles them with `--features corpus`).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn every_loadable_corpus_service_generates() {
    let root = root();
    let manifest = std::fs::read_to_string(root.join("fixtures/corpus/MANIFEST.tsv")).unwrap();
    let mut base = soapgen_ir::LoadOptions::default();
    base.catalogs
        .push(root.join("fixtures/corpus/_wellknown/catalog.xml"));
    // The corpus is trusted: allow DTDs (xmldsig declares entities).
    base.allow_dtd = true;
    let mut report = Vec::new();
    let mut generated = 0;
    for line in manifest.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(name), Some(entry)) = (cols.next(), cols.next()) else {
            continue;
        };
        let path = root.join("fixtures/corpus").join(name).join(entry);
        let mut opts = base.clone();
        let catalog = root.join("fixtures/corpus").join(name).join("catalog.xml");
        if catalog.exists() {
            opts.catalogs.push(catalog);
        }
        let ir = match soapgen_ir::load(&path, &opts) {
            Ok(ir) => ir,
            Err(e) => {
                report.push(format!("{name}: load failed: {e}"));
                continue;
            }
        };
        let gen_opts = soapgen_rust::Options {
            client: false,
            server: false,
            ..soapgen_rust::Options::default()
        };
        let code = soapgen_rust::generate(&ir, &gen_opts).unwrap_or_else(|e| panic!("{name}: {e}"));
        report.push(format!(
            "{name}: {} types, {} lines",
            ir.types.len(),
            code.lines().count()
        ));
        generated += 1;
    }
    println!("{}", report.join("\n"));
    assert!(
        generated >= 25,
        "only {generated} services generated:\n{}",
        report.join("\n")
    );
}
