//! SOAP operations → the `operations` module (per-operation
//! `OperationMeta` consts, fault enums, header structs) shared by the
//! `client` ([`crate::client`]) and `server` ([`crate::server`]) modules.
//!
//! This module decides, once, how every operation of every SOAP binding
//! looks in Rust ([`Op`]): its parameters, result, headers and faults. The
//! client and server emitters only arrange that into methods. All generic
//! work (envelopes, namespace scopes, fault decoding, routing) is in the
//! runtime's `ops` module: per operation we generate a few lines of glue.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use soapgen_ir::{
    Binding, BindingProtocol, Compositor, Content, Ir, MaxOccurs, Mep, Message, Operation,
    PartKind, Style, Term, TypeKind, TypeRef, Use,
};

use crate::ident::{doc_text, field_name, ident, type_name, unique};
use crate::names::{Names, Scope};
use crate::{Error, Options};

/// XML Schema namespace (builtin `xsi:type` values).
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// One body part or header value: its Rust variable, type and XML name.
#[derive(Clone)]
pub(crate) struct PartInfo {
    /// Variable / field identifier.
    pub var: Ident,
    /// Rust type (from a sibling module of the namespace modules).
    pub ty: TokenStream,
    /// Element (document, headers) or accessor (rpc) name.
    pub ns: String,
    pub local: String,
    /// The part's type name for `xsi:type` (rpc/encoded).
    pub xsi_type: Option<(String, String)>,
}

/// One message direction of an operation.
pub(crate) struct Body {
    /// `Some((ns, local))` of the rpc wrapper; `None` for document style.
    pub rpc: Option<(String, String)>,
    pub parts: Vec<PartInfo>,
    /// Header values (element name → field), with the struct holding them.
    pub headers: Vec<PartInfo>,
    pub headers_ty: Option<TokenStream>,
}

impl Body {
    /// The Rust type of the body: `()`, the single part, or a tuple.
    pub fn ty(&self) -> TokenStream {
        match self.parts.as_slice() {
            [one] => one.ty.clone(),
            parts => {
                let tys = parts.iter().map(|p| &p.ty);
                quote!((#(#tys),*))
            }
        }
    }

    /// Pattern binding the parts' variables from a value of [`Body::ty`].
    pub fn pattern(&self) -> TokenStream {
        match self.parts.as_slice() {
            [one] => {
                let v = &one.var;
                quote!(#v)
            }
            parts => {
                let vs = parts.iter().map(|p| &p.var);
                quote!((#(#vs),*))
            }
        }
    }
}

/// Document/literal wrapped: the wrapper struct's fields, for unwrapped
/// client methods.
pub(crate) struct Wrapped {
    /// Input wrapper type and its fields `(field, type)`.
    pub input_ty: TokenStream,
    pub input_fields: Vec<(Ident, TokenStream)>,
    /// The single output field to return, when the response wrapper has
    /// exactly one member.
    pub output_field: Option<(Ident, TokenStream)>,
}

/// How one operation looks in Rust.
pub(crate) struct Op {
    pub xml_name: String,
    pub method: Ident,
    pub doc: TokenStream,
    /// Path of the `OperationMeta` const (from a sibling module).
    pub meta: TokenStream,
    /// Path of the fault enum (from a sibling module).
    pub fault: TokenStream,
    pub input: Body,
    pub output: Body,
    pub wrapped: Option<Wrapped>,
    /// Routing key: the body element of a request.
    pub route: (String, String),
    pub soap_action: String,
}

/// A SOAP binding with its operations.
pub(crate) struct BindingInfo {
    pub index: usize,
    pub ops: Vec<Op>,
}

/// Everything the client and server emitters share.
pub(crate) struct Cx<'a> {
    pub ir: &'a Ir,
    pub opts: &'a Options,
    pub names: Names,
    pub rt: TokenStream,
    pub bindings: Vec<BindingInfo>,
}

/// Generates the `operations`, `client` and `server` modules.
pub(crate) fn emit(ir: &Ir, opts: &Options, names: Names) -> Result<TokenStream, Error> {
    if !opts.client && !opts.server {
        return Ok(TokenStream::new());
    }
    // The SOAP modules name the runtime `rt` (short paths keep the
    // generated text small); `Names` still writes full paths for types.
    let runtime = names.runtime().clone();
    let use_rt = quote!(use #runtime as rt;);
    let mut cx = Cx {
        ir,
        opts,
        names,
        rt: quote!(rt),
        bindings: Vec::new(),
    };
    let items = cx.analyse();
    if cx.bindings.is_empty() {
        return Ok(TokenStream::new());
    }
    let mods = ModuleIdents::new(&cx.names);
    let ops_mod = &mods.operations;
    let lints = quote! {
        #[allow(
            clippy::too_many_arguments,
            clippy::type_complexity,
            clippy::large_enum_variant,
            clippy::module_name_repetitions,
            clippy::too_many_lines,
            unused_imports
        )]
    };
    let mut out = quote! {
        /// Per-operation metadata, fault enums and header structs of the SOAP bindings.
        #lints
        pub mod #ops_mod {
                #use_rt
            #(#items)*
        }
    };
    if opts.client {
        let m = &mods.client;
        let items = crate::client::emit(&cx);
        out.extend(quote! {
            /// SOAP clients, one per port.
            #lints
            pub mod #m {
                #use_rt
                #(#items)*
            }
        });
    }
    if opts.server {
        let m = &mods.server;
        let items = crate::server::emit(&cx);
        out.extend(quote! {
            /// SOAP server skeletons: a trait per port type and a request
            /// handler per binding.
            #lints
            pub mod #m {
                #use_rt
                #(#items)*
            }
        });
    }
    Ok(out)
}

