//! Hostile input, second part (the first is `hostile.rs`): entity and
//! encoding tricks, documents too deep, too wide or too large, self
//! references, and schemas built to stress code generation (100,000
//! enumeration values, 50,000 operations, names that collide after case
//! conversion). Every case ends in bounded time and memory with either a
//! result or a typed error with a location — never a panic, a stack
//! overflow, a hang or an unbounded allocation.

use soapgen_ir::{ErrorKind, LoadOptions};
use soapgen_parser::ErrorKind as P;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The identifier-uniqueness check, shared with the `codegen` fuzz target.
#[path = "../../../fuzz/src/idents.rs"]
mod idents;

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/hostile")
        .join(name)
}

fn load(name: &str) -> Result<soapgen_ir::Ir, soapgen_ir::Error> {
    soapgen_ir::load(hostile(name), &LoadOptions::default())
}

fn err(name: &str) -> soapgen_ir::Error {
    match load(name) {
        Ok(_) => panic!("{name} loaded but should not"),
        Err(e) => e,
    }
}

/// The error names `file:line:column` (line > 0) of a file ending in `file`.
fn assert_at(e: &soapgen_ir::Error, file: &str, line: u32) {
    let l = e.location().unwrap_or_else(|| panic!("no location: {e}"));
    assert!(l.file.ends_with(file), "{e}");
    assert_eq!(l.line, line, "{e}");
    assert!(l.column >= 1, "{e}");
}

/// Generous wall-clock bound for debug builds on a shared 2-core machine;
/// what it catches is quadratic (or worse) behaviour, which takes minutes.
const BOUND: Duration = Duration::from_secs(60);

fn bounded<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(took < BOUND, "{what} took {took:?}");
    out
}

/// Peak resident memory of this process (Linux; `None` elsewhere).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

// ------------------------------------------------------------ entities, DTDs

