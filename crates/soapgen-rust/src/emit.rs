//! IR types → Rust items: structs, enums, newtypes and their XML
//! reader/writer impls. Per-type code is kept to a field-dispatch `match`
//! plus calls into the runtime's generic helpers.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use soapgen_ir::{
    ArrayType, Attribute, Builtin, ComplexType, Compositor, Content, ElementId, ElementParticle,
    Facets, Ir, MaxOccurs, ModelGroup, Particle, SimpleType, SimpleVariety, Term, TypeId, TypeKind,
    TypeRef,
};

use crate::ident::{doc_text, field_name, ident, type_name, unique};
use crate::names::{Names, Scope};
use crate::{Error, Options, UnknownElements};

/// The XML Schema namespace (builtin item types of encoded arrays).
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The SOAP 1.1 encoding namespace (`soapenc:arrayType`).
const SOAP11_ENC_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// How often a member occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Occ {
    One,
    Opt,
    Many,
}

fn occ_of(min: u32, max: MaxOccurs) -> Option<Occ> {
    match max {
        MaxOccurs::Bounded(0) => None,
        MaxOccurs::Bounded(1) => Some(if min == 0 { Occ::Opt } else { Occ::One }),
        _ => Some(Occ::Many),
    }
}

/// One element name a member accepts, with how to wrap the value read.
struct Accept {
    ns: String,
    local: String,
    /// `Some(path::Enum::Variant)` for substitution group members.
    wrap: Option<TokenStream>,
}

enum MemberKind {
    /// An element (or a substitution group head with its members).
    Element {
        accepts: Vec<Accept>,
        /// Name used when writing (the head's, for substitution enums,
        /// which write their own names).
        ns: String,
        local: String,
    },
    /// A nested model group with its own type.
    Group,
    /// An `xs:any` wildcard.
    Any,
}

struct Member {
    field: String,
    occ: Occ,
    /// Type of one value (before `Option`/`Vec`).
    value_ty: TokenStream,
    kind: MemberKind,
    /// Schema documentation and the "where from" line.
    doc: Option<String>,
    origin: Option<String>,
}

struct Cx<'a> {
    ir: &'a Ir,
    opts: &'a Options,
    names: &'a Names,
    rt: TokenStream,
    derives: TokenStream,
    taken: Vec<BTreeSet<String>>,
    items: Vec<Vec<TokenStream>>,
    /// The module being emitted into.
    cur: usize,
}

pub(crate) fn emit(ir: &Ir, opts: &Options, names: &Names) -> Result<TokenStream, Error> {
    let mut derive_paths = Vec::new();
    for d in &opts.extra_derives {
        let p = syn::parse_str::<syn::Path>(d)
            .map_err(|e| Error::InvalidOption(format!("extra derive `{d}`: {e}")))?;
        derive_paths.push(quote!(#p));
    }
    // The emitter claims further names (nested types, enums); the SOAP
    // modules get the untouched `Names`, so work on a copy of the set.
    let taken = names.taken.clone();
    let mut cx = Cx {
        ir,
        opts,
        rt: quote!(rt),
        derives: quote!(#(, #derive_paths)*),
        items: vec![Vec::new(); names.modules.len()],
        names,
        taken,
        cur: 0,
    };
    for (i, t) in ir.types.iter().enumerate() {
        let id = TypeId(i);
        if cx.names.is_overridden(id) {
            continue;
        }
        match &t.kind {
            TypeKind::Simple(s) => cx.simple_type(id, s),
            TypeKind::Complex(c) => cx.complex_type(id, c),
        }
    }
    let polys: Vec<TypeId> = cx.names.poly.keys().copied().collect();
    for id in polys {
        cx.poly_enum(id);
    }
    let substs: Vec<ElementId> = cx.names.subst.keys().copied().collect();
    for id in substs {
        cx.subst_enum(id);
    }

    let lints = quote! {
        #[allow(
            clippy::large_enum_variant,
            clippy::enum_variant_names,
            clippy::module_name_repetitions,
            clippy::too_many_lines
        )]
    };
    let runtime = names.runtime();
    // Every generated module names the runtime through this alias (no
    // generated item is lower-case, so it cannot clash).
    let header = quote! {
        #[allow(unused_imports)]
        use #runtime as rt;
    };
    let mut out = TokenStream::new();
    if cx.names.is_flat() {
        out.extend(header);
        for item in cx.items.into_iter().flatten() {
            out.extend(item);
        }
        return Ok(out);
    }
    for (m, items) in cx.items.into_iter().enumerate() {
        let module = &cx.names.modules[m];
        let mid = ident(&module.ident);
        let ns_const = if module.ns.is_empty() {
            quote!()
        } else {
            let ns = &module.ns;
            quote! {
                /// This module's namespace.
                pub const NS: &str = #ns;
            }
        };
        let doc = format!(
            " Types of the namespace `{}`.",
            if module.ns.is_empty() {
                "(none)"
            } else {
                &module.ns
            }
        );
        out.extend(quote! {
            #[doc = #doc]
            #lints
            pub mod #mid {
                #header
                #ns_const
                #(#items)*
            }
        });
    }
    Ok(out)
}

fn bytes(s: &str) -> Literal {
    Literal::byte_string(s.as_bytes())
}

fn doc_attr(doc: Option<&str>, origin: Option<String>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    if let Some(d) = doc {
        let d = doc_text(d);
        if !d.is_empty() {
            lines.extend(d.lines().map(|l| format!(" {l}")));
        }
    }
    if let Some(o) = origin {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(" {o}"));
    }
    // One attribute per line, so that it prints as `///` comments.
    quote!(#(#[doc = #lines])*)
}

fn qname_text(ns: &str, local: &str) -> String {
    if ns.is_empty() {
        format!("`{local}`")
    } else {
        format!("`{{{ns}}}{local}`")
    }
}

