//! XML Schema 1.0 syntax model and its reader. QNames are resolved to
//! (namespace, local) here, while the namespace scope is at hand; nothing
//! else is interpreted (references are followed by `soapgen-ir`).

use crate::error::Result;
use crate::location::Location;
use crate::xml::{is_xsd, text_of, Ctx, QName};
use roxmltree::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Qualified,
    Unqualified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    Bounded(u32),
    Unbounded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositor {
    Sequence,
    Choice,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    Extension,
    Restriction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUse {
    Optional,
    Required,
    Prohibited,
}

/// One schema document (or inline `xs:schema` of a WSDL).
#[derive(Debug, Clone)]
pub struct Schema {
    /// For a chameleon include this is the including schema's namespace.
    pub target_namespace: Option<String>,
    pub element_form_default: Form,
    pub attribute_form_default: Form,
    pub block_default: Option<String>,
    pub final_default: Option<String>,
    pub doc: Option<String>,
    /// Text of `annotation/appinfo` (tool-specific hints, kept verbatim).
    pub appinfo: Vec<String>,
    pub imports: Vec<Import>,
    pub includes: Vec<Include>,
    pub redefines: Vec<Redefine>,
    pub items: Vec<Item>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Import {
    pub namespace: Option<String>,
    pub schema_location: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Include {
    pub schema_location: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Redefine {
    pub schema_location: String,
    /// The redefinitions (simpleType, complexType, group, attributeGroup).
    pub items: Vec<Item>,
    pub location: Location,
}

/// A top-level schema component.
#[derive(Debug, Clone)]
pub enum Item {
    Element(Element),
    SimpleType(SimpleType),
    ComplexType(ComplexType),
    Group(Group),
    AttributeGroup(AttributeGroup),
    Attribute(Attribute),
    Notation(Notation),
}

#[derive(Debug, Clone)]
pub struct Element {
    /// Set for declarations; `None` for a `ref`.
    pub name: Option<String>,
    pub ref_: Option<QName>,
    pub type_: Option<QName>,
    pub inline_type: Option<Box<TypeDef>>,
    pub nillable: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub is_abstract: bool,
    pub substitution_group: Option<QName>,
    pub form: Option<Form>,
    pub block: Option<String>,
    pub final_: Option<String>,
    pub doc: Option<String>,
    pub appinfo: Vec<String>,
    pub identity_constraints: Vec<IdentityConstraint>,
    pub location: Location,
}

// Built once per document and read in place: boxing the big variant would
// only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum TypeDef {
    Simple(SimpleType),
    Complex(ComplexType),
}

#[derive(Debug, Clone)]
pub struct SimpleType {
    pub name: Option<String>,
    pub final_: Option<String>,
    pub doc: Option<String>,
    pub appinfo: Vec<String>,
    pub content: SimpleContent,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum SimpleContent {
    Restriction {
        base: Option<QName>,
        inline_base: Option<Box<SimpleType>>,
        facets: Vec<Facet>,
    },
    List {
        item_type: Option<QName>,
        inline_item: Option<Box<SimpleType>>,
    },
    Union {
        member_types: Vec<QName>,
        inline_members: Vec<SimpleType>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    Length,
    MinLength,
    MaxLength,
    Pattern,
    Enumeration,
    WhiteSpace,
    MaxInclusive,
    MaxExclusive,
    MinInclusive,
    MinExclusive,
    TotalDigits,
    FractionDigits,
}

impl FacetKind {
    fn from_local(name: &str) -> Option<FacetKind> {
        use FacetKind::*;
        Some(match name {
            "length" => Length,
            "minLength" => MinLength,
            "maxLength" => MaxLength,
            "pattern" => Pattern,
            "enumeration" => Enumeration,
            "whiteSpace" => WhiteSpace,
            "maxInclusive" => MaxInclusive,
            "maxExclusive" => MaxExclusive,
            "minInclusive" => MinInclusive,
            "minExclusive" => MinExclusive,
            "totalDigits" => TotalDigits,
            "fractionDigits" => FractionDigits,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Facet {
    pub kind: FacetKind,
    pub value: String,
    pub fixed: bool,
    pub doc: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ComplexType {
    pub name: Option<String>,
    pub is_abstract: bool,
    pub mixed: bool,
    pub block: Option<String>,
    pub final_: Option<String>,
    pub doc: Option<String>,
    pub appinfo: Vec<String>,
    pub content: ComplexContent,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum ComplexContent {
    /// Particle and attributes directly inside `complexType`
    /// (implicit restriction of `xs:anyType`).
    Direct {
        particle: Option<Particle>,
        attributes: AttributeUses,
    },
    /// `simpleContent` extension/restriction.
    Simple {
        derivation: Derivation,
        base: QName,
        /// `restriction/simpleType` (restriction only).
        inline_type: Option<Box<SimpleType>>,
        facets: Vec<Facet>,
        attributes: AttributeUses,
        location: Location,
    },
    /// `complexContent` extension/restriction.
    Complex {
        derivation: Derivation,
        base: QName,
        /// `complexContent/@mixed`, overriding the type's.
        mixed: Option<bool>,
        particle: Option<Particle>,
        attributes: AttributeUses,
        location: Location,
    },
}

#[derive(Debug, Clone, Default)]
pub struct AttributeUses {
    pub items: Vec<AttributeItem>,
    pub any_attribute: Option<Wildcard>,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum AttributeItem {
    Attribute(Attribute),
    GroupRef(QName, Location),
}

#[derive(Debug, Clone)]
pub struct Particle {
    pub min_occurs: u32,
    pub max_occurs: MaxOccurs,
    pub term: Term,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum Term {
    Element(Box<Element>),
    Group(ModelGroup),
    GroupRef(QName),
    Any(Wildcard),
}

#[derive(Debug, Clone)]
pub struct ModelGroup {
    pub compositor: Compositor,
    pub particles: Vec<Particle>,
}

#[derive(Debug, Clone)]
pub struct Wildcard {
    /// `@namespace` as written (`##any` if absent).
    pub namespace: String,
    pub process_contents: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: Option<String>,
    pub ref_: Option<QName>,
    pub type_: Option<QName>,
    pub inline_type: Option<Box<SimpleType>>,
    pub use_: AttributeUse,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub form: Option<Form>,
    /// `wsdl:arrayType` (SOAP-encoded arrays), resolved: item type and the
    /// rank/size suffix as written (e.g. `[]`, `[,]`).
    pub wsdl_array_type: Option<(QName, String)>,
    pub doc: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub model: Option<ModelGroup>,
    pub doc: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct AttributeGroup {
    pub name: String,
    pub attributes: AttributeUses,
    pub doc: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Notation {
    pub name: String,
    pub public: Option<String>,
    pub system: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityKind {
    Key,
    KeyRef,
    Unique,
}

#[derive(Debug, Clone)]
pub struct IdentityConstraint {
    pub kind: IdentityKind,
    pub name: String,
    pub refer: Option<QName>,
    pub selector: String,
    pub fields: Vec<String>,
    pub location: Location,
}

const WSDL_NS: &str = crate::xml::WSDL_NS;

// ---------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------

const VC_NS: &str = "http://www.w3.org/2007/XMLSchema-versioning";

/// XSD 1.1 conditional inclusion (`vc:minVersion`/`vc:maxVersion`), which
/// XSD 1.0 processors are asked to honour too: we are a 1.0 processor.
fn excluded_by_version(node: Node) -> bool {
    let v = |attr: &str| {
        node.attribute((VC_NS, attr))
            .and_then(|v| v.trim().parse::<f64>().ok())
    };
    v("minVersion").is_some_and(|min| min > 1.0) || v("maxVersion").is_some_and(|max| max <= 1.0)
}

fn xsd_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(|c| {
        c.is_element()
            && c.tag_name().namespace().is_some_and(crate::xml::is_xsd_ns)
            && !excluded_by_version(*c)
    })
}

/// `annotation/appinfo` texts of a component.
fn appinfo_of(node: Node) -> Vec<String> {
    xsd_children(node)
        .filter(|c| is_xsd(*c, "annotation"))
        .flat_map(|ann| xsd_children(ann).filter(|c| is_xsd(*c, "appinfo")))
        .map(text_of)
        .filter(|t| !t.is_empty())
        .collect()
}

/// `annotation/documentation` text of a component, if any.
fn doc_of(node: Node) -> Option<String> {
    let mut parts = Vec::new();
    for ann in xsd_children(node).filter(|c| is_xsd(*c, "annotation")) {
        for d in xsd_children(ann).filter(|c| is_xsd(*c, "documentation")) {
            let t = text_of(d);
            if !t.is_empty() {
                parts.push(t);
            }
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

fn form_attr(ctx: &Ctx, node: Node, attr: &str) -> Result<Option<Form>> {
    match node.attribute(attr).map(str::trim) {
        None => Ok(None),
        Some("qualified") => Ok(Some(Form::Qualified)),
        Some("unqualified") => Ok(Some(Form::Unqualified)),
        Some(v) => Err(ctx.invalid(node, format!("invalid form '{v}' in @{attr}"))),
    }
}

pub(crate) fn read_schema(ctx: &mut Ctx, node: Node) -> Result<Schema> {
    let tns = node
        .attribute("targetNamespace")
        .map(str::to_string)
        .filter(|s| !s.is_empty())
        .or_else(|| ctx.chameleon.clone());
    let mut schema = Schema {
        target_namespace: tns,
        element_form_default: form_attr(ctx, node, "elementFormDefault")?
            .unwrap_or(Form::Unqualified),
        attribute_form_default: form_attr(ctx, node, "attributeFormDefault")?
            .unwrap_or(Form::Unqualified),
        block_default: node.attribute("blockDefault").map(str::to_string),
        final_default: node.attribute("finalDefault").map(str::to_string),
        doc: doc_of(node),
        appinfo: appinfo_of(node),
        imports: Vec::new(),
        includes: Vec::new(),
        redefines: Vec::new(),
        items: Vec::new(),
        location: ctx.loc(node),
    };
    for child in xsd_children(node) {
        match child.tag_name().name() {
            "annotation" => {}
            "import" => schema.imports.push(Import {
                namespace: child.attribute("namespace").map(str::to_string),
                schema_location: child.attribute("schemaLocation").map(str::to_string),
                location: ctx.loc(child),
            }),
            "include" => schema.includes.push(Include {
                schema_location: ctx.required(child, "schemaLocation")?.to_string(),
                location: ctx.loc(child),
            }),
            "redefine" => {
                let mut items = Vec::new();
                for c in xsd_children(child) {
                    if let Some(item) = read_item(ctx, c)? {
                        items.push(item);
                    }
                }
                schema.redefines.push(Redefine {
                    schema_location: ctx.required(child, "schemaLocation")?.to_string(),
                    items,
                    location: ctx.loc(child),
                })
            }
            _ => {
                if let Some(item) = read_item(ctx, child)? {
                    schema.items.push(item);
                }
            }
        }
    }
    Ok(schema)
}

fn read_item(ctx: &mut Ctx, node: Node) -> Result<Option<Item>> {
    Ok(Some(match node.tag_name().name() {
        "element" => Item::Element(read_element(ctx, node)?),
        "simpleType" => Item::SimpleType(read_simple_type(ctx, node)?),
        "complexType" => Item::ComplexType(read_complex_type(ctx, node)?),
        "group" => Item::Group(Group {
            name: ctx.required(node, "name")?.to_string(),
            model: match xsd_children(node).find(|c| is_compositor(*c)) {
                Some(c) => Some(read_model_group(ctx, c)?),
                None => None,
            },
            doc: doc_of(node),
            location: ctx.loc(node),
        }),
        "attributeGroup" => Item::AttributeGroup(AttributeGroup {
            name: ctx.required(node, "name")?.to_string(),
            attributes: read_attribute_uses(ctx, node)?,
            doc: doc_of(node),
            location: ctx.loc(node),
        }),
        "attribute" => Item::Attribute(read_attribute(ctx, node)?),
        "notation" => Item::Notation(Notation {
            name: ctx.required(node, "name")?.to_string(),
            public: node.attribute("public").map(str::to_string),
            system: node.attribute("system").map(str::to_string),
            location: ctx.loc(node),
        }),
        "annotation" => return Ok(None),
        other => {
            return Err(ctx.invalid(node, format!("unexpected <xs:{other}> in a schema")));
        }
    }))
}

fn is_compositor(node: Node) -> bool {
    matches!(node.tag_name().name(), "sequence" | "choice" | "all")
}

fn read_element(ctx: &mut Ctx, node: Node) -> Result<Element> {
    let ref_ = ctx.opt_qname(node, "ref")?;
    let name = node.attribute("name").map(str::to_string);
    if name.is_none() && ref_.is_none() {
        return Err(ctx.invalid(node, "<xs:element> needs @name or @ref"));
    }
    let mut inline_type = None;
    let mut identity_constraints = Vec::new();
    for c in xsd_children(node) {
        match c.tag_name().name() {
            "simpleType" => {
                inline_type = Some(Box::new(TypeDef::Simple(read_simple_type(ctx, c)?)))
            }
            "complexType" => {
                inline_type = Some(Box::new(TypeDef::Complex(read_complex_type(ctx, c)?)))
            }
            k @ ("key" | "keyref" | "unique") => {
                let kind = match k {
                    "key" => IdentityKind::Key,
                    "keyref" => IdentityKind::KeyRef,
                    _ => IdentityKind::Unique,
                };
                let selector = xsd_children(c)
                    .find(|s| is_xsd(*s, "selector"))
                    .and_then(|s| s.attribute("xpath"))
                    .unwrap_or("")
                    .to_string();
                let fields = xsd_children(c)
                    .filter(|s| is_xsd(*s, "field"))
                    .filter_map(|s| s.attribute("xpath").map(str::to_string))
                    .collect();
                identity_constraints.push(IdentityConstraint {
                    kind,
                    name: c.attribute("name").unwrap_or("").to_string(),
                    refer: ctx.opt_qname(c, "refer")?,
                    selector,
                    fields,
                    location: ctx.loc(c),
                });
            }
            _ => {}
        }
    }
    Ok(Element {
        name,
        ref_,
        type_: ctx.opt_qname(node, "type")?,
        inline_type,
        nillable: ctx.bool_attr(node, "nillable")?.unwrap_or(false),
        default: node.attribute("default").map(str::to_string),
        fixed: node.attribute("fixed").map(str::to_string),
        is_abstract: ctx.bool_attr(node, "abstract")?.unwrap_or(false),
        substitution_group: ctx.opt_qname(node, "substitutionGroup")?,
        form: form_attr(ctx, node, "form")?,
        block: node.attribute("block").map(str::to_string),
        final_: node.attribute("final").map(str::to_string),
        doc: doc_of(node),
        appinfo: appinfo_of(node),
        identity_constraints,
        location: ctx.loc(node),
    })
}

fn read_facets(ctx: &mut Ctx, node: Node) -> Result<Vec<Facet>> {
    let mut facets = Vec::new();
    for c in xsd_children(node) {
        if let Some(kind) = FacetKind::from_local(c.tag_name().name()) {
            facets.push(Facet {
                kind,
                value: ctx.required(c, "value")?.to_string(),
                fixed: ctx.bool_attr(c, "fixed")?.unwrap_or(false),
                doc: doc_of(c),
                location: ctx.loc(c),
            });
        }
    }
    Ok(facets)
}

pub(crate) fn read_simple_type(ctx: &mut Ctx, node: Node) -> Result<SimpleType> {
    let mut content = None;
    for c in xsd_children(node) {
        match c.tag_name().name() {
            "restriction" => {
                let inline_base = match xsd_children(c).find(|s| is_xsd(*s, "simpleType")) {
                    Some(s) => Some(Box::new(read_simple_type(ctx, s)?)),
                    None => None,
                };
                content = Some(SimpleContent::Restriction {
                    base: ctx.opt_qname(c, "base")?,
                    inline_base,
                    facets: read_facets(ctx, c)?,
                });
            }
            "list" => {
                let inline_item = match xsd_children(c).find(|s| is_xsd(*s, "simpleType")) {
                    Some(s) => Some(Box::new(read_simple_type(ctx, s)?)),
                    None => None,
                };
                content = Some(SimpleContent::List {
                    item_type: ctx.opt_qname(c, "itemType")?,
                    inline_item,
                });
            }
            "union" => {
                let mut inline_members = Vec::new();
                for s in xsd_children(c).filter(|s| is_xsd(*s, "simpleType")) {
                    inline_members.push(read_simple_type(ctx, s)?);
                }
                content = Some(SimpleContent::Union {
                    member_types: ctx.qname_list(c, "memberTypes")?,
                    inline_members,
                });
            }
            _ => {}
        }
    }
    let content = content
        .ok_or_else(|| ctx.invalid(node, "<xs:simpleType> needs a restriction, list or union"))?;
    Ok(SimpleType {
        name: node.attribute("name").map(str::to_string),
        final_: node.attribute("final").map(str::to_string),
        doc: doc_of(node),
        appinfo: appinfo_of(node),
        content,
        location: ctx.loc(node),
    })
}

pub(crate) fn read_complex_type(ctx: &mut Ctx, node: Node) -> Result<ComplexType> {
    let mixed = ctx.bool_attr(node, "mixed")?.unwrap_or(false);
    let mut content = None;
    for c in xsd_children(node) {
        let name = c.tag_name().name();
        if name == "simpleContent" || name == "complexContent" {
            let Some(d) = xsd_children(c)
                .find(|d| matches!(d.tag_name().name(), "extension" | "restriction"))
            else {
                return Err(
                    ctx.invalid(c, format!("<xs:{name}> needs an extension or restriction"))
                );
            };
            let derivation = if d.tag_name().name() == "extension" {
                Derivation::Extension
            } else {
                Derivation::Restriction
            };
            let base = ctx.qname(d, ctx.required(d, "base")?)?;
            if name == "simpleContent" {
                let inline_type = match xsd_children(d).find(|s| is_xsd(*s, "simpleType")) {
                    Some(s) => Some(Box::new(read_simple_type(ctx, s)?)),
                    None => None,
                };
                content = Some(ComplexContent::Simple {
                    derivation,
                    base,
                    inline_type,
                    facets: read_facets(ctx, d)?,
                    attributes: read_attribute_uses(ctx, d)?,
                    location: ctx.loc(d),
                });
            } else {
                content = Some(ComplexContent::Complex {
                    derivation,
                    base,
                    mixed: ctx.bool_attr(c, "mixed")?,
                    particle: read_particle_child(ctx, d)?,
                    attributes: read_attribute_uses(ctx, d)?,
                    location: ctx.loc(d),
                });
            }
            break;
        }
    }
    let content = match content {
        Some(c) => c,
        None => ComplexContent::Direct {
            particle: read_particle_child(ctx, node)?,
            attributes: read_attribute_uses(ctx, node)?,
        },
    };
    Ok(ComplexType {
        name: node.attribute("name").map(str::to_string),
        is_abstract: ctx.bool_attr(node, "abstract")?.unwrap_or(false),
        mixed,
        block: node.attribute("block").map(str::to_string),
        final_: node.attribute("final").map(str::to_string),
        doc: doc_of(node),
        appinfo: appinfo_of(node),
        content,
        location: ctx.loc(node),
    })
}

/// The content particle (sequence/choice/all/group ref) child of a node.
fn read_particle_child(ctx: &mut Ctx, node: Node) -> Result<Option<Particle>> {
    for c in xsd_children(node) {
        if is_compositor(c) || c.tag_name().name() == "group" {
            return read_particle(ctx, c).map(Some);
        }
    }
    Ok(None)
}

/// An occurrence bound: any nonNegativeInteger is valid XSD; values past
/// `u32::MAX` (seen in test suites) saturate, which no real document notices.
fn occurs_value(ctx: &Ctx, node: Node, attr: &str, v: &str) -> Result<u32> {
    let v = v.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(v.parse::<u32>().unwrap_or(u32::MAX));
    }
    Err(ctx.invalid(node, format!("invalid {attr} '{v}'")))
}

fn occurs(ctx: &Ctx, node: Node) -> Result<(u32, MaxOccurs)> {
    let min = match node.attribute("minOccurs") {
        Some(v) => occurs_value(ctx, node, "minOccurs", v)?,
        None => 1,
    };
    let max = match node.attribute("maxOccurs").map(str::trim) {
        None => MaxOccurs::Bounded(1),
        Some("unbounded") => MaxOccurs::Unbounded,
        Some(v) => MaxOccurs::Bounded(occurs_value(ctx, node, "maxOccurs", v)?),
    };
    Ok((min, max))
}

fn read_particle(ctx: &mut Ctx, node: Node) -> Result<Particle> {
    let (min_occurs, max_occurs) = occurs(ctx, node)?;
    let term = match node.tag_name().name() {
        "element" => Term::Element(Box::new(read_element(ctx, node)?)),
        "group" => Term::GroupRef(ctx.qname(node, ctx.required(node, "ref")?)?),
        "any" => Term::Any(read_wildcard(ctx, node)),
        _ => Term::Group(read_model_group(ctx, node)?),
    };
    Ok(Particle {
        min_occurs,
        max_occurs,
        term,
        location: ctx.loc(node),
    })
}

fn read_model_group(ctx: &mut Ctx, node: Node) -> Result<ModelGroup> {
    let compositor = match node.tag_name().name() {
        "choice" => Compositor::Choice,
        "all" => Compositor::All,
        _ => Compositor::Sequence,
    };
    let mut particles = Vec::new();
    for c in xsd_children(node) {
        if matches!(
            c.tag_name().name(),
            "element" | "group" | "any" | "sequence" | "choice" | "all"
        ) {
            particles.push(read_particle(ctx, c)?);
        }
    }
    Ok(ModelGroup {
        compositor,
        particles,
    })
}

fn read_wildcard(ctx: &Ctx, node: Node) -> Wildcard {
    Wildcard {
        namespace: node.attribute("namespace").unwrap_or("##any").to_string(),
        process_contents: node
            .attribute("processContents")
            .unwrap_or("strict")
            .to_string(),
        location: ctx.loc(node),
    }
}

fn read_attribute_uses(ctx: &mut Ctx, node: Node) -> Result<AttributeUses> {
    let mut uses = AttributeUses::default();
    for c in xsd_children(node) {
        match c.tag_name().name() {
            "attribute" => uses
                .items
                .push(AttributeItem::Attribute(read_attribute(ctx, c)?)),
            "attributeGroup" => uses.items.push(AttributeItem::GroupRef(
                ctx.qname(c, ctx.required(c, "ref")?)?,
                ctx.loc(c),
            )),
            "anyAttribute" => uses.any_attribute = Some(read_wildcard(ctx, c)),
            _ => {}
        }
    }
    Ok(uses)
}

fn read_attribute(ctx: &mut Ctx, node: Node) -> Result<Attribute> {
    let ref_ = ctx.opt_qname(node, "ref")?;
    let name = node.attribute("name").map(str::to_string);
    if name.is_none() && ref_.is_none() {
        return Err(ctx.invalid(node, "<xs:attribute> needs @name or @ref"));
    }
    let use_ = match node.attribute("use").map(str::trim) {
        None | Some("optional") => AttributeUse::Optional,
        Some("required") => AttributeUse::Required,
        Some("prohibited") => AttributeUse::Prohibited,
        Some(v) => return Err(ctx.invalid(node, format!("invalid use '{v}'"))),
    };
    let inline_type = match xsd_children(node).find(|s| is_xsd(*s, "simpleType")) {
        Some(s) => Some(Box::new(read_simple_type(ctx, s)?)),
        None => None,
    };
    let wsdl_array_type = match node.attribute((WSDL_NS, "arrayType")) {
        Some(v) => {
            let v = v.trim();
            let split = v.find('[').unwrap_or(v.len());
            let q = ctx.qname(node, &v[..split])?;
            Some((q, v[split..].to_string()))
        }
        None => None,
    };
    Ok(Attribute {
        name,
        ref_,
        type_: ctx.opt_qname(node, "type")?,
        inline_type,
        use_,
        default: node.attribute("default").map(str::to_string),
        fixed: node.attribute("fixed").map(str::to_string),
        form: form_attr(ctx, node, "form")?,
        wsdl_array_type,
        doc: doc_of(node),
        location: ctx.loc(node),
    })
}
