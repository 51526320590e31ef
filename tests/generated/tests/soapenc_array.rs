//! SOAP-encoded arrays (`soapenc:Array` restrictions with `wsdl:arrayType`)
//! through the code generated for MantisConnect (rpc/encoded).

use soapgen_generated_tests::mantis::futureware_biz_mantisconnect as mc;
use soapgen_runtime::types::Integer;
use soapgen_runtime::xml::{self, ErrorKind, Name};

const MC: &str = "http://futureware.biz/mantisconnect";

/// Items as PHP's SoapServer writes them, plus the other shapes SOAP
/// encoding allows: any item element name, a nil item, a declared size
/// that does not match the content.
#[test]
fn reads_items_under_any_name_and_drops_nil_items() {
    let doc = r#"<return xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ns1="http://futureware.biz/mantisconnect" xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="ns1:ObjectRef[1000000000]">
  <item xsi:type="ns1:ObjectRef"><id xsi:type="xsd:integer">10</id><name xsi:type="xsd:string">new</name></item>
  <ObjectRef><id>20</id><name>feedback</name></ObjectRef>
  <item xsi:nil="true"/>
  <ns1:whatever><id>90</id></ns1:whatever>
</return>"#;
    let v: mc::ObjectRefArray = xml::from_str(doc).unwrap();
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].id, Some(Integer::from(10)));
    assert_eq!(v[0].name.as_deref(), Some("new"));
    assert_eq!(v[1].name.as_deref(), Some("feedback"));
    assert_eq!(
        (v[2].id.clone(), v[2].name.clone()),
        (Some(90.into()), None)
    );
}

#[test]
fn empty_array_and_bad_item_content() {
    let v: mc::ObjectRefArray = xml::from_str(
        r#"<a xmlns:e="http://schemas.xmlsoap.org/soap/encoding/" e:arrayType="x:ObjectRef[0]"/>"#,
    )
    .unwrap();
    assert!(v.is_empty());
    // An item is still checked against its type.
    let err = xml::from_str::<mc::ObjectRefArray>("<a><item><bogus/></item></a>").unwrap_err();
    assert_eq!(err.kind, ErrorKind::UnexpectedElement("bogus".into()));
}

#[test]
fn writes_array_type_and_item_types_and_round_trips() {
    let v = mc::ObjectRefArray::from(vec![
        mc::ObjectRef {
            id: Some(10.into()),
            name: Some("new".into()),
        },
        mc::ObjectRef {
            id: Some(80.into()),
            name: None,
        },
    ]);
    let out = xml::to_string(&v, Name::new("", "return"));
    assert!(
        out.contains(r#":arrayType="ns1:ObjectRef[2]""#)
            && out.contains(r#"xmlns:ns1="http://futureware.biz/mantisconnect""#)
            && out.contains(r#"xmlns:ns0="http://schemas.xmlsoap.org/soap/encoding/""#)
            && out.contains(r#"xsi:type="ns0:Array""#),
        "{out}"
    );
    assert_eq!(
        out.matches(r#"<item xsi:type="ns1:ObjectRef">"#).count(),
        2,
        "{out}"
    );
    let again: mc::ObjectRefArray = xml::from_str(&out).unwrap();
    assert_eq!(again, v);
}

/// Arrays of builtins: `xsd:string` items carry `xsi:type="xsd:..."`.
#[test]
fn string_array_round_trips() {
    let v = mc::StringArray::from(vec!["a".to_string(), "<b>".to_string()]);
    let out = xml::to_string(&v, Name::new(MC, "s"));
    assert!(out.contains(r#"string[2]""#), "{out}");
    let again: mc::StringArray = xml::from_str(&out).unwrap();
    assert_eq!(again, v);
}
