//! The `client` module: one struct per SOAP port wrapping the runtime's
//! client core, one method per operation (plus `…_raw` taking and returning
//! the wrapper types for document/literal wrapped operations).

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ident::{ident, type_name, unique};
use crate::operation::{Body, Cx, Op};

pub(crate) fn emit(cx: &Cx<'_>) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut taken = BTreeSet::new();
    for service in &cx.ir.services {
        for port in &service.ports {
            let Some(b) = cx.bindings.iter().find(|b| b.index == port.binding.0) else {
                continue;
            };
            let name = ident(&unique(
                &mut taken,
                format!("{}Client", type_name(&port.name)),
                "",
            ));
            let methods: Vec<TokenStream> = b.ops.iter().map(|op| method(cx, op)).collect();
            items.push(client_struct(
                cx,
                &name,
                &port.name,
                port.address.as_deref(),
                methods,
            ));
        }
    }
    items
}

fn client_struct(
    cx: &Cx<'_>,
    name: &Ident,
    port: &str,
    address: Option<&str>,
    methods: Vec<TokenStream>,
) -> TokenStream {
    let rt = &cx.rt;
    let (core, bound) = if cx.opts.blocking {
        (
            quote!(#rt::soap::BlockingClient<T>),
            quote!(#rt::transport::blocking::BlockingTransport),
        )
    } else {
        (
            quote!(#rt::soap::Client<T>),
            quote!(#rt::transport::Transport),
        )
    };
    let doc = format!(" Client of port `{port}`.");
    let endpoint = address.unwrap_or("");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name<T> {
            /// The client core: endpoint, client-wide SOAP and HTTP headers.
            pub core: #core,
        }
        impl<T: #bound> #name<T> {
            /// The endpoint from the WSDL's `soap:address`.
            pub const DEFAULT_ENDPOINT: &'static str = #endpoint;
            /// A client sending to [`Self::DEFAULT_ENDPOINT`] through `transport`.
            pub fn new(transport: T) -> Self {
                Self::with_endpoint(transport, Self::DEFAULT_ENDPOINT)
            }
            /// A client sending to `endpoint` through `transport`.
            pub fn with_endpoint(transport: T, endpoint: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self { core: <#core>::new(transport, endpoint) }
            }
            #(#methods)*
        }
    }
}

/// `fn name(&self, params) -> Result<out, OpError<fault>>` head.
fn signature(
    cx: &Cx<'_>,
    name: &Ident,
    params: &[TokenStream],
    out: &TokenStream,
    fault: &TokenStream,
) -> TokenStream {
    let rt = &cx.rt;
    let asyncness = if cx.opts.blocking {
        quote!()
    } else {
        quote!(async)
    };
    quote!(pub #asyncness fn #name(&self, #(#params),*) -> ::core::result::Result<#out, #rt::ops::OpError<#fault>>)
}

/// The result type including response headers when the operation has some.
pub(crate) fn result_ty(op: &Op) -> TokenStream {
    let body = op.output.ty();
    match &op.output.headers_ty {
        Some(h) => quote!((#body, #h)),
        None => body,
    }
}

fn method(cx: &Cx<'_>, op: &Op) -> TokenStream {
    let rt = &cx.rt;
    let await_ = if cx.opts.blocking {
        quote!()
    } else {
        quote!(.await)
    };
    let fault = &op.fault;
    let meta = &op.meta;
    let doc = &op.doc;
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
        params.push(quote!(soap_headers: &#h));
    }
    let out = result_ty(op);
    let write = write_body(cx, op, &op.input, true);
    let headers = match &op.input.headers_ty {
        Some(_) => {
            let hs = op.input.headers.iter().map(|h| {
                let (v, ns, local) = (&h.var, &h.ns, &h.local);
                quote!((&soap_headers.#v as &dyn #rt::xml::XmlWrite, #rt::xml::Name::new(#ns, #local)))
            });
            quote!(&#rt::ops::write_headers(&[#(#hs),*]))
        }
        None => quote!(&[]),
    };
    let call = if cx.opts.blocking {
        quote!(#rt::ops::call_blocking)
    } else {
        quote!(#rt::ops::call)
    };
    let read = read_output(cx, op);
    let (name, unwrapped) = match &op.wrapped {
        Some(w) => {
            let raw = format_ident!("{}_raw", op.method.to_string().trim_start_matches("r#"));
            let fields = w.input_fields.iter().map(|(f, _)| f);
            let fparams = w.input_fields.iter().map(|(f, ty)| quote!(#f: #ty));
            let mut uparams: Vec<TokenStream> = fparams.collect();
            let mut args = vec![quote!(#(#fields),*)];
            let input_ty = &w.input_ty;
            args[0] = {
                let fs = w.input_fields.iter().map(|(f, _)| f);
                quote!(#input_ty { #(#fs),* })
            };
            if op.input.headers_ty.is_some() {
                let h = &op.input.headers_ty;
                uparams.push(quote!(soap_headers: &#h));
                args.push(quote!(soap_headers));
            }
            let (uout, map) = match (&w.output_field, &op.output.headers_ty) {
                (Some((f, ty)), None) => (quote!(#ty), quote!(.map(|r| r.#f))),
                (Some((f, ty)), Some(h)) => (quote!((#ty, #h)), quote!(.map(|(r, h)| (r.#f, h)))),
                (None, _) => (out.clone(), quote!()),
            };
            let sig = signature(cx, &op.method, &uparams, &uout, fault);
            let unwrapped = quote! {
                #doc
                ///
                /// Takes the request wrapper's fields; see the `_raw` method for the wrapper types.
                #sig {
                    self.#raw(#(#args),*)#await_ #map
                }
            };
            (raw, unwrapped)
        }
        None => (op.method.clone(), quote!()),
    };
    let sig = signature(cx, &name, &params, &out, fault);
    quote! {
        #unwrapped
        #doc
        #sig {
            let op = &#meta;
            let resp = #call::<_, #fault>(&self.core, op, |o| { #write }, #headers)#await_?;
            #read
        }
    }
}

/// Statements appending `body`'s parts (variables in scope) to `o`.
pub(crate) fn write_body(cx: &Cx<'_>, op: &Op, body: &Body, by_ref: bool) -> TokenStream {
    let rt = &cx.rt;
    let amp = if by_ref { quote!(&) } else { quote!() };
    match &body.rpc {
        Some((ns, local)) => {
            let parts = body.parts.iter().map(|p| {
                let (v, pns, plocal) = (&p.var, &p.ns, &p.local);
                match (&p.xsi_type, pns.is_empty()) {
                    (Some((tns, tlocal)), true) => {
                        quote!(#rt::ops::RpcPart::typed(#plocal, #tns, #tlocal, #amp #v))
                    }
                    (_, true) => quote!(#rt::ops::RpcPart::new(#plocal, #amp #v)),
                    (_, false) => quote!(#rt::ops::RpcPart::element(#pns, #plocal, #amp #v)),
                }
            });
            // The request wrapper is named after the operation, the
            // response wrapper after the operation + `Response`.
            if *local == op.xml_name {
                quote!(#rt::ops::rpc_request(o, op, #ns, &[#(#parts),*]);)
            } else {
                quote!(#rt::ops::rpc_response(o, op, #ns, &[#(#parts),*]);)
            }
        }
        None => {
            let parts = body.parts.iter().map(|p| {
                let (v, ns, local) = (&p.var, &p.ns, &p.local);
                quote!(#rt::ops::write_element(o, #amp #v, #rt::xml::Name::new(#ns, #local));)
            });
            quote!(#(#parts)*)
        }
    }
}

/// Statements reading the response (`resp` in scope) into the result.
fn read_output(cx: &Cx<'_>, op: &Op) -> TokenStream {
    let rt = &cx.rt;
    let body = &op.output;
    let value = match (&body.rpc, body.parts.as_slice()) {
        (_, []) => quote!(()),
        (None, [_]) => quote!(#rt::ops::response_element(&resp)?),
        (None, parts) => {
            let reads = parts.iter().map(|p| {
                let (ns, local) = (&p.ns, &p.local);
                quote!(#rt::ops::response_part(&resp, #ns, #local)?)
            });
            quote!((#(#reads),*))
        }
        (Some(_), [p]) => {
            let (ty, local) = (&p.ty, &p.local);
            quote!(#rt::ops::response_part1::<#ty>(&resp, op, #local)?)
        }
        (Some(_), parts) => {
            let slots: Vec<Ident> = (0..parts.len()).map(|i| format_ident!("p{}", i)).collect();
            let decls = parts.iter().zip(&slots).map(|(p, s)| {
                let (ty, local) = (&p.ty, &p.local);
                quote!(let mut #s = #rt::ops::Part::<#ty>::new(#local);)
            });
            let reqs = slots.iter().map(|s| quote!(#s.required()?));
            let value = if parts.len() == 1 {
                quote!(#(#reqs)*)
            } else {
                quote!((#(#reqs),*))
            };
            quote!({
                #(#decls)*
                #rt::ops::response_parts(&resp, op, &mut [#(&mut #slots),*])?;
                #value
            })
        }
    };
    match &body.headers_ty {
        Some(h) => {
            let fields = body.headers.iter().map(|p| {
                let (v, ns, local) = (&p.var, &p.ns, &p.local);
                quote!(#v: #rt::ops::response_header(&resp, #ns, #local)?,)
            });
            quote! {
                let value = #value;
                Ok((value, #h { #(#fields)* }))
            }
        }
        None => {
            if body.parts.is_empty() {
                quote!(let _ = resp; Ok(()))
            } else {
                quote!(Ok(#value))
            }
        }
    }
}
