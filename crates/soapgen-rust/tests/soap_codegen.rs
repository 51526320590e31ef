//! The SOAP client/server generation (modules `operations`, `client`,
//! `server`): options, determinism and the shape of the per-operation glue.
//! Behaviour over the wire is tested in tests/soap-e2e.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generate(rel: &str, opts: &soapgen_rust::Options) -> String {
    let mut load = soapgen_ir::LoadOptions::default();
    load.catalogs
        .push(root().join("fixtures/corpus/_wellknown/catalog.xml"));
    let ir = soapgen_ir::load(root().join(rel), &load).expect("load");
    soapgen_rust::generate(&ir, opts).expect("generate")
}

const CALC: &str = "fixtures/corpus/calculator/calculator-soap11and12.wsdl";
const COPERNICA: &str = "fixtures/copernica/copernica-rpc.wsdl";

/// The text of module `name` (from `pub mod name {` to the next top-level module).
fn module<'a>(code: &'a str, name: &str) -> &'a str {
    let start = code
        .find(&format!("\npub mod {name} {{"))
        .unwrap_or_else(|| panic!("no module {name}"));
    let rest = &code[start + 1..];
    let end = rest[1..].find("\npub mod ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn clients_and_servers_are_on_by_default_and_can_be_switched_off() {
    let code = generate(CALC, &soapgen_rust::Options::default());
    for m in ["operations", "client", "server"] {
        assert!(code.contains(&format!("\npub mod {m} {{")), "module {m}");
    }
    let off = soapgen_rust::Options {
        client: false,
        server: false,
        ..soapgen_rust::Options::default()
    };
    let types_only = generate(CALC, &off);
    assert!(!types_only.contains("pub mod operations"));
    assert!(!types_only.contains("pub mod client"));
    let client_only = generate(
        CALC,
        &soapgen_rust::Options {
            server: false,
            ..soapgen_rust::Options::default()
        },
    );
    assert!(client_only.contains("pub mod client") && !client_only.contains("pub mod server"));
}

#[test]
fn generation_is_deterministic() {
    let opts = soapgen_rust::Options::default();
    assert_eq!(generate(COPERNICA, &opts), generate(COPERNICA, &opts));
}

#[test]
fn document_literal_wrapped_gets_unwrapped_and_raw_methods() {
    let code = generate(CALC, &soapgen_rust::Options::default());
    let client = module(&code, "client");
    // One client per port (SOAP 1.1 and 1.2), endpoint from soap:address.
    assert!(client.contains("pub struct CalculatorSoapClient<T>"));
    assert!(client.contains("pub struct CalculatorSoap12Client<T>"));
    assert!(client.contains("\"http://www.dneonline.com/calculator.asmx\""));
    let squeezed: String = client.split_whitespace().collect();
    assert!(squeezed.contains("pubasyncfnadd(&self,int_a:i32,int_b:i32"));
    assert!(client.contains("pub async fn add_raw("));
    let ops = module(&code, "operations");
    assert!(ops.contains("rt::soap::SoapVersion::Soap12"));
    assert!(ops.contains("\"http://tempuri.org/Add\""));
    // One trait for the port type shared by both bindings, one handler each.
    let server = module(&code, "server");
    assert_eq!(server.matches("pub trait ").count(), 1);
    assert!(server.contains("pub struct CalculatorSoapServer<S>"));
    assert!(server.contains("pub struct CalculatorSoap12Server<S>"));
}

#[test]
fn blocking_option_generates_blocking_clients() {
    let code = generate(
        CALC,
        &soapgen_rust::Options {
            blocking: true,
            ..soapgen_rust::Options::default()
        },
    );
    let client = module(&code, "client");
    assert!(client.contains("rt::soap::BlockingClient<T>"));
    assert!(client.contains("rt::ops::call_blocking"));
    assert!(!client.contains("async fn"));
    assert!(!client.contains(".await"));
}

#[test]
fn rpc_literal_operations_share_their_fault_enum() {
    let code = generate(COPERNICA, &soapgen_rust::Options::default());
    let ops = module(&code, "operations");
    // 104 operations declare the same ApiFault: one enum.
    assert_eq!(ops.matches("pub enum ").count(), 1);
    assert!(ops.contains("pub enum ApiFault {"));
    assert_eq!(ops.matches("pub const POM_BINDING_").count(), 104);
    let client = module(&code, "client");
    assert_eq!(client.matches("pub async fn ").count(), 104);
    assert!(client.contains("rt::ops::rpc_request(\n"));
    let server = module(&code, "server");
    assert!(server.contains("pub trait PomPortType"));
    assert!(server.contains("rt::ops::request_part1::<"));
}
