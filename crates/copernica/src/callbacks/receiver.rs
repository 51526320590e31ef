//! An axum receiver: verify → decode → your handler → response.
//!
//! | outcome | status |
//! |---|---|
//! | handler succeeded | 200 |
//! | body larger than the limit | 413 |
//! | verification failed (bad signature, digest, date, host, account...) | 401, handler not called |
//! | key lookup failed transiently (DNS) | 503, handler not called |
//! | verified body does not decode | 400, handler not called |
//! | handler failed | 500 (so that Copernica may retry) |
//!
//! The response body is the reason code in plain text (e.g.
//! `signature_invalid`); it names the failed check, never secrets.
//!
//! Delivery is at least once: a 5xx, a timeout or a lost 200 may bring the
//! same callback again, so handlers must be idempotent.
//!
//! The `(request-target)` is taken from the request URI as it reaches this
//! router. Do not mount the router under [`Router::nest`] (which strips the
//! prefix), and behind a proxy that rewrites the path or Host, configure the
//! public values instead.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use http_body_util::{BodyExt as _, LengthLimitError, Limited};

use super::clock::{Clock, SystemClock};
use super::decode::{decode, DecodeError};
use super::event::{CallbackEvent, Format, ObjectKind};
use super::keys::KeyResolver;
use super::request::CallbackRequest;
use super::verify::{Verified, Verifier, VerifyError};

/// Default body limit: 1 MiB, far above any (sub)profile document.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// One verified, decoded callback as handed to the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The decoded event.
    pub event: CallbackEvent,
    /// What verification established (keyId, Date, X-Nonce, account).
    pub verified: Verified,
    /// The body format that was decoded.
    pub format: Format,
    /// The request target (path and query) it arrived at.
    pub target: String,
}

/// Your code: called once per verified callback.
///
/// Implemented for every `Fn(Delivery) -> impl Future<Output = Result<(), E>>`.
pub trait CallbackHandler: Send + Sync + 'static {
    /// The handler's error; its text is not sent back to the caller.
    type Error: fmt::Display + Send;

    /// Processes one delivery. `Ok` → 200, `Err` → 500.
    fn handle(&self, delivery: Delivery) -> impl Future<Output = Result<(), Self::Error>> + Send;
}

impl<F, Fut, E> CallbackHandler for F
where
    F: Fn(Delivery) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send,
    E: fmt::Display + Send,
{
    type Error = E;

    fn handle(&self, delivery: Delivery) -> impl Future<Output = Result<(), E>> + Send {
        self(delivery)
    }
}

/// What a route receives: profile or subprofile callbacks, and optionally a
/// fixed body format (otherwise taken from Content-Type / the body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Profile (database callback) or subprofile (collection callback).
    pub kind: ObjectKind,
    /// The callback's configured `method`, if known.
    pub format: Option<Format>,
}

impl Endpoint {
    /// An endpoint for `kind` with the format detected per request.
    pub fn new(kind: ObjectKind) -> Self {
        Endpoint { kind, format: None }
    }

    /// Fixes the body format.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }
}

impl From<ObjectKind> for Endpoint {
    fn from(kind: ObjectKind) -> Self {
        Endpoint::new(kind)
    }
}

struct Shared<R, H> {
    verifier: Verifier<R>,
    handler: H,
    clock: Arc<dyn Clock>,
    body_limit: usize,
}

/// Builds an axum [`Router`] that receives Copernica callbacks.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use copernica::callbacks::receiver::{Delivery, Receiver};
/// use copernica::callbacks::{ObjectKind, StaticKeyResolver, Verifier, VerifierConfig};
///
/// let verifier = Verifier::new(
///     VerifierConfig::new("hooks.example.com", "account_12345"),
///     StaticKeyResolver::new(), // DnsKeyResolver (feature `dns`) in production
/// );
/// let router: axum::Router = Receiver::new(verifier, |d: Delivery| async move {
///     // Must be idempotent: the same callback may arrive twice.
///     println!("{} {} {}", d.event.kind, d.event.action, d.event.id);
///     Ok::<(), std::io::Error>(())
/// })
/// .route("/copernica/profiles", ObjectKind::Profile)
/// .route("/copernica/orders", ObjectKind::Subprofile)
/// .into_router();
/// # }
/// ```
pub struct Receiver<R, H> {
    shared: Shared<R, H>,
    routes: Vec<(String, Endpoint)>,
}

