//! A small XML canonicaliser for round-trip comparison.
//!
//! Two documents are the same for the round trip when they have the same
//! element tree after these normalisations, which a schema-aware writer may
//! legitimately change:
//! - namespace prefixes and declarations (names compare as `{ns}local`;
//!   `xsi:type` values and other `prefix:local` values whose prefix is
//!   bound compare by their expanded name);
//! - attribute order;
//! - comments, processing instructions, the DOCTYPE, and whitespace-only
//!   text between elements; leading, trailing and repeated whitespace in
//!   text and attribute values;
//! - `xsi:schemaLocation` / `xsi:noNamespaceSchemaLocation` hints (the
//!   generated types have nowhere to keep them) and `xsi:nil="false"`;
//! - the lexical form of a value when both sides read as the same boolean
//!   (`1`/`true`) or the same number (`1.0`/`1`, `1E2`/`100`, equal as
//!   doubles or as floats), or the
//!   same hexBinary (case) or base64Binary (inner whitespace).

use std::fmt::Write as _;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// One line of the canonical form: an element start, an attribute, a text
/// node or an element end, at a depth.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Start(String),
    Attr(String, String),
    Text(String),
    End,
}

/// The canonical form of `xml` (DTDs allowed: XSTS instances carry some).
pub fn canonical(xml: &str) -> Result<Vec<Item>, String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    element(doc.root_element(), &mut out, false);
    Ok(out)
}

/// Like [`canonical`], with every element's children sorted: documents
/// that differ only in sibling order (as `xs:all` content written back in
/// declaration order does) have the same sorted form.
fn canonical_sorted(xml: &str) -> Option<Vec<Item>> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, opts).ok()?;
    let mut out = Vec::new();
    element(doc.root_element(), &mut out, true);
    Some(out)
}

fn expanded(ns: Option<&str>, local: &str) -> String {
    match ns {
        Some(ns) if !ns.is_empty() => format!("{{{ns}}}{local}"),
        _ => local.to_string(),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `prefix:local` (or `local`, for `xsi:type`) resolved against the
/// element's in-scope namespaces; other text is only collapsed.
fn value(node: roxmltree::Node, raw: &str, always_qname: bool) -> String {
    let v = collapse(raw);
    let (prefix, local) = match v.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None if always_qname => (None, v.as_str()),
        None => return v,
    };
    let is_name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    if !is_name(local) || prefix.is_some_and(|p| !is_name(p)) {
        return v;
    }
    match node.lookup_namespace_uri(prefix) {
        Some(ns) => expanded(Some(ns), local),
        None => v,
    }
}

fn element(node: roxmltree::Node, out: &mut Vec<Item>, sorted: bool) {
    out.push(Item::Start(expanded(
        node.tag_name().namespace(),
        node.tag_name().name(),
    )));
    let mut attrs: Vec<(String, String)> = node
        .attributes()
        .filter(|a| {
            // Location hints, and `xsi:nil="false"` (the same as no xsi:nil).
            !(a.namespace() == Some(XSI)
                && (matches!(a.name(), "schemaLocation" | "noNamespaceSchemaLocation")
                    || (a.name() == "nil" && bool_value(a.value().trim()) == Some(false))))
        })
        .map(|a| {
            let xsi_type = a.namespace() == Some(XSI) && a.name() == "type";
            let mut v = value(node, a.value(), xsi_type);
            if a.namespace() == Some(XSI) && a.name() == "nil" {
                v = bool_value(&v).map_or(v, |b| b.to_string());
            }
            (expanded(a.namespace(), a.name()), v)
        })
        .collect();
    attrs.sort();
    out.extend(attrs.into_iter().map(|(n, v)| Item::Attr(n, v)));
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Item>| {
        let t = value(node, text, false);
        if !t.is_empty() {
            out.push(Item::Text(t));
        }
        text.clear();
    };
    let mut children: Vec<Vec<Item>> = Vec::new();
    for c in node.children() {
        if c.is_text() {
            text.push_str(c.text().unwrap_or(""));
        } else if c.is_element() {
            if sorted {
                let mut sub = Vec::new();
                element(c, &mut sub, true);
                children.push(sub);
            } else {
                flush(&mut text, out);
                element(c, out, false);
            }
        }
    }
    children.sort_by_cached_key(|c| format!("{c:?}"));
    out.extend(children.into_iter().flatten());
    // Whitespace-only text between elements is dropped by `flush` (it
    // collapses to nothing); text beside elements (mixed content) stays.
    flush(&mut text, out);
    out.push(Item::End);
}

fn bool_value(s: &str) -> Option<bool> {
    match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Two values are the same when equal as text, or as booleans, or as
/// numbers.
fn same_value(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if let (Some(x), Some(y)) = (bool_value(a), bool_value(b)) {
        return x == y;
    }
    // hexBinary: the canonical form is upper case.
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_hexdigit());
    if hex(a) && hex(b) && a.eq_ignore_ascii_case(b) {
        return true;
    }
    // base64Binary: line breaks inside the value are insignificant.
    let b64 = |s: &str| {
        s.len() >= 4
            && s.bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"+/= ".contains(&c))
    };
    if b64(a) && b64(b) && a.replace(' ', "") == b.replace(' ', "") {
        return true;
    }
    let num = |s: &str| -> Option<f64> {
        let s = s.strip_prefix('+').unwrap_or(s);
        match s {
            "INF" => Some(f64::INFINITY),
            "-INF" => Some(f64::NEG_INFINITY),
            _ if s.chars().all(|c| c.is_ascii_digit() || "-.eE+".contains(c)) => s.parse().ok(),
            _ => None,
        }
    };
    // Equal as doubles, or as floats: an xs:float written back from its
    // f32 value has fewer digits than a long input literal.
    matches!((num(a), num(b)), (Some(x), Some(y)) if x == y || (x as f32) == (y as f32))
}

