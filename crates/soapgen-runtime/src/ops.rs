//! Operation glue for generated SOAP clients and server skeletons.
//!
//! Generated code per operation is a handful of lines that call the
//! functions here: they connect the envelope layer ([`crate::soap`], which
//! works on byte ranges) with the typed readers and writers
//! ([`crate::xml`]): writing a body element or an rpc wrapper, reading a
//! body element, rpc parts or a header block from a slice cut out of the
//! envelope (with the namespace declarations in scope there), decoding a
//! fault's detail into the operation's fault enum, routing a request to an
//! operation and encoding a reply.

// The server-side helpers return `Result<_, Fault>` because that is the
// error type of `SoapHandler::handle`, which generated handlers `?` into.
#![allow(clippy::result_large_err)]

use std::fmt;

use crate::server::{Reply, SoapRequest};
use crate::soap::{self, Fault, Namespaces, OperationMeta, QName, Response, Use};
use crate::xml::{self, BytesStart, ErrorKind, Name, XmlRead, XmlReader, XmlWrite, XmlWriter};

// ---------------------------------------------------------------------------
// Errors and faults
// ---------------------------------------------------------------------------

/// The error of a generated operation: a fault the WSDL declares for it
/// (detail decoded into the operation's fault enum `F`), or anything else.
#[derive(Debug)]
pub enum OpError<F> {
    /// A declared fault: `detail` decoded, `fault` keeps code, reason and raw detail.
    Fault { detail: F, fault: Box<Fault> },
    /// Transport, HTTP, decoding errors, and faults whose detail matches
    /// none of the declared ones (`soap::Error::Fault`, raw detail kept).
    Soap(soap::Error),
}

impl<F> OpError<F> {
    /// A declared fault to answer with (server side): a `Server`/`Receiver`
    /// fault with `reason` and `detail`.
    pub fn declared(reason: impl Into<String>, detail: F) -> Self {
        OpError::Fault {
            detail,
            fault: Box::new(Fault::receiver(soap::SoapVersion::Soap11, reason)),
        }
    }

    /// A `Client`/`Sender` fault without detail (server side).
    pub fn sender(reason: impl Into<String>) -> Self {
        OpError::Soap(soap::Error::Fault(Box::new(Fault::sender(
            soap::SoapVersion::Soap11,
            reason,
        ))))
    }

    /// A `Server`/`Receiver` fault without detail (server side).
    pub fn receiver(reason: impl Into<String>) -> Self {
        OpError::Soap(soap::Error::Fault(Box::new(Fault::receiver(
            soap::SoapVersion::Soap11,
            reason,
        ))))
    }

    /// The SOAP fault, declared or not.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            OpError::Fault { fault, .. } => Some(fault),
            OpError::Soap(e) => e.fault(),
        }
    }

    /// The decoded detail of a declared fault.
    pub fn detail(&self) -> Option<&F> {
        match self {
            OpError::Fault { detail, .. } => Some(detail),
            OpError::Soap(_) => None,
        }
    }
}

impl<F> From<soap::Error> for OpError<F> {
    fn from(e: soap::Error) -> Self {
        OpError::Soap(e)
    }
}

impl<F: FaultDetail> fmt::Display for OpError<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpError::Fault { detail, fault } => {
                write!(f, "SOAP fault {}: {fault}", detail.fault_name())
            }
            OpError::Soap(e) => e.fmt(f),
        }
    }
}

impl<F: FaultDetail + fmt::Debug> std::error::Error for OpError<F> {}

/// The declared faults of an operation: generated as an enum with one
/// variant per `wsdl:fault`.
pub trait FaultDetail: Sized {
    /// Reads the detail entry `local` (peeked on `r`) when it is one of this
    /// enum's faults; `None` leaves it unread.
    fn read_detail(local: &[u8], r: &mut XmlReader<'_>) -> Option<Result<Self, xml::Error>>;
    /// Writes the detail entry.
    fn write_detail(&self, out: &mut Vec<u8>);
    /// The `wsdl:fault` name of this value.
    fn fault_name(&self) -> &'static str;
}

/// The fault enum of operations that declare no faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFault {}

impl FaultDetail for NoFault {
    fn read_detail(_: &[u8], _: &mut XmlReader<'_>) -> Option<Result<Self, xml::Error>> {
        None
    }
    fn write_detail(&self, _: &mut Vec<u8>) {
        match *self {}
    }
    fn fault_name(&self) -> &'static str {
        match *self {}
    }
}

