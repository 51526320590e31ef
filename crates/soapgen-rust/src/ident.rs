//! Turning XML names into Rust identifiers: case conversion (heck), keyword
//! escaping and deterministic collision resolution.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers: a `_` is appended instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names of the prelude's tuple constructors: a generated tuple struct of
/// that name would shadow them in the generated code's expressions.
const RESERVED_TYPES: &[&str] = &["Some", "None", "Ok", "Err", "Self"];

/// Keeps only characters valid in identifiers (heck already splits words).
/// "Valid" is Rust's rule (Unicode XID), not `char::is_alphanumeric`: some
/// letters, such as Thai U+0E33, are alphanumeric but not XID and would make
/// `Ident::new` panic.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '_' || unicode_ident::is_xid_continue(c))
        .collect()
}

/// True when `s` cannot start an identifier as it is (a digit or another
/// XID_Continue-only character comes first).
fn needs_prefix(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c != '_' && !unicode_ident::is_xid_start(c))
}

/// `UpperCamelCase` type or variant name; never empty, never a keyword.
pub fn type_name(xml: &str) -> String {
    let mut s = clean(&xml.to_upper_camel_case());
    if s.is_empty() {
        s.push_str("Unnamed");
    }
    if needs_prefix(&s) {
        s.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `snake_case` field or module name (keywords are escaped by [`ident`]).
pub fn field_name(xml: &str) -> String {
    let mut s = clean(&xml.to_snake_case());
    if s.is_empty() {
        s.push_str("value");
    }
    if needs_prefix(&s) {
        s.insert(0, 'n');
    }
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn ident(s: &str) -> Ident {
    if KEYWORDS.contains(&s) {
        Ident::new_raw(s, Span::call_site())
    } else {
        Ident::new(s, Span::call_site())
    }
}

/// Returns `base`, or `base2`, `base3`... — the first one not yet taken —
/// and marks it taken. Case-insensitive, so that `Foo` and `foo` (which map
/// to the same file name on some systems and confuse readers) never coexist.
pub fn unique(taken: &mut BTreeSet<String>, base: String, sep: &str) -> String {
    if taken.insert(base.to_lowercase()) {
        return base;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{base}{sep}{n}");
        if taken.insert(candidate.to_lowercase()) {
            return candidate;
        }
        n += 1;
    }
}

/// A module name for a namespace URI: the host (without `www.`) and path
/// segments, last three, in snake case (`http://tempuri.org/` -> `tempuri_org`).
pub fn module_name(ns: &str) -> String {
    if ns.is_empty() {
        return "no_namespace".to_string();
    }
    let rest = match ns.find("://") {
        Some(i) => &ns[i + 3..],
        None => ns.strip_prefix("urn:").unwrap_or(ns),
    };
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let parts: Vec<String> = rest
        .split(['/', ':', '#', '?', '='])
        .map(|p| p.replace('.', "_"))
        .map(|p| field_name(&p))
        .filter(|p| !p.is_empty() && p != "value")
        .collect();
    let start = parts.len().saturating_sub(3);
    let joined = parts[start..].join("_");
    let s = field_name(&joined);
    if KEYWORDS.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// Normalises documentation text for a doc comment: whitespace inside a
/// paragraph collapsed (so Markdown sees no accidental lists or code blocks),
/// paragraphs kept.
pub fn doc_text(doc: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in doc.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|p| escape_markdown(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Escapes what rustdoc would read as links, HTML or code.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '[' | ']' | '<' | '>' | '`' | '*' | '_' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("input_Method"), "InputMethod");
        assert_eq!(type_name("3dSecure"), "T3dSecure");
        assert_eq!(type_name("Some"), "Some_");
        assert_eq!(field_name("type"), "type");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("CountryISOCode"), "country_iso_code");
        assert_eq!(module_name("http://tempuri.org/"), "tempuri_org");
        assert_eq!(
            module_name("https://soap.copernica.com/"),
            "soap_copernica_com"
        );
        assert_eq!(
            module_name("urn:ebay:apis:eBLBaseComponents"),
            "ebay_apis_e_bl_base_components"
        );
        let mut taken = BTreeSet::new();
        assert_eq!(unique(&mut taken, "Foo".into(), ""), "Foo");
        assert_eq!(unique(&mut taken, "foo".into(), ""), "foo2");
    }

    /// XSTS ST_facets00401m13 / AD_name00104m13: names starting with a
    /// character that is alphanumeric but cannot start an identifier used to
    /// make `Ident::new` panic.
    #[test]
    fn non_xid_start_characters_become_valid_identifiers() {
        for xml in ["\u{e33}62", "\u{e33}", "\u{300}a", "٣x", "Ωmega", "naïve"] {
            let t = type_name(xml);
            let f = field_name(xml);
            assert!(syn::parse_str::<syn::Ident>(&t).is_ok(), "{xml:?} -> {t:?}");
            assert!(syn::parse_str::<syn::Ident>(&f).is_ok(), "{xml:?} -> {f:?}");
            let _ = ident(&t);
            let _ = ident(&f);
        }
    }
}