/// Identifiers of the generated SOAP modules (distinct from the namespace modules).
pub(crate) struct ModuleIdents {
    pub operations: Ident,
    pub client: Ident,
    pub server: Ident,
}

impl ModuleIdents {
    fn new(names: &Names) -> ModuleIdents {
        let mut taken: BTreeSet<String> = names
            .modules
            .iter()
            .map(|m| m.ident.to_lowercase())
            .collect();
        let mut pick = |base: &str| ident(&unique(&mut taken, base.to_string(), "_"));
        ModuleIdents {
            operations: pick("operations"),
            client: pick("client"),
            server: pick("server"),
        }
    }
}

impl Cx<'_> {
    /// Decides every operation's shape; returns the items of `operations`.
    fn analyse(&mut self) -> Vec<TokenStream> {
        let ir = self.ir;
        let rt = self.rt.clone();
        let mods = ModuleIdents::new(&self.names);
        let ops_mod = mods.operations;
        let mut items = Vec::new();
        let mut taken = BTreeSet::new();
        // Fault enums shared by operations declaring the same faults.
        let mut fault_enums: BTreeMap<String, TokenStream> = BTreeMap::new();
        for (bi, b) in ir.bindings.iter().enumerate() {
            if !matches!(
                b.protocol,
                BindingProtocol::Soap11 | BindingProtocol::Soap12
            ) {
                continue;
            }
            let mut methods = BTreeSet::new();
            let mut ops = Vec::new();
            for op in &b.operations {
                if !matches!(op.mep, Mep::RequestResponse | Mep::OneWay) {
                    continue;
                }
                let Some(input) = &op.input else { continue };
                let meta_name = unique(
                    &mut taken,
                    format!(
                        "{}_{}",
                        field_name(&b.name.local).to_uppercase(),
                        field_name(&op.name).to_uppercase()
                    ),
                    "_",
                );
                let meta_id = ident(&meta_name);
                items.push(self.meta_const(b, op, &meta_id));
                let fault = self.fault_enum(op, &mut taken, &mut fault_enums, &mut items, &ops_mod);
                let in_body = self.body(op, input, false, &mut taken, &mut items, &ops_mod);
                let out_body = match &op.output {
                    Some(m) => self.body(op, m, true, &mut taken, &mut items, &ops_mod),
                    None => Body {
                        rpc: None,
                        parts: Vec::new(),
                        headers: Vec::new(),
                        headers_ty: None,
                    },
                };
                let route = match &in_body.rpc {
                    Some(w) => w.clone(),
                    None => in_body
                        .parts
                        .first()
                        .map(|p| (p.ns.clone(), p.local.clone()))
                        .unwrap_or_default(),
                };
                let wrapped = if op.wrapped && in_body.rpc.is_none() {
                    self.wrapped(input, op.output.as_ref())
                } else {
                    None
                };
                let doc = op_doc(op);
                ops.push(Op {
                    xml_name: op.name.clone(),
                    method: ident(&unique(&mut methods, field_name(&op.name), "_")),
                    doc,
                    meta: quote!(super::#ops_mod::#meta_id),
                    fault,
                    input: in_body,
                    output: out_body,
                    wrapped,
                    route,
                    soap_action: op.soap_action.clone().unwrap_or_default(),
                });
            }
            self.bindings.push(BindingInfo { index: bi, ops });
        }
        let _ = rt;
        items
    }

    fn meta_const(&self, b: &Binding, op: &Operation, id: &Ident) -> TokenStream {
        let rt = &self.rt;
        let name = &op.name;
        let action = op.soap_action.clone().unwrap_or_default();
        let version = match b.protocol {
            BindingProtocol::Soap12 => quote!(#rt::soap::SoapVersion::Soap12),
            _ => quote!(#rt::soap::SoapVersion::Soap11),
        };
        let style = match op.style {
            Style::Rpc => quote!(#rt::soap::Style::Rpc),
            Style::Document => quote!(#rt::soap::Style::Document),
        };
        let encoded = op.input.as_ref().is_some_and(|m| m.use_ == Use::Encoded);
        let body_use = if encoded {
            quote!(#rt::soap::Use::Encoded)
        } else {
            quote!(#rt::soap::Use::Literal)
        };
        let one_way = op.output.is_none();
        let doc = format!(" Operation `{name}` of binding `{}`.", b.name.local);
        quote! {
            #[doc = #doc]
            pub const #id: #rt::soap::OperationMeta =
                #rt::ops::meta(#name, #action, #version, #style, #body_use, #one_way);
        }
    }

    /// The Rust type of a part (from a sibling module).
    fn part_type(&self, kind: &PartKind) -> TokenStream {
        match kind {
            PartKind::Element(e) => self.names.element_type(self.ir, *e, Scope::Sibling),
            PartKind::Type(t) => self.names.type_ref(*t, Scope::Sibling),
        }
    }

    fn xsi_type(&self, t: TypeRef) -> Option<(String, String)> {
        match t {
            TypeRef::Builtin(b) => Some((XSD_NS.to_string(), b.local_name().to_string())),
            TypeRef::Named(id) => {
                let t = &self.ir.types[id.0];
                (!t.anonymous).then(|| (t.name.ns.clone(), t.name.local.clone()))
            }
        }
    }

    fn body(
        &self,
        op: &Operation,
        m: &Message,
        response: bool,
        taken: &mut BTreeSet<String>,
        items: &mut Vec<TokenStream>,
        ops_mod: &Ident,
    ) -> Body {
        let rpc_ns = m
            .namespace
            .clone()
            .or_else(|| self.ir.target_namespace.clone())
            .unwrap_or_default();
        let encoded = m.use_ == Use::Encoded;
        let mut vars = BTreeSet::new();
        // Names the generated glue uses for its own locals.
        for reserved in [
            "soap_headers",
            "op",
            "o",
            "resp",
            "req",
            "result",
            "out_headers",
            "h",
        ] {
            vars.insert(reserved.to_string());
        }
        let parts = m
            .parts
            .iter()
            .map(|p| {
                let (ns, local) = match (&p.kind, op.style) {
                    (PartKind::Element(e), _) => {
                        let d = &self.ir.elements[e.0];
                        (d.name.ns.clone(), d.name.local.clone())
                    }
                    (PartKind::Type(_), Style::Rpc) => (String::new(), p.name.clone()),
                    // Document style with a type part (not WS-I): an
                    // element named after the part, unqualified.
                    (PartKind::Type(_), Style::Document) => (String::new(), p.name.clone()),
                };
                let xsi_type = match (&p.kind, encoded) {
                    (PartKind::Type(t), true) => self.xsi_type(*t),
                    _ => None,
                };
                PartInfo {
                    var: ident(&unique(&mut vars, field_name(&p.name), "_")),
                    ty: self.part_type(&p.kind),
                    ns,
                    local,
                    xsi_type,
                }
            })
            .collect();
        let rpc = (op.style == Style::Rpc).then(|| {
            let local = if response {
                format!("{}Response", op.name)
            } else {
                op.name.clone()
            };
            (rpc_ns, local)
        });
        // Header values: a struct with one optional field per header part.
        let mut headers = Vec::new();
        let mut fields = BTreeSet::new();
        for h in &m.headers {
            let (ns, local) = match &h.part.kind {
                PartKind::Element(e) => {
                    let d = &self.ir.elements[e.0];
                    (d.name.ns.clone(), d.name.local.clone())
                }
                PartKind::Type(_) => (h.namespace.clone().unwrap_or_default(), h.part.name.clone()),
            };
            if headers
                .iter()
                .any(|x: &PartInfo| x.ns == ns && x.local == local)
            {
                continue;
            }
            headers.push(PartInfo {
                var: ident(&unique(&mut fields, field_name(&local), "_")),
                ty: self.part_type(&h.part.kind),
                ns,
                local,
                xsi_type: None,
            });
        }
        let headers_ty = if headers.is_empty() {
            None
        } else {
            let base = if response {
                format!("{}ResponseHeaders", type_name(&op.name))
            } else {
                format!("{}Headers", type_name(&op.name))
            };
            let name = ident(&unique(taken, base, ""));
            let fields = headers.iter().map(|h| {
                let (v, ty) = (&h.var, &h.ty);
                let doc = format!(" Header block `{{{}}}{}`.", h.ns, h.local);
                quote!(#[doc = #doc] pub #v: ::core::option::Option<#ty>,)
            });
            let doc = format!(
                " SOAP header blocks of the {} of `{}`.",
                if response { "response" } else { "request" },
                op.name
            );
            items.push(quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, Default, PartialEq)]
                pub struct #name { #(#fields)* }
            });
            Some(quote!(super::#ops_mod::#name))
        };
        Body {
            rpc,
            parts,
            headers,
            headers_ty,
        }
    }

    /// The fault enum of `op` (shared with earlier operations declaring the
    /// same faults).
    fn fault_enum(
        &self,
        op: &Operation,
        taken: &mut BTreeSet<String>,
        enums: &mut BTreeMap<String, TokenStream>,
        items: &mut Vec<TokenStream>,
        ops_mod: &Ident,
    ) -> TokenStream {
        let rt = &self.rt;
        // (variant, type, element ns, element local, wsdl fault name)
        let mut variants = Vec::new();
        let mut vnames = BTreeSet::new();
        for f in &op.faults {
            let Some(part) = f.parts.first() else {
                continue;
            };
            let (ns, local) = match &part.kind {
                PartKind::Element(e) => {
                    let d = &self.ir.elements[e.0];
                    (d.name.ns.clone(), d.name.local.clone())
                }
                PartKind::Type(_) => (f.namespace.clone().unwrap_or_default(), part.name.clone()),
            };
            let ty = self.part_type(&part.kind);
            let v = ident(&unique(&mut vnames, type_name(&f.name), ""));
            variants.push((v, ty, ns, local, f.name.clone()));
        }
        if variants.is_empty() {
            return quote!(#rt::ops::NoFault);
        }
        let key = variants
            .iter()
            .map(|(v, ty, ns, local, n)| format!("{v}|{ty}|{ns}|{local}|{n}"))
            .collect::<Vec<_>>()
            .join("\n");
        if let Some(path) = enums.get(&key) {
            return path.clone();
        }
        // Named after the fault when there is one (operations usually share
        // it), after the operation otherwise.
        let base = match variants.as_slice() {
            [(v, ..)] if v.to_string().ends_with("Fault") => v.to_string(),
            [(v, ..)] => format!("{v}Fault"),
            _ => format!("{}Faults", type_name(&op.name)),
        };
        let name = ident(&unique(taken, base, ""));
        let decls = variants.iter().map(|(v, ty, ns, local, _)| {
            let doc = format!(" Fault detail `{{{ns}}}{local}`.");
            quote!(#[doc = #doc] #v(#ty),)
        });
        let reads = variants.iter().map(|(v, _, ns, local, _)| {
            let lit = proc_macro2::Literal::byte_string(local.as_bytes());
            quote!(#lit if r.ns_is(#ns) => Some(r.read().map(Self::#v)),)
        });
        let writes = variants.iter().map(|(v, _, ns, local, _)| {
            quote!(Self::#v(d) => #rt::ops::write_element(out, d, #rt::xml::Name::new(#ns, #local)),)
        });
        let fault_names = variants
            .iter()
            .map(|(v, _, _, _, n)| quote!(Self::#v(_) => #n,));
        let doc = format!(
            " Faults declared by `{}` (and every operation declaring the same ones).",
            op.name
        );
        items.push(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#decls)* }
            impl #rt::ops::FaultDetail for #name {
                fn read_detail(local: &[u8], r: &mut #rt::xml::XmlReader<'_>) -> ::core::option::Option<::core::result::Result<Self, #rt::xml::Error>> {
                    match local {
                        #(#reads)*
                        _ => None,
                    }
                }
                fn write_detail(&self, out: &mut ::std::vec::Vec<u8>) {
                    match self { #(#writes)* }
                }
                fn fault_name(&self) -> &'static str {
                    match self { #(#fault_names)* }
                }
            }
        });
        let path = quote!(super::#ops_mod::#name);
        enums.insert(key, path.clone());
        path
    }

    /// The wrapper fields of a document/literal wrapped operation, when
    /// the wrapper types are plain generated structs of elements.
    fn wrapped(&self, input: &Message, output: Option<&Message>) -> Option<Wrapped> {
        let in_el = match input.parts.as_slice() {
            [p] => match p.kind {
                PartKind::Element(e) => e,
                PartKind::Type(_) => return None,
            },
            _ => return None,
        };
        let input_fields = self.wrapper_fields(self.ir.elements[in_el.0].type_ref)?;
        let output_field = output
            .and_then(|m| match m.parts.as_slice() {
                [p] => match p.kind {
                    PartKind::Element(e) => Some(e),
                    PartKind::Type(_) => None,
                },
                _ => None,
            })
            .and_then(|e| self.wrapper_fields(self.ir.elements[e.0].type_ref))
            .and_then(|f| {
                if f.len() == 1 {
                    f.into_iter().next()
                } else {
                    None
                }
            });
        Some(Wrapped {
            input_ty: self.names.element_type(self.ir, in_el, Scope::Sibling),
            input_fields,
            output_field,
        })
    }

    /// The fields the type emitter gives a wrapper struct, or `None` when
    /// it is not a flat sequence of elements (then no unwrapped method).
    fn wrapper_fields(&self, t: TypeRef) -> Option<Vec<(Ident, TokenStream)>> {
        let TypeRef::Named(id) = t else { return None };
        if self.names.is_overridden(id) || self.names.poly.contains_key(&id) {
            return None;
        }
        let TypeKind::Complex(c) = &self.ir.types[id.0].kind else {
            return None;
        };
        if !c.attributes.is_empty() || c.any_attribute.is_some() {
            return None;
        }
        let particles = match &c.content {
            Content::Empty => return Some(Vec::new()),
            Content::Elements(p) => match &p.term {
                Term::Group(g)
                    if g.compositor != Compositor::Choice
                        && p.min_occurs == 1
                        && p.max_occurs == MaxOccurs::Bounded(1) =>
                {
                    &g.particles
                }
                _ => return None,
            },
            Content::Simple(_) => return None,
        };
        let rt = &self.rt;
        let mut taken = BTreeSet::new();
        let mut out = Vec::new();
        for p in particles {
            let Term::Element(e) = &p.term else {
                return None;
            };
            if e.global.is_some_and(|g| self.names.subst.contains_key(&g)) {
                return None;
            }
            let many = match p.max_occurs {
                MaxOccurs::Bounded(0) => continue,
                MaxOccurs::Bounded(1) => false,
                _ => true,
            };
            let field = unique(&mut taken, field_name(&e.name.local), "_");
            let mut ty = self.names.type_ref(e.type_ref, Scope::Sibling);
            if e.recursive && !many {
                ty = quote!(::std::boxed::Box<#ty>);
            }
            if e.nillable {
                ty = quote!(#rt::types::Nillable<#ty>);
            }
            let ty = if many {
                quote!(::std::vec::Vec<#ty>)
            } else if p.min_occurs == 0 {
                quote!(::core::option::Option<#ty>)
            } else {
                ty
            };
            out.push((ident(&field), ty));
        }
        Some(out)
    }
}

fn op_doc(op: &Operation) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(d) = &op.doc {
        let d = doc_text(d);
        lines.extend(d.lines().map(|l| format!(" {l}")));
        lines.push(String::new());
    }
    lines.push(format!(" SOAP operation `{}`.", op.name));
    quote!(#(#[doc = #lines])*)
}
