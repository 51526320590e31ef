//! Live sync end to end: 1,000 random creates, updates and deletes made through
//! SOAP while a verifying receiver feeds a SQLite [`Mirror`], with every 7th
//! delivery answered 500 (so the mock retries); afterwards the mirror must equal
//! the server: nothing lost, nothing duplicated, nothing resurrected.
#![cfg(all(feature = "sqlite", feature = "mock-server", feature = "axum"))]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use copernica::callbacks::receiver::{Delivery, Endpoint, Receiver};
use copernica::callbacks::sign::OutgoingCallback;
use copernica::callbacks::{Format, ObjectKind, Verifier, VerifierConfig};
use copernica::mock::fire::{test_signer, FireConfig, FireStats, RetryPolicy};
use copernica::mock::{MockServer, MockServerConfig, Paging, Store};
use copernica::model::{CallbackMethod, FieldType};
use copernica::objects::{Database, FieldSpec};
use copernica::sync::{initial_load, Mirror, ProfileState};
use copernica::{Copernica, Fields};

const ACCOUNT: &str = "account_sync";

/// Deterministic xorshift64*: the same 1,000 operations every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

struct Setup {
    server: MockServer,
    db: Database,
    mirror: Arc<Mutex<Mirror>>,
    calls: Arc<AtomicU64>,
    receiver_url: String,
}

