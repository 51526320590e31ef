//! XML Schema components: types (derivation, effective content, attributes,
//! facets), global elements, groups and attribute groups.

use super::{q, Resolver, State, TypeSrc};
use crate::error::{loc, Error, ErrorKind};
use crate::model::*;
use soapgen_parser::xsd::{self, FacetKind};
use soapgen_parser::Location as SLoc;

fn tns(schema: &xsd::Schema) -> &str {
    schema.target_namespace.as_deref().unwrap_or("")
}

fn occurs(min: u32, max: xsd::MaxOccurs) -> (u32, MaxOccurs) {
    (
        min,
        match max {
            xsd::MaxOccurs::Bounded(n) => MaxOccurs::Bounded(n),
            xsd::MaxOccurs::Unbounded => MaxOccurs::Unbounded,
        },
    )
}

fn compositor(c: xsd::Compositor) -> Compositor {
    match c {
        xsd::Compositor::Sequence => Compositor::Sequence,
        xsd::Compositor::Choice => Compositor::Choice,
        xsd::Compositor::All => Compositor::All,
    }
}

pub(crate) fn wildcard(w: &xsd::Wildcard, tns: &str) -> Wildcard {
    let ns = w.namespace.trim();
    let namespaces = match ns {
        "" | "##any" => NamespaceConstraint::Any,
        "##other" => NamespaceConstraint::Other(tns.to_string()),
        list => NamespaceConstraint::List(
            list.split_whitespace()
                .map(|t| match t {
                    "##local" => String::new(),
                    "##targetNamespace" => tns.to_string(),
                    other => other.to_string(),
                })
                .collect(),
        ),
    };
    let process_contents = match w.process_contents.trim() {
        "lax" => ProcessContents::Lax,
        "skip" => ProcessContents::Skip,
        _ => ProcessContents::Strict,
    };
    Wildcard {
        namespaces,
        process_contents,
    }
}

/// A sequence with occurs 1..1 that did not come from a named group: its
/// particles can be spliced into an enclosing sequence.
fn splice(p: Particle) -> Vec<Particle> {
    match p.term {
        Term::Group(g)
            if g.compositor == Compositor::Sequence
                && g.from_group.is_none()
                && p.min_occurs == 1
                && p.max_occurs == MaxOccurs::Bounded(1) =>
        {
            g.particles
        }
        term => vec![Particle {
            min_occurs: p.min_occurs,
            max_occurs: p.max_occurs,
            term,
        }],
    }
}

fn is_empty_particle(p: &Particle) -> bool {
    match &p.term {
        Term::Group(g) => g.particles.iter().all(is_empty_particle),
        _ => false,
    }
}

fn sequence(particles: Vec<Particle>) -> Particle {
    Particle {
        min_occurs: 1,
        max_occurs: MaxOccurs::Bounded(1),
        term: Term::Group(ModelGroup {
            compositor: Compositor::Sequence,
            particles,
            from_group: None,
        }),
    }
}

fn uint<T: std::str::FromStr>(f: &xsd::Facet) -> Result<T, Error> {
    f.value.trim().parse::<T>().map_err(|_| {
        Error::new(
            ErrorKind::InvalidFacet,
            format!(
                "facet {:?} needs a non-negative integer, found '{}'",
                f.kind, f.value
            ),
            Some(loc(&f.location)),
        )
    })
}

