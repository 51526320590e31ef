//! The one options struct every front end fills in.
//!
//! build.rs (through [`crate::Builder`]), `include_wsdl!` (through
//! [`Config::set`]) and the CLI (through its flags, named like the keys
//! of [`Config::set`]) all end in [`crate::generate_string`] with a
//! [`Config`], so equal options give byte-identical output by construction.

use std::collections::BTreeMap;
use std::path::PathBuf;

use soapgen_ir::prune::Filter;
use soapgen_ir::QName;

use crate::Error;

/// How generated items are laid out in modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One module per target namespace (`tempuri_org::Add`).
    #[default]
    PerNamespace,
    /// All items at the root; name clashes across namespaces get suffixes.
    Flat,
}

impl Layout {
    /// The option spellings: `per-namespace`, `flat`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "per-namespace" => Ok(Layout::PerNamespace),
            "flat" => Ok(Layout::Flat),
            _ => Err(Error::option(format!(
                "layout `{s}`: expected `per-namespace` or `flat`"
            ))),
        }
    }
}

/// What generated readers do with a child element the schema does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownElements {
    /// Fail (unless the reader's `skip_unknown` flag is set at run time).
    #[default]
    Error,
    /// Always skip them (servers add elements over time).
    Skip,
}

impl UnknownElements {
    /// The option spellings: `error`, `skip`.
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "error" => Ok(UnknownElements::Error),
            "skip" => Ok(UnknownElements::Skip),
            _ => Err(Error::option(format!(
                "unknown-elements `{s}`: expected `error` or `skip`"
            ))),
        }
    }
}

/// What to generate and how: everything except where the input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Generate SOAP clients for the selected ports.
    pub client: bool,
    /// Generate server skeletons.
    pub server: bool,
    /// Generated clients are blocking instead of async.
    pub blocking: bool,
    pub layout: Layout,
    pub unknown_elements: UnknownElements,
    /// Give enumerations an `Unknown(String)` catch-all variant.
    pub enum_unknown_variant: bool,
    /// Extra derives for every generated type (`serde::Serialize`).
    pub derives: Vec<String>,
    /// XSD type → Rust type path used instead of generating the type.
    pub type_overrides: BTreeMap<QName, String>,
    /// Path of the runtime crate in generated code.
    pub runtime_path: String,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        // The emitter's defaults, so that a default Config generates what
        // `soapgen_rust::generate` does with default options.
        let rust = soapgen_rust::Options::default();
        GenerateOptions {
            client: rust.client,
            server: rust.server,
            blocking: rust.blocking,
            layout: Layout::default(),
            unknown_elements: UnknownElements::default(),
            enum_unknown_variant: rust.enum_unknown_variant,
            derives: Vec::new(),
            type_overrides: BTreeMap::new(),
            runtime_path: rust.runtime_path,
        }
    }
}

impl GenerateOptions {
    /// The emitter's options. Every field of `self` is mapped here and
    /// nowhere else; fields the emitter adds later keep its defaults.
    // Assigning onto a default (rather than a struct literal) keeps this
    // crate compiling while the emitter grows new options.
    #[allow(clippy::field_reassign_with_default)]
    pub fn to_rust(&self) -> soapgen_rust::Options {
        let mut o = soapgen_rust::Options::default();
        o.layout = match self.layout {
            Layout::PerNamespace => soapgen_rust::ModuleLayout::PerNamespace,
            Layout::Flat => soapgen_rust::ModuleLayout::Flat,
        };
        o.unknown_elements = match self.unknown_elements {
            UnknownElements::Error => soapgen_rust::UnknownElements::Error,
            UnknownElements::Skip => soapgen_rust::UnknownElements::Skip,
        };
        o.enum_unknown_variant = self.enum_unknown_variant;
        o.extra_derives = self.derives.clone();
        o.type_overrides = self.type_overrides.clone();
        o.runtime_path = self.runtime_path.clone();
        o.client = self.client;
        o.server = self.server;
        o.blocking = self.blocking;
        o
    }
}

/// Input plus options: everything [`crate::generate_string`] needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The entry WSDL or XSD (relative paths resolve against the current
    /// directory: the package directory in build.rs).
    pub wsdl: PathBuf,
    /// OASIS XML catalogs mapping remote locations to local files.
    pub catalogs: Vec<PathBuf>,
    /// Accept an internal DTD subset (entities expanded with guards).
    pub allow_dtd: bool,
    /// Restrict to these services/ports/operations and what they reach.
    pub filter: Filter,
    pub options: GenerateOptions,
}

/// A value given to [`Config::set`]: what `key = value` can hold in the macro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    Bool(bool),
    Str(String),
    List(Vec<String>),
    /// `type_overrides = { "{ns}Name" = "path::Type", ... }`
    Map(Vec<(String, String)>),
}

impl OptionValue {
    fn kind(&self) -> &'static str {
        match self {
            OptionValue::Bool(_) => "a boolean",
            OptionValue::Str(_) => "a string",
            OptionValue::List(_) => "a list of strings",
            OptionValue::Map(_) => "a map",
        }
    }
}

