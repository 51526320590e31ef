//! [`Names`]: every Rust name the generated code uses, decided once, up
//! front and deterministically (IR order), so that the type emitter and the
//! client/server emitters agree on them.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use soapgen_ir::{Builtin, ElementId, Ir, TypeId, TypeKind, TypeRef};

use crate::ident::{ident, module_name, type_name, unique};
use crate::{Error, ModuleLayout, Options};

/// One generated module (one per target namespace, or the single flat one).
#[derive(Debug, Clone)]
pub struct Module {
    /// The namespace(s) it holds (`""` for no namespace; several when flat).
    pub ns: String,
    /// Module identifier (empty in the flat layout: items live at the root).
    pub ident: String,
}

/// The generated Rust name of an IR type.
#[derive(Debug, Clone)]
pub struct TypeName {
    pub module: usize,
    pub ident: String,
}

/// A polymorphic base: the enum over the base and its derived types used
/// wherever the base is referenced (dispatch on `xsi:type`).
#[derive(Debug, Clone)]
pub struct Poly {
    pub module: usize,
    pub ident: String,
    /// Concrete (non-abstract) members, the base first when concrete, then
    /// the derived types transitively in IR order.
    pub members: Vec<TypeId>,
}

/// A substitution group head: the enum over the head and its substitutes.
#[derive(Debug, Clone)]
pub struct Subst {
    pub module: usize,
    pub ident: String,
    /// Concrete members: the head (when not abstract), then substitutes.
    pub members: Vec<ElementId>,
}

/// Where a path is written from: the generated root or one of its modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The root of the generated code (e.g. a `client` module beside the
    /// namespace modules would use [`Scope::Sibling`]).
    Root,
    /// Inside namespace module `n`.
    Module(usize),
    /// Inside a module that sits beside the namespace modules.
    Sibling,
}

/// All names of the generated code.
pub struct Names {
    runtime: TokenStream,
    flat: bool,
    pub modules: Vec<Module>,
    pub types: Vec<TypeName>,
    pub poly: BTreeMap<TypeId, Poly>,
    pub subst: BTreeMap<ElementId, Subst>,
    overrides: BTreeMap<TypeId, TokenStream>,
    /// Identifiers taken per module (for names allocated during emission).
    pub(crate) taken: Vec<BTreeSet<String>>,
    /// Per module: the prelude type names that a generated type shadows.
    shadowed: Vec<BTreeSet<&'static str>>,
}

/// Prelude types generated code names, with their full paths.
const PRELUDE: &[(&str, &str)] = &[
    ("Option", "::core::option::Option"),
    ("Vec", "::std::vec::Vec"),
    ("String", "::std::string::String"),
    ("Box", "::std::boxed::Box"),
    ("Result", "::core::result::Result"),
];

