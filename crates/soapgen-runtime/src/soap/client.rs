//! The client core that generated clients call: build the envelope, send it, classify
//! the answer (fault / HTTP error / broken body / success).

use super::error::{snippet, Error};
use super::names::{Namespaces, QName};
use super::read::{parse_envelope, slice, Envelope, EnvelopeLayout};
use super::write::{write_envelope_with, EnvelopeOptions, OutHeader};
use super::SoapVersion;
use crate::transport::{HttpRequest, HttpResponse, Transport};

/// WSDL binding style of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The body holds the message parts' elements.
    Document,
    /// The body holds one wrapper element named after the operation.
    Rpc,
}

/// WSDL `use` of an operation's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Schema-described XML.
    Literal,
    /// SOAP section 5 encoding (`xsi:type`, arrays, multi-refs).
    Encoded,
}

/// What the client core needs to know about an operation; generated as a `const` per
/// operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationMeta {
    /// Operation name (for logs and errors).
    pub name: &'static str,
    /// `soapAction` from the binding (`None`/empty: send `""` on 1.1, nothing on 1.2).
    pub soap_action: Option<&'static str>,
    /// SOAP version of the binding.
    pub version: SoapVersion,
    /// Binding style.
    pub style: Style,
    /// Body use.
    pub body_use: Use,
    /// No output message: a 2xx answer with an empty body is success.
    pub one_way: bool,
    /// `(prefix, uri)` declarations to put on `Envelope` for the body writer.
    pub namespaces: &'static [(&'static str, &'static str)],
}

impl OperationMeta {
    /// Envelope options for this operation.
    pub fn envelope_options(&self) -> EnvelopeOptions {
        EnvelopeOptions {
            version: self.version,
            encoded: self.body_use == Use::Encoded,
            namespaces: self
                .namespaces
                .iter()
                .map(|(p, u)| ((*p).to_owned(), (*u).to_owned()))
                .collect(),
        }
    }
}

/// A successful SOAP response: the bytes and where things are in them.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status (2xx).
    pub status: u16,
    /// HTTP headers.
    pub http_headers: Vec<(String, String)>,
    /// The message bytes.
    pub bytes: Vec<u8>,
    /// The parsed layout (empty body for a one-way answer without envelope).
    pub layout: EnvelopeLayout,
}

impl Response {
    /// Classify an HTTP response for `op`: a fault body is [`Error::Fault`] whatever
    /// the status; a non-2xx status without a fault is [`Error::Http`]; a 2xx answer
    /// must be an envelope ([`Error::NonXmlBody`], [`Error::TruncatedBody`],
    /// [`Error::Decode`] otherwise).
    pub fn from_http(op: &OperationMeta, http: HttpResponse) -> Result<Response, Error> {
        let ok = (200..300).contains(&http.status);
        if ok && op.one_way && http.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Response {
                status: http.status,
                http_headers: http.headers,
                bytes: Vec::new(),
                layout: EnvelopeLayout {
                    version: op.version,
                    header_namespaces: Namespaces::default(),
                    body_namespaces: Namespaces::default(),
                    headers: Vec::new(),
                    body: Vec::new(),
                    body_content: 0..0,
                    fault: None,
                },
            });
        }
        let layout = match parse_envelope(&http.body) {
            Ok(env) => env.layout,
            Err(e @ Error::TruncatedBody { .. }) => return Err(e),
            Err(e) if ok => {
                return Err(match e {
                    Error::NonXmlBody { snippet, .. } => Error::NonXmlBody {
                        status: http.status,
                        snippet,
                    },
                    other => other,
                })
            }
            Err(_) => {
                return Err(Error::Http {
                    status: http.status,
                    snippet: snippet(&http.body, 512),
                })
            }
        };
        let mut layout = layout;
        if let Some(fault) = layout.fault.take() {
            return Err(Error::Fault(Box::new(fault)));
        }
        if !ok {
            return Err(Error::Http {
                status: http.status,
                snippet: snippet(&http.body, 512),
            });
        }
        Ok(Response {
            status: http.status,
            http_headers: http.headers,
            bytes: http.body,
            layout,
        })
    }

    /// The envelope view (clones the small layout).
    pub fn envelope(&self) -> Envelope<'_> {
        Envelope {
            source: &self.bytes,
            layout: self.layout.clone(),
        }
    }

    /// The response element: the first body child that is not a multi-ref target.
    pub fn body_xml(&self) -> Result<&[u8], Error> {
        self.layout
            .first_body()
            .map(|e| slice(&self.bytes, &e.range))
            .ok_or_else(|| Error::Decode {
                position: self.layout.body_content.start,
                path: "/Envelope/Body".to_owned(),
                message: "the response Body is empty".to_owned(),
            })
    }

    /// All body children's XML, in order.
    pub fn body_elements(&self) -> impl Iterator<Item = (&QName, &[u8])> {
        self.layout
            .body
            .iter()
            .map(|e| (&e.name, slice(&self.bytes, &e.range)))
    }

    /// Namespace declarations in scope inside `Body`.
    pub fn body_namespaces(&self) -> &Namespaces {
        &self.layout.body_namespaces
    }

    /// The first header block named `name`.
    pub fn header_xml(&self, name: &QName) -> Option<&[u8]> {
        self.layout
            .headers
            .iter()
            .find(|h| &h.name == name)
            .map(|h| slice(&self.bytes, &h.range))
    }

    /// For rpc/encoded: the response element with all `href` references inlined.
    pub fn body_xml_inlined(&self, limits: super::RefLimits) -> Result<Vec<u8>, Error> {
        let range = self
            .layout
            .first_body()
            .map(|e| e.range.clone())
            .ok_or_else(|| Error::decode(self.layout.body_content.start, "empty Body"))?;
        super::inline_multirefs(&self.envelope(), range, limits)
    }
}

