//! rpc/encoded (SOAP section 5) helpers: multi-reference resolution, `arrayType`
//! parsing and writing, `xsi:type` writing.
//!
//! Everything here is bounded against hostile input: a reference cycle is an error, not
//! a loop; inlining references has depth and output-size limits (shared references could
//! otherwise expand exponentially); a declared array size is never used to preallocate
//! beyond [`MAX_ARRAY_PREALLOC`].

use std::collections::BTreeMap;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::error::Error;
use super::names::Namespaces;
use super::read::Envelope;
use super::scan::Scanner;
use super::write::escape_attr;

/// The most array slots ever reserved up front from a declared `arrayType` size.
pub const MAX_ARRAY_PREALLOC: usize = 1024;

/// A parsed `SOAP-ENC:arrayType` value such as `xsd:string[3]` or `xsd:int[][2]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayType {
    /// The item type as written (`xsd:string`, or `xsd:int[]` for arrays of arrays).
    pub item_type: String,
    /// Declared dimension sizes; `None` for an unspecified size (`[]`).
    pub dims: Vec<Option<usize>>,
}

impl ArrayType {
    /// The declared total number of items, if all dimensions are given and the product
    /// does not overflow.
    pub fn declared_len(&self) -> Option<usize> {
        self.dims
            .iter()
            .try_fold(1usize, |acc, d| d.and_then(|d| acc.checked_mul(d)))
    }

    /// How many slots a reader may reserve: the declared length, capped at
    /// [`MAX_ARRAY_PREALLOC`] (the declaration is untrusted input).
    pub fn capacity_hint(&self) -> usize {
        self.declared_len().unwrap_or(0).min(MAX_ARRAY_PREALLOC)
    }
}

/// Parse an `arrayType` attribute value.
pub fn parse_array_type(value: &str) -> Result<ArrayType, Error> {
    let value = value.trim();
    let bad = || Error::decode(0, format!("malformed SOAP-ENC arrayType `{value}`"));
    let open = value.rfind('[').ok_or_else(bad)?;
    let dims_text = value[open + 1..].strip_suffix(']').ok_or_else(bad)?;
    let item_type = &value[..open];
    if item_type.is_empty() {
        return Err(bad());
    }
    let mut dims = Vec::new();
    for d in dims_text.split(',') {
        let d = d.trim();
        if d.is_empty() {
            dims.push(None);
        } else {
            // An absurd size is a value we will not preallocate, not a parse error;
            // a size that does not fit usize is clamped the same way.
            let n: u128 = d.parse().map_err(|_| bad())?;
            dims.push(Some(usize::try_from(n).unwrap_or(usize::MAX)));
        }
    }
    Ok(ArrayType {
        item_type: item_type.to_owned(),
        dims,
    })
}

/// The items of an encoded array element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrayItems {
    /// Its `arrayType`, when declared.
    pub array_type: Option<ArrayType>,
    /// Byte ranges of the item elements within the slice passed to [`array_items`].
    pub items: Vec<Range<usize>>,
}

/// Split the encoded array element `xml` into its item elements. `outer` holds the
/// namespace declarations in scope (so `soapenc:arrayType` resolves).
pub fn array_items(xml: &[u8], outer: &Namespaces) -> Result<ArrayItems, Error> {
    let mut sc = Scanner::new(xml, 0, outer.clone());
    let root = sc.root()?.ok_or(Error::TruncatedBody {
        position: xml.len(),
    })?;
    let array_type = root
        .attrs
        .iter()
        .find(|a| {
            a.name.local == "arrayType"
                && matches!(
                    a.name.namespace.as_deref(),
                    Some(super::SOAP11_ENC_NS | super::SOAP12_ENC_NS)
                )
        })
        .map(|a| parse_array_type(&a.value))
        .transpose()?;
    let mut items = Vec::with_capacity(array_type.as_ref().map_or(0, ArrayType::capacity_hint));
    while let Some(item) = sc.next_child()? {
        let end = sc.skip(&item)?;
        items.push(item.start..end);
    }
    Ok(ArrayItems { array_type, items })
}

