//! The Copernica scenario shared by the loopback and PHP interop tests.

use soapgen_runtime::ops::OpError;
use soapgen_runtime::transport::HttpTransport;
use soapgen_runtime::types::Nillable;
use soapgen_soap_e2e::copernica_rpc::{client, operations, soap_copernica_com as t};

pub fn pairs(items: &[(&str, &str)]) -> t::Map {
    t::Map {
        pair: items
            .iter()
            .map(|(k, v)| t::Pair {
                key: k.to_string(),
                value: Some(Nillable::Value(v.to_string())),
            })
            .collect(),
    }
}

fn scalar(r: &t::Result) -> &str {
    match &r.choice {
        Some(t::ResultChoice::Value(Nillable::Value(v))) => v,
        other => panic!("expected a scalar result, got {other:?}"),
    }
}

fn paged_items(r: t::Result) -> (i32, t::Items) {
    match r.choice {
        Some(t::ResultChoice::Sequence(s)) => (s.total, s.items),
        other => panic!("expected a paged result, got {other:?}"),
    }
}

fn token() -> Option<String> {
    Some("token-1".to_string())
}

/// Calls the five operations against a Copernica implementation (Rust or PHP)
/// and checks results, escaping and typed faults. `undeclared` is whether the
/// server answers operations it does not implement with a Server fault.
pub async fn run(c: &client::PomPortClient<HttpTransport>, undeclared: bool) {
    assert_eq!(
        client::PomPortClient::<HttpTransport>::DEFAULT_ENDPOINT,
        "https://soap.copernica.com/"
    );

    // login: success, then a declared fault decoded into the typed detail.
    let ok = c
        .login(t::InputLogin {
            username: "user@example.com".into(),
            password: "secret".into(),
            account: None,
        })
        .await
        .expect("login");
    assert_eq!(scalar(&ok), "1");
    let err = c
        .login(t::InputLogin {
            username: "user@example.com".into(),
            password: "wrong".into(),
            account: Some("acme".into()),
        })
        .await
        .expect_err("wrong password is a fault");
    match &err {
        OpError::Fault { detail, fault } => {
            assert_eq!(fault.reason(), "wrong user name or password");
            assert_eq!(
                detail,
                &operations::ApiFault::ApiFault(t::ApiError {
                    message: "wrong user name or password".into(),
                    code: Some(401),
                })
            );
        }
        other => panic!("expected a typed fault, got {other:?}"),
    }

    // Account_databases: a paged result with escaped text.
    let dbs = c
        .account_databases(t::InputAccountDatabases {
            login: None,
            access_token: token(),
            start: Some(0),
            length: Some(10),
            allproperties: Some(true),
        })
        .await
        .expect("Account_databases");
    let (total, items) = paged_items(dbs);
    assert_eq!(total, 2);
    let names: Vec<_> = items.database.iter().map(|d| d.name.clone()).collect();
    assert_eq!(
        names,
        [
            Some("clients".to_string()),
            Some("prospects & leads".to_string())
        ]
    );

    // Create two profiles, search, update, search again.
    let create = |fields: t::Map| t::InputDatabaseCreateProfile {
        id: 1,
        fields,
        caller: None,
        login: None,
        access_token: token(),
    };
    let a = c
        .database_create_profile(create(pairs(&[
            ("email", "a@example.com"),
            ("city", "Amsterdam"),
        ])))
        .await
        .expect("create a");
    let b = c
        .database_create_profile(create(pairs(&[
            ("email", "b@example.com"),
            ("city", "Utrecht"),
        ])))
        .await
        .expect("create b");
    assert_eq!((scalar(&a), scalar(&b)), ("100", "101"));

    let search = |city: &str| t::InputDatabaseSearchProfiles {
        id: 1,
        requirements: t::Requirements {
            requirement: vec![t::Requirement {
                fieldname: "city".into(),
                value: Some(Nillable::Value(city.into())),
                operator: Some("=".into()),
                casesensitive: None,
            }],
        },
        order: None,
        asc: None,
        start: None,
        length: None,
        allproperties: None,
        login: None,
        access_token: token(),
    };
    let (n, items) = paged_items(
        c.database_search_profiles(search("Utrecht"))
            .await
            .expect("search"),
    );
    assert_eq!(n, 1);
    assert_eq!(items.profile[0].id, Some(101));

    let updated = c
        .profile_update_fields(t::InputProfileUpdateFields {
            id: 100,
            timestamp: None,
            fields: pairs(&[("city", "Utrecht <centrum>")]),
            caller: None,
            login: None,
            access_token: token(),
        })
        .await
        .expect("update");
    assert_eq!(scalar(&updated), "1");
    let (n, items) = paged_items(
        c.database_search_profiles(search("Utrecht <centrum>"))
            .await
            .expect("search after update"),
    );
    assert_eq!(n, 1);
    assert_eq!(items.profile[0].id, Some(100));
    let fields = items.profile[0].fields.as_ref().expect("fields");
    assert!(fields
        .pair
        .iter()
        .any(|p| p.key == "email" && p.value == Some(Nillable::Value("a@example.com".into()))));

    // Declared fault from a missing token; undeclared (default-method) fault
    // keeps the raw fault.
    let err = c
        .database_search_profiles(t::InputDatabaseSearchProfiles {
            access_token: None,
            ..search("x")
        })
        .await
        .expect_err("no token");
    assert!(matches!(err.detail(), Some(operations::ApiFault::ApiFault(e)) if e.code == Some(403)));
    if !undeclared {
        return;
    }
    let err = c
        .database_retrieve(t::InputDatabaseRetrieve {
            id: "1".into(),
            login: None,
            access_token: token(),
        })
        .await
        .expect_err("not implemented");
    match err {
        OpError::Soap(soapgen_runtime::soap::Error::Fault(f)) => {
            assert_eq!(
                f.reason(),
                "operation `Database_retrieve` is not implemented"
            );
            assert_eq!(f.code, soapgen_runtime::soap::FaultCode::Receiver);
        }
        other => panic!("expected an undeclared fault, got {other:?}"),
    }
}