/// Turns a fault into [`OpError::Fault`] when its detail holds one of `F`'s
/// entries; any other error (and a fault whose detail does not decode) is
/// kept as [`OpError::Soap`] with the raw detail.
pub fn decode_error<F: FaultDetail>(e: soap::Error) -> OpError<F> {
    let fault = match e {
        soap::Error::Fault(fault) => fault,
        other => return OpError::Soap(other),
    };
    let found = match &fault.detail {
        Some(detail) => with_content(detail, &fault.detail_namespaces, |r| {
            while let Some(local) = r.peek_child()? {
                if let Some(v) = F::read_detail(local, r) {
                    return v.map(Some);
                }
                r.skip()?;
            }
            Ok(None)
        })
        .ok()
        .flatten(),
        None => None,
    };
    match found {
        Some(detail) => OpError::Fault { detail, fault },
        None => OpError::Soap(soap::Error::Fault(fault)),
    }
}

// ---------------------------------------------------------------------------
// Reading from envelope slices
// ---------------------------------------------------------------------------

/// Name of the synthetic element that carries the outer namespace scope.
const SCOPE_TAG: &str = "soapgen-scope";

/// Reads `content` (zero or more elements cut out of a larger document) as
/// the children of a synthetic element declaring `ns`, so that prefixes
/// declared on `Envelope`/`Body`/`detail` resolve. `f` runs inside that
/// element. Errors report positions relative to `content`.
pub fn with_content<T>(
    content: &[u8],
    ns: &Namespaces,
    f: impl FnOnce(&mut XmlReader<'_>) -> Result<T, xml::Error>,
) -> Result<T, soap::Error> {
    let mut buf = Vec::with_capacity(content.len() + 128);
    buf.push(b'<');
    buf.extend_from_slice(SCOPE_TAG.as_bytes());
    for (prefix, uri) in ns.effective() {
        buf.extend_from_slice(b" xmlns");
        if !prefix.is_empty() {
            buf.push(b':');
            buf.extend_from_slice(prefix.as_bytes());
        }
        buf.extend_from_slice(b"=\"");
        soap::escape_attr(&mut buf, &uri);
        buf.push(b'"');
    }
    buf.push(b'>');
    let offset = buf.len();
    buf.extend_from_slice(content);
    buf.extend_from_slice(b"</");
    buf.extend_from_slice(SCOPE_TAG.as_bytes());
    buf.push(b'>');
    let mut r = XmlReader::new(&buf);
    let result = match r.peek_child() {
        Ok(_) => r.read_with(|r, _| f(r)),
        Err(e) => Err(e),
    };
    result.map_err(|e| decode(e, offset))
}

/// Reads the single element `xml` with `f` (as its `XmlRead` impl would).
pub fn read_scoped<T>(
    xml: &[u8],
    ns: &Namespaces,
    f: impl FnOnce(&mut XmlReader<'_>, &BytesStart<'_>) -> Result<T, xml::Error>,
) -> Result<T, soap::Error> {
    with_content(xml, ns, |r| {
        if r.peek_child()?.is_none() {
            return Err(r.error(ErrorKind::MissingElement("body element")));
        }
        r.read_with(f)
    })
}

/// Reads the single element `xml` as a `T`.
pub fn read_element<T: XmlRead>(xml: &[u8], ns: &Namespaces) -> Result<T, soap::Error> {
    read_scoped(xml, ns, T::read_xml)
}

fn decode(e: xml::Error, offset: usize) -> soap::Error {
    let position = usize::try_from(e.position)
        .unwrap_or(usize::MAX)
        .saturating_sub(offset);
    let prefix = format!("/{SCOPE_TAG}");
    let path = match e.path.strip_prefix(&prefix) {
        Some("") => "/".to_owned(),
        Some(rest) => rest.to_owned(),
        None => e.path.clone(),
    };
    soap::Error::Decode {
        position,
        path,
        message: e.kind.to_string(),
    }
}

/// One message part of an rpc wrapper being read: matched by accessor name.
pub trait PartSlot {
    /// Whether a child named `local` is this part.
    fn accepts(&self, local: &[u8]) -> bool;
    /// Whether the part has been read.
    fn is_filled(&self) -> bool;
    /// Reads the peeked child into the slot.
    fn fill(&mut self, r: &mut XmlReader<'_>) -> Result<(), xml::Error>;
}

/// A typed [`PartSlot`].
#[derive(Debug)]
pub struct Part<T> {
    name: &'static str,
    value: Option<T>,
}

impl<T> Part<T> {
    /// An empty slot for the part named `name`.
    pub const fn new(name: &'static str) -> Self {
        Part { name, value: None }
    }

    /// The value, if the part was present.
    pub fn value(self) -> Option<T> {
        self.value
    }

    /// The value; a decode error when the part was missing.
    pub fn required(self) -> Result<T, soap::Error> {
        let name = self.name;
        self.value
            .ok_or_else(|| soap::Error::decode(0, format!("missing part `{name}`")))
    }
}

impl<T: XmlRead> PartSlot for Part<T> {
    fn accepts(&self, local: &[u8]) -> bool {
        self.name.as_bytes() == local
    }
    fn is_filled(&self) -> bool {
        self.value.is_some()
    }
    fn fill(&mut self, r: &mut XmlReader<'_>) -> Result<(), xml::Error> {
        self.value = Some(r.read()?);
        Ok(())
    }
}

/// Reads the parts of the rpc wrapper element `xml`. Accessors match by
/// name; an accessor no part is named after fills the first part still
/// empty (SOAP encoding makes accessor names significant, but some servers
/// name the return value `return` or `result` whatever the WSDL says).
pub fn read_parts(
    xml: &[u8],
    ns: &Namespaces,
    slots: &mut [&mut dyn PartSlot],
) -> Result<(), soap::Error> {
    read_scoped(xml, ns, |r, _| {
        while let Some(local) = r.peek_child()? {
            let slot = slots
                .iter()
                .position(|s| !s.is_filled() && s.accepts(local))
                .or_else(|| {
                    let named = slots.iter().any(|s| s.accepts(local));
                    if named {
                        None
                    } else {
                        slots.iter().position(|s| !s.is_filled())
                    }
                });
            match slot {
                Some(i) => slots[i].fill(r)?,
                None => r.skip()?,
            }
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Appends `value` as element `name`.
pub fn write_element<T: XmlWrite + ?Sized>(out: &mut Vec<u8>, value: &T, name: Name) {
    let mut w = XmlWriter::new();
    value.write_xml(&mut w, name);
    out.extend_from_slice(w.as_str().as_bytes());
}

/// One part of an rpc wrapper being written.
pub struct RpcPart<'v> {
    /// Accessor name (unqualified for type parts, the element's for element parts).
    pub name: Name,
    /// `xsi:type` to put on the accessor (rpc/encoded).
    pub xsi_type: Option<Name>,
    pub value: &'v dyn XmlWrite,
}

impl<'v> RpcPart<'v> {
    /// An unqualified accessor named `local` (a part by type).
    pub fn new(local: &'static str, value: &'v dyn XmlWrite) -> Self {
        RpcPart {
            name: Name::new("", local),
            xsi_type: None,
            value,
        }
    }

    /// An accessor `{ns}local` (a part by element).
    pub fn element(ns: &'static str, local: &'static str, value: &'v dyn XmlWrite) -> Self {
        RpcPart {
            name: Name::new(ns, local),
            xsi_type: None,
            value,
        }
    }

    /// An unqualified accessor with `xsi:type="{type_ns}type_local"` (rpc/encoded).
    pub fn typed(
        local: &'static str,
        type_ns: &'static str,
        type_local: &'static str,
        value: &'v dyn XmlWrite,
    ) -> Self {
        RpcPart {
            name: Name::new("", local),
            xsi_type: Some(Name::new(type_ns, type_local)),
            value,
        }
    }
}

/// Appends the rpc request wrapper of `op` (`{ns}` + the operation name).
pub fn rpc_request(out: &mut Vec<u8>, op: &OperationMeta, ns: &'static str, parts: &[RpcPart<'_>]) {
    write_rpc(out, op, Name::new(ns, op.name), parts);
}

/// Appends the rpc response wrapper of `op` (`{ns}` + the operation name +
/// `Response`, the name WSDL 1.1 suggests and servers use).
pub fn rpc_response(out: &mut Vec<u8>, op: &OperationMeta, ns: &str, parts: &[RpcPart<'_>]) {
    let mut w = XmlWriter::new();
    let local = format!("{}Response", op.name);
    w.start_dyn(ns, &local);
    write_rpc_content(&mut w, op, parts);
    w.end();
    out.extend_from_slice(w.as_str().as_bytes());
}

/// The single part of an rpc response.
pub fn response_part1<T: XmlRead>(
    resp: &Response,
    op: &OperationMeta,
    name: &'static str,
) -> Result<T, soap::Error> {
    let mut p = Part::<T>::new(name);
    response_parts(resp, op, &mut [&mut p])?;
    p.required()
}

/// The single part of an rpc request.
pub fn request_part1<T: XmlRead>(
    req: &SoapRequest,
    op: &OperationMeta,
    name: &'static str,
) -> Result<T, Fault> {
    let mut p = Part::<T>::new(name);
    request_parts(req, op, &mut [&mut p])?;
    required_part(req, p)
}

fn write_rpc_content(w: &mut XmlWriter, op: &OperationMeta, parts: &[RpcPart<'_>]) {
    if op.body_use == Use::Encoded {
        w.attr_dyn(
            op.version.envelope_ns(),
            "encodingStyle",
            op.version.encoding_ns(),
        );
    }
    for p in parts {
        if let Some(t) = p.xsi_type {
            w.set_xsi_type(t);
        }
        p.value.write_xml(w, p.name);
    }
}

/// Appends an rpc wrapper element `wrapper` holding `parts`; `encoded`
/// adds `encodingStyle` (in the envelope namespace of `op`) on the wrapper.
pub fn write_rpc(out: &mut Vec<u8>, op: &OperationMeta, wrapper: Name, parts: &[RpcPart<'_>]) {
    let mut w = XmlWriter::new();
    w.start(wrapper);
    write_rpc_content(&mut w, op, parts);
    w.end();
    out.extend_from_slice(w.as_str().as_bytes());
}

/// Serialises header values (`None` ones write nothing and are dropped).
pub fn write_headers(values: &[(&dyn XmlWrite, Name)]) -> Vec<Vec<u8>> {
    values
        .iter()
        .filter_map(|(v, name)| {
            let mut out = Vec::new();
            write_element(&mut out, *v, *name);
            (!out.is_empty()).then_some(out)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Client side
// ---------------------------------------------------------------------------

/// Calls `op` through `core`, decoding declared faults into `F`.
pub async fn call<T: crate::transport::Transport, F: FaultDetail>(
    core: &soap::Client<T>,
    op: &OperationMeta,
    body: impl FnOnce(&mut Vec<u8>),
    headers: &[Vec<u8>],
) -> Result<Response, OpError<F>> {
    let blocks: Vec<&[u8]> = headers.iter().map(Vec::as_slice).collect();
    core.call(op, body, &blocks).await.map_err(decode_error)
}

/// [`call`] for the blocking client (feature `blocking`).
#[cfg(feature = "blocking")]
pub fn call_blocking<T: crate::transport::blocking::BlockingTransport, F: FaultDetail>(
    core: &soap::BlockingClient<T>,
    op: &OperationMeta,
    body: impl FnOnce(&mut Vec<u8>),
    headers: &[Vec<u8>],
) -> Result<Response, OpError<F>> {
    let blocks: Vec<&[u8]> = headers.iter().map(Vec::as_slice).collect();
    core.call(op, body, &blocks).map_err(decode_error)
}

/// The response element (first body child) as a `T`.
pub fn response_element<T: XmlRead>(resp: &Response) -> Result<T, soap::Error> {
    read_element(resp.body_xml()?, resp.body_namespaces())
}

/// The body child `{ns}local` as a `T` (document style with several parts).
pub fn response_part<T: XmlRead>(resp: &Response, ns: &str, local: &str) -> Result<T, soap::Error> {
    let xml = resp
        .body_elements()
        .find(|(n, _)| is_name(n, ns, local))
        .map(|(_, xml)| xml)
        .ok_or_else(|| soap::Error::decode(0, format!("missing body element {local}")))?;
    read_element(xml, resp.body_namespaces())
}

/// The parts of the rpc response wrapper (multi-references inlined first
/// for rpc/encoded).
pub fn response_parts(
    resp: &Response,
    op: &OperationMeta,
    slots: &mut [&mut dyn PartSlot],
) -> Result<(), soap::Error> {
    if op.body_use == Use::Encoded {
        let xml = resp.body_xml_inlined(soap::RefLimits::default())?;
        read_parts(&xml, resp.body_namespaces(), slots)
    } else {
        read_parts(resp.body_xml()?, resp.body_namespaces(), slots)
    }
}

/// The response header block `{ns}local` as a `T`, if present.
pub fn response_header<T: XmlRead>(
    resp: &Response,
    ns: &str,
    local: &str,
) -> Result<Option<T>, soap::Error> {
    match resp.header_xml(&qname(ns, local)) {
        Some(xml) => read_element(xml, &resp.layout.header_namespaces).map(Some),
        None => Ok(None),
    }
}

fn qname(ns: &str, local: &str) -> QName {
    if ns.is_empty() {
        QName::unqualified(local)
    } else {
        QName::new(ns, local)
    }
}

fn is_name(n: &QName, ns: &str, local: &str) -> bool {
    n.local == local && n.namespace.as_deref().unwrap_or("") == ns
}

// ---------------------------------------------------------------------------
// Server side
// ---------------------------------------------------------------------------

/// How a request reaches an operation: its body element and soapAction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// Body element (rpc: the operation wrapper; document: the first part's
    /// element). Empty `local` for operations without a body part.
    pub ns: &'static str,
    pub local: &'static str,
    /// The binding's soapAction, when not empty.
    pub action: Option<&'static str>,
}

/// The index of the route `req` takes: by body element, ties (document
/// operations sharing an element) broken by soapAction; operations without
/// a body part by soapAction alone.
pub fn route(req: &SoapRequest, routes: &[Route]) -> Option<usize> {
    let action = req.soap_action.as_deref().filter(|a| !a.is_empty());
    let by_name: Vec<usize> = match req.operation() {
        Some(name) => routes
            .iter()
            .enumerate()
            .filter(|(_, r)| is_name(name, r.ns, r.local))
            .map(|(i, _)| i)
            .collect(),
        None => Vec::new(),
    };
    let by_action = |candidates: &mut dyn Iterator<Item = usize>| {
        candidates
            .filter(|&i| action.is_some() && routes[i].action == action)
            .collect::<Vec<_>>()
    };
    match by_name.len() {
        1 => Some(by_name[0]),
        // Only operations without a body part are found by soapAction
        // alone: a body element no operation takes is an error, not a
        // guess.
        0 => {
            let hits = by_action(&mut (0..routes.len()).filter(|&i| routes[i].local.is_empty()));
            (hits.len() == 1).then(|| hits[0])
        }
        _ => by_action(&mut by_name.iter().copied())
            .first()
            .copied()
            .or(by_name.first().copied()),
    }
}

/// The fault for a request no operation takes.
pub fn unknown_operation(req: &SoapRequest) -> Fault {
    let name = req
        .operation()
        .map(|n| n.to_string())
        .unwrap_or_else(|| "(empty body)".to_owned());
    Fault::sender(
        req.version(),
        format!(
            "no operation for body element {name} (soapAction {:?})",
            req.soap_action.as_deref().unwrap_or("")
        ),
    )
}

fn malformed(req: &SoapRequest, e: soap::Error) -> Fault {
    Fault::sender(req.version(), format!("malformed request: {e}"))
}

/// The request's first body element as a `T`.
pub fn request_element<T: XmlRead>(req: &SoapRequest) -> Result<T, Fault> {
    let xml = req
        .body_xml()
        .ok_or_else(|| Fault::sender(req.version(), "the request Body is empty"))?;
    read_element(xml, req.body_namespaces()).map_err(|e| malformed(req, e))
}

/// The request body child `{ns}local` as a `T` (document style, several parts).
pub fn request_part<T: XmlRead>(req: &SoapRequest, ns: &str, local: &str) -> Result<T, Fault> {
    let xml = req
        .layout
        .body
        .iter()
        .find(|e| is_name(&e.name, ns, local))
        .map(|e| &req.bytes[e.range.start.min(req.bytes.len())..e.range.end.min(req.bytes.len())])
        .ok_or_else(|| Fault::sender(req.version(), format!("missing body element {local}")))?;
    read_element(xml, req.body_namespaces()).map_err(|e| malformed(req, e))
}

/// The parts of the request's rpc wrapper.
pub fn request_parts(
    req: &SoapRequest,
    op: &OperationMeta,
    slots: &mut [&mut dyn PartSlot],
) -> Result<(), Fault> {
    let Some(entry) = req.layout.first_body() else {
        return Err(Fault::sender(req.version(), "the request Body is empty"));
    };
    let result = if op.body_use == Use::Encoded {
        soap::inline_multirefs(
            &req.envelope(),
            entry.range.clone(),
            soap::RefLimits::default(),
        )
        .and_then(|xml| read_parts(&xml, req.body_namespaces(), slots))
    } else {
        match req.body_xml() {
            Some(xml) => read_parts(xml, req.body_namespaces(), slots),
            None => Err(soap::Error::decode(0, "empty Body")),
        }
    };
    result.map_err(|e| malformed(req, e))
}

/// A required part read by [`request_parts`].
pub fn required_part<T>(req: &SoapRequest, part: Part<T>) -> Result<T, Fault> {
    part.required().map_err(|e| malformed(req, e))
}

/// The request header block `{ns}local` as a `T`, if present.
pub fn request_header<T: XmlRead>(
    req: &SoapRequest,
    ns: &str,
    local: &str,
) -> Result<Option<T>, Fault> {
    match req.header_xml(&qname(ns, local)) {
        Some(xml) => read_element(xml, &req.layout.header_namespaces)
            .map(Some)
            .map_err(|e| malformed(req, e)),
        None => Ok(None),
    }
}

/// Encodes an operation's outcome: the body written by `write` on success,
/// the fault (typed detail written) otherwise.
pub fn reply<O, F: FaultDetail>(
    op: &OperationMeta,
    result: Result<O, OpError<F>>,
    write: impl FnOnce(&O, &mut Vec<u8>),
) -> Result<Reply, Fault> {
    match result {
        Ok(value) => {
            let mut reply = Reply::write(|out| write(&value, out));
            reply.encoded = op.body_use == Use::Encoded;
            Ok(reply)
        }
        Err(OpError::Fault { detail, fault }) => {
            let mut fault = *fault;
            let mut out = Vec::new();
            detail.write_detail(&mut out);
            fault.detail = Some(out);
            Err(fault)
        }
        Err(OpError::Soap(soap::Error::Fault(fault))) => Err(*fault),
        Err(OpError::Soap(other)) => Err(Fault::receiver(op.version, other.to_string())),
    }
}

/// An [`OperationMeta`] without extra envelope namespaces (what generated
/// code declares per operation; an empty `soap_action` means none).
pub const fn meta(
    name: &'static str,
    soap_action: &'static str,
    version: soap::SoapVersion,
    style: soap::Style,
    body_use: Use,
    one_way: bool,
) -> OperationMeta {
    OperationMeta {
        name,
        soap_action: if soap_action.is_empty() {
            None
        } else {
            Some(soap_action)
        },
        version,
        style,
        body_use,
        one_way,
        namespaces: &[],
    }
}

/// What a server trait method the service does not implement answers: a
/// `Server`/`Receiver` fault naming the operation.
pub fn not_implemented<T, F>(operation: &str) -> std::future::Ready<Result<T, OpError<F>>> {
    std::future::ready(Err(OpError::receiver(format!(
        "operation `{operation}` is not implemented"
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ns(decls: &[(&str, &str)]) -> Namespaces {
        Namespaces {
            decls: decls
                .iter()
                .map(|(p, u)| (p.to_string(), u.to_string()))
                .collect(),
        }
    }

    #[test]
    fn prefixes_declared_outside_the_slice_resolve() {
        // `t:` is declared on the Envelope, not in the slice.
        let xml = b"<t:op><a>x &amp; y</a></t:op>";
        let v: String = read_scoped(xml, &ns(&[("t", "urn:t")]), |r, _| {
            assert_eq!(r.peek_child()?, Some(&b"a"[..]));
            r.read()
        })
        .expect("read");
        assert_eq!(v, "x & y");
        let mut a = Part::<String>::new("a");
        let mut b = Part::<i32>::new("b");
        read_parts(xml, &ns(&[("t", "urn:t")]), &mut [&mut a, &mut b]).expect("parts");
        assert_eq!(a.value().as_deref(), Some("x & y"));
        assert!(b.required().is_err());
    }

    #[test]
    fn decode_errors_report_positions_in_the_slice() {
        let err = read_element::<i32>(b"<n>12x</n>", &ns(&[])).expect_err("not an int");
        match err {
            soap::Error::Decode { path, .. } => assert_eq!(path, "/n"),
            other => panic!("{other:?}"),
        }
        // Malformed XML is an error, never a panic.
        assert!(read_element::<String>(b"<n>unclosed", &ns(&[])).is_err());
    }

    #[test]
    fn unmatched_fault_detail_is_kept_raw() {
        let mut fault = Fault::receiver(soap::SoapVersion::Soap11, "boom");
        fault.detail = Some(b"<x:Other xmlns:x=\"urn:x\"/>".to_vec());
        match decode_error::<NoFault>(soap::Error::Fault(Box::new(fault))) {
            OpError::Soap(soap::Error::Fault(f)) => {
                assert_eq!(
                    f.detail.as_deref(),
                    Some(&b"<x:Other xmlns:x=\"urn:x\"/>"[..])
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
