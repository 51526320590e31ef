//! Restricting an [`Ir`] to some services, ports and operations and to the
//! types and elements they reach.
//!
//! Large WSDLs (Exchange EWS, NetSuite, eBay) define thousands of types while
//! a client typically calls a handful of operations; generating everything
//! costs compile time for nothing. [`prune`] walks the IR from the selected
//! operations' messages (body parts, headers, header faults, faults) and keeps
//! what a message on the wire can contain:
//! - element and attribute types, simple-content types, list items, union
//!   members, `wsdl:arrayType` items;
//! - base types (their members are inherited) and, for complex types, every
//!   derived type (a derived type may appear in its base's place with
//!   `xsi:type`);
//! - global elements referenced by particles and every member of their
//!   substitution groups.
//!
//! The result is a new, self-consistent IR: ids are renumbered in the
//! original order (so output stays deterministic and similar to the full
//! generation), `derived`/`substitutes` lists and substitution group heads
//! that point outside the kept set are dropped.

use std::collections::BTreeSet;

use crate::model::*;

/// Which operations to keep. An empty list means "no restriction" on that
/// level; an all-empty filter keeps the IR unchanged (including schemas
/// without any WSDL operation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `wsdl:service` names (local name, or `{ns}local`).
    pub services: Vec<String>,
    /// `wsdl:port` names.
    pub ports: Vec<String>,
    /// Operation names (as in `wsdl:binding/wsdl:operation/@name`).
    pub operations: Vec<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.services.is_empty() && self.ports.is_empty() && self.operations.is_empty()
    }
}

/// A filter name that matches nothing: almost always a typo, so it is an
/// error rather than a silently empty output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PruneError {
    /// `"service"`, `"port"` or `"operation"`.
    pub what: &'static str,
    pub name: String,
    /// The names that were available (deduplicated, sorted).
    pub available: Vec<String>,
}

impl std::fmt::Display for PruneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no {} named `{}`", self.what, self.name)?;
        if self.available.is_empty() {
            write!(f, " (the document set has none)")
        } else {
            const SHOWN: usize = 20;
            let shown: Vec<&str> = self
                .available
                .iter()
                .take(SHOWN)
                .map(String::as_str)
                .collect();
            write!(f, "; available: {}", shown.join(", "))?;
            if self.available.len() > SHOWN {
                write!(f, ", ... ({} in all)", self.available.len())?;
            }
            Ok(())
        }
    }
}

impl std::error::Error for PruneError {}

/// Returns `ir` restricted to the operations selected by `filter` and to the
/// types and elements they reach.
pub fn prune(ir: &Ir, filter: &Filter) -> Result<Ir, PruneError> {
    if filter.is_empty() {
        return Ok(ir.clone());
    }
    let selection = select_operations(ir, filter)?;
    let mut reach = Reach::new(ir);
    for (b, ops) in &selection.bindings {
        for &o in ops {
            reach.operation(&ir.bindings[*b].operations[o]);
        }
    }
    reach.run();
    Ok(rebuild(ir, &selection, &reach))
}

/// Selected bindings (old index, kept operation indexes) and ports.
struct Selection {
    bindings: Vec<(usize, Vec<usize>)>,
    /// (service index, port index) pairs that stay.
    ports: BTreeSet<(usize, usize)>,
}

fn service_matches(s: &Service, name: &str) -> bool {
    s.name.local == name || s.name.to_string() == name
}

