//! Firing callbacks: a background task that turns the store's [`ChangeEvent`]s into
//! signed HTTP POSTs to every matching callback (CALLBACKS.md §7).
//!
//! * Which callbacks: [`Store::callbacks_for`] (owner, action filter, `api_disabled`),
//!   then the callback's `expression` (see [`super::expression`]).
//! * Body: JSON or XML by the callback's `method` ([`super::payload`]).
//! * Headers: Host, Date, Content-Type, Content-Length, X-Copernica-ID, Digest,
//!   X-Nonce and Signature from [`Signer::sign`]; each attempt is signed afresh
//!   (new Date, new nonce) so that a retry passes a receiver's Date window.
//! * Delivery is at least once: anything but a 2xx (or no answer within the timeout)
//!   is retried with exponential backoff ([`RetryPolicy`]) until
//!   [`RetryPolicy::max_attempts`]; deliveries to one callback are strictly in
//!   event order (one worker per callback), different callbacks run concurrently.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use sha2::{Digest as _, Sha256};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::entities::Callback;
use super::events::ChangeEvent;
use super::expression;
use super::payload::{payload, PayloadFormat};
use super::store::Store;
use crate::callbacks::sign::{OutgoingCallback, Signer};
use crate::callbacks::{PublicKey, StaticKeyResolver};

/// keyId of the mock's built-in test key (the one the callback vectors use).
pub const TEST_KEY_ID: &str = "vectors-test._domainkey.copernica.com";

/// The built-in test private key (PKCS#8 PEM). For tests only: it is public.
pub const TEST_PRIVATE_KEY_PEM: &str =
    include_str!("../../../../fixtures/copernica/callback-vectors/test-signing-key.pem");

/// A signer with the built-in test key under [`TEST_KEY_ID`].
pub fn test_signer() -> Signer {
    match Signer::from_pkcs8_pem(TEST_PRIVATE_KEY_PEM, TEST_KEY_ID) {
        Ok(signer) => signer,
        // The key is compiled in and covered by tests; failing here is a build defect.
        Err(e) => panic!("built-in test signing key is unreadable: {e}"),
    }
}

/// When and how often a failed delivery is tried again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failure; doubled after each further one.
    pub initial_delay: Duration,
    /// Upper bound of the wait.
    pub max_delay: Duration,
    /// Attempts in total (first try included) before the delivery is given up.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    /// 0.5 s doubling up to 60 s, 12 attempts (about 6 minutes in all).
    fn default() -> Self {
        RetryPolicy {
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
            max_attempts: 12,
        }
    }
}

impl RetryPolicy {
    /// Quick retries for tests: 10 ms doubling up to 200 ms, 50 attempts.
    pub fn fast() -> Self {
        RetryPolicy {
            initial_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(200),
            max_attempts: 50,
        }
    }

    /// The wait after `failures` failed attempts (1 = after the first).
    pub fn delay(&self, failures: u32) -> Duration {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1).min(31));
        self.initial_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }
}

/// Settings of the callback sender.
#[derive(Clone, Debug)]
pub struct FireConfig {
    /// Signs every request.
    pub signer: Signer,
    /// `X-Copernica-ID` value.
    pub copernica_id: String,
    /// Retry schedule.
    pub retry: RetryPolicy,
    /// Time allowed for one attempt (connect + answer).
    pub timeout: Duration,
}

impl Default for FireConfig {
    fn default() -> Self {
        FireConfig {
            signer: test_signer(),
            copernica_id: "account_1".to_owned(),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(10),
        }
    }
}

impl FireConfig {
    /// A resolver that knows the signer's public key under its keyId, for receivers
    /// verifying the mock's callbacks.
    pub fn key_resolver(&self) -> StaticKeyResolver {
        let mut resolver = StaticKeyResolver::new();
        if let Ok(key) = self.signer.public_key() {
            resolver.insert(self.signer.key_id(), key);
        }
        resolver
    }

