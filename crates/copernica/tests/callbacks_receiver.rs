//! The axum receiver, driven in process with `tower::ServiceExt::oneshot`.
#![cfg(feature = "axum")]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use copernica::callbacks::receiver::{Delivery, Endpoint, Receiver};
use copernica::callbacks::sign::{OutgoingCallback, Signer};
use copernica::callbacks::{
    Action, CallbackRequest, FixedClock, Format, KeyError, KeyResolver, ObjectKind, PublicKey,
    StaticKeyResolver, Verifier, VerifierConfig,
};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

const KEY_ID: &str = "vectors-test._domainkey.copernica.com";
const NOW: u64 = 1_736_849_730;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/copernica/callback-vectors")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).expect("fixture")
}

fn resolver() -> StaticKeyResolver {
    StaticKeyResolver::new().with_key(
        KEY_ID,
        PublicKey::from_pem(&read("test-signing-key.pub.pem")).expect("key"),
    )
}

fn verifier<R: KeyResolver>(r: R) -> Verifier<R> {
    Verifier::new(VerifierConfig::new("hooks.example.com", "account_12345"), r)
}

fn signed(target: &str, body: &str) -> CallbackRequest {
    Signer::from_pkcs8_pem(&read("test-signing-key.pem"), KEY_ID)
        .expect("signer")
        .sign_request(&OutgoingCallback {
            method: "POST".into(),
            target: target.into(),
            host: "hooks.example.com".into(),
            content_type: "application/json".into(),
            copernica_id: "account_12345".into(),
            nonce: "abc123".into(),
            date: SystemTime::UNIX_EPOCH + Duration::from_secs(NOW - 1),
            body: body.as_bytes().to_vec(),
        })
        .expect("signs")
}

fn to_http(req: &CallbackRequest) -> Request<Body> {
    let mut b = Request::builder().method(req.method()).uri(req.target());
    for (n, v) in req.headers() {
        b = b.header(n, v);
    }
    b.body(Body::from(req.body_bytes().to_vec()))
        .expect("request")
}

type Seen = Arc<Mutex<Vec<Delivery>>>;

fn recording_router(fail: bool, limit: usize) -> (axum::Router, Seen, Arc<AtomicUsize>) {
    let seen: Seen = Arc::default();
    let calls = Arc::new(AtomicUsize::new(0));
    let (seen2, calls2) = (Arc::clone(&seen), Arc::clone(&calls));
    let router = Receiver::new(verifier(resolver()), move |d: Delivery| {
        let (seen, calls) = (Arc::clone(&seen2), Arc::clone(&calls2));
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            seen.lock().expect("lock").push(d);
            if fail {
                Err("database down")
            } else {
                Ok(())
            }
        }
    })
    .clock(FixedClock::from_unix(NOW))
    .body_limit(limit)
    .route("/cb/profiles", ObjectKind::Profile)
    .route(
        "/cb/orders",
        Endpoint::new(ObjectKind::Subprofile).format(Format::Json),
    )
    .into_router();
    (router, seen, calls)
}

async fn body_text(resp: axum::response::Response) -> String {
    let bytes = resp.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8(bytes.to_vec()).expect("utf8")
}

const PROFILE: &str = r#"{"id":"4711","action":"update","fields":{"company":"Microsoft"},"updated":{"company":"Apple"},"interests":["tennis"]}"#;

#[tokio::test]
async fn good_request_calls_handler_once_and_answers_200() {
    let (router, seen, calls) = recording_router(false, 4096);
    let resp = router
        .oneshot(to_http(&signed("/cb/profiles?db=12", PROFILE)))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let seen = seen.lock().expect("lock");
    let d = &seen[0];
    assert_eq!(d.event.kind, ObjectKind::Profile);
    assert_eq!(d.event.action, Action::Update);
    assert_eq!(d.event.id, "4711");
    assert_eq!(d.event.new_state().get("company"), Some("Apple"));
    assert_eq!(d.target, "/cb/profiles?db=12");
    assert_eq!(d.format, Format::Json);
    assert_eq!(d.verified.nonce.as_deref(), Some("abc123"));
}

#[tokio::test]
async fn subprofile_route_uses_its_kind() {
    let (router, seen, _) = recording_router(false, 4096);
    let body = r#"{"id":98765,"action":"delete","fields":{"product":"Running shoes"}}"#;
    let resp = router
        .oneshot(to_http(&signed("/cb/orders", body)))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::OK);
    let seen = seen.lock().expect("lock");
    assert_eq!(seen[0].event.kind, ObjectKind::Subprofile);
    assert_eq!(seen[0].event.id_u64(), Some(98765));
}

