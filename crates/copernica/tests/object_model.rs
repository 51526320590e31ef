//! The object model against the embedded mock over real HTTP on loopback:
//! authentication, databases, fields, profiles, paging.

use copernica::mock::{MockServer, MockServerConfig};
use copernica::model::FieldType;
use copernica::objects::{FieldSpec, Query};
use copernica::{Copernica, Fields};
use futures_util::TryStreamExt;

async fn server() -> MockServer {
    let config = MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    };
    MockServer::start(config).await.expect("mock server starts")
}

fn token_client(server: &MockServer) -> Copernica {
    let token = server.store().config().access_token;
    Copernica::with_access_token(server.url(), token).expect("client")
}

#[tokio::test]
async fn access_token_database_profiles_roundtrip() {
    let server = server().await;
    let api = token_client(&server);
    let db = api.account().create_database("shop").await.unwrap();
    assert_eq!(db.name(), Some("shop"));
    db.create_field(FieldSpec::new("email").kind(FieldType::Email))
        .await
        .unwrap();
    db.create_field(FieldSpec::new("city").kind(FieldType::Text))
        .await
        .unwrap();
    let p = db
        .create_profile([("email", "a@example.com"), ("city", "Utrecht")])
        .await
        .unwrap();
    assert!(p.id() > 0);
    let found: Vec<_> = db
        .search_profiles(&Query::new().eq("city", "Utrecht"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field("email").as_deref(), Some("a@example.com"));
    assert!(p
        .update_fields(Fields::from([("city", "Delft")]))
        .await
        .unwrap());
    assert_eq!(p.load_fields().await.unwrap().get("city"), Some("Delft"));
    server.shutdown().await;
}
