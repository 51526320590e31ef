//! Syntax model ([`DocumentSet`]) → [`Ir`]: follow every QName, expand
//! groups and attribute groups, compute effective content, attributes and
//! facets, and bind WSDL operations.
//!
//! Recursion discipline: the resolver recurses only along derivation chains
//! (`base` → `base`), guarded by an in-progress state (a loop is a typed
//! error). Content is resolved from a worklist, so recursive content models
//! (a type containing itself) never recurse here.

mod recursion;
mod schema;
mod wsdl;

use crate::error::{loc, Error, ErrorKind};
use crate::model::*;
use soapgen_parser::xsd;
use soapgen_parser::{DocumentSet, QName as SQName};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// Resolve a loaded document set.
pub fn resolve(set: &DocumentSet) -> Result<Ir, Error> {
    let mut r = Resolver::new(set);
    r.register()?;
    r.resolve_all()?;
    let bindings_services = wsdl::resolve_wsdl(&mut r)?;
    r.finish(bindings_services)
}

pub(crate) fn q(s: &SQName) -> QName {
    QName::new(s.ns.clone(), s.local.clone())
}

/// Where a type's definition is in the syntax model.
#[derive(Clone, Copy)]
pub(crate) enum TypeSrc<'s> {
    Simple(&'s xsd::Schema, &'s xsd::SimpleType),
    Complex(&'s xsd::Schema, &'s xsd::ComplexType),
    /// A type synthesised by the resolver (simpleContent restriction with
    /// facets); its definition is produced when it is allocated.
    Synthetic,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Todo,
    InProgress,
    Done,
}

pub(crate) struct Resolver<'s> {
    pub set: &'s DocumentSet,
    // Registries (first definition wins; duplicates are warned about).
    pub type_ids: BTreeMap<QName, TypeId>,
    pub element_ids: BTreeMap<QName, ElementId>,
    pub groups: BTreeMap<QName, (&'s xsd::Schema, &'s xsd::Group)>,
    pub attribute_groups: BTreeMap<QName, (&'s xsd::Schema, &'s xsd::AttributeGroup)>,
    pub attributes: BTreeMap<QName, (&'s xsd::Schema, &'s xsd::Attribute)>,
    // Per type.
    pub type_src: Vec<TypeSrc<'s>>,
    pub type_names: Vec<(QName, bool, Option<String>, Location)>,
    pub type_state: Vec<State>,
    pub types: Vec<Option<TypeDef>>,
    // Per global element.
    pub element_src: Vec<(&'s xsd::Schema, &'s xsd::Element)>,
    pub element_type: Vec<Option<TypeRef>>,
    pub element_state: Vec<State>,
    // Caches.
    pub group_cache: BTreeMap<QName, ModelGroup>,
    pub group_state: BTreeMap<QName, State>,
    pub attr_group_cache: BTreeMap<QName, schema::AttrUses>,
    pub attr_group_state: BTreeMap<QName, State>,
    /// Every type name in use per namespace (named + provisional), for
    /// collision-free anonymous names.
    pub taken: BTreeSet<QName>,
    pub loaded_namespaces: BTreeSet<String>,
    pub warnings: Vec<Diagnostic>,
}

impl<'s> Resolver<'s> {
    fn new(set: &'s DocumentSet) -> Self {
        Resolver {
            set,
            type_ids: BTreeMap::new(),
            element_ids: BTreeMap::new(),
            groups: BTreeMap::new(),
            attribute_groups: BTreeMap::new(),
            attributes: BTreeMap::new(),
            type_src: Vec::new(),
            type_names: Vec::new(),
            type_state: Vec::new(),
            types: Vec::new(),
            element_src: Vec::new(),
            element_type: Vec::new(),
            element_state: Vec::new(),
            group_cache: BTreeMap::new(),
            group_state: BTreeMap::new(),
            attr_group_cache: BTreeMap::new(),
            attr_group_state: BTreeMap::new(),
            taken: BTreeSet::new(),
            loaded_namespaces: BTreeSet::new(),
            warnings: Vec::new(),
        }
    }

