//! WSDL 1.1 syntax model and its reader. Binding extensions for SOAP 1.1,
//! SOAP 1.2, HTTP and MIME are recognised; unknown extensions are ignored.

use crate::error::Result;
use crate::location::Location;
use crate::xml::{is, is_xsd, text_of, Ctx, QName, WSDL_NS};
use crate::xsd::{read_schema, Schema};
use roxmltree::Node;

pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
pub const SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
pub const HTTP_NS: &str = "http://schemas.xmlsoap.org/wsdl/http/";
pub const MIME_NS: &str = "http://schemas.xmlsoap.org/wsdl/mime/";

#[derive(Debug, Clone)]
pub struct Definitions {
    pub name: Option<String>,
    pub target_namespace: Option<String>,
    pub doc: Option<String>,
    pub imports: Vec<WsdlImport>,
    /// Inline `types/xs:schema` elements, in document order.
    pub schemas: Vec<Schema>,
    /// `xs:import` placed directly in `wsdl:types` (not valid, but common:
    /// some toolkits emit it and other clients accept it).
    pub type_imports: Vec<crate::xsd::Import>,
    pub messages: Vec<Message>,
    pub port_types: Vec<PortType>,
    pub bindings: Vec<Binding>,
    pub services: Vec<Service>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct WsdlImport {
    pub namespace: Option<String>,
    pub location_attr: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub name: String,
    pub doc: Option<String>,
    pub parts: Vec<Part>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub element: Option<QName>,
    pub type_: Option<QName>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct PortType {
    pub name: String,
    pub doc: Option<String>,
    pub operations: Vec<PortTypeOperation>,
    pub location: Location,
}

/// `input`/`output` of an abstract operation.
#[derive(Debug, Clone)]
pub struct IoRef {
    pub name: Option<String>,
    pub message: QName,
    pub doc: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct FaultRef {
    pub name: String,
    pub message: QName,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct PortTypeOperation {
    pub name: String,
    pub doc: Option<String>,
    pub parameter_order: Option<Vec<String>>,
    pub input: Option<IoRef>,
    pub output: Option<IoRef>,
    /// True when `output` comes before `input` (notification / solicit-response).
    pub output_first: bool,
    pub faults: Vec<FaultRef>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Soap11,
    Soap12,
    Http,
    Other,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub name: String,
    pub port_type: QName,
    pub protocol: Protocol,
    /// `soap:binding/@style`.
    pub style: Option<String>,
    pub transport: Option<String>,
    /// `http:binding/@verb`.
    pub http_verb: Option<String>,
    pub doc: Option<String>,
    pub operations: Vec<BindingOperation>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct BindingOperation {
    pub name: String,
    pub doc: Option<String>,
    pub soap_action: Option<String>,
    pub style: Option<String>,
    /// `http:operation/@location`.
    pub http_location: Option<String>,
    pub input: Option<BindingIo>,
    pub output: Option<BindingIo>,
    pub faults: Vec<BindingFault>,
    pub location: Location,
}

/// `soap:body` (or `soap12:body`).
#[derive(Debug, Clone, Default)]
pub struct SoapBody {
    pub use_: Option<String>,
    pub namespace: Option<String>,
    pub encoding_style: Option<String>,
    pub parts: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct SoapHeader {
    pub message: QName,
    pub part: String,
    pub use_: Option<String>,
    pub namespace: Option<String>,
    pub encoding_style: Option<String>,
    pub header_faults: Vec<SoapHeader>,
    pub location: Location,
}

/// A MIME part binding (`mime:multipartRelated` etc.), kept as seen.
#[derive(Debug, Clone)]
pub struct MimeContent {
    pub kind: String,
    pub part: Option<String>,
    pub type_: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BindingIo {
    pub name: Option<String>,
    pub body: Option<SoapBody>,
    pub headers: Vec<SoapHeader>,
    pub mime: Vec<MimeContent>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct BindingFault {
    pub name: String,
    /// `soap:fault` attributes (`name` is in `name`).
    pub use_: Option<String>,
    pub namespace: Option<String>,
    pub encoding_style: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub doc: Option<String>,
    pub ports: Vec<Port>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Port {
    pub name: String,
    pub binding: QName,
    pub address: Option<String>,
    pub address_protocol: Protocol,
    pub location: Location,
}

fn protocol_of(ns: Option<&str>) -> Option<Protocol> {
    match ns {
        Some(SOAP11_NS) => Some(Protocol::Soap11),
        Some(SOAP12_NS) => Some(Protocol::Soap12),
        Some(HTTP_NS) => Some(Protocol::Http),
        _ => None,
    }
}

fn is_soap(node: Node) -> bool {
    node.is_element()
        && matches!(
            node.tag_name().namespace(),
            Some(SOAP11_NS) | Some(SOAP12_NS)
        )
}

fn wsdl_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(WSDL_NS))
}

fn wsdl_doc(node: Node) -> Option<String> {
    let t: Vec<String> = wsdl_children(node)
        .filter(|c| c.tag_name().name() == "documentation")
        .map(text_of)
        .filter(|t| !t.is_empty())
        .collect();
    if t.is_empty() {
        None
    } else {
        Some(t.join("\n\n"))
    }
}

fn s(node: Node, attr: &str) -> Option<String> {
    node.attribute(attr).map(str::to_string)
}

pub(crate) fn read_definitions(ctx: &mut Ctx, node: Node) -> Result<Definitions> {
    let mut defs = Definitions {
        name: s(node, "name"),
        target_namespace: s(node, "targetNamespace"),
        doc: wsdl_doc(node),
        imports: Vec::new(),
        schemas: Vec::new(),
        type_imports: Vec::new(),
        messages: Vec::new(),
        port_types: Vec::new(),
        bindings: Vec::new(),
        services: Vec::new(),
        location: ctx.loc(node),
    };
    for c in wsdl_children(node) {
        match c.tag_name().name() {
            "import" => defs.imports.push(WsdlImport {
                namespace: s(c, "namespace"),
                location_attr: s(c, "location"),
                location: ctx.loc(c),
            }),
            "types" => {
                for sc in c.children().filter(|n| is_xsd(*n, "schema")) {
                    defs.schemas.push(read_schema(ctx, sc)?);
                }
                for im in c.children().filter(|n| is_xsd(*n, "import")) {
                    defs.type_imports.push(crate::xsd::Import {
                        namespace: s(im, "namespace"),
                        schema_location: s(im, "schemaLocation"),
                        location: ctx.loc(im),
                    });
                }
            }
            "message" => {
                let mut parts = Vec::new();
                for p in wsdl_children(c).filter(|p| p.tag_name().name() == "part") {
                    parts.push(Part {
                        name: ctx.required(p, "name")?.to_string(),
                        element: ctx.opt_qname(p, "element")?,
                        type_: ctx.opt_qname(p, "type")?,
                        location: ctx.loc(p),
                    });
                }
                defs.messages.push(Message {
                    name: ctx.required(c, "name")?.to_string(),
                    doc: wsdl_doc(c),
                    parts,
                    location: ctx.loc(c),
                });
            }
            "portType" => defs.port_types.push(read_port_type(ctx, c)?),
            "binding" => defs.bindings.push(read_binding(ctx, c)?),
            "service" => {
                let mut ports = Vec::new();
                for p in wsdl_children(c).filter(|p| p.tag_name().name() == "port") {
                    let addr = p
                        .children()
                        .find(|a| a.is_element() && a.tag_name().name() == "address");
                    ports.push(Port {
                        name: ctx.required(p, "name")?.to_string(),
                        binding: ctx.qname(p, ctx.required(p, "binding")?)?,
                        address: addr.and_then(|a| s(a, "location")),
                        address_protocol: addr
                            .and_then(|a| protocol_of(a.tag_name().namespace()))
                            .unwrap_or(Protocol::Other),
                        location: ctx.loc(p),
                    });
                }
                defs.services.push(Service {
                    name: ctx.required(c, "name")?.to_string(),
                    doc: wsdl_doc(c),
                    ports,
                    location: ctx.loc(c),
                });
            }
            _ => {}
        }
    }
    Ok(defs)
}

fn read_port_type(ctx: &mut Ctx, node: Node) -> Result<PortType> {
    let mut operations = Vec::new();
    for op in wsdl_children(node).filter(|o| o.tag_name().name() == "operation") {
        let mut input = None;
        let mut output = None;
        let mut output_first = false;
        let mut faults = Vec::new();
        for c in wsdl_children(op) {
            let kind = c.tag_name().name();
            match kind {
                "input" | "output" => {
                    let io = IoRef {
                        name: s(c, "name"),
                        message: ctx.qname(c, ctx.required(c, "message")?)?,
                        doc: wsdl_doc(c),
                        location: ctx.loc(c),
                    };
                    if kind == "input" {
                        input = Some(io);
                    } else {
                        output_first = input.is_none();
                        output = Some(io);
                    }
                }
                "fault" => faults.push(FaultRef {
                    name: ctx.required(c, "name")?.to_string(),
                    message: ctx.qname(c, ctx.required(c, "message")?)?,
                    location: ctx.loc(c),
                }),
                _ => {}
            }
        }
        operations.push(PortTypeOperation {
            name: ctx.required(op, "name")?.to_string(),
            doc: wsdl_doc(op),
            parameter_order: op
                .attribute("parameterOrder")
                .map(|v| v.split_whitespace().map(str::to_string).collect()),
            input,
            output,
            output_first,
            faults,
            location: ctx.loc(op),
        });
    }
    Ok(PortType {
        name: ctx.required(node, "name")?.to_string(),
        doc: wsdl_doc(node),
        operations,
        location: ctx.loc(node),
    })
}

fn read_binding(ctx: &mut Ctx, node: Node) -> Result<Binding> {
    let mut protocol = Protocol::Other;
    let mut style = None;
    let mut transport = None;
    let mut http_verb = None;
    for ext in node
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "binding")
    {
        if let Some(p) = protocol_of(ext.tag_name().namespace()) {
            protocol = p;
            style = s(ext, "style");
            transport = s(ext, "transport");
            http_verb = s(ext, "verb");
        }
    }
    let mut operations = Vec::new();
    for op in wsdl_children(node).filter(|o| o.tag_name().name() == "operation") {
        let mut bop = BindingOperation {
            name: ctx.required(op, "name")?.to_string(),
            doc: wsdl_doc(op),
            soap_action: None,
            style: None,
            http_location: None,
            input: None,
            output: None,
            faults: Vec::new(),
            location: ctx.loc(op),
        };
        for c in op.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            if is_soap(c) && name == "operation" {
                bop.soap_action = s(c, "soapAction");
                bop.style = s(c, "style");
            } else if is(c, HTTP_NS, "operation") {
                bop.http_location = s(c, "location");
            } else if c.tag_name().namespace() == Some(WSDL_NS) {
                match name {
                    "input" | "output" => {
                        let io = read_binding_io(ctx, c)?;
                        if name == "input" {
                            bop.input = Some(io);
                        } else {
                            bop.output = Some(io);
                        }
                    }
                    "fault" => {
                        let sf = c
                            .children()
                            .find(|f| is_soap(*f) && f.tag_name().name() == "fault");
                        bop.faults.push(BindingFault {
                            name: ctx.required(c, "name")?.to_string(),
                            use_: sf.and_then(|f| s(f, "use")),
                            namespace: sf.and_then(|f| s(f, "namespace")),
                            encoding_style: sf.and_then(|f| s(f, "encodingStyle")),
                            location: ctx.loc(c),
                        });
                    }
                    _ => {}
                }
            }
        }
        operations.push(bop);
    }
    Ok(Binding {
        name: ctx.required(node, "name")?.to_string(),
        port_type: ctx.qname(node, ctx.required(node, "type")?)?,
        protocol,
        style,
        transport,
        http_verb,
        doc: wsdl_doc(node),
        operations,
        location: ctx.loc(node),
    })
}

fn read_soap_header(ctx: &mut Ctx, node: Node) -> Result<SoapHeader> {
    let mut header_faults = Vec::new();
    for hf in node
        .children()
        .filter(|f| is_soap(*f) && f.tag_name().name() == "headerfault")
    {
        header_faults.push(read_soap_header(ctx, hf)?);
    }
    Ok(SoapHeader {
        message: ctx.qname(node, ctx.required(node, "message")?)?,
        part: ctx.required(node, "part")?.to_string(),
        use_: s(node, "use"),
        namespace: s(node, "namespace"),
        encoding_style: s(node, "encodingStyle"),
        header_faults,
        location: ctx.loc(node),
    })
}

fn read_body(node: Node) -> SoapBody {
    SoapBody {
        use_: s(node, "use"),
        namespace: s(node, "namespace"),
        encoding_style: s(node, "encodingStyle"),
        parts: node
            .attribute("parts")
            .map(|v| v.split_whitespace().map(str::to_string).collect()),
    }
}

fn read_binding_io(ctx: &mut Ctx, node: Node) -> Result<BindingIo> {
    let mut io = BindingIo {
        name: s(node, "name"),
        body: None,
        headers: Vec::new(),
        mime: Vec::new(),
        location: ctx.loc(node),
    };
    for c in node.children().filter(|c| c.is_element()) {
        if is_soap(c) {
            match c.tag_name().name() {
                "body" => io.body = Some(read_body(c)),
                "header" => io.headers.push(read_soap_header(ctx, c)?),
                _ => {}
            }
        } else if c.tag_name().namespace() == Some(MIME_NS) {
            // mime:multipartRelated/mime:part/(soap:body|mime:content) and
            // plain mime:content / mime:mimeXml.
            for d in c.descendants().filter(|d| d.is_element()) {
                if is_soap(d) && d.tag_name().name() == "body" && io.body.is_none() {
                    io.body = Some(read_body(d));
                } else if is_soap(d) && d.tag_name().name() == "header" {
                    io.headers.push(read_soap_header(ctx, d)?);
                } else if d.tag_name().namespace() == Some(MIME_NS)
                    && matches!(d.tag_name().name(), "content" | "mimeXml")
                {
                    io.mime.push(MimeContent {
                        kind: d.tag_name().name().to_string(),
                        part: s(d, "part"),
                        type_: s(d, "type"),
                    });
                }
            }
        }
    }
    Ok(io)
}