fn select_operations(ir: &Ir, filter: &Filter) -> Result<Selection, PruneError> {
    for name in &filter.services {
        if !ir.services.iter().any(|s| service_matches(s, name)) {
            return Err(unknown(
                "service",
                name,
                ir.services.iter().map(|s| s.name.local.clone()),
            ));
        }
    }
    for name in &filter.ports {
        if !ir
            .services
            .iter()
            .flat_map(|s| &s.ports)
            .any(|p| &p.name == name)
        {
            return Err(unknown(
                "port",
                name,
                ir.services
                    .iter()
                    .flat_map(|s| &s.ports)
                    .map(|p| p.name.clone()),
            ));
        }
    }

    // Ports (and so bindings) first: without a service/port filter every
    // binding stays, including bindings no service exposes.
    let by_port = !filter.services.is_empty() || !filter.ports.is_empty();
    let mut ports = BTreeSet::new();
    let mut bindings_used = BTreeSet::new();
    for (si, s) in ir.services.iter().enumerate() {
        let service_ok =
            filter.services.is_empty() || filter.services.iter().any(|n| service_matches(s, n));
        for (pi, p) in s.ports.iter().enumerate() {
            let port_ok = filter.ports.is_empty() || filter.ports.contains(&p.name);
            if service_ok && port_ok {
                ports.insert((si, pi));
                bindings_used.insert(p.binding.0);
            }
        }
    }

    let mut bindings = Vec::new();
    let mut seen_ops = BTreeSet::new();
    for (bi, b) in ir.bindings.iter().enumerate() {
        if by_port && !bindings_used.contains(&bi) {
            continue;
        }
        let ops: Vec<usize> = b
            .operations
            .iter()
            .enumerate()
            .filter(|(_, o)| filter.operations.is_empty() || filter.operations.contains(&o.name))
            .map(|(i, o)| {
                seen_ops.insert(o.name.clone());
                i
            })
            .collect();
        if !ops.is_empty() {
            bindings.push((bi, ops));
        }
    }
    for name in &filter.operations {
        if !seen_ops.contains(name) {
            let in_scope = ir
                .bindings
                .iter()
                .enumerate()
                .filter(|(bi, _)| !by_port || bindings_used.contains(bi))
                .flat_map(|(_, b)| &b.operations)
                .map(|o| o.name.clone());
            return Err(unknown("operation", name, in_scope));
        }
    }
    // A kept port whose binding lost all its operations goes too.
    let kept: BTreeSet<usize> = bindings.iter().map(|(b, _)| *b).collect();
    ports.retain(|&(si, pi)| kept.contains(&ir.services[si].ports[pi].binding.0));
    Ok(Selection { bindings, ports })
}

fn unknown(what: &'static str, name: &str, available: impl Iterator<Item = String>) -> PruneError {
    let available: BTreeSet<String> = available.collect();
    PruneError {
        what,
        name: name.to_string(),
        available: available.into_iter().collect(),
    }
}

/// The reachability walk: a worklist over types and elements.
struct Reach<'a> {
    ir: &'a Ir,
    types: BTreeSet<usize>,
    /// Types referenced where a value sits (element, attribute, part): a
    /// derived type may appear there instead, so their derived types are
    /// kept too. A type reached only as the base of another keeps its base
    /// chain but not its siblings: otherwise one common base (EWS's
    /// `BaseRequestType`) would pull in every operation again.
    polymorphic: BTreeSet<usize>,
    elements: BTreeSet<usize>,
    type_queue: Vec<usize>,
    element_queue: Vec<usize>,
}

impl<'a> Reach<'a> {
    fn new(ir: &'a Ir) -> Self {
        Reach {
            ir,
            types: BTreeSet::new(),
            polymorphic: BTreeSet::new(),
            elements: BTreeSet::new(),
            type_queue: Vec::new(),
            element_queue: Vec::new(),
        }
    }

    /// A type used for a value: kept with all its derived types.
    fn type_ref(&mut self, t: TypeRef) {
        if let TypeRef::Named(id) = t {
            self.polymorphic_type(id);
        }
    }

    fn polymorphic_type(&mut self, id: TypeId) {
        if id.0 >= self.ir.types.len() || !self.polymorphic.insert(id.0) {
            return;
        }
        self.type_id(id);
        if let TypeKind::Complex(c) = &self.ir.types[id.0].kind {
            for &d in &c.derived {
                self.polymorphic_type(d);
            }
        }
    }

    /// A type reached as a base: kept, its own derived types are not.
    fn base_ref(&mut self, t: TypeRef) {
        if let TypeRef::Named(id) = t {
            self.type_id(id);
        }
    }

    fn type_id(&mut self, id: TypeId) {
        if id.0 < self.ir.types.len() && self.types.insert(id.0) {
            self.type_queue.push(id.0);
        }
    }

    fn element(&mut self, id: ElementId) {
        if id.0 < self.ir.elements.len() && self.elements.insert(id.0) {
            self.element_queue.push(id.0);
        }
    }

