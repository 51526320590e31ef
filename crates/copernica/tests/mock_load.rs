//! Load on the mock over loopback HTTP: 32 concurrent clients, each making mixed
//! creates, updates and searches, while another task sends malformed and
//! oversized requests. Afterwards every write must be on the server exactly once
//! with the last value its client wrote, and every bad request must have been
//! answered with a SOAP fault (the server kept serving).
//!
//! Default size: 32 x 200 calls (debug builds on a small machine). The full
//! 32 x 2,000 run is `cargo test -p copernica --test mock_load -- --ignored`;
//! `COPERNICA_LOAD_CALLS=N` sets the calls per client of the default test.
#![cfg(feature = "mock-server")]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use copernica::mock::{FieldDef, MockServer, MockServerConfig};

const NS: &str = "https://soap.copernica.com/";
const CLIENTS: usize = 32;
const MAX_BODY: usize = 64 * 1024;

fn envelope(method: &str, params: &str, token: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns=\"{NS}\">\
         <s:Body><ns:{method}><parameters>{params}<access_token>{token}</access_token>\
         </parameters></ns:{method}></s:Body></s:Envelope>"
    )
}

/// One SOAP call; the body of a 200 answer, or a description of what went wrong.
async fn call(client: &reqwest::Client, url: &str, body: String) -> Result<String, String> {
    let resp = client
        .post(url)
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let text = resp.text().await.map_err(|e| e.to_string())?;
    if status == 200 {
        Ok(text)
    } else {
        Err(format!("status {status}: {text}"))
    }
}

fn text_of(xml: &str, name: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let node = doc.descendants().find(|n| n.tag_name().name() == name)?;
    Some(node.text().unwrap_or_default().to_owned())
}

fn pairs(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("<pair><key>{k}</key><value>{v}</value></pair>"))
        .collect()
}

/// What one client wrote: profile id → (email, last score).
type Written = BTreeMap<u64, (String, String)>;

#[derive(Default)]
struct Counts {
    creates: AtomicU64,
    updates: AtomicU64,
    searches: AtomicU64,
}