    /// The signer's public key.
    pub fn public_key(&self) -> Option<PublicKey> {
        self.signer.public_key().ok()
    }
}

/// Counters of the sender, for tests and logs.
#[derive(Debug, Default)]
pub struct FireStats {
    /// Deliveries queued (one per event and matching callback).
    pub queued: AtomicU64,
    /// Deliveries answered with a 2xx.
    pub delivered: AtomicU64,
    /// Attempts that failed (non-2xx, timeout, connection error).
    pub failed_attempts: AtomicU64,
    /// Deliveries given up after `max_attempts` or on an unusable URL.
    pub given_up: AtomicU64,
    /// Events skipped because the callback's expression was false.
    pub filtered: AtomicU64,
}

impl FireStats {
    /// Deliveries neither delivered nor given up yet.
    pub fn pending(&self) -> u64 {
        let done = self.delivered.load(Ordering::SeqCst) + self.given_up.load(Ordering::SeqCst);
        self.queued.load(Ordering::SeqCst).saturating_sub(done)
    }
}

/// The running sender; stops when [`CallbackFirer::shutdown`] is called or it is
/// dropped (queued deliveries are then abandoned).
#[derive(Debug)]
pub struct CallbackFirer {
    stats: Arc<FireStats>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

struct Job {
    callback: Callback,
    event: ChangeEvent,
}

impl CallbackFirer {
    /// Subscribes to `store` and starts sending. Must be called inside a Tokio runtime.
    pub fn start(store: &Store, config: FireConfig) -> CallbackFirer {
        let events = store.subscribe();
        let (tx, rx) = mpsc::unbounded_channel();
        // The store publishes on a std channel (it is runtime-agnostic); a plain
        // thread bridges it into the async world and ends when the firer is gone.
        std::thread::Builder::new()
            .name("copernica-mock-events".to_owned())
            .spawn(move || loop {
                match events.recv_timeout(Duration::from_millis(50)) {
                    Ok(event) => {
                        if tx.send(event).is_err() {
                            break;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) if tx.is_closed() => break,
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            })
            .ok();
        let stats = Arc::new(FireStats::default());
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(route(
            store.clone(),
            Arc::new(config),
            Arc::clone(&stats),
            rx,
            stopped,
        ));
        CallbackFirer {
            stats,
            stop,
            task: Some(task),
        }
    }

    /// The counters.
    pub fn stats(&self) -> &Arc<FireStats> {
        &self.stats
    }

    /// Stops sending and waits for the task to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for CallbackFirer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Fans events out to one worker per callback id (order per callback).
async fn route(
    store: Store,
    config: Arc<FireConfig>,
    stats: Arc<FireStats>,
    mut events: mpsc::UnboundedReceiver<ChangeEvent>,
    mut stopped: watch::Receiver<bool>,
) {
    let client = match reqwest::Client::builder()
        .timeout(config.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("copernica-mock: cannot build the callback HTTP client: {e}");
            return;
        }
    };
    let mut workers: BTreeMap<u64, mpsc::UnboundedSender<Job>> = BTreeMap::new();
    // Dropping the set (on stop) aborts the workers.
    let mut tasks = JoinSet::new();
    loop {
        let event = tokio::select! {
            event = events.recv() => match event {
                Some(event) => event,
                None => break,
            },
            _ = stopped.changed() => break,
        };
        for callback in store.callbacks_for(&event) {
            if !expression::fires(callback.expression.as_deref(), &event) {
                stats.filtered.fetch_add(1, Ordering::SeqCst);
                continue;
            }
            stats.queued.fetch_add(1, Ordering::SeqCst);
            let worker = workers.entry(callback.id).or_insert_with(|| {
                let (tx, rx) = mpsc::unbounded_channel();
                tasks.spawn(work(
                    client.clone(),
                    Arc::clone(&config),
                    Arc::clone(&stats),
                    rx,
                ));
                tx
            });
            let job = Job {
                callback,
                event: event.clone(),
            };
            // A worker only ends when its sender is dropped, so this cannot fail.
            let _ = worker.send(job);
        }
    }
}

async fn work(
    client: reqwest::Client,
    config: Arc<FireConfig>,
    stats: Arc<FireStats>,
    mut jobs: mpsc::UnboundedReceiver<Job>,
) {
    while let Some(job) = jobs.recv().await {
        deliver(&client, &config, &stats, &job).await;
    }
}

/// One delivery with its retries.
async fn deliver(client: &reqwest::Client, config: &FireConfig, stats: &FireStats, job: &Job) {
    let format = PayloadFormat::from_method(&job.callback.method);
    let body = payload(&job.event, format);
    let mut failures = 0u32;
    loop {
        match attempt(client, config, &job.callback.url, format, &body).await {
            Ok(()) => {
                stats.delivered.fetch_add(1, Ordering::SeqCst);
                return;
            }
            Err(Failure::Permanent(reason)) => {
                eprintln!(
                    "copernica-mock: callback {} ({}) given up: {reason}",
                    job.callback.id, job.callback.url
                );
                stats.given_up.fetch_add(1, Ordering::SeqCst);
                return;
            }
            Err(Failure::Retry(reason)) => {
                stats.failed_attempts.fetch_add(1, Ordering::SeqCst);
                failures += 1;
                if failures >= config.retry.max_attempts {
                    eprintln!(
                        "copernica-mock: callback {} ({}) given up after {failures} attempts, \
                         last: {reason}",
                        job.callback.id, job.callback.url
                    );
                    stats.given_up.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                tokio::time::sleep(config.retry.delay(failures)).await;
            }
        }
    }
}

enum Failure {
    /// Trying again cannot help (bad URL, signing failure).
    Permanent(String),
    /// The receiver failed or was unreachable.
    Retry(String),
}

async fn attempt(
    client: &reqwest::Client,
    config: &FireConfig,
    url: &str,
    format: PayloadFormat,
    body: &[u8],
) -> Result<(), Failure> {
    let url = reqwest::Url::parse(url).map_err(|e| Failure::Permanent(format!("bad URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Failure::Permanent(format!(
            "unsupported scheme {}",
            url.scheme()
        )));
    }
    let host = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        (None, _) => return Err(Failure::Permanent("URL without host".to_owned())),
    };
    let target = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    let outgoing = OutgoingCallback {
        method: "POST".to_owned(),
        target,
        host,
        content_type: format.content_type().to_owned(),
        copernica_id: config.copernica_id.clone(),
        nonce: nonce(),
        date: SystemTime::now(),
        body: body.to_vec(),
    };
    let headers = config
        .signer
        .sign(&outgoing)
        .map_err(|e| Failure::Permanent(format!("signing failed: {e}")))?;
    let mut request = client.post(url);
    for (name, value) in &headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let response = request
        .body(outgoing.body)
        .send()
        .await
        .map_err(|e| Failure::Retry(e.to_string()))?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(Failure::Retry(format!("status {}", response.status())))
    }
}

/// A fresh 16-hex-digit token: unique per process run (counter) and across runs
/// (clock), hashed so that it reveals neither.
fn nonce() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let digest = Sha256::digest(format!("{n}:{t}:{}", std::process::id()).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let p = RetryPolicy {
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_attempts: 5,
        };
        let delays: Vec<u128> = (1..=6).map(|f| p.delay(f).as_millis()).collect();
        assert_eq!(delays, vec![100, 200, 400, 800, 1000, 1000]);
        assert_eq!(p.delay(1000), Duration::from_secs(1));
    }

    #[test]
    fn nonces_differ() {
        let (a, b) = (nonce(), nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn test_key_publishes_its_public_key() {
        let config = FireConfig::default();
        assert!(config.public_key().is_some());
        assert!(config
            .signer
            .dkim_record()
            .is_ok_and(|r| r.starts_with("v=DKIM1;k=rsa;p=")));
    }
}
