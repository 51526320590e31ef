//! OASIS XML Catalogs (subset): `uri`, `system`, `rewriteURI`,
//! `rewriteSystem` and `nextCatalog`. Enough to map the absolute
//! schemaLocation URLs of real WSDLs to local copies.

use crate::error::{Error, ErrorKind, Result};
use crate::location::Location;
use crate::paths::{is_absolute_uri, join_location};
use std::path::Path;
use std::sync::Arc;

const CATALOG_NS: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// `uri` entries: name -> target (targets already resolved against the catalog file).
    uris: Vec<(String, String)>,
    systems: Vec<(String, String)>,
    rewrite_uris: Vec<(String, String)>,
    rewrite_systems: Vec<(String, String)>,
}

impl Catalog {
    /// Read a catalog file (and the `nextCatalog`s it names).
    pub fn load(path: &Path) -> Result<Catalog> {
        let mut cat = Catalog::default();
        let mut queue = vec![path.to_path_buf()];
        let mut seen = Vec::new();
        while let Some(p) = queue.pop() {
            if seen.contains(&p) || seen.len() > 64 {
                continue;
            }
            seen.push(p.clone());
            let file: Arc<str> = Arc::from(p.display().to_string());
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Error::new(
                    ErrorKind::Catalog,
                    format!("cannot read XML catalog: {e}"),
                    Some(Location::file(&file)),
                )
            })?;
            let opts = roxmltree::ParsingOptions {
                allow_dtd: false,
                nodes_limit: 1_000_000,
            };
            let doc = roxmltree::Document::parse_with_options(&text, opts).map_err(|e| {
                Error::new(
                    ErrorKind::Catalog,
                    format!("malformed XML catalog: {e}"),
                    Some(Location::file(&file)),
                )
            })?;
            let base = p.display().to_string();
            for n in doc
                .descendants()
                .filter(|n| n.is_element() && n.tag_name().namespace() == Some(CATALOG_NS))
            {
                let target = |attr: &str| n.attribute(attr).map(|v| join_location(&base, v));
                match n.tag_name().name() {
                    "uri" => {
                        if let (Some(k), Some(v)) = (n.attribute("name"), target("uri")) {
                            cat.uris.push((k.to_string(), v));
                        }
                    }
                    "system" => {
                        if let (Some(k), Some(v)) = (n.attribute("systemId"), target("uri")) {
                            cat.systems.push((k.to_string(), v));
                        }
                    }
                    "rewriteURI" => {
                        if let (Some(k), Some(v)) =
                            (n.attribute("uriStartString"), target("rewritePrefix"))
                        {
                            cat.rewrite_uris.push((k.to_string(), v));
                        }
                    }
                    "rewriteSystem" => {
                        if let (Some(k), Some(v)) =
                            (n.attribute("systemIdStartString"), target("rewritePrefix"))
                        {
                            cat.rewrite_systems.push((k.to_string(), v));
                        }
                    }
                    "nextCatalog" => {
                        if let Some(v) = target("catalog") {
                            queue.push(v.into());
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(cat)
    }

    /// Map a URI (schemaLocation or namespace) to a local target.
    /// Exact entries win over rewrites; the longest rewrite prefix wins.
    pub fn lookup(&self, uri: &str) -> Option<String> {
        for (k, v) in self.uris.iter().chain(&self.systems) {
            if k == uri {
                return Some(v.clone());
            }
        }
        let mut best: Option<(&str, &str)> = None;
        for (k, v) in self.rewrite_uris.iter().chain(&self.rewrite_systems) {
            if uri.starts_with(k.as_str()) && best.is_none_or(|(b, _)| k.len() > b.len()) {
                best = Some((k, v));
            }
        }
        best.map(|(k, v)| {
            let rest = &uri[k.len()..];
            if is_absolute_uri(v) || v.ends_with('/') {
                format!("{v}{rest}")
            } else {
                format!("{v}/{rest}")
            }
        })
    }
}
