//! Where documents come from: the `Loader` trait and the default loader
//! (in-memory map, XML catalogs, local files, bundled well-known schemas).
//! Network loading is deliberately not implemented.

use crate::catalog::Catalog;
use crate::error::ErrorKind;
use crate::paths::{file_url_to_path, is_remote, join_location, normalize};
use std::collections::BTreeMap;

/// A loaded document: its canonical id (used for deduplication and in
/// every location) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub text: String,
}

/// Why a location could not be loaded (the caller adds where it was named).
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub kind: ErrorKind,
    pub message: String,
}

/// Resolves and reads documents. Implement it to load from somewhere else
/// (a VFS, an archive, a cache of fetched URLs).
pub trait Loader {
    /// Load `location` as written in the document `base` (`None` for the
    /// entry document).
    fn load(&self, location: &str, base: Option<&str>) -> Result<Source, LoadFailure>;

    /// A schema for `namespace`, for imports without a schemaLocation and
    /// for namespaces referenced but never imported. `None` if unknown.
    fn load_namespace(&self, namespace: &str) -> Option<Source>;
}

/// Schemas bundled in the crate, by namespace and by their usual URLs.
pub struct WellKnown {
    pub id: &'static str,
    pub namespace: &'static str,
    pub urls: &'static [&'static str],
    pub text: &'static str,
}

pub const WELL_KNOWN: &[WellKnown] = &[
    WellKnown {
        id: "soapgen:wellknown/soap-encoding.xsd",
        namespace: "http://schemas.xmlsoap.org/soap/encoding/",
        urls: &[
            "http://schemas.xmlsoap.org/soap/encoding/",
            "https://schemas.xmlsoap.org/soap/encoding/",
        ],
        text: include_str!("wellknown/soap-encoding.xsd"),
    },
    WellKnown {
        id: "soapgen:wellknown/xml.xsd",
        namespace: "http://www.w3.org/XML/1998/namespace",
        urls: &[
            "http://www.w3.org/2001/xml.xsd",
            "https://www.w3.org/2001/xml.xsd",
        ],
        text: include_str!("wellknown/xml.xsd"),
    },
];

/// The default loader: in-memory documents first, then catalogs, then the
/// file system; remote URLs only through a mapping or a bundled schema.
#[derive(Default)]
pub struct DefaultLoader {
    pub in_memory: BTreeMap<String, String>,
    pub catalogs: Vec<Catalog>,
    pub bundled: bool,
    /// Files larger than this are refused before they are read (`None`: no
    /// limit here; the parser still checks the size of what it is given).
    pub max_document_bytes: Option<usize>,
}

impl DefaultLoader {
    fn catalog_lookup(&self, uri: &str) -> Option<String> {
        self.catalogs.iter().find_map(|c| c.lookup(uri))
    }

    fn bundled_by_url(&self, url: &str) -> Option<Source> {
        if !self.bundled {
            return None;
        }
        WELL_KNOWN
            .iter()
            .find(|w| w.id == url || w.urls.contains(&url))
            .map(|w| Source {
                id: w.id.to_string(),
                text: w.text.to_string(),
            })
    }

