//! WSDL 1.1: bindings bound to their port types and messages, operations
//! with their effective style/use, parts, headers and faults; services.

use super::{q, Resolver};
use crate::error::{loc, Error, ErrorKind};
use crate::model::*;
use soapgen_parser::wsdl as w;
use std::collections::BTreeMap;

struct Index<'s> {
    messages: BTreeMap<QName, &'s w::Message>,
    port_types: BTreeMap<QName, &'s w::PortType>,
    bindings: BTreeMap<QName, BindingId>,
}

fn tns(d: &w::Definitions) -> String {
    d.target_namespace.clone().unwrap_or_default()
}

fn use_of(u: Option<&str>) -> Use {
    match u.map(str::trim) {
        Some("encoded") => Use::Encoded,
        _ => Use::Literal,
    }
}

fn style_of(s: Option<&str>) -> Option<Style> {
    match s.map(str::trim) {
        Some("rpc") => Some(Style::Rpc),
        Some("document") => Some(Style::Document),
        _ => None,
    }
}

pub(crate) fn resolve_wsdl(r: &mut Resolver) -> Result<(Vec<Binding>, Vec<Service>), Error> {
    let set = r.set;
    let mut ix = Index {
        messages: BTreeMap::new(),
        port_types: BTreeMap::new(),
        bindings: BTreeMap::new(),
    };
    let mut binding_src = Vec::new();
    for d in set.definitions() {
        let ns = tns(d);
        for m in &d.messages {
            ix.messages
                .entry(QName::new(ns.clone(), m.name.clone()))
                .or_insert(m);
        }
        for p in &d.port_types {
            ix.port_types
                .entry(QName::new(ns.clone(), p.name.clone()))
                .or_insert(p);
        }
        for b in &d.bindings {
            let name = QName::new(ns.clone(), b.name.clone());
            if !ix.bindings.contains_key(&name) {
                ix.bindings
                    .insert(name.clone(), BindingId(binding_src.len()));
                binding_src.push((name, b));
            }
        }
    }
    let mut bindings = Vec::with_capacity(binding_src.len());
    for (name, b) in binding_src {
        bindings.push(binding(r, &ix, name, b)?);
    }
    let mut services = Vec::new();
    for d in set.definitions() {
        let ns = tns(d);
        for s in &d.services {
            let mut ports = Vec::new();
            for p in &s.ports {
                let Some(&bid) = ix.bindings.get(&q(&p.binding)) else {
                    return Err(Error::new(
                        ErrorKind::UnresolvedName,
                        format!(
                            "binding {} of port '{}' is not defined",
                            q(&p.binding),
                            p.name
                        ),
                        Some(loc(&p.location)),
                    ));
                };
                ports.push(Port {
                    name: p.name.clone(),
                    binding: bid,
                    address: p.address.clone(),
                    location: loc(&p.location),
                });
            }
            services.push(Service {
                name: QName::new(ns.clone(), s.name.clone()),
                doc: s.doc.clone(),
                ports,
                location: loc(&s.location),
            });
        }
    }
    Ok((bindings, services))
}

fn binding(r: &mut Resolver, ix: &Index, name: QName, b: &w::Binding) -> Result<Binding, Error> {
    let pt_name = q(&b.port_type);
    let Some(pt) = ix.port_types.get(&pt_name).copied() else {
        return Err(Error::new(
            ErrorKind::UnresolvedName,
            format!("port type {pt_name} of binding '{}' is not defined", b.name),
            Some(loc(&b.location)),
        ));
    };
    let protocol = match b.protocol {
        w::Protocol::Soap11 => BindingProtocol::Soap11,
        w::Protocol::Soap12 => BindingProtocol::Soap12,
        w::Protocol::Http => BindingProtocol::Http,
        w::Protocol::Other => BindingProtocol::Other,
    };
    let binding_style = style_of(b.style.as_deref());
    let mut operations = Vec::new();
    // Port type operations by name, built once: a linear search per bound
    // operation made services with tens of thousands of operations quadratic.
    let mut by_name: BTreeMap<&str, Vec<&w::PortTypeOperation>> = BTreeMap::new();
    for o in &pt.operations {
        by_name.entry(o.name.as_str()).or_default().push(o);
    }
    for bop in &b.operations {
        // Overloaded operations are told apart by their input/output names.
        let candidates: &[&w::PortTypeOperation] = by_name
            .get(bop.name.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let op = if candidates.len() > 1 {
            let in_name = bop.input.as_ref().and_then(|i| i.name.clone());
            candidates
                .iter()
                .copied()
                .find(|o| o.input.as_ref().and_then(|i| i.name.clone()) == in_name)
                .or(candidates.first().copied())
        } else {
            candidates.first().copied()
        };
        let Some(op) = op else {
            return Err(Error::new(
                ErrorKind::UnresolvedName,
                format!(
                    "binding '{}' binds operation '{}', which port type {pt_name} does not declare",
                    b.name, bop.name
                ),
                Some(loc(&bop.location)),
            ));
        };
        // An operation whose messages name undefined parts/elements is
        // dropped with a warning rather than failing the whole document set
        // (other clients do the same; the rest of the service is usable).
        match operation(r, ix, b, binding_style, op, bop) {
            Ok(o) => operations.push(o),
            Err(e) if e.kind == ErrorKind::UnresolvedName => r.warn(
                format!(
                    "operation '{}' of binding '{}' is skipped: {}",
                    bop.name, b.name, e.message
                ),
                e.location.clone(),
            ),
            Err(e) => return Err(e),
        }
    }
    Ok(Binding {
        name,
        port_type: pt_name,
        protocol,
        transport: b.transport.clone(),
        doc: pt.doc.clone().or_else(|| b.doc.clone()),
        operations,
        location: loc(&b.location),
    })
}

fn part_kind(r: &Resolver, p: &w::Part) -> Result<PartKind, Error> {
    if let Some(e) = &p.element {
        return match r.element_ids.get(&q(e)) {
            Some(&id) => Ok(PartKind::Element(id)),
            None => Err(r.unresolved("element", e, &p.location)),
        };
    }
    if let Some(t) = &p.type_ {
        return r.lookup_type(t, &p.location).map(PartKind::Type);
    }
    Err(Error::new(
        ErrorKind::Invalid,
        format!("message part '{}' has neither @element nor @type", p.name),
        Some(loc(&p.location)),
    ))
}

fn find_message<'s>(
    r: &Resolver,
    ix: &Index<'s>,
    name: &soapgen_parser::QName,
    at: &soapgen_parser::Location,
) -> Result<&'s w::Message, Error> {
    ix.messages
        .get(&q(name))
        .copied()
        .ok_or_else(|| r.unresolved("message", name, at))
}