async fn client_run(
    n: usize,
    calls: usize,
    url: String,
    token: String,
    db: u64,
    counts: Arc<Counts>,
) -> Result<Written, String> {
    let http = reqwest::Client::new();
    let mut written = Written::new();
    let mut ids: Vec<u64> = Vec::new();
    for i in 0..calls {
        match i % 5 {
            // Creates first of every five, so there is something to update.
            0 | 3 => {
                let email = format!("c{n}-{i}@example.com");
                let params = format!(
                    "<id>{db}</id><fields>{}</fields>",
                    pairs(&[("email", &email), ("score", "0")])
                );
                let body = call(
                    &http,
                    &url,
                    envelope("Database_createProfile", &params, &token),
                )
                .await?;
                let id: u64 = text_of(&body, "id")
                    .and_then(|t| t.parse().ok())
                    .ok_or_else(|| format!("no id in {body}"))?;
                if written.insert(id, (email, "0".to_owned())).is_some() {
                    return Err(format!("id {id} handed out twice"));
                }
                ids.push(id);
                counts.creates.fetch_add(1, Ordering::Relaxed);
            }
            1 | 4 => {
                let id = ids[(i * 7919) % ids.len()];
                let score = i.to_string();
                let params = format!(
                    "<id>{id}</id><fields>{}</fields>",
                    pairs(&[("score", &score)])
                );
                call(
                    &http,
                    &url,
                    envelope("Profile_updateFields", &params, &token),
                )
                .await?;
                if let Some(entry) = written.get_mut(&id) {
                    entry.1 = score;
                }
                counts.updates.fetch_add(1, Ordering::Relaxed);
            }
            _ => {
                let params = format!(
                    "<id>{db}</id><requirements><requirement><fieldname>score</fieldname>\
                     <value>{}</value><operator>&gt;=</operator></requirement></requirements>\
                     <start>0</start><length>20</length><allproperties>true</allproperties>",
                    i % 50
                );
                let body = call(
                    &http,
                    &url,
                    envelope("Database_searchProfiles", &params, &token),
                )
                .await?;
                if text_of(&body, "total").is_none() {
                    return Err(format!("search answered without total: {body}"));
                }
                counts.searches.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    Ok(written)
}

/// Bad requests until `stop`; returns how many were answered with a fault.
async fn chaos(url: String, token: String, stop: Arc<AtomicBool>) -> Result<u64, String> {
    // No connection reuse: the server answers an oversized request with 413
    // before reading the body and then drops the connection, which a pooled
    // connection would only notice on its next request.
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .map_err(|e| e.to_string())?;
    let oversized = envelope(
        "Account_databases",
        &"<x>a</x>".repeat(MAX_BODY / 8 + 1),
        &token,
    );
    let cases: [(&str, Vec<u8>, u16); 4] = [
        ("not XML", b"hello".to_vec(), 500),
        (
            "truncated",
            b"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x>"
                .to_vec(),
            500,
        ),
        (
            "unknown operation",
            envelope("Nope_nothing", "", &token).into_bytes(),
            500,
        ),
        ("oversized", oversized.into_bytes(), 413),
    ];
    let mut faults = 0u64;
    while !stop.load(Ordering::SeqCst) {
        for (name, body, want) in &cases {
            let resp = http
                .post(&url)
                .header("Content-Type", "text/xml")
                .body(body.clone())
                .send()
                .await
                .map_err(|e| format!("{name}: {e}"))?;
            let status = resp.status().as_u16();
            let text = resp.text().await.map_err(|e| format!("{name}: {e}"))?;
            if status != *want || text_of(&text, "faultstring").is_none() {
                return Err(format!("{name}: status {status}, body {text}"));
            }
            faults += 1;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(faults)
}

async fn load(calls: usize) {
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        max_request_bytes: MAX_BODY,
        ..MockServerConfig::default()
    })
    .await
    .expect("server starts");
    let store = server.store().clone();
    let token = store.config().access_token;
    let db = store.create_database("load").expect("db").id;
    store
        .create_field(db, FieldDef::new("email", "email"))
        .expect("field");
    store
        .create_field(db, FieldDef::new("score", "integer"))
        .expect("field");

    let counts = Arc::new(Counts::default());
    let stop = Arc::new(AtomicBool::new(false));
    let chaos_task = tokio::spawn(chaos(
        server.url().to_owned(),
        token.clone(),
        Arc::clone(&stop),
    ));
    let started = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|n| {
            tokio::spawn(client_run(
                n,
                calls,
                server.url().to_owned(),
                token.clone(),
                db,
                Arc::clone(&counts),
            ))
        })
        .collect();
    let mut all = Written::new();
    for task in tasks {
        let written = task.await.expect("client task").expect("client calls");
        for (id, value) in written {
            assert!(
                all.insert(id, value).is_none(),
                "id {id} written by two clients"
            );
        }
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    let faults = chaos_task
        .await
        .expect("chaos task")
        .expect("bad requests faulted");

    // Nothing lost, nothing duplicated: the server holds exactly the created
    // profiles, each with the last score its client wrote.
    let creates = counts.creates.load(Ordering::SeqCst);
    assert_eq!(u64::try_from(all.len()).expect("len"), creates);
    assert_eq!(store.count_profiles(db).expect("count"), creates);
    for (id, (email, score)) in &all {
        let p = store.profile(*id).expect("profile exists");
        let fields: BTreeMap<String, String> = p.fields.unwrap_or_default().into_iter().collect();
        assert_eq!(fields.get("email"), Some(email), "profile {id}");
        assert_eq!(fields.get("score"), Some(score), "profile {id}");
    }
    let emails: BTreeSet<&String> = all.values().map(|(e, _)| e).collect();
    assert_eq!(emails.len(), all.len(), "an email was stored twice");
    assert!(faults >= 4, "the bad requests did not run");

    let total = CLIENTS * calls;
    let per_sec = total as f64 / elapsed.as_secs_f64();
    eprintln!(
        "mock load: {CLIENTS} clients x {calls} calls = {total} calls ({creates} creates, {} updates, \
         {} searches) in {elapsed:.2?}: {per_sec:.0} calls/s; {faults} bad requests faulted",
        counts.updates.load(Ordering::SeqCst),
        counts.searches.load(Ordering::SeqCst),
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_lose_and_duplicate_nothing_and_bad_requests_fault() {
    let calls = std::env::var("COPERNICA_LOAD_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    load(calls).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "full size (32 x 2,000 calls): slow in debug builds"]
async fn full_size_load() {
    load(2000).await;
}