    fn read_file(&self, path: &str, written: &str) -> Result<Source, LoadFailure> {
        if let Some(text) = self.in_memory.get(path) {
            return Ok(Source {
                id: path.to_string(),
                text: text.clone(),
            });
        }
        // Only regular files: a schemaLocation naming /dev/zero, a FIFO or
        // /dev/stdin would otherwise read forever or block.
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => {
                return Err(LoadFailure {
                    kind: ErrorKind::NotFound,
                    message: format!("'{path}' is not a regular file"),
                })
            }
            Ok(m) if self.max_document_bytes.is_some_and(|max| m.len() > max as u64) => {
                return Err(LoadFailure {
                    kind: ErrorKind::LimitExceeded,
                    message: format!(
                        "'{path}' is {} bytes, larger than the limit of {} bytes (LoadOptions::limits.max_document_bytes)",
                        m.len(),
                        self.max_document_bytes.unwrap_or_default()
                    ),
                })
            }
            _ => {}
        }
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Ok(Source {
                    id: path.to_string(),
                    // A BOM is legal XML but roxmltree wants text to start at '<'.
                    text: text
                        .strip_prefix('\u{feff}')
                        .map(str::to_string)
                        .unwrap_or(text),
                }),
                Err(e) => Err(LoadFailure {
                    kind: ErrorKind::MalformedXml,
                    message: not_utf8_message(path, e.as_bytes(), e.utf8_error().valid_up_to()),
                }),
            },
            Err(e) => Err(LoadFailure {
                kind: ErrorKind::NotFound,
                message: if path == written {
                    format!("cannot read '{path}': {e}")
                } else {
                    format!("cannot read '{path}' (referenced as '{written}'): {e}")
                },
            }),
        }
    }
}

impl Loader for DefaultLoader {
    fn load(&self, location: &str, base: Option<&str>) -> Result<Source, LoadFailure> {
        let location = location.trim();
        if let Some(text) = self.in_memory.get(location) {
            return Ok(Source {
                id: location.to_string(),
                text: text.clone(),
            });
        }
        let resolved = match base {
            Some(b) => join_location(b, location),
            None if is_remote(location) => location.to_string(),
            None => normalize(file_url_to_path(location)),
        };
        if is_remote(&resolved) {
            if let Some(text) = self.in_memory.get(&resolved) {
                return Ok(Source {
                    id: resolved,
                    text: text.clone(),
                });
            }
            if let Some(target) = self
                .catalog_lookup(&resolved)
                .or_else(|| self.catalog_lookup(location))
            {
                if is_remote(&target) {
                    return self.load(&target, None);
                }
                return self.read_file(&normalize(file_url_to_path(&target)), location);
            }
            if let Some(src) = self.bundled_by_url(&resolved) {
                return Ok(src);
            }
            return Err(LoadFailure {
                kind: ErrorKind::RemoteNotMapped,
                message: format!(
                    "'{resolved}' is a remote location and network loading is off; map it to a local copy with an XML catalog (soapgen --catalog catalog.xml, LoadOptions::catalogs) containing <uri name=\"{resolved}\" uri=\"local-copy.xsd\"/>, or put it in LoadOptions::in_memory"
                ),
            });
        }
        if let Some(target) = self.catalog_lookup(location) {
            return self.read_file(&normalize(file_url_to_path(&target)), location);
        }
        self.read_file(&resolved, location)
    }

    fn load_namespace(&self, namespace: &str) -> Option<Source> {
        if let Some(target) = self.catalog_lookup(namespace) {
            if let Ok(src) = self.read_file(&normalize(file_url_to_path(&target)), namespace) {
                return Some(src);
            }
        }
        if !self.bundled {
            return None;
        }
        WELL_KNOWN
            .iter()
            .find(|w| w.namespace == namespace || w.urls.contains(&namespace))
            .map(|w| Source {
                id: w.id.to_string(),
                text: w.text.to_string(),
            })
    }
}

/// Why a file is not UTF-8: a UTF-16 byte-order mark, or the position of the
/// first invalid byte (as line:column, since the error has no other location).
fn not_utf8_message(path: &str, bytes: &[u8], valid_up_to: usize) -> String {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return format!(
            "'{path}' is UTF-16 (it starts with a UTF-16 byte-order mark); only UTF-8 documents are supported: convert it, e.g. iconv -f UTF-16 -t UTF-8"
        );
    }
    let before = &bytes[..valid_up_to.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    format!(
        "'{path}' is not UTF-8 text: invalid byte 0x{:02X} at byte {valid_up_to} (line {line}, column {column}); only UTF-8 documents are supported",
        bytes.get(valid_up_to).copied().unwrap_or(0)
    )
}
