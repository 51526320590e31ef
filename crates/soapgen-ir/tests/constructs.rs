//! One XML Schema construct per test, on small inline schemas.

use soapgen_ir::*;

const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">"#;

fn schema(body: &str) -> Ir {
    let text = format!("{HEAD}\n{body}\n</xs:schema>");
    soapgen_ir::load_str("inline.xsd", &text, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn id(ir: &Ir, local: &str) -> TypeId {
    TypeId(
        ir.types
            .iter()
            .position(|t| t.name.local == local)
            .unwrap_or_else(|| {
                panic!(
                    "{local} missing; have {:?}",
                    ir.types.iter().map(|t| &t.name.local).collect::<Vec<_>>()
                )
            }),
    )
}

fn complex<'a>(ir: &'a Ir, local: &str) -> &'a ComplexType {
    match &ir.types[id(ir, local).0].kind {
        TypeKind::Complex(c) => c,
        _ => panic!("{local} is simple"),
    }
}

fn simple<'a>(ir: &'a Ir, local: &str) -> &'a SimpleType {
    match &ir.types[id(ir, local).0].kind {
        TypeKind::Simple(s) => s,
        _ => panic!("{local} is complex"),
    }
}

fn top(c: &ComplexType) -> &ModelGroup {
    match &c.content {
        Content::Elements(Particle {
            term: Term::Group(g),
            ..
        }) => g,
        other => panic!("{other:?}"),
    }
}

fn el(p: &Particle) -> &ElementParticle {
    match &p.term {
        Term::Element(e) => e,
        other => panic!("{other:?}"),
    }
}

fn names(g: &ModelGroup) -> Vec<String> {
    g.particles
        .iter()
        .map(|p| el(p).name.local.clone())
        .collect()
}

#[test]
fn extension_inherits_particles_and_attributes() {
    let ir = schema(
        r#"<xs:complexType name="Base">
             <xs:sequence><xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:int"/></xs:sequence>
             <xs:attribute name="id" type="xs:ID" use="required"/>
           </xs:complexType>
           <xs:complexType name="Derived">
             <xs:complexContent><xs:extension base="t:Base">
               <xs:sequence><xs:element name="c" type="xs:boolean"/></xs:sequence>
               <xs:attribute name="extra" type="xs:string"/>
             </xs:extension></xs:complexContent>
           </xs:complexType>"#,
    );
    let d = complex(&ir, "Derived");
    assert_eq!(names(top(d)), ["a", "b", "c"]);
    assert_eq!(d.inherited_particles, 2);
    assert_eq!(
        d.base,
        Some((TypeRef::Named(id(&ir, "Base")), Derivation::Extension))
    );
    let attrs: Vec<_> = d
        .attributes
        .iter()
        .map(|a| (a.name.local.as_str(), a.required))
        .collect();
    assert_eq!(attrs, [("id", true), ("extra", false)]);
    assert_eq!(complex(&ir, "Base").derived, [id(&ir, "Derived")]);
}

#[test]
fn restriction_replaces_content_and_prohibits_attributes() {
    let ir = schema(
        r#"<xs:complexType name="Base">
             <xs:sequence><xs:element name="a" type="xs:string" minOccurs="0"/><xs:element name="b" type="xs:int"/></xs:sequence>
             <xs:attribute name="x" type="xs:string"/><xs:attribute name="y" type="xs:string"/>
           </xs:complexType>
           <xs:complexType name="Narrow">
             <xs:complexContent><xs:restriction base="t:Base">
               <xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>
               <xs:attribute name="x" use="prohibited"/>
               <xs:attribute name="y" type="xs:string" use="required"/>
             </xs:restriction></xs:complexContent>
           </xs:complexType>"#,
    );
    let n = complex(&ir, "Narrow");
    assert_eq!(names(top(n)), ["b"]);
    assert_eq!(n.inherited_particles, 0);
    assert_eq!(n.base.map(|b| b.1), Some(Derivation::Restriction));
    assert_eq!(n.attributes.len(), 1);
    assert!(n.attributes[0].required);
}