#[test]
fn external_entity_to_a_local_file_is_never_read() {
    let e = err("xxe-local-file.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::DtdNotAllowed));
    assert_at(&e, "xxe-local-file.xsd", 2);
    // Even with the DTD opt-in, external entities are not resolved: the
    // load fails (roxmltree refuses them) and never shows the file.
    let opts = LoadOptions {
        allow_dtd: true,
        ..Default::default()
    };
    match soapgen_ir::load(hostile("xxe-local-file.xsd"), &opts) {
        Ok(ir) => {
            let json = serde_json::to_string(&ir).unwrap_or_default();
            assert!(!json.contains("root:"), "external entity was expanded");
        }
        Err(e) => {
            assert!(e.location().is_some_and(|l| l.line > 0), "{e}");
            assert!(!e.to_string().contains("root:"), "{e}");
        }
    }
}

// ------------------------------------------------------------ encodings

#[test]
fn invalid_utf8_is_a_typed_error_naming_the_file() {
    let e = err("invalid-utf8.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::MalformedXml));
    let l = e.location().expect("a location");
    assert!(l.file.ends_with("invalid-utf8.xsd"), "{e}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
    // The first bad byte, by position (the file is named by its location).
    assert!(e.to_string().contains("line 3, column 24"), "{e}");
}

#[cfg(unix)]
#[test]
fn include_of_a_device_file_is_refused_without_reading_it() {
    let e = bounded("include of /dev/zero", || err("dev-zero-include.xsd"));
    assert_eq!(e.kind(), ErrorKind::Load(P::NotFound));
    assert_at(&e, "dev-zero-include.xsd", 3);
    assert!(e.to_string().contains("not a regular file"), "{e}");
}

#[test]
fn oversized_file_is_refused_before_it_is_read() {
    let mut opts = LoadOptions::default();
    opts.limits.max_document_bytes = 64;
    let e = soapgen_ir::load(hostile("self-include.xsd"), &opts).expect_err("too big");
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
    assert!(e.to_string().contains("max_document_bytes"), "{e}");
}

#[test]
fn utf8_byte_order_mark_loads() {
    let ir = load("bom-utf8.xsd").expect("a UTF-8 BOM is legal XML");
    assert_eq!(ir.types.len(), 1);
    // The same document given as text (BOM included) loads too.
    let text = std::fs::read_to_string(hostile("bom-utf8.xsd")).expect("fixture");
    assert!(text.starts_with('\u{feff}'));
    let ir = soapgen_ir::load_str("bom.xsd", &text, &LoadOptions::default())
        .expect("BOM in in-memory text");
    assert_eq!(ir.types.len(), 1);
}

#[test]
fn utf16_with_byte_order_mark_is_a_typed_error() {
    let e = err("bom-utf16le.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::MalformedXml));
    assert!(e.location().is_some(), "{e}");
    assert!(e.to_string().contains("UTF-16"), "{e}");
}

// ------------------------------------------------------------ size and shape

#[test]
fn million_deep_nesting_is_a_typed_error() {
    let depth = 1_000_000;
    let mut text = String::with_capacity(depth * 7 + 200);
    text.push_str("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n");
    for _ in 0..depth {
        text.push_str("<a>");
    }
    for _ in 0..depth {
        text.push_str("</a>");
    }
    text.push_str("</xs:schema>\n");
    let e = bounded("1,000,000-deep nesting", || {
        soapgen_ir::load_str("deep.xsd", &text, &LoadOptions::default()).expect_err("too deep")
    });
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
    assert_at(&e, "deep.xsd", 2);
}

#[test]
fn million_deep_nesting_is_refused_even_with_the_limit_raised() {
    // A caller may raise max_depth, but not past the depth at which the XML
    // parser's recursion would overflow the stack.
    let depth = 1_000_000;
    let mut text = String::with_capacity(depth * 7 + 200);
    text.push_str("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">");
    text.push_str(&"<a>".repeat(depth));
    text.push_str(&"</a>".repeat(depth));
    text.push_str("</xs:schema>");
    let mut opts = LoadOptions::default();
    opts.limits.max_depth = usize::MAX;
    let e = soapgen_ir::load_str("deep.xsd", &text, &opts).expect_err("too deep");
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded), "{e}");
}

/// A schema with one 100 MB attribute value.
fn huge_attribute_schema() -> String {
    let size = 100 * 1024 * 1024;
    let mut text = String::with_capacity(size + 300);
    text.push_str(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:big\">\n",
    );
    text.push_str("<xs:element name=\"e\" type=\"xs:string\" fixed=\"");
    text.extend(std::iter::repeat_n('A', size));
    text.push_str("\"/>\n</xs:schema>\n");
    text
}

#[test]
fn hundred_megabyte_attribute_value_is_bounded() {
    let text = huge_attribute_schema();
    // The default size limit refuses it before parsing.
    let e = bounded("100 MB attribute, default limits", || {
        soapgen_ir::load_str("big.xsd", &text, &LoadOptions::default()).expect_err("too big")
    });
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
    assert!(e.to_string().contains("max_document_bytes"), "{e}");
    assert!(e.location().is_some_and(|l| l.file == "big.xsd"));
    // With the limit raised it loads, and memory stays a small multiple of
    // the document (copies of the text, no per-character blow-up).
    let mut opts = LoadOptions::default();
    opts.limits.max_document_bytes = 256 * 1024 * 1024;
    let ir = bounded("100 MB attribute, raised limit", || {
        soapgen_ir::load_str("big.xsd", &text, &opts).expect("loads with a raised limit")
    });
    assert_eq!(ir.elements.len(), 1);
    drop(ir);
    if let Some(peak) = peak_rss_bytes() {
        assert!(peak < 3 * 1024 * 1024 * 1024, "peak RSS {peak} bytes");
    }
}

#[test]
fn include_fan_out_of_thousands_of_files() {
    // One entry schema including n in-memory schemas, each one type.
    fn fan_out(n: usize) -> (String, BTreeMap<String, String>) {
        let mut entry = String::from(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:fan\">\n",
        );
        let mut docs = BTreeMap::new();
        for i in 0..n {
            entry.push_str(&format!("<xs:include schemaLocation=\"part{i}.xsd\"/>\n"));
            docs.insert(
                format!("part{i}.xsd"),
                format!(
                    "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:f=\"urn:fan\" targetNamespace=\"urn:fan\">\
                     <xs:include schemaLocation=\"fan.xsd\"/>\
                     <xs:complexType name=\"T{i}\"><xs:sequence><xs:element name=\"next\" type=\"f:T{}\" minOccurs=\"0\"/></xs:sequence></xs:complexType>\
                     </xs:schema>",
                    (i + 1) % n
                ),
            );
        }
        entry.push_str("</xs:schema>\n");
        (entry, docs)
    }
    // Within the default document limit: every document loads once.
    let (entry, docs) = fan_out(1_999);
    let opts = LoadOptions {
        in_memory: docs,
        ..Default::default()
    };
    let ir = bounded("1,999 includes", || {
        soapgen_ir::load_str("fan.xsd", &entry, &opts).expect("loads")
    });
    assert_eq!(ir.documents.len(), 2_000);
    assert_eq!(ir.types.len(), 1_999);
    // Past it: a typed error at the include that crosses the limit.
    let (entry, docs) = fan_out(5_000);
    let mut opts = LoadOptions {
        in_memory: docs,
        ..Default::default()
    };
    let e = bounded("5,000 includes, default limit", || {
        soapgen_ir::load_str("fan.xsd", &entry, &opts).expect_err("over max_documents")
    });
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
    assert!(e.location().is_some_and(|l| l.line > 0), "{e}");
    // The limit is configurable: raised, all 5,000 load in bounded time.
    opts.limits.max_documents = 10_000;
    let ir = bounded("5,000 includes, raised limit", || {
        soapgen_ir::load_str("fan.xsd", &entry, &opts).expect("loads")
    });
    assert_eq!(ir.types.len(), 5_000);
}

// ------------------------------------------------------------ self references

#[test]
fn self_include_loads_each_document_once() {
    let ir = load("self-include.xsd").expect("a self-include is harmless");
    assert_eq!(ir.documents.len(), 1, "{:?}", ir.documents);
    assert_eq!(ir.types.len(), 1);
    assert_eq!(ir.elements.len(), 1);
}

#[test]
fn type_deriving_from_itself() {
    let e = err("self-derivation.xsd");
    assert_eq!(e.kind(), ErrorKind::CircularDefinition);
    assert_at(&e, "self-derivation.xsd", 3);
    let e = err("self-restriction.xsd");
    assert_eq!(e.kind(), ErrorKind::CircularDefinition);
    assert_at(&e, "self-restriction.xsd", 3);
}

#[test]
fn group_referencing_itself() {
    let e = err("self-group.xsd");
    assert_eq!(e.kind(), ErrorKind::CircularDefinition);
    assert!(e.location().is_some_and(|l| l.line > 0), "{e}");
}

// ------------------------------------------------------------ generation

/// Generates with default options (client and server included) and checks
/// the result parses as Rust and declares no identifier twice in a scope.
fn generate_checked(ir: &soapgen_ir::Ir) -> syn::File {
    let code = soapgen_rust::generate(ir, &soapgen_rust::Options::default())
        .unwrap_or_else(|e| panic!("generate: {e}"));
    let file = syn::parse_file(&code).unwrap_or_else(|e| panic!("generated code: {e}"));
    if let Err(e) = idents::check_unique(&file.items, "crate") {
        panic!("{e}");
    }
    file
}

#[test]
fn colliding_names_generate_unique_identifiers() {
    let ir = load("name-collisions.wsdl").expect("loads");
    let file = generate_checked(&ir);
    // Every one of the seven `foo bar` spellings (and the other namespace's
    // `fooBar`) got a type of its own.
    fn count_structs(items: &[syn::Item], out: &mut Vec<String>) {
        for item in items {
            match item {
                syn::Item::Struct(s) => out.push(s.ident.to_string()),
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        count_structs(inner, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut structs = Vec::new();
    count_structs(&file.items, &mut structs);
    let foo_bars = structs
        .iter()
        .filter(|s| s.to_lowercase().replace('_', "").starts_with("foobar"))
        .count();
    assert!(foo_bars >= 8, "{structs:?}");
}

#[test]
fn enumeration_with_100_000_values_loads_and_generates() {
    let n = 100_000;
    let mut text = String::from(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:enum\">\n\
         <xs:simpleType name=\"Big\"><xs:restriction base=\"xs:string\">\n",
    );
    // Groups of four values that all convert to the same Rust name.
    for i in 0..n / 4 {
        for v in [
            format!("val{i}"),
            format!("Val{i}"),
            format!("VAL_{i}"),
            format!("val-{i}"),
        ] {
            text.push_str(&format!("<xs:enumeration value=\"{v}\"/>\n"));
        }
    }
    text.push_str("</xs:restriction></xs:simpleType>\n</xs:schema>\n");
    let ir = bounded("loading 100,000 enumeration values", || {
        soapgen_ir::load_str("enum.xsd", &text, &LoadOptions::default()).expect("loads")
    });
    assert_eq!(ir.types.len(), 1);
    let file = bounded("generating 100,000 enumeration values", || {
        generate_checked(&ir)
    });
    fn variants_of(items: &[syn::Item], name: &str) -> Option<usize> {
        items.iter().find_map(|i| match i {
            syn::Item::Enum(e) if e.ident == name => Some(e.variants.len()),
            syn::Item::Mod(m) => variants_of(&m.content.as_ref()?.1, name),
            _ => None,
        })
    }
    let variants = variants_of(&file.items, "Big").expect("enum Big");
    assert!(variants >= n, "{variants} variants");
}

/// A document/literal WSDL with `n` operations (each with its own request
/// and response element and messages).
fn wsdl_with_operations(n: usize) -> String {
    let mut types = String::new();
    let mut messages = String::new();
    let mut port_ops = String::new();
    let mut binding_ops = String::new();
    for i in 0..n {
        types.push_str(&format!(
            "<xs:element name=\"Op{i}\"><xs:complexType><xs:sequence><xs:element name=\"a\" type=\"xs:int\"/></xs:sequence></xs:complexType></xs:element>\
             <xs:element name=\"Op{i}Response\" type=\"xs:string\"/>\n"
        ));
        messages.push_str(&format!(
            "<wsdl:message name=\"Op{i}In\"><wsdl:part name=\"p\" element=\"tns:Op{i}\"/></wsdl:message>\
             <wsdl:message name=\"Op{i}Out\"><wsdl:part name=\"p\" element=\"tns:Op{i}Response\"/></wsdl:message>\n"
        ));
        port_ops.push_str(&format!(
            "<wsdl:operation name=\"Op{i}\"><wsdl:input message=\"tns:Op{i}In\"/><wsdl:output message=\"tns:Op{i}Out\"/></wsdl:operation>\n"
        ));
        binding_ops.push_str(&format!(
            "<wsdl:operation name=\"Op{i}\"><soap:operation soapAction=\"urn:ops#Op{i}\"/><wsdl:input><soap:body use=\"literal\"/></wsdl:input><wsdl:output><soap:body use=\"literal\"/></wsdl:output></wsdl:operation>\n"
        ));
    }
    format!(
        "<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" \
         xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"urn:ops\" targetNamespace=\"urn:ops\">\n\
         <wsdl:types><xs:schema targetNamespace=\"urn:ops\" elementFormDefault=\"qualified\">\n{types}</xs:schema></wsdl:types>\n\
         {messages}<wsdl:portType name=\"Ops\">\n{port_ops}</wsdl:portType>\n\
         <wsdl:binding name=\"OpsBinding\" type=\"tns:Ops\"><soap:binding style=\"document\" transport=\"http://schemas.xmlsoap.org/soap/http\"/>\n{binding_ops}</wsdl:binding>\n\
         <wsdl:service name=\"OpsService\"><wsdl:port name=\"OpsPort\" binding=\"tns:OpsBinding\"><soap:address location=\"http://localhost/ops\"/></wsdl:port></wsdl:service>\n\
         </wsdl:definitions>\n"
    )
}

#[test]
fn wsdl_with_50_000_operations_loads_and_resolves() {
    let n = 50_000;
    let text = wsdl_with_operations(n);
    let ir = bounded("loading 50,000 operations", || {
        soapgen_ir::load_str("ops.wsdl", &text, &LoadOptions::default()).expect("loads")
    });
    assert_eq!(ir.bindings.len(), 1);
    assert_eq!(ir.bindings[0].operations.len(), n);
    assert_eq!(ir.elements.len(), 2 * n);
}

#[test]
fn wsdl_with_5_000_operations_generates() {
    // Generation of the 50,000-operation service is slow in debug builds
    // (it is exercised by `--ignored` below); 5,000 covers the same paths.
    let ir = soapgen_ir::load_str(
        "ops.wsdl",
        &wsdl_with_operations(5_000),
        &LoadOptions::default(),
    )
    .expect("loads");
    bounded("generating 5,000 operations", || generate_checked(&ir));
}

#[test]
#[ignore = "slow in debug builds: run with --release -- --ignored"]
fn wsdl_with_50_000_operations_generates() {
    let ir = soapgen_ir::load_str(
        "ops.wsdl",
        &wsdl_with_operations(50_000),
        &LoadOptions::default(),
    )
    .expect("loads");
    generate_checked(&ir);
}

#[test]
fn nesting_up_to_the_hard_depth_ceiling_does_not_overflow() {
    // The deepest document the parser accepts whatever the limits say: its
    // readers and the resolver recurse per level and must survive it on a
    // test thread's 2 MiB stack (debug build).
    // schema + complexType + 3 levels per step, just under the ceiling.
    let steps = (soapgen_parser::xml::HARD_MAX_DEPTH - 2) / 3;
    let mut text = String::from(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:d\">\
         <xs:complexType name=\"T\">",
    );
    for i in 0..steps {
        text.push_str(&format!(
            "<xs:sequence><xs:element name=\"e{i}\"><xs:complexType>"
        ));
    }
    for _ in 0..steps {
        text.push_str("</xs:complexType></xs:element></xs:sequence>");
    }
    text.push_str("</xs:complexType></xs:schema>");
    let mut opts = LoadOptions::default();
    opts.limits.max_depth = usize::MAX;
    let ir = soapgen_ir::load_str("deep.xsd", &text, &opts).expect("within the ceiling");
    assert_eq!(
        ir.types.len(),
        1 + steps,
        "one named and {steps} anonymous types"
    );
    generate_checked(&ir);
}
