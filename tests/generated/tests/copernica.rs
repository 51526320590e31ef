//! Round trips through the code generated for the Copernica rpc WSDL:
//! read a sample response body, write it back, read it again: equal values.

use soapgen_generated_tests::copernica_rpc::soap_copernica_com as cop;
use soapgen_runtime::types::Nillable;
use soapgen_runtime::xml::{self, ErrorKind, Name, XmlRead, XmlWrite};

/// read -> write -> read, asserting equal values; returns the value.
fn round_trip<T: XmlRead + XmlWrite + PartialEq + std::fmt::Debug>(doc: &str) -> T {
    let first: T = xml::from_str(doc).unwrap_or_else(|e| panic!("read: {e}"));
    let written = xml::to_string(&first, Name::new("https://soap.copernica.com/", "result"));
    let second: T = xml::from_str(&written).unwrap_or_else(|e| panic!("re-read {written}: {e}"));
    assert_eq!(first, second, "after writing:\n{written}");
    first
}

#[test]
fn result_with_map_of_pairs() {
    let doc = r#"<ns1:result xmlns:ns1="https://soap.copernica.com/"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <map>
          <pair><key>name</key><value>Jan &amp; Piet</value></pair>
          <pair><key>empty</key><value xsi:nil="true"/></pair>
          <pair><key>absent</key></pair>
        </map>
      </ns1:result>"#;
    let r: cop::Result = round_trip(doc);
    let Some(cop::ResultChoice::Map(map)) = r.choice else {
        panic!("expected a map, got {r:?}");
    };
    assert_eq!(map.pair.len(), 3);
    assert_eq!(map.pair[0].key, "name");
    assert_eq!(
        map.pair[0].value,
        Some(Nillable::Value("Jan & Piet".to_string()))
    );
    assert_eq!(map.pair[1].value, Some(Nillable::Nil));
    assert_eq!(map.pair[2].value, None);
}

#[test]
fn result_with_array_of_items() {
    let doc = r#"<result><array><item>1</item><item>two</item><item/></array></result>"#;
    let r: cop::Result = round_trip(doc);
    let Some(cop::ResultChoice::Array(a)) = r.choice else {
        panic!("expected an array, got {r:?}");
    };
    let items: Vec<Option<&str>> = a
        .item
        .iter()
        .map(|i| i.value().map(String::as_str))
        .collect();
    assert_eq!(items, [Some("1"), Some("two"), Some("")]);
}

#[test]
fn result_with_paged_collection() {
    let doc = r#"<result>
        <start>0</start><length>2</length><total>10</total>
        <items>
          <database><id>1</id><name>Klanten</name><archived>false</archived></database>
          <database><id>2</id><name>Leads</name><description xsi:nil="1"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></database>
        </items>
      </result>"#;
    let r: cop::Result = round_trip(doc);
    let Some(cop::ResultChoice::Sequence(page)) = r.choice else {
        panic!("expected a paged collection, got {r:?}");
    };
    assert_eq!((page.start, page.length, page.total), (0, 2, 10));
    assert_eq!(page.items.database.len(), 2);
    assert_eq!(page.items.database[0].name.as_deref(), Some("Klanten"));
    assert_eq!(page.items.database[0].archived, Some(false));
    assert_eq!(page.items.database[1].description, Some(Nillable::Nil));
}

#[test]
fn scalar_and_empty_results() {
    let r: cop::Result = round_trip("<result><value>42</value></result>");
    assert_eq!(
        r.choice,
        Some(cop::ResultChoice::Value(Nillable::Value("42".into())))
    );
    let r: cop::Result = round_trip("<result/>");
    assert_eq!(r.choice, None);
}

#[test]
fn unknown_element_is_an_error_with_position_and_path() {
    let doc = "<result><map><pair><key>k</key><bogus/></pair></map></result>";
    let err = xml::from_str::<cop::Result>(doc).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UnexpectedElement("bogus".into()));
    assert_eq!(err.path, "/result/map/pair");
    assert_eq!(err.position, doc.find("<bogus").unwrap() as u64);
    // ... and skipped on request.
    let r: cop::Result = xml::from_slice_lenient(doc.as_bytes()).unwrap();
    assert!(matches!(r.choice, Some(cop::ResultChoice::Map(_))));
}

#[test]
fn missing_required_element_and_bad_value_are_errors() {
    let err = xml::from_str::<cop::Result>("<result><map><pair/></map></result>").unwrap_err();
    assert_eq!(err.kind, ErrorKind::MissingElement("key"));
    let err = xml::from_str::<cop::Result>("<result><start>x</start><length>1</length></result>")
        .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::InvalidValue(_)), "{err}");
    assert_eq!(err.path, "/result/start");
    assert_eq!(
        err.position,
        "<result>".len() as u64,
        "at the element's start tag"
    );
}

#[test]
fn any_namespace_prefix_is_accepted_and_output_declares_once() {
    let doc = r#"<a:result xmlns:a="https://soap.copernica.com/"><map><pair><key>k</key></pair></map></a:result>"#;
    let r: cop::Result = xml::from_str(doc).unwrap();
    let out = xml::to_string(&r, Name::new("https://soap.copernica.com/", "result"));
    assert_eq!(
        out,
        r#"<ns0:result xmlns:ns0="https://soap.copernica.com/"><map><pair><key>k</key></pair></map></ns0:result>"#
    );
}

#[test]
fn facet_validation_of_timestamp() {
    let ok = cop::Timestamp("2024-05-01 12:00:00".into());
    assert!(ok.validate().is_ok());
    assert!(cop::Timestamp(String::new()).validate().is_ok());
    let bad = cop::Timestamp("01-05-2024".into());
    assert!(bad.validate().is_err());
}