#[test]
fn simple_content_extension_and_restriction() {
    let ir = schema(
        r#"<xs:complexType name="Price">
             <xs:simpleContent><xs:extension base="xs:decimal">
               <xs:attribute name="currency" type="xs:string" default="EUR"/>
             </xs:extension></xs:simpleContent>
           </xs:complexType>
           <xs:complexType name="SmallPrice">
             <xs:simpleContent><xs:restriction base="t:Price">
               <xs:maxInclusive value="100"/>
             </xs:restriction></xs:simpleContent>
           </xs:complexType>"#,
    );
    let p = complex(&ir, "Price");
    assert!(matches!(
        p.content,
        Content::Simple(TypeRef::Builtin(Builtin::Decimal))
    ));
    assert_eq!(p.attributes[0].default.as_deref(), Some("EUR"));
    let s = complex(&ir, "SmallPrice");
    let Content::Simple(TypeRef::Named(v)) = s.content else {
        panic!("{:?}", s.content)
    };
    let t = &ir.types[v.0];
    assert!(t.anonymous);
    assert_eq!(t.name.local, "SmallPrice_content");
    let TypeKind::Simple(st) = &t.kind else {
        panic!()
    };
    assert_eq!(st.facets.max_inclusive.as_deref(), Some("100"));
    assert!(matches!(
        st.variety,
        SimpleVariety::Atomic {
            primitive: Builtin::Decimal
        }
    ));
    assert_eq!(s.attributes.len(), 1, "attributes inherited by restriction");
}

#[test]
fn facets_merge_down_the_restriction_chain() {
    let ir = schema(
        r#"<xs:simpleType name="Code">
             <xs:restriction base="xs:token"><xs:maxLength value="10"/><xs:pattern value="[A-Z]+"/><xs:pattern value="[0-9]+"/></xs:restriction>
           </xs:simpleType>
           <xs:simpleType name="ShortCode">
             <xs:restriction base="t:Code"><xs:minLength value="2"/><xs:pattern value=".{2,4}"/>
               <xs:enumeration value="AB"><xs:annotation><xs:documentation>letters</xs:documentation></xs:annotation></xs:enumeration>
               <xs:enumeration value="12"/>
               <xs:whiteSpace value="collapse"/><xs:totalDigits value="4"/>
             </xs:restriction>
           </xs:simpleType>"#,
    );
    let s = simple(&ir, "ShortCode");
    assert!(matches!(
        s.variety,
        SimpleVariety::Atomic {
            primitive: Builtin::Token
        }
    ));
    assert_eq!(s.base, Some(TypeRef::Named(id(&ir, "Code"))));
    assert_eq!(s.facets.max_length, Some(10));
    assert_eq!(s.facets.min_length, Some(2));
    assert_eq!(
        s.facets.patterns,
        vec![
            vec!["[A-Z]+".to_string(), "[0-9]+".into()],
            vec![".{2,4}".into()]
        ]
    );
    assert_eq!(s.facets.enumeration.len(), 2);
    assert_eq!(s.facets.enumeration[0].doc.as_deref(), Some("letters"));
    assert_eq!(s.facets.white_space, Some(WhiteSpace::Collapse));
    assert_eq!(s.facets.total_digits, Some(4));
    assert_eq!(simple(&ir, "Code").derived, [id(&ir, "ShortCode")]);
}

#[test]
fn list_and_union_with_inline_members() {
    let ir = schema(
        r#"<xs:simpleType name="Ints"><xs:list itemType="xs:int"/></xs:simpleType>
           <xs:simpleType name="Words"><xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>
           <xs:simpleType name="IntOrAuto">
             <xs:union memberTypes="xs:int t:Ints">
               <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="auto"/></xs:restriction></xs:simpleType>
             </xs:union>
           </xs:simpleType>"#,
    );
    assert!(matches!(
        simple(&ir, "Ints").variety,
        SimpleVariety::List {
            item: TypeRef::Builtin(Builtin::Int)
        }
    ));
    let SimpleVariety::List {
        item: TypeRef::Named(w),
    } = simple(&ir, "Words").variety
    else {
        panic!()
    };
    assert_eq!(ir.types[w.0].name.local, "Words_item");
    let SimpleVariety::Union { members } = &simple(&ir, "IntOrAuto").variety else {
        panic!()
    };
    assert_eq!(members.len(), 3);
    assert_eq!(members[1], TypeRef::Named(id(&ir, "Ints")));
    let TypeRef::Named(m) = members[2] else {
        panic!()
    };
    assert_eq!(ir.types[m.0].name.local, "IntOrAuto_member1");
}