/// Merge a derivation step's facets onto the base's effective facets.
pub(crate) fn merge_facets(base: &Facets, own: &[xsd::Facet]) -> Result<Facets, Error> {
    let mut f = base.clone();
    let mut patterns = Vec::new();
    let mut enums = Vec::new();
    for facet in own {
        match facet.kind {
            FacetKind::Length => f.length = Some(uint(facet)?),
            FacetKind::MinLength => f.min_length = Some(uint(facet)?),
            FacetKind::MaxLength => f.max_length = Some(uint(facet)?),
            FacetKind::TotalDigits => f.total_digits = Some(uint(facet)?),
            FacetKind::FractionDigits => f.fraction_digits = Some(uint(facet)?),
            FacetKind::Pattern => patterns.push(facet.value.clone()),
            FacetKind::Enumeration => enums.push(EnumValue {
                value: facet.value.clone(),
                doc: facet.doc.clone(),
            }),
            FacetKind::WhiteSpace => {
                f.white_space = Some(match facet.value.trim() {
                    "preserve" => WhiteSpace::Preserve,
                    "replace" => WhiteSpace::Replace,
                    "collapse" => WhiteSpace::Collapse,
                    v => {
                        return Err(Error::new(
                            ErrorKind::InvalidFacet,
                            format!(
                                "whiteSpace must be preserve, replace or collapse, found '{v}'"
                            ),
                            Some(loc(&facet.location)),
                        ))
                    }
                })
            }
            FacetKind::MinInclusive => f.min_inclusive = Some(facet.value.clone()),
            FacetKind::MaxInclusive => f.max_inclusive = Some(facet.value.clone()),
            FacetKind::MinExclusive => f.min_exclusive = Some(facet.value.clone()),
            FacetKind::MaxExclusive => f.max_exclusive = Some(facet.value.clone()),
        }
    }
    if !patterns.is_empty() {
        f.patterns.push(patterns);
    }
    if !enums.is_empty() {
        f.enumeration = enums;
    }
    Ok(f)
}

/// Attributes with their `prohibited` flag, before derivation merging.
pub(crate) type AttrUses = (Vec<(Attribute, bool)>, Option<Wildcard>);

impl<'s> Resolver<'s> {
    // -----------------------------------------------------------------
    // Types
    // -----------------------------------------------------------------

    /// Resolve one type (and, first, its base chain).
    pub(crate) fn resolve_type(&mut self, id: TypeId) -> Result<(), Error> {
        match self.type_state[id.0] {
            State::Done => return Ok(()),
            State::InProgress => {
                let (name, _, _, l) = &self.type_names[id.0];
                return Err(Error::new(
                    ErrorKind::CircularDefinition,
                    format!("type {name} derives from itself (circular base chain)"),
                    Some(l.clone()),
                ));
            }
            State::Todo => {}
        }
        self.type_state[id.0] = State::InProgress;
        let kind = match self.type_src[id.0] {
            TypeSrc::Simple(schema, t) => TypeKind::Simple(self.simple_type(id, schema, t)?),
            TypeSrc::Complex(schema, t) => TypeKind::Complex(self.complex_type(id, schema, t)?),
            TypeSrc::Synthetic => {
                // Synthetic types are stored at allocation time.
                self.type_state[id.0] = State::Done;
                return Ok(());
            }
        };
        let (name, anonymous, doc, location) = self.type_names[id.0].clone();
        self.types[id.0] = Some(TypeDef {
            name,
            anonymous,
            doc,
            location,
            kind,
        });
        self.type_state[id.0] = State::Done;
        Ok(())
    }

    fn context_name(&self, id: TypeId) -> String {
        self.type_names[id.0].0.local.clone()
    }

    fn simple_of(&self, id: TypeId) -> Option<&SimpleType> {
        match self.types[id.0].as_ref().map(|t| &t.kind) {
            Some(TypeKind::Simple(s)) => Some(s),
            _ => None,
        }
    }

    fn complex_of(&self, id: TypeId) -> Option<&ComplexType> {
        match self.types[id.0].as_ref().map(|t| &t.kind) {
            Some(TypeKind::Complex(c)) => Some(c),
            _ => None,
        }
    }

    /// Variety and effective facets of a simple type used as a base.
    fn simple_base(&mut self, base: TypeRef, at: &SLoc) -> Result<(SimpleVariety, Facets), Error> {
        match base {
            TypeRef::Builtin(b) => Ok((SimpleVariety::Atomic { primitive: b }, Facets::default())),
            TypeRef::Named(id) => {
                self.resolve_type(id)?;
                if let Some(s) = self.simple_of(id) {
                    return Ok((s.variety.clone(), s.facets.clone()));
                }
                // A complex type with simple content used as a simple base
                // (not valid XSD 1.0, seen in the wild): use its content type.
                if let Some(Content::Simple(inner)) = self.complex_of(id).map(|c| c.content.clone())
                {
                    return self.simple_base(inner, at);
                }
                self.warn(
                    format!(
                        "{} is a complex type used as a simple type base; treated as xs:string",
                        self.type_names[id.0].0
                    ),
                    Some(loc(at)),
                );
                Ok((
                    SimpleVariety::Atomic {
                        primitive: Builtin::String,
                    },
                    Facets::default(),
                ))
            }
        }
    }

