//! HTTP adapter on hyper 1 (feature `server`): serves a [`RawService`] on a
//! `TcpListener`, plus the WSDL document at `?wsdl` / `?SOAPAPI=WSDL` when configured.

use std::convert::Infallible;
use std::future::Future;
use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

use super::{fault_response, version_from_content_type, RawRequest, RawResponse, RawService};
use crate::soap::{Fault, SoapVersion};

/// Settings of the HTTP adapter.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The WSDL served for `GET ...?wsdl` and `GET ...?SOAPAPI=WSDL`.
    pub wsdl: Option<Arc<Vec<u8>>>,
    /// Largest request body read; larger ones get a 413 fault without being read.
    pub max_request_bytes: usize,
    /// Time allowed for a client to send the request headers (slow-client bound).
    pub header_read_timeout: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            wsdl: None,
            max_request_bytes: super::DEFAULT_MAX_REQUEST_BYTES,
            header_read_timeout: Duration::from_secs(30),
        }
    }
}

type Body = Full<Cursor<Vec<u8>>>;

/// Serve `service` on `listener` until the listener fails.
pub async fn serve(
    listener: TcpListener,
    service: Arc<dyn RawService>,
    config: ServeConfig,
) -> std::io::Result<()> {
    serve_with_shutdown(listener, service, config, std::future::pending()).await
}

/// Serve `service` on `listener` until `shutdown` completes (connections already
/// accepted finish on their own tasks).
pub async fn serve_with_shutdown(
    listener: TcpListener,
    service: Arc<dyn RawService>,
    config: ServeConfig,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let config = Arc::new(config);
    tokio::pin!(shutdown);
    loop {
        let (stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Per-connection failures (e.g. the peer reset before accept) must not end
                // the server.
                Err(e) if is_transient(&e) => continue,
                Err(e) => return Err(e),
            },
            () = &mut shutdown => return Ok(()),
        };
        let service = Arc::clone(&service);
        let config = Arc::clone(&config);
        let header_read_timeout = config.header_read_timeout;
        tokio::spawn(async move {
            let handler = service_fn(move |req: Request<Incoming>| {
                let service = Arc::clone(&service);
                let config = Arc::clone(&config);
                async move { Ok::<_, Infallible>(handle(req, service, &config).await) }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout);
            // Connection errors (client gone, bad HTTP) concern that client only.
            let _ = builder
                .serve_connection(TokioIo::new(stream), handler)
                .await;
        });
    }
}

fn is_transient(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::Interrupted
    )
}

fn is_wsdl_query(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&').any(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            k.eq_ignore_ascii_case("wsdl")
                || (k.eq_ignore_ascii_case("SOAPAPI") && v.eq_ignore_ascii_case("WSDL"))
        })
    })
}

fn response(status: u16, content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut resp = Response::new(Full::new(Cursor::new(body)));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(CONTENT_TYPE, value);
    }
    resp
}

fn raw(resp: RawResponse) -> Response<Body> {
    let mut out = response(resp.status, &resp.content_type, resp.body);
    for (name, value) in resp.headers {
        // A header the service got wrong is dropped rather than failing the answer.
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            out.headers_mut().append(name, value);
        }
    }
    out
}

async fn handle(
    req: Request<Incoming>,
    service: Arc<dyn RawService>,
    config: &ServeConfig,
) -> Response<Body> {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    let content_type = header("content-type");
    let soap_action = header("soapaction");
    let version = version_from_content_type(content_type.as_deref()).unwrap_or(SoapVersion::Soap11);
    match *req.method() {
        Method::GET => {
            return match (&config.wsdl, is_wsdl_query(req.uri().query())) {
                (Some(wsdl), true) => {
                    response(200, "text/xml; charset=utf-8", wsdl.as_ref().clone())
                }
                _ => response(404, "text/plain; charset=utf-8", b"not found".to_vec()),
            };
        }
        Method::POST => {}
        _ => {
            return response(
                405,
                "text/plain; charset=utf-8",
                b"method not allowed".to_vec(),
            )
        }
    }
    let too_large = || {
        let mut resp = fault_response(&Fault::sender(
            version,
            format!("request larger than {} bytes", config.max_request_bytes),
        ));
        resp.status = 413;
        raw(resp)
    };
    let declared = header(CONTENT_LENGTH.as_str()).and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > config.max_request_bytes as u64) {
        return too_large();
    }
    let body = match Limited::new(req.into_body(), config.max_request_bytes)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(e) => {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                return too_large();
            }
            // The client went away or sent broken chunking: answer anyway, it may listen.
            return raw(fault_response(&Fault::sender(
                version,
                "could not read the request body",
            )));
        }
    };
    let resp = service
        .call(RawRequest {
            content_type,
            soap_action,
            headers,
            body,
        })
        .await;
    raw(resp)
}