#[test]
fn groups_and_attribute_groups_are_expanded() {
    let ir = schema(
        r###"<xs:group name="Name"><xs:sequence><xs:element name="first" type="xs:string"/><xs:element name="last" type="xs:string"/></xs:sequence></xs:group>
           <xs:group name="Contact"><xs:choice><xs:element name="email" type="xs:string"/><xs:group ref="t:Name"/></xs:choice></xs:group>
           <xs:attributeGroup name="Common"><xs:attribute name="lang" type="xs:language"/><xs:attributeGroup ref="t:Inner"/></xs:attributeGroup>
           <xs:attributeGroup name="Inner"><xs:attribute name="version" type="xs:int"/><xs:anyAttribute namespace="##other" processContents="lax"/></xs:attributeGroup>
           <xs:complexType name="Person">
             <xs:sequence><xs:group ref="t:Contact" maxOccurs="unbounded"/><xs:any namespace="##targetNamespace ##local" processContents="skip" minOccurs="0"/></xs:sequence>
             <xs:attributeGroup ref="t:Common"/>
           </xs:complexType>"###,
    );
    let p = complex(&ir, "Person");
    let g = top(p);
    let Term::Group(contact) = &g.particles[0].term else {
        panic!()
    };
    assert_eq!(g.particles[0].max_occurs, MaxOccurs::Unbounded);
    assert_eq!(contact.compositor, Compositor::Choice);
    assert_eq!(contact.from_group, Some(QName::new("urn:t", "Contact")));
    let Term::Group(name) = &contact.particles[1].term else {
        panic!()
    };
    assert_eq!(names(name), ["first", "last"]);
    let Term::Any(w) = &g.particles[1].term else {
        panic!()
    };
    assert_eq!(
        w.namespaces,
        NamespaceConstraint::List(vec!["urn:t".into(), String::new()])
    );
    assert_eq!(w.process_contents, ProcessContents::Skip);
    let attrs: Vec<_> = p.attributes.iter().map(|a| a.name.local.as_str()).collect();
    assert_eq!(attrs, ["lang", "version"]);
    assert_eq!(
        p.any_attribute,
        Some(Wildcard {
            namespaces: NamespaceConstraint::Other("urn:t".into()),
            process_contents: ProcessContents::Lax
        })
    );
}

#[test]
fn substitution_groups_are_transitive() {
    let ir = schema(
        r#"<xs:complexType name="Shape" abstract="true"/>
           <xs:element name="shape" type="t:Shape" abstract="true"/>
           <xs:element name="polygon" substitutionGroup="t:shape"/>
           <xs:element name="square" substitutionGroup="t:polygon"/>
           <xs:element name="circle" type="t:Shape" substitutionGroup="t:shape"/>"#,
    );
    let e = |n: &str| {
        ir.elements
            .iter()
            .position(|e| e.name.local == n)
            .map(ElementId)
            .expect(n)
    };
    let shape = &ir.elements[e("shape").0];
    assert!(shape.is_abstract);
    assert_eq!(shape.substitutes, [e("polygon"), e("square"), e("circle")]);
    assert_eq!(
        ir.elements[e("square").0].substitution_group,
        Some(e("polygon"))
    );
    // No type of its own: the head's type.
    assert_eq!(
        ir.elements[e("square").0].type_ref,
        TypeRef::Named(id(&ir, "Shape"))
    );
    assert!(complex(&ir, "Shape").is_abstract);
}

#[test]
fn recursion_is_marked_on_cycle_closing_edges_only() {
    let ir = schema(
        r#"<xs:complexType name="Node">
             <xs:sequence>
               <xs:element name="value" type="t:Leaf"/>
               <xs:element name="child" type="t:Node" minOccurs="0" maxOccurs="unbounded"/>
               <xs:element name="next" type="t:Link" minOccurs="0"/>
             </xs:sequence>
           </xs:complexType>
           <xs:complexType name="Link"><xs:sequence><xs:element name="node" type="t:Node"/></xs:sequence></xs:complexType>
           <xs:complexType name="Leaf"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
           <xs:complexType name="Holder"><xs:sequence><xs:element name="root" type="t:Node"/></xs:sequence></xs:complexType>"#,
    );
    let rec: Vec<bool> = top(complex(&ir, "Node"))
        .particles
        .iter()
        .map(|p| el(p).recursive)
        .collect();
    assert_eq!(rec, [false, true, true]);
    assert!(el(&top(complex(&ir, "Link")).particles[0]).recursive);
    assert!(!el(&top(complex(&ir, "Holder")).particles[0]).recursive);
}