    /// Type of an inline simple type: allocate it as anonymous and resolve it now
    /// (derivation chains are resolved eagerly).
    fn inline_simple(
        &mut self,
        schema: &'s xsd::Schema,
        t: &'s xsd::SimpleType,
        context: &str,
    ) -> Result<TypeRef, Error> {
        let id = self.anonymous(
            tns(schema),
            context,
            TypeSrc::Simple(schema, t),
            t.doc.clone(),
            &t.location,
        );
        Ok(TypeRef::Named(id))
    }

    fn simple_type(
        &mut self,
        id: TypeId,
        schema: &'s xsd::Schema,
        t: &'s xsd::SimpleType,
    ) -> Result<SimpleType, Error> {
        let ctx = self.context_name(id);
        match &t.content {
            xsd::SimpleContent::Restriction {
                base,
                inline_base,
                facets,
            } => {
                let base_ref = match (base, inline_base) {
                    (Some(b), _) => self.lookup_type(b, &t.location)?,
                    (None, Some(inline)) => {
                        self.inline_simple(schema, inline, &format!("{ctx}_base"))?
                    }
                    (None, None) => TypeRef::Builtin(Builtin::AnySimpleType),
                };
                let (variety, base_facets) = self.simple_base(base_ref, &t.location)?;
                Ok(SimpleType {
                    base: Some(base_ref),
                    variety,
                    facets: merge_facets(&base_facets, facets)?,
                    derived: Vec::new(),
                })
            }
            xsd::SimpleContent::List {
                item_type,
                inline_item,
            } => {
                let item = match (item_type, inline_item) {
                    (Some(b), _) => self.lookup_type(b, &t.location)?,
                    (None, Some(inline)) => {
                        self.inline_simple(schema, inline, &format!("{ctx}_item"))?
                    }
                    (None, None) => TypeRef::Builtin(Builtin::AnySimpleType),
                };
                Ok(SimpleType {
                    base: None,
                    variety: SimpleVariety::List { item },
                    facets: Facets::default(),
                    derived: Vec::new(),
                })
            }
            xsd::SimpleContent::Union {
                member_types,
                inline_members,
            } => {
                let mut members = Vec::new();
                for m in member_types {
                    members.push(self.lookup_type(m, &t.location)?);
                }
                for (i, m) in inline_members.iter().enumerate() {
                    members.push(self.inline_simple(
                        schema,
                        m,
                        &format!("{ctx}_member{}", i + 1),
                    )?);
                }
                Ok(SimpleType {
                    base: None,
                    variety: SimpleVariety::Union { members },
                    facets: Facets::default(),
                    derived: Vec::new(),
                })
            }
        }
    }

