//! The resolved model: what a WSDL/XSD document set *means*, with every
//! reference followed and every indirection (groups, attribute groups, refs,
//! includes, redefines) expanded away.
//!
//! This is the contract between the front end (`soapgen-parser` + the
//! resolver in this crate) and every back end (`soapgen-rust`, `soapgen
//! inspect`). It knows nothing about Rust: names here are XML names; turning
//! them into Rust identifiers is the emitter's job.
//!
//! Determinism: every `Vec` here is in document order (documents in load
//! order, then declaration order inside each document). Nothing is ever
//! ordered by hash.

use serde::Serialize;

/// A namespace-qualified XML name. `ns` is empty for "no namespace".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QName {
    pub ns: String,
    pub local: String,
}

impl QName {
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl std::fmt::Display for QName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// Where something was declared: a file (as loaded: path or URI) and a
/// 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Index into [`Ir::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeId(pub usize);

/// Index into [`Ir::elements`] (global element declarations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ElementId(pub usize);

/// Index into [`Ir::bindings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct BindingId(pub usize);

/// The whole resolved document set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ir {
    /// Every document that was loaded, in load order (the entry document
    /// first). Build front ends use this for `rerun-if-changed`.
    pub documents: Vec<String>,
    /// `wsdl:definitions/@targetNamespace` of the entry document, if a WSDL.
    pub target_namespace: Option<String>,
    /// `wsdl:definitions/wsdl:documentation`.
    pub doc: Option<String>,
    /// All named and anonymous types (builtins are not here: see [`TypeRef::Builtin`]).
    pub types: Vec<TypeDef>,
    /// Global element declarations.
    pub elements: Vec<ElementDecl>,
    /// WSDL bindings (concrete operations).
    pub bindings: Vec<Binding>,
    /// WSDL services with their ports.
    pub services: Vec<Service>,
    /// Warnings collected while resolving (errors abort resolution instead).
    pub warnings: Vec<Diagnostic>,
}

/// A non-fatal finding, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub message: String,
    pub location: Option<Location>,
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/// A reference to a type: an XSD builtin or a type of the document set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TypeRef {
    Builtin(Builtin),
    Named(TypeId),
}

/// The XSD 1.0 builtin datatypes (`xs:anyType` included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Builtin {
    AnyType,
    AnySimpleType,
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NCName,
    Id,
    IdRef,
    IdRefs,
    Entity,
    Entities,
    NmToken,
    NmTokens,
    Boolean,
    Decimal,
    Integer,
    NonPositiveInteger,
    NegativeInteger,
    Long,
    Int,
    Short,
    Byte,
    NonNegativeInteger,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    PositiveInteger,
    Float,
    Double,
    Duration,
    DateTime,
    Time,
    Date,
    GYearMonth,
    GYear,
    GMonthDay,
    GDay,
    GMonth,
    HexBinary,
    Base64Binary,
    AnyUri,
    QName,
    Notation,
}

impl Builtin {
    /// The builtin for a local name in the XSD namespace.
    pub fn from_local_name(name: &str) -> Option<Builtin> {
        use Builtin::*;
        Some(match name {
            "anyType" => AnyType,
            "anySimpleType" => AnySimpleType,
            "string" => String,
            "normalizedString" => NormalizedString,
            "token" => Token,
            "language" => Language,
            "Name" => Name,
            "NCName" => NCName,
            "ID" => Id,
            "IDREF" => IdRef,
            "IDREFS" => IdRefs,
            "ENTITY" => Entity,
            "ENTITIES" => Entities,
            "NMTOKEN" => NmToken,
            "NMTOKENS" => NmTokens,
            "boolean" => Boolean,
            "decimal" => Decimal,
            "integer" => Integer,
            "nonPositiveInteger" => NonPositiveInteger,
            "negativeInteger" => NegativeInteger,
            "long" => Long,
            "int" => Int,
            "short" => Short,
            "byte" => Byte,
            "nonNegativeInteger" => NonNegativeInteger,
            "unsignedLong" => UnsignedLong,
            "unsignedInt" => UnsignedInt,
            "unsignedShort" => UnsignedShort,
            "unsignedByte" => UnsignedByte,
            "positiveInteger" => PositiveInteger,
            "float" => Float,
            "double" => Double,
            "duration" => Duration,
            "dateTime" => DateTime,
            "time" => Time,
            "date" => Date,
            "gYearMonth" => GYearMonth,
            "gYear" => GYear,
            "gMonthDay" => GMonthDay,
            "gDay" => GDay,
            "gMonth" => GMonth,
            "hexBinary" => HexBinary,
            "base64Binary" => Base64Binary,
            "anyURI" => AnyUri,
            "QName" => QName,
            "NOTATION" => Notation,
            _ => return None,
        })
    }