    fn part(&mut self, p: &Part) {
        match &p.kind {
            PartKind::Element(e) => self.element(*e),
            PartKind::Type(t) => self.type_ref(*t),
        }
    }

    fn message(&mut self, m: &Message) {
        for p in &m.parts {
            self.part(p);
        }
        for h in &m.headers {
            self.part(&h.part);
            for hf in &h.header_faults {
                self.part(&hf.part);
            }
        }
    }

    fn operation(&mut self, o: &Operation) {
        if let Some(m) = &o.input {
            self.message(m);
        }
        if let Some(m) = &o.output {
            self.message(m);
        }
        for f in &o.faults {
            for p in &f.parts {
                self.part(p);
            }
        }
    }

    fn run(&mut self) {
        loop {
            if let Some(t) = self.type_queue.pop() {
                self.visit_type(t);
            } else if let Some(e) = self.element_queue.pop() {
                self.visit_element(e);
            } else {
                break;
            }
        }
    }

    fn visit_element(&mut self, e: usize) {
        let ir = self.ir;
        let decl = &ir.elements[e];
        self.type_ref(decl.type_ref);
        // Any member of the group may appear where the head is allowed.
        for &s in &decl.substitutes {
            self.element(s);
        }
    }

    fn visit_type(&mut self, t: usize) {
        let ir = self.ir;
        match &ir.types[t].kind {
            TypeKind::Simple(s) => {
                if let Some(b) = s.base {
                    self.base_ref(b);
                }
                match &s.variety {
                    SimpleVariety::Atomic { .. } => {}
                    SimpleVariety::List { item } => self.type_ref(*item),
                    SimpleVariety::Union { members } => {
                        for &m in members {
                            self.type_ref(m);
                        }
                    }
                }
            }
            TypeKind::Complex(c) => {
                if let Some((b, _)) = c.base {
                    self.base_ref(b);
                }
                match &c.content {
                    Content::Empty => {}
                    Content::Simple(v) => self.type_ref(*v),
                    Content::Elements(p) => self.particle(p),
                }
                for a in &c.attributes {
                    self.type_ref(a.type_ref);
                    if let Some(at) = &a.wsdl_array_type {
                        self.type_ref(at.item);
                    }
                }
            }
        }
    }

    fn particle(&mut self, p: &Particle) {
        match &p.term {
            Term::Element(e) => {
                self.type_ref(e.type_ref);
                if let Some(g) = e.global {
                    self.element(g);
                }
            }
            Term::Group(g) => {
                for p in &g.particles {
                    self.particle(p);
                }
            }
            Term::Any(_) => {}
        }
    }
}

/// Old index → new index maps (`None`: dropped).
struct Renumber {
    types: Vec<Option<usize>>,
    elements: Vec<Option<usize>>,
    bindings: Vec<Option<usize>>,
}

impl Renumber {
    fn table(len: usize, kept: impl Iterator<Item = usize>) -> Vec<Option<usize>> {
        let mut map = vec![None; len];
        for (new, old) in kept.enumerate() {
            map[old] = Some(new);
        }
        map
    }

    fn type_id(&self, id: TypeId) -> Option<TypeId> {
        self.types.get(id.0).copied().flatten().map(TypeId)
    }

    /// Only called on references the walk followed, so they are kept.
    fn type_ref(&self, t: TypeRef) -> TypeRef {
        match t {
            TypeRef::Builtin(b) => TypeRef::Builtin(b),
            TypeRef::Named(id) => match self.type_id(id) {
                Some(n) => TypeRef::Named(n),
                // Unreachable by construction; anyType keeps the IR valid.
                None => TypeRef::Builtin(Builtin::AnyType),
            },
        }
    }

    fn element(&self, id: ElementId) -> Option<ElementId> {
        self.elements.get(id.0).copied().flatten().map(ElementId)
    }

    fn part(&self, p: &Part) -> Part {
        Part {
            name: p.name.clone(),
            kind: match &p.kind {
                PartKind::Element(e) => match self.element(*e) {
                    Some(n) => PartKind::Element(n),
                    None => PartKind::Type(TypeRef::Builtin(Builtin::AnyType)),
                },
                PartKind::Type(t) => PartKind::Type(self.type_ref(*t)),
            },
        }
    }