    fn complex_type(
        &mut self,
        id: TypeId,
        schema: &'s xsd::Schema,
        t: &'s xsd::ComplexType,
    ) -> Result<ComplexType, Error> {
        let ctx = self.context_name(id);
        let mut ct = ComplexType {
            is_abstract: t.is_abstract,
            mixed: t.mixed,
            base: None,
            derived: Vec::new(),
            content: Content::Empty,
            inherited_particles: 0,
            attributes: Vec::new(),
            any_attribute: None,
        };
        match &t.content {
            xsd::ComplexContent::Direct {
                particle,
                attributes,
            } => {
                ct.content = self.own_content(schema, particle.as_ref(), &ctx)?;
                let (attrs, any) = self.attribute_uses(schema, attributes, &ctx)?;
                ct.attributes = attrs.into_iter().filter(|a| !a.1).map(|a| a.0).collect();
                ct.any_attribute = any;
            }
            xsd::ComplexContent::Complex {
                derivation,
                base,
                mixed,
                particle,
                attributes,
                location,
            } => {
                if let Some(m) = mixed {
                    ct.mixed = *m;
                }
                let base_ref = self.lookup_type(base, location)?;
                let own = self.own_content(schema, particle.as_ref(), &ctx)?;
                let own_attrs = self.attribute_uses(schema, attributes, &ctx)?;
                let (base_content, base_attrs, base_any) = self.base_complex(base_ref, location)?;
                match derivation {
                    xsd::Derivation::Extension => {
                        ct.base = Some((base_ref, Derivation::Extension));
                        let (content, inherited) = extend_content(base_content, own);
                        ct.content = content;
                        ct.inherited_particles = inherited;
                        ct.attributes = extend_attributes(base_attrs, own_attrs.0);
                        ct.any_attribute = own_attrs.1.or(base_any);
                    }
                    xsd::Derivation::Restriction => {
                        ct.base = match base_ref {
                            TypeRef::Builtin(Builtin::AnyType) => None,
                            b => Some((b, Derivation::Restriction)),
                        };
                        ct.content = own;
                        ct.attributes = restrict_attributes(base_attrs, own_attrs.0);
                        ct.any_attribute = own_attrs.1;
                    }
                }
            }
            xsd::ComplexContent::Simple {
                derivation,
                base,
                inline_type,
                facets,
                attributes,
                location,
            } => {
                let base_ref = self.lookup_type(base, location)?;
                let own_attrs = self.attribute_uses(schema, attributes, &ctx)?;
                let (base_content, base_attrs, base_any) = self.base_complex(base_ref, location)?;
                // The simple type of the base's content.
                let base_value = match base_ref {
                    TypeRef::Named(bid) if self.complex_of(bid).is_some() => match base_content {
                        Content::Simple(v) => v,
                        _ => {
                            self.warn(
                                format!(
                                    "simpleContent base {} has no simple content; its value is treated as xs:string",
                                    self.type_names[bid.0].0
                                ),
                                Some(loc(location)),
                            );
                            TypeRef::Builtin(Builtin::String)
                        }
                    },
                    TypeRef::Builtin(Builtin::AnyType) => TypeRef::Builtin(Builtin::AnySimpleType),
                    other => other,
                };
                match derivation {
                    xsd::Derivation::Extension => {
                        ct.base = Some((base_ref, Derivation::Extension));
                        ct.content = Content::Simple(base_value);
                        ct.attributes = extend_attributes(base_attrs, own_attrs.0);
                        ct.any_attribute = own_attrs.1.or(base_any);
                    }
                    xsd::Derivation::Restriction => {
                        ct.base = Some((base_ref, Derivation::Restriction));
                        let value = if let Some(inline) = inline_type {
                            let r =
                                self.inline_simple(schema, inline, &format!("{ctx}_content"))?;
                            if facets.is_empty() {
                                r
                            } else {
                                self.synthetic_restriction(r, facets, schema, &ctx, location)?
                            }
                        } else if facets.is_empty() {
                            base_value
                        } else {
                            self.synthetic_restriction(base_value, facets, schema, &ctx, location)?
                        };
                        ct.content = Content::Simple(value);
                        ct.attributes = restrict_attributes(base_attrs, own_attrs.0);
                        ct.any_attribute = own_attrs.1;
                    }
                }
            }
        }
        Ok(ct)
    }

    /// A simple type restricting `base` by `facets` (simpleContent
    /// restriction), made into an anonymous type of its own.
    fn synthetic_restriction(
        &mut self,
        base: TypeRef,
        facets: &[xsd::Facet],
        schema: &'s xsd::Schema,
        ctx: &str,
        at: &SLoc,
    ) -> Result<TypeRef, Error> {
        let (variety, base_facets) = self.simple_base(base, at)?;
        let st = SimpleType {
            base: Some(base),
            variety,
            facets: merge_facets(&base_facets, facets)?,
            derived: Vec::new(),
        };
        let id = self.anonymous(
            tns(schema),
            &format!("{ctx}_content"),
            TypeSrc::Synthetic,
            None,
            at,
        );
        let (name, anonymous, doc, location) = self.type_names[id.0].clone();
        self.types[id.0] = Some(TypeDef {
            name,
            anonymous,
            doc,
            location,
            kind: TypeKind::Simple(st),
        });
        self.type_state[id.0] = State::Done;
        Ok(TypeRef::Named(id))
    }

