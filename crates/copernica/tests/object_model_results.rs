//! The result shapes of `OBJECT_MODEL.md` §6 as Rust types: reading each
//! shape from the generated `Result`, and the typed error for a wrong one.

use copernica::model::{self, ResultChoice};
use copernica::{Error, Fields, Reply};
use soapgen_runtime::types::Nillable;

fn reply(choice: Option<ResultChoice>) -> Reply {
    Reply::new("Test_op", model::Result { choice })
}

fn value(v: &str) -> Reply {
    reply(Some(ResultChoice::Value(Nillable::Value(v.to_owned()))))
}

#[test]
fn booleans_follow_copernica_conventions() {
    assert!(value("1").boolean().unwrap());
    assert!(value("true").boolean().unwrap());
    assert!(!value("0").boolean().unwrap());
    assert!(!value("").boolean().unwrap());
    // An empty result is Copernica's "false".
    assert!(!reply(None).boolean().unwrap());
    let err = value("maybe").boolean().unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidValue {
                operation: "Test_op",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn map_keeps_order_and_reads_nil_as_empty() {
    let map = model::Map {
        pair: vec![
            model::Pair {
                key: "z".into(),
                value: Some(Nillable::Value("1".into())),
            },
            model::Pair {
                key: "a".into(),
                value: Some(Nillable::Nil),
            },
            model::Pair {
                key: "m".into(),
                value: None,
            },
        ],
    };
    let fields = reply(Some(ResultChoice::Map(map))).map().unwrap();
    let keys: Vec<_> = fields.keys().cloned().collect();
    assert_eq!(keys, ["z", "a", "m"]);
    assert_eq!(fields.get("a"), Some(""));
    // Round trip through the wire form.
    let again = Fields::from_map(fields.to_map());
    assert_eq!(again, fields);
    // An empty result is an empty map.
    assert!(reply(None).map().unwrap().is_empty());
}

#[test]
fn arrays_and_pages() {
    let array = model::Array {
        item: vec![Nillable::Value("a".into()), Nillable::Nil],
    };
    assert_eq!(
        reply(Some(ResultChoice::Array(array))).array().unwrap(),
        ["a", ""]
    );
    let db = |id| model::Database {
        id: Some(id),
        name: Some(format!("db{id}")),
        description: None,
        archived: None,
        created: None,
        unsubscribebehavior: None,
        countprofiles: None,
        lastbuilt: None,
    };
    let items = model::Items {
        database: vec![db(1), db(2)],
        collection: vec![],
        field: vec![],
        collectionfield: vec![],
        profile: vec![],
        subprofile: vec![],
        interest: vec![],
        view: vec![],
        miniview: vec![],
        rule: vec![],
        callback: vec![],
        import: vec![],
        emailingtemplate: vec![],
        emailingdocument: vec![],
        pdftemplate: vec![],
        processedemailing: vec![],
        scheduledemailing: vec![],
    };
    let seq = model::ResultChoiceSequence {
        start: 10,
        length: 2,
        total: 12,
        allproperties: None,
        items,
    };
    let page = reply(Some(ResultChoice::Sequence(seq.clone())))
        .page::<model::Database>()
        .unwrap();
    assert_eq!((page.start, page.length, page.total), (10, 2, 12));
    assert_eq!(page.items[1].name.as_deref(), Some("db2"));
    // The same page read as profiles has no profiles in it.
    let none = reply(Some(ResultChoice::Sequence(seq)))
        .page::<model::Profile>()
        .unwrap();
    assert!(none.items.is_empty());
}

#[test]
fn entities_and_wrong_shapes() {
    let profile = model::Profile {
        id: Some(7),
        code: None,
        extra: None,
        created: None,
        modified: None,
        lastexport: None,
        fields: None,
        interests: None,
    };
    let got = reply(Some(ResultChoice::Profile(profile.clone())))
        .entity::<model::Profile>()
        .unwrap();
    assert_eq!(got.id, Some(7));
    // Empty result: None for optional entities, an error for required ones.
    assert!(reply(None)
        .optional_entity::<model::Profile>()
        .unwrap()
        .is_none());
    let err = reply(None).entity::<model::Profile>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "Test_op: expected profile in the result, found an empty result"
    );
    // Another entity, or another shape, is UnexpectedResult.
    let err = reply(Some(ResultChoice::Profile(profile)))
        .entity::<model::Database>()
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedResult { expected: "database", found, .. } if found == "entity profile"),
        "{err:?}"
    );
    let err = value("1").page::<model::Database>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "Test_op: expected paged list in the result, found value"
    );
}

#[test]
fn fields_build_from_literals() {
    let f = Fields::from([("a", "1"), ("b", "2")]).with("a", "3");
    assert_eq!(f.len(), 2);
    assert_eq!(f.get("a"), Some("3"));
    let collected: Fields = vec![("x".to_string(), "y".to_string())]
        .into_iter()
        .collect();
    assert_eq!(collected.get("x"), Some("y"));
}
