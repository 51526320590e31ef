//! `soapgen sample <wsdl> <operation>`: an example request envelope.
//!
//! Walks the IR content model of the operation's input (headers and body)
//! and writes a skeleton with a placeholder value per type, the way SoapUI
//! shows a new request: optional and repeated elements and choices are
//! marked with comments, the first alternative of a choice is filled in.
//! rpc style wraps the parts in an element named after the operation in the
//! `soap:body/@namespace`; `use="encoded"` adds `soap:encodingStyle` and
//! `xsi:type` on the parts; the envelope namespace follows the binding's SOAP
//! version.

use std::fmt::Write as _;
use std::process::ExitCode;

use soapgen_build::{Config, Error, OptionValue};
use soapgen_ir::*;

use crate::generate::InputArgs;

#[derive(clap::Args, Debug, Clone, Default)]
#[command(after_help = "\
EXAMPLES:
  soapgen sample calculator.wsdl Add
  soapgen sample calculator.wsdl Add --soap12
  soapgen sample services.wsdl --catalog catalog.xml FindItem > request.xml")]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// The operation whose request to show.
    pub operation: String,
    /// Use the binding of this port (default: the first SOAP binding with
    /// the operation, SOAP 1.1 preferred).
    #[arg(long, value_name = "NAME")]
    pub port: Option<String>,
    /// Prefer a SOAP 1.2 binding.
    #[arg(long)]
    pub soap12: bool,
}

const SOAP11_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12_ENV: &str = "http://www.w3.org/2003/05/soap-envelope";
const SOAP11_ENC: &str = "http://schemas.xmlsoap.org/soap/encoding/";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
/// Deeper than any sensible request; stops runaway recursion through
/// optional self-references without tracking every path.
const MAX_DEPTH: usize = 24;

