//! Parse + resolve timing: `cargo run --release -p soapgen-ir --example
//! load_timing -- <file.wsdl>... [--catalog catalog.xml]...`
//! Prints the best of 5 runs per file (the first run warms the page cache).

use std::time::{Duration, Instant};

fn main() {
    let mut opts = soapgen_ir::LoadOptions::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--catalog" {
            if let Some(c) = args.next() {
                opts.catalogs.push(c.into());
            }
        } else {
            files.push(a);
        }
    }
    for f in files {
        let mut best = Duration::MAX;
        let mut summary = String::new();
        for _ in 0..5 {
            let start = Instant::now();
            match soapgen_ir::load(&f, &opts) {
                Ok(ir) => {
                    best = best.min(start.elapsed());
                    summary = format!(
                        "{} docs, {} types, {} elements, {} operations",
                        ir.documents.len(),
                        ir.types.len(),
                        ir.elements.len(),
                        ir.bindings
                            .iter()
                            .map(|b| b.operations.len())
                            .sum::<usize>()
                    );
                }
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(1);
                }
            }
        }
        println!("{f}: {best:.1?} ({summary})");
    }
}
