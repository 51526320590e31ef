//! Focused round trips through the code generated for
//! `schemas/features.xsd`: polymorphism (xsi:type), substitution groups,
//! nillable, choice, any/anyAttribute, mixed content, attributes with fixed
//! and default values, simpleContent, lists, builtins and facet validation.

use soapgen_generated_tests::features::soapgen_features as f;
use soapgen_runtime::types::{Nillable, QName};
use soapgen_runtime::xml::{self, ErrorKind, Name};

const NS: &str = "urn:soapgen:features";

const DOC: &str = r#"<f:drawing xmlns:f="urn:soapgen:features"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:o="urn:other" o:extra="1" version="1.0">
  <f:shape xsi:type="f:Circle" id="1"><f:label>c</f:label><f:radius>2.5</f:radius></f:shape>
  <f:shape xsi:type="f:Square" id="2" rounded="true"><f:width>1.50</f:width><f:height>1.50</f:height></f:shape>
  <f:shape xmlns:g="urn:soapgen:features" xsi:type="g:Rect" id="3"><f:width>1</f:width><f:height>2</f:height></f:shape>
  <f:dog><f:name>Rex</f:name></f:dog>
  <f:cat><f:name>Tom</f:name><f:lives>9</f:lives></f:cat>
  <f:note xsi:nil="true"/>
  <f:color>dark-blue</f:color>
  <f:code>AB123</f:code>
  <f:percent>50</f:percent>
  <f:amount>1234.50</f:amount>
  <f:ints>1 2  3</f:ints>
  <f:price currency="USD">9.99</f:price>
  <f:when>2024-05-01T12:00:00.250+02:00</f:when>
  <f:blob>aGVs
    bG8=</f:blob>
  <f:kind>o:Thing</f:kind>
  <f:text>hi</f:text><f:number>7</f:number><f:x>1</f:x><f:y>2</f:y><f:text>bye</f:text>
  <f:list><f:value>a</f:value><f:next><f:value>b</f:value></f:next></f:list>
  <f:para>Hello <f:b>bold</f:b> and <f:b>more</f:b> world</f:para>
  <o:ext a="b"><!-- kept --><o:inner xmlns:q="urn:q">q:name</o:inner></o:ext>
</f:drawing>"#;

fn read(doc: &str) -> f::Drawing {
    xml::from_str(doc).unwrap_or_else(|e| panic!("read: {e}"))
}

fn write(v: &f::Drawing) -> String {
    xml::to_string(v, Name::new(NS, "drawing"))
}

#[test]
fn everything_round_trips() {
    let first = read(DOC);
    let written = write(&first);
    let second = read(&written);
    assert_eq!(first, second, "written:\n{written}");
    // Writing is deterministic and stable.
    assert_eq!(written, write(&second));
}