impl<R, H> fmt::Debug for Receiver<R, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("routes", &self.routes)
            .field("body_limit", &self.shared.body_limit)
            .finish_non_exhaustive()
    }
}

impl<R, H> Receiver<R, H>
where
    R: KeyResolver + 'static,
    H: CallbackHandler,
{
    /// A receiver verifying with `verifier` and dispatching to `handler`,
    /// on the system clock with a [`DEFAULT_BODY_LIMIT`].
    pub fn new(verifier: Verifier<R>, handler: H) -> Self {
        Receiver {
            shared: Shared {
                verifier,
                handler,
                clock: Arc::new(SystemClock),
                body_limit: DEFAULT_BODY_LIMIT,
            },
            routes: Vec::new(),
        }
    }

    /// Uses `clock` for the Date window (tests use a [`FixedClock`](super::FixedClock)).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.shared.clock = Arc::new(clock);
        self
    }

    /// Largest accepted body in bytes; larger requests get 413.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.shared.body_limit = bytes;
        self
    }

    /// Receives callbacks for `endpoint` with POST at `path`.
    pub fn route(mut self, path: impl Into<String>, endpoint: impl Into<Endpoint>) -> Self {
        self.routes.push((path.into(), endpoint.into()));
        self
    }

    /// The router. Serve it with `axum::serve` (axum feature `tokio`) or
    /// merge it into your application's router.
    pub fn into_router(self) -> Router {
        let shared = Arc::new(self.shared);
        let mut router = Router::new();
        for (path, endpoint) in self.routes {
            let shared = Arc::clone(&shared);
            router = router.route(
                &path,
                post(move |request: Request| {
                    let shared = Arc::clone(&shared);
                    async move { receive(&shared, endpoint, request).await }
                }),
            );
        }
        router
    }
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, body).into_response()
}

async fn receive<R: KeyResolver, H: CallbackHandler>(
    shared: &Shared<R, H>,
    endpoint: Endpoint,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();

    // Refuse early on a declared oversize body; `Limited` catches chunked
    // bodies that grow past the limit while being read.
    let declared = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > shared.body_limit as u64) {
        return text(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    }
    let bytes = match Limited::new(body, shared.body_limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return text(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
        }
        Err(_) => return text(StatusCode::BAD_REQUEST, "body_unreadable"),
    };

    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let mut incoming = CallbackRequest::new(parts.method.as_str(), target.clone());
    for (name, value) in &parts.headers {
        // Non-UTF-8 header bytes cannot have been signed by Copernica's
        // UTF-8 signing string anyway; lossy text keeps the request
        // verifiable-or-rejected without a panic.
        incoming.push_header(name.as_str(), String::from_utf8_lossy(value.as_bytes()));
    }
    // HTTP/2 carries the host in :authority, which `http` keeps in the URI.
    if incoming.header_value("host").is_none() {
        if let Some(authority) = parts.uri.authority() {
            incoming.push_header("host", authority.as_str());
        }
    }
    let incoming = incoming.body(bytes.to_vec());

    let verified = match shared.verifier.verify(&incoming, shared.clock.now()).await {
        Ok(v) => v,
        Err(e) => return reject(&e),
    };

    let format = endpoint.format.or_else(|| {
        Format::detect(
            incoming.header_value("content-type").as_deref(),
            incoming.body_bytes(),
        )
    });
    let Some(format) = format else {
        return text(StatusCode::BAD_REQUEST, "unknown_format");
    };
    let event = match decode(incoming.body_bytes(), format, endpoint.kind) {
        Ok(event) => event,
        Err(e) => return text(StatusCode::BAD_REQUEST, decode_reason(&e)),
    };

    let delivery = Delivery {
        event,
        verified,
        format,
        target,
    };
    match shared.handler.handle(delivery).await {
        Ok(()) => text(StatusCode::OK, "ok"),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "handler_failed"),
    }
}

fn reject(error: &VerifyError) -> Response {
    let status = if error.is_transient() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::UNAUTHORIZED
    };
    text(status, error.reason())
}

fn decode_reason(error: &DecodeError) -> &'static str {
    match error {
        DecodeError::UnknownAction(_) => "unknown_action",
        DecodeError::MissingMember(_) => "missing_member",
        DecodeError::UnknownFormat => "unknown_format",
        _ => "malformed_body",
    }
}
