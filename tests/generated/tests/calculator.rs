//! Round trips through the code generated for the calculator service
//! (document/literal, qualified elements).

use soapgen_generated_tests::calculator::tempuri_org as calc;
use soapgen_runtime::xml::{self, Name};

#[test]
fn add_request_round_trip() {
    let doc = r#"<Add xmlns="http://tempuri.org/"><intA>3</intA><intB>-4</intB></Add>"#;
    let v: calc::Add = xml::from_str(doc).unwrap();
    assert_eq!((v.int_a, v.int_b), (3, -4));
    let out = xml::to_string(&v, Name::new("http://tempuri.org/", "Add"));
    assert_eq!(
        out,
        r#"<ns0:Add xmlns:ns0="http://tempuri.org/"><ns0:intA>3</ns0:intA><ns0:intB>-4</ns0:intB></ns0:Add>"#
    );
    let again: calc::Add = xml::from_str(&out).unwrap();
    assert_eq!(v, again);
}

#[test]
fn wrong_namespace_is_not_accepted() {
    // intA in no namespace: the schema says qualified.
    let doc = r#"<Add xmlns="http://tempuri.org/"><intA xmlns="">3</intA><intB>4</intB></Add>"#;
    assert!(xml::from_str::<calc::Add>(doc).is_err());
}
