//! Generates the code under test into OUT_DIR: one file per service, each
//! included as one module by `src/lib.rs`.

use std::path::{Path, PathBuf};

/// Services compiled by default: (module name, entry file relative to the
/// workspace root).
const DEFAULT: &[(&str, &str)] = &[
    ("copernica_rpc", "fixtures/copernica/copernica-rpc.wsdl"),
    (
        "calculator",
        "fixtures/corpus/calculator/calculator-soap11and12.wsdl",
    ),
    ("features", "tests/generated/schemas/features.xsd"),
    // rpc/encoded with `soapenc:Array` types (ObjectRefArray, ...).
    ("mantis", "fixtures/corpus/mantisconnect/mantisconnect.wsdl"),
    // The same schema with the non-default options: flat layout, unknown
    // elements skipped, closed enums.
    ("features_flat", "tests/generated/schemas/features.xsd"),
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set by cargo"));
    // (module, entry file, must load): default services must load; corpus
    // services the resolver cannot load yet are reported and skipped.
    let mut services: Vec<(String, PathBuf, bool)> = DEFAULT
        .iter()
        .map(|(n, p)| (n.to_string(), root.join(p), true))
        .collect();
    services.extend(
        extra_services(&root)
            .into_iter()
            .map(|(n, p)| (n, p, false)),
    );
    let mut opts = soapgen_ir::LoadOptions::default();
    opts.catalogs
        .push(root.join("fixtures/corpus/_wellknown/catalog.xml"));
    let mut index = String::new();
    for (name, path, must_load) in &services {
        println!("cargo:rerun-if-changed={}", path.display());
        // Corpus services may bring their own catalog (next to the entry
        // file's service directory); the corpus is trusted, so DTDs are
        // allowed (xmldsig declares entities).
        let mut opts = opts.clone();
        if !must_load {
            opts.allow_dtd = true;
            if let Some(dir) = service_dir(&root, path) {
                let catalog = dir.join("catalog.xml");
                if catalog.exists() {
                    opts.catalogs.push(catalog);
                }
            }
        }
        let ir = match soapgen_ir::load(path, &opts) {
            Ok(ir) => ir,
            Err(e) if !must_load => {
                println!("cargo:warning=skipped {name}: {e}");
                continue;
            }
            Err(e) => panic!("loading {}: {e}", path.display()),
        };
        for d in &ir.documents {
            println!("cargo:rerun-if-changed={d}");
        }
        // Types and codecs only: clients and servers are tested elsewhere,
        // and this crate builds the runtime without its HTTP features.
        let mut gen_opts = soapgen_rust::Options {
            client: false,
            server: false,
            ..soapgen_rust::Options::default()
        };
        if name.ends_with("_flat") {
            gen_opts.layout = soapgen_rust::ModuleLayout::Flat;
            gen_opts.unknown_elements = soapgen_rust::UnknownElements::Skip;
            gen_opts.enum_unknown_variant = false;
        }
        let code = match soapgen_rust::generate(&ir, &gen_opts) {
            Ok(c) => c,
            Err(e) => panic!("generating {}: {e}", path.display()),
        };
        let file = out.join(format!("{name}.rs"));
        std::fs::write(&file, code).expect("write generated code");
        index.push_str(&format!(
            "pub mod {name} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\")); }}\n"
        ));
    }
    std::fs::write(out.join("services.rs"), index).expect("write index");
    println!("cargo:rerun-if-changed=build.rs");
}

/// `fixtures/corpus/<service>` for an entry file below it.
fn service_dir(root: &Path, entry: &Path) -> Option<PathBuf> {
    let corpus = root.join("fixtures/corpus");
    let rel = entry.strip_prefix(&corpus).ok()?;
    let first = rel.components().next()?;
    Some(corpus.join(first))
}

/// With the `corpus` feature: every corpus service listed in
/// `fixtures/corpus/MANIFEST.tsv` except those in `SKIP`.
fn extra_services(root: &Path) -> Vec<(String, PathBuf)> {
    if std::env::var_os("CARGO_FEATURE_CORPUS").is_none() {
        return Vec::new();
    }
    const SKIP: &[&str] = &["calculator", "wsdl20-hotel-reservation"];
    let manifest = root.join("fixtures/corpus/MANIFEST.tsv");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let text = std::fs::read_to_string(&manifest).expect("read MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?;
            let entry = cols.next()?;
            if SKIP.contains(&name) {
                return None;
            }
            Some((
                format!("corpus_{}", name.replace('-', "_")),
                root.join("fixtures/corpus").join(name).join(entry),
            ))
        })
        .collect()
}
