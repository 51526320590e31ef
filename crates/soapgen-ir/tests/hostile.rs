//! Bad input: every case is a typed error with file:line:column (or, for
//! the import cycle, a successful load with each document once). No panics.

use soapgen_ir::{ErrorKind, LoadOptions};
use soapgen_parser::ErrorKind as P;
use std::path::{Path, PathBuf};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/hostile")
        .join(name)
}

fn err(name: &str) -> soapgen_ir::Error {
    match soapgen_ir::load(hostile(name), &LoadOptions::default()) {
        Ok(_) => panic!("{name} loaded but should not"),
        Err(e) => e,
    }
}

/// Asserts the error names `file:line:column` of the given file.
fn assert_at(e: &soapgen_ir::Error, file: &str, line: u32) {
    let l = e.location().unwrap_or_else(|| panic!("no location: {e}"));
    assert!(l.file.ends_with(file), "{e}");
    assert_eq!(l.line, line, "{e}");
    assert!(l.column >= 1, "{e}");
    assert!(
        e.to_string()
            .contains(&format!("{file}:{line}:{}: ", l.column)),
        "{e}"
    );
}

#[test]
fn malformed_xml() {
    let e = err("malformed.wsdl");
    assert_eq!(e.kind(), ErrorKind::Load(P::MalformedXml));
    assert_at(&e, "malformed.wsdl", 5);
}

#[test]
fn missing_import_names_the_import_statement() {
    let e = err("missing-import.wsdl");
    assert_eq!(e.kind(), ErrorKind::Load(P::NotFound));
    assert_at(&e, "missing-import.wsdl", 5);
    assert!(e.to_string().contains("does-not-exist.xsd"), "{e}");
}

#[test]
fn import_cycle_loads_each_document_once() {
    let ir =
        soapgen_ir::load(hostile("cycle-a.xsd"), &LoadOptions::default()).expect("cycle loads");
    assert_eq!(ir.documents.len(), 2, "{:?}", ir.documents);
    assert_eq!(ir.types.len(), 2);
    assert!(ir.warnings.is_empty(), "{:?}", ir.warnings);
    // A contains B contains A: both edges close a cycle.
    for t in &ir.types {
        let soapgen_ir::TypeKind::Complex(c) = &t.kind else {
            panic!()
        };
        let soapgen_ir::Content::Elements(p) = &c.content else {
            panic!()
        };
        let soapgen_ir::Term::Group(g) = &p.term else {
            panic!()
        };
        let soapgen_ir::Term::Element(e) = &g.particles[0].term else {
            panic!()
        };
        assert!(e.recursive, "{}", t.name);
    }
}

#[test]
fn unresolvable_qname() {
    let e = err("unresolved-qname.xsd");
    assert_eq!(e.kind(), ErrorKind::UnresolvedName);
    assert_at(&e, "unresolved-qname.xsd", 6);
    assert!(
        e.to_string().contains("{urn:u}Customer is not defined"),
        "{e}"
    );
}

#[test]
fn dtd_with_entities_is_refused() {
    let e = err("dtd-entities.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::DtdNotAllowed));
    assert_at(&e, "dtd-entities.xsd", 2);
    assert!(
        e.to_string()
            .contains("DTD/entity declarations are not allowed"),
        "{e}"
    );
}

#[test]
fn billion_laughs_is_refused_even_with_dtd_opt_in() {
    let e = err("billion-laughs.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::DtdNotAllowed));
    let opts = LoadOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let e = soapgen_ir::load(hostile("billion-laughs.xsd"), &opts).expect_err("must not expand");
    assert_eq!(e.kind(), ErrorKind::Load(P::MalformedXml), "{e}");
    assert!(e.location().is_some_and(|l| l.line > 0), "{e}");
}

#[test]
fn deep_nesting_is_a_typed_error_not_a_stack_overflow() {
    let depth = 100_000;
    let mut text = String::with_capacity(depth * 40);
    text.push_str(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<xs:complexType name=\"T\">",
    );
    for _ in 0..depth {
        text.push_str("<xs:sequence>");
    }
    for _ in 0..depth {
        text.push_str("</xs:sequence>");
    }
    text.push_str("</xs:complexType></xs:schema>\n");
    let e = soapgen_ir::load_str("deep.xsd", &text, &LoadOptions::default()).expect_err("too deep");
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
    assert_at(&e, "deep.xsd", 2);
    assert!(e.to_string().contains("nesting"), "{e}");
}

#[test]
fn circular_derivation() {
    let e = err("circular-derivation.xsd");
    assert_eq!(e.kind(), ErrorKind::CircularDefinition);
    assert_at(&e, "circular-derivation.xsd", 3);
}

#[test]
fn circular_group() {
    let e = err("circular-group.xsd");
    assert_eq!(e.kind(), ErrorKind::CircularDefinition);
    assert!(e.to_string().contains("contains itself"), "{e}");
    assert!(e.location().is_some_and(|l| l.line > 0), "{e}");
}

#[test]
fn circular_simple_type() {
    let e = err("circular-simple.xsd");
    assert_eq!(e.kind(), ErrorKind::CircularDefinition);
    assert_at(&e, "circular-simple.xsd", 3);
}

#[test]
fn remote_import_without_mapping_explains_the_catalog() {
    let e = err("remote-import.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::RemoteNotMapped));
    assert_at(&e, "remote-import.xsd", 3);
    let s = e.to_string();
    assert!(s.contains("https://example.com/schemas/remote.xsd"), "{s}");
    assert!(s.contains("catalog"), "{s}");
}

#[test]
fn not_a_wsdl() {
    let e = err("not-a-wsdl.xml");
    assert_eq!(e.kind(), ErrorKind::Load(P::UnknownDocument));
    assert_at(&e, "not-a-wsdl.xml", 2);
}

#[test]
fn bad_occurs_prefix_and_facet() {
    let e = err("bad-occurs.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::InvalidSyntax));
    assert_at(&e, "bad-occurs.xsd", 5);
    let e = err("undeclared-prefix.xsd");
    assert_eq!(e.kind(), ErrorKind::Load(P::InvalidSyntax));
    assert_at(&e, "undeclared-prefix.xsd", 3);
    assert!(e.to_string().contains("'nope'"), "{e}");
    let e = err("bad-facet.xsd");
    assert_eq!(e.kind(), ErrorKind::InvalidFacet);
    assert_at(&e, "bad-facet.xsd", 4);
}

#[test]
fn unknown_port_type() {
    let e = err("unknown-port-type.wsdl");
    assert_eq!(e.kind(), ErrorKind::UnresolvedName);
    assert_at(&e, "unknown-port-type.wsdl", 4);
}

#[test]
fn missing_entry_file() {
    let e = err("no-such-file.wsdl");
    assert_eq!(e.kind(), ErrorKind::Load(P::NotFound));
    assert!(e.to_string().contains("no-such-file.wsdl"), "{e}");
}

#[test]
fn limits_are_configurable() {
    let mut opts = LoadOptions::default();
    opts.limits.max_documents = 1;
    let e = soapgen_ir::load(hostile("cycle-a.xsd"), &opts).expect_err("2 documents > 1");
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
    let mut opts = LoadOptions::default();
    opts.limits.max_document_bytes = 100;
    let e = soapgen_ir::load(hostile("cycle-a.xsd"), &opts).expect_err("too big");
    assert_eq!(e.kind(), ErrorKind::Load(P::LimitExceeded));
}
