//! Structure-aware mutation of XML documents: a seed document is read into a
//! lossless raw tree (prefixes, namespace declarations and escaped text kept
//! as written), a byte string is interpreted as a script of tree edits (drop,
//! duplicate, swap, copy, rename elements; drop, duplicate, rewrite, copy
//! attributes), and the tree is written back as text.
//!
//! The fuzzer's bytes are the script, so libFuzzer's coverage feedback steers
//! the edits while every input stays close to a real WSDL — raw byte fuzzing
//! almost never gets past the XML parser into the resolver.

use quick_xml::events::Event;
use quick_xml::Reader;

/// One node of the raw tree.
#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    /// Text, CDATA, comments and processing instructions, exactly as written.
    Raw(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    /// Qualified name as written (`xs:element`).
    pub name: String,
    /// (qualified name, escaped value) as written, `xmlns` declarations included.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A parsed document: what comes before the root (declaration, comments) and the root.
#[derive(Debug, Clone)]
pub struct Tree {
    pub prolog: String,
    pub root: Element,
}

/// Read a well-formed seed document. `None` if it is not one (seeds are ours,
/// so this only guards against a broken seed file).
pub fn parse(text: &str) -> Option<Tree> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut prolog = String::new();
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    loop {
        let start = reader.buffer_position() as usize;
        let ev = reader.read_event().ok()?;
        let end = reader.buffer_position() as usize;
        let raw = text.get(start..end)?.to_string();
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).ok()?;
                let mut attrs = Vec::new();
                for a in e.attributes().with_checks(false) {
                    let a = a.ok()?;
                    attrs.push((
                        String::from_utf8(a.key.as_ref().to_vec()).ok()?,
                        String::from_utf8(a.value.to_vec()).ok()?,
                    ));
                }
                let el = Element {
                    name,
                    attrs,
                    children: Vec::new(),
                };
                if raw.ends_with("/>") {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(el)),
                        None => root = Some(el),
                    }
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop()?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Eof => break,
            _ => match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Raw(raw)),
                None if root.is_none() => prolog.push_str(&raw),
                None => {}
            },
        }
    }
    Some(Tree {
        prolog,
        root: root?,
    })
}

/// Write the tree back as XML text.
pub fn serialize(tree: &Tree) -> String {
    let mut out = tree.prolog.clone();
    write_element(&tree.root, &mut out);
    out
}

fn write_element(e: &Element, out: &mut String) {
    // Iterative so that a script that nests copies deeply cannot overflow the stack.
    enum Step<'a> {
        Open(&'a Element),
        Close(&'a str),
        Raw(&'a str),
    }
    let mut stack = vec![Step::Open(e)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Raw(r) => out.push_str(r),
            Step::Close(name) => {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            Step::Open(e) => {
                out.push('<');
                out.push_str(&e.name);
                for (k, v) in &e.attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    out.push_str(v);
                    out.push('"');
                }
                if e.children.is_empty() {
                    out.push_str("/>");
                    continue;
                }
                out.push('>');
                stack.push(Step::Close(&e.name));
                for c in e.children.iter().rev() {
                    stack.push(match c {
                        Node::Element(child) => Step::Open(child),
                        Node::Raw(r) => Step::Raw(r),
                    });
                }
            }
        }
    }
}

/// Names the edit scripts may rename elements to or put in attribute values:
/// the constructs whose interplay the resolver has to get right.
const ELEMENT_NAMES: &[&str] = &[
    "xs:element",
    "xs:complexType",
    "xs:simpleType",
    "xs:sequence",
    "xs:choice",
    "xs:all",
    "xs:group",
    "xs:attribute",
    "xs:attributeGroup",
    "xs:extension",
    "xs:restriction",
    "xs:complexContent",
    "xs:simpleContent",
    "xs:list",
    "xs:union",
    "xs:any",
    "xs:anyAttribute",
    "xs:enumeration",
    "xs:import",
    "xs:include",
    "xs:redefine",
    "xs:schema",
    "wsdl:message",
    "wsdl:part",
    "wsdl:operation",
    "wsdl:portType",
    "wsdl:binding",
    "wsdl:input",
    "wsdl:output",
    "wsdl:fault",
    "wsdl:service",
    "wsdl:port",
    "wsdl:types",
    "wsdl:import",
    "soap:binding",
    "soap:operation",
    "soap:body",
    "soap:header",
    "soap:fault",
    "soap12:body",
];

const ATTR_NAMES: &[&str] = &[
    "name",
    "type",
    "ref",
    "base",
    "element",
    "message",
    "binding",
    "minOccurs",
    "maxOccurs",
    "nillable",
    "abstract",
    "mixed",
    "use",
    "default",
    "fixed",
    "value",
    "itemType",
    "memberTypes",
    "substitutionGroup",
    "namespace",
    "schemaLocation",
    "location",
    "targetNamespace",
    "elementFormDefault",
    "style",
    "parts",
    "encodingStyle",
    "xmlns",
    "xmlns:tns",
    "xmlns:xs",
];

const VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "-1",
    "unbounded",
    "18446744073709551616",
    "true",
    "false",
    "tns:",
    ":x",
    "xs:string",
    "xs:anyType",
    "xs:int",
    "soapenc:Array",
    "nope:Thing",
    "tns:Self",
    "Self",
    "self",
    "type",
    "r#type",
    "1abc",
    "a-b",
    "a_b",
    "A B",
    "\u{e9}t\u{e9}",
    "http://www.w3.org/2001/XMLSchema",
    "http://schemas.xmlsoap.org/soap/encoding/",
    "urn:x",
    "#all",
    "rpc",
    "document",
    "encoded",
    "literal",
    "main.wsdl",
    "other.xsd",
    "https://example.com/remote.xsd",
    "&amp;",
    "&lt;",
];