    /// The local name of this builtin in the XSD namespace.
    pub fn local_name(self) -> &'static str {
        use Builtin::*;
        match self {
            AnyType => "anyType",
            AnySimpleType => "anySimpleType",
            String => "string",
            NormalizedString => "normalizedString",
            Token => "token",
            Language => "language",
            Name => "Name",
            NCName => "NCName",
            Id => "ID",
            IdRef => "IDREF",
            IdRefs => "IDREFS",
            Entity => "ENTITY",
            Entities => "ENTITIES",
            NmToken => "NMTOKEN",
            NmTokens => "NMTOKENS",
            Boolean => "boolean",
            Decimal => "decimal",
            Integer => "integer",
            NonPositiveInteger => "nonPositiveInteger",
            NegativeInteger => "negativeInteger",
            Long => "long",
            Int => "int",
            Short => "short",
            Byte => "byte",
            NonNegativeInteger => "nonNegativeInteger",
            UnsignedLong => "unsignedLong",
            UnsignedInt => "unsignedInt",
            UnsignedShort => "unsignedShort",
            UnsignedByte => "unsignedByte",
            PositiveInteger => "positiveInteger",
            Float => "float",
            Double => "double",
            Duration => "duration",
            DateTime => "dateTime",
            Time => "time",
            Date => "date",
            GYearMonth => "gYearMonth",
            GYear => "gYear",
            GMonthDay => "gMonthDay",
            GDay => "gDay",
            GMonth => "gMonth",
            HexBinary => "hexBinary",
            Base64Binary => "base64Binary",
            AnyUri => "anyURI",
            QName => "QName",
            Notation => "NOTATION",
        }
    }
}

/// A named or anonymous type definition.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// The XML name. For anonymous types a provisional name derived from
    /// the context (`Outer_inner` style path of the enclosing declarations),
    /// unique within its namespace; `anonymous` tells which it is.
    pub name: QName,
    pub anonymous: bool,
    /// Joined `xs:documentation` text of the definition (and, for anonymous
    /// types, of the element or attribute that holds it).
    pub doc: Option<String>,
    pub location: Location,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, Serialize)]
pub enum TypeKind {
    Simple(SimpleType),
    Complex(ComplexType),
}

/// A simple type with its *effective* facets (merged down the restriction chain).
#[derive(Debug, Clone, Serialize)]
pub struct SimpleType {
    /// The immediate base (`restriction/@base`), if a restriction.
    pub base: Option<TypeRef>,
    pub variety: SimpleVariety,
    pub facets: Facets,
    /// Simple types restricting this one (direct children only).
    pub derived: Vec<TypeId>,
}

#[derive(Debug, Clone, Serialize)]
pub enum SimpleVariety {
    /// An atomic type; `primitive` is the builtin at the root of its chain
    /// (e.g. `Int` for a restriction of a restriction of `xs:int`).
    Atomic {
        primitive: Builtin,
    },
    List {
        item: TypeRef,
    },
    Union {
        members: Vec<TypeRef>,
    },
}

