//! Loading a whole document set: the entry document and everything it
//! imports, includes or redefines, each document once (cycles and diamonds
//! are fine), breadth-first so that load order is deterministic and no
//! import chain can exhaust the stack.

use crate::error::{Error, ErrorKind, Result};
use crate::loader::{Loader, Source};
use crate::location::Location;
use crate::wsdl::{read_definitions, Definitions};
use crate::xml::{
    check_placeholders, is_xsd, is_xsd_ns, parse_document, Ctx, QName, WSDL20_NS, WSDL_NS,
};
use crate::xsd::{read_schema, ComplexContent, Item, Schema, SimpleContent, Term};
use crate::LoadOptions;
use std::collections::{BTreeSet, VecDeque};
use std::path::Path;
use std::sync::Arc;

/// One loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Loader id (path or URI); also the `file` of every location in it.
    pub id: Arc<str>,
    pub kind: DocumentKind,
}

#[derive(Debug, Clone)]
pub enum DocumentKind {
    Wsdl(Box<Definitions>),
    Schema(Box<Schema>),
}

/// A non-fatal finding while loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
    pub location: Option<Location>,
}

/// Every document of one load, the entry first.
#[derive(Debug, Clone, Default)]
pub struct DocumentSet {
    pub documents: Vec<Document>,
    pub warnings: Vec<Warning>,
}

impl DocumentSet {
    /// Every schema (inline WSDL schemas included), in load order.
    pub fn schemas(&self) -> impl Iterator<Item = &Schema> {
        self.documents
            .iter()
            .flat_map(|d| -> Box<dyn Iterator<Item = &Schema>> {
                match &d.kind {
                    DocumentKind::Wsdl(w) => Box::new(w.schemas.iter()),
                    DocumentKind::Schema(s) => Box::new(std::iter::once(s.as_ref())),
                }
            })
    }

    /// Every WSDL definitions element, in load order.
    pub fn definitions(&self) -> impl Iterator<Item = &Definitions> {
        self.documents.iter().filter_map(|d| match &d.kind {
            DocumentKind::Wsdl(w) => Some(w.as_ref()),
            DocumentKind::Schema(_) => None,
        })
    }
}

/// Load a document set from a file with the default loader.
pub fn load_path(path: impl AsRef<Path>, opts: &LoadOptions) -> Result<DocumentSet> {
    let loader = opts.loader()?;
    let p = path.as_ref().display().to_string();
    load_with(&loader, &p, opts)
}

/// Load a document set whose entry document is given as text; `name` is
/// its id (relative imports resolve against it, in memory or on disk).
pub fn load_str(name: &str, text: &str, opts: &LoadOptions) -> Result<DocumentSet> {
    let mut opts = opts.clone();
    opts.in_memory.insert(name.to_string(), text.to_string());
    let loader = opts.loader()?;
    load_with(&loader, name, &opts)
}

/// Documents already loaded: (id, chameleon namespace or redefine marker),
/// and whether each id has its own targetNamespace.
#[derive(Default)]
struct Seen {
    keys: BTreeSet<(String, Option<String>)>,
    has_tns: std::collections::BTreeMap<String, bool>,
}

/// What to do with a queued location.
struct Pending {
    location: String,
    base: Option<String>,
    /// Namespace for a chameleon include.
    chameleon: Option<String>,
    /// Redefinitions to apply to the loaded schema.
    redefine: Option<Vec<Item>>,
    /// Where it was named (for errors).
    named_at: Option<Location>,
}

