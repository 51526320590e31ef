//! Transports: the [`Transport`] trait the SOAP client core sends through, and the
//! default HTTP implementation on reqwest (feature `http`).

use std::future::Future;
use std::pin::Pin;

use crate::soap::{Error, SoapVersion};

#[cfg(feature = "http")]
mod http;
#[cfg(feature = "http")]
pub use http::{HttpConfig, HttpTransport};

#[cfg(feature = "blocking")]
pub mod blocking;

/// A boxed, sendable future: what trait-object-safe async methods return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One SOAP-over-HTTP request.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Endpoint URL.
    pub url: String,
    /// The SOAP action (already carried in `headers`/`content_type`; kept for logging).
    pub soap_action: Option<String>,
    /// `Content-Type` header value.
    pub content_type: String,
    /// Further headers (e.g. `SOAPAction`), in order.
    pub headers: Vec<(String, String)>,
    /// The envelope.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A request with the content type and action header `version` requires:
    /// SOAP 1.1 `text/xml` + quoted `SOAPAction`; SOAP 1.2 `application/soap+xml;
    /// action="..."`.
    pub fn soap(
        version: SoapVersion,
        url: impl Into<String>,
        soap_action: Option<&str>,
        body: Vec<u8>,
    ) -> HttpRequest {
        let mut headers = Vec::new();
        if let Some(value) = version.soap_action_header(soap_action) {
            headers.push(("SOAPAction".to_owned(), value));
        }
        HttpRequest {
            url: url.into(),
            soap_action: soap_action.map(str::to_owned),
            content_type: version.content_type(soap_action),
            headers,
            body,
        }
    }
}

/// The URL may carry credentials (userinfo, tokens in the query): Debug shows only its
/// scheme and host part.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("url", &redact_url(&self.url))
            .field("soap_action", &self.soap_action)
            .field("content_type", &self.content_type)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// `scheme://host[:port]/path` without userinfo and query.
pub(crate) fn redact_url(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some(parts) => parts,
        None => return "<url>".to_owned(),
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let rest = match rest.split_once('/') {
        Some((authority, path)) => {
            let host = authority.rsplit('@').next().unwrap_or(authority);
            format!("{host}/{path}")
        }
        None => rest.rsplit('@').next().unwrap_or(rest).to_owned(),
    };
    format!("{scheme}://{rest}")
}

/// One HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers (lower-case names), in order.
    pub headers: Vec<(String, String)>,
    /// Body (decompressed).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// First header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends a request and returns the response, whatever its status.
///
/// Implementations map failures onto [`Error::Connect`] (request never sent),
/// [`Error::Timeout`], [`Error::TruncatedBody`] (connection closed mid-body) and
/// [`Error::Transport`]; they must not retry a request that may have reached the server.
pub trait Transport: Send + Sync {
    /// Send `request`.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>>;
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        (**self).send(request)
    }
}
