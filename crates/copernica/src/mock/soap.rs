//! The SOAP face of the mock: a [`SoapHandler`] that turns rpc/literal requests of
//! `copernica-rpc.wsdl` (or the byte-identical document/literal wrapped form of
//! `copernica.wsdl`) into [`Store::call_in`] calls and writes the `Result` back.
//!
//! Wire format (OBJECT_MODEL.md §3):
//!
//! ```xml
//! <ns:Database_searchProfiles><parameters>…</parameters></ns:Database_searchProfiles>
//! <ns:Database_searchProfilesResponse><result>…</result></ns:Database_searchProfilesResponse>
//! ```
//!
//! * Routing: the body element's local name, case-insensitively as PHP's SoapClient
//!   resolves operations; when that is not an operation, the `#Method` fragment of the
//!   SOAP action.
//! * Sessions: `login` answers with `Set-Cookie: soap_session=<id>` (clients keep the
//!   cookies whose name starts with `soap_`); later requests send it back.
//! * Faults: SOAP 1.1 `Client` faults whose `faultstring` is the store's message
//!   (`Not logged on`, ...) and whose detail is the WSDL's `tns:ApiFault`
//!   (`ApiError{message, code}`).

use soapgen_runtime::server::{Reply, SoapHandler, SoapRequest};
use soapgen_runtime::soap::{Fault, SoapVersion};
use soapgen_runtime::transport::BoxFuture;

use super::fault::MockFault;
use super::ops::canonical_operation;
use super::store::{CallContext, Store};
use super::xml::{params_from_node, write_result};

/// Target namespace of both Copernica WSDLs.
pub const NAMESPACE: &str = "https://soap.copernica.com/";

/// Name of the session cookie set by `login`.
pub const SESSION_COOKIE: &str = "soap_session";

/// The WSDL flavour to serve (both describe the same wire format).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WsdlFlavor {
    /// `copernica-rpc.wsdl`: rpc/literal, most likely what the real service has.
    #[default]
    Rpc,
    /// `copernica.wsdl`: document/literal wrapped.
    Document,
}

impl WsdlFlavor {
    /// The WSDL text as shipped in `fixtures/copernica/`.
    pub fn source(self) -> &'static str {
        match self {
            WsdlFlavor::Rpc => include_str!("../../../../fixtures/copernica/copernica-rpc.wsdl"),
            WsdlFlavor::Document => include_str!("../../../../fixtures/copernica/copernica.wsdl"),
        }
    }
}

/// Error of [`rewrite_soap_address`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WsdlError {
    /// The WSDL does not parse.
    #[error("malformed WSDL: {0}")]
    Malformed(String),
    /// No `soap:address` / `soap12:address` element was found.
    #[error("the WSDL has no soap:address to rewrite")]
    NoAddress,
}

const WSDL_SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const WSDL_SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";

/// `wsdl` with the `location` of every `soap:address` (and `soap12:address`) set to
/// `url`, everything else byte for byte unchanged.
pub fn rewrite_soap_address(wsdl: &str, url: &str) -> Result<String, WsdlError> {
    let doc = roxmltree::Document::parse(wsdl).map_err(|e| WsdlError::Malformed(e.to_string()))?;
    let mut ranges: Vec<std::ops::Range<usize>> = doc
        .descendants()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == "address"
                && matches!(
                    n.tag_name().namespace(),
                    Some(WSDL_SOAP11_NS | WSDL_SOAP12_NS)
                )
        })
        .filter_map(|n| n.attribute_node("location").map(|a| a.range_value()))
        .collect();
    if ranges.is_empty() {
        return Err(WsdlError::NoAddress);
    }
    ranges.sort_by_key(|r| r.start);
    let escaped = escape(url);
    let mut out = String::with_capacity(wsdl.len() + ranges.len() * escaped.len());
    let mut at = 0;
    for r in ranges {
        out.push_str(&wsdl[at..r.start]);
        out.push_str(&escaped);
        at = r.end;
    }
    out.push_str(&wsdl[at..]);
    Ok(out)
}

fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c => s.push(c),
        }
    }
    s
}