/// Load with any [`Loader`] (`opts.catalogs` and `opts.in_memory` are the
/// default loader's business and are ignored here).
pub fn load_with(loader: &dyn Loader, entry: &str, opts: &LoadOptions) -> Result<DocumentSet> {
    let mut set = DocumentSet::default();
    let mut seen = Seen::default();
    let mut queue: VecDeque<Pending> = VecDeque::new();
    queue.push_back(Pending {
        location: entry.to_string(),
        base: None,
        chameleon: None,
        redefine: None,
        named_at: None,
    });
    let mut explicit_ns_imports: Vec<(String, Location)> = Vec::new();
    let mut tried_namespaces: BTreeSet<String> = BTreeSet::new();
    loop {
        while let Some(p) = queue.pop_front() {
            let src = loader.load(&p.location, p.base.as_deref()).map_err(|f| {
                Error::new(
                    f.kind,
                    f.message,
                    p.named_at
                        .clone()
                        .or_else(|| Some(Location::file(&Arc::from(p.location.as_str())))),
                )
            })?;
            load_source(
                &mut set,
                &mut seen,
                &mut queue,
                &mut explicit_ns_imports,
                src,
                p,
                opts,
            )?;
        }
        // Namespaces referenced or imported without a location that no
        // loaded schema provides: ask the loader (catalog, bundled copies).
        let provided: BTreeSet<String> = set
            .schemas()
            .filter_map(|s| s.target_namespace.clone())
            .chain(set.definitions().filter_map(|d| d.target_namespace.clone()))
            .collect();
        let mut wanted: BTreeSet<String> = referenced_namespaces(&set);
        wanted.extend(explicit_ns_imports.iter().map(|(n, _)| n.clone()));
        let mut progressed = false;
        for ns in wanted {
            if provided.contains(&ns) || is_xsd_ns(&ns) || !tried_namespaces.insert(ns.clone()) {
                continue;
            }
            if let Some(src) = loader.load_namespace(&ns) {
                let p = Pending {
                    location: src.id.clone(),
                    base: None,
                    chameleon: None,
                    redefine: None,
                    named_at: None,
                };
                load_source(
                    &mut set,
                    &mut seen,
                    &mut queue,
                    &mut explicit_ns_imports,
                    src,
                    p,
                    opts,
                )?;
                progressed = true;
            }
        }
        if !progressed && queue.is_empty() {
            break;
        }
    }
    let provided: BTreeSet<String> = set
        .schemas()
        .filter_map(|s| s.target_namespace.clone())
        .collect();
    for (ns, loc) in explicit_ns_imports {
        // The WSDL and SOAP binding namespaces are imported by some WSDLs
        // (for wsdl:arrayType) but define no types a document needs.
        let no_types = [WSDL_NS, crate::wsdl::SOAP11_NS, crate::wsdl::SOAP12_NS];
        if !provided.contains(&ns) && !is_xsd_ns(&ns) && !no_types.contains(&ns.as_str()) {
            set.warnings.push(Warning {
                message: format!(
                    "namespace '{ns}' is imported without a schemaLocation and no schema for it was found (map it with an XML catalog <uri name=\"{ns}\" .../>)"
                ),
                location: Some(loc),
            });
        }
    }
    Ok(set)
}

/// Namespaces that QNames of the set refer to, found by a cheap re-scan of
/// the syntax model's references.
fn referenced_namespaces(set: &DocumentSet) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &set.documents {
        if let DocumentKind::Wsdl(w) = &d.kind {
            for m in &w.messages {
                for p in &m.parts {
                    for q in p.element.iter().chain(&p.type_) {
                        out.insert(q.ns.clone());
                    }
                }
            }
        }
    }
    for s in set.schemas() {
        crate::set::refs::schema_refs(s, &mut out);
    }
    out.remove("");
    out
}

