//! A compile-free check that generated code declares no identifier twice in
//! one scope (types, values, struct fields, enum variants, inherent methods).
//! `syn::parse_file` accepts duplicates; rustc would not. Shared by the
//! `codegen` fuzz target and `crates/soapgen-ir/tests/hostile_generation.rs`.

use std::collections::{BTreeMap, BTreeSet};

/// `Err` names the first identifier declared twice and where.
pub fn check_unique(items: &[syn::Item], scope: &str) -> Result<(), String> {
    let mut types = BTreeSet::new();
    let mut values = BTreeSet::new();
    // Inherent methods per self type, across all `impl T` blocks of the scope.
    let mut methods: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let once = |set: &mut BTreeSet<String>, name: String, what: &str, at: &str| {
        if set.insert(name.clone()) {
            Ok(())
        } else {
            Err(format!("{what} `{name}` declared twice in {at}"))
        }
    };
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                once(&mut types, s.ident.to_string(), "type", scope)?;
                let mut fields = BTreeSet::new();
                let at = format!("{scope}::{}", s.ident);
                for f in s.fields.iter().filter_map(|f| f.ident.as_ref()) {
                    once(&mut fields, f.to_string(), "field", &at)?;
                }
            }
            syn::Item::Enum(e) => {
                once(&mut types, e.ident.to_string(), "type", scope)?;
                let mut variants = BTreeSet::new();
                let at = format!("{scope}::{}", e.ident);
                for v in &e.variants {
                    once(&mut variants, v.ident.to_string(), "variant", &at)?;
                }
            }
            syn::Item::Type(t) => once(&mut types, t.ident.to_string(), "type", scope)?,
            syn::Item::Trait(t) => once(&mut types, t.ident.to_string(), "trait", scope)?,
            syn::Item::Fn(f) => once(&mut values, f.sig.ident.to_string(), "fn", scope)?,
            syn::Item::Const(c) => once(&mut values, c.ident.to_string(), "const", scope)?,
            syn::Item::Static(s) => once(&mut values, s.ident.to_string(), "static", scope)?,
            syn::Item::Mod(m) => {
                once(&mut types, m.ident.to_string(), "module", scope)?;
                if let Some((_, inner)) = &m.content {
                    check_unique(inner, &format!("{scope}::{}", m.ident))?;
                }
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let ty = quote::ToTokens::to_token_stream(&i.self_ty).to_string();
                let at = format!("{scope}::{ty}");
                let set = methods.entry(ty).or_default();
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        once(set, f.sig.ident.to_string(), "method", &at)?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}
