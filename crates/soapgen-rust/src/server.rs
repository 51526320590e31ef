//! The `server` module: per port type a trait with one async method per
//! operation, and per binding a `SoapHandler` that routes a request (body
//! element, soapAction), decodes its parts and headers, calls the trait and
//! encodes the result or the typed fault.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::client::{result_ty, write_body};
use crate::ident::{ident, type_name, unique};
use crate::operation::{BindingInfo, Cx, Op};

pub(crate) fn emit(cx: &Cx<'_>) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut taken = BTreeSet::new();
    // Traits by (port type, method signatures): bindings of one port type
    // with the same signatures (SOAP 1.1 and 1.2 twins) share a trait.
    let mut traits: BTreeMap<String, Ident> = BTreeMap::new();
    for b in &cx.bindings {
        let binding = &cx.ir.bindings[b.index];
        let sigs: Vec<TokenStream> = b.ops.iter().map(|op| trait_method(cx, op)).collect();
        let key = format!(
            "{}\n{}",
            binding.port_type,
            sigs.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let trait_name = match traits.get(&key) {
            Some(t) => t.clone(),
            None => {
                let t = ident(&unique(&mut taken, type_name(&binding.port_type.local), ""));
                let doc = format!(
                    " Operations of port type `{}`: implement this and serve it with a binding's handler.",
                    binding.port_type.local
                );
                items.push(quote! {
                    #[doc = #doc]
                    pub trait #t: ::core::marker::Send + ::core::marker::Sync {
                        #(#sigs)*
                    }
                });
                traits.insert(key, t.clone());
                t
            }
        };
        let server = ident(&unique(
            &mut taken,
            format!("{}Server", type_name(&binding.name.local)),
            "",
        ));
        items.push(handler(cx, b, &trait_name, &server, &binding.name.local));
    }
    items
}

