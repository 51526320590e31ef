//! SOAP faults: decoding (1.1 and 1.2), a version-neutral model, and writing.

use std::fmt;

use super::error::Error;
use super::names::{Namespaces, QName};
use super::scan::{Scanner, StartTag};
use super::write::{escape_attr, escape_text};
use super::{SoapVersion, XML_NS};

/// The standard fault codes, mapped across versions (1.1 `Client` = 1.2 `Sender`,
/// 1.1 `Server` = 1.2 `Receiver`), plus anything else as a QName.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultCode {
    /// The envelope namespace was not understood.
    VersionMismatch,
    /// A `mustUnderstand` header block was not understood.
    MustUnderstand,
    /// SOAP 1.2 `DataEncodingUnknown`.
    DataEncodingUnknown,
    /// The request was wrong (1.1 `Client`, including dotted `Client.*` refinements).
    Sender,
    /// The server failed (1.1 `Server`, including `Server.*`).
    Receiver,
    /// A code outside the envelope namespace (or an unknown one inside it).
    Other(QName),
}

impl FaultCode {
    fn from_qname(name: &QName) -> FaultCode {
        let standard = matches!(
            name.namespace.as_deref(),
            Some(super::SOAP11_ENV_NS | super::SOAP12_ENV_NS)
        );
        if !standard {
            return FaultCode::Other(name.clone());
        }
        // SOAP 1.1 allows dotted refinements such as `Client.Authentication`.
        let head = name.local.split('.').next().unwrap_or("");
        match head {
            "VersionMismatch" => FaultCode::VersionMismatch,
            "MustUnderstand" => FaultCode::MustUnderstand,
            "DataEncodingUnknown" => FaultCode::DataEncodingUnknown,
            "Client" | "Sender" => FaultCode::Sender,
            "Server" | "Receiver" => FaultCode::Receiver,
            _ => FaultCode::Other(name.clone()),
        }
    }

    /// The local name to write for `version`.
    fn local_for(&self, version: SoapVersion) -> &'static str {
        match (self, version) {
            (FaultCode::VersionMismatch, _) => "VersionMismatch",
            (FaultCode::MustUnderstand, _) => "MustUnderstand",
            (FaultCode::DataEncodingUnknown, SoapVersion::Soap12) => "DataEncodingUnknown",
            (FaultCode::Sender | FaultCode::DataEncodingUnknown, SoapVersion::Soap11) => "Client",
            (FaultCode::Sender, SoapVersion::Soap12) => "Sender",
            (FaultCode::Receiver | FaultCode::Other(_), SoapVersion::Soap11) => "Server",
            (FaultCode::Receiver | FaultCode::Other(_), SoapVersion::Soap12) => "Receiver",
        }
    }
}

/// One `Reason/Text` (1.2) or the `faultstring` (1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultReason {
    /// `xml:lang`, when given.
    pub lang: Option<String>,
    /// The text.
    pub text: String,
}

/// A SOAP fault, version-neutral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// The version of the envelope it came in (or is to be written in).
    pub version: SoapVersion,
    /// The mapped code.
    pub code: FaultCode,
    /// The code exactly as resolved (e.g. `{soap11}Client.Authentication`).
    pub code_name: QName,
    /// SOAP 1.2 `Subcode/Value` chain, outermost first. SOAP 1.1 has none; when writing
    /// 1.1, an `Other` code is written as `faultcode` instead of `Server`.
    pub subcodes: Vec<QName>,
    /// All reason texts in document order (at least one when decoded).
    pub reasons: Vec<FaultReason>,
    /// 1.1 `faultactor` / 1.2 `Node`.
    pub node: Option<String>,
    /// 1.2 `Role`.
    pub role: Option<String>,
    /// Inner XML of `detail`/`Detail` (its children), kept raw for typed decoding.
    pub detail: Option<Vec<u8>>,
    /// Namespace declarations in scope inside the detail element, to parse `detail`.
    pub detail_namespaces: Namespaces,
}

impl Fault {
    /// A fault with a code and one reason text.
    pub fn new(version: SoapVersion, code: FaultCode, reason: impl Into<String>) -> Fault {
        let code_name = match &code {
            FaultCode::Other(q) => q.clone(),
            c => QName::new(version.envelope_ns(), c.local_for(version)),
        };
        Fault {
            version,
            code,
            code_name,
            subcodes: Vec::new(),
            reasons: vec![FaultReason {
                lang: None,
                text: reason.into(),
            }],
            node: None,
            role: None,
            detail: None,
            detail_namespaces: Namespaces::default(),
        }
    }

    /// A `Client`/`Sender` fault: the request was at fault.
    pub fn sender(version: SoapVersion, reason: impl Into<String>) -> Fault {
        Fault::new(version, FaultCode::Sender, reason)
    }

    /// A `Server`/`Receiver` fault.
    pub fn receiver(version: SoapVersion, reason: impl Into<String>) -> Fault {
        Fault::new(version, FaultCode::Receiver, reason)
    }