fn same_item(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::Attr(n1, v1), Item::Attr(n2, v2)) => n1 == n2 && same_value(v1, v2),
        (Item::Text(t1), Item::Text(t2)) => same_value(t1, t2),
        _ => a == b,
    }
}

fn show(item: Option<&Item>) -> String {
    match item {
        None => "end of document".to_string(),
        Some(Item::Start(n)) => format!("<{n}>"),
        Some(Item::Attr(n, v)) => format!("@{n}=\"{v}\""),
        Some(Item::Text(t)) => {
            let mut s = String::new();
            let _ = write!(s, "text \"{}\"", t.chars().take(60).collect::<String>());
            s
        }
        Some(Item::End) => "end tag".to_string(),
    }
}

/// What kind of difference the first one is (a report category).
fn kind_of(x: Option<&Item>, y: Option<&Item>) -> &'static str {
    let is_xsi_type = |i: Option<&Item>| matches!(i, Some(Item::Attr(n, _)) if n == "{http://www.w3.org/2001/XMLSchema-instance}type");
    match (x, y) {
        _ if is_xsi_type(x) && !is_xsi_type(y) => "drops xsi:type",
        _ if is_xsi_type(y) && !is_xsi_type(x) => "adds xsi:type",
        (Some(Item::Attr(n1, _)), Some(Item::Attr(n2, _))) if n1 == n2 => "changes a value",
        (Some(Item::Text(_)), Some(Item::Text(_))) => "changes a value",
        (Some(Item::Attr(..)), _) => "drops an attribute",
        (_, Some(Item::Attr(..))) => "adds an attribute",
        (Some(Item::Text(_)), _) => "drops text",
        (_, Some(Item::Text(_))) => "adds text",
        _ => "changes the element structure",
    }
}