    /// Effective content, attributes and wildcard of a complex base.
    fn base_complex(
        &mut self,
        base: TypeRef,
        at: &SLoc,
    ) -> Result<(Content, Vec<Attribute>, Option<Wildcard>), Error> {
        match base {
            TypeRef::Builtin(_) => Ok((Content::Empty, Vec::new(), None)),
            TypeRef::Named(id) => {
                self.resolve_type(id)?;
                match self.complex_of(id) {
                    Some(c) => Ok((
                        c.content.clone(),
                        c.attributes.clone(),
                        c.any_attribute.clone(),
                    )),
                    None => {
                        let _ = at;
                        // A simple type as base: its value is the content.
                        Ok((Content::Simple(base), Vec::new(), None))
                    }
                }
            }
        }
    }

    fn own_content(
        &mut self,
        schema: &'s xsd::Schema,
        particle: Option<&'s xsd::Particle>,
        ctx: &str,
    ) -> Result<Content, Error> {
        let Some(p) = particle else {
            return Ok(Content::Empty);
        };
        let p = self.particle(schema, p, ctx)?;
        if is_empty_particle(&p) {
            return Ok(Content::Empty);
        }
        Ok(match p.term {
            Term::Group(_) => Content::Elements(p),
            // Top-level content is always a model group.
            _ => Content::Elements(sequence(vec![p])),
        })
    }

    // -----------------------------------------------------------------
    // Particles
    // -----------------------------------------------------------------

    fn particle(
        &mut self,
        schema: &'s xsd::Schema,
        p: &'s xsd::Particle,
        ctx: &str,
    ) -> Result<Particle, Error> {
        let (min_occurs, max_occurs) = occurs(p.min_occurs, p.max_occurs);
        let term = match &p.term {
            xsd::Term::Element(e) => Term::Element(self.element_particle(schema, e, ctx)?),
            xsd::Term::Group(g) => Term::Group(self.model_group(schema, g, ctx)?),
            xsd::Term::GroupRef(name) => Term::Group(self.group_ref(name, &p.location)?),
            xsd::Term::Any(w) => Term::Any(wildcard(w, tns(schema))),
        };
        Ok(Particle {
            min_occurs,
            max_occurs,
            term,
        })
    }

    fn model_group(
        &mut self,
        schema: &'s xsd::Schema,
        g: &'s xsd::ModelGroup,
        ctx: &str,
    ) -> Result<ModelGroup, Error> {
        let mut particles = Vec::with_capacity(g.particles.len());
        for p in &g.particles {
            particles.push(self.particle(schema, p, ctx)?);
        }
        Ok(ModelGroup {
            compositor: compositor(g.compositor),
            particles,
            from_group: None,
        })
    }

    /// Expand a named model group (memoised; a group containing itself is an error).
    fn group_ref(&mut self, name: &soapgen_parser::QName, at: &SLoc) -> Result<ModelGroup, Error> {
        let key = q(name);
        if let Some(g) = self.group_cache.get(&key) {
            return Ok(g.clone());
        }
        if self.group_state.get(&key) == Some(&State::InProgress) {
            return Err(Error::new(
                ErrorKind::CircularDefinition,
                format!("group {key} contains itself"),
                Some(loc(at)),
            ));
        }
        let Some(&(schema, g)) = self.groups.get(&key) else {
            return Err(self.unresolved("group", name, at));
        };
        self.group_state.insert(key.clone(), State::InProgress);
        let mut mg = match &g.model {
            Some(m) => self.model_group(schema, m, &g.name)?,
            None => ModelGroup {
                compositor: Compositor::Sequence,
                particles: Vec::new(),
                from_group: None,
            },
        };
        mg.from_group = Some(key.clone());
        self.group_state.insert(key.clone(), State::Done);
        self.group_cache.insert(key, mg.clone());
        Ok(mg)
    }

