//! WSDL → standalone XSD files, for generators that read only XML Schema
//! (xsd-parser).
//!
//! Every `wsdl:types/xs:schema` of every WSDL document of a load (the entry
//! and its `wsdl:import`s, as soapgen-parser found them) is written as its
//! own file. An inline schema leans on its WSDL: prefixes declared on
//! `wsdl:definitions`, `schemaLocation`s relative to the WSDL's folder,
//! namespaces that soapgen maps through the catalog. So the copy declares
//! every namespace in scope on its root element and carries absolute
//! `schemaLocation`s (catalog targets filled in where the import had none).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const XS: &str = "http://www.w3.org/2001/XMLSchema";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Well-known namespaces that WSDLs import without a `schemaLocation`
/// (mirrors `fixtures/corpus/_wellknown/catalog.xml`).
fn well_known(root: &Path) -> BTreeMap<&'static str, PathBuf> {
    let dir = root.join("fixtures/corpus/_wellknown");
    BTreeMap::from([
        (
            "http://schemas.xmlsoap.org/soap/encoding/",
            dir.join("soap-encoding.xsd"),
        ),
        ("http://www.w3.org/2001/xml.xsd", dir.join("xml.xsd")),
        ("https://www.w3.org/2001/xml.xsd", dir.join("xml.xsd")),
        (XML_NS, dir.join("xml.xsd")),
    ])
}

/// What [`extract`] wrote.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The schema files to hand to the XSD-only generator (inline schemas of
    /// the WSDLs; or the entry itself when it is an XSD).
    pub files: Vec<PathBuf>,
}

/// Extracts the inline schemas of the WSDL documents `documents` (paths, as
/// in `Ir::documents`) into `out_dir`.
pub fn extract(root: &Path, documents: &[String], out_dir: &Path) -> Result<Extracted, String> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let known = well_known(root);
    let mut out = Extracted::default();
    for doc in documents {
        let path = Path::new(doc);
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // bundled or in-memory documents have no file
        };
        let xml = roxmltree::Document::parse_with_options(
            &text,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .map_err(|e| format!("{doc}: {e}"))?;
        let root_el = xml.root_element();
        if root_el.tag_name().name() == "schema" && root_el.tag_name().namespace() == Some(XS) {
            // Standalone XSDs are reached through the (absolute) imports of
            // the inline schemas; only an XSD entry is passed on its own.
            if out.files.is_empty() && documents.first() == Some(doc) {
                out.files.push(path.to_path_buf());
            }
            continue;
        }
        let base = path.parent().unwrap_or(Path::new("."));
        for schema in root_el
            .children()
            .filter(|n| n.has_tag_name("types"))
            .flat_map(|t| t.children())
            .filter(|n| n.tag_name().namespace() == Some(XS) && n.tag_name().name() == "schema")
        {
            let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            write_element(&mut s, schema, None, base, &known);
            let file = out_dir.join(format!("schema{:03}.xsd", out.files.len()));
            std::fs::write(&file, s).map_err(|e| format!("{}: {e}", file.display()))?;
            out.files.push(file);
        }
    }
    // Standalone schemas import the `xml:` namespace without a location
    // (soapgen maps it through the catalog); xsd-parser needs the file.
    let uses_xml_ns = documents.iter().any(|d| {
        std::fs::read_to_string(d).is_ok_and(|t| t.contains(XML_NS) && t.contains("import"))
    });
    if uses_xml_ns && !out.files.is_empty() {
        if let Some(file) = known.get(XML_NS) {
            out.files.push(file.clone());
        }
    }
    Ok(out)
}

fn escape(s: &str, out: &mut String, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

fn qualified(node: roxmltree::Node, ns: Option<&str>, local: &str, attr: bool) -> String {
    let prefix = match ns {
        Some(XML_NS) => Some("xml"),
        Some(ns) => {
            // An unprefixed attribute has no namespace, so a namespaced one
            // needs a real prefix even where the namespace is the default.
            let p = node.lookup_prefix(ns);
            if attr && p.is_none() {
                node.namespaces()
                    .find(|n| n.uri() == ns && n.name().is_some())
                    .and_then(|n| n.name())
            } else {
                p
            }
        }
        None => None,
    };
    match prefix {
        Some(p) if !p.is_empty() => format!("{p}:{local}"),
        _ => local.to_string(),
    }
}

fn write_element(
    out: &mut String,
    node: roxmltree::Node,
    parent: Option<roxmltree::Node>,
    base: &Path,
    known: &BTreeMap<&'static str, PathBuf>,
) {
    let name = qualified(
        node,
        node.tag_name().namespace(),
        node.tag_name().name(),
        false,
    );
    out.push('<');
    out.push_str(&name);
    // Namespace declarations: all in scope at the copied root, and at
    // descendants those that differ from the parent.
    for ns in node.namespaces() {
        let inherited = parent.is_some_and(|p| {
            p.namespaces()
                .any(|q| q.name() == ns.name() && q.uri() == ns.uri())
        });
        if inherited || ns.uri() == XML_NS {
            continue;
        }
        match ns.name() {
            Some(p) => {
                let _ = write!(out, " xmlns:{p}=\"");
            }
            None => out.push_str(" xmlns=\""),
        }
        escape(ns.uri(), out, true);
        out.push('"');
    }
    let is_ref = matches!(
        node.tag_name().name(),
        "import" | "include" | "redefine" | "override"
    ) && node.tag_name().namespace() == Some(XS);
    let mut has_location = false;
    for a in node.attributes() {
        let mut value = a.value().to_string();
        if is_ref && a.name() == "schemaLocation" && a.namespace().is_none() {
            has_location = true;
            value = absolute_location(&value, base, known);
        }
        let _ = write!(
            out,
            " {}=\"",
            qualified(node, a.namespace(), a.name(), true)
        );
        escape(&value, out, true);
        out.push('"');
    }
    if is_ref && !has_location {
        if let Some(file) = node.attribute("namespace").and_then(|ns| known.get(ns)) {
            out.push_str(" schemaLocation=\"");
            escape(&file.display().to_string(), out, true);
            out.push('"');
        }
    }
    let children: Vec<_> = node
        .children()
        .filter(|c| c.is_element() || c.is_text())
        .collect();
    if children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in children {
        if c.is_element() {
            write_element(out, c, Some(node), base, known);
        } else if let Some(t) = c.text() {
            escape(t, out, false);
        }
    }
    let _ = write!(out, "</{name}>");
}

/// An absolute path for a `schemaLocation` (relative to the WSDL's folder),
/// a catalog file for a well-known URL, anything else unchanged.
fn absolute_location(loc: &str, base: &Path, known: &BTreeMap<&'static str, PathBuf>) -> String {
    if let Some(file) = known.get(loc) {
        return file.display().to_string();
    }
    if loc.contains("://") {
        return loc.to_string();
    }
    let p = base.join(loc);
    std::fs::canonicalize(&p).unwrap_or(p).display().to_string()
}