/// Mock with fast retries, a database with two fields, a receiver that fails
/// every `fail_every`-th delivery, and the callback registered.
async fn setup(fail_every: u64) -> Setup {
    let server = MockServer::start(MockServerConfig {
        callbacks: Some(FireConfig {
            copernica_id: ACCOUNT.to_owned(),
            retry: RetryPolicy::fast(),
            timeout: Duration::from_secs(5),
            ..FireConfig::default()
        }),
        ..MockServerConfig::default()
    })
    .await
    .expect("mock starts");
    let api = Copernica::with_access_token(server.url(), server.store().config().access_token)
        .expect("client");
    let db = api.account().create_database("shop").await.expect("db");
    db.create_field(FieldSpec::new("email").kind(FieldType::Email))
        .await
        .expect("field");
    db.create_field(FieldSpec::new("score").kind(FieldType::Integer))
        .await
        .expect("field");

    let mirror = Arc::new(Mutex::new(Mirror::in_memory().expect("mirror")));
    let calls = Arc::new(AtomicU64::new(0));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let host = listener.local_addr().expect("addr").to_string();
    let verifier = Verifier::new(
        VerifierConfig::new(host.clone(), ACCOUNT),
        server.key_resolver().expect("callbacks enabled"),
    );
    let (sink, counter) = (Arc::clone(&mirror), Arc::clone(&calls));
    let router = Receiver::new(verifier, move |d: Delivery| {
        let (sink, counter) = (Arc::clone(&sink), Arc::clone(&counter));
        async move {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            if fail_every > 0 && n % fail_every == 0 {
                return Err("injected failure".to_owned());
            }
            let mut m = sink.lock().map_err(|_| "poisoned".to_owned())?;
            m.apply(&d.event, d.verified.date)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    })
    .route(
        "/hook",
        Endpoint::new(ObjectKind::Profile).format(Format::Json),
    )
    .into_router();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let receiver_url = format!("http://{host}/hook");
    db.create_callback(receiver_url.clone(), None, Some(CallbackMethod::Json))
        .await
        .expect("callback");
    Setup {
        server,
        db,
        mirror,
        calls,
        receiver_url,
    }
}

async fn quiesce(stats: &FireStats, timeout: Duration) {
    let start = Instant::now();
    let mut quiet_since = Instant::now();
    loop {
        if stats.pending() > 0 {
            quiet_since = Instant::now();
        } else if quiet_since.elapsed() > Duration::from_millis(300) {
            return;
        }
        assert!(
            start.elapsed() < timeout,
            "{} callbacks still pending",
            stats.pending()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn server_state(store: &Store, db: u64) -> BTreeMap<u64, ProfileState> {
    let mut out = BTreeMap::new();
    let mut start = 0;
    loop {
        let page = store
            .search_profiles(
                db,
                &[],
                Paging {
                    start,
                    length: Paging::MAX_LENGTH,
                    allproperties: true,
                },
            )
            .expect("search");
        let n = page.items.len();
        for p in page.items {
            let fields: ProfileState = p.fields.unwrap_or_default().into_iter().collect();
            assert!(
                out.insert(p.id, fields).is_none(),
                "server listed {} twice",
                p.id
            );
        }
        start += n;
        if n == 0 || start >= page.total {
            return out;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_random_changes_through_injected_failures_end_in_sync() {
    let started = Instant::now();
    let Setup {
        server,
        db,
        mirror,
        calls,
        ..
    } = setup(7).await;
    let db_id = u64::try_from(db.id()).expect("id");
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let mut live: Vec<i32> = Vec::new();
    let (mut creates, mut updates, mut deletes) = (0u32, 0u32, 0u32);

    // A few profiles exist before the mirror loads; the load then runs
    // concurrently with the first operations.
    for i in 0..20 {
        let p = db
            .create_profile([("email", format!("seed{i}@example.com"))])
            .await
            .expect("create");
        live.push(p.id());
    }
    let load = initial_load(&db, 9, &mirror);
    let ops = async {
        for op in 0..1000u32 {
            let roll = rng.below(10);
            if live.is_empty() || roll < 4 {
                let p = db
                    .create_profile([
                        ("email", format!("u{op}@example.com")),
                        ("score", rng.below(1000).to_string()),
                    ])
                    .await
                    .expect("create");
                live.push(p.id());
                creates += 1;
            } else if roll < 8 {
                let id = live[rng.below(live.len())];
                let changed = db
                    .profile(id)
                    .update_fields(Fields::new().with("score", rng.below(1000).to_string()))
                    .await
                    .expect("update");
                assert!(changed, "update of {id} refused");
                updates += 1;
            } else {
                let id = live.swap_remove(rng.below(live.len()));
                db.profile(id).remove().await.expect("remove");
                deletes += 1;
            }
        }
    };
    let (loaded, ()) = tokio::join!(load, ops);
    loaded.expect("initial load");
    let stats = server.callback_stats().expect("stats");
    let ops_done = started.elapsed();
    quiesce(&stats, Duration::from_secs(120)).await;

    let expected = server_state(server.store(), db_id);
    let (actual, mstats) = {
        let m = mirror.lock().expect("lock");
        (m.profiles().expect("read mirror"), m.stats())
    };
    let live_ids: std::collections::BTreeSet<u64> = live
        .iter()
        .map(|&id| u64::try_from(id).expect("id"))
        .collect();
    assert_eq!(
        expected
            .keys()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        live_ids
    );
    assert_eq!(actual.len(), expected.len(), "mirror row count");
    for (id, want) in &expected {
        assert_eq!(actual.get(id), Some(want), "profile {id}");
    }
    assert_eq!(actual, expected);
    assert_eq!(
        server.store().count_profiles(db_id).expect("count"),
        u64::try_from(actual.len()).expect("len")
    );
    // Failures were really injected and retried, and nothing was given up.
    let failed = stats.failed_attempts.load(Ordering::SeqCst);
    assert!(failed >= 100, "only {failed} injected failures");
    assert_eq!(stats.given_up.load(Ordering::SeqCst), 0);
    assert_eq!(mstats.stale, 0, "in-order delivery has no stale changes");
    eprintln!(
        "sync: {creates} creates, {updates} updates, {deletes} deletes; {} deliveries \
         ({failed} failed), mirror {mstats:?}, {} profiles; changes done after {ops_done:?}, in sync after {:?}",
        calls.load(Ordering::SeqCst),
        actual.len(),
        started.elapsed()
    );
    server.shutdown().await;
}

/// A correctly signed but late copy of a create, arriving after the delete,
/// is accepted (200: it verified) but cannot bring the profile back; an old
/// update signed before the newest one cannot overwrite it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn late_redeliveries_neither_resurrect_nor_overwrite() {
    let Setup {
        server,
        db,
        mirror,
        receiver_url,
        ..
    } = setup(0).await;
    let stats = server.callback_stats().expect("stats");
    let gone = db
        .create_profile([("email", "gone@example.com")])
        .await
        .expect("create");
    let kept = db
        .create_profile([("email", "kept@example.com"), ("score", "1")])
        .await
        .expect("create");
    kept.update_fields(Fields::new().with("score", "2"))
        .await
        .expect("update");
    gone.remove().await.expect("remove");
    quiesce(&stats, Duration::from_secs(20)).await;

    let url = reqwest::Url::parse(&receiver_url).expect("url");
    let host = format!(
        "{}:{}",
        url.host_str().expect("host"),
        url.port().expect("port")
    );
    let send = |body: String, date: SystemTime| {
        let host = host.clone();
        let url = receiver_url.clone();
        async move {
            let outgoing = OutgoingCallback {
                method: "POST".into(),
                target: "/hook".into(),
                host,
                content_type: "application/json".into(),
                copernica_id: ACCOUNT.into(),
                nonce: format!("{:016x}", date.elapsed().map_or(0, |d| d.as_nanos())),
                date,
                body: body.into_bytes(),
            };
            let headers = test_signer().sign(&outgoing).expect("sign");
            let mut req = reqwest::Client::new().post(url);
            for (name, value) in &headers {
                req = req.header(name.as_str(), value.as_str());
            }
            req.body(outgoing.body).send().await.expect("send").status()
        }
    };
    let now = SystemTime::now();
    let late_create = format!(
        r#"{{"id":"{}","action":"create","fields":{{"email":"gone@example.com","score":""}},"interests":[]}}"#,
        gone.id()
    );
    assert!(send(late_create, now).await.is_success());
    let old_update = format!(
        r#"{{"id":"{}","action":"update","fields":{{"email":"kept@example.com","score":"1"}},"updated":{{"score":"1"}},"interests":[]}}"#,
        kept.id()
    );
    assert!(send(old_update, now - Duration::from_secs(30))
        .await
        .is_success());

    let expected = server_state(server.store(), u64::try_from(db.id()).expect("id"));
    let (actual, s) = {
        let m = mirror.lock().expect("lock");
        (m.profiles().expect("read"), m.stats())
    };
    assert_eq!(actual, expected);
    assert_eq!((s.tombstoned, s.stale), (1, 1), "{s:?}");
    server.shutdown().await;
}