pub fn run(args: &Args) -> ExitCode {
    match sample(args) {
        Ok(xml) => {
            print!("{xml}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The sample envelope for `args` (the library form of the command).
pub fn sample(args: &Args) -> Result<String, Error> {
    let mut config = Config::new(&args.input.wsdl);
    config.catalogs = args.input.catalogs.clone();
    config.allow_dtd = args.input.allow_dtd;
    config.set(
        "operations",
        OptionValue::List(vec![args.operation.clone()]),
    )?;
    if let Some(p) = &args.port {
        config.set("ports", OptionValue::List(vec![p.clone()]))?;
    }
    let ir = soapgen_build::load(&config)?.pruned;
    let (binding, op) = pick(&ir, &args.operation, args.soap12).ok_or_else(|| {
        Error::InvalidOption(format!(
            "operation `{}` has no SOAP binding to sample",
            args.operation
        ))
    })?;
    Ok(envelope(&ir, binding, op))
}

/// The first SOAP binding (preferring the requested version) holding `name`.
fn pick<'a>(ir: &'a Ir, name: &str, soap12: bool) -> Option<(&'a Binding, &'a Operation)> {
    let want = if soap12 {
        BindingProtocol::Soap12
    } else {
        BindingProtocol::Soap11
    };
    let soap = |b: &&Binding| {
        matches!(
            b.protocol,
            BindingProtocol::Soap11 | BindingProtocol::Soap12
        )
    };
    let with_op = |b: &'a Binding| b.operations.iter().find(|o| o.name == name).map(|o| (b, o));
    ir.bindings
        .iter()
        .filter(|b| b.protocol == want)
        .chain(ir.bindings.iter().filter(soap))
        .find_map(with_op)
}

/// Namespace prefixes in order of first use (deterministic), declared on
/// the envelope.
struct Prefixes(Vec<(String, String)>);

impl Prefixes {
    fn get(&mut self, ns: &str) -> String {
        if let Some((_, p)) = self.0.iter().find(|(n, _)| n == ns) {
            return p.clone();
        }
        let p = match ns {
            SOAP11_ENV | SOAP12_ENV => "soap".to_string(),
            XSI => "xsi".to_string(),
            XSD => "xsd".to_string(),
            SOAP11_ENC => "soapenc".to_string(),
            _ => format!(
                "ns{}",
                self.0.iter().filter(|(_, p)| p.starts_with("ns")).count()
            ),
        };
        self.0.push((ns.to_string(), p.clone()));
        p
    }
}

struct Writer<'a> {
    ir: &'a Ir,
    out: String,
    prefixes: Prefixes,
    /// Types being written (recursion guard).
    stack: Vec<TypeId>,
    encoded: bool,
}

fn envelope(ir: &Ir, binding: &Binding, op: &Operation) -> String {
    let env_ns = if binding.protocol == BindingProtocol::Soap12 {
        SOAP12_ENV
    } else {
        SOAP11_ENV
    };
    let mut w = Writer {
        ir,
        out: String::new(),
        prefixes: Prefixes(Vec::new()),
        stack: Vec::new(),
        encoded: false,
    };
    let soap = w.prefixes.get(env_ns);
    let Some(input) = &op.input else {
        w.line(1, &format!("<{soap}:Header/>"));
        w.line(1, &format!("<{soap}:Body/>"));
        return w.finish(&soap, op);
    };
    w.encoded = input.use_ == Use::Encoded;
    if input.headers.is_empty() {
        w.line(1, &format!("<{soap}:Header/>"));
    } else {
        w.line(1, &format!("<{soap}:Header>"));
        for h in &input.headers {
            w.part(&h.part, 2, false);
        }
        w.line(1, &format!("</{soap}:Header>"));
    }
    w.line(1, &format!("<{soap}:Body>"));
    match op.style {
        Style::Document => {
            for p in &input.parts {
                w.part(p, 2, false);
            }
        }
        Style::Rpc => {
            // WSDL 1.1 §3.5: the wrapper is named after the operation, in
            // soap:body/@namespace; parts inside are unqualified.
            let ns = input.namespace.clone().unwrap_or_default();
            let name = w.qualified(&QName::new(ns, op.name.clone()));
            let mut start = format!("<{name}");
            if w.encoded {
                let enc = input.encoding_style.as_deref().unwrap_or(SOAP11_ENC);
                let _ = write!(start, " {soap}:encodingStyle=\"{}\"", escape(enc));
            }
            if input.parts.is_empty() {
                w.line(2, &format!("{start}/>"));
            } else {
                w.line(2, &format!("{start}>"));
                for p in &input.parts {
                    w.part(p, 3, true);
                }
                w.line(2, &format!("</{name}>"));
            }
        }
    }
    w.line(1, &format!("</{soap}:Body>"));
    w.finish(&soap, op)
}

impl Writer<'_> {
    fn finish(self, soap: &str, op: &Operation) -> String {
        let mut head = String::new();
        if let Some(action) = &op.soap_action {
            let _ = writeln!(
                head,
                "<!-- SOAPAction: \"{}\" -->",
                action.replace("--", "- -")
            );
        }
        let _ = write!(head, "<{soap}:Envelope");
        for (ns, p) in &self.prefixes.0 {
            let _ = write!(head, " xmlns:{p}=\"{}\"", escape(ns));
        }
        head.push_str(">\n");
        format!("{head}{}</{soap}:Envelope>\n", self.out)
    }

    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comment(&mut self, depth: usize, text: &str) {
        self.line(depth, &format!("<!-- {} -->", text.replace("--", "- -")));
    }

    /// `prefix:local`, or `local` for no namespace.
    fn qualified(&mut self, name: &QName) -> String {
        if name.ns.is_empty() {
            name.local.clone()
        } else {
            format!("{}:{}", self.prefixes.get(&name.ns), name.local)
        }
    }

    /// A message part; `rpc` parts are accessor elements named after the part.
    fn part(&mut self, p: &Part, depth: usize, rpc: bool) {
        match &p.kind {
            PartKind::Element(e) => self.global_element(*e, depth),
            PartKind::Type(t) => {
                let name = QName::new("", p.name.clone());
                let xsi_type = (rpc && self.encoded).then_some(*t);
                self.element(&name, *t, depth, xsi_type);
            }
        }
    }

    /// A global element; an abstract head is replaced by its first member.
    fn global_element(&mut self, id: ElementId, depth: usize) {
        let ir = self.ir;
        let Some(decl) = ir.elements.get(id.0) else {
            return;
        };
        if decl.is_abstract {
            let member = decl
                .substitutes
                .iter()
                .find(|s| ir.elements.get(s.0).is_some_and(|d| !d.is_abstract));
            match member {
                Some(m) => {
                    let names: Vec<String> = decl
                        .substitutes
                        .iter()
                        .filter_map(|s| ir.elements.get(s.0))
                        .map(|d| d.name.local.clone())
                        .collect();
                    self.comment(
                        depth,
                        &format!("substitution group: one of {}", names.join(", ")),
                    );
                    self.global_element(*m, depth);
                }
                None => self.comment(depth, &format!("abstract element {}", decl.name.local)),
            }
            return;
        }
        self.element(&decl.name.clone(), decl.type_ref, depth, None);
    }

    /// One element with placeholder content for `t`.
    fn element(&mut self, name: &QName, t: TypeRef, depth: usize, xsi_type: Option<TypeRef>) {
        let tag = self.qualified(name);
        let mut t = t;
        let mut attrs = String::new();
        if let Some(x) = xsi_type {
            let q = self.type_qname(x);
            let v = self.qualified(&q);
            let xsi = self.prefixes.get(XSI);
            let _ = write!(attrs, " {xsi}:type=\"{v}\"");
        }
        // An abstract complex type cannot appear as itself: show the first
        // concrete derived type with xsi:type.
        if let TypeRef::Named(id) = t {
            if let Some(concrete) = self.concrete(id) {
                if concrete != id {
                    let q = self.ir.types[concrete.0].name.clone();
                    let v = self.qualified(&q);
                    let xsi = self.prefixes.get(XSI);
                    let _ = write!(attrs, " {xsi}:type=\"{v}\"");
                    t = TypeRef::Named(concrete);
                }
            }
        }
        let id = match t {
            TypeRef::Builtin(b) => {
                self.line(depth, &format!("<{tag}{attrs}>{}</{tag}>", placeholder(b)));
                return;
            }
            TypeRef::Named(id) => id,
        };
        if self.stack.contains(&id) || depth > MAX_DEPTH {
            let local = self.ir.types[id.0].name.local.clone();
            self.comment(depth, &format!("recursive: {local}"));
            self.line(depth, &format!("<{tag}{attrs}/>"));
            return;
        }
        let ir = self.ir;
        match &ir.types[id.0].kind {
            TypeKind::Simple(_) => {
                let v = escape(&self.simple_value(t));
                self.line(depth, &format!("<{tag}{attrs}>{v}</{tag}>"));
            }
            TypeKind::Complex(c) => {
                for a in &c.attributes {
                    let n = self.qualified(&a.name);
                    let v = a
                        .fixed
                        .clone()
                        .or_else(|| a.default.clone())
                        .unwrap_or_else(|| self.simple_value(a.type_ref));
                    let _ = write!(attrs, " {n}=\"{}\"", escape(&v));
                }
                self.stack.push(id);
                match &c.content {
                    Content::Empty => self.line(depth, &format!("<{tag}{attrs}/>")),
                    Content::Simple(v) => {
                        let v = escape(&self.simple_value(*v));
                        self.line(depth, &format!("<{tag}{attrs}>{v}</{tag}>"));
                    }
                    Content::Elements(p) => {
                        self.line(depth, &format!("<{tag}{attrs}>"));
                        self.particle(p, depth + 1);
                        self.line(depth, &format!("</{tag}>"));
                    }
                }
                self.stack.pop();
            }
        }
    }

    /// `id` itself unless abstract, else its first non-abstract derived type.
    fn concrete(&self, id: TypeId) -> Option<TypeId> {
        match &self.ir.types.get(id.0)?.kind {
            TypeKind::Complex(c) if c.is_abstract => {
                c.derived.iter().find_map(|d| self.concrete(*d))
            }
            _ => Some(id),
        }
    }

    fn type_qname(&self, t: TypeRef) -> QName {
        match t {
            TypeRef::Builtin(b) => QName::new(XSD, b.local_name()),
            TypeRef::Named(id) => self.ir.types[id.0].name.clone(),
        }
    }

    fn particle(&mut self, p: &Particle, depth: usize) {
        let repeat = match p.max_occurs {
            MaxOccurs::Unbounded => Some("unbounded".to_string()),
            MaxOccurs::Bounded(n) if n > 1 => Some(n.to_string()),
            _ => None,
        };
        let occurs = match (p.min_occurs, repeat) {
            (0, None) => Some("optional".to_string()),
            (min, Some(max)) => Some(format!("{min} to {max} times")),
            _ => None,
        };
        match (&p.term, occurs) {
            // A choice says it itself (below), with the occurrence folded in.
            (Term::Group(g), _) if g.compositor == Compositor::Choice => {}
            (Term::Group(g), Some(o)) => {
                self.comment(depth, &format!("{o}: {}", term_label_group(g.compositor)))
            }
            (_, Some(o)) => self.comment(depth, &o),
            (_, None) => {}
        }
        match &p.term {
            Term::Element(e) => match e.global {
                Some(g) if self.ir.elements.get(g.0).is_some_and(|d| d.is_abstract) => {
                    self.global_element(g, depth)
                }
                _ => self.element(&e.name, e.type_ref, depth, None),
            },
            Term::Group(g) => match g.compositor {
                Compositor::Sequence | Compositor::All => {
                    for p in &g.particles {
                        self.particle(p, depth);
                    }
                }
                Compositor::Choice => {
                    let names: Vec<String> = g.particles.iter().map(term_label).collect();
                    let occurs = match (p.min_occurs, p.max_occurs) {
                        (1, MaxOccurs::Bounded(1)) => String::new(),
                        (0, MaxOccurs::Bounded(1)) => "optional ".to_string(),
                        (min, MaxOccurs::Bounded(max)) => format!("{min} to {max} times a "),
                        (min, MaxOccurs::Unbounded) => format!("{min} to unbounded times a "),
                    };
                    self.comment(
                        depth,
                        &format!("{occurs}choice: one of {}", names.join(" | ")),
                    );
                    if let Some(first) = g.particles.first() {
                        self.particle(first, depth);
                    }
                }
            },
            Term::Any(_) => self.comment(depth, "any element"),
        }
    }

    /// A placeholder text value of a simple type.
    fn simple_value(&self, t: TypeRef) -> String {
        let id = match t {
            TypeRef::Builtin(b) => return placeholder(b).to_string(),
            TypeRef::Named(id) => id,
        };
        let Some(def) = self.ir.types.get(id.0) else {
            return "?".into();
        };
        match &def.kind {
            TypeKind::Simple(s) => {
                if let Some(first) = s.facets.enumeration.first() {
                    return first.value.clone();
                }
                match &s.variety {
                    SimpleVariety::Atomic { primitive } => placeholder(*primitive).to_string(),
                    SimpleVariety::List { item } => self.simple_value(*item),
                    SimpleVariety::Union { members } => members
                        .first()
                        .map(|m| self.simple_value(*m))
                        .unwrap_or_else(|| "?".into()),
                }
            }
            TypeKind::Complex(c) => match c.content {
                Content::Simple(v) => self.simple_value(v),
                _ => "?".into(),
            },
        }
    }
}

fn term_label(p: &Particle) -> String {
    match &p.term {
        Term::Element(e) => e.name.local.clone(),
        Term::Group(g) => format!("({})", term_label_group(g.compositor)),
        Term::Any(_) => "any".into(),
    }
}

fn term_label_group(c: Compositor) -> &'static str {
    match c {
        Compositor::Sequence => "sequence",
        Compositor::Choice => "choice",
        Compositor::All => "all",
    }
}

/// A valid example value per builtin.
fn placeholder(b: Builtin) -> &'static str {
    use Builtin::*;
    match b {
        Boolean => "false",
        Decimal => "0.00",
        Float | Double => "0.0",
        Integer | NonPositiveInteger | Long | Int | Short | Byte | NonNegativeInteger
        | UnsignedLong | UnsignedInt | UnsignedShort | UnsignedByte => "0",
        NegativeInteger => "-1",
        PositiveInteger => "1",
        Duration => "P1D",
        DateTime => "2024-01-01T00:00:00Z",
        Time => "00:00:00",
        Date => "2024-01-01",
        GYearMonth => "2024-01",
        GYear => "2024",
        GMonthDay => "--01-01",
        GDay => "---01",
        GMonth => "--01",
        HexBinary => "00",
        Base64Binary => "AA==",
        AnyUri => "http://example.com/",
        Language => "en",
        QName => "name",
        AnyType => "?",
        _ => "string",
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
