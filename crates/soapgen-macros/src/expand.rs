//! The expansion of `include_wsdl!`, written against `proc_macro2` only so
//! that it can be tested outside a macro invocation (the workspace's
//! `tests/front_ends.rs` compiles this file with `#[path]`).
//!
//! Input grammar:
//! ```text
//! include_wsdl!("path/relative/to/CARGO_MANIFEST_DIR.wsdl",
//!     operations = ["Add", "Subtract"],
//!     client = false,
//!     layout = "flat",
//!     type_overrides = { "{http://tempuri.org/}Id" = "my::Id" },
//! )
//! ```
//! Keys and values are exactly those of `soapgen_build::Config::set`, so the
//! macro cannot drift from the build.rs and CLI front ends.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, bracketed, Ident, LitBool, LitStr, Token};

use soapgen_build::{Config, OptionValue};

/// The parsed macro input: the WSDL path literal and `key = value` options.
pub struct MacroInput {
    pub path: LitStr,
    pub options: Vec<(Ident, OptionValue, Span)>,
}

struct MapEntry(String, String);

impl Parse for MapEntry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let k: LitStr = input.parse()?;
        input.parse::<Token![=]>()?;
        let v: LitStr = input.parse()?;
        Ok(MapEntry(k.value(), v.value()))
    }
}

fn parse_value(input: ParseStream) -> syn::Result<(OptionValue, Span)> {
    let span = input.span();
    let la = input.lookahead1();
    let value = if la.peek(LitBool) {
        OptionValue::Bool(input.parse::<LitBool>()?.value)
    } else if la.peek(LitStr) {
        OptionValue::Str(input.parse::<LitStr>()?.value())
    } else if la.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
        OptionValue::List(items.iter().map(LitStr::value).collect())
    } else if la.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        let items = Punctuated::<MapEntry, Token![,]>::parse_terminated(&content)?;
        OptionValue::Map(items.into_iter().map(|MapEntry(k, v)| (k, v)).collect())
    } else {
        return Err(la.error());
    };
    Ok((value, span))
}

impl Parse for MacroInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut options = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let (value, span) = parse_value(input)?;
            options.push((key, value, span));
        }
        Ok(MacroInput { path, options })
    }
}

/// Resolves `p` against the manifest directory unless it is absolute.
fn resolve(manifest_dir: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        manifest_dir.join(p)
    }
}

impl MacroInput {
    /// The generation config; relative paths resolve against `manifest_dir`.
    pub fn config(&self, manifest_dir: &Path) -> syn::Result<Config> {
        let mut config = Config::new(resolve(manifest_dir, Path::new(&self.path.value())));
        for (key, value, _) in &self.options {
            config
                .set(&key.to_string(), value.clone())
                .map_err(|e| syn::Error::new(key.span(), e.to_string()))?;
        }
        config.catalogs = config
            .catalogs
            .iter()
            .map(|c| resolve(manifest_dir, c))
            .collect();
        Ok(config)
    }
}

/// The whole expansion: generated items plus an `include_bytes!` per input
/// document (so cargo rebuilds when the WSDL changes), or `compile_error!`
/// pointing at the macro call and quoting the WSDL location.
pub fn expand(input: TokenStream, manifest_dir: &Path) -> TokenStream {
    match try_expand(input, manifest_dir) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn try_expand(input: TokenStream, manifest_dir: &Path) -> syn::Result<TokenStream> {
    let parsed: MacroInput = syn::parse2(input)?;
    let config = parsed.config(manifest_dir)?;
    let (code, inputs) = soapgen_build::generate_string(&config)
        .map_err(|e| syn::Error::new(parsed.path.span(), format!("soapgen: {e}")))?;
    let items = TokenStream::from_str(&code).map_err(|e| {
        syn::Error::new(
            parsed.path.span(),
            format!("soapgen: generated code does not tokenize: {e}"),
        )
    })?;
    let tracked = inputs.iter().filter_map(|p| {
        // include_bytes! needs a UTF-8 path literal; a non-UTF-8 path only
        // loses rebuild tracking, not correctness.
        p.to_str().map(|s| {
            let lit = LitStr::new(s, Span::call_site());
            quote! { const _: &[u8] = include_bytes!(#lit); }
        })
    });
    Ok(quote! {
        #items
        #(#tracked)*
    })
}
