//! Server side: the transport-independent [`Dispatcher`] used by generated server
//! skeletons, and its HTTP adapter (feature `server`).
//!
//! Layers, outermost first:
//! - [`RawService`]: bytes in, bytes out (what the HTTP adapter serves);
//! - [`Dispatcher`]: a `RawService` that bounds and parses the request, checks
//!   `mustUnderstand` headers, hands a [`SoapRequest`] to a [`SoapHandler`], and encodes
//!   its reply or fault. Malformed requests become `Client`/`Sender` faults, never panics;
//! - [`SoapHandler`]: generated per service; routes on [`SoapRequest::operation`] /
//!   [`SoapRequest::soap_action`].

use crate::soap::{
    parse_envelope, write_envelope_with, write_fault_envelope, EnvelopeLayout, EnvelopeOptions,
    Error, Fault, FaultCode, Namespaces, OutHeader, QName, SoapVersion,
};
use crate::transport::BoxFuture;

#[cfg(feature = "server")]
mod http;
#[cfg(feature = "server")]
pub use http::{serve, serve_with_shutdown, ServeConfig};

/// A request as the HTTP layer hands it over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRequest {
    /// `Content-Type` header.
    pub content_type: Option<String>,
    /// `SOAPAction` header (quotes kept as sent).
    pub soap_action: Option<String>,
    /// All HTTP headers (lower-case names, in order), e.g. for session cookies.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// A response for the HTTP layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` header.
    pub content_type: String,
    /// Further HTTP headers, e.g. `Set-Cookie`.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// Bytes in, bytes out.
pub trait RawService: Send + Sync {
    /// Answer `request`.
    fn call(&self, request: RawRequest) -> BoxFuture<'_, RawResponse>;
}

/// A parsed incoming SOAP request.
#[derive(Debug, Clone)]
pub struct SoapRequest {
    /// The SOAP action: the unquoted `SOAPAction` header (1.1) or the `action`
    /// content-type parameter (1.2).
    pub soap_action: Option<String>,
    /// `Content-Type` header as sent.
    pub content_type: Option<String>,
    /// All HTTP headers (lower-case names), e.g. `cookie`.
    pub http_headers: Vec<(String, String)>,
    /// The message.
    pub bytes: Vec<u8>,
    /// Where things are in it.
    pub layout: EnvelopeLayout,
}

impl SoapRequest {
    /// The envelope version.
    pub fn version(&self) -> SoapVersion {
        self.layout.version
    }

    /// The first body child's name: the operation (rpc) or the request part element
    /// (document) to route on.
    pub fn operation(&self) -> Option<&QName> {
        self.layout.first_body().map(|e| &e.name)
    }

    /// First HTTP header named `name` (case-insensitive).
    pub fn http_header(&self, name: &str) -> Option<&str> {
        self.http_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first body child's XML.
    pub fn body_xml(&self) -> Option<&[u8]> {
        let e = self.layout.first_body()?;
        Some(range_slice(&self.bytes, &e.range))
    }

    /// Namespace declarations in scope inside `Body`.
    pub fn body_namespaces(&self) -> &Namespaces {
        &self.layout.body_namespaces
    }

    /// The first header block named `name`.
    pub fn header_xml(&self, name: &QName) -> Option<&[u8]> {
        let h = self.layout.headers.iter().find(|h| &h.name == name)?;
        Some(range_slice(&self.bytes, &h.range))
    }

    /// The full envelope view.
    pub fn envelope(&self) -> crate::soap::Envelope<'_> {
        crate::soap::Envelope {
            source: &self.bytes,
            layout: self.layout.clone(),
        }
    }
}

fn range_slice<'a>(bytes: &'a [u8], range: &std::ops::Range<usize>) -> &'a [u8] {
    let end = range.end.min(bytes.len());
    &bytes[range.start.min(end)..end]
}

/// A successful reply: body content plus optional header blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    /// The XML to put inside `Body`.
    pub body: Vec<u8>,
    /// Header blocks.
    pub headers: Vec<Vec<u8>>,
    /// `(prefix, uri)` declarations for `Envelope`.
    pub namespaces: Vec<(String, String)>,
    /// Declare `soapenc` (rpc/encoded replies).
    pub encoded: bool,
    /// Further HTTP headers, e.g. `Set-Cookie` for a session login.
    pub http_headers: Vec<(String, String)>,
}

impl Reply {
    /// A reply whose body is written by `write`.
    pub fn write(write: impl FnOnce(&mut Vec<u8>)) -> Reply {
        let mut body = Vec::new();
        write(&mut body);
        Reply {
            body,
            ..Reply::default()
        }
    }
}

/// What a generated server skeleton implements.
pub trait SoapHandler: Send + Sync {
    /// Handle one request. A returned [`Fault`] is sent as a fault envelope (its
    /// version is set to the request's).
    fn handle<'a>(&'a self, request: &'a SoapRequest) -> BoxFuture<'a, Result<Reply, Fault>>;

