//! Prints the code generated for one WSDL/XSD file (development aid):
//! `cargo run -p soapgen-rust --example gen -- path/to/service.wsdl`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gen <wsdl-or-xsd>");
        std::process::exit(2);
    };
    let mut opts = soapgen_ir::LoadOptions::default();
    for c in std::env::args().skip(2) {
        opts.catalogs.push(c.into());
    }
    let ir = match soapgen_ir::load(&path, &opts) {
        Ok(ir) => ir,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    match soapgen_rust::generate(&ir, &soapgen_rust::Options::default()) {
        Ok(code) => print!("{code}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