impl Cx<'_> {
    /// A prelude type (`Option`, `Vec`, ...) as written in the current
    /// module: short, unless a generated type of that name shadows it.
    fn p(&self, name: &str) -> TokenStream {
        self.names.prelude(name, Scope::Module(self.cur))
    }

    /// Whether generated types may derive `Default` (not when the user's
    /// extra derives already do).
    fn default_ok(&self) -> bool {
        !self
            .opts
            .extra_derives
            .iter()
            .any(|d| d.rsplit("::").next().map(str::trim) == Some("Default"))
    }

    /// A namespace as written in generated code: the module's `NS` const
    /// when it is the module's own namespace, else a string literal.
    fn ns_lit(&self, ns: &str) -> TokenStream {
        let module = &self.names.modules[self.cur];
        if !self.names.is_flat() && !ns.is_empty() && module.ns == ns {
            quote!(NS)
        } else {
            quote!(#ns)
        }
    }

    // -- simple types -------------------------------------------------------

    fn simple_type(&mut self, id: TypeId, s: &SimpleType) {
        let t = &self.ir.types[id.0];
        let m = self.names.types[id.0].module;
        self.cur = m;
        let result = self.p("Result");
        let name = ident(&self.names.types[id.0].ident);
        let rt = self.rt.clone();
        let doc = doc_attr(
            t.doc.as_deref(),
            Some(format!(
                "XSD simple type {}.",
                qname_text(&t.name.ns, &t.name.local)
            )),
        );
        let derives = &self.derives;
        let item = match &s.variety {
            SimpleVariety::List { item } => {
                let item_ty = self.names.type_ref(*item, Scope::Module(m));
                quote!(#doc pub type #name = #rt::types::List<#item_ty>;)
            }
            SimpleVariety::Union { members } => self.union_enum(&name, &doc, members),
            SimpleVariety::Atomic { primitive } => {
                let prim_ty = self.names.builtin_in(*primitive, Scope::Module(m));
                if !s.facets.enumeration.is_empty() {
                    self.enumeration(&name, &doc, &s.facets)
                } else if let Some(check) = self.facet_checks(&s.facets, *primitive) {
                    quote! {
                        #doc
                        #[derive(Debug, Clone, PartialEq #derives)]
                        pub struct #name(pub #prim_ty);
                        impl #name {
                            /// Checks every facet of the schema type.
                            pub fn validate(&self) -> #result<(), #rt::xml::ValueError> {
                                #check
                            }
                        }
                        impl #rt::xml::SimpleType for #name {
                            fn parse_text(text: &str, r: &#rt::xml::XmlReader<'_>) -> #result<Self, #rt::xml::ValueError> {
                                #rt::xml::SimpleType::parse_text(text, r).map(Self)
                            }
                            fn write_text(&self, w: &mut #rt::xml::XmlWriter) {
                                #rt::xml::SimpleType::write_text(&self.0, w)
                            }
                            fn declare_ns(&self, w: &mut #rt::xml::XmlWriter) {
                                #rt::xml::SimpleType::declare_ns(&self.0, w)
                            }
                        }
                        #rt::simple_xml!(#name);
                    }
                } else {
                    quote!(#doc pub type #name = #prim_ty;)
                }
            }
        };
        self.items[m].push(item);
    }

    /// A union: one variant per member type, tried in schema order on
    /// reading (the first member whose lexical space holds the text wins,
    /// as XSD says); text no member accepts is kept in `Other`, so a value
    /// outside the schema (or of a member we parse more strictly) is not
    /// lost.
    fn union_enum(&self, name: &Ident, doc: &TokenStream, members: &[TypeRef]) -> TokenStream {
        let (string, result) = (self.p("String"), self.p("Result"));
        let rt = &self.rt;
        let derives = &self.derives;
        let scope = Scope::Module(self.cur);
        let mut taken = BTreeSet::new();
        taken.insert("other".to_string());
        let mut variants = Vec::new();
        let mut parse = Vec::new();
        let mut write = Vec::new();
        let mut declare = Vec::new();
        for tr in members {
            let base = match tr {
                TypeRef::Builtin(b) => type_name(b.local_name()),
                TypeRef::Named(tid) => self.names.types[tid.0].ident.clone(),
            };
            let var = ident(&unique(&mut taken, base, ""));
            let ty = self.names.type_ref(*tr, scope);
            variants.push(quote!(#var(#ty),));
            parse.push(quote! {
                if let Ok(v) = <#ty as #rt::xml::SimpleType>::parse_text(text, r) {
                    return Ok(Self::#var(v));
                }
            });
            write.push(quote!(Self::#var(v) => #rt::xml::SimpleType::write_text(v, w),));
            declare.push(quote!(Self::#var(v) => #rt::xml::SimpleType::declare_ns(v, w),));
        }
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq #derives)]
            pub enum #name {
                #(#variants)*
                /// Text no member type accepts, as written.
                Other(#string),
            }
            impl #rt::xml::SimpleType for #name {
                fn parse_text(text: &str, r: &#rt::xml::XmlReader<'_>) -> #result<Self, #rt::xml::ValueError> {
                    #(#parse)*
                    let _ = r;
                    Ok(Self::Other(text.into()))
                }
                fn write_text(&self, w: &mut #rt::xml::XmlWriter) {
                    match self {
                        #(#write)*
                        Self::Other(v) => #rt::xml::SimpleType::write_text(v, w),
                    }
                }
                fn declare_ns(&self, w: &mut #rt::xml::XmlWriter) {
                    match self {
                        #(#declare)*
                        Self::Other(_) => {}
                    }
                }
            }
            #rt::simple_xml!(#name);
        }
    }

    fn enumeration(&self, name: &Ident, doc: &TokenStream, facets: &Facets) -> TokenStream {
        let (string, result) = (self.p("String"), self.p("Result"));
        let rt = &self.rt;
        let derives = &self.derives;
        let mut taken = BTreeSet::new();
        let unknown = self.opts.enum_unknown_variant;
        if unknown {
            taken.insert("unknown".to_string());
        }
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        let mut parse_arms = Vec::new();
        let mut str_arms = Vec::new();
        for (i, v) in facets.enumeration.iter().enumerate() {
            if !seen.insert(v.value.clone()) {
                continue;
            }
            let mut base = type_name(&v.value);
            if base == "Unnamed" || base.ends_with('_') {
                base = format!("Value{i}");
            }
            let var = ident(&unique(&mut taken, base, ""));
            let vdoc = doc_attr(
                v.doc.as_deref(),
                Some(format!("`{}`", v.value.replace('`', "'"))),
            );
            let value = &v.value;
            variants.push(quote!(#vdoc #var,));
            parse_arms.push(quote!(#value => Self::#var,));
            str_arms.push(quote!(Self::#var => #value,));
        }
        let (unknown_variant, fallback, unknown_str, copy) = if unknown {
            (
                quote! {
                    /// A value the schema does not list (kept verbatim).
                    Unknown(#string),
                },
                quote!(other => Self::Unknown(other.to_string()),),
                quote!(Self::Unknown(v) => v,),
                quote!(),
            )
        } else {
            (
                quote!(),
                quote!(_ => return Err(#rt::xml::ValueError::new(text, "one of the enumerated values")),),
                quote!(),
                quote!(Copy,),
            )
        };
        quote! {
            #doc
            #[derive(Debug, Clone, #copy PartialEq, Eq, Hash, PartialOrd, Ord #derives)]
            pub enum #name {
                #(#variants)*
                #unknown_variant
            }
            impl #name {
                /// The lexical value.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#str_arms)*
                        #unknown_str
                    }
                }
            }
            impl #rt::xml::SimpleType for #name {
                fn parse_text(text: &str, _r: &#rt::xml::XmlReader<'_>) -> #result<Self, #rt::xml::ValueError> {
                    Ok(match text.trim() {
                        #(#parse_arms)*
                        #fallback
                    })
                }
                fn write_text(&self, w: &mut #rt::xml::XmlWriter) {
                    w.text(self.as_str())
                }
            }
            #rt::simple_xml!(#name);
        }
    }

    /// The body of `validate()` for a restricted atomic type, or `None` when
    /// it has no checkable facet (then it is a plain alias).
    fn facet_checks(&self, f: &Facets, primitive: Builtin) -> Option<TokenStream> {
        let rt = &self.rt;
        let mut checks = Vec::new();
        let opt_usize = |v: Option<u64>| match v {
            Some(n) => {
                let n = Literal::usize_unsuffixed(n as usize);
                quote!(Some(#n))
            }
            None => quote!(None),
        };
        let opt_u32 = |v: Option<u32>| match v {
            Some(n) => {
                let n = Literal::u32_unsuffixed(n);
                quote!(Some(#n))
            }
            None => quote!(None),
        };
        let lexical = f.length.is_some()
            || f.min_length.is_some()
            || f.max_length.is_some()
            || !f.patterns.is_empty()
            || f.total_digits.is_some()
            || f.fraction_digits.is_some();
        if lexical {
            let (l, minl, maxl) = (
                opt_usize(f.length),
                opt_usize(f.min_length),
                opt_usize(f.max_length),
            );
            let (td, fd) = (opt_u32(f.total_digits), opt_u32(f.fraction_digits));
            let patterns = f.patterns.iter().map(|step| quote!(&[#(#step),*]));
            checks.push(quote! {
                static FACETS: #rt::types::LexicalFacets =
                    #rt::types::LexicalFacets::new(#l, #minl, #maxl, &[#(#patterns),*], #td, #fd);
                FACETS.check(&self.0)?;
            });
        }
        let bounds = [
            &f.min_inclusive,
            &f.max_inclusive,
            &f.min_exclusive,
            &f.max_exclusive,
        ];
        if bounds.iter().any(|b| b.is_some()) {
            let lits: Vec<Option<TokenStream>> = bounds
                .iter()
                .map(|b| b.as_deref().and_then(|v| numeric_literal(v, primitive)))
                .collect();
            if lits.iter().any(Option::is_some) {
                let args = lits.into_iter().map(|l| match l {
                    Some(l) => quote!(Some(#l)),
                    None => quote!(None),
                });
                checks.push(quote!(#rt::types::check_range(&self.0, #(#args),*)?;));
            }
        }
        if checks.is_empty() {
            return None;
        }
        Some(quote!(#(#checks)* Ok(())))
    }

    // -- complex types ------------------------------------------------------

    fn complex_type(&mut self, id: TypeId, c: &ComplexType) {
        // A `soapenc:Array` restriction carries its item type on the
        // `soapenc:arrayType` attribute: its content is the items, so it is
        // a list, not a struct of attributes.
        if let Some(at) = c.attributes.iter().find_map(|a| a.wsdl_array_type.as_ref()) {
            self.soapenc_array(id, at);
            return;
        }
        let ir = self.ir;
        let t = &ir.types[id.0];
        let m = self.names.types[id.0].module;
        self.cur = m;
        let (opt, vec_, result) = (self.p("Option"), self.p("Vec"), self.p("Result"));
        let owner = self.names.types[id.0].ident.clone();
        let name = ident(&owner);
        let rt = self.rt.clone();
        let mut fields = BTreeSet::new();

        let mut value_field = TokenStream::new();
        let mut members = Vec::new();
        let simple = match &c.content {
            Content::Simple(tr) => {
                fields.insert("value".to_string());
                let ty = self.names.type_ref(*tr, Scope::Module(m));
                value_field = quote!(pub value: #ty,);
                true
            }
            Content::Elements(p) => {
                self.top_members(p, &owner, m, &mut fields, &mut members);
                false
            }
            Content::Empty => false,
        };
        let attrs: Vec<(String, &Attribute)> = c
            .attributes
            .iter()
            .map(|a| {
                let base = field_name(&a.name.local);
                let base = if fields.contains(&base) {
                    format!("{base}_attr")
                } else {
                    base
                };
                (unique(&mut fields, base, "_"), a)
            })
            .collect();

        // The struct.
        let member_fields = members.iter().map(|mb| self.member_field(mb));
        let attr_fields = attrs.iter().map(|(f, a)| {
            let fid = ident(f);
            let ty = self.names.type_ref(a.type_ref, Scope::Module(m));
            let ty = if a.required || a.default.is_some() || a.fixed.is_some() {
                ty
            } else {
                quote!(#opt<#ty>)
            };
            // The XML name is in the writer; only schema docs are repeated.
            let doc = doc_attr(a.doc.as_deref(), None);
            quote!(#doc pub #fid: #ty,)
        });
        let mixed_field = if c.mixed && !simple {
            Some(ident(&unique(&mut fields, "text".to_string(), "_")))
        } else {
            None
        };
        let any_attr_field = if c.any_attribute.is_some() {
            let f = unique(&mut fields, "any_attributes".to_string(), "_");
            Some(ident(&f))
        } else {
            None
        };
        let any_attr_decl = any_attr_field.as_ref().map(|f| {
            quote! {
                /// Attributes matched by `xs:anyAttribute`, in document order.
                pub #f: #vec_<#rt::xml::AnyAttribute>,
            }
        });
        let mixed_decl = mixed_field.as_ref().map(|f| {
            let (vec_, string) = (self.p("Vec"), self.p("String"));
            quote! {
                /// Mixed content: the text pieces, each with the number of
                /// child elements that precede it.
                pub #f: #vec_<(usize, #string)>,
            }
        });
        let kind = if c.is_abstract {
            "abstract complex type"
        } else {
            "complex type"
        };
        let doc = doc_attr(
            t.doc.as_deref(),
            Some(format!(
                "XSD {kind} {}.",
                qname_text(&t.name.ns, &t.name.local)
            )),
        );
        // A type whose members and attributes are all optional derives
        // `Default` and is read straight into `Self` (no slot tuple, no
        // field-by-field finish): the most compact reader.
        let direct = !simple
            && self.default_ok()
            && members.iter().all(|mb| mb.occ != Occ::One)
            && attrs
                .iter()
                .all(|(_, a)| !a.required && a.default.is_none() && a.fixed.is_none());
        let default = if direct { quote!(Default,) } else { quote!() };
        let derives = &self.derives;
        let mut item = quote! {
            #doc
            #[derive(Debug, Clone, #default PartialEq #derives)]
            pub struct #name {
                #value_field
                #(#member_fields)*
                #(#attr_fields)*
                #any_attr_decl
                #mixed_decl
            }
        };

        // Defaults and fixed values as consts.
        let consts: Vec<TokenStream> = attrs
            .iter()
            .filter_map(|(f, a)| {
                let (v, what) = match (&a.fixed, &a.default) {
                    (Some(v), _) => (v, "FIXED"),
                    (None, Some(v)) => (v, "DEFAULT"),
                    _ => return None,
                };
                let c = format_ident!("{}_{}", f.to_uppercase(), what);
                let d = format!(
                    " The {} value of attribute `{}`.",
                    what.to_lowercase(),
                    a.name.local
                );
                Some(quote!(#[doc = #d] pub const #c: &str = #v;))
            })
            .collect();
        if !consts.is_empty() {
            item.extend(quote!(impl #name { #(#consts)* }));
        }

        // Reading.
        let start_ident = if attrs.is_empty() && any_attr_field.is_none() {
            quote!(_start)
        } else {
            quote!(start)
        };
        let attr_read = self.attr_read(&attrs, any_attr_field.as_ref(), direct);
        let attr_finish = attrs.iter().enumerate().map(|(i, (f, a))| {
            let fid = ident(f);
            let local = format_ident!("a{}", i);
            let xml = &a.name.local;
            if let Some(_v) = a.fixed.as_ref().or(a.default.as_ref()) {
                let what = if a.fixed.is_some() {
                    "FIXED"
                } else {
                    "DEFAULT"
                };
                let c = format_ident!("{}_{}", f.to_uppercase(), what);
                quote!(#fid: r.attr_or(#local, Self::#c)?,)
            } else if a.required {
                quote!(#fid: r.required_attr(#local, #xml)?,)
            } else {
                quote!(#fid: #local,)
            }
        });
        let any_attr_finish = any_attr_field
            .as_ref()
            .map(|f| quote!(#f: m_any_attributes,));
        let slots = Slots::new(&members, direct);
        let content_read = if simple {
            quote!(let value = r.read_simple()?;)
        } else {
            let lp = self.read_loop(&members, &slots, false);
            match &mixed_field {
                Some(f) if direct => quote!(r.begin_mixed(); #lp s.#f = r.take_mixed();),
                Some(_) => quote!(r.begin_mixed(); #lp let m_text = r.take_mixed();),
                None => lp,
            }
        };
        let mixed_finish = mixed_field.as_ref().map(|f| quote!(#f: m_text,));
        let value_finish = if simple { quote!(value,) } else { quote!() };
        let member_finish = members
            .iter()
            .enumerate()
            .map(|(i, mb)| self.member_finish(mb, &slots, i));
        // `s` is only written through when something is read into it.
        let s_mut = if members.is_empty()
            && attrs.is_empty()
            && any_attr_field.is_none()
            && mixed_field.is_none()
        {
            quote!()
        } else {
            quote!(mut)
        };
        let body = if direct {
            quote! {
                let #s_mut s = Self::default();
                #attr_read
                #content_read
                Ok(s)
            }
        } else {
            quote! {
                    #attr_read
                    #content_read
                    Ok(Self {
                        #value_finish
                        #(#member_finish)*
                        #(#attr_finish)*
                        #any_attr_finish
                        #mixed_finish
                    })
            }
        };
        item.extend(quote! {
            impl #rt::xml::XmlRead for #name {
                fn read_xml(r: &mut #rt::xml::XmlReader<'_>, #start_ident: &#rt::xml::BytesStart<'_>) -> #result<Self, #rt::xml::Error> {
                    #body
                }
            }
        });

        // Writing.
        let attr_write = attrs.iter().map(|(f, a)| {
            let fid = ident(f);
            let (ns, local) = (self.ns_lit(&a.name.ns), &a.name.local);
            if a.required || a.default.is_some() || a.fixed.is_some() {
                quote!(w.attr(#ns, #local, &self.#fid);)
            } else {
                quote!(w.opt_attr(#ns, #local, &self.#fid);)
            }
        });
        let any_attr_write = any_attr_field
            .as_ref()
            .map(|f| quote!(for a in &self.#f { w.attr_dyn(&a.ns, &a.local, &a.value); }));
        let mixed_write = mixed_field
            .as_ref()
            .map(|f| quote!(w.mixed_text(&self.#f);));
        let value_write = if simple {
            quote!(w.simple_content(&self.value);)
        } else {
            quote!()
        };
        let member_write = members.iter().map(|mb| self.member_write(mb));
        item.extend(quote! {
            impl #rt::xml::XmlWrite for #name {
                fn write_xml(&self, w: &mut #rt::xml::XmlWriter, name: #rt::xml::Name) {
                    w.start(name);
                    #(#attr_write)*
                    #any_attr_write
                    #value_write
                    #mixed_write
                    #(#member_write)*
                    w.end();
                }
            }
        });
        self.items[m].push(item);
    }

    /// A SOAP-encoded array (`soapenc:Array` restricted with
    /// `wsdl:arrayType`): a newtype over the items. Items may have any
    /// element name (SOAP encoding does not fix it); an `xsi:nil` item is
    /// dropped, as `Vec<Item>` cannot hold it. The declared size is never
    /// used to preallocate (it is untrusted input).
    fn soapenc_array(&mut self, id: TypeId, at: &ArrayType) {
        let ir = self.ir;
        let t = &ir.types[id.0];
        let m = self.names.types[id.0].module;
        self.cur = m;
        let (vec_, result) = (self.p("Vec"), self.p("Result"));
        let name = ident(&self.names.types[id.0].ident);
        let rt = self.rt.clone();
        let item_ty = self.names.type_ref(at.item, Scope::Module(m));
        let (item_ns, item_local) = match at.item {
            TypeRef::Builtin(b) => (XSD_NS.to_string(), b.local_name().to_string()),
            TypeRef::Named(tid) => {
                let it = &ir.types[tid.0];
                (it.name.ns.clone(), it.name.local.clone())
            }
        };
        let doc = doc_attr(
            t.doc.as_deref(),
            Some(format!(
                "SOAP-encoded array {} of {}.",
                qname_text(&t.name.ns, &t.name.local),
                qname_text(&item_ns, &item_local)
            )),
        );
        let derives = &self.derives;
        let default = if self.default_ok() {
            quote!(Default,)
        } else {
            quote!()
        };
        let enc = SOAP11_ENC_NS;
        // An unqualified item type has no prefix (and `xmlns:p=""` is not XML 1.0).
        let (item_prefix, array_type_fmt) = if item_ns.is_empty() {
            (quote!(), format!("{item_local}[{{}}]"))
        } else {
            (
                quote!(let item = w.prefix_for(#item_ns);),
                format!("{{item}}:{item_local}[{{}}]"),
            )
        };
        self.items[m].push(quote! {
            #doc
            #[derive(Debug, Clone, #default PartialEq #derives)]
            pub struct #name(pub #vec_<#item_ty>);
            impl ::core::convert::From<#vec_<#item_ty>> for #name {
                fn from(items: #vec_<#item_ty>) -> Self {
                    Self(items)
                }
            }
            impl ::core::ops::Deref for #name {
                type Target = #vec_<#item_ty>;
                fn deref(&self) -> &Self::Target {
                    &self.0
                }
            }
            impl #rt::xml::XmlRead for #name {
                fn read_xml(r: &mut #rt::xml::XmlReader<'_>, _start: &#rt::xml::BytesStart<'_>) -> #result<Self, #rt::xml::Error> {
                    let mut items = #vec_::new();
                    r.children(|r, _| {
                        if let #rt::types::Nillable::Value(v) = r.read::<#rt::types::Nillable<#item_ty>>()? {
                            items.push(v);
                        }
                        Ok(true)
                    })?;
                    Ok(Self(items))
                }
            }
            impl #rt::xml::XmlWrite for #name {
                fn write_xml(&self, w: &mut #rt::xml::XmlWriter, name: #rt::xml::Name) {
                    w.start(name);
                    // Prefixes first: declaring one appends to the start tag.
                    let enc = w.prefix_for(#enc);
                    #item_prefix
                    w.attr_dyn(#rt::xml::XSI_NS, "type", &::std::format!("{enc}:Array"));
                    w.attr_dyn(#enc, "arrayType", &::std::format!(#array_type_fmt, self.0.len()));
                    for v in &self.0 {
                        w.set_xsi_type(#rt::xml::Name::new(#item_ns, #item_local));
                        #rt::xml::XmlWrite::write_xml(v, w, #rt::xml::Name::new("", "item"));
                    }
                    w.end();
                }
            }
        });
    }

    /// Attribute locals and one `match` over the start tag's attributes
    /// (one arm per attribute, the parsing is the runtime's).
    fn attr_read(
        &self,
        attrs: &[(String, &Attribute)],
        any_attr: Option<&Ident>,
        direct: bool,
    ) -> TokenStream {
        let vec_ = self.p("Vec");
        if attrs.is_empty() && any_attr.is_none() {
            return quote!();
        }
        let decls = (0..attrs.len()).filter(|_| !direct).map(|i| {
            let local = format_ident!("a{}", i);
            quote!(let mut #local = None;)
        });
        let arms = attrs.iter().enumerate().map(|(i, (f, a))| {
            let local = if direct {
                let f = ident(f);
                quote!(s.#f)
            } else {
                let l = format_ident!("a{}", i);
                quote!(#l)
            };
            let (ns, l) = (bytes(&a.name.ns), bytes(&a.name.local));
            quote!((#ns, #l) => r.put_attr(&mut #local, &a.value),)
        });
        let (any_decl, fallback) = match any_attr {
            Some(f) if direct => (quote!(), quote!(_ => r.put_any_attr(&mut s.#f, a),)),
            Some(_) => (
                quote!(let mut m_any_attributes = #vec_::new();),
                quote!(_ => r.put_any_attr(&mut m_any_attributes, a),),
            ),
            None => (quote!(), quote!(_ => Ok(()),)),
        };
        quote! {
            #(#decls)*
            #any_decl
            r.attrs(start, |r, a| match (a.ns, a.local) {
                #(#arms)*
                #fallback
            })?;
        }
    }

    // -- content models -----------------------------------------------------

    /// Members of a type's top-level particle: a `1..1` sequence/all is
    /// flattened into fields, anything else becomes one group member.
    fn top_members(
        &mut self,
        p: &Particle,
        owner: &str,
        m: usize,
        fields: &mut BTreeSet<String>,
        out: &mut Vec<Member>,
    ) {
        match &p.term {
            Term::Group(g)
                if g.compositor != Compositor::Choice
                    && occ_of(p.min_occurs, p.max_occurs) == Some(Occ::One) =>
            {
                self.sequence_members(&g.particles, owner, m, fields, out)
            }
            _ => self.sequence_members(std::slice::from_ref(p), owner, m, fields, out),
        }
    }

    fn sequence_members(
        &mut self,
        particles: &[Particle],
        owner: &str,
        m: usize,
        fields: &mut BTreeSet<String>,
        out: &mut Vec<Member>,
    ) {
        for p in particles {
            let Some(occ) = occ_of(p.min_occurs, p.max_occurs) else {
                continue;
            };
            match &p.term {
                Term::Element(e) => {
                    let field = unique(fields, field_name(&e.name.local), "_");
                    out.push(self.element_member(e, occ, field, m));
                }
                Term::Any(_) => {
                    let field = unique(fields, "any".to_string(), "_");
                    let rt = &self.rt;
                    out.push(Member {
                        field,
                        occ,
                        value_ty: quote!(#rt::xml::AnyElement),
                        kind: MemberKind::Any,
                        doc: None,
                        origin: Some("Content matched by `xs:any`.".to_string()),
                    });
                }
                Term::Group(g) => {
                    if g.particles.is_empty() {
                        continue;
                    }
                    if g.compositor != Compositor::Choice && occ == Occ::One {
                        self.sequence_members(&g.particles, owner, m, fields, out);
                        continue;
                    }
                    let ty = self.group_type(g, owner, m);
                    let base = match (&g.from_group, g.compositor) {
                        (Some(q), _) => field_name(&q.local),
                        (None, Compositor::Choice) => "choice".to_string(),
                        (None, Compositor::Sequence) => "sequence".to_string(),
                        (None, Compositor::All) => "all".to_string(),
                    };
                    let field = unique(fields, base, "_");
                    out.push(Member {
                        field,
                        occ,
                        value_ty: quote!(#ty),
                        kind: MemberKind::Group,
                        doc: None,
                        origin: None,
                    });
                }
            }
        }
    }

    fn element_member(&self, e: &ElementParticle, occ: Occ, field: String, m: usize) -> Member {
        let boxed = self.p("Box");
        let scope = Scope::Module(m);
        let head = e.global.filter(|g| self.names.subst.contains_key(g));
        let (value_ty, accepts) = match head {
            Some(h) => {
                let s = &self.names.subst[&h];
                let path = self.names.item_path(s.module, &s.ident, scope);
                let accepts = self
                    .subst_variants(h)
                    .into_iter()
                    .map(|(el, var)| {
                        let d = &self.ir.elements[el.0];
                        Accept {
                            ns: d.name.ns.clone(),
                            local: d.name.local.clone(),
                            wrap: Some(quote!(#path::#var)),
                        }
                    })
                    .collect();
                (path, accepts)
            }
            None => {
                let mut ty = self.names.type_ref(e.type_ref, scope);
                if e.recursive && occ != Occ::Many {
                    ty = quote!(#boxed<#ty>);
                }
                if e.nillable {
                    let rt = &self.rt;
                    ty = quote!(#rt::types::Nillable<#ty>);
                }
                let accepts = vec![Accept {
                    ns: e.name.ns.clone(),
                    local: e.name.local.clone(),
                    wrap: None,
                }];
                (ty, accepts)
            }
        };
        Member {
            field,
            occ,
            value_ty,
            kind: MemberKind::Element {
                accepts,
                ns: e.name.ns.clone(),
                local: e.name.local.clone(),
            },
            doc: e.doc.clone(),
            origin: Some(format!(
                "Element {}.",
                qname_text(&e.name.ns, &e.name.local)
            )),
        }
    }

    /// Creates the type of a nested model group and returns its name.
    fn group_type(&mut self, g: &ModelGroup, owner: &str, m: usize) -> Ident {
        let (opt, result) = (self.p("Option"), self.p("Result"));
        let suffix = match g.compositor {
            Compositor::Choice => "Choice",
            Compositor::Sequence => "Sequence",
            Compositor::All => "All",
        };
        let gname = unique(&mut self.taken[m], format!("{owner}{suffix}"), "");
        let name = ident(&gname);
        let rt = self.rt.clone();
        let derives = self.derives.clone();
        let doc = format!(" A `{}` group of [`{owner}`].", suffix.to_lowercase());
        let item = if g.compositor == Compositor::Choice {
            self.choice_enum(&name, &gname, &doc, g, m)
        } else {
            let mut fields = BTreeSet::new();
            let mut members = Vec::new();
            self.sequence_members(&g.particles, &gname, m, &mut fields, &mut members);
            let member_fields = members.iter().map(|mb| self.member_field(mb));
            let direct = self.default_ok() && members.iter().all(|mb| mb.occ != Occ::One);
            let slots = Slots::new(&members, direct);
            let read = self.read_loop(&members, &slots, true);
            let finish = members
                .iter()
                .enumerate()
                .map(|(i, mb)| self.member_finish(mb, &slots, i));
            let (default, init, value) = if direct {
                let s_mut = if members.is_empty() {
                    quote!()
                } else {
                    quote!(mut)
                };
                (
                    quote!(Default,),
                    quote!(let #s_mut s = Self::default();),
                    quote!(s),
                )
            } else {
                (quote!(), quote!(), quote!(Self { #(#finish)* }))
            };
            let writes = members.iter().map(|mb| self.member_write(mb));
            let w_ident = if members.is_empty() {
                quote!(_w)
            } else {
                quote!(w)
            };
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, #default PartialEq #derives)]
                pub struct #name {
                    #(#member_fields)*
                }
                impl #rt::xml::GroupRead for #name {
                    fn read_group(r: &mut #rt::xml::XmlReader<'_>) -> #result<#opt<Self>, #rt::xml::Error> {
                        #init
                        #read
                        if !seen {
                            return Ok(None);
                        }
                        Ok(Some(#value))
                    }
                }
                impl #rt::xml::GroupWrite for #name {
                    fn write_group(&self, #w_ident: &mut #rt::xml::XmlWriter) {
                        #(#writes)*
                    }
                }
            }
        };
        self.items[m].push(item);
        name
    }

    fn choice_enum(
        &mut self,
        name: &Ident,
        gname: &str,
        doc: &str,
        g: &ModelGroup,
        m: usize,
    ) -> TokenStream {
        let (opt, vec_, result) = (self.p("Option"), self.p("Vec"), self.p("Result"));
        let rt = self.rt.clone();
        let derives = self.derives.clone();
        let mut vtaken = BTreeSet::new();
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        let mut fallbacks = Vec::new();
        let mut any_fallback = None;
        let mut writes = Vec::new();
        let ok_some = |v: TokenStream| quote!(Ok(Some(#v)));
        for p in &g.particles {
            let Some(occ) = occ_of(p.min_occurs, p.max_occurs) else {
                continue;
            };
            match &p.term {
                Term::Element(e) => {
                    let var = ident(&unique(&mut vtaken, type_name(&e.name.local), ""));
                    // In a choice, an optional branch is just a branch.
                    let member = self.element_member(
                        e,
                        if occ == Occ::Many {
                            Occ::Many
                        } else {
                            Occ::One
                        },
                        String::new(),
                        m,
                    );
                    let vty = match occ {
                        Occ::Many => {
                            let t = &member.value_ty;
                            quote!(#vec_<#t>)
                        }
                        _ => member.value_ty.clone(),
                    };
                    let vdoc = doc_attr(member.doc.as_deref(), member.origin.clone());
                    variants.push(quote!(#vdoc #var(#vty),));
                    let MemberKind::Element { accepts, ns, local } = &member.kind else {
                        continue;
                    };
                    for a in accepts {
                        let (l, ans) = (bytes(&a.local), self.ns_lit(&a.ns));
                        let value = match (&a.wrap, occ) {
                            (Some(wrap), Occ::Many) => quote!(vec![#wrap(r.read()?)]),
                            (None, Occ::Many) => quote!(r.read_repeated(#l, #ans)?),
                            (Some(wrap), _) => quote!(#wrap(r.read()?)),
                            (None, _) => quote!(r.read()?),
                        };
                        let v = ok_some(quote!(Self::#var(#value)));
                        arms.push(quote!(#l if r.ns_is(#ans) => #v,));
                    }
                    let ns = self.ns_lit(ns);
                    writes.push(quote!(Self::#var(v) => w.write(v, #ns, #local),));
                }
                Term::Any(_) => {
                    let var = ident(&unique(&mut vtaken, "Any".to_string(), ""));
                    variants.push(quote!(#[doc = " Content matched by `xs:any`."] #var(#rt::xml::AnyElement),));
                    let v = ok_some(quote!(Self::#var(r.read_any()?)));
                    any_fallback = Some(v);
                    writes.push(quote!(Self::#var(v) => v.write_self(w),));
                }
                Term::Group(inner) => {
                    if inner.particles.is_empty() {
                        continue;
                    }
                    let ty = self.group_type(inner, gname, m);
                    let base = match inner.compositor {
                        Compositor::Choice => "Choice",
                        Compositor::Sequence => "Sequence",
                        Compositor::All => "All",
                    };
                    let var = ident(&unique(&mut vtaken, base.to_string(), ""));
                    variants.push(quote!(#var(#ty),));
                    let v = ok_some(quote!(Self::#var(v)));
                    fallbacks.push(quote! {
                        if let Some(v) = <#ty as #rt::xml::GroupRead>::read_group(r)? {
                            return #v;
                        }
                    });
                    writes.push(quote!(Self::#var(v) => w.group(v),));
                }
            }
        }
        let none = quote!(Ok(None));
        // An `xs:any` branch takes whatever no other branch took.
        let last = any_fallback.unwrap_or_else(|| none.clone());
        let body = if arms.is_empty() {
            quote! {
                if r.peek_child()?.is_none() {
                    return #none;
                }
                #(#fallbacks)*
                #last
            }
        } else {
            quote! {
                let Some(n) = r.peek_child()? else {
                    return #none;
                };
                match n {
                    #(#arms)*
                    _ => {
                        #(#fallbacks)*
                        #last
                    }
                }
            }
        };
        let write_body = if writes.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#writes)* })
        };
        let w_ident = if writes.is_empty() {
            quote!(_w)
        } else {
            quote!(w)
        };
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq #derives)]
            pub enum #name {
                #(#variants)*
            }
            impl #rt::xml::GroupRead for #name {
                fn read_group(r: &mut #rt::xml::XmlReader<'_>) -> #result<#opt<Self>, #rt::xml::Error> {
                    #body
                }
            }
            impl #rt::xml::GroupWrite for #name {
                fn write_group(&self, #w_ident: &mut #rt::xml::XmlWriter) {
                    #write_body
                }
            }
        }
    }

    fn member_field(&self, mb: &Member) -> TokenStream {
        let (opt, vec_) = (self.p("Option"), self.p("Vec"));
        let fid = ident(&mb.field);
        let t = &mb.value_ty;
        let ty = match mb.occ {
            Occ::One => quote!(#t),
            Occ::Opt => quote!(#opt<#t>),
            Occ::Many => quote!(#vec_<#t>),
        };
        // The XML name is in the writer; only schema docs are repeated.
        let doc = doc_attr(mb.doc.as_deref(), None);
        quote!(#doc pub #fid: #ty,)
    }

    fn member_finish(&self, mb: &Member, slots: &Slots, i: usize) -> TokenStream {
        let fid = ident(&mb.field);
        let local = slots.get(i);
        match mb.occ {
            Occ::One => {
                let xml = match &mb.kind {
                    MemberKind::Element { local, .. } => local.clone(),
                    _ => mb.field.clone(),
                };
                quote!(#fid: r.required(#local, #xml)?,)
            }
            _ => quote!(#fid: #local,),
        }
    }

    fn member_write(&self, mb: &Member) -> TokenStream {
        let fid = ident(&mb.field);
        match &mb.kind {
            MemberKind::Element { ns, local, .. } => {
                let ns = self.ns_lit(ns);
                quote!(w.write(&self.#fid, #ns, #local);)
            }
            MemberKind::Group | MemberKind::Any => quote!(w.group(&self.#fid);),
        }
    }

    /// The member slots (a tuple `f`, one `Option`/`Vec` per member) and
    /// the child loop: a runtime helper (`children`, `children_skip`,
    /// `group_children`) calling a closure with one match arm per accepted
    /// element name; each arm is a generic slot helper (`put`, `put_with`,
    /// `put_group`, `put_any`) that reports whether it consumed the child.
    /// `nested`: a group reader, which stops at the first child it does not
    /// take and binds `seen` (whether it took any).
    fn read_loop(&self, members: &[Member], slots: &Slots, nested: bool) -> TokenStream {
        let vec_ = self.p("Vec");
        let mut inits = Vec::new();
        let mut arms = Vec::new();
        let mut fallbacks = Vec::new();
        for (i, mb) in members.iter().enumerate() {
            let slot = slots.get(i);
            inits.push(match mb.occ {
                Occ::Many => quote!(#vec_::new()),
                _ => quote!(None),
            });
            match &mb.kind {
                MemberKind::Element { accepts, .. } => {
                    for a in accepts {
                        let (l, ns) = (bytes(&a.local), self.ns_lit(&a.ns));
                        arms.push(match &a.wrap {
                            Some(w) => quote!(#l if r.ns_is(#ns) => r.put_with(&mut #slot, #w),),
                            None => quote!(#l if r.ns_is(#ns) => r.put(&mut #slot),),
                        });
                    }
                }
                MemberKind::Group => fallbacks.push(quote!(r.put_group(&mut #slot))),
                MemberKind::Any => fallbacks.push(quote!(r.put_any(&mut #slot))),
            }
        }
        let fallback = match fallbacks.len() {
            0 => quote!(Ok(false)),
            1 => quote!(#(#fallbacks)*),
            _ => quote!(Ok(#(#fallbacks?)||*)),
        };
        let r = if members.is_empty() {
            quote!(_r)
        } else {
            quote!(r)
        };
        let closure = if arms.is_empty() {
            quote!(|#r, _n| #fallback)
        } else {
            quote!(|r, n| match n {
                #(#arms)*
                _ => #fallback,
            })
        };
        let decl = if members.is_empty() || slots.direct.is_some() {
            quote!()
        } else {
            quote!(let mut f = (#(#inits,)*);)
        };
        let call = if nested {
            quote!(let seen = r.group_children(#closure)?;)
        } else {
            match self.opts.unknown_elements {
                UnknownElements::Error => quote!(r.children(#closure)?;),
                UnknownElements::Skip => quote!(r.children_skip(#closure)?;),
            }
        };
        quote!(#decl #call)
    }

    // -- polymorphism -------------------------------------------------------

    fn poly_enum(&mut self, id: TypeId) {
        let ir = self.ir;
        let p = &self.names.poly[&id];
        let m = p.module;
        self.cur = m;
        let (boxed, result) = (self.p("Box"), self.p("Result"));
        let scope = Scope::Module(m);
        let name = ident(&p.ident);
        let rt = self.rt.clone();
        let derives = &self.derives;
        let base = &ir.types[id.0];
        let mut vtaken = BTreeSet::new();
        let mut variants = Vec::new();
        let mut read_arms = Vec::new();
        let mut write_arms = Vec::new();
        for &mid in &p.members {
            let t = &ir.types[mid.0];
            let var = ident(&unique(
                &mut vtaken,
                self.names.types[mid.0].ident.clone(),
                "",
            ));
            let ty = self.names.type_def(mid, scope);
            variants.push(quote!(#var(#boxed<#ty>),));
            let (ns, local) = (&t.name.ns, &t.name.local);
            let read = quote!(Ok(Self::#var(#rt::xml::XmlRead::read_xml(r, start)?)));
            if mid == id {
                read_arms.push(quote!(None | Some((#ns, #local)) => #read,));
                write_arms
                    .push(quote!(Self::#var(v) => #rt::xml::XmlWrite::write_xml(v, w, name),));
            } else {
                read_arms.push(quote!(Some((#ns, #local)) => #read,));
                write_arms.push(quote!(Self::#var(v) => {
                    w.set_xsi_type(#rt::xml::Name::new(#ns, #local));
                    #rt::xml::XmlWrite::write_xml(v, w, name)
                }));
            }
        }
        if !p.members.contains(&id) {
            read_arms.push(quote!(None => Err(r.unknown_xsi_type("", "")),));
        }
        let write_body = if write_arms.is_empty() {
            quote!(let _ = (w, name); match *self {})
        } else {
            quote!(match self { #(#write_arms)* })
        };
        let doc = format!(
            " {} or a type derived from it, told apart by `xsi:type`.",
            qname_text(&base.name.ns, &base.name.local)
        );
        let item = quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq #derives)]
            pub enum #name {
                #(#variants)*
            }
            impl #rt::xml::XmlRead for #name {
                fn read_xml(r: &mut #rt::xml::XmlReader<'_>, start: &#rt::xml::BytesStart<'_>) -> #result<Self, #rt::xml::Error> {
                    let t = r.xsi_type(start)?;
                    match t.as_ref().map(|(n, l)| (n.as_str(), l.as_str())) {
                        #(#read_arms)*
                        Some((n, l)) => Err(r.unknown_xsi_type(n, l)),
                    }
                }
            }
            impl #rt::xml::XmlWrite for #name {
                fn write_xml(&self, w: &mut #rt::xml::XmlWriter, name: #rt::xml::Name) {
                    #write_body
                }
            }
        };
        self.items[m].push(item);
    }

    /// Variant names of a substitution group enum, per member element.
    fn subst_variants(&self, head: ElementId) -> Vec<(ElementId, Ident)> {
        let mut taken = BTreeSet::new();
        self.names.subst[&head]
            .members
            .iter()
            .map(|&e| {
                (
                    e,
                    ident(&unique(
                        &mut taken,
                        type_name(&self.ir.elements[e.0].name.local),
                        "",
                    )),
                )
            })
            .collect()
    }

    fn subst_enum(&mut self, head: ElementId) {
        let ir = self.ir;
        let s = &self.names.subst[&head];
        let m = s.module;
        self.cur = m;
        let boxed = self.p("Box");
        let name = ident(&s.ident);
        let rt = self.rt.clone();
        let derives = &self.derives;
        let mut variants = Vec::new();
        let mut writes = Vec::new();
        for (e, var) in self.subst_variants(head) {
            let d = &ir.elements[e.0];
            let ty = self.names.type_ref(d.type_ref, Scope::Module(m));
            let doc = doc_attr(
                d.doc.as_deref(),
                Some(format!(
                    "Element {}.",
                    qname_text(&d.name.ns, &d.name.local)
                )),
            );
            variants.push(quote!(#doc #var(#boxed<#ty>),));
            let (ns, local) = (self.ns_lit(&d.name.ns), &d.name.local);
            writes.push(quote!(Self::#var(v) => w.write(v, #ns, #local),));
        }
        let hd = &ir.elements[head.0];
        let doc = format!(
            " Element {} or an element of its substitution group.",
            qname_text(&hd.name.ns, &hd.name.local)
        );
        let body = if writes.is_empty() {
            quote!(let _ = w; match *self {})
        } else {
            quote!(match self { #(#writes)* })
        };
        self.items[m].push(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq #derives)]
            pub enum #name {
                #(#variants)*
            }
            impl #rt::xml::XmlWrite for #name {
                /// Writes the member element under its own name (`_name` is the head's).
                fn write_xml(&self, w: &mut #rt::xml::XmlWriter, _name: #rt::xml::Name) {
                    #body
                }
            }
        });
    }
}

/// Where a reader keeps member values while reading: the fields of `s`
/// (a `Default` value of the type itself, when every member is optional)
/// or a tuple `f` of `Option`/`Vec` slots.
struct Slots {
    direct: Option<Vec<Ident>>,
}

impl Slots {
    fn new(members: &[Member], direct: bool) -> Slots {
        Slots {
            direct: direct.then(|| members.iter().map(|mb| ident(&mb.field)).collect()),
        }
    }

    /// Member `i`'s slot: `s.<field>` or `f.<i>`.
    fn get(&self, i: usize) -> TokenStream {
        match &self.direct {
            Some(fields) => {
                let f = &fields[i];
                quote!(s.#f)
            }
            None => {
                let i = syn::Index::from(i);
                quote!(f.#i)
            }
        }
    }
}

/// A facet bound as a Rust literal of the primitive's type, when it fits.
fn numeric_literal(v: &str, primitive: Builtin) -> Option<TokenStream> {
    let v = v.trim();
    let text = match primitive {
        Builtin::Long => v.parse::<i64>().ok()?.to_string(),
        Builtin::Int => v.parse::<i32>().ok()?.to_string(),
        Builtin::Short => v.parse::<i16>().ok()?.to_string(),
        Builtin::Byte => v.parse::<i8>().ok()?.to_string(),
        Builtin::UnsignedLong => v.parse::<u64>().ok()?.to_string(),
        Builtin::UnsignedInt => v.parse::<u32>().ok()?.to_string(),
        Builtin::UnsignedShort => v.parse::<u16>().ok()?.to_string(),
        Builtin::UnsignedByte => v.parse::<u8>().ok()?.to_string(),
        Builtin::Float => {
            let f = v.parse::<f32>().ok().filter(|f| f.is_finite())?;
            format!("{f:?}")
        }
        Builtin::Double => {
            let f = v.parse::<f64>().ok().filter(|f| f.is_finite())?;
            format!("{f:?}")
        }
        _ => return None,
    };
    syn::parse_str::<syn::Expr>(&text).ok().map(|e| quote!(#e))
}