#[test]
fn anonymous_types_get_stable_collision_free_names() {
    let ir = schema(
        r#"<xs:complexType name="Order"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
           <xs:element name="Order">
             <xs:complexType><xs:sequence>
               <xs:element name="line"><xs:complexType><xs:sequence>
                 <xs:element name="qty"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:element>
               </xs:sequence></xs:complexType></xs:element>
             </xs:sequence></xs:complexType>
           </xs:element>"#,
    );
    let anon: Vec<_> = ir
        .types
        .iter()
        .filter(|t| t.anonymous)
        .map(|t| t.name.local.as_str())
        .collect();
    assert_eq!(anon, ["Order2", "Order2_line", "Order2_line_qty"]);
    let again = schema(
        r#"<xs:complexType name="Order"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
           <xs:element name="Order">
             <xs:complexType><xs:sequence>
               <xs:element name="line"><xs:complexType><xs:sequence>
                 <xs:element name="qty"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:element>
               </xs:sequence></xs:complexType></xs:element>
             </xs:sequence></xs:complexType>
           </xs:element>"#,
    );
    assert_eq!(
        serde_json::to_string(&ir).ok(),
        serde_json::to_string(&again).ok()
    );
}

#[test]
fn element_and_attribute_properties() {
    let text = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t"
                    elementFormDefault="qualified" attributeFormDefault="unqualified">
      <xs:import namespace="http://www.w3.org/XML/1998/namespace"/>
      <xs:complexType name="T" mixed="true">
        <xs:all>
          <xs:element name="q" type="xs:string" nillable="true" default="d"/>
          <xs:element name="u" type="xs:string" form="unqualified" fixed="f"/>
          <xs:element name="any"/>
        </xs:all>
        <xs:attribute name="a" type="xs:string" form="qualified"/>
        <xs:attribute name="b"/>
        <xs:attribute ref="xml:lang"/>
      </xs:complexType>
    </xs:schema>"#;
    let ir = soapgen_ir::load_str("props.xsd", text, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let t = complex(&ir, "T");
    assert!(t.mixed);
    let g = top(t);
    assert_eq!(g.compositor, Compositor::All);
    let q = el(&g.particles[0]);
    assert_eq!(q.name, QName::new("urn:t", "q"));
    assert!(q.nillable);
    assert_eq!(q.default.as_deref(), Some("d"));
    let u = el(&g.particles[1]);
    assert_eq!(u.name, QName::new("", "u"));
    assert_eq!(u.fixed.as_deref(), Some("f"));
    assert_eq!(
        el(&g.particles[2]).type_ref,
        TypeRef::Builtin(Builtin::AnyType)
    );
    assert_eq!(t.attributes[0].name, QName::new("urn:t", "a"));
    assert_eq!(t.attributes[1].name, QName::new("", "b"));
    assert_eq!(
        t.attributes[1].type_ref,
        TypeRef::Builtin(Builtin::AnySimpleType)
    );
    assert_eq!(
        t.attributes[2].name,
        QName::new("http://www.w3.org/XML/1998/namespace", "lang")
    );
    assert!(
        ir.documents
            .iter()
            .any(|d| d == "soapgen:wellknown/xml.xsd"),
        "{:?}",
        ir.documents
    );
    assert_eq!(q.location.file, "props.xsd");
    assert_eq!(q.location.line, 6);
}

#[test]
fn deep_allowed_nesting_resolves_without_overflow() {
    // Just under the default max_depth (soapgen_parser::xml::HARD_MAX_DEPTH).
    let depth = soapgen_parser::xml::HARD_MAX_DEPTH - 4;
    let mut body = String::from(r#"<xs:complexType name="Deep">"#);
    for _ in 0..depth {
        body.push_str("<xs:sequence>");
    }
    body.push_str(r#"<xs:element name="x" type="xs:int"/>"#);
    for _ in 0..depth {
        body.push_str("</xs:sequence>");
    }
    body.push_str("</xs:complexType>");
    let ir = schema(&body);
    assert_eq!(ir.types.len(), 1);
    assert!(serde_json::to_string(&ir).is_ok());
}

#[test]
fn identity_constraints_and_notations_are_accepted() {
    let ir = schema(
        r#"<xs:notation name="png" public="image/png"/>
           <xs:element name="catalog">
             <xs:complexType><xs:sequence><xs:element name="item" maxOccurs="unbounded"><xs:complexType><xs:attribute name="id" type="xs:ID"/></xs:complexType></xs:element></xs:sequence></xs:complexType>
             <xs:key name="itemKey"><xs:selector xpath="t:item"/><xs:field xpath="@id"/></xs:key>
             <xs:keyref name="ref" refer="t:itemKey"><xs:selector xpath="t:item"/><xs:field xpath="@id"/></xs:keyref>
           </xs:element>"#,
    );
    assert_eq!(ir.elements.len(), 1);
}