    pub fn warn(&mut self, message: impl Into<String>, location: Option<Location>) {
        self.warnings.push(Diagnostic {
            message: message.into(),
            location,
        });
    }

    fn duplicate(&mut self, what: &str, name: &QName, l: &soapgen_parser::Location) {
        self.warn(
            format!("{what} {name} is defined more than once; the first definition is used"),
            Some(loc(l)),
        );
    }

    /// Index every global component of every schema, in load order.
    fn register(&mut self) -> Result<(), Error> {
        for w in &self.set.warnings {
            self.warnings.push(Diagnostic {
                message: w.message.clone(),
                location: w.location.as_ref().map(loc),
            });
        }
        let set = self.set;
        for schema in set.schemas() {
            let tns = schema.target_namespace.clone().unwrap_or_default();
            self.loaded_namespaces.insert(tns.clone());
            for item in &schema.items {
                match item {
                    xsd::Item::SimpleType(t) => {
                        if let Some(n) = &t.name {
                            self.register_type(
                                QName::new(tns.clone(), n.clone()),
                                TypeSrc::Simple(schema, t),
                                t.doc.clone(),
                                &t.location,
                            );
                        }
                    }
                    xsd::Item::ComplexType(t) => {
                        if let Some(n) = &t.name {
                            self.register_type(
                                QName::new(tns.clone(), n.clone()),
                                TypeSrc::Complex(schema, t),
                                t.doc.clone(),
                                &t.location,
                            );
                        }
                    }
                    xsd::Item::Element(e) => {
                        if let Some(n) = &e.name {
                            let name = QName::new(tns.clone(), n.clone());
                            if self.element_ids.contains_key(&name) {
                                self.duplicate("element", &name, &e.location);
                            } else {
                                self.element_ids
                                    .insert(name, ElementId(self.element_src.len()));
                                self.element_src.push((schema, e));
                                self.element_type.push(None);
                                self.element_state.push(State::Todo);
                            }
                        }
                    }
                    xsd::Item::Group(g) => {
                        let name = QName::new(tns.clone(), g.name.clone());
                        match self.groups.entry(name) {
                            Entry::Occupied(o) => {
                                let name = o.key().clone();
                                self.duplicate("group", &name, &g.location)
                            }
                            Entry::Vacant(v) => {
                                v.insert((schema, g));
                            }
                        }
                    }
                    xsd::Item::AttributeGroup(g) => {
                        let name = QName::new(tns.clone(), g.name.clone());
                        match self.attribute_groups.entry(name) {
                            Entry::Occupied(o) => {
                                let name = o.key().clone();
                                self.duplicate("attribute group", &name, &g.location)
                            }
                            Entry::Vacant(v) => {
                                v.insert((schema, g));
                            }
                        }
                    }
                    xsd::Item::Attribute(a) => {
                        if let Some(n) = &a.name {
                            let name = QName::new(tns.clone(), n.clone());
                            self.attributes.entry(name).or_insert((schema, a));
                        }
                    }
                    xsd::Item::Notation(_) => {}
                }
            }
        }
        Ok(())
    }

    fn register_type(
        &mut self,
        name: QName,
        src: TypeSrc<'s>,
        doc: Option<String>,
        l: &soapgen_parser::Location,
    ) {
        if self.type_ids.contains_key(&name) {
            self.duplicate("type", &name, l);
            return;
        }
        self.type_ids
            .insert(name.clone(), TypeId(self.type_src.len()));
        self.taken.insert(name.clone());
        self.push_type(name, false, src, doc, loc(l));
    }

    fn push_type(
        &mut self,
        name: QName,
        anonymous: bool,
        src: TypeSrc<'s>,
        doc: Option<String>,
        location: Location,
    ) -> TypeId {
        let id = TypeId(self.type_src.len());
        self.type_src.push(src);
        self.type_names.push((name, anonymous, doc, location));
        self.type_state.push(State::Todo);
        self.types.push(None);
        id
    }