#[test]
fn polymorphism_by_xsi_type() {
    let d = read(DOC);
    assert_eq!(d.shape.len(), 3);
    let f::ShapeOrDerived::Circle(c) = &d.shape[0] else {
        panic!("{:?}", d.shape[0])
    };
    assert_eq!((c.id, c.label.as_deref(), c.radius), (1, Some("c"), 2.5));
    let f::ShapeOrDerived::Square(s) = &d.shape[1] else {
        panic!("{:?}", d.shape[1])
    };
    assert!(s.rounded);
    assert_eq!(s.width.as_str(), "1.50", "decimal kept as written");
    // Any prefix bound to the namespace works in the xsi:type value.
    assert!(matches!(&d.shape[2], f::ShapeOrDerived::Rect(r) if r.id == 3));
    // Derived types are written with xsi:type.
    let out = write(&d);
    assert!(out.contains(r#"xsi:type="ns0:Circle""#), "{out}");
    assert!(out.contains(r#"xsi:type="ns0:Square""#), "{out}");
    // An abstract base without xsi:type, or an unknown xsi:type, is an error.
    let bad = DOC.replace(r#"xsi:type="f:Circle" "#, "");
    let err = xml::from_str::<f::Drawing>(&bad).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::UnknownXsiType(_)), "{err}");
    let bad = DOC.replace("f:Circle", "f:Triangle");
    let err = xml::from_str::<f::Drawing>(&bad).unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::UnknownXsiType("{urn:soapgen:features}Triangle".into())
    );
}

#[test]
fn substitution_group_members() {
    let d = read(DOC);
    assert_eq!(d.animal.len(), 2);
    assert!(matches!(&d.animal[0], f::AnimalOrSubstitute::Dog(a) if a.name == "Rex"));
    assert!(matches!(&d.animal[1], f::AnimalOrSubstitute::Cat(c) if c.lives == 9));
    let out = write(&d);
    assert!(
        out.contains("<ns0:dog><ns0:name>Rex</ns0:name></ns0:dog>"),
        "{out}"
    );
}

#[test]
fn nillable_absent_and_present_are_distinct() {
    let d = read(DOC);
    assert_eq!(d.note, Some(Nillable::Nil));
    let d2 = read(&DOC.replace(r#"<f:note xsi:nil="true"/>"#, ""));
    assert_eq!(d2.note, None);
    let d3 = read(&DOC.replace(r#"<f:note xsi:nil="true"/>"#, "<f:note>n</f:note>"));
    assert_eq!(d3.note, Some(Nillable::Value("n".into())));
    let out = write(&d);
    assert!(out.contains(r#"xsi:nil="true"/>"#), "{out}");
}

#[test]
fn repeating_choice_with_nested_sequence_keeps_order() {
    let d = read(DOC);
    let kinds: Vec<String> = d
        .choice
        .iter()
        .map(|c| match c {
            f::DrawingChoice::Text(t) => format!("text:{t}"),
            f::DrawingChoice::Number(n) => format!("number:{n}"),
            f::DrawingChoice::Sequence(s) => format!("xy:{},{}", s.x, s.y),
        })
        .collect();
    assert_eq!(kinds, ["text:hi", "number:7", "xy:1,2", "text:bye"]);
}

#[test]
fn any_and_any_attribute_are_lossless() {
    let d = read(DOC);
    assert_eq!(d.any.len(), 1);
    let ext = &d.any[0];
    assert_eq!((ext.ns.as_str(), ext.local.as_str()), ("urn:other", "ext"));
    assert_eq!(ext.attributes[0].value, "b");
    assert_eq!(d.any_attributes.len(), 1);
    assert_eq!(d.any_attributes[0].ns, "urn:other");
    assert_eq!(d.any_attributes[0].local, "extra");
    let out = write(&d);
    assert!(out.contains("<!-- kept -->"), "{out}");
    assert!(
        out.contains(r#"xmlns:q="urn:q""#),
        "namespace declarations kept: {out}"
    );
}

#[test]
fn mixed_content_keeps_text_in_order() {
    let d = read(DOC);
    let p = d.para.as_ref().expect("para");
    assert_eq!(p.b, ["bold", "more"]);
    let out = write(&d);
    assert!(
        out.contains(
            "<ns0:para>Hello <ns0:b>bold</ns0:b> and <ns0:b>more</ns0:b> world</ns0:para>"
        ),
        "{out}"
    );
}

#[test]
fn attributes_fixed_default_and_simple_content() {
    let d = read(DOC);
    assert_eq!(d.version, "1.0");
    assert_eq!(f::Drawing::VERSION_FIXED, "1.0");
    let price = d.price.as_ref().expect("price");
    assert_eq!(
        (price.value.as_str(), price.currency.as_str()),
        ("9.99", "USD")
    );
    // Absent defaulted attributes take their default on read.
    let d2 = read(
        &DOC.replace(r#" currency="USD""#, "")
            .replace(r#" rounded="true""#, ""),
    );
    assert_eq!(
        d2.price.as_ref().expect("price").currency,
        f::Price::CURRENCY_DEFAULT
    );
    assert!(matches!(&d2.shape[1], f::ShapeOrDerived::Square(s) if !s.rounded));
}

#[test]
fn builtins_and_lists() {
    let d = read(DOC);
    assert_eq!(d.color, Some(f::Color::DarkBlue));
    assert_eq!(d.ints.as_ref().map(|l| l.0.clone()), Some(vec![1, 2, 3]));
    let when = d.when.as_ref().expect("when");
    assert_eq!(when.as_str(), "2024-05-01T12:00:00.250+02:00");
    assert_eq!(when.timezone(), Some("+02:00"));
    assert_eq!(d.blob.as_ref().map(|b| b.0.as_slice()), Some(&b"hello"[..]));
    assert_eq!(d.kind, Some(QName::new("urn:other", "Thing")));
    // Unknown enumeration values are kept, not rejected.
    let d2 = read(&DOC.replace("dark-blue", "purple"));
    assert_eq!(d2.color, Some(f::Color::Unknown("purple".into())));
    // Recursion is boxed.
    let list = d.list.as_ref().expect("list");
    assert_eq!(list.next.as_ref().map(|n| n.value.as_str()), Some("b"));
}

#[test]
fn facet_validation() {
    assert!(f::Code("AB123".into()).validate().is_ok());
    assert!(f::Code("ab123".into()).validate().is_err(), "pattern");
    assert!(
        f::Code("AB1234".into()).validate().is_err(),
        "pattern + maxLength"
    );
    assert!(f::Percent(100).validate().is_ok());
    assert!(f::Percent(101).validate().is_err());
    assert!(f::Percent(-1).validate().is_err());
    let amount = |s: &str| f::Amount(soapgen_runtime::types::Decimal::new(s).unwrap());
    assert!(amount("1234.50").validate().is_ok());
    assert!(amount("1234.567").validate().is_err(), "fractionDigits");
    assert!(amount("12345.67").validate().is_err(), "totalDigits");
    // Reading does not validate: it is the caller's choice.
    let d = read(&DOC.replace("<f:percent>50<", "<f:percent>500<"));
    assert!(d.percent.expect("percent").validate().is_err());
}