impl Names {
    pub fn build(ir: &Ir, opts: &Options) -> Result<Names, Error> {
        let runtime: TokenStream = syn::parse_str::<syn::Path>(&opts.runtime_path)
            .map_err(|e| Error::InvalidOption(format!("runtime_path: {e}")))?
            .into_token_stream_compat();
        let flat = opts.layout == ModuleLayout::Flat;

        // Modules, in order of first appearance of their namespace.
        let mut modules: Vec<Module> = Vec::new();
        let mut ns_module: BTreeMap<String, usize> = BTreeMap::new();
        let mut module_idents = BTreeSet::new();
        let mut module_of = |ns: &str, modules: &mut Vec<Module>| -> usize {
            if flat {
                if modules.is_empty() {
                    modules.push(Module {
                        ns: String::new(),
                        ident: String::new(),
                    });
                }
                return 0;
            }
            if let Some(&m) = ns_module.get(ns) {
                return m;
            }
            let id = unique(&mut module_idents, module_name(ns), "_");
            modules.push(Module {
                ns: ns.to_string(),
                ident: id,
            });
            ns_module.insert(ns.to_string(), modules.len() - 1);
            modules.len() - 1
        };
        let type_modules: Vec<usize> = ir
            .types
            .iter()
            .map(|t| module_of(&t.name.ns, &mut modules))
            .collect();
        let element_modules: Vec<usize> = ir
            .elements
            .iter()
            .map(|e| module_of(&e.name.ns, &mut modules))
            .collect();
        let mut taken: Vec<BTreeSet<String>> = vec![BTreeSet::new(); modules.len()];

        let mut overrides = BTreeMap::new();
        for (i, t) in ir.types.iter().enumerate() {
            let key = soapgen_ir::QName::new(t.name.ns.clone(), t.name.local.clone());
            if let Some(path) = opts.type_overrides.get(&key) {
                let p = syn::parse_str::<syn::Type>(path)
                    .map_err(|e| Error::InvalidOption(format!("type override for {key}: {e}")))?;
                overrides.insert(TypeId(i), quote!(#p));
            }
        }

        // Named types first (they keep their natural names), then anonymous.
        let mut types: Vec<Option<TypeName>> = vec![None; ir.types.len()];
        for pass_anonymous in [false, true] {
            for (i, t) in ir.types.iter().enumerate() {
                if t.anonymous != pass_anonymous {
                    continue;
                }
                let m = type_modules[i];
                let id = unique(&mut taken[m], type_name(&t.name.local), "");
                types[i] = Some(TypeName {
                    module: m,
                    ident: id,
                });
            }
        }
        let types: Vec<TypeName> = types.into_iter().flatten().collect();

        // Polymorphic bases: complex types with complex derived types.
        let mut poly = BTreeMap::new();
        for (i, t) in ir.types.iter().enumerate() {
            let TypeKind::Complex(c) = &t.kind else {
                continue;
            };
            if c.derived.is_empty() || overrides.contains_key(&TypeId(i)) {
                continue;
            }
            let mut members = Vec::new();
            if !c.is_abstract {
                members.push(TypeId(i));
            }
            let mut all = BTreeSet::new();
            collect_derived(ir, TypeId(i), &mut all);
            for d in all {
                if let TypeKind::Complex(dc) = &ir.types[d.0].kind {
                    if !dc.is_abstract {
                        members.push(d);
                    }
                }
            }
            let m = types[i].module;
            let id = unique(&mut taken[m], format!("{}OrDerived", types[i].ident), "");
            poly.insert(
                TypeId(i),
                Poly {
                    module: m,
                    ident: id,
                    members,
                },
            );
        }

        // Substitution group heads.
        let mut subst = BTreeMap::new();
        for (i, e) in ir.elements.iter().enumerate() {
            if e.substitutes.is_empty() {
                continue;
            }
            let mut members = Vec::new();
            if !e.is_abstract {
                members.push(ElementId(i));
            }
            members.extend(
                e.substitutes
                    .iter()
                    .copied()
                    .filter(|s| !ir.elements[s.0].is_abstract),
            );
            let m = element_modules[i];
            let id = unique(
                &mut taken[m],
                format!("{}OrSubstitute", type_name(&e.name.local)),
                "",
            );
            subst.insert(
                ElementId(i),
                Subst {
                    module: m,
                    ident: id,
                    members,
                },
            );
        }

        let shadowed = taken
            .iter()
            .map(|t| {
                PRELUDE
                    .iter()
                    .map(|(n, _)| *n)
                    .filter(|n| t.contains(&n.to_lowercase()))
                    .collect()
            })
            .collect();
        Ok(Names {
            shadowed,
            runtime,
            flat,
            modules,
            types,
            poly,
            subst,
            overrides,
            taken,
        })
    }

    /// The runtime crate path (`::soapgen_runtime` by default).
    pub fn runtime(&self) -> &TokenStream {
        &self.runtime
    }

    pub fn is_flat(&self) -> bool {
        self.flat
    }

    /// Path to item `ident` of module `module`, as written from `scope`.
    pub fn item_path(&self, module: usize, ident_str: &str, scope: Scope) -> TokenStream {
        let item = ident(ident_str);
        if self.flat {
            return match scope {
                Scope::Sibling => quote!(super::#item),
                _ => quote!(#item),
            };
        }
        let m = ident(&self.modules[module].ident);
        match scope {
            Scope::Module(s) if s == module => quote!(#item),
            Scope::Module(_) | Scope::Sibling => quote!(super::#m::#item),
            Scope::Root => quote!(#m::#item),
        }
    }

    /// The Rust type of a value of `t` (polymorphic enum for a base with
    /// derived types, override when configured), as written from `scope`.
    pub fn type_ref(&self, t: TypeRef, scope: Scope) -> TokenStream {
        match t {
            TypeRef::Builtin(b) => self.builtin_in(b, scope),
            TypeRef::Named(id) => {
                if let Some(o) = self.overrides.get(&id) {
                    return o.clone();
                }
                if let Some(p) = self.poly.get(&id) {
                    return self.item_path(p.module, &p.ident, scope);
                }
                self.type_def(id, scope)
            }
        }
    }

    /// The Rust type generated for the definition `id` itself (never the
    /// polymorphic enum).
    pub fn type_def(&self, id: TypeId, scope: Scope) -> TokenStream {
        if let Some(o) = self.overrides.get(&id) {
            return o.clone();
        }
        let n = &self.types[id.0];
        self.item_path(n.module, &n.ident, scope)
    }

    pub fn is_overridden(&self, id: TypeId) -> bool {
        self.overrides.contains_key(&id)
    }

    /// The Rust type of the value of global element `e` (its type; the
    /// element's own name is in the IR).
    pub fn element_type(&self, ir: &Ir, e: ElementId, scope: Scope) -> TokenStream {
        self.type_ref(ir.elements[e.0].type_ref, scope)
    }

    /// A prelude type (`Option`, `Vec`, `String`, `Box`, `Result`) as
    /// written from `scope`: the short name unless a generated type there
    /// shadows it.
    pub fn prelude(&self, name: &str, scope: Scope) -> TokenStream {
        let full = PRELUDE
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, p)| *p);
        let short = match scope {
            Scope::Module(m) => !self.shadowed[m].contains(name),
            _ => false,
        };
        let path = if short { name } else { full };
        syn::parse_str::<syn::Path>(path)
            .map(|p| quote!(#p))
            .unwrap_or_default()
    }

    /// The Rust type for a builtin XSD type (full paths).
    pub fn builtin(&self, b: Builtin) -> TokenStream {
        self.builtin_in(b, Scope::Root)
    }

    /// The Rust type for a builtin XSD type as written from `scope`
    /// (generated modules name the runtime `rt`).
    pub fn builtin_in(&self, b: Builtin, scope: Scope) -> TokenStream {
        let rt = match scope {
            Scope::Module(_) => quote!(rt),
            _ => self.runtime.clone(),
        };
        let string = self.prelude("String", scope);
        use Builtin::*;
        match b {
            AnyType => quote!(#rt::xml::AnyElement),
            AnySimpleType | String | NormalizedString | Token | Language | Name | NCName | Id
            | IdRef | Entity | NmToken | AnyUri | Notation => string,
            IdRefs | Entities | NmTokens => quote!(#rt::types::List<#string>),
            Boolean => quote!(bool),
            Decimal => quote!(#rt::types::Decimal),
            Integer | NonPositiveInteger | NegativeInteger | NonNegativeInteger
            | PositiveInteger => quote!(#rt::types::Integer),
            Long => quote!(i64),
            Int => quote!(i32),
            Short => quote!(i16),
            Byte => quote!(i8),
            UnsignedLong => quote!(u64),
            UnsignedInt => quote!(u32),
            UnsignedShort => quote!(u16),
            UnsignedByte => quote!(u8),
            Float => quote!(f32),
            Double => quote!(f64),
            Duration => quote!(#rt::types::Duration),
            DateTime => quote!(#rt::types::DateTime),
            Time => quote!(#rt::types::Time),
            Date => quote!(#rt::types::Date),
            GYearMonth => quote!(#rt::types::GYearMonth),
            GYear => quote!(#rt::types::GYear),
            GMonthDay => quote!(#rt::types::GMonthDay),
            GDay => quote!(#rt::types::GDay),
            GMonth => quote!(#rt::types::GMonth),
            HexBinary => quote!(#rt::types::HexBinary),
            Base64Binary => quote!(#rt::types::Base64Binary),
            QName => quote!(#rt::types::QName),
        }
    }
}

fn collect_derived(ir: &Ir, id: TypeId, out: &mut BTreeSet<TypeId>) {
    if let TypeKind::Complex(c) = &ir.types[id.0].kind {
        for &d in &c.derived {
            if out.insert(d) {
                collect_derived(ir, d, out);
            }
        }
    }
}

/// `syn::Path` to tokens (named so that the intent reads at the call site).
trait IntoTokensCompat {
    fn into_token_stream_compat(self) -> TokenStream;
}

impl IntoTokensCompat for syn::Path {
    fn into_token_stream_compat(self) -> TokenStream {
        quote!(#self)
    }
}