/// Append ` xsi:type="soapenc:Array" soapenc:arrayType="{item_type}[{len}]"` to an open
/// start tag (prefixes as declared by an `encoded` envelope).
pub fn write_array_attrs(out: &mut Vec<u8>, item_type: &str, len: usize) {
    out.extend_from_slice(b" xsi:type=\"soapenc:Array\" soapenc:arrayType=\"");
    escape_attr(out, item_type);
    out.extend_from_slice(format!("[{len}]\"").as_bytes());
}

/// Append ` xsi:type="{type_name}"` to an open start tag.
pub fn write_xsi_type(out: &mut Vec<u8>, type_name: &str) {
    out.extend_from_slice(b" xsi:type=\"");
    escape_attr(out, type_name);
    out.push(b'"');
}

/// Limits for [`inline_multirefs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefLimits {
    /// Most references followed inside one another.
    pub max_depth: usize,
    /// Largest output, in bytes.
    pub max_output: usize,
}

impl Default for RefLimits {
    fn default() -> Self {
        RefLimits {
            max_depth: 64,
            max_output: 16 * 1024 * 1024,
        }
    }
}

/// The multi-reference targets of an envelope: top-level body children with an `id`.
#[derive(Debug, Clone)]
pub struct MultiRefIndex<'a> {
    source: &'a [u8],
    targets: BTreeMap<String, Range<usize>>,
}

impl<'a> MultiRefIndex<'a> {
    /// Index the body of `env`. A duplicate `id` keeps the first element.
    pub fn new(env: &Envelope<'a>) -> MultiRefIndex<'a> {
        let mut targets = BTreeMap::new();
        for entry in &env.body {
            if let Some(id) = &entry.id {
                targets.entry(id.clone()).or_insert(entry.range.clone());
            }
        }
        MultiRefIndex {
            source: env.source,
            targets,
        }
    }

    /// The element an `href` (`#id`) points at.
    pub fn resolve(&self, href: &str) -> Option<&'a [u8]> {
        let id = href.trim().strip_prefix('#')?;
        self.targets
            .get(id)
            .map(|r| super::read::slice(self.source, r))
    }

    /// Number of targets.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// True without targets.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }
}

/// Copy the body child at `range` with every `href="#id"` element replaced by the
/// referenced element's attributes (less `id`) and content, recursively, so that a
/// generated literal-style reader can parse the result without knowing about references.
///
/// Errors: a reference cycle, a dangling reference, exceeding `limits`.
pub fn inline_multirefs(
    env: &Envelope<'_>,
    range: Range<usize>,
    limits: RefLimits,
) -> Result<Vec<u8>, Error> {
    let index = MultiRefIndex::new(env);
    let mut out = Vec::with_capacity(range.len());
    let mut stack = Vec::new();
    let mut ctx = Inliner {
        source: env.source,
        index: &index,
        limits,
        stack: &mut stack,
    };
    ctx.copy(range, &mut out)?;
    Ok(out)
}

struct Inliner<'s, 'a> {
    source: &'a [u8],
    index: &'s MultiRefIndex<'a>,
    limits: RefLimits,
    stack: &'s mut Vec<String>,
}

fn href_of(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == b"href")
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
        .filter(|v| v.starts_with('#'))
}

impl Inliner<'_, '_> {
    fn check_size(&self, out: &[u8], at: usize) -> Result<(), Error> {
        if out.len() > self.limits.max_output {
            return Err(Error::decode(
                at,
                format!(
                    "expanding multi-references exceeds {} bytes",
                    self.limits.max_output
                ),
            ));
        }
        Ok(())
    }