/// The mock's [`SoapHandler`]; wrap it in a
/// [`Dispatcher`](soapgen_runtime::server::Dispatcher) to serve it.
#[derive(Clone, Debug)]
pub struct MockSoapHandler {
    store: Store,
}

impl MockSoapHandler {
    /// A handler answering from `store`.
    pub fn new(store: Store) -> Self {
        MockSoapHandler { store }
    }

    /// The store behind it.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Answers one parsed request (synchronously: the store never waits).
    // `Fault` by value is the `SoapHandler` contract this implements.
    #[allow(clippy::result_large_err)]
    pub fn answer(&self, request: &SoapRequest) -> Result<Reply, Fault> {
        let version = request.version();
        let text = std::str::from_utf8(&request.bytes)
            .map_err(|e| Fault::sender(version, format!("request is not UTF-8: {e}")))?;
        // The operation element uses prefixes declared on the Envelope, so the whole
        // envelope is parsed (roxmltree refuses DTDs: no entity expansion).
        let doc = roxmltree::Document::parse(text)
            .map_err(|e| Fault::sender(version, format!("malformed request: {e}")))?;
        let body = doc
            .root_element()
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == "Body")
            .ok_or_else(|| Fault::sender(version, "the request has no Body"))?;
        let element = body
            .children()
            .find(|n| n.is_element())
            .ok_or_else(|| Fault::sender(version, "the request Body is empty"))?;
        let name = element.tag_name().name();
        let operation = canonical_operation(name)
            .or_else(|| {
                let action = request.soap_action.as_deref()?;
                let method = action.rsplit_once('#').map_or(action, |(_, m)| m);
                canonical_operation(method)
            })
            .ok_or_else(|| api_fault(version, &MockFault::UnknownOperation(name.to_owned())))?;
        let params = params_from_node(element);
        let mut ctx = CallContext {
            session: self.session_cookie(request),
            new_session: None,
        };
        let result = self
            .store
            .call_in(operation, &params, &mut ctx)
            .map_err(|f| api_fault(version, &f))?;

        let mut body = String::with_capacity(256);
        body.push_str("<ns:");
        body.push_str(operation);
        body.push_str("Response xmlns:ns=\"");
        body.push_str(NAMESPACE);
        body.push_str("\"><result>");
        write_result(&result, &mut body);
        body.push_str("</result></ns:");
        body.push_str(operation);
        body.push_str("Response>");
        let mut reply = Reply {
            body: body.into_bytes(),
            ..Reply::default()
        };
        if let Some(id) = ctx.new_session {
            reply.http_headers.push((
                "Set-Cookie".to_owned(),
                format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly"),
            ));
        }
        Ok(reply)
    }

    /// The session id from the `Cookie` headers: among cookies whose name starts with
    /// `soap_`, the first naming an open session, else the first one (which then
    /// fails as `Not logged on`).
    fn session_cookie(&self, request: &SoapRequest) -> Option<String> {
        let candidates: Vec<&str> = request
            .http_headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("cookie"))
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim()
                    .starts_with("soap_")
                    .then(|| value.trim().trim_matches('"'))
            })
            .collect();
        candidates
            .iter()
            .find(|id| self.store.has_session(id))
            .or_else(|| candidates.first())
            .map(|id| (*id).to_owned())
    }
}

/// A store fault as a SOAP `Client` fault with the `tns:ApiFault` detail.
pub fn api_fault(version: SoapVersion, fault: &MockFault) -> Fault {
    let message = fault.to_string();
    let code = fault.code();
    Fault::sender(version, message.clone()).with_detail(|out| {
        out.extend_from_slice(b"<ns:ApiFault xmlns:ns=\"");
        out.extend_from_slice(NAMESPACE.as_bytes());
        out.extend_from_slice(b"\"><message>");
        out.extend_from_slice(escape(&message).as_bytes());
        out.extend_from_slice(format!("</message><code>{code}</code></ns:ApiFault>").as_bytes());
    })
}

impl SoapHandler for MockSoapHandler {
    fn handle<'a>(&'a self, request: &'a SoapRequest) -> BoxFuture<'a, Result<Reply, Fault>> {
        Box::pin(std::future::ready(self.answer(request)))
    }
}