    fn element_particle(
        &mut self,
        schema: &'s xsd::Schema,
        e: &'s xsd::Element,
        ctx: &str,
    ) -> Result<ElementParticle, Error> {
        if let Some(r) = &e.ref_ {
            let Some(&id) = self.element_ids.get(&q(r)) else {
                return Err(self.unresolved("element", r, &e.location));
            };
            let type_ref = self.element_type_of(id)?;
            let (gs, g) = self.element_src[id.0];
            return Ok(ElementParticle {
                name: QName::new(tns(gs), g.name.clone().unwrap_or_default()),
                type_ref,
                nillable: g.nillable,
                default: e.default.clone().or_else(|| g.default.clone()),
                fixed: e.fixed.clone().or_else(|| g.fixed.clone()),
                doc: e.doc.clone().or_else(|| g.doc.clone()),
                global: Some(id),
                recursive: false,
                location: loc(&e.location),
            });
        }
        let local = e.name.clone().unwrap_or_default();
        let qualified = e.form.unwrap_or(schema.element_form_default) == xsd::Form::Qualified;
        let type_ref = self.decl_type(schema, e, &format!("{ctx}_{local}"))?;
        Ok(ElementParticle {
            name: QName::new(if qualified { tns(schema) } else { "" }, local),
            type_ref,
            nillable: e.nillable,
            default: e.default.clone(),
            fixed: e.fixed.clone(),
            doc: e.doc.clone(),
            global: None,
            recursive: false,
            location: loc(&e.location),
        })
    }

    /// The type of an element declaration (attribute, inline, or anyType).
    fn decl_type(
        &mut self,
        schema: &'s xsd::Schema,
        e: &'s xsd::Element,
        context: &str,
    ) -> Result<TypeRef, Error> {
        if let Some(t) = &e.type_ {
            return self.lookup_type(t, &e.location);
        }
        match e.inline_type.as_deref() {
            Some(xsd::TypeDef::Simple(t)) => Ok(TypeRef::Named(self.anonymous(
                tns(schema),
                context,
                TypeSrc::Simple(schema, t),
                t.doc.clone().or_else(|| e.doc.clone()),
                &t.location,
            ))),
            Some(xsd::TypeDef::Complex(t)) => Ok(TypeRef::Named(self.anonymous(
                tns(schema),
                context,
                TypeSrc::Complex(schema, t),
                t.doc.clone().or_else(|| e.doc.clone()),
                &t.location,
            ))),
            None => Ok(TypeRef::Builtin(Builtin::AnyType)),
        }
    }

    // -----------------------------------------------------------------
    // Global elements
    // -----------------------------------------------------------------

    /// The type of a global element (memoised; follows the substitution
    /// group head when the element has no type of its own).
    pub(crate) fn element_type_of(&mut self, id: ElementId) -> Result<TypeRef, Error> {
        if let Some(t) = self.element_type[id.0] {
            return Ok(t);
        }
        let (schema, e) = self.element_src[id.0];
        if self.element_state[id.0] == State::InProgress {
            return Err(Error::new(
                ErrorKind::CircularDefinition,
                format!(
                    "element {} is in a circular substitution group",
                    e.name.as_deref().unwrap_or("")
                ),
                Some(loc(&e.location)),
            ));
        }
        self.element_state[id.0] = State::InProgress;
        let t = if e.type_.is_none() && e.inline_type.is_none() {
            match &e.substitution_group {
                Some(head) => match self.element_ids.get(&q(head)) {
                    Some(&h) => self.element_type_of(h)?,
                    None => {
                        return Err(self.unresolved("substitution group head", head, &e.location))
                    }
                },
                None => TypeRef::Builtin(Builtin::AnyType),
            }
        } else {
            let name = e.name.clone().unwrap_or_default();
            self.decl_type(schema, e, &name)?
        };
        self.element_state[id.0] = State::Done;
        self.element_type[id.0] = Some(t);
        Ok(t)
    }

    pub(crate) fn element_decl(&mut self, id: ElementId) -> Result<ElementDecl, Error> {
        let (schema, e) = self.element_src[id.0];
        let type_ref = self.element_type_of(id)?;
        let substitution_group = match &e.substitution_group {
            Some(h) => match self.element_ids.get(&q(h)) {
                Some(&h) => Some(h),
                None => return Err(self.unresolved("substitution group head", h, &e.location)),
            },
            None => None,
        };
        Ok(ElementDecl {
            name: QName::new(tns(schema), e.name.clone().unwrap_or_default()),
            type_ref,
            nillable: e.nillable,
            is_abstract: e.is_abstract,
            default: e.default.clone(),
            fixed: e.fixed.clone(),
            doc: e.doc.clone(),
            substitution_group,
            substitutes: Vec::new(),
            location: loc(&e.location),
        })
    }