    /// Set the detail content by writing it (a typed fault's element).
    pub fn with_detail(mut self, write: impl FnOnce(&mut Vec<u8>)) -> Fault {
        let mut buf = Vec::new();
        write(&mut buf);
        self.detail = Some(buf);
        self
    }

    /// The first reason text, preferring English when several languages are given.
    pub fn reason(&self) -> &str {
        self.reasons
            .iter()
            .find(|r| r.lang.as_deref().is_some_and(|l| l.starts_with("en")))
            .or_else(|| self.reasons.first())
            .map(|r| r.text.as_str())
            .unwrap_or("")
    }

    /// The HTTP status a server should answer this fault with (SOAP 1.2 HTTP binding:
    /// 400 for Sender faults, 500 otherwise; SOAP 1.1 always 500).
    pub fn http_status(&self) -> u16 {
        match (self.version, &self.code) {
            (SoapVersion::Soap12, FaultCode::Sender) => 400,
            _ => 500,
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code_name.local, self.reason())
    }
}

/// Decode the `Fault` element `tag` that `sc` has just read; consumes through its end.
pub(crate) fn parse_fault(
    sc: &mut Scanner<'_>,
    tag: &StartTag,
    version: SoapVersion,
) -> Result<Fault, Error> {
    let mut fault = Fault {
        version,
        code: FaultCode::Receiver,
        code_name: QName::new(version.envelope_ns(), "Server"),
        subcodes: Vec::new(),
        reasons: Vec::new(),
        node: None,
        role: None,
        detail: None,
        detail_namespaces: Namespaces::default(),
    };
    let mut saw_code = false;
    while let Some(child) = sc.next_child()? {
        // Fault children are unqualified in 1.1 and qualified in 1.2; some 1.1 servers
        // qualify them too, so match on the local name.
        match (version, child.name.local.as_str()) {
            (SoapVersion::Soap11, "faultcode") => {
                // Resolve against the scope of the element itself, which `text` leaves.
                let scope = sc.ns.clone();
                let text = sc.text(&child)?;
                fault.code_name = resolve_code(sc, &scope, &child, &text)?;
                fault.code = FaultCode::from_qname(&fault.code_name);
                saw_code = true;
            }
            (SoapVersion::Soap11, "faultstring") => {
                let lang = child.attr(Some(XML_NS), "lang").map(str::to_owned);
                let text = sc.text(&child)?;
                fault.reasons.push(FaultReason { lang, text });
            }
            (SoapVersion::Soap11, "faultactor") | (SoapVersion::Soap12, "Node") => {
                fault.node = Some(sc.text(&child)?.trim().to_owned());
            }
            (SoapVersion::Soap12, "Role") => {
                fault.role = Some(sc.text(&child)?.trim().to_owned());
            }
            (SoapVersion::Soap11, "detail") | (SoapVersion::Soap12, "Detail") => {
                fault.detail_namespaces = sc.ns.clone();
                let (content_end, _) = sc.skip_inner(&child)?;
                fault.detail = Some(sc.slice(child.content_start..content_end).to_vec());
            }
            (SoapVersion::Soap12, "Code") => {
                parse_code12(sc, &mut fault)?;
                saw_code = true;
            }
            (SoapVersion::Soap12, "Reason") => {
                while let Some(text) = sc.next_child()? {
                    let lang = text.attr(Some(XML_NS), "lang").map(str::to_owned);
                    let value = sc.text(&text)?;
                    fault.reasons.push(FaultReason { lang, text: value });
                }
            }
            _ => {
                sc.skip(&child)?;
            }
        }
    }
    if !saw_code {
        return Err(sc.error(tag.start, "SOAP Fault without a fault code"));
    }
    Ok(fault)
}

fn resolve_code(
    sc: &Scanner<'_>,
    scope: &Namespaces,
    tag: &StartTag,
    text: &str,
) -> Result<QName, Error> {
    scope.resolve_qname(text).ok_or_else(|| {
        sc.error(
            tag.start,
            format!("fault code `{}` has an undeclared prefix", text.trim()),
        )
    })
}

/// `Code` content: `Value` then an optional `Subcode` (itself `Value` + `Subcode`...).
fn parse_code12(sc: &mut Scanner<'_>, fault: &mut Fault) -> Result<(), Error> {
    // Iterative descent through nested Subcodes; the scanner's depth limit bounds it.
    let mut level = 0usize;
    loop {
        let mut descended = false;
        while let Some(child) = sc.next_child()? {
            match child.name.local.as_str() {
                "Value" => {
                    let scope = sc.ns.clone();
                    let text = sc.text(&child)?;
                    let name = resolve_code(sc, &scope, &child, &text)?;
                    if level == 0 {
                        fault.code = FaultCode::from_qname(&name);
                        fault.code_name = name;
                    } else {
                        fault.subcodes.push(name);
                    }
                }
                "Subcode" => {
                    descended = true;
                    break;
                }
                _ => {
                    sc.skip(&child)?;
                }
            }
        }
        if !descended {
            break;
        }
        level += 1;
    }
    // Close the Subcode elements we descended into (each still has its end tag pending).
    for _ in 0..level {
        while let Some(child) = sc.next_child()? {
            sc.skip(&child)?;
        }
    }
    Ok(())
}