    /// Copy `range` of the message, expanding references.
    fn copy(&mut self, range: Range<usize>, out: &mut Vec<u8>) -> Result<(), Error> {
        let base = range.start;
        let src = super::read::slice(self.source, &range);
        let mut reader = Reader::from_reader(src);
        reader.config_mut().check_end_names = true;
        loop {
            let before = reader.buffer_position() as usize;
            let event = reader
                .read_event()
                .map_err(|e| Error::decode(base + before, e.to_string()))?;
            let after = reader.buffer_position() as usize;
            match &event {
                Event::Eof => return Ok(()),
                Event::Start(e) | Event::Empty(e) => {
                    if let Some(href) = href_of(e) {
                        let empty = matches!(event, Event::Empty(_));
                        let e = e.to_owned();
                        if !empty {
                            // A reference element should be empty; drop whatever it holds.
                            let mut depth = 0usize;
                            loop {
                                match reader
                                    .read_event()
                                    .map_err(|e| Error::decode(base + before, e.to_string()))?
                                {
                                    Event::Start(_) => depth += 1,
                                    Event::End(_) if depth == 0 => break,
                                    Event::End(_) => depth -= 1,
                                    Event::Eof => {
                                        return Err(Error::TruncatedBody {
                                            position: base + src.len(),
                                        })
                                    }
                                    _ => {}
                                }
                            }
                        }
                        self.expand(&e, &href, base + before, out)?;
                        continue;
                    }
                    out.extend_from_slice(&src[before..after]);
                }
                _ => out.extend_from_slice(&src[before..after]),
            }
            self.check_size(out, base + before)?;
        }
    }

    /// Write the referencing element `e` with the content of the target of `href`.
    fn expand(
        &mut self,
        e: &BytesStart<'_>,
        href: &str,
        at: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let id = href.trim_start_matches('#').to_owned();
        if self.stack.contains(&id) {
            return Err(Error::decode(
                at,
                format!("multi-reference cycle through `#{id}`"),
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(Error::decode(at, "multi-references nested too deeply"));
        }
        let target = self
            .index
            .targets
            .get(&id)
            .cloned()
            .ok_or_else(|| Error::decode(at, format!("dangling reference `#{id}`")))?;
        // The target's start tag and content range.
        let tsrc = super::read::slice(self.source, &target);
        let mut reader = Reader::from_reader(tsrc);
        let (tattrs, content): (Vec<(String, String)>, Option<Range<usize>>) =
            match reader.read_event() {
                Ok(Event::Start(t)) => {
                    let open_end = reader.buffer_position() as usize;
                    // The element's end tag is the last `</` in its range.
                    let close = tsrc.iter().rposition(|&b| b == b'<').unwrap_or(open_end);
                    (
                        attrs_of(&t),
                        Some(target.start + open_end..target.start + close.max(open_end)),
                    )
                }
                Ok(Event::Empty(t)) => (attrs_of(&t), None),
                _ => {
                    return Err(Error::decode(
                        target.start,
                        "unreadable multi-reference target",
                    ))
                }
            };
        let name = e.name();
        out.push(b'<');
        out.extend_from_slice(name.as_ref());
        let own = attrs_of(e);
        for (k, v) in own.iter().filter(|(k, _)| k != "href") {
            write_attr(out, k, v);
        }
        for (k, v) in &tattrs {
            if k == "id" || own.iter().any(|(o, _)| o == k) {
                continue;
            }
            write_attr(out, k, v);
        }
        match content {
            Some(content) => {
                out.push(b'>');
                self.stack.push(id);
                let result = self.copy(content, out);
                self.stack.pop();
                result?;
                out.extend_from_slice(b"</");
                out.extend_from_slice(name.as_ref());
                out.push(b'>');
            }
            None => out.extend_from_slice(b"/>"),
        }
        self.check_size(out, at)
    }
}

fn attrs_of(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .filter_map(|a| {
            let key = std::str::from_utf8(a.key.as_ref()).ok()?.to_owned();
            let value = a.unescape_value().ok()?.into_owned();
            Some((key, value))
        })
        .collect()
}

fn write_attr(out: &mut Vec<u8>, key: &str, value: &str) {
    out.push(b' ');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"=\"");
    escape_attr(out, value);
    out.push(b'"');
}