fn find_part<'m>(
    m: &'m w::Message,
    part: &str,
    at: &soapgen_parser::Location,
) -> Result<&'m w::Part, Error> {
    m.parts.iter().find(|p| p.name == part).ok_or_else(|| {
        Error::new(
            ErrorKind::UnresolvedName,
            format!("message '{}' has no part '{part}'", m.name),
            Some(loc(at)),
        )
    })
}

fn header(r: &Resolver, ix: &Index, h: &w::SoapHeader) -> Result<Header, Error> {
    let m = find_message(r, ix, &h.message, &h.location)?;
    let p = find_part(m, &h.part, &h.location)?;
    let mut header_faults = Vec::new();
    for hf in &h.header_faults {
        let fm = find_message(r, ix, &hf.message, &hf.location)?;
        let fp = find_part(fm, &hf.part, &hf.location)?;
        header_faults.push(HeaderFault {
            message: q(&hf.message),
            part: Part {
                name: fp.name.clone(),
                kind: part_kind(r, fp)?,
            },
            use_: use_of(hf.use_.as_deref()),
        });
    }
    Ok(Header {
        message: q(&h.message),
        part: Part {
            name: p.name.clone(),
            kind: part_kind(r, p)?,
        },
        use_: use_of(h.use_.as_deref()),
        namespace: h.namespace.clone(),
        encoding_style: h.encoding_style.clone(),
        header_faults,
    })
}

#[allow(clippy::too_many_arguments)]
fn message(
    r: &Resolver,
    ix: &Index,
    io: &w::IoRef,
    bio: Option<&w::BindingIo>,
    default_name: String,
    parameter_order: Option<&Vec<String>>,
) -> Result<Message, Error> {
    let m = find_message(r, ix, &io.message, &io.location)?;
    let body = bio.and_then(|b| b.body.clone()).unwrap_or_default();
    let mut headers = Vec::new();
    for h in bio.map(|b| b.headers.as_slice()).unwrap_or(&[]) {
        headers.push(header(r, ix, h)?);
    }
    let selected: Vec<&w::Part> = match &body.parts {
        Some(names) => {
            let mut v = Vec::new();
            for n in names {
                v.push(find_part(
                    m,
                    n,
                    bio.map(|b| &b.location).unwrap_or(&io.location),
                )?);
            }
            v
        }
        None => {
            // Parts bound as headers of this same message are not in the body.
            let in_header = |p: &w::Part| {
                headers
                    .iter()
                    .any(|h| h.message == q(&io.message) && h.part.name == p.name)
            };
            let mut v: Vec<&w::Part> = m.parts.iter().filter(|p| !in_header(p)).collect();
            if let Some(order) = parameter_order {
                let pos = |p: &w::Part| {
                    order
                        .iter()
                        .position(|o| *o == p.name)
                        .unwrap_or(usize::MAX)
                };
                v.sort_by_key(|p| pos(p));
            }
            v
        }
    };
    let mut parts = Vec::with_capacity(selected.len());
    for p in selected {
        parts.push(Part {
            name: p.name.clone(),
            kind: part_kind(r, p)?,
        });
    }
    Ok(Message {
        name: q(&io.message),
        io_name: Some(io.name.clone().unwrap_or(default_name)),
        use_: use_of(body.use_.as_deref()),
        namespace: body.namespace.clone(),
        encoding_style: body.encoding_style.clone(),
        parts,
        headers,
    })
}