/// Effective constraining facets. Lexical values are kept as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub length: Option<u64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// One entry per derivation step: the patterns inside a step are ORed,
    /// the steps are ANDed (XSD 1.0 §4.3.4).
    pub patterns: Vec<Vec<String>>,
    pub enumeration: Vec<EnumValue>,
    pub white_space: Option<WhiteSpace>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub total_digits: Option<u32>,
    pub fraction_digits: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumValue {
    pub value: String,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WhiteSpace {
    Preserve,
    Replace,
    Collapse,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Derivation {
    Extension,
    Restriction,
}

/// A complex type with its effective content model.
#[derive(Debug, Clone, Serialize)]
pub struct ComplexType {
    pub is_abstract: bool,
    pub mixed: bool,
    /// Base type and how this type derives from it (`None` for a type that
    /// implicitly restricts `xs:anyType`).
    pub base: Option<(TypeRef, Derivation)>,
    /// Complex types deriving directly from this one (extension or restriction).
    pub derived: Vec<TypeId>,
    /// The effective content: for an extension, the base content followed by
    /// the extension's own particles; for a restriction, the restricted model.
    pub content: Content,
    /// How many leading particles of the effective top-level sequence come
    /// from the base type (0 unless derived by extension). Lets an emitter
    /// share the base's members instead of flattening them.
    pub inherited_particles: usize,
    /// Effective attributes (inherited first, then own), `prohibited` ones removed.
    pub attributes: Vec<Attribute>,
    pub any_attribute: Option<Wildcard>,
}

#[derive(Debug, Clone, Serialize)]
pub enum Content {
    /// No character or element content (attributes only, or nothing).
    Empty,
    /// `simpleContent`: a text value of this simple type.
    Simple(TypeRef),
    /// Element content: the effective top-level particle (always a model group).
    Elements(Particle),
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MaxOccurs {
    Bounded(u32),
    Unbounded,
}

#[derive(Debug, Clone, Serialize)]
pub struct Particle {
    pub min_occurs: u32,
    pub max_occurs: MaxOccurs,
    pub term: Term,
}

#[derive(Debug, Clone, Serialize)]
pub enum Term {
    Element(ElementParticle),
    Group(ModelGroup),
    Any(Wildcard),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Compositor {
    Sequence,
    Choice,
    All,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModelGroup {
    pub compositor: Compositor,
    pub particles: Vec<Particle>,
    /// Name of the `xs:group` this came from, if any (useful for naming).
    pub from_group: Option<QName>,
}

/// An element inside a content model: a local declaration or a `ref` to a
/// global one (then `global` is set and the other fields are copied from it).
#[derive(Debug, Clone, Serialize)]
pub struct ElementParticle {
    /// The name as it appears on the wire: namespace is set iff qualified.
    pub name: QName,
    pub type_ref: TypeRef,
    pub nillable: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    pub global: Option<ElementId>,
    /// True when this edge closes a cycle in the type graph (the referenced
    /// type contains, transitively, the type holding this particle). Emitters
    /// box such fields unless a `Vec` already breaks the cycle.
    pub recursive: bool,
    pub location: Location,
}

/// `xs:any` / `xs:anyAttribute`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wildcard {
    pub namespaces: NamespaceConstraint,
    pub process_contents: ProcessContents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum NamespaceConstraint {
    /// `##any`
    Any,
    /// `##other` relative to this target namespace ("" for absent).
    Other(String),
    /// An explicit list (`##local` is "", `##targetNamespace` resolved).
    List(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProcessContents {
    Strict,
    Lax,
    Skip,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    /// Namespace set iff qualified.
    pub name: QName,
    pub type_ref: TypeRef,
    pub required: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    /// `wsdl:arrayType` on this attribute (SOAP-encoded arrays: the
    /// `soapenc:arrayType` attribute of a `soapenc:Array` restriction).
    pub wsdl_array_type: Option<ArrayType>,
    pub location: Location,
}

/// A resolved `wsdl:arrayType="tns:Item[]"`: the item type and the
/// dimensions suffix as written (`[]`, `[][]`, `[,]`, `[5]`).
#[derive(Debug, Clone, Serialize)]
pub struct ArrayType {
    pub item: TypeRef,
    pub dimensions: String,
}

/// A global element declaration.
#[derive(Debug, Clone, Serialize)]
pub struct ElementDecl {
    pub name: QName,
    pub type_ref: TypeRef,
    pub nillable: bool,
    pub is_abstract: bool,
    pub default: Option<String>,
    pub fixed: Option<String>,
    pub doc: Option<String>,
    /// The head of the substitution group this element belongs to.
    pub substitution_group: Option<ElementId>,
    /// Every element that may substitute for this one, transitively, in
    /// document order (the element itself not included).
    pub substitutes: Vec<ElementId>,
    pub location: Location,
}

// ---------------------------------------------------------------------------
// WSDL
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub name: QName,
    pub doc: Option<String>,
    pub ports: Vec<Port>,
    pub location: Location,
}

#[derive(Debug, Clone, Serialize)]
pub struct Port {
    pub name: String,
    pub binding: BindingId,
    /// `soap:address/@location` (or `soap12:address`, `http:address`).
    pub address: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BindingProtocol {
    Soap11,
    Soap12,
    /// `http:binding` (GET/POST): kept in the model, no client generated.
    Http,
    /// Anything else (kept so that `inspect` can show it).
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Style {
    Document,
    Rpc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Use {
    Literal,
    Encoded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Mep {
    RequestResponse,
    OneWay,
    Notification,
    SolicitResponse,
}

#[derive(Debug, Clone, Serialize)]
pub struct Binding {
    pub name: QName,
    pub port_type: QName,
    pub protocol: BindingProtocol,
    /// `soap:binding/@transport`.
    pub transport: Option<String>,
    /// `portType/documentation`.
    pub doc: Option<String>,
    pub operations: Vec<Operation>,
    pub location: Location,
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    pub name: String,
    pub doc: Option<String>,
    pub mep: Mep,
    /// Effective style (operation's, else binding's, else document).
    pub style: Style,
    pub soap_action: Option<String>,
    pub parameter_order: Option<Vec<String>>,
    pub input: Option<Message>,
    pub output: Option<Message>,
    pub faults: Vec<Fault>,
    /// Document/literal "wrapped": one part by element, element named like
    /// the operation (input), its type a sequence of elements without
    /// attributes. Set only when both input and output qualify.
    pub wrapped: bool,
    pub location: Location,
}

/// One direction of an operation: the abstract message as bound by `soap:body`.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// `wsdl:message/@name`.
    pub name: QName,
    /// Name of the `wsdl:input`/`wsdl:output` (defaults per WSDL 1.1 §2.4.5).
    pub io_name: Option<String>,
    pub use_: Use,
    /// `soap:body/@namespace` (rpc wrapper namespace, encoded types).
    pub namespace: Option<String>,
    pub encoding_style: Option<String>,
    /// Body parts, in `soap:body/@parts` order if given, else message order
    /// (or `parameterOrder` for rpc input).
    pub parts: Vec<Part>,
    pub headers: Vec<Header>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub name: String,
    pub kind: PartKind,
}

#[derive(Debug, Clone, Serialize)]
pub enum PartKind {
    Element(ElementId),
    Type(TypeRef),
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub message: QName,
    pub part: Part,
    pub use_: Use,
    pub namespace: Option<String>,
    pub encoding_style: Option<String>,
    pub header_faults: Vec<HeaderFault>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeaderFault {
    pub message: QName,
    pub part: Part,
    pub use_: Use,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fault {
    pub name: String,
    pub message: QName,
    pub use_: Use,
    pub namespace: Option<String>,
    /// The detail part(s) (WSDL 1.1 faults have exactly one; we keep what is there).
    pub parts: Vec<Part>,
}