/// A cursor over the script bytes.
struct Script<'a> {
    data: &'a [u8],
}

impl Script<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.data.split_first()?;
        self.data = rest;
        Some(b)
    }
    fn index(&mut self, len: usize) -> Option<usize> {
        if len == 0 {
            return None;
        }
        let hi = self.byte()? as usize;
        let lo = self.byte()? as usize;
        Some(((hi << 8) | lo) % len)
    }
    fn pick<'s>(&mut self, from: &[&'s str]) -> Option<&'s str> {
        let i = self.byte()? as usize % from.len();
        Some(from[i])
    }
}

/// Paths (child indexes from the root) of every element, in document order.
fn element_paths(root: &Element) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    let mut stack: Vec<(&Element, Vec<usize>)> = vec![(root, Vec::new())];
    while let Some((e, path)) = stack.pop() {
        for (i, c) in e.children.iter().enumerate().rev() {
            if let Node::Element(child) = c {
                let mut p = path.clone();
                p.push(i);
                out.push(p.clone());
                stack.push((child, p));
            }
        }
    }
    out
}

fn get_mut<'e>(root: &'e mut Element, path: &[usize]) -> Option<&'e mut Element> {
    let mut e = root;
    for &i in path {
        e = match e.children.get_mut(i)? {
            Node::Element(c) => c,
            Node::Raw(_) => return None,
        };
    }
    Some(e)
}

fn get<'e>(root: &'e Element, path: &[usize]) -> Option<&'e Element> {
    let mut e = root;
    for &i in path {
        e = match e.children.get(i)? {
            Node::Element(c) => c,
            Node::Raw(_) => return None,
        };
    }
    Some(e)
}

/// Most edits applied per input, and the largest tree they may build (so a
/// script of duplications cannot grow a seed exponentially).
const MAX_EDITS: usize = 64;
const MAX_ELEMENTS: usize = 4_000;

