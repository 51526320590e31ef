//! The inputs: the Copernica WSDL, the five largest corpus services and the
//! whole corpus as listed in `fixtures/corpus/MANIFEST.tsv`.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub entry: PathBuf,
}

/// The services compared one by one (Copernica first, then the five largest).
pub const FOCUS: &[&str] = &[
    "copernica-rpc",
    "ebay-trading-471",
    "netsuite",
    "bingads-campaign-v13",
    "travelport-air",
    "exchange-ews",
];

/// The well-known catalog every corpus load uses.
pub fn catalog(root: &Path) -> PathBuf {
    root.join("fixtures/corpus/_wellknown/catalog.xml")
}

/// Load options for `entry`: the well-known catalog, the service's own
/// `catalog.xml` (corpus services that import absolute URLs map them there)
/// and DTDs allowed (the W3C xmldsig schema declares entities).
pub fn load_options(root: &Path, entry: &Path) -> soapgen_ir::LoadOptions {
    let mut opts = soapgen_ir::LoadOptions::default();
    opts.catalogs.push(catalog(root));
    let corpus = root.join("fixtures/corpus");
    let mut dir = entry.parent();
    while let Some(d) = dir {
        if d.parent() == Some(corpus.as_path()) {
            let own = d.join("catalog.xml");
            if own.is_file() {
                opts.catalogs.push(own);
            }
            break;
        }
        dir = d.parent();
    }
    opts.allow_dtd = true;
    opts
}

/// Every corpus service of the manifest (name, entry file).
pub fn corpus(root: &Path) -> std::io::Result<Vec<Service>> {
    let manifest = std::fs::read_to_string(root.join("fixtures/corpus/MANIFEST.tsv"))?;
    Ok(manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?.trim();
            let entry = cols.next()?.trim();
            (!name.is_empty()).then(|| Service {
                name: name.to_string(),
                entry: root.join("fixtures/corpus").join(name).join(entry),
            })
        })
        .collect())
}

/// The [`FOCUS`] services, in that order.
pub fn focus(root: &Path) -> std::io::Result<Vec<Service>> {
    let corpus = corpus(root)?;
    Ok(FOCUS
        .iter()
        .filter_map(|name| {
            if *name == "copernica-rpc" {
                return Some(Service {
                    name: name.to_string(),
                    entry: root.join("fixtures/copernica/copernica-rpc.wsdl"),
                });
            }
            corpus.iter().find(|s| s.name == *name).cloned()
        })
        .collect())
}

/// Total bytes of the documents a load read (the input size that memory is
/// compared with).
pub fn input_bytes(documents: &[String]) -> u64 {
    documents
        .iter()
        .filter_map(|d| std::fs::metadata(d).ok())
        .map(|m| m.len())
        .sum()
}
