//! The Copernica fixtures resolve to the object model of
//! fixtures/copernica/OBJECT_MODEL.md: 104 operations, one `Result` type
//! shared by every output, `input_<Method>` parameter types.

use soapgen_ir::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/copernica")
        .join(name)
}

fn load(name: &str) -> Ir {
    soapgen_ir::load(fixture(name), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn type_id(ir: &Ir, local: &str) -> TypeId {
    let i = ir
        .types
        .iter()
        .position(|t| t.name.local == local && !t.anonymous)
        .unwrap_or_else(|| panic!("type {local} missing"));
    TypeId(i)
}

fn complex(ir: &Ir, id: TypeId) -> &ComplexType {
    match &ir.types[id.0].kind {
        TypeKind::Complex(c) => c,
        TypeKind::Simple(_) => panic!("{} is simple", ir.types[id.0].name),
    }
}

fn group(c: &Content) -> &ModelGroup {
    match c {
        Content::Elements(Particle {
            term: Term::Group(g),
            ..
        }) => g,
        other => panic!("not element content: {other:?}"),
    }
}

fn elem(p: &Particle) -> &ElementParticle {
    match &p.term {
        Term::Element(e) => e,
        other => panic!("not an element: {other:?}"),
    }
}

const NS: &str = "https://soap.copernica.com/";

fn check_result_type(ir: &Ir) {
    let result = complex(ir, type_id(ir, "Result"));
    let Content::Elements(top) = &result.content else {
        panic!("Result has no element content")
    };
    assert_eq!(top.min_occurs, 0, "Result is a choice with minOccurs=0");
    let choice = group(&result.content);
    assert_eq!(choice.compositor, Compositor::Choice);
    let value = elem(&choice.particles[0]);
    assert_eq!(value.name, QName::new("", "value"));
    assert!(value.nillable);
    assert_eq!(value.type_ref, TypeRef::Builtin(Builtin::String));
    assert_eq!(
        elem(&choice.particles[1]).type_ref,
        TypeRef::Named(type_id(ir, "Array"))
    );
    assert_eq!(
        elem(&choice.particles[2]).type_ref,
        TypeRef::Named(type_id(ir, "Map"))
    );
    // The paged collection: sequence(start, length, total, allproperties?, items).
    let Term::Group(paged) = &choice.particles[3].term else {
        panic!("4th choice member is not the paged-collection sequence")
    };
    assert_eq!(paged.compositor, Compositor::Sequence);
    let names: Vec<&str> = paged
        .particles
        .iter()
        .map(|p| elem(p).name.local.as_str())
        .collect();
    assert_eq!(
        names,
        ["start", "length", "total", "allproperties", "items"]
    );
    assert_eq!(paged.particles[3].min_occurs, 0);
    // One element per structure, e.g. database: Database.
    let db = choice
        .particles
        .iter()
        .filter_map(|p| match &p.term {
            Term::Element(e) => Some(e),
            _ => None,
        })
        .find(|e| e.name.local == "database")
        .expect("Result/database");
    assert_eq!(db.type_ref, TypeRef::Named(type_id(ir, "Database")));
}

fn check_search_profiles_input(ir: &Ir) {
    let t = complex(ir, type_id(ir, "input_Database_searchProfiles"));
    let g = group(&t.content);
    assert_eq!(g.compositor, Compositor::Sequence);
    let fields: Vec<(&str, u32)> = g
        .particles
        .iter()
        .map(|p| (elem(p).name.local.as_str(), p.min_occurs))
        .collect();
    assert_eq!(
        fields,
        [
            ("id", 1),
            ("requirements", 1),
            ("order", 0),
            ("asc", 0),
            ("login", 0),
            ("access_token", 0),
            ("start", 0),
            ("length", 0),
            ("allproperties", 0)
        ]
    );
    assert_eq!(
        elem(&g.particles[0]).type_ref,
        TypeRef::Builtin(Builtin::Int)
    );
    assert_eq!(
        elem(&g.particles[1]).type_ref,
        TypeRef::Named(type_id(ir, "Requirements"))
    );
    assert!(elem(&g.particles[0])
        .doc
        .as_deref()
        .unwrap_or("")
        .contains("database"));
    // Requirements: requirement*, of type Requirement.
    let req = complex(ir, type_id(ir, "Requirements"));
    let rg = group(&req.content);
    assert_eq!(rg.particles[0].max_occurs, MaxOccurs::Unbounded);
    assert_eq!(
        elem(&rg.particles[0]).type_ref,
        TypeRef::Named(type_id(ir, "Requirement"))
    );
}

#[test]
fn copernica_rpc_resolves_to_104_rpc_literal_operations() {
    let ir = load("copernica-rpc.wsdl");
    assert_eq!(ir.target_namespace.as_deref(), Some(NS));
    assert_eq!(ir.services.len(), 1);
    assert_eq!(ir.services[0].name, QName::new(NS, "POM_SOAP_API"));
    assert_eq!(ir.services[0].ports[0].name, "POMPort");
    assert_eq!(
        ir.services[0].ports[0].address.as_deref(),
        Some("https://soap.copernica.com/")
    );
    assert_eq!(ir.bindings.len(), 1);
    let b = &ir.bindings[0];
    assert_eq!(b.protocol, BindingProtocol::Soap11);
    assert_eq!(b.port_type, QName::new(NS, "POMPortType"));
    assert_eq!(b.operations.len(), 104);
    let result = type_id(&ir, "Result");
    for op in &b.operations {
        assert_eq!(op.style, Style::Rpc, "{}", op.name);
        assert_eq!(op.mep, Mep::RequestResponse);
        assert!(!op.wrapped);
        let input = op.input.as_ref().expect("input");
        assert_eq!(input.use_, Use::Literal);
        assert_eq!(input.parts.len(), 1);
        assert_eq!(input.parts[0].name, "parameters");
        let PartKind::Type(TypeRef::Named(t)) = input.parts[0].kind else {
            panic!("{}: input part is not a named type", op.name)
        };
        assert_eq!(
            ir.types[t.0].name,
            QName::new(NS, format!("input_{}", op.name))
        );
        let output = op.output.as_ref().expect("output");
        assert_eq!(output.parts[0].name, "result");
        assert!(matches!(output.parts[0].kind, PartKind::Type(TypeRef::Named(t)) if t == result));
        assert_eq!(op.faults.len(), 1);
        assert_eq!(op.faults[0].name, "ApiFault");
    }
    let names: Vec<&str> = b.operations.iter().map(|o| o.name.as_str()).collect();
    for expected in [
        "login",
        "Account_createDatabase",
        "Database_searchProfiles",
        "Profile_updateFields",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
    check_result_type(&ir);
    check_search_profiles_input(&ir);
    // The fault detail: element ApiFault of type ApiError{message, code}.
    let PartKind::Element(fe) = b.operations[0].faults[0].parts[0].kind else {
        panic!("fault part is not an element")
    };
    assert_eq!(
        ir.elements[fe.0].type_ref,
        TypeRef::Named(type_id(&ir, "ApiError"))
    );
}

#[test]
fn copernica_document_wrapped_resolves_to_104_wrapped_operations() {
    let ir = load("copernica.wsdl");
    let b = &ir.bindings[0];
    assert_eq!(b.operations.len(), 104);
    for op in &b.operations {
        assert_eq!(op.style, Style::Document, "{}", op.name);
        assert!(op.wrapped, "{} should be doc/literal wrapped", op.name);
    }
    let op = b
        .operations
        .iter()
        .find(|o| o.name == "Database_searchProfiles")
        .expect("Database_searchProfiles");
    let PartKind::Element(e) = op.input.as_ref().expect("input").parts[0].kind else {
        panic!("input part is not an element")
    };
    let decl = &ir.elements[e.0];
    assert_eq!(decl.name, QName::new(NS, "Database_searchProfiles"));
    let TypeRef::Named(wrapper) = decl.type_ref else {
        panic!("wrapper has a builtin type")
    };
    assert!(ir.types[wrapper.0].anonymous);
    let g = group(&complex(&ir, wrapper).content);
    let inner = elem(&g.particles[0]);
    assert_eq!(inner.name, QName::new("", "parameters"));
    assert_eq!(
        inner.type_ref,
        TypeRef::Named(type_id(&ir, "input_Database_searchProfiles"))
    );
    check_result_type(&ir);
    check_search_profiles_input(&ir);
}

#[test]
fn copernica_loads_deterministically() {
    let a = serde_json::to_string(&load("copernica.wsdl")).expect("json");
    let b = serde_json::to_string(&load("copernica.wsdl")).expect("json");
    assert_eq!(a, b);
}