/// Apply the edit script `data` to `tree`.
pub fn apply(tree: &mut Tree, data: &[u8]) {
    let mut s = Script { data };
    for _ in 0..MAX_EDITS {
        let Some(op) = s.byte() else { return };
        let paths = element_paths(&tree.root);
        if paths.len() > MAX_ELEMENTS {
            return;
        }
        let Some(i) = s.index(paths.len()) else {
            return;
        };
        let path = paths[i].clone();
        match op % 12 {
            // Drop an element (not the root).
            0 => {
                if let Some((&last, parent)) = path.split_last() {
                    if let Some(p) = get_mut(&mut tree.root, parent) {
                        p.children.remove(last);
                    }
                }
            }
            // Duplicate an element next to itself.
            1 => {
                if let Some((&last, parent)) = path.split_last() {
                    if let Some(p) = get_mut(&mut tree.root, parent) {
                        let c = p.children[last].clone();
                        p.children.insert(last + 1, c);
                    }
                }
            }
            // Swap an element with its next sibling node.
            2 => {
                if let Some((&last, parent)) = path.split_last() {
                    if let Some(p) = get_mut(&mut tree.root, parent) {
                        if last + 1 < p.children.len() {
                            p.children.swap(last, last + 1);
                        }
                    }
                }
            }
            // Copy an element into another one as its first child.
            3 => {
                let Some(j) = s.index(paths.len()) else {
                    return;
                };
                if let Some(c) = get(&tree.root, &path).cloned() {
                    if let Some(target) = get_mut(&mut tree.root, &paths[j]) {
                        target.children.insert(0, Node::Element(c));
                    }
                }
            }
            // Rename an element.
            4 => {
                let Some(name) = s.pick(ELEMENT_NAMES) else {
                    return;
                };
                if let Some(e) = get_mut(&mut tree.root, &path) {
                    e.name = name.to_string();
                }
            }
            // Drop an attribute.
            5 => {
                let Some(k) = s.byte() else { return };
                if let Some(e) = get_mut(&mut tree.root, &path) {
                    if !e.attrs.is_empty() {
                        let k = k as usize % e.attrs.len();
                        e.attrs.remove(k);
                    }
                }
            }
            // Set an attribute (new or existing) to a dictionary value.
            6 => {
                let (Some(name), Some(value)) = (s.pick(ATTR_NAMES), s.pick(VALUES)) else {
                    return;
                };
                if let Some(e) = get_mut(&mut tree.root, &path) {
                    match e.attrs.iter_mut().find(|(k, _)| k == name) {
                        Some(a) => a.1 = value.to_string(),
                        None => e.attrs.push((name.to_string(), value.to_string())),
                    }
                }
            }
            // Copy an attribute value from another element (names that
            // exist elsewhere in the document make references resolve).
            7 => {
                let (Some(j), Some(k)) = (s.index(paths.len()), s.byte()) else {
                    return;
                };
                let Some(src) = get(&tree.root, &paths[j]) else {
                    continue;
                };
                if src.attrs.is_empty() {
                    continue;
                }
                let (_, v) = src.attrs[k as usize % src.attrs.len()].clone();
                let Some(name) = s.pick(ATTR_NAMES) else {
                    return;
                };
                if let Some(e) = get_mut(&mut tree.root, &path) {
                    match e.attrs.iter_mut().find(|(k, _)| k == name) {
                        Some(a) => a.1 = v,
                        None => e.attrs.push((name.to_string(), v)),
                    }
                }
            }
            // Duplicate an attribute (a well-formedness error).
            8 => {
                if let Some(e) = get_mut(&mut tree.root, &path) {
                    if let Some(a) = e.attrs.first().cloned() {
                        e.attrs.push(a);
                    }
                }
            }
            // Replace the children with raw text from the dictionary.
            9 => {
                let Some(v) = s.pick(VALUES) else { return };
                if let Some(e) = get_mut(&mut tree.root, &path) {
                    e.children = vec![Node::Raw(v.to_string())];
                }
            }
            // Move an element's children to its parent (flatten one level).
            10 => {
                if let Some((&last, parent)) = path.split_last() {
                    if let Some(p) = get_mut(&mut tree.root, parent) {
                        if let Node::Element(e) = p.children.remove(last) {
                            for (n, c) in e.children.into_iter().enumerate() {
                                p.children.insert(last + n, c);
                            }
                        }
                    }
                }
            }
            // Wrap an element in a copy of a dictionary element.
            _ => {
                let Some(name) = s.pick(ELEMENT_NAMES) else {
                    return;
                };
                if let Some((&last, parent)) = path.split_last() {
                    if let Some(p) = get_mut(&mut tree.root, parent) {
                        let inner = p.children.remove(last);
                        p.children.insert(
                            last,
                            Node::Element(Element {
                                name: name.to_string(),
                                attrs: Vec::new(),
                                children: vec![inner],
                            }),
                        );
                    }
                }
            }
        }
    }
}