/// Append a `Fault` element for `fault` in `fault.version`, using the envelope prefix
/// `env` (declared by the caller's envelope).
pub fn write_fault(fault: &Fault, env: &str, out: &mut Vec<u8>) {
    let version = fault.version;
    let code_local = fault.code.local_for(version);
    match version {
        SoapVersion::Soap11 => {
            out.extend_from_slice(format!("<{env}:Fault>").as_bytes());
            // 1.1 has no subcodes: a non-standard code is written as the faultcode itself.
            match &fault.code {
                FaultCode::Other(q) => write_qname_element(out, "faultcode", q),
                _ => {
                    out.extend_from_slice(b"<faultcode>");
                    escape_text(out, &format!("{env}:{code_local}"));
                    out.extend_from_slice(b"</faultcode>");
                }
            }
            out.extend_from_slice(b"<faultstring>");
            escape_text(out, fault.reason());
            out.extend_from_slice(b"</faultstring>");
            if let Some(node) = &fault.node {
                out.extend_from_slice(b"<faultactor>");
                escape_text(out, node);
                out.extend_from_slice(b"</faultactor>");
            }
            if let Some(detail) = &fault.detail {
                out.extend_from_slice(b"<detail>");
                out.extend_from_slice(detail);
                out.extend_from_slice(b"</detail>");
            }
            out.extend_from_slice(format!("</{env}:Fault>").as_bytes());
        }
        SoapVersion::Soap12 => {
            out.extend_from_slice(format!("<{env}:Fault><{env}:Code><{env}:Value>").as_bytes());
            escape_text(out, &format!("{env}:{code_local}"));
            out.extend_from_slice(format!("</{env}:Value>").as_bytes());
            let mut subcodes: Vec<&QName> = Vec::new();
            if let FaultCode::Other(q) = &fault.code {
                subcodes.push(q);
            }
            subcodes.extend(fault.subcodes.iter());
            for q in &subcodes {
                out.extend_from_slice(format!("<{env}:Subcode>").as_bytes());
                write_qname_element(out, &format!("{env}:Value"), q);
            }
            for _ in &subcodes {
                out.extend_from_slice(format!("</{env}:Subcode>").as_bytes());
            }
            out.extend_from_slice(format!("</{env}:Code><{env}:Reason>").as_bytes());
            let default_reason = [FaultReason {
                lang: None,
                text: String::new(),
            }];
            let reasons = if fault.reasons.is_empty() {
                &default_reason[..]
            } else {
                &fault.reasons[..]
            };
            for r in reasons {
                // xml:lang is required on 1.2 Reason/Text.
                out.extend_from_slice(format!("<{env}:Text xml:lang=\"").as_bytes());
                escape_attr(out, r.lang.as_deref().unwrap_or("en"));
                out.extend_from_slice(b"\">");
                escape_text(out, &r.text);
                out.extend_from_slice(format!("</{env}:Text>").as_bytes());
            }
            out.extend_from_slice(format!("</{env}:Reason>").as_bytes());
            if let Some(node) = &fault.node {
                out.extend_from_slice(format!("<{env}:Node>").as_bytes());
                escape_text(out, node);
                out.extend_from_slice(format!("</{env}:Node>").as_bytes());
            }
            if let Some(role) = &fault.role {
                out.extend_from_slice(format!("<{env}:Role>").as_bytes());
                escape_text(out, role);
                out.extend_from_slice(format!("</{env}:Role>").as_bytes());
            }
            if let Some(detail) = &fault.detail {
                out.extend_from_slice(format!("<{env}:Detail>").as_bytes());
                out.extend_from_slice(detail);
                out.extend_from_slice(format!("</{env}:Detail>").as_bytes());
            }
            out.extend_from_slice(format!("</{env}:Fault>").as_bytes());
        }
    }
}

/// `<tag xmlns:fc="ns">fc:local</tag>`: a QName-valued element carrying its own
/// declaration so it does not depend on the envelope's prefixes.
fn write_qname_element(out: &mut Vec<u8>, tag: &str, q: &QName) {
    out.push(b'<');
    out.extend_from_slice(tag.as_bytes());
    match &q.namespace {
        Some(ns) => {
            out.extend_from_slice(b" xmlns:fc=\"");
            escape_attr(out, ns);
            out.extend_from_slice(b"\">fc:");
        }
        None => out.push(b'>'),
    }
    escape_text(out, &q.local);
    out.extend_from_slice(b"</");
    out.extend_from_slice(tag.as_bytes());
    out.push(b'>');
}

/// A complete fault envelope in `fault.version` (what a server sends back).
pub fn write_fault_envelope(fault: &Fault, out: &mut Vec<u8>) {
    let env = super::write::env_prefix(fault.version);
    let written: Result<(), std::convert::Infallible> =
        super::write::write_envelope(fault.version, out, &[], |o| {
            write_fault(fault, env, o);
            Ok(())
        });
    if let Err(never) = written {
        match never {}
    }
}
