//! Paged results as lazy streams: 10,000 profiles over HTTP, page sizes, and
//! laziness (only the pages consumed are fetched).

use copernica::mock::{FieldDef, MockServer, MockServerConfig};
use copernica::objects::Query;
use copernica::Copernica;
use futures_util::{StreamExt, TryStreamExt};

#[tokio::test]
async fn streams_ten_thousand_profiles() {
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    })
    .await
    .unwrap();
    let store = server.store();
    let db_id = store.create_database("big").unwrap().id;
    store
        .create_field(db_id, FieldDef::new("n", "integer"))
        .unwrap();
    store
        .create_field(db_id, FieldDef::new("parity", "text"))
        .unwrap();
    for i in 0..10_000 {
        let n = i.to_string();
        let parity = if i % 2 == 0 { "even" } else { "odd" };
        store
            .create_profile(db_id, &[("n", n.as_str()), ("parity", parity)])
            .unwrap();
    }
    let api = Copernica::with_access_token(server.url(), store.config().access_token).unwrap();
    let db = api.database(i32::try_from(db_id).unwrap());

    // All of them, in order, 1000 per request.
    let mut seen = 0usize;
    let mut last_id = 0;
    let mut all = db.search_profiles(&Query::new().page_size(1000));
    while let Some(p) = all.try_next().await.unwrap() {
        assert!(p.id() > last_id, "ids ascend");
        last_id = p.id();
        assert_eq!(p.field("n"), Some(seen.to_string()));
        seen += 1;
    }
    assert_eq!(seen, 10_000);

    // A filtered search with the default page size (100 per request).
    let odd = db
        .search_profiles(&Query::new().eq("parity", "odd"))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(odd.len(), 5_000);

    // Lazy: taking 5 from a stream of pages of 2 only reads 3 pages.
    let first_five: Vec<_> = db
        .search_profiles(&Query::new().page_size(2).all_properties(false))
        .take(5)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first_five.len(), 5);
    // Without all properties, fields are not sent.
    assert!(first_five[0].fields().is_none_or(|f| f.is_empty()));

    // One explicit page.
    let page = db
        .search_profiles_page(&Query::new(), 9_990, 50)
        .await
        .unwrap();
    assert_eq!(
        (page.start, page.total, page.items.len()),
        (9_990, 10_000, 10)
    );
    server.shutdown().await;
}

#[tokio::test]
async fn empty_result_ends_the_stream() {
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    })
    .await
    .unwrap();
    let api =
        Copernica::with_access_token(server.url(), server.store().config().access_token).unwrap();
    let db = api.account().create_database("empty").await.unwrap();
    let none: Vec<_> = db.profiles().try_collect().await.unwrap();
    assert!(none.is_empty());
    server.shutdown().await;
}
