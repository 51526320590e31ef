//! The syntax model keeps what the documents say, with locations.

use soapgen_parser::wsdl::Protocol;
use soapgen_parser::xsd::{self, Item};
use soapgen_parser::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn one_schema(text: &str) -> xsd::Schema {
    let set = load_str("s.xsd", text, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let first = set.schemas().next().cloned();
    first.expect("a schema")
}

#[test]
fn schema_attributes_and_locations() {
    let s = one_schema(
        r###"<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a"
    elementFormDefault="qualified" attributeFormDefault="unqualified" blockDefault="#all" finalDefault="extension">
  <xs:annotation><xs:documentation>  Schema doc. </xs:documentation></xs:annotation>
  <xs:element name="e" type="xs:string" nillable="true" block="substitution" final="restriction"><xs:annotation><xs:appinfo>tool hint</xs:appinfo></xs:annotation></xs:element>
</xs:schema>"###,
    );
    assert_eq!(s.target_namespace.as_deref(), Some("urn:a"));
    assert_eq!(s.element_form_default, xsd::Form::Qualified);
    assert_eq!(s.block_default.as_deref(), Some("#all"));
    assert_eq!(s.final_default.as_deref(), Some("extension"));
    assert_eq!(s.doc.as_deref(), Some("Schema doc."));
    assert_eq!((s.location.line, s.location.column), (2, 1));
    let Item::Element(e) = &s.items[0] else {
        panic!()
    };
    assert_eq!((e.location.line, e.location.column), (5, 3));
    assert_eq!(&*e.location.file, "s.xsd");
    assert_eq!(
        e.type_,
        Some(QName::new("http://www.w3.org/2001/XMLSchema", "string"))
    );
    assert_eq!(e.block.as_deref(), Some("substitution"));
    assert!(e.nillable);
    assert_eq!(e.appinfo, ["tool hint"]);
}

#[test]
fn columns_count_characters_not_bytes() {
    let s = one_schema(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><!-- ééé --><xs:element name=\"e\"/></xs:schema>",
    );
    let Item::Element(e) = &s.items[0] else {
        panic!()
    };
    assert_eq!((e.location.line, e.location.column), (1, 68)); // 71 in bytes
}

#[test]
fn facets_identity_constraints_and_notations_are_kept() {
    let s = one_schema(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
  <xs:simpleType name="S"><xs:restriction base="xs:decimal">
    <xs:totalDigits value="5" fixed="true"/><xs:fractionDigits value="2"/><xs:minExclusive value="0"/>
  </xs:restriction></xs:simpleType>
  <xs:element name="root">
    <xs:complexType><xs:sequence><xs:element name="k" type="xs:int"/></xs:sequence></xs:complexType>
    <xs:unique name="u"><xs:selector xpath="k"/><xs:field xpath="."/></xs:unique>
    <xs:keyref name="r" refer="t:u"><xs:selector xpath="k"/><xs:field xpath="."/></xs:keyref>
  </xs:element>
  <xs:notation name="gif" public="image/gif" system="viewer.exe"/>
</xs:schema>"#,
    );
    let Item::SimpleType(st) = &s.items[0] else {
        panic!()
    };
    let xsd::SimpleContent::Restriction { facets, .. } = &st.content else {
        panic!()
    };
    let kinds: Vec<_> = facets
        .iter()
        .map(|f| (f.kind, f.value.as_str(), f.fixed))
        .collect();
    assert_eq!(
        kinds,
        [
            (xsd::FacetKind::TotalDigits, "5", true),
            (xsd::FacetKind::FractionDigits, "2", false),
            (xsd::FacetKind::MinExclusive, "0", false)
        ]
    );
    let Item::Element(e) = &s.items[1] else {
        panic!()
    };
    assert_eq!(e.identity_constraints.len(), 2);
    assert_eq!(e.identity_constraints[1].kind, xsd::IdentityKind::KeyRef);
    assert_eq!(
        e.identity_constraints[1].refer,
        Some(QName::new("urn:t", "u"))
    );
    let Item::Notation(n) = &s.items[2] else {
        panic!()
    };
    assert_eq!(n.system.as_deref(), Some("viewer.exe"));
}

#[test]
fn wsdl_syntax_keeps_extensions() {
    let set = load_path(
        fixtures().join("frontend/bindings.wsdl"),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let defs = set.definitions().next().expect("definitions");
    assert_eq!(defs.name.as_deref(), Some("Shop"));
    assert_eq!(defs.schemas.len(), 2);
    let protocols: Vec<_> = defs.bindings.iter().map(|b| b.protocol).collect();
    assert_eq!(
        protocols,
        [
            Protocol::Soap11,
            Protocol::Soap12,
            Protocol::Http,
            Protocol::Soap11
        ]
    );
    let http = &defs.bindings[2];
    assert_eq!(http.http_verb.as_deref(), Some("POST"));
    assert_eq!(http.operations[0].http_location.as_deref(), Some("/Ping"));
    let mime_in = defs.bindings[2].operations[0]
        .input
        .as_ref()
        .expect("input");
    assert_eq!(
        mime_in.mime[0].type_.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let related = defs.bindings[3].operations[0]
        .input
        .as_ref()
        .expect("input");
    assert_eq!(related.mime[0].part.as_deref(), Some("session"));
    assert!(related.body.is_some());
    let get = &defs.bindings[0].operations[0];
    let header = &get.input.as_ref().expect("in").headers[0];
    assert_eq!(header.header_faults.len(), 1);
    assert_eq!(get.faults[0].use_.as_deref(), Some("literal"));
    let poll = &defs.port_types[0].operations[3];
    assert!(poll.output_first);
    assert_eq!(
        defs.port_types[0].operations[4].parameter_order.as_deref(),
        Some(&["b".to_string(), "a".into()][..])
    );
    assert_eq!(defs.services[0].ports[1].address_protocol, Protocol::Soap12);
}

#[test]
fn catalog_lookup() {
    let cat =
        Catalog::load(&fixtures().join("corpus/onvif-devicemgmt/catalog.xml")).expect("catalog");
    let hit = cat
        .lookup("http://docs.oasis-open.org/wsn/b-2.xsd")
        .expect("uri entry");
    assert!(hit.ends_with("onvif-devicemgmt/_external/b-2.xsd"), "{hit}");
    let rewritten = cat
        .lookup("http://docs.oasis-open.org/wsn/t-1.xsd")
        .expect("rewrite");
    assert!(
        rewritten.ends_with("onvif-devicemgmt/_external/t-1.xsd"),
        "{rewritten}"
    );
    assert_eq!(cat.lookup("http://example.com/other.xsd"), None);
    let err = Catalog::load(Path::new("/nonexistent/catalog.xml")).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Catalog);
}

#[test]
fn bundled_well_known_schemas_parse() {
    for w in WELL_KNOWN {
        let set = load_str(w.id, w.text, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            set.schemas()
                .next()
                .and_then(|s| s.target_namespace.as_deref()),
            Some(w.namespace)
        );
    }
}

#[test]
fn bundled_schemas_can_be_turned_off() {
    let text = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x">
      <xs:import namespace="http://schemas.xmlsoap.org/soap/encoding/" schemaLocation="http://schemas.xmlsoap.org/soap/encoding/"/>
    </xs:schema>"#;
    let on = load_str("x.xsd", text, &LoadOptions::default()).expect("bundled");
    assert_eq!(on.documents.len(), 2);
    let opts = LoadOptions {
        bundled_well_known: false,
        ..Default::default()
    };
    let off = load_str("x.xsd", text, &opts).unwrap_err();
    assert_eq!(off.kind, ErrorKind::RemoteNotMapped);
}

/// A custom loader: everything from one map, nothing from disk.
struct MapLoader(Vec<(&'static str, &'static str)>);

impl Loader for MapLoader {
    fn load(&self, location: &str, _base: Option<&str>) -> Result<Source, LoadFailure> {
        self.0
            .iter()
            .find(|(k, _)| *k == location)
            .map(|(k, v)| Source {
                id: k.to_string(),
                text: v.to_string(),
            })
            .ok_or(LoadFailure {
                kind: ErrorKind::NotFound,
                message: format!("no {location}"),
            })
    }
    fn load_namespace(&self, _: &str) -> Option<Source> {
        None
    }
}

#[test]
fn custom_loader() {
    let loader = MapLoader(vec![
        (
            "a",
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="b"/></xs:schema>"#,
        ),
        (
            "b",
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="a"/></xs:schema>"#,
        ),
    ]);
    let set = load_with(&loader, "a", &LoadOptions::default()).expect("loads");
    let ids: Vec<_> = set.documents.iter().map(|d| d.id.to_string()).collect();
    assert_eq!(ids, ["a", "b"]);
}
