//! Decoding JSON and XML callback bodies, including the tolerant cases of
//! CALLBACKS.md §4.3 and malformed input.

use copernica::callbacks::{decode, decode_detect, Action, DecodeError, Format, ObjectKind};

fn json(body: &str) -> Result<copernica::callbacks::CallbackEvent, DecodeError> {
    decode(body.as_bytes(), Format::Json, ObjectKind::Profile)
}

fn xml(body: &str) -> Result<copernica::callbacks::CallbackEvent, DecodeError> {
    decode(body.as_bytes(), Format::Xml, ObjectKind::Profile)
}

#[test]
fn json_documented_update_example() {
    // CALLBACKS.md §4.2, PHP json_encode style escapes.
    let e = json(
        r#"{"id":"4711","action":"update",
 "fields":{"email":"zoe.devries@example.com","firstname":"Zo\u00eb","company":"Microsoft","site":"https:\/\/x"},
 "updated":{"company":"Apple"},
 "interests":["football","tennis"]}"#,
    )
    .expect("decodes");
    assert_eq!(e.id, "4711");
    assert_eq!(e.action, Action::Update);
    let order: Vec<&str> = e.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(order, ["email", "firstname", "company", "site"]);
    assert_eq!(e.fields.get("firstname"), Some("Zoë"));
    assert_eq!(e.fields.get("site"), Some("https://x"));
    assert_eq!(
        e.updated.as_ref().and_then(|u| u.get("company")),
        Some("Apple")
    );
    assert_eq!(e.new_state().get("company"), Some("Apple"));
    assert_eq!(e.interests, Some(vec!["football".into(), "tennis".into()]));
}

#[test]
fn json_numbers_nulls_and_unknown_members() {
    let e = json(
        r#"{"database":12,"id":4711,"action":"create","fields":{"age":42,"score":1.5,"empty":null,"ok":true},"extra":{"a":[1,2]}}"#,
    )
    .expect("decodes");
    assert_eq!(e.id, "4711");
    assert_eq!(e.id_u64(), Some(4711));
    assert_eq!(e.fields.get("age"), Some("42"));
    assert_eq!(e.fields.get("score"), Some("1.5"));
    assert_eq!(e.fields.get("empty"), Some(""));
    assert_eq!(e.fields.get("ok"), Some("true"));
    assert_eq!(e.interests, None);
    assert_eq!(e.updated, None);
}

#[test]
fn json_interests_as_flag_map_and_php_empty_array_fields() {
    let e = json(
        r#"{"id":"1","action":"update","fields":[],"interests":{"football":1,"tennis":0,"golf":"true","chess":false}}"#,
    )
    .expect("decodes");
    assert!(e.fields.is_empty());
    assert_eq!(e.interests, Some(vec!["football".into(), "golf".into()]));
}

#[test]
fn json_subprofile_delete_vector_03_body() {
    let body = r#"{"id":"98765","action":"delete","fields":{"ordernumber":"SO-2025-0042","product":"Running shoes","price":"89.95","orderdate":"2025-01-13 16:02:11"}}"#;
    let e = decode(body.as_bytes(), Format::Json, ObjectKind::Subprofile).expect("decodes");
    assert_eq!(e.kind, ObjectKind::Subprofile);
    assert_eq!(e.action, Action::Delete);
    assert_eq!(e.fields.len(), 4);
    assert_eq!(e.fields.get("orderdate"), Some("2025-01-13 16:02:11"));
}

