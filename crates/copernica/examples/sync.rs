//! Live sync: mirror a Copernica database into a local SQLite file.
//!
//! `cargo run -p copernica --example sync [PATH.sqlite]`
//!
//! 1. starts the embedded mock (in-process, callbacks enabled, signed with the
//!    built-in test key) and fills a database;
//! 2. starts a verifying callback receiver (axum) that applies every delivery
//!    to the [`Mirror`], and registers it with `Database_createCallback`;
//! 3. loads the database through the paged `Database_searchProfiles` while
//!    more changes are being made;
//! 4. makes creates, updates and deletes through SOAP, waits until no callback
//!    is pending, and compares the mirror with the server: prints
//!    `mirror in sync: N profiles` and exits 0 when equal, lists the
//!    differences and exits 1 otherwise.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use copernica::callbacks::receiver::{Delivery, Endpoint, Receiver};
use copernica::callbacks::{Format, ObjectKind, Verifier, VerifierConfig};
use copernica::mock::fire::{FireConfig, RetryPolicy};
use copernica::mock::{MockServer, MockServerConfig, Paging, Store};
use copernica::model::{CallbackMethod, FieldType};
use copernica::objects::FieldSpec;
use copernica::sync::{initial_load, Mirror, ProfileState};
use copernica::{Copernica, Fields};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const ACCOUNT: &str = "account_1";

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("sync: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<bool, BoxError> {
    let path = match std::env::args_os().nth(1) {
        Some(p) => std::path::PathBuf::from(p),
        None => std::env::temp_dir().join("copernica-sync-example.sqlite"),
    };
    // A fresh mirror each run: the mock's ids start again at 1.
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }

    let server = MockServer::start(MockServerConfig {
        callbacks: Some(FireConfig {
            copernica_id: ACCOUNT.to_owned(),
            retry: RetryPolicy::fast(),
            ..FireConfig::default()
        }),
        ..MockServerConfig::default()
    })
    .await?;
    let api = Copernica::with_access_token(server.url(), server.store().config().access_token)?;
    let db = api.account().create_database("newsletter").await?;
    db.create_field(FieldSpec::new("email").kind(FieldType::Email))
        .await?;
    db.create_field(FieldSpec::new("city").kind(FieldType::Text))
        .await?;
    let mut ids = Vec::new();
    for i in 0..40 {
        let p = db
            .create_profile([("email", format!("p{i}@example.com")), ("city", city(i))])
            .await?;
        ids.push(p.id());
    }

    // The receiver, then the callback, then the load: every change after the
    // load's reads is delivered.
    let mirror = Arc::new(Mutex::new(Mirror::open(&path)?));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let host = listener.local_addr()?.to_string();
    let keys = server.key_resolver().ok_or("callbacks are disabled")?;
    let verifier = Verifier::new(VerifierConfig::new(host.clone(), ACCOUNT), keys);
    let sink = Arc::clone(&mirror);
    let router = Receiver::new(verifier, move |d: Delivery| {
        let sink = Arc::clone(&sink);
        async move {
            let mut m = sink.lock().map_err(|_| "mirror lock poisoned".to_owned())?;
            m.apply(&d.event, d.verified.date)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    })
    .route(
        "/copernica",
        Endpoint::new(ObjectKind::Profile).format(Format::Json),
    )
    .into_router();
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("sync: receiver stopped: {e}");
        }
    });
    db.create_callback(
        format!("http://{host}/copernica"),
        None,
        Some(CallbackMethod::Json),
    )
    .await?;

    // Load (pages of 7) while the first round of changes runs.
    let started = Instant::now();
    let changes = async {
        for (n, id) in ids.iter().enumerate().filter(|(n, _)| n % 3 == 0) {
            db.profile(*id)
                .update_fields(Fields::new().with("city", format!("Moved{n}")))
                .await?;
        }
        for id in ids.iter().skip(1).step_by(5) {
            db.profile(*id).remove().await?;
        }
        Ok::<(), copernica::Error>(())
    };
    let (loaded, changed) = tokio::join!(initial_load(&db, 7, &mirror), changes);
    let loaded = loaded?;
    changed?;
    println!("initial load: {loaded} profiles in {:?}", started.elapsed());

    // Second round after the load.
    for i in 40..60 {
        let p = db
            .create_profile([("email", format!("p{i}@example.com")), ("city", city(i))])
            .await?;
        if i % 2 == 0 {
            p.update_fields(Fields::new().with("city", "Haarlem"))
                .await?;
        }
        if i % 4 == 0 {
            p.remove().await?;
        }
    }

    quiesce(&server, Duration::from_secs(20)).await?;
    let expected = server_state(server.store(), u64::try_from(db.id())?)?;
    let (actual, stats) = {
        let m = mirror.lock().map_err(|_| "mirror lock poisoned")?;
        (m.profiles()?, m.stats())
    };
    server.shutdown().await;
    println!("mirror {}: {stats:?}", path.display());
    let diffs = differences(&expected, &actual);
    if diffs.is_empty() {
        println!("mirror in sync: {} profiles", actual.len());
        Ok(true)
    } else {
        for d in &diffs {
            eprintln!("  {d}");
        }
        eprintln!("mirror out of sync: {} differences", diffs.len());
        Ok(false)
    }
}

fn city(i: usize) -> String {
    ["Utrecht", "Delft", "Gouda", "Leiden"][i % 4].to_owned()
}

/// Waits until the sender has nothing pending for a while (events are routed
/// within milliseconds of the change, so a quiet 300 ms means done).
async fn quiesce(server: &MockServer, timeout: Duration) -> Result<(), BoxError> {
    let stats = server.callback_stats().ok_or("callbacks are disabled")?;
    let start = Instant::now();
    let mut quiet_since = Instant::now();
    loop {
        if stats.pending() > 0 {
            quiet_since = Instant::now();
        } else if quiet_since.elapsed() > Duration::from_millis(300) {
            return Ok(());
        }
        if start.elapsed() > timeout {
            return Err(format!("{} callbacks still pending", stats.pending()).into());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The server's profiles (all pages), read from the store directly.
fn server_state(store: &Store, db: u64) -> Result<BTreeMap<u64, ProfileState>, BoxError> {
    let mut out = BTreeMap::new();
    let mut start = 0;
    loop {
        let page = store.search_profiles(
            db,
            &[],
            Paging {
                start,
                length: Paging::MAX_LENGTH,
                allproperties: true,
            },
        )?;
        let n = page.items.len();
        for p in page.items {
            out.insert(p.id, p.fields.unwrap_or_default().into_iter().collect());
        }
        start += n;
        if n == 0 || start >= page.total {
            return Ok(out);
        }
    }
}

fn differences(
    expected: &BTreeMap<u64, ProfileState>,
    actual: &BTreeMap<u64, ProfileState>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (id, want) in expected {
        match actual.get(id) {
            None => out.push(format!("profile {id}: missing from the mirror")),
            Some(got) if got != want => {
                out.push(format!("profile {id}: mirror {got:?}, server {want:?}"))
            }
            Some(_) => {}
        }
    }
    for id in actual.keys().filter(|id| !expected.contains_key(id)) {
        out.push(format!("profile {id}: in the mirror, not on the server"));
    }
    out
}