#[tokio::test]
async fn bad_signature_is_401_and_handler_not_called() {
    let (router, _, calls) = recording_router(false, 4096);
    let mut req = signed("/cb/profiles", PROFILE);
    // Replay to the other route: the (request-target) no longer matches.
    req = {
        let mut moved = CallbackRequest::new("POST", "/cb/orders");
        for (n, v) in req.headers() {
            moved.push_header(n, v);
        }
        moved.body(req.into_body())
    };
    let resp = router.oneshot(to_http(&req)).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(body_text(resp).await, "signature_invalid");
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn every_vector_request_is_answered_as_expected() {
    // The vectors replayed through the router at their path: valid → 200,
    // invalid → 401 with the vector's reason, handler called only for valid.
    for entry in std::fs::read_dir(dir()).expect("dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        if !name.ends_with(".json") || !name.as_bytes()[0].is_ascii_digit() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&read(&name)).expect("json");
        let rec = &v["dkim_txt_record"];
        let keys = StaticKeyResolver::new()
            .with_dkim_record(
                rec["name"].as_str().expect("name"),
                rec["value"].as_str().expect("value"),
            )
            .expect("dkim");
        let calls = Arc::new(AtomicUsize::new(0));
        let calls2 = Arc::clone(&calls);
        let kind = match v["decoded"]["kind"].as_str() {
            Some("subprofile") => ObjectKind::Subprofile,
            _ => ObjectKind::Profile,
        };
        let target = v["path"].as_str().expect("path");
        let route = target.split('?').next().expect("path");
        let router = Receiver::new(verifier(keys), move |_d: Delivery| {
            let calls = Arc::clone(&calls2);
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok::<(), String>(())
            }
        })
        .clock(FixedClock::from_unix(
            v["now"]["unix"].as_u64().expect("now"),
        ))
        .route(route, kind)
        .into_router();
        let mut b = Request::builder().method("POST").uri(target);
        for (n, val) in v["headers"].as_object().expect("headers") {
            b = b.header(n, val.as_str().expect("str"));
        }
        let req = b
            .body(Body::from(v["body"].as_str().expect("body").to_owned()))
            .expect("req");
        let resp = router.oneshot(req).await.expect("infallible");
        if v["expected"]["result"] == "valid" {
            assert_eq!(resp.status(), StatusCode::OK, "{name}");
            assert_eq!(calls.load(Ordering::SeqCst), 1, "{name}");
        } else {
            assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "{name}");
            assert_eq!(
                body_text(resp).await,
                v["expected"]["reason"].as_str().expect("reason"),
                "{name}"
            );
            assert_eq!(calls.load(Ordering::SeqCst), 0, "{name}");
        }
    }
}

#[tokio::test]
async fn handler_error_is_500() {
    let (router, _, calls) = recording_router(true, 4096);
    let resp = router
        .oneshot(to_http(&signed("/cb/profiles", PROFILE)))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn oversized_body_is_413() {
    let (router, _, calls) = recording_router(false, 64);
    let big = format!(
        r#"{{"id":"1","action":"create","fields":{{"note":"{}"}}}}"#,
        "x".repeat(200)
    );
    let resp = router
        .clone()
        .oneshot(to_http(&signed("/cb/profiles", &big)))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Without Content-Length: caught by the limit while reading.
    let req = signed("/cb/profiles", &big);
    let mut b = Request::builder().method("POST").uri(req.target());
    for (n, v) in req.headers() {
        if !n.eq_ignore_ascii_case("content-length") {
            b = b.header(n, v);
        }
    }
    let resp = router
        .oneshot(b.body(Body::from(req.into_body())).expect("req"))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn verified_but_undecodable_body_is_400_and_handler_not_called() {
    let (router, _, calls) = recording_router(false, 4096);
    let resp = router
        .oneshot(to_http(&signed(
            "/cb/profiles",
            r#"{"id":"1","action":"merge"}"#,
        )))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body_text(resp).await, "unknown_action");
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

struct FailingResolver;

impl KeyResolver for FailingResolver {
    async fn resolve(&self, _key_id: &str) -> Result<Arc<PublicKey>, KeyError> {
        Err(KeyError::Lookup("SERVFAIL".into()))
    }
}

#[tokio::test]
async fn transient_key_lookup_failure_is_503() {
    let router = Receiver::new(verifier(FailingResolver), |_d: Delivery| async {
        Ok::<(), String>(())
    })
    .clock(FixedClock::from_unix(NOW))
    .route("/cb/profiles", ObjectKind::Profile)
    .into_router();
    let resp = router
        .oneshot(to_http(&signed("/cb/profiles", PROFILE)))
        .await
        .expect("infallible");
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn get_is_405() {
    let (router, _, _) = recording_router(false, 4096);
    let req = Request::builder()
        .method("GET")
        .uri("/cb/profiles")
        .body(Body::empty())
        .expect("req");
    let resp = router.oneshot(req).await.expect("infallible");
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
}