    /// Header blocks this service processes; any other `mustUnderstand` block is
    /// answered with a `MustUnderstand` fault before `handle` is called.
    fn understood_headers(&self) -> Vec<QName> {
        Vec::new()
    }
}

/// Parses, bounds and dispatches requests to a [`SoapHandler`]; a [`RawService`].
#[derive(Debug)]
pub struct Dispatcher<H> {
    handler: H,
    max_request_bytes: usize,
}

/// Default request size bound: 16 MiB.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

impl<H: SoapHandler> Dispatcher<H> {
    /// A dispatcher with the default size bound.
    pub fn new(handler: H) -> Dispatcher<H> {
        Dispatcher {
            handler,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
        }
    }

    /// Refuse requests larger than `limit` bytes.
    pub fn max_request_bytes(mut self, limit: usize) -> Dispatcher<H> {
        self.max_request_bytes = limit;
        self
    }

    /// The handler.
    pub fn handler(&self) -> &H {
        &self.handler
    }

    /// Answer one request.
    pub async fn dispatch(&self, request: RawRequest) -> RawResponse {
        // Until the envelope is read, the content type is the best guess of the version.
        let guess = version_from_content_type(request.content_type.as_deref())
            .unwrap_or(SoapVersion::Soap11);
        if request.body.len() > self.max_request_bytes {
            let mut fault = Fault::sender(
                guess,
                format!("request larger than {} bytes", self.max_request_bytes),
            );
            fault.version = guess;
            let mut resp = fault_response(&fault);
            resp.status = 413;
            return resp;
        }
        let layout = match parse_envelope(&request.body) {
            Ok(env) => env.layout,
            Err(e) => {
                let reason = match e {
                    Error::TruncatedBody { position } => {
                        format!("malformed request: XML ends early at byte {position}")
                    }
                    other => format!("malformed request: {other}"),
                };
                return fault_response(&Fault::sender(guess, reason));
            }
        };
        let version = layout.version;
        if layout.fault.is_some() {
            return fault_response(&Fault::sender(version, "a Fault is not a request"));
        }
        let understood = self.handler.understood_headers();
        if let Some(h) = layout.not_understood(&understood).first() {
            let fault = Fault::new(
                version,
                FaultCode::MustUnderstand,
                format!("header block {} not understood", h.name),
            );
            return fault_response(&fault);
        }
        if layout.first_body().is_none() {
            return fault_response(&Fault::sender(version, "the request Body is empty"));
        }
        let soap_action = match version {
            SoapVersion::Soap11 => request
                .soap_action
                .as_deref()
                .map(|a| a.trim().trim_matches('"').to_owned()),
            SoapVersion::Soap12 => request
                .content_type
                .as_deref()
                .and_then(action_from_content_type),
        };
        let soap_request = SoapRequest {
            soap_action,
            content_type: request.content_type,
            http_headers: request.headers,
            bytes: request.body,
            layout,
        };
        match self.handler.handle(&soap_request).await {
            Ok(reply) => reply_response(version, &reply),
            Err(mut fault) => {
                fault.version = version;
                fault_response(&fault)
            }
        }
    }
}

impl<H: SoapHandler> RawService for Dispatcher<H> {
    fn call(&self, request: RawRequest) -> BoxFuture<'_, RawResponse> {
        Box::pin(self.dispatch(request))
    }
}

/// The fault envelope as a response, with the status [`Fault::http_status`] gives.
pub fn fault_response(fault: &Fault) -> RawResponse {
    let mut body = Vec::with_capacity(512);
    write_fault_envelope(fault, &mut body);
    RawResponse {
        status: fault.http_status(),
        content_type: fault.version.content_type(None),
        headers: Vec::new(),
        body,
    }
}

/// A 200 response envelope around `reply`.
pub fn reply_response(version: SoapVersion, reply: &Reply) -> RawResponse {
    let options = EnvelopeOptions {
        version,
        encoded: reply.encoded,
        namespaces: reply.namespaces.clone(),
    };
    let headers: Vec<OutHeader<'_>> = reply.headers.iter().map(|h| OutHeader::Raw(h)).collect();
    let mut body = Vec::with_capacity(reply.body.len() + 256);
    let written: Result<(), std::convert::Infallible> =
        write_envelope_with(&options, &mut body, &headers, |o| {
            o.extend_from_slice(&reply.body);
            Ok(())
        });
    if let Err(never) = written {
        match never {}
    }
    RawResponse {
        status: 200,
        content_type: version.content_type(None),
        headers: reply.http_headers.clone(),
        body,
    }
}

/// SOAP version implied by a media type: `application/soap+xml` is 1.2, `text/xml` 1.1.
pub fn version_from_content_type(content_type: Option<&str>) -> Option<SoapVersion> {
    let media = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    match media.as_str() {
        "application/soap+xml" => Some(SoapVersion::Soap12),
        "text/xml" => Some(SoapVersion::Soap11),
        _ => None,
    }
}

/// The `action` parameter of a SOAP 1.2 content type.
pub fn action_from_content_type(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("action") {
            Some(v.trim().trim_matches('"').to_owned())
        } else {
            None
        }
    })
}