#[allow(clippy::too_many_arguments)]
fn load_source(
    set: &mut DocumentSet,
    seen: &mut Seen,
    queue: &mut VecDeque<Pending>,
    explicit_ns_imports: &mut Vec<(String, Location)>,
    src: Source,
    p: Pending,
    opts: &LoadOptions,
) -> Result<()> {
    let limits = &opts.limits;
    // A redefined document is a distinct document set entry even if also
    // imported plainly (its components differ), so the key includes it.
    // A chameleon include of a schema that has its own targetNamespace is
    // the same document as a plain import of it.
    let key_for = |has_tns: Option<bool>| match (&p.chameleon, &p.redefine) {
        (_, Some(_)) => Some(format!(
            "redefine:{}",
            p.named_at
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default()
        )),
        (_, None) if has_tns == Some(true) => None,
        (c, None) => c.clone(),
    };
    let known = seen.has_tns.get(&src.id).copied();
    if seen.keys.contains(&(src.id.clone(), key_for(known))) {
        return Ok(());
    }
    if set.documents.len() >= limits.max_documents {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "more than {} documents loaded (LoadOptions::limits.max_documents)",
                limits.max_documents
            ),
            p.named_at.clone(),
        ));
    }
    let file: Arc<str> = Arc::from(src.id.as_str());
    let doc = parse_document(&file, &src.text, limits, opts.allow_dtd)?;
    let root = doc.root_element();
    let has_tns = root.attribute("targetNamespace").is_some();
    seen.has_tns.insert(src.id.clone(), has_tns);
    if !seen.keys.insert((src.id.clone(), key_for(Some(has_tns)))) {
        return Ok(());
    }
    // Chameleon: only when the included schema has no targetNamespace.
    let chameleon = p
        .chameleon
        .clone()
        .filter(|_| root.attribute("targetNamespace").is_none());
    let mut ctx = Ctx::new(file.clone(), &src.text, chameleon);
    check_placeholders(&ctx, &doc)?;
    let ns = root.tag_name().namespace().unwrap_or("");
    let kind = if root.tag_name().name() == "definitions" && ns == WSDL_NS {
        let defs = read_definitions(&mut ctx, root)?;
        for imp in &defs.imports {
            match &imp.location_attr {
                Some(l) => queue.push_back(Pending {
                    location: l.clone(),
                    base: Some(src.id.clone()),
                    chameleon: None,
                    redefine: None,
                    named_at: Some(imp.location.clone()),
                }),
                None => {
                    if let Some(n) = &imp.namespace {
                        explicit_ns_imports.push((n.clone(), imp.location.clone()));
                    }
                }
            }
        }
        for s in &defs.schemas {
            queue_schema_refs(s, &src.id, queue, explicit_ns_imports);
        }
        for imp in &defs.type_imports {
            if let Some(l) = &imp.schema_location {
                queue.push_back(Pending {
                    location: l.clone(),
                    base: Some(src.id.clone()),
                    chameleon: None,
                    redefine: None,
                    named_at: Some(imp.location.clone()),
                });
            }
        }
        DocumentKind::Wsdl(Box::new(defs))
    } else if ns == WSDL20_NS {
        return Err(Error::at(
            ErrorKind::Wsdl20Unsupported,
            &ctx.loc(root),
            format!(
                "'{}' is a WSDL 2.0 document: WSDL 2.0 is not supported yet (only WSDL 1.1)",
                src.id
            ),
        ));
    } else if is_xsd(root, "schema") {
        let mut schema = read_schema(&mut ctx, root)?;
        if let Some(items) = p.redefine {
            apply_redefine(&mut schema, items);
        }
        queue_schema_refs(&schema, &src.id, queue, explicit_ns_imports);
        DocumentKind::Schema(Box::new(schema))
    } else {
        return Err(Error::at(
            ErrorKind::UnknownDocument,
            &ctx.loc(root),
            format!(
                "'{}' is neither a WSDL 1.1 document nor an XML Schema (root element {{{ns}}}{})",
                src.id,
                root.tag_name().name()
            ),
        ));
    };
    set.documents.push(Document { id: file, kind });
    Ok(())
}