/// The option keys [`Config::set`] accepts (macro spelling; the CLI uses
/// the same words with `-` for `_`).
pub const OPTION_KEYS: &[&str] = &[
    "catalog",
    "allow_dtd",
    "services",
    "ports",
    "operations",
    "types_only",
    "client",
    "server",
    "blocking",
    "layout",
    "unknown_elements",
    "enum_unknown_variant",
    "derive",
    "type_overrides",
    "runtime",
];

impl Config {
    /// A config for `wsdl` with default options.
    pub fn new(wsdl: impl Into<PathBuf>) -> Self {
        Config {
            wsdl: wsdl.into(),
            ..Default::default()
        }
    }

    /// Sets one option by name. Lists append (so `derive` may be repeated);
    /// an unknown key or a value of the wrong kind is an
    /// [`Error::InvalidOption`] naming the accepted keys.
    pub fn set(&mut self, key: &str, value: OptionValue) -> Result<(), Error> {
        let o = &mut self.options;
        match (key, value) {
            ("catalog", OptionValue::Str(s)) => self.catalogs.push(s.into()),
            ("catalog", OptionValue::List(l)) => {
                self.catalogs.extend(l.into_iter().map(Into::into))
            }
            ("allow_dtd", OptionValue::Bool(b)) => self.allow_dtd = b,
            ("services", OptionValue::List(l)) => self.filter.services.extend(l),
            ("ports", OptionValue::List(l)) => self.filter.ports.extend(l),
            ("operations", OptionValue::List(l)) => self.filter.operations.extend(l),
            ("types_only", OptionValue::Bool(b)) => {
                if b {
                    o.client = false;
                    o.server = false;
                }
            }
            ("client", OptionValue::Bool(b)) => o.client = b,
            ("server", OptionValue::Bool(b)) => o.server = b,
            ("blocking", OptionValue::Bool(b)) => o.blocking = b,
            ("layout", OptionValue::Str(s)) => o.layout = Layout::parse(&s)?,
            ("unknown_elements", OptionValue::Str(s)) => {
                o.unknown_elements = UnknownElements::parse(&s)?
            }
            ("enum_unknown_variant", OptionValue::Bool(b)) => o.enum_unknown_variant = b,
            ("derive", OptionValue::Str(s)) => o.derives.push(s),
            ("derive", OptionValue::List(l)) => o.derives.extend(l),
            ("type_overrides", OptionValue::Map(m)) => {
                for (k, v) in m {
                    o.type_overrides.insert(parse_qname(&k)?, v);
                }
            }
            ("runtime", OptionValue::Str(s)) => o.runtime_path = s,
            (key, value) if OPTION_KEYS.contains(&key) => {
                return Err(Error::option(format!(
                    "option `{key}` does not take {}",
                    value.kind()
                )))
            }
            (key, _) => {
                return Err(Error::option(format!(
                    "unknown option `{key}`; expected one of: {}",
                    OPTION_KEYS.join(", ")
                )))
            }
        }
        Ok(())
    }
}

/// Parses `{namespace}local` (Clark notation) or a bare `local` (no namespace).
pub fn parse_qname(s: &str) -> Result<QName, Error> {
    let bad = || {
        Error::option(format!(
            "type name `{s}`: expected `{{namespace}}LocalName` or `LocalName`"
        ))
    };
    let (ns, local) = match s.strip_prefix('{') {
        Some(rest) => rest.split_once('}').ok_or_else(bad)?,
        None => ("", s),
    };
    if local.is_empty() || local.contains(['{', '}', ' ', ':']) {
        return Err(bad());
    }
    Ok(QName::new(ns, local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qnames_parse_in_clark_notation() {
        assert_eq!(
            parse_qname("{http://tempuri.org/}Add").unwrap(),
            QName::new("http://tempuri.org/", "Add")
        );
        assert_eq!(parse_qname("Add").unwrap(), QName::new("", "Add"));
        assert!(parse_qname("{http://x/Add").is_err());
        assert!(parse_qname("{http://x/}").is_err());
    }

    #[test]
    fn set_accepts_known_keys_and_names_them_on_error() {
        let mut c = Config::new("x.wsdl");
        c.set("operations", OptionValue::List(vec!["Add".into()]))
            .unwrap();
        c.set("types_only", OptionValue::Bool(true)).unwrap();
        c.set("layout", OptionValue::Str("flat".into())).unwrap();
        assert_eq!(c.filter.operations, ["Add"]);
        assert!(!c.options.client && !c.options.server);
        assert_eq!(c.options.layout, Layout::Flat);

        let e = c.set("operation", OptionValue::List(vec![])).unwrap_err();
        assert!(e.to_string().contains("unknown option `operation`"), "{e}");
        assert!(e.to_string().contains("operations"), "{e}");
        let e = c.set("client", OptionValue::Str("yes".into())).unwrap_err();
        assert!(e.to_string().contains("does not take a string"), "{e}");
        let e = c
            .set("layout", OptionValue::Str("nested".into()))
            .unwrap_err();
        assert!(e.to_string().contains("per-namespace"), "{e}");
    }
}