/// The parameters of an operation's server method (after `&self`).
fn params(op: &Op) -> Vec<TokenStream> {
    let mut params: Vec<TokenStream> = op
        .input
        .parts
        .iter()
        .map(|p| {
            let (v, ty) = (&p.var, &p.ty);
            quote!(#v: #ty)
        })
        .collect();
    if let Some(h) = &op.input.headers_ty {
        params.push(quote!(soap_headers: #h));
    }
    params
}

fn trait_method(cx: &Cx<'_>, op: &Op) -> TokenStream {
    let rt = &cx.rt;
    let (name, doc, fault) = (&op.method, &op.doc, &op.fault);
    let params = params(op);
    let vars = op.input.parts.iter().map(|p| &p.var);
    let headers = op.input.headers_ty.as_ref().map(|_| quote!(soap_headers,));
    let out = result_ty(op);
    let name_lit = &op.xml_name;
    // A default body (a `Server` fault) lets a service implement only the
    // operations it needs.
    quote! {
        #doc
        fn #name(&self, #(#params),*) -> impl ::core::future::Future<Output = ::core::result::Result<#out, #rt::ops::OpError<#fault>>> + ::core::marker::Send {
            let _ = (#(#vars,)* #headers);
            #rt::ops::not_implemented(#name_lit)
        }
    }
}

fn handler(
    cx: &Cx<'_>,
    b: &BindingInfo,
    trait_name: &Ident,
    server: &Ident,
    binding: &str,
) -> TokenStream {
    let rt = &cx.rt;
    let routes = b.ops.iter().map(|op| {
        let (ns, local) = &op.route;
        let action = if op.soap_action.is_empty() {
            quote!(None)
        } else {
            let a = &op.soap_action;
            quote!(Some(#a))
        };
        quote!(#rt::ops::Route { ns: #ns, local: #local, action: #action },)
    });
    let arms = b.ops.iter().enumerate().map(|(i, op)| arm(cx, i, op));
    let mut understood: Vec<(String, String)> = Vec::new();
    for op in &b.ops {
        for h in &op.input.headers {
            if !understood.iter().any(|(n, l)| *n == h.ns && *l == h.local) {
                understood.push((h.ns.clone(), h.local.clone()));
            }
        }
    }
    let understood = understood.iter().map(|(ns, local)| {
        if ns.is_empty() {
            quote!(#rt::soap::QName::unqualified(#local))
        } else {
            quote!(#rt::soap::QName::new(#ns, #local))
        }
    });
    let dispatch = if b.ops.is_empty() {
        quote!(Err(#rt::ops::unknown_operation(req)))
    } else {
        quote! {
            match #rt::ops::route(req, Self::ROUTES) {
                #(#arms)*
                _ => Err(#rt::ops::unknown_operation(req)),
            }
        }
    };
    let doc = format!(" Request handler of binding `{binding}`: routes to a [`{trait_name}`].");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #server<S>(pub S);
        impl<S: #trait_name> #server<S> {
            /// How requests reach the operations (body element, soapAction), in operation order.
            pub const ROUTES: &'static [#rt::ops::Route] = &[#(#routes)*];
            /// Wraps `service`.
            pub fn new(service: S) -> Self {
                Self(service)
            }
            /// The dispatcher (a `RawService`) serving this binding.
            pub fn into_dispatcher(self) -> #rt::server::Dispatcher<Self> {
                #rt::server::Dispatcher::new(self)
            }
        }
        impl<S: #trait_name> #rt::server::SoapHandler for #server<S> {
            fn handle<'a>(&'a self, req: &'a #rt::server::SoapRequest) -> #rt::transport::BoxFuture<'a, ::core::result::Result<#rt::server::Reply, #rt::soap::Fault>> {
                ::std::boxed::Box::pin(async move { #dispatch })
            }
            fn understood_headers(&self) -> ::std::vec::Vec<#rt::soap::QName> {
                ::std::vec![#(#understood),*]
            }
        }
    }
}

fn arm(cx: &Cx<'_>, i: usize, op: &Op) -> TokenStream {
    let rt = &cx.rt;
    let meta = &op.meta;
    let method = &op.method;
    let input = &op.input;
    let read = match (&input.rpc, input.parts.as_slice()) {
        (_, []) => quote!(),
        (None, [p]) => {
            let v = &p.var;
            quote!(let #v = #rt::ops::request_element(req)?;)
        }
        (None, parts) => {
            let reads = parts.iter().map(|p| {
                let (v, ns, local) = (&p.var, &p.ns, &p.local);
                quote!(let #v = #rt::ops::request_part(req, #ns, #local)?;)
            });
            quote!(#(#reads)*)
        }
        (Some(_), [p]) => {
            let (v, ty, local) = (&p.var, &p.ty, &p.local);
            quote!(let #v = #rt::ops::request_part1::<#ty>(req, op, #local)?;)
        }
        (Some(_), parts) => {
            let slots: Vec<Ident> = (0..parts.len()).map(|i| format_ident!("p{}", i)).collect();
            let decls = parts.iter().zip(&slots).map(|(p, s)| {
                let (ty, local) = (&p.ty, &p.local);
                quote!(let mut #s = #rt::ops::Part::<#ty>::new(#local);)
            });
            let takes = parts.iter().zip(&slots).map(|(p, s)| {
                let v = &p.var;
                quote!(let #v = #rt::ops::required_part(req, #s)?;)
            });
            quote! {
                #(#decls)*
                #rt::ops::request_parts(req, op, &mut [#(&mut #slots),*])?;
                #(#takes)*
            }
        }
    };
    let mut args: Vec<TokenStream> = input
        .parts
        .iter()
        .map(|p| {
            let v = &p.var;
            quote!(#v)
        })
        .collect();
    let headers = match &input.headers_ty {
        Some(h) => {
            let fields = input.headers.iter().map(|p| {
                let (v, ns, local) = (&p.var, &p.ns, &p.local);
                quote!(#v: #rt::ops::request_header(req, #ns, #local)?,)
            });
            args.push(quote!(soap_headers));
            quote!(let soap_headers = #h { #(#fields)* };)
        }
        None => quote!(),
    };
    let write = write_body(cx, op, &op.output, false);
    let pattern = if op.output.parts.is_empty() {
        quote!(_)
    } else {
        op.output.pattern()
    };
    let o = if op.output.parts.is_empty() && op.output.rpc.is_none() {
        quote!(_o)
    } else {
        quote!(o)
    };
    // Response headers: the method returns them beside the body.
    let (split, attach) = match &op.output.headers_ty {
        Some(_) => {
            let hs = op.output.headers.iter().map(|h| {
                let (v, ns, local) = (&h.var, &h.ns, &h.local);
                quote!((&h.#v as &dyn #rt::xml::XmlWrite, #rt::xml::Name::new(#ns, #local)))
            });
            (
                quote! {
                    let (result, out_headers) = match result {
                        Ok((v, h)) => (Ok(v), #rt::ops::write_headers(&[#(#hs),*])),
                        Err(e) => (Err(e), ::std::vec::Vec::new()),
                    };
                },
                quote!(.map(|mut reply| { reply.headers = out_headers; reply })),
            )
        }
        None => (quote!(), quote!()),
    };
    quote! {
        Some(#i) => {
            let op = &#meta;
            #read
            #headers
            let result = self.0.#method(#(#args),*).await;
            #split
            #rt::ops::reply(op, result, |#pattern, #o| { #write })#attach
        }
    }
}