fn queue_schema_refs(
    s: &Schema,
    base: &str,
    queue: &mut VecDeque<Pending>,
    explicit_ns_imports: &mut Vec<(String, Location)>,
) {
    for imp in &s.imports {
        match &imp.schema_location {
            Some(l) => queue.push_back(Pending {
                location: l.clone(),
                base: Some(base.to_string()),
                chameleon: None,
                redefine: None,
                named_at: Some(imp.location.clone()),
            }),
            None => {
                if let Some(n) = &imp.namespace {
                    explicit_ns_imports.push((n.clone(), imp.location.clone()));
                }
            }
        }
    }
    for inc in &s.includes {
        queue.push_back(Pending {
            location: inc.schema_location.clone(),
            base: Some(base.to_string()),
            chameleon: s.target_namespace.clone(),
            redefine: None,
            named_at: Some(inc.location.clone()),
        });
    }
    for r in &s.redefines {
        queue.push_back(Pending {
            location: r.schema_location.clone(),
            base: Some(base.to_string()),
            chameleon: s.target_namespace.clone(),
            redefine: Some(r.items.clone()),
            named_at: Some(r.location.clone()),
        });
    }
}

/// `xs:redefine`: the redefined schema's original component is renamed
/// (`Name.redefined`), the redefinition takes its place, and the
/// redefinition's self-reference (its base, or its own group ref) points to
/// the renamed original. Done on the syntax model so the resolver sees
/// ordinary components.
fn apply_redefine(schema: &mut Schema, items: Vec<Item>) {
    let tns = schema.target_namespace.clone().unwrap_or_default();
    for mut item in items {
        let name = match &item {
            Item::SimpleType(t) => t.name.clone(),
            Item::ComplexType(t) => t.name.clone(),
            Item::Group(g) => Some(g.name.clone()),
            Item::AttributeGroup(g) => Some(g.name.clone()),
            _ => None,
        };
        let Some(name) = name else { continue };
        let hidden = format!("{name}.redefined");
        let own = QName::new(tns.clone(), name.clone());
        let hidden_q = QName::new(tns.clone(), hidden.clone());
        let same_kind = |a: &Item, b: &Item| std::mem::discriminant(a) == std::mem::discriminant(b);
        for orig in schema.items.iter_mut().filter(|o| same_kind(o, &item)) {
            match orig {
                Item::SimpleType(t) if t.name.as_deref() == Some(&name) => {
                    t.name = Some(hidden.clone())
                }
                Item::ComplexType(t) if t.name.as_deref() == Some(&name) => {
                    t.name = Some(hidden.clone())
                }
                Item::Group(g) if g.name == name => g.name = hidden.clone(),
                Item::AttributeGroup(g) if g.name == name => g.name = hidden.clone(),
                _ => {}
            }
        }
        let swap = |q: &mut QName| {
            if *q == own {
                *q = hidden_q.clone();
            }
        };
        match &mut item {
            Item::SimpleType(t) => {
                if let SimpleContent::Restriction { base: Some(b), .. } = &mut t.content {
                    swap(b);
                }
            }
            Item::ComplexType(t) => match &mut t.content {
                ComplexContent::Simple { base, .. } | ComplexContent::Complex { base, .. } => {
                    swap(base)
                }
                ComplexContent::Direct { .. } => {}
            },
            Item::Group(g) => {
                let mut stack: Vec<&mut crate::xsd::ModelGroup> = g.model.iter_mut().collect();
                while let Some(m) = stack.pop() {
                    for p in &mut m.particles {
                        match &mut p.term {
                            Term::GroupRef(q) => swap(q),
                            Term::Group(inner) => stack.push(inner),
                            _ => {}
                        }
                    }
                }
            }
            Item::AttributeGroup(g) => {
                for a in &mut g.attributes.items {
                    if let crate::xsd::AttributeItem::GroupRef(q, _) = a {
                        swap(q);
                    }
                }
            }
            _ => {}
        }
        schema.items.push(item);
    }
}

pub(crate) mod refs {
    //! Namespaces referenced by a schema's QNames (iterative walk).
    use crate::xsd::*;
    use std::collections::BTreeSet;