    fn message(&self, m: &Message) -> Message {
        Message {
            parts: m.parts.iter().map(|p| self.part(p)).collect(),
            headers: m
                .headers
                .iter()
                .map(|h| Header {
                    part: self.part(&h.part),
                    header_faults: h
                        .header_faults
                        .iter()
                        .map(|hf| HeaderFault {
                            part: self.part(&hf.part),
                            ..hf.clone()
                        })
                        .collect(),
                    ..h.clone()
                })
                .collect(),
            ..m.clone()
        }
    }

    fn particle(&self, p: &Particle) -> Particle {
        Particle {
            min_occurs: p.min_occurs,
            max_occurs: p.max_occurs,
            term: match &p.term {
                Term::Element(e) => Term::Element(ElementParticle {
                    type_ref: self.type_ref(e.type_ref),
                    global: e.global.and_then(|g| self.element(g)),
                    ..e.clone()
                }),
                Term::Group(g) => Term::Group(ModelGroup {
                    compositor: g.compositor,
                    particles: g.particles.iter().map(|p| self.particle(p)).collect(),
                    from_group: g.from_group.clone(),
                }),
                Term::Any(w) => Term::Any(w.clone()),
            },
        }
    }

    fn type_def(&self, t: &TypeDef) -> TypeDef {
        let kind = match &t.kind {
            TypeKind::Simple(s) => TypeKind::Simple(SimpleType {
                base: s.base.map(|b| self.type_ref(b)),
                variety: match &s.variety {
                    SimpleVariety::Atomic { primitive } => SimpleVariety::Atomic {
                        primitive: *primitive,
                    },
                    SimpleVariety::List { item } => SimpleVariety::List {
                        item: self.type_ref(*item),
                    },
                    SimpleVariety::Union { members } => SimpleVariety::Union {
                        members: members.iter().map(|m| self.type_ref(*m)).collect(),
                    },
                },
                facets: s.facets.clone(),
                derived: s.derived.iter().filter_map(|d| self.type_id(*d)).collect(),
            }),
            TypeKind::Complex(c) => TypeKind::Complex(ComplexType {
                is_abstract: c.is_abstract,
                mixed: c.mixed,
                base: c.base.map(|(b, d)| (self.type_ref(b), d)),
                derived: c.derived.iter().filter_map(|d| self.type_id(*d)).collect(),
                content: match &c.content {
                    Content::Empty => Content::Empty,
                    Content::Simple(v) => Content::Simple(self.type_ref(*v)),
                    Content::Elements(p) => Content::Elements(self.particle(p)),
                },
                inherited_particles: c.inherited_particles,
                attributes: c
                    .attributes
                    .iter()
                    .map(|a| Attribute {
                        type_ref: self.type_ref(a.type_ref),
                        wsdl_array_type: a.wsdl_array_type.as_ref().map(|at| ArrayType {
                            item: self.type_ref(at.item),
                            dimensions: at.dimensions.clone(),
                        }),
                        ..a.clone()
                    })
                    .collect(),
                any_attribute: c.any_attribute.clone(),
            }),
        };
        TypeDef {
            name: t.name.clone(),
            anonymous: t.anonymous,
            doc: t.doc.clone(),
            location: t.location.clone(),
            kind,
        }
    }
}