#[test]
fn json_errors_carry_positions_and_reasons() {
    match json("{\"id\":\"1\",\n \"action\": }") {
        Err(DecodeError::Json { line, column, .. }) => {
            assert_eq!(line, 2);
            assert!(column > 1);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        json(r#"{"id":"1","fields":{}}"#),
        Err(DecodeError::MissingMember("action"))
    );
    assert_eq!(
        json(r#"{"action":"create"}"#),
        Err(DecodeError::MissingMember("id"))
    );
    assert_eq!(
        json(r#"{"id":"1","action":"upsert"}"#),
        Err(DecodeError::UnknownAction("upsert".into()))
    );
    assert!(matches!(
        json(r#"{"id":{"x":1},"action":"create"}"#),
        Err(DecodeError::Json { .. })
    ));
    assert!(matches!(
        json(r#"{"id":"1","action":"create","fields":["a"]}"#),
        Err(DecodeError::Json { .. })
    ));
    assert!(matches!(json("[1,2]"), Err(DecodeError::Json { .. })));
    assert!(matches!(json(""), Err(DecodeError::Json { .. })));
}

#[test]
fn xml_documented_example() {
    let e = xml(r#"<?xml version="1.0" encoding="UTF-8"?>
<profile>
  <id>4711</id><action>update</action>
  <fields><email>zoe.devries@example.com</email><company>Microsoft</company></fields>
  <updated><company>Apple</company></updated>
  <interests><interest>football</interest><interest>tennis</interest></interests>
</profile>"#)
    .expect("decodes");
    assert_eq!(e.id, "4711");
    assert_eq!(e.action, Action::Update);
    let order: Vec<(&str, &str)> = e.fields.iter().collect();
    assert_eq!(
        order,
        [
            ("email", "zoe.devries@example.com"),
            ("company", "Microsoft")
        ]
    );
    assert_eq!(e.new_state().get("company"), Some("Apple"));
    assert_eq!(e.interests, Some(vec!["football".into(), "tennis".into()]));
}

#[test]
fn xml_root_name_is_not_relied_upon_and_entities_cdata_work() {
    let e = decode(
        br#"<callback><action> delete </action><id> 98765 </id><fields><product>Shoes &amp; socks</product><note><![CDATA[<b>x</b>]]></note><empty/></fields><unknown>1</unknown></callback>"#,
        Format::Xml,
        ObjectKind::Subprofile,
    )
    .expect("decodes");
    assert_eq!(e.kind, ObjectKind::Subprofile);
    assert_eq!(e.action, Action::Delete);
    assert_eq!(e.id, "98765");
    assert_eq!(e.fields.get("product"), Some("Shoes & socks"));
    assert_eq!(e.fields.get("note"), Some("<b>x</b>"));
    assert_eq!(e.fields.get("empty"), Some(""));
    assert_eq!(e.interests, None);
}

#[test]
fn xml_interest_flag_elements() {
    let e = xml("<profile><id>1</id><action>create</action><interests><football>1</football><tennis>0</tennis></interests></profile>")
        .expect("decodes");
    assert_eq!(e.interests, Some(vec!["football".into()]));
}

#[test]
fn xml_errors() {
    match xml("<profile>\n<id>1</id>\n<action>create</profile>") {
        Err(DecodeError::Xml { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    // No DTDs, hence no entity expansion from the wire.
    assert!(matches!(
        xml(r#"<!DOCTYPE p [<!ENTITY x "boom">]><p><id>&x;</id><action>create</action></p>"#),
        Err(DecodeError::Xml { .. })
    ));
    assert_eq!(
        decode(b"<p><id>\xff</id></p>", Format::Xml, ObjectKind::Profile),
        Err(DecodeError::NotUtf8 { offset: 7 })
    );
    assert_eq!(
        xml("<p><id>1</id></p>"),
        Err(DecodeError::MissingMember("action"))
    );
    assert_eq!(
        xml("<p><id>1</id><action>Create</action></p>"),
        Err(DecodeError::UnknownAction("Create".into()))
    );
}

#[test]
fn format_detection() {
    assert_eq!(
        Format::detect(Some("application/json"), b"<"),
        Some(Format::Json)
    );
    assert_eq!(
        Format::detect(Some("text/xml; charset=UTF-8"), b"{"),
        Some(Format::Xml)
    );
    assert_eq!(
        Format::detect(Some("Application/XML"), b""),
        Some(Format::Xml)
    );
    assert_eq!(Format::detect(None, b"  \n{\"id\":1}"), Some(Format::Json));
    assert_eq!(
        Format::detect(Some("text/plain"), b"\xEF\xBB\xBF<p/>"),
        Some(Format::Xml)
    );
    assert_eq!(Format::detect(None, b"id=1"), None);
    assert_eq!(
        decode_detect(b"id=1", None, ObjectKind::Profile),
        Err(DecodeError::UnknownFormat)
    );
    let e = decode_detect(
        b"\xEF\xBB\xBF<p><id>1</id><action>create</action></p>",
        None,
        ObjectKind::Profile,
    )
    .expect("BOM tolerated");
    assert_eq!(e.id, "1");
}

#[test]
fn garbage_never_panics() {
    // A crude fuzz over truncations and byte flips of real bodies.
    let bodies: [&[u8]; 2] = [
        br#"{"id":"4711","action":"update","fields":{"a":"b"},"updated":{"a":"c"},"interests":["x"]}"#,
        b"<profile><id>4711</id><action>update</action><fields><a>b</a></fields><interests><interest>x</interest></interests></profile>",
    ];
    for body in bodies {
        for cut in 0..body.len() {
            for format in [Format::Json, Format::Xml] {
                let _ = decode(&body[..cut], format, ObjectKind::Profile);
                let mut flipped = body.to_vec();
                flipped[cut] ^= 0x80;
                let _ = decode(&flipped, format, ObjectKind::Profile);
            }
        }
    }
}