    pub fn schema_refs(s: &Schema, out: &mut BTreeSet<String>) {
        for i in s
            .items
            .iter()
            .chain(s.redefines.iter().flat_map(|r| &r.items))
        {
            item(i, out);
        }
    }

    fn item(i: &Item, out: &mut BTreeSet<String>) {
        match i {
            Item::Element(e) => element(e, out),
            Item::SimpleType(t) => simple(t, out),
            Item::ComplexType(t) => complex(t, out),
            Item::Group(g) => {
                if let Some(m) = &g.model {
                    group(m, out)
                }
            }
            Item::AttributeGroup(g) => attrs(&g.attributes, out),
            Item::Attribute(a) => attr(a, out),
            Item::Notation(_) => {}
        }
    }

    fn add(q: &Option<crate::QName>, out: &mut BTreeSet<String>) {
        if let Some(q) = q {
            out.insert(q.ns.clone());
        }
    }

    fn element(e: &Element, out: &mut BTreeSet<String>) {
        add(&e.ref_, out);
        add(&e.type_, out);
        add(&e.substitution_group, out);
        match e.inline_type.as_deref() {
            Some(TypeDef::Simple(t)) => simple(t, out),
            Some(TypeDef::Complex(t)) => complex(t, out),
            None => {}
        }
    }

    fn simple(t: &SimpleType, out: &mut BTreeSet<String>) {
        match &t.content {
            SimpleContent::Restriction {
                base, inline_base, ..
            } => {
                add(base, out);
                if let Some(b) = inline_base {
                    simple(b, out);
                }
            }
            SimpleContent::List {
                item_type,
                inline_item,
            } => {
                add(item_type, out);
                if let Some(b) = inline_item {
                    simple(b, out);
                }
            }
            SimpleContent::Union {
                member_types,
                inline_members,
            } => {
                out.extend(member_types.iter().map(|q| q.ns.clone()));
                for m in inline_members {
                    simple(m, out);
                }
            }
        }
    }

    fn complex(t: &ComplexType, out: &mut BTreeSet<String>) {
        match &t.content {
            ComplexContent::Direct {
                particle,
                attributes,
            } => {
                if let Some(p) = particle {
                    particle_refs(p, out);
                }
                attrs(attributes, out);
            }
            ComplexContent::Simple {
                base,
                inline_type,
                attributes,
                ..
            } => {
                out.insert(base.ns.clone());
                if let Some(t) = inline_type {
                    simple(t, out);
                }
                attrs(attributes, out);
            }
            ComplexContent::Complex {
                base,
                particle,
                attributes,
                ..
            } => {
                out.insert(base.ns.clone());
                if let Some(p) = particle {
                    particle_refs(p, out);
                }
                attrs(attributes, out);
            }
        }
    }

    fn particle_refs(p: &Particle, out: &mut BTreeSet<String>) {
        match &p.term {
            Term::Element(e) => element(e, out),
            Term::Group(m) => group(m, out),
            Term::GroupRef(q) => {
                out.insert(q.ns.clone());
            }
            Term::Any(_) => {}
        }
    }

    fn group(m: &ModelGroup, out: &mut BTreeSet<String>) {
        for p in &m.particles {
            particle_refs(p, out);
        }
    }

    fn attrs(a: &AttributeUses, out: &mut BTreeSet<String>) {
        for i in &a.items {
            match i {
                AttributeItem::Attribute(a) => attr(a, out),
                AttributeItem::GroupRef(q, _) => {
                    out.insert(q.ns.clone());
                }
            }
        }
    }

    fn attr(a: &Attribute, out: &mut BTreeSet<String>) {
        add(&a.ref_, out);
        add(&a.type_, out);
        if let Some(t) = &a.inline_type {
            simple(t, out);
        }
        if let Some((q, _)) = &a.wsdl_array_type {
            out.insert(q.ns.clone());
        }
    }
}