fn rebuild(ir: &Ir, sel: &Selection, reach: &Reach<'_>) -> Ir {
    let map = Renumber {
        types: Renumber::table(ir.types.len(), reach.types.iter().copied()),
        elements: Renumber::table(ir.elements.len(), reach.elements.iter().copied()),
        bindings: Renumber::table(ir.bindings.len(), sel.bindings.iter().map(|(b, _)| *b)),
    };

    let types = reach
        .types
        .iter()
        .map(|&t| map.type_def(&ir.types[t]))
        .collect();
    let elements = reach
        .elements
        .iter()
        .map(|&e| {
            let d = &ir.elements[e];
            ElementDecl {
                type_ref: map.type_ref(d.type_ref),
                substitution_group: d.substitution_group.and_then(|h| map.element(h)),
                substitutes: d
                    .substitutes
                    .iter()
                    .filter_map(|s| map.element(*s))
                    .collect(),
                ..d.clone()
            }
        })
        .collect();
    let bindings = sel
        .bindings
        .iter()
        .map(|(bi, ops)| {
            let b = &ir.bindings[*bi];
            Binding {
                operations: ops
                    .iter()
                    .map(|&o| {
                        let op = &b.operations[o];
                        Operation {
                            input: op.input.as_ref().map(|m| map.message(m)),
                            output: op.output.as_ref().map(|m| map.message(m)),
                            faults: op
                                .faults
                                .iter()
                                .map(|f| Fault {
                                    parts: f.parts.iter().map(|p| map.part(p)).collect(),
                                    ..f.clone()
                                })
                                .collect(),
                            ..op.clone()
                        }
                    })
                    .collect(),
                ..b.clone()
            }
        })
        .collect();
    let services = ir
        .services
        .iter()
        .enumerate()
        .filter_map(|(si, s)| {
            let ports: Vec<Port> = s
                .ports
                .iter()
                .enumerate()
                .filter(|(pi, _)| sel.ports.contains(&(si, *pi)))
                .filter_map(|(_, p)| {
                    let b = map.bindings.get(p.binding.0).copied().flatten()?;
                    Some(Port {
                        binding: BindingId(b),
                        ..p.clone()
                    })
                })
                .collect();
            (!ports.is_empty()).then(|| Service { ports, ..s.clone() })
        })
        .collect();

    Ir {
        documents: ir.documents.clone(),
        target_namespace: ir.target_namespace.clone(),
        doc: ir.doc.clone(),
        types,
        elements,
        bindings,
        services,
        warnings: ir.warnings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus(rel: &str) -> Ir {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let opts = crate::LoadOptions {
            catalogs: vec![root.join("corpus/_wellknown/catalog.xml")],
            ..Default::default()
        };
        crate::load(root.join(rel), &opts).expect("fixture loads")
    }

    fn ops(names: &[&str]) -> Filter {
        Filter {
            operations: names.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    /// Every id in the IR points inside its table.
    fn assert_consistent(ir: &Ir) {
        let t = ir.types.len();
        let e = ir.elements.len();
        let check_ref = |r: &TypeRef| {
            if let TypeRef::Named(id) = r {
                assert!(id.0 < t, "type id {} out of {t}", id.0);
            }
        };
        fn particle(p: &Particle, f: &dyn Fn(&TypeRef), e: usize) {
            match &p.term {
                Term::Element(el) => {
                    f(&el.type_ref);
                    if let Some(g) = el.global {
                        assert!(g.0 < e);
                    }
                }
                Term::Group(g) => g.particles.iter().for_each(|p| particle(p, f, e)),
                Term::Any(_) => {}
            }
        }
        for ty in &ir.types {
            match &ty.kind {
                TypeKind::Simple(s) => {
                    s.base.iter().for_each(check_ref);
                    s.derived.iter().for_each(|d| assert!(d.0 < t));
                }
                TypeKind::Complex(c) => {
                    c.base.iter().for_each(|(b, _)| check_ref(b));
                    c.derived.iter().for_each(|d| assert!(d.0 < t));
                    if let Content::Elements(p) = &c.content {
                        particle(p, &check_ref, e);
                    }
                    c.attributes.iter().for_each(|a| check_ref(&a.type_ref));
                }
            }
        }
        for el in &ir.elements {
            check_ref(&el.type_ref);
            el.substitutes.iter().for_each(|s| assert!(s.0 < e));
            el.substitution_group.iter().for_each(|s| assert!(s.0 < e));
        }
        for s in &ir.services {
            for p in &s.ports {
                assert!(p.binding.0 < ir.bindings.len());
            }
        }
    }

    #[test]
    fn empty_filter_keeps_everything() {
        let ir = corpus("corpus/calculator/calculator-soap11and12.wsdl");
        let pruned = prune(&ir, &Filter::default()).unwrap();
        assert_eq!(pruned.types.len(), ir.types.len());
        assert_eq!(pruned.bindings.len(), ir.bindings.len());
    }

    #[test]
    fn exchange_find_item_get_item_keeps_far_fewer_types() {
        let ir = corpus("corpus/exchange-ews/services.wsdl");
        let pruned = prune(&ir, &ops(&["FindItem", "GetItem"])).unwrap();
        assert_consistent(&pruned);
        // EWS responses hold `ArrayOfResponseMessagesType`, a choice over
        // every response message kind, so a good share of the schema is
        // genuinely reachable; still well under the whole.
        assert!(
            pruned.types.len() * 10 < ir.types.len() * 7,
            "{} of {} types kept",
            pruned.types.len(),
            ir.types.len()
        );
        assert!(pruned.elements.len() < ir.elements.len());
        for b in &pruned.bindings {
            let names: Vec<&str> = b.operations.iter().map(|o| o.name.as_str()).collect();
            assert_eq!(names, ["FindItem", "GetItem"]);
        }
        let has_type = |local: &str| pruned.types.iter().any(|t| t.name.local == local);
        let has_elem = |local: &str| pruned.elements.iter().any(|e| e.name.local == local);
        // Reached directly through the request/response messages.
        assert!(has_type("FindItemType"));
        assert!(has_type("GetItemResponseType"));
        assert!(has_type("ItemInfoResponseMessageType"));
        // Derived types of a reached base (xsi:type polymorphism):
        // ItemType's extension MessageType is reachable only that way.
        assert!(has_type("MessageType"));
        // Header parts (ExchangeImpersonation, RequestServerVersion...).
        assert!(has_elem("RequestServerVersion"));
        // Substitution group members of a reached head (Path → FieldURI).
        assert!(has_elem("FieldURI"));
        // An unrelated operation's request type is gone.
        assert!(!has_type("CreateFolderType"));
        // Ports stay, pointing at the renumbered binding.
        assert!(!pruned.services.is_empty());
    }

    #[test]
    fn calculator_add_keeps_exactly_its_messages() {
        let ir = corpus("corpus/calculator/calculator-soap11and12.wsdl");
        let pruned = prune(&ir, &ops(&["Add"])).unwrap();
        assert_consistent(&pruned);
        let mut names: Vec<&str> = pruned.types.iter().map(|t| t.name.local.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Add", "AddResponse"]);
        let elems: Vec<&str> = pruned
            .elements
            .iter()
            .map(|e| e.name.local.as_str())
            .collect();
        assert_eq!(elems, ["Add", "AddResponse"]);
        // Both SOAP 1.1 and 1.2 bindings keep their Add operation.
        assert_eq!(pruned.bindings.len(), ir.bindings.len());
    }

    #[test]
    fn pruning_is_deterministic_and_ordered() {
        let ir = corpus("corpus/exchange-ews/services.wsdl");
        let a = prune(&ir, &ops(&["GetItem"])).unwrap();
        let b = prune(&ir, &ops(&["GetItem"])).unwrap();
        let names = |ir: &Ir| ir.types.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
        // Original relative order is preserved.
        let pos = |n: &QName| ir.types.iter().position(|t| &t.name == n).unwrap();
        let order: Vec<usize> = a.types.iter().map(|t| pos(&t.name)).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn unknown_operation_is_an_error_listing_names() {
        let ir = corpus("corpus/calculator/calculator-soap11and12.wsdl");
        let err = prune(&ir, &ops(&["Ad"])).unwrap_err();
        assert_eq!(err.what, "operation");
        let text = err.to_string();
        assert!(text.contains("no operation named `Ad`"), "{text}");
        assert!(text.contains("Add"), "{text}");
    }

    #[test]
    fn port_filter_keeps_one_binding() {
        let ir = corpus("corpus/calculator/calculator-soap11and12.wsdl");
        let port = ir.services[0].ports[0].name.clone();
        let pruned = prune(
            &ir,
            &Filter {
                ports: vec![port.clone()],
                ..Default::default()
            },
        )
        .unwrap();
        assert_consistent(&pruned);
        assert_eq!(pruned.bindings.len(), 1);
        assert_eq!(pruned.services[0].ports.len(), 1);
        assert_eq!(pruned.services[0].ports[0].name, port);
        assert_eq!(pruned.services[0].ports[0].binding, BindingId(0));
        let err = prune(
            &ir,
            &Filter {
                services: vec!["Nope".into()],
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("Calculator"), "{err}");
    }
}