    // -----------------------------------------------------------------
    // Attributes
    // -----------------------------------------------------------------

    fn attribute_uses(
        &mut self,
        schema: &'s xsd::Schema,
        uses: &'s xsd::AttributeUses,
        ctx: &str,
    ) -> Result<AttrUses, Error> {
        let mut out: Vec<(Attribute, bool)> = Vec::new();
        let mut any = uses
            .any_attribute
            .as_ref()
            .map(|w| wildcard(w, tns(schema)));
        for item in &uses.items {
            match item {
                xsd::AttributeItem::Attribute(a) => {
                    let attr = self.attribute(schema, a, ctx)?;
                    push_attr(&mut out, attr);
                }
                xsd::AttributeItem::GroupRef(name, at) => {
                    let (attrs, w) = self.attribute_group(name, at)?;
                    for a in attrs {
                        push_attr(&mut out, a);
                    }
                    if any.is_none() {
                        any = w;
                    }
                }
            }
        }
        Ok((out, any))
    }

    fn attribute_group(
        &mut self,
        name: &soapgen_parser::QName,
        at: &SLoc,
    ) -> Result<AttrUses, Error> {
        let key = q(name);
        if let Some(g) = self.attr_group_cache.get(&key) {
            return Ok(g.clone());
        }
        if self.attr_group_state.get(&key) == Some(&State::InProgress) {
            return Err(Error::new(
                ErrorKind::CircularDefinition,
                format!("attribute group {key} contains itself"),
                Some(loc(at)),
            ));
        }
        let Some(&(schema, g)) = self.attribute_groups.get(&key) else {
            return Err(self.unresolved("attribute group", name, at));
        };
        self.attr_group_state.insert(key.clone(), State::InProgress);
        let r = self.attribute_uses(schema, &g.attributes, &g.name)?;
        self.attr_group_state.insert(key.clone(), State::Done);
        self.attr_group_cache.insert(key, r.clone());
        Ok(r)
    }

    /// One attribute use; the flag is `use="prohibited"`.
    fn attribute(
        &mut self,
        schema: &'s xsd::Schema,
        a: &'s xsd::Attribute,
        ctx: &str,
    ) -> Result<(Attribute, bool), Error> {
        let prohibited = a.use_ == xsd::AttributeUse::Prohibited;
        let required = a.use_ == xsd::AttributeUse::Required;
        let wsdl_array_type = match &a.wsdl_array_type {
            Some((item, dims)) => Some(ArrayType {
                item: self.lookup_type(item, &a.location)?,
                dimensions: dims.clone(),
            }),
            None => None,
        };
        if let Some(r) = &a.ref_ {
            let key = q(r);
            let Some(&(gs, g)) = self.attributes.get(&key) else {
                return Err(self.unresolved("attribute", r, &a.location));
            };
            let local = g.name.clone().unwrap_or_default();
            let type_ref = self.attr_type(gs, g, &local)?;
            return Ok((
                Attribute {
                    name: key,
                    type_ref,
                    required,
                    default: a.default.clone().or_else(|| g.default.clone()),
                    fixed: a.fixed.clone().or_else(|| g.fixed.clone()),
                    doc: a.doc.clone().or_else(|| g.doc.clone()),
                    wsdl_array_type,
                    location: loc(&a.location),
                },
                prohibited,
            ));
        }
        let local = a.name.clone().unwrap_or_default();
        let qualified = a.form.unwrap_or(schema.attribute_form_default) == xsd::Form::Qualified;
        let type_ref = self.attr_type(schema, a, &format!("{ctx}_{local}"))?;
        Ok((
            Attribute {
                name: QName::new(if qualified { tns(schema) } else { "" }, local),
                type_ref,
                required,
                default: a.default.clone(),
                fixed: a.fixed.clone(),
                doc: a.doc.clone(),
                wsdl_array_type,
                location: loc(&a.location),
            },
            prohibited,
        ))
    }