/// Settings shared by the async and blocking clients.
#[derive(Debug, Clone, Default)]
struct ClientParts {
    endpoint: String,
    soap_headers: Vec<Vec<u8>>,
    http_headers: Vec<(String, String)>,
}

impl ClientParts {
    fn request(
        &self,
        op: &OperationMeta,
        write_body: impl FnOnce(&mut Vec<u8>),
        headers: &[&[u8]],
    ) -> HttpRequest {
        let mut out = Vec::with_capacity(1024);
        let mut blocks: Vec<OutHeader<'_>> = self
            .soap_headers
            .iter()
            .map(|h| OutHeader::Raw(h))
            .collect();
        blocks.extend(headers.iter().map(|h| OutHeader::Raw(h)));
        let written: Result<(), std::convert::Infallible> =
            write_envelope_with(&op.envelope_options(), &mut out, &blocks, |o| {
                write_body(o);
                Ok(())
            });
        match written {
            Ok(()) => {}
            Err(never) => match never {},
        }
        let action = op.soap_action.filter(|a| !a.is_empty());
        let mut request = HttpRequest::soap(op.version, self.endpoint.clone(), action, out);
        request.headers.extend(self.http_headers.iter().cloned());
        request
    }
}

/// The generic SOAP client core over a [`Transport`].
///
/// A generated operation is a few lines:
/// ```ignore
/// let resp = self.core.call(&OP_GET_PROFILE, |w| req.write_xml(w), &[]).await?;
/// GetProfileResponse::read_xml(resp.body_xml()?, resp.body_namespaces())
/// ```
#[derive(Debug, Clone)]
pub struct Client<T> {
    transport: T,
    parts: ClientParts,
}

impl<T: Transport> Client<T> {
    /// A client sending to `endpoint` through `transport`.
    pub fn new(transport: T, endpoint: impl Into<String>) -> Client<T> {
        Client {
            transport,
            parts: ClientParts {
                endpoint: endpoint.into(),
                ..ClientParts::default()
            },
        }
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        &self.parts.endpoint
    }

    /// Change the endpoint URL.
    pub fn set_endpoint(&mut self, endpoint: impl Into<String>) {
        self.parts.endpoint = endpoint.into();
    }

    /// A header block sent with every call (e.g. a WS-Security token).
    pub fn add_soap_header(&mut self, xml: Vec<u8>) {
        self.parts.soap_headers.push(xml);
    }

    /// An HTTP header sent with every call.
    pub fn add_http_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.parts.http_headers.push((name.into(), value.into()));
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The request `call` would send (for tests and custom transports).
    pub fn build_request(
        &self,
        op: &OperationMeta,
        write_body: impl FnOnce(&mut Vec<u8>),
        headers: &[&[u8]],
    ) -> HttpRequest {
        self.parts.request(op, write_body, headers)
    }

    /// Call `op`: write the envelope (client-wide header blocks, then `headers`, then the
    /// body from `write_body`), send it, and classify the answer.
    pub async fn call(
        &self,
        op: &OperationMeta,
        write_body: impl FnOnce(&mut Vec<u8>),
        headers: &[&[u8]],
    ) -> Result<Response, Error> {
        let request = self.parts.request(op, write_body, headers);
        let http = self.transport.send(request).await?;
        Response::from_http(op, http)
    }
}

#[cfg(feature = "http")]
impl Client<crate::transport::HttpTransport> {
    /// A client on the default HTTP transport ([`crate::transport::HttpConfig`]
    /// defaults: timeouts, cookie store, gzip, certificate verification).
    pub fn http(endpoint: impl Into<String>) -> Result<Self, Error> {
        Ok(Client::new(
            crate::transport::HttpTransport::new()?,
            endpoint,
        ))
    }
}

/// The blocking twin of [`Client`] (feature `blocking`).
#[cfg(feature = "blocking")]
#[derive(Debug, Clone)]
pub struct BlockingClient<T> {
    transport: T,
    parts: ClientParts,
}

#[cfg(feature = "blocking")]
impl<T: crate::transport::blocking::BlockingTransport> BlockingClient<T> {
    /// A client sending to `endpoint` through `transport`.
    pub fn new(transport: T, endpoint: impl Into<String>) -> BlockingClient<T> {
        BlockingClient {
            transport,
            parts: ClientParts {
                endpoint: endpoint.into(),
                ..ClientParts::default()
            },
        }
    }

    /// A header block sent with every call.
    pub fn add_soap_header(&mut self, xml: Vec<u8>) {
        self.parts.soap_headers.push(xml);
    }

    /// An HTTP header sent with every call.
    pub fn add_http_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.parts.http_headers.push((name.into(), value.into()));
    }

    /// See [`Client::call`].
    pub fn call(
        &self,
        op: &OperationMeta,
        write_body: impl FnOnce(&mut Vec<u8>),
        headers: &[&[u8]],
    ) -> Result<Response, Error> {
        let request = self.parts.request(op, write_body, headers);
        let http = self.transport.send(request)?;
        Response::from_http(op, http)
    }
}
