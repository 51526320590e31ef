//! Multi-document and WSDL binding constructs on fixtures/frontend/.

use soapgen_ir::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/frontend")
        .join(name)
}

fn load(name: &str, opts: &LoadOptions) -> Ir {
    soapgen_ir::load(fixture(name), opts).unwrap_or_else(|e| panic!("{e}"))
}

fn ty<'a>(ir: &'a Ir, ns: &str, local: &str) -> (TypeId, &'a TypeDef) {
    let i = ir
        .types
        .iter()
        .position(|t| t.name == QName::new(ns, local))
        .unwrap_or_else(|| panic!("{{{ns}}}{local} missing"));
    (TypeId(i), &ir.types[i])
}

fn particles(t: &TypeDef) -> Vec<&ElementParticle> {
    let TypeKind::Complex(c) = &t.kind else {
        panic!("{} is simple", t.name)
    };
    let Content::Elements(p) = &c.content else {
        return Vec::new();
    };
    let Term::Group(g) = &p.term else { panic!() };
    g.particles
        .iter()
        .filter_map(|p| match &p.term {
            Term::Element(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn chameleon_include_takes_the_including_namespace() {
    let ir = load("chameleon/main.xsd", &LoadOptions::default());
    assert_eq!(ir.documents.len(), 2);
    let (street, _) = ty(&ir, "urn:main", "Street");
    let (_, address) = ty(&ir, "urn:main", "Address");
    let fields = particles(address);
    assert_eq!(fields[0].type_ref, TypeRef::Named(street));
    // Qualified per the *included* schema's (default) unqualified form.
    assert_eq!(fields[0].name, QName::new("", "street"));
    // The anonymous type of global element customer is named after it.
    let (_, customer) = ty(&ir, "urn:main", "customer");
    assert!(customer.anonymous);
    assert_eq!(
        particles(customer)[0].name,
        QName::new("urn:main", "address")
    );
}

#[test]
fn redefine_extends_the_original() {
    let ir = load("redefine/main.xsd", &LoadOptions::default());
    let (orig, _) = ty(&ir, "urn:r", "Person.redefined");
    let (_, person) = ty(&ir, "urn:r", "Person");
    let TypeKind::Complex(c) = &person.kind else {
        panic!()
    };
    assert_eq!(c.base, Some((TypeRef::Named(orig), Derivation::Extension)));
    let names: Vec<_> = particles(person)
        .iter()
        .map(|e| e.name.local.clone())
        .collect();
    assert_eq!(names, ["name", "age"]);
    assert_eq!(c.inherited_particles, 1);
    // The global element declared in the redefined document uses the redefinition.
    let e = ir
        .elements
        .iter()
        .find(|e| e.name.local == "person")
        .expect("person");
    assert_eq!(e.type_ref, TypeRef::Named(ty(&ir, "urn:r", "Person").0));
}

#[test]
fn catalog_uri_rewrite_and_namespace_entries() {
    let mut opts = LoadOptions::default();
    opts.catalogs.push(fixture("catalog/catalog.xml"));
    let ir = load("catalog/main.xsd", &opts);
    assert_eq!(ir.documents.len(), 4, "{:?}", ir.documents);
    let (_, holder) = ty(&ir, "urn:cat", "Holder");
    let f = particles(holder);
    assert_eq!(
        f[0].type_ref,
        TypeRef::Named(ty(&ir, "urn:remote", "Remote").0)
    );
    assert_eq!(f[1].type_ref, TypeRef::Named(ty(&ir, "urn:lib", "Lib").0));
    assert_eq!(
        f[2].type_ref,
        TypeRef::Named(ty(&ir, "urn:by-namespace", "ByNs").0)
    );
    // remote-copy.xsd is reached twice (catalog uri + relative import in
    // lib.xsd) and loaded once.
    assert_eq!(
        ir.types.iter().filter(|t| t.name.local == "Remote").count(),
        1
    );
    // Without the catalog the remote import is an error that says how to map it.
    let e = soapgen_ir::load(fixture("catalog/main.xsd"), &LoadOptions::default()).unwrap_err();
    assert_eq!(
        e.kind(),
        ErrorKind::Load(soapgen_parser::ErrorKind::RemoteNotMapped)
    );
    assert!(e.to_string().contains("main.xsd:4:3"), "{e}");
}

#[test]
fn in_memory_documents() {
    let mut opts = LoadOptions::default();
    opts.in_memory.insert(
        "mem/types.xsd".into(),
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m">
             <xs:simpleType name="Code"><xs:restriction base="xs:string"/></xs:simpleType>
           </xs:schema>"#
            .into(),
    );
    let main = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:m="urn:m" targetNamespace="urn:x">
        <xs:import namespace="urn:m" schemaLocation="types.xsd"/>
        <xs:element name="code" type="m:Code"/>
      </xs:schema>"#;
    let ir = soapgen_ir::load_str("mem/main.xsd", main, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ir.documents, ["mem/main.xsd", "mem/types.xsd"]);
    assert_eq!(ir.elements[0].type_ref, TypeRef::Named(TypeId(0)));
}

#[test]
fn wsdl_import_chain() {
    let ir = load("wsdl-import/service.wsdl", &LoadOptions::default());
    assert_eq!(ir.documents.len(), 4);
    assert_eq!(ir.target_namespace.as_deref(), Some("urn:service"));
    let port = &ir.services[0].ports[0];
    let b = &ir.bindings[port.binding.0];
    assert_eq!(b.name, QName::new("urn:binding", "EchoBinding"));
    assert_eq!(b.port_type, QName::new("urn:abstract", "EchoPortType"));
    let op = &b.operations[0];
    assert!(op.wrapped);
    assert_eq!(op.soap_action.as_deref(), Some("urn:echo"));
    assert_eq!(port.address.as_deref(), Some("http://localhost/echo"));
}

fn op<'a>(b: &'a Binding, name: &str) -> &'a Operation {
    b.operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn soap_bindings_headers_faults_and_meps() {
    let ir = load("bindings.wsdl", &LoadOptions::default());
    assert_eq!(ir.doc.as_deref(), Some("A shop."));
    assert!(ir.warnings.is_empty(), "{:?}", ir.warnings);
    let protocols: Vec<_> = ir.bindings.iter().map(|b| b.protocol).collect();
    assert_eq!(
        protocols,
        [
            BindingProtocol::Soap11,
            BindingProtocol::Soap12,
            BindingProtocol::Http,
            BindingProtocol::Soap11
        ]
    );
    let soap = &ir.bindings[0];
    assert_eq!(soap.doc.as_deref(), Some("Shop operations."));
    assert_eq!(
        soap.transport.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/http")
    );

    let get = op(soap, "GetItem");
    assert_eq!(get.doc.as_deref(), Some("Fetch one item."));
    assert_eq!(get.mep, Mep::RequestResponse);
    assert_eq!(get.style, Style::Document);
    assert!(get.wrapped);
    let input = get.input.as_ref().expect("input");
    assert_eq!(input.io_name.as_deref(), Some("GetItemRequest"));
    assert_eq!(input.parts.len(), 1, "soap:body parts=parameters");
    assert_eq!(input.headers.len(), 1);
    let h = &input.headers[0];
    assert_eq!(h.part.name, "session");
    assert!(
        matches!(h.part.kind, PartKind::Element(e) if ir.elements[e.0].name.local == "Session")
    );
    assert_eq!(h.header_faults.len(), 1);
    assert_eq!(h.header_faults[0].part.name, "detail");
    assert_eq!(get.faults.len(), 1);
    assert_eq!(get.faults[0].name, "NotFound");
    assert_eq!(
        get.output.as_ref().expect("output").io_name.as_deref(),
        Some("GetItemResponse")
    );

    assert_eq!(op(soap, "Ping").mep, Mep::OneWay);
    assert!(op(soap, "Ping").output.is_none());
    assert_eq!(op(soap, "Announce").mep, Mep::Notification);
    assert_eq!(op(soap, "Poll").mep, Mep::SolicitResponse);
    assert_eq!(
        op(soap, "Poll")
            .input
            .as_ref()
            .and_then(|m| m.io_name.as_deref()),
        Some("PollSolicit")
    );

    let add = op(soap, "Add");
    assert_eq!(add.style, Style::Rpc);
    assert!(!add.wrapped);
    assert_eq!(
        add.parameter_order.as_deref(),
        Some(&["b".to_string(), "a".to_string()][..])
    );
    let ain = add.input.as_ref().expect("input");
    assert_eq!(ain.use_, Use::Encoded);
    assert_eq!(ain.namespace.as_deref(), Some("urn:shop:rpc"));
    assert_eq!(
        ain.encoding_style.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/encoding/")
    );
    let names: Vec<_> = ain.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["b", "a"], "rpc input follows parameterOrder");
    assert!(matches!(
        ain.parts[0].kind,
        PartKind::Type(TypeRef::Builtin(Builtin::Int))
    ));

    let soap12 = &ir.bindings[1];
    assert_eq!(
        op(soap12, "GetItem").soap_action.as_deref(),
        Some("urn:shop#GetItem")
    );

    // The MIME binding finds the soap:body inside multipartRelated.
    let mime = &ir.bindings[3];
    assert_eq!(
        op(mime, "GetItem").input.as_ref().expect("in").parts.len(),
        1
    );

    let svc = &ir.services[0];
    assert_eq!(svc.doc.as_deref(), Some("The shop service."));
    let addrs: Vec<_> = svc
        .ports
        .iter()
        .map(|p| p.address.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        addrs,
        [
            "http://localhost/shop",
            "http://localhost/shop12",
            "http://localhost/shophttp"
        ]
    );

    // Inline schemas reference each other, through prefixes declared on
    // wsdl:definitions only.
    let (item, _) = ty(&ir, "urn:shop", "Item");
    let (_, wrapper) = ty(&ir, "urn:common", "Wrapper");
    assert_eq!(particles(wrapper)[0].type_ref, TypeRef::Named(item));
}