fn operation(
    r: &mut Resolver,
    ix: &Index,
    b: &w::Binding,
    binding_style: Option<Style>,
    op: &w::PortTypeOperation,
    bop: &w::BindingOperation,
) -> Result<Operation, Error> {
    let mep = match (&op.input, &op.output) {
        (Some(_), Some(_)) if op.output_first => Mep::SolicitResponse,
        (Some(_), Some(_)) => Mep::RequestResponse,
        (Some(_), None) => Mep::OneWay,
        (None, Some(_)) => Mep::Notification,
        (None, None) => {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!("operation '{}' has neither input nor output", op.name),
                Some(loc(&op.location)),
            ))
        }
    };
    let (in_default, out_default) = match mep {
        Mep::RequestResponse => (
            format!("{}Request", op.name),
            format!("{}Response", op.name),
        ),
        Mep::SolicitResponse => (
            format!("{}Solicit", op.name),
            format!("{}Response", op.name),
        ),
        _ => (op.name.clone(), op.name.clone()),
    };
    let style = style_of(bop.style.as_deref())
        .or(binding_style)
        .unwrap_or(Style::Document);
    let rpc_order = if style == Style::Rpc {
        op.parameter_order.as_ref()
    } else {
        None
    };
    let input = match &op.input {
        Some(io) => Some(message(
            r,
            ix,
            io,
            bop.input.as_ref(),
            in_default,
            rpc_order,
        )?),
        None => None,
    };
    let output = match &op.output {
        Some(io) => Some(message(r, ix, io, bop.output.as_ref(), out_default, None)?),
        None => None,
    };
    let mut faults = Vec::new();
    for bf in &bop.faults {
        let Some(fr) = op.faults.iter().find(|f| f.name == bf.name) else {
            return Err(Error::new(
                ErrorKind::UnresolvedName,
                format!(
                    "fault '{}' is not declared by the port type operation '{}'",
                    bf.name, op.name
                ),
                Some(loc(&bf.location)),
            ));
        };
        let m = find_message(r, ix, &fr.message, &fr.location)?;
        let mut parts = Vec::new();
        for p in &m.parts {
            parts.push(Part {
                name: p.name.clone(),
                kind: part_kind(r, p)?,
            });
        }
        faults.push(Fault {
            name: bf.name.clone(),
            message: q(&fr.message),
            use_: use_of(bf.use_.as_deref()),
            namespace: bf.namespace.clone(),
            parts,
        });
    }
    // Port type faults the binding does not mention are kept too (an HTTP
    // binding has no fault bindings, the abstract contract still has them).
    for fr in &op.faults {
        if faults.iter().any(|f| f.name == fr.name) {
            continue;
        }
        if b.protocol != w::Protocol::Http && b.protocol != w::Protocol::Other {
            r.warn(
                format!(
                    "fault '{}' of operation '{}' has no fault binding in '{}'",
                    fr.name, op.name, b.name
                ),
                Some(loc(&bop.location)),
            );
        }
    }
    let wrapped = style == Style::Document
        && input
            .as_ref()
            .is_some_and(|m| wrapped_part(r, m, Some(&op.name)))
        && output.as_ref().is_none_or(|m| wrapped_part(r, m, None));
    Ok(Operation {
        name: op.name.clone(),
        doc: op.doc.clone().or_else(|| bop.doc.clone()),
        mep,
        style,
        soap_action: bop.soap_action.clone(),
        parameter_order: op.parameter_order.clone(),
        input,
        output,
        faults,
        wrapped,
        location: loc(&bop.location),
    })
}

/// One literal part by element whose type is a complex type made of a
/// sequence of elements (or empty) and has no attributes.
fn wrapped_part(r: &Resolver, m: &Message, op_name: Option<&str>) -> bool {
    if m.use_ != Use::Literal || m.parts.len() != 1 {
        return false;
    }
    let PartKind::Element(eid) = m.parts[0].kind else {
        return false;
    };
    let (_, e) = r.element_src[eid.0];
    if let Some(n) = op_name {
        if e.name.as_deref() != Some(n) {
            return false;
        }
    }
    let Some(TypeRef::Named(t)) = r.element_type[eid.0] else {
        return false;
    };
    match r.types[t.0].as_ref().map(|t| &t.kind) {
        Some(TypeKind::Complex(c)) => {
            c.attributes.is_empty()
                && match &c.content {
                    Content::Empty => true,
                    Content::Elements(p) => match &p.term {
                        Term::Group(g) => {
                            g.compositor == Compositor::Sequence
                                && g.particles
                                    .iter()
                                    .all(|p| matches!(p.term, Term::Element(_)))
                        }
                        _ => false,
                    },
                    Content::Simple(_) => false,
                }
        }
        _ => false,
    }
}