    /// A collision-free provisional name for an anonymous type.
    pub fn provisional_name(&mut self, ns: &str, base: &str) -> QName {
        let mut candidate = QName::new(ns, base);
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = QName::new(ns, format!("{base}{n}"));
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Allocate an anonymous type (resolved later from the worklist).
    pub fn anonymous(
        &mut self,
        ns: &str,
        context: &str,
        src: TypeSrc<'s>,
        doc: Option<String>,
        l: &soapgen_parser::Location,
    ) -> TypeId {
        let name = self.provisional_name(ns, context);
        self.push_type(name, true, src, doc, loc(l))
    }

    /// Resolve a type QName (builtin or of the set).
    pub fn lookup_type(
        &self,
        name: &SQName,
        at: &soapgen_parser::Location,
    ) -> Result<TypeRef, Error> {
        if soapgen_parser::xml::is_xsd_ns(&name.ns) {
            return Builtin::from_local_name(&name.local)
                .map(TypeRef::Builtin)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::UnresolvedName,
                        format!("'{}' is not an XML Schema builtin type", name.local),
                        Some(loc(at)),
                    )
                });
        }
        self.type_ids
            .get(&q(name))
            .map(|id| TypeRef::Named(*id))
            .ok_or_else(|| self.unresolved("type", name, at))
    }

    pub fn unresolved(&self, what: &str, name: &SQName, at: &soapgen_parser::Location) -> Error {
        let hint = if self.loaded_namespaces.contains(&name.ns) {
            String::new()
        } else if name.ns.is_empty() {
            " (it is in no namespace; is a default namespace or prefix missing?)".to_string()
        } else {
            format!(
                " (no schema for namespace '{}' was loaded; import it with a schemaLocation or map the namespace in an XML catalog)",
                name.ns
            )
        };
        Error::new(
            ErrorKind::UnresolvedName,
            format!("{what} {name} is not defined{hint}"),
            Some(loc(at)),
        )
    }

    /// Resolve every type (named first, then the anonymous ones as they
    /// are discovered) and every global element's type.
    fn resolve_all(&mut self) -> Result<(), Error> {
        for e in 0..self.element_src.len() {
            self.element_type_of(ElementId(e))?;
        }
        let mut i = 0;
        while i < self.type_src.len() {
            self.resolve_type(TypeId(i))?;
            i += 1;
        }
        Ok(())
    }

    fn finish(mut self, (bindings, services): (Vec<Binding>, Vec<Service>)) -> Result<Ir, Error> {
        let mut elements = Vec::with_capacity(self.element_src.len());
        for i in 0..self.element_src.len() {
            elements.push(self.element_decl(ElementId(i))?);
        }
        schema::fill_substitutes(&mut elements);
        let mut types: Vec<TypeDef> = Vec::with_capacity(self.types.len());
        for (i, t) in std::mem::take(&mut self.types).into_iter().enumerate() {
            match t {
                Some(t) => types.push(t),
                None => {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        format!("internal: type {} was never resolved", self.type_names[i].0),
                        Some(self.type_names[i].3.clone()),
                    ))
                }
            }
        }
        schema::fill_derived(&mut types);
        recursion::mark_recursive(&mut types);
        let mut documents: Vec<String> = Vec::new();
        for d in &self.set.documents {
            if !documents.iter().any(|x| **x == *d.id) {
                documents.push(d.id.to_string());
            }
        }
        let entry = self.set.definitions().next();
        let is_wsdl_entry = matches!(
            self.set.documents.first().map(|d| &d.kind),
            Some(soapgen_parser::DocumentKind::Wsdl(_))
        );
        Ok(Ir {
            documents,
            target_namespace: entry
                .filter(|_| is_wsdl_entry)
                .and_then(|d| d.target_namespace.clone()),
            doc: entry.filter(|_| is_wsdl_entry).and_then(|d| d.doc.clone()),
            types,
            elements,
            bindings,
            services,
            warnings: self.warnings,
        })
    }
}