/// Compares two documents; `Err` gives the kind of the first difference
/// and describes it (`at /path: expected …, written …`), or a parse error
/// of either side.
pub fn compare(input: &str, written: &str) -> Result<(), (&'static str, String)> {
    let a = canonical(input).map_err(|e| ("input does not parse", e))?;
    let b = canonical(written).map_err(|e| ("written XML does not parse", e))?;
    let n = a.len().max(b.len());
    for i in 0..n {
        let (x, y) = (a.get(i), b.get(i));
        let same = matches!((x, y), (Some(x), Some(y)) if same_item(x, y));
        if !same {
            let reordered = matches!(
                (canonical_sorted(input), canonical_sorted(written)),
                (Some(x), Some(y)) if x.len() == y.len()
                    && x.iter().zip(&y).all(|(p, q)| same_item(p, q))
            );
            // The element path helps reading the report.
            let mut path = Vec::new();
            for item in &a[..i.min(a.len())] {
                match item {
                    Item::Start(n) => path.push(n.as_str()),
                    Item::End => {
                        path.pop();
                    }
                    _ => {}
                }
            }
            return Err((
                if reordered {
                    "reorders sibling elements"
                } else {
                    kind_of(x, y)
                },
                format!(
                    "at /{}: expected {}, written {}",
                    path.join("/"),
                    show(x),
                    show(y)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_attribute_order_and_whitespace_do_not_matter() {
        let a = r#"<?xml version="1.0"?><!-- c --><p:r xmlns:p="urn:a" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="urn:a a.xsd" b="2" a=" x  y ">
              <p:c xsi:type="p:T">  1.0 </p:c><d>true</d></p:r>"#;
        let b = r#"<ns0:r xmlns:ns0="urn:a" a="x y" b="2"><ns0:c xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:a" xsi:type="q:T">1</ns0:c><d>1</d></ns0:r>"#;
        assert_eq!(compare(a, b), Ok(()));
    }

    #[test]
    fn differences_are_reported_with_their_path() {
        let a = r#"<r xmlns="urn:a"><c>1</c><c>2</c></r>"#;
        let err = compare(a, r#"<r xmlns="urn:a"><c>1</c></r>"#).unwrap_err();
        assert_eq!(
            err,
            (
                "changes the element structure",
                "at /{urn:a}r: expected <{urn:a}c>, written end tag".to_string()
            )
        );
        let err = compare(a, r#"<r xmlns="urn:b"><c>1</c><c>2</c></r>"#).unwrap_err();
        assert!(
            err.1.contains("expected <{urn:a}r>, written <{urn:b}r>"),
            "{err:?}"
        );
        let err = compare("<r a='1'/>", "<r/>").unwrap_err();
        assert_eq!(err.0, "drops an attribute");
        assert!(err.1.contains("expected @a=\"1\""), "{err:?}");
        let xsi = r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="T"/>"#;
        assert_eq!(compare(xsi, "<r/>").unwrap_err().0, "drops xsi:type");
        assert_eq!(
            compare("<r>1</r>", "<r>2</r>").unwrap_err().0,
            "changes a value"
        );
        assert!(compare("<r>a b</r>", "<r>ab</r>").is_err());
        assert!(compare("<r>0aff</r>", "<r>0AFF</r>").is_ok());
        assert!(compare("<r>1267.43233E12</r>", "<r>1267432400000000</r>").is_ok());
        let nil =
            r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false">a</r>"#;
        assert!(compare(nil, "<r>a</r>").is_ok());
        assert!(compare("<r>aGVs\n bG8=</r>", "<r>aGVsbG8=</r>").is_ok());
        assert!(compare("<r>abcd</r>", "<r>abce</r>").is_err());
        assert_eq!(
            compare("<r>", "<r/>").unwrap_err().0,
            "input does not parse"
        );
    }

    #[test]
    fn reordered_siblings_are_told_apart() {
        let err = compare("<r><a>1</a><b/></r>", "<r><b/><a>1</a></r>").unwrap_err();
        assert_eq!(err.0, "reorders sibling elements");
        let err = compare("<r><a>1</a><b/></r>", "<r><b/><a>2</a></r>").unwrap_err();
        assert_eq!(err.0, "changes the element structure");
    }

    #[test]
    fn mixed_content_text_is_kept() {
        assert!(compare("<r>a<b/>c</r>", "<r><b/>c</r>").is_err());
        assert_eq!(compare("<r>a<b/>c</r>", "<r> a <b/>c\n</r>"), Ok(()));
    }
}