    fn attr_type(
        &mut self,
        schema: &'s xsd::Schema,
        a: &'s xsd::Attribute,
        context: &str,
    ) -> Result<TypeRef, Error> {
        if let Some(t) = &a.type_ {
            return self.lookup_type(t, &a.location);
        }
        match &a.inline_type {
            Some(t) => self.inline_simple(schema, t, context),
            None => Ok(TypeRef::Builtin(Builtin::AnySimpleType)),
        }
    }
}

fn push_attr(out: &mut Vec<(Attribute, bool)>, a: (Attribute, bool)) {
    match out.iter_mut().find(|x| x.0.name == a.0.name) {
        Some(slot) => *slot = a,
        None => out.push(a),
    }
}

/// Extension: base content first, then the extension's own particles, as
/// one top-level sequence; returns it with the number of base particles.
fn extend_content(base: Content, own: Content) -> (Content, usize) {
    match (base, own) {
        (Content::Empty, own) => (own, 0),
        (Content::Elements(b), Content::Empty) => {
            let parts = splice(b);
            let n = parts.len();
            (Content::Elements(sequence(parts)), n)
        }
        (Content::Elements(b), Content::Elements(o)) => {
            let mut parts = splice(b);
            let n = parts.len();
            parts.extend(splice(o));
            (Content::Elements(sequence(parts)), n)
        }
        // Extending a simple-content type through complexContent (only
        // valid with no particles): keep the simple content.
        (Content::Simple(v), Content::Empty) => (Content::Simple(v), 0),
        (Content::Simple(_), own) => (own, 0),
        (b, Content::Simple(_)) => (b, 0),
    }
}

fn extend_attributes(base: Vec<Attribute>, own: Vec<(Attribute, bool)>) -> Vec<Attribute> {
    let mut out = base;
    for (a, prohibited) in own {
        if prohibited {
            continue;
        }
        match out.iter_mut().find(|x| x.name == a.name) {
            Some(slot) => *slot = a,
            None => out.push(a),
        }
    }
    out
}

fn restrict_attributes(base: Vec<Attribute>, own: Vec<(Attribute, bool)>) -> Vec<Attribute> {
    let mut out = base;
    for (a, prohibited) in own {
        if prohibited {
            out.retain(|x| x.name != a.name);
            continue;
        }
        match out.iter_mut().find(|x| x.name == a.name) {
            Some(slot) => *slot = a,
            None => out.push(a),
        }
    }
    out
}

/// `ElementDecl::substitutes`: every element substituting (transitively)
/// for each head, in id order.
pub(crate) fn fill_substitutes(elements: &mut [ElementDecl]) {
    let mut direct: Vec<Vec<ElementId>> = vec![Vec::new(); elements.len()];
    for (i, e) in elements.iter().enumerate() {
        if let Some(h) = e.substitution_group {
            direct[h.0].push(ElementId(i));
        }
    }
    for (i, el) in elements.iter_mut().enumerate() {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = direct[i].clone();
        while let Some(s) = stack.pop() {
            if s.0 != i && seen.insert(s) {
                stack.extend(direct[s.0].iter().copied());
            }
        }
        el.substitutes = seen.into_iter().collect();
    }
}

/// `derived` lists from each type's base.
pub(crate) fn fill_derived(types: &mut [TypeDef]) {
    let mut derived: Vec<Vec<TypeId>> = vec![Vec::new(); types.len()];
    let is_simple = |t: &TypeDef| matches!(t.kind, TypeKind::Simple(_));
    for (i, t) in types.iter().enumerate() {
        let base = match &t.kind {
            TypeKind::Simple(s) => s.base,
            TypeKind::Complex(c) => c.base.map(|b| b.0),
        };
        // A simple type lists simple restrictions; a complex type lists
        // complex derivations (a complex type with simple content extending
        // a simple type is not a "derived simple type").
        if let Some(TypeRef::Named(b)) = base {
            if is_simple(&types[b.0]) == is_simple(t) {
                derived[b.0].push(TypeId(i));
            }
        }
    }
    for (t, d) in types.iter_mut().zip(derived) {
        match &mut t.kind {
            TypeKind::Simple(s) => s.derived = d,
            TypeKind::Complex(c) => c.derived = d,
        }
    }
}
