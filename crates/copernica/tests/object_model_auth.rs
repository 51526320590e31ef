//! Authentication through the object model: access tokens, session login,
//! transparent re-login on `Not logged on`, and fault mapping.

use copernica::mock::{MockServer, MockServerConfig};
use copernica::objects::Query;
use copernica::{Auth, Copernica, Error};
use futures_util::TryStreamExt;

async fn server() -> MockServer {
    MockServer::start(MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    })
    .await
    .expect("mock server starts")
}

#[tokio::test]
async fn access_token_is_sent_on_every_call() {
    let server = server().await;
    let token = server.store().config().access_token;
    let api = Copernica::with_access_token(server.url(), token).unwrap();
    assert!(matches!(api.auth(), Auth::AccessToken(_)));
    let db = api.account().create_database("tokens").await.unwrap();
    // Several different operations, no login and no cookie.
    db.create_profile([("x", "1")]).await.unwrap();
    let all: Vec<_> = db.profiles().try_collect().await.unwrap();
    assert_eq!(all.len(), 1);
    assert!(api.session_id().is_none());
    assert!(api.cookies().is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn wrong_token_is_a_not_logged_on_fault_without_retry() {
    let server = server().await;
    let api = Copernica::with_access_token(server.url(), "not-a-token").unwrap();
    let err = api.account().create_database("x").await.unwrap_err();
    assert!(err.is_not_logged_on(), "{err}");
    assert_eq!(err.operation(), "Account_createDatabase");
    assert!(matches!(err, Error::Fault { code: Some(1), .. }));
    server.shutdown().await;
}

#[tokio::test]
async fn revoked_token_fails_the_next_call() {
    let server = server().await;
    server.store().add_access_token("temporary");
    let api = Copernica::with_access_token(server.url(), "temporary").unwrap();
    api.account().create_database("a").await.unwrap();
    assert!(server.store().revoke_access_token("temporary"));
    let err = api.account().create_database("b").await.unwrap_err();
    assert!(err.is_not_logged_on());
    server.shutdown().await;
}

#[tokio::test]
async fn login_keeps_the_session_cookie() {
    let server = server().await;
    let cfg = server.store().config();
    let api = Copernica::login(server.url(), &cfg.user, &cfg.password, Some(&cfg.account))
        .await
        .unwrap();
    let session = api.session_id().expect("session cookie after login");
    assert!(server.store().has_session(&session));
    api.account().create_database("s").await.unwrap();
    // Same session: no second login happened.
    assert_eq!(api.session_id(), Some(session));
    server.shutdown().await;
}

#[tokio::test]
async fn bad_credentials_fail_at_connect() {
    let server = server().await;
    let err = Copernica::login(server.url(), "admin", "wrong", None)
        .await
        .unwrap_err();
    assert_eq!(err.operation(), "login");
    assert_eq!(err.fault_message(), Some("Invalid login"));
    server.shutdown().await;
}

#[tokio::test]
async fn dropped_session_is_renewed_transparently() {
    let server = server().await;
    let cfg = server.store().config();
    let api = Copernica::login(server.url(), &cfg.user, &cfg.password, None)
        .await
        .unwrap();
    let db = api.account().create_database("relogin").await.unwrap();
    let first = api.session_id().unwrap();

    // The server forgets the session (expiry); the next call gets
    // `Not logged on`, logs in again and retries, invisibly to the caller.
    assert!(server.store().drop_session(&first));
    let profile = db.create_profile([("name", "after expiry")]).await.unwrap();
    assert!(profile.id() > 0);
    let second = api.session_id().unwrap();
    assert_ne!(first, second);
    assert!(server.store().has_session(&second));

    // Paged streams re-login too.
    assert!(server.store().drop_session(&second));
    let found: Vec<_> = db
        .search_profiles(&Query::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    server.shutdown().await;
}

#[tokio::test]
async fn lazy_login_on_first_call() {
    let server = server().await;
    let cfg = server.store().config();
    let api = Copernica::builder()
        .endpoint(server.url())
        .credentials(&cfg.user, &cfg.password, Some(&cfg.account))
        .build()
        .unwrap();
    assert!(api.session_id().is_none());
    api.account().create_database("lazy").await.unwrap();
    assert!(api.session_id().is_some());
    server.shutdown().await;
}

#[tokio::test]
async fn unreachable_endpoint_is_a_transport_error() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let api = Copernica::with_access_token(format!("http://127.0.0.1:{port}/"), "t").unwrap();
    let err = api.account().create_database("x").await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

/// Counts `login` requests.
#[derive(Clone)]
struct LoginCounter {
    inner: std::sync::Arc<soapgen_runtime::transport::HttpTransport>,
    logins: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl soapgen_runtime::transport::Transport for LoginCounter {
    fn send(
        &self,
        request: soapgen_runtime::transport::HttpRequest,
    ) -> soapgen_runtime::transport::BoxFuture<
        '_,
        Result<soapgen_runtime::transport::HttpResponse, soapgen_runtime::soap::Error>,
    > {
        if request
            .soap_action
            .as_deref()
            .is_some_and(|a| a.ends_with("#login"))
        {
            self.logins
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        self.inner.send(request)
    }
}

#[tokio::test]
async fn concurrent_calls_share_one_relogin() {
    let server = server().await;
    let cfg = server.store().config();
    let counter = LoginCounter {
        inner: std::sync::Arc::new(soapgen_runtime::transport::HttpTransport::new().unwrap()),
        logins: Default::default(),
    };
    let api = Copernica::builder()
        .endpoint(server.url())
        .credentials(&cfg.user, &cfg.password, None)
        .transport(counter.clone())
        .connect()
        .await
        .unwrap();
    let db = api.account().create_database("many").await.unwrap();
    assert!(server.store().drop_session(&api.session_id().unwrap()));

    let calls = (0..8).map(|i| {
        let db = db.clone();
        async move { db.create_profile([("n", i.to_string())]).await }
    });
    for result in futures_util::future::join_all(calls).await {
        result.unwrap();
    }
    // One login at connect, one after the session was dropped.
    assert_eq!(counter.logins.load(std::sync::atomic::Ordering::SeqCst), 2);
    server.shutdown().await;
}
