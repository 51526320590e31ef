//! [`XmlReader`]: a pull reader over quick-xml's borrowed slice reader with a
//! one-element lookahead, namespace resolution and error positions.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

use super::any::{AnyAttribute, AnyElement, AnyNode};
use super::error::{Error, ErrorKind, ValueError};
use super::traits::{GroupRead, SimpleType, Slot, XmlRead};
use super::XSI_NS;

/// One attribute of a start tag, namespace resolved.
pub struct Attr<'x> {
    /// Resolved namespace (empty when unqualified).
    pub ns: &'x [u8],
    pub local: &'x [u8],
    /// Unescaped value.
    pub value: Cow<'x, str>,
}

/// Streaming reader used by generated `XmlRead` impls.
///
/// Protocol: [`peek_child`](Self::peek_child) looks at the next child start
/// tag of the current element (returning its local name) without consuming
/// it; [`read`](Self::read) consumes it into a value, [`skip`](Self::skip)
/// discards it. `peek_child` returns `None` once the current element's end tag
/// has been reached, and keeps returning `None` until the element's reader
/// returns.
pub struct XmlReader<'a> {
    inner: Reader<&'a [u8]>,
    /// Namespace bindings in scope (kept here rather than by quick-xml's
    /// `NsReader`, which pushes a scope for every start tag).
    ns: Scopes,
    input: &'a [u8],
    peeked: Option<(BytesStart<'a>, u64)>,
    /// Byte offsets of the `<` of each open element (names recovered lazily
    /// for error messages, so that the happy path does not allocate).
    stack: Vec<u64>,
    /// The end tag of the innermost open element has been consumed.
    ended: bool,
    /// Skip unknown child elements instead of failing.
    pub skip_unknown: bool,
    /// Text seen between child elements of a mixed-content element, with the
    /// number of child elements read before it.
    mixed: Option<Vec<(usize, String)>>,
    children_read: usize,
}

impl<'a> XmlReader<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        let mut inner = Reader::from_reader(input);
        let config = inner.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        XmlReader {
            inner,
            ns: Scopes::default(),
            input,
            peeked: None,
            stack: Vec::new(),
            ended: false,
            skip_unknown: false,
            mixed: None,
            children_read: 0,
        }
    }

    /// Builds an error at the current position.
    pub fn error(&self, kind: ErrorKind) -> Error {
        let position = match &self.peeked {
            Some((_, pos)) => *pos,
            None => self.inner.buffer_position(),
        };
        self.error_at(kind, position)
    }

    fn error_at(&self, kind: ErrorKind, position: u64) -> Error {
        let mut path = String::new();
        for &pos in &self.stack {
            path.push('/');
            path.push_str(&self.name_at(pos));
        }
        if path.is_empty() {
            path.push('/');
        }
        Error {
            kind,
            position,
            path,
        }
    }

    /// The raw tag name starting at byte `pos` (which holds a `<`).
    fn name_at(&self, pos: u64) -> String {
        let rest = usize::try_from(pos)
            .ok()
            .and_then(|p| self.input.get(p + 1..))
            .unwrap_or_default();
        let end = rest
            .iter()
            .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
            .unwrap_or(rest.len());
        String::from_utf8_lossy(&rest[..end]).into_owned()
    }

    fn syntax(&self, e: impl std::fmt::Display) -> Error {
        self.error_at(
            ErrorKind::Syntax(e.to_string()),
            self.inner.error_position(),
        )
    }

    /// Wraps a value error with path and position (the start of the element
    /// holding the value, which is where a reader wants to look).
    pub fn invalid(&self, e: ValueError) -> Error {
        let position = match (&self.peeked, self.stack.last()) {
            (None, Some(&pos)) => pos,
            _ => self.inner.buffer_position(),
        };
        self.error_at(ErrorKind::InvalidValue(e), position)
    }

    /// Reads the document's root element as a `T`.
    pub fn read_root<T: XmlRead>(&mut self) -> Result<T, Error> {
        loop {
            let pos = self.inner.buffer_position();
            match self.inner.read_event().map_err(|e| self.syntax(e))? {
                Event::Start(s) => {
                    self.ns.start(&s);
                    self.peeked = Some((s, pos));
                    return self.read();
                }
                Event::DocType(_) => return Err(self.error(ErrorKind::DtdNotAllowed)),
                Event::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// Looks at the next child element of the current element and returns
    /// its local name, or `None` at the end of the current element.
    pub fn peek_child(&mut self) -> Result<Option<&'a [u8]>, Error> {
        if self.peeked.is_none() {
            if self.ended {
                return Ok(None);
            }
            loop {
                let pos = self.inner.buffer_position();
                match self.inner.read_event().map_err(|e| self.syntax(e))? {
                    Event::Start(s) => {
                        self.ns.start(&s);
                        self.peeked = Some((s, pos));
                        break;
                    }
                    Event::End(_) => {
                        self.ns.end();
                        self.ended = true;
                        return Ok(None);
                    }
                    Event::Text(t) if self.mixed.is_some() => {
                        let text = t.unescape().map_err(|e| self.syntax(e))?.into_owned();
                        let at = self.children_read;
                        if let Some(mixed) = &mut self.mixed {
                            mixed.push((at, text));
                        }
                    }
                    Event::CData(t) => {
                        if let Some(mixed) = &mut self.mixed {
                            let text = String::from_utf8_lossy(&t).into_owned();
                            mixed.push((self.children_read, text));
                        }
                    }
                    Event::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
                    Event::DocType(_) => return Err(self.error(ErrorKind::DtdNotAllowed)),
                    _ => {}
                }
            }
        }
        Ok(self.peeked.as_ref().map(|(s, pos)| self.local_at(*pos, s)))
    }

    /// The local name of a start tag at `pos`, borrowed from the input.
    fn local_at(&self, pos: u64, s: &BytesStart<'_>) -> &'a [u8] {
        let qlen = s.name().as_ref().len();
        let input: &'a [u8] = self.input;
        let start = usize::try_from(pos).unwrap_or(usize::MAX).saturating_add(1);
        let raw = input.get(start..start + qlen).unwrap_or_default();
        match raw.iter().position(|&b| b == b':') {
            Some(i) => &raw[i + 1..],
            None => raw,
        }
    }

    /// Whether the peeked child element is in namespace `ns` ("" = none).
    pub fn ns_is(&self, ns: &str) -> bool {
        match &self.peeked {
            Some((s, _)) => resolved_is(self.ns.element(s.name().into_inner()).0, ns),
            None => false,
        }
    }

    /// Consumes the peeked child element as a `T`.
    pub fn read<T: XmlRead>(&mut self) -> Result<T, Error> {
        let Some((start, pos)) = self.peeked.take() else {
            return Err(self.error(ErrorKind::UnexpectedEof));
        };
        self.children_read += 1;
        self.stack.push(pos);
        let outer_mixed = self.mixed.take();
        let outer_children = std::mem::replace(&mut self.children_read, 0);
        self.ended = false;
        let value = T::read_xml(self, &start);
        if value.is_ok() && !self.ended {
            // The value's reader stopped early (it cannot, for generated
            // code, but a hand-written impl might): skip what is left.
            self.skip_rest()?;
        }
        self.ended = false;
        self.mixed = outer_mixed;
        self.children_read = outer_children;
        self.stack.pop();
        value
    }

    /// Consumes the peeked child element, reading its content with `f`
    /// instead of an [`XmlRead`] impl: for wrappers without a type of their
    /// own (rpc operation elements, fault details). `f` follows the
    /// [`XmlRead::read_xml`] protocol.
    pub fn read_with<T>(
        &mut self,
        f: impl FnOnce(&mut Self, &BytesStart<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let Some((start, pos)) = self.peeked.take() else {
            return Err(self.error(ErrorKind::UnexpectedEof));
        };
        self.children_read += 1;
        self.stack.push(pos);
        let outer_mixed = self.mixed.take();
        let outer_children = std::mem::replace(&mut self.children_read, 0);
        self.ended = false;
        let value = f(self, &start);
        if value.is_ok() && !self.ended {
            self.skip_rest()?;
        }
        self.ended = false;
        self.mixed = outer_mixed;
        self.children_read = outer_children;
        self.stack.pop();
        value
    }

    /// Reads consecutive child elements named `{ns}local` (a repeated
    /// element inside a choice).
    pub fn read_repeated<T: XmlRead>(&mut self, local: &[u8], ns: &str) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while self.peek_child()? == Some(local) && self.ns_is(ns) {
            items.push(self.read()?);
        }
        Ok(items)
    }

    /// Discards the peeked child element.
    pub fn skip(&mut self) -> Result<(), Error> {
        if let Some((start, _)) = self.peeked.take() {
            self.children_read += 1;
            let name = start.name();
            self.inner
                .read_to_end(QName(name.as_ref()))
                .map_err(|e| self.syntax(e))?;
            // The skipped element's start tag was seen (when peeked); its
            // descendants' were not, so only its own scope ends here.
            self.ns.end();
        }
        Ok(())
    }

    /// Handles a child element that the content model does not know:
    /// skipped when `skip_unknown` is set, an error otherwise.
    pub fn unknown(&mut self) -> Result<(), Error> {
        if self.skip_unknown {
            return self.skip();
        }
        let name = match &self.peeked {
            Some((_, pos)) => self.name_at(*pos),
            None => String::new(),
        };
        Err(self.error(ErrorKind::UnexpectedElement(name)))
    }

    /// Skips everything up to and including the current element's end tag.
    pub fn skip_rest(&mut self) -> Result<(), Error> {
        while self.peek_child()?.is_some() {
            self.skip()?;
        }
        Ok(())
    }

    /// Reads the text content of the current element up to its end tag.
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, Error> {
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            match self.inner.read_event().map_err(|e| self.syntax(e))? {
                Event::Text(t) => {
                    let piece = self.text_piece(t)?;
                    append(&mut text, piece);
                }
                Event::CData(t) => {
                    let piece = t.decode().map_err(|e| self.syntax(e))?;
                    append(&mut text, piece);
                }
                Event::End(_) => {
                    self.ns.end();
                    self.ended = true;
                    return Ok(text.unwrap_or(Cow::Borrowed("")));
                }
                Event::Start(s) => {
                    let name = String::from_utf8_lossy(s.name().as_ref()).into_owned();
                    return Err(self.error(ErrorKind::ElementInSimpleContent(name)));
                }
                Event::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
                _ => {}
            }
        }
    }

    /// The text of a `Text` event. Fast path for the common case of plain
    /// text borrowed from the input without `&`: one UTF-8 check and no
    /// unescape pass; anything else goes through quick-xml's `unescape`.
    #[inline]
    fn text_piece(&self, t: BytesText<'a>) -> Result<Cow<'a, str>, Error> {
        // Cloning a borrowed event copies a slice pointer, not the text.
        if let Cow::Borrowed(raw) = t.clone().into_inner() {
            if !raw.contains(&b'&') {
                if let Ok(s) = std::str::from_utf8(raw) {
                    return Ok(Cow::Borrowed(s));
                }
            }
        }
        t.unescape().map_err(|e| self.syntax(e))
    }

    /// Parses a simple value (namespace prefixes resolve in the current scope).
    pub fn parse<T: SimpleType>(&self, text: &str) -> Result<T, Error> {
        T::parse_text(text, self).map_err(|e| self.invalid(e))
    }

    /// Reads the text content of the current element as a simple value.
    pub fn read_simple<T: SimpleType>(&mut self) -> Result<T, Error> {
        let text = self.read_text()?;
        self.parse(&text)
    }

    /// Resolves a `prefix:local` QName value in the current scope.
    pub fn resolve_qname<'t>(&self, value: &'t str) -> Option<(String, &'t str)> {
        let (resolved, local) = self.ns.element(value.as_bytes());
        let local = std::str::from_utf8(local).ok()?;
        match resolved {
            Resolved::Bound(ns) => Some((String::from_utf8_lossy(ns).into_owned(), local)),
            Resolved::Unbound => Some((String::new(), local)),
            Resolved::Unknown => None,
        }
    }

    /// Calls `f` for each attribute of `start` except namespace declarations
    /// and `xsi:*` attributes (those are handled by the runtime).
    pub fn attrs(
        &self,
        start: &BytesStart<'_>,
        mut f: impl FnMut(&Self, Attr<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        for a in start.attributes() {
            let a = a.map_err(|e| self.syntax(e))?;
            let key = a.key.as_ref();
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                continue;
            }
            let (resolved, local) = self.ns.attribute(a.key.into_inner());
            let ns: &[u8] = match resolved {
                Resolved::Bound(ns) => ns,
                _ => b"",
            };
            if ns == XSI_NS.as_bytes() {
                continue;
            }
            let value = a.unescape_value().map_err(|e| self.syntax(e))?;
            f(self, Attr { ns, local, value })?;
        }
        Ok(())
    }

    /// The value of the `xsi:*` attribute `local` on `start`, if present.
    pub fn xsi_attr<'s>(
        &self,
        start: &'s BytesStart<'_>,
        local: &str,
    ) -> Result<Option<Cow<'s, str>>, Error> {
        // An `xsi:*` attribute needs a prefix (the default namespace never
        // applies to attributes), so a start tag whose attribute bytes hold
        // no `:` cannot carry one: skip the attribute scan and resolution.
        // This is the common case (every nillable field checks `xsi:nil`).
        if !start.attributes_raw().contains(&b':') {
            return Ok(None);
        }
        for a in start.attributes() {
            let a = a.map_err(|e| self.syntax(e))?;
            let (resolved, l) = self.ns.attribute(a.key.into_inner());
            if l == local.as_bytes() && resolved_is(resolved, XSI_NS) {
                return a.unescape_value().map(Some).map_err(|e| self.syntax(e));
            }
        }
        Ok(None)
    }

    /// Whether `start` carries `xsi:nil="true"` (or `"1"`).
    pub fn is_nil(&self, start: &BytesStart<'_>) -> Result<bool, Error> {
        Ok(matches!(
            self.xsi_attr(start, "nil")?.as_deref().map(str::trim),
            Some("true" | "1")
        ))
    }

    /// The `xsi:type` of `start`, resolved to (namespace, local name).
    pub fn xsi_type(&self, start: &BytesStart<'_>) -> Result<Option<(String, String)>, Error> {
        let Some(value) = self.xsi_attr(start, "type")? else {
            return Ok(None);
        };
        match self.resolve_qname(value.trim()) {
            Some((ns, local)) => Ok(Some((ns, local.to_string()))),
            None => Err(self.error(ErrorKind::UnknownXsiType(value.into_owned()))),
        }
    }

    /// Error for an `xsi:type` that names no known derived type.
    pub fn unknown_xsi_type(&self, ns: &str, local: &str) -> Error {
        self.error(ErrorKind::UnknownXsiType(format!("{{{ns}}}{local}")))
    }

    /// Reads the children of the current element: `f` gets each child's
    /// local name (peeked) and returns whether it consumed the child; a
    /// child it does not take is an unknown element (an error, unless
    /// [`skip_unknown`](Self::skip_unknown) is set). Generated readers pass a
    /// closure with one match arm per member.
    #[inline]
    pub fn children(
        &mut self,
        mut f: impl FnMut(&mut Self, &'a [u8]) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        while let Some(n) = self.peek_child()? {
            if !f(self, n)? {
                self.unknown()?;
            }
        }
        Ok(())
    }

    /// Like [`children`](Self::children), always skipping children that `f`
    /// does not take.
    #[inline]
    pub fn children_skip(
        &mut self,
        mut f: impl FnMut(&mut Self, &'a [u8]) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        while let Some(n) = self.peek_child()? {
            if !f(self, n)? {
                self.skip()?;
            }
        }
        Ok(())
    }

    /// The children of a nested model group: stops at the first child `f`
    /// does not take; returns whether it took any (else the group is absent).
    #[inline]
    pub fn group_children(
        &mut self,
        mut f: impl FnMut(&mut Self, &'a [u8]) -> Result<bool, Error>,
    ) -> Result<bool, Error> {
        let mut seen = false;
        while let Some(n) = self.peek_child()? {
            if !f(self, n)? {
                break;
            }
            seen = true;
        }
        Ok(seen)
    }

    /// Reads the peeked child into `slot` when it takes one more value.
    /// `Ok(false)` (nothing consumed) when the slot is full: the child then
    /// belongs to whatever comes next in the content model.
    #[inline]
    pub fn put<S: Slot>(&mut self, slot: &mut S) -> Result<bool, Error>
    where
        S::Item: XmlRead,
    {
        if !slot.accepts() {
            return Ok(false);
        }
        let v = self.read()?;
        slot.push_item(v);
        Ok(true)
    }

    /// Like [`put`](Self::put), wrapping the value read with `wrap` (a
    /// substitution group enum variant).
    #[inline]
    pub fn put_with<S: Slot, U: XmlRead>(
        &mut self,
        slot: &mut S,
        wrap: impl FnOnce(U) -> S::Item,
    ) -> Result<bool, Error> {
        if !slot.accepts() {
            return Ok(false);
        }
        let v = self.read()?;
        slot.push_item(wrap(v));
        Ok(true)
    }

    /// Reads a nested model group starting at the peeked child into `slot`;
    /// `Ok(false)` when the slot is full or the child does not start it.
    #[inline]
    pub fn put_group<S: Slot>(&mut self, slot: &mut S) -> Result<bool, Error>
    where
        S::Item: GroupRead,
    {
        if !slot.accepts() {
            return Ok(false);
        }
        match S::Item::read_group(self)? {
            Some(v) => {
                slot.push_item(v);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Reads the peeked child as an `xs:any` match into `slot`.
    #[inline]
    pub fn put_any<S: Slot<Item = AnyElement>>(&mut self, slot: &mut S) -> Result<bool, Error> {
        if !slot.accepts() {
            return Ok(false);
        }
        let v = self.read_any()?;
        slot.push_item(v);
        Ok(true)
    }

    /// Parses an attribute value into `slot` (the attribute's local).
    #[inline]
    pub fn put_attr<T: SimpleType>(&self, slot: &mut Option<T>, value: &str) -> Result<(), Error> {
        *slot = Some(self.parse(value)?);
        Ok(())
    }

    /// Keeps an attribute matched by `xs:anyAttribute`.
    pub fn put_any_attr(&self, slot: &mut Vec<AnyAttribute>, a: Attr<'_>) -> Result<(), Error> {
        slot.push(AnyAttribute {
            ns: String::from_utf8_lossy(a.ns).into_owned(),
            local: String::from_utf8_lossy(a.local).into_owned(),
            value: a.value.into_owned(),
        });
        Ok(())
    }

    /// Turns a missing required element into an error.
    pub fn required<T>(&self, v: Option<T>, name: &'static str) -> Result<T, Error> {
        v.ok_or_else(|| self.error(ErrorKind::MissingElement(name)))
    }

    /// A defaulted attribute: the value read, else its default parsed.
    pub fn attr_or<T: SimpleType>(&self, v: Option<T>, default: &str) -> Result<T, Error> {
        match v {
            Some(v) => Ok(v),
            None => self.parse(default),
        }
    }

    /// Turns a missing required attribute into an error.
    pub fn required_attr<T>(&self, v: Option<T>, name: &'static str) -> Result<T, Error> {
        v.ok_or_else(|| self.error(ErrorKind::MissingAttribute(name)))
    }

    /// Starts collecting the text between child elements (mixed content).
    pub fn begin_mixed(&mut self) {
        self.mixed = Some(Vec::new());
    }

    /// Returns the text collected since [`begin_mixed`](Self::begin_mixed).
    pub fn take_mixed(&mut self) -> Vec<(usize, String)> {
        self.mixed.take().unwrap_or_default()
    }

    /// Reads the peeked child element as a lossless [`AnyElement`].
    pub fn read_any(&mut self) -> Result<AnyElement, Error> {
        let Some((start, pos)) = self.peeked.take() else {
            return Err(self.error(ErrorKind::UnexpectedEof));
        };
        self.children_read += 1;
        self.stack.push(pos);
        let value = self.capture(&start);
        self.stack.pop();
        value
    }

    /// Captures the content of the current element (its start tag given).
    pub fn read_any_content(&mut self, start: &BytesStart<'_>) -> Result<AnyElement, Error> {
        let el = self.capture(start)?;
        self.ended = true;
        Ok(el)
    }

    fn capture(&mut self, start: &BytesStart<'_>) -> Result<AnyElement, Error> {
        let mut el = self.any_start(start)?;
        let mut open: Vec<AnyElement> = Vec::new();
        loop {
            match self.inner.read_event().map_err(|e| self.syntax(e))? {
                Event::Start(s) => {
                    self.ns.start(&s);
                    let child = self.any_start(&s)?;
                    open.push(std::mem::replace(&mut el, child));
                }
                Event::End(_) => match open.pop() {
                    Some(mut parent) => {
                        self.ns.end();
                        parent
                            .children
                            .push(AnyNode::Element(std::mem::take(&mut el)));
                        // `el` now holds the default placeholder: restore the parent.
                        el = parent;
                    }
                    None => {
                        self.ns.end();
                        return Ok(el);
                    }
                },
                Event::Text(t) => {
                    let text = t.unescape().map_err(|e| self.syntax(e))?;
                    push_text(&mut el, &text);
                }
                Event::CData(t) => {
                    let text = t.decode().map_err(|e| self.syntax(e))?;
                    push_text(&mut el, &text);
                }
                Event::Comment(t) => {
                    let text = String::from_utf8_lossy(&t).into_owned();
                    el.children.push(AnyNode::Comment(text));
                }
                Event::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
                Event::DocType(_) => return Err(self.error(ErrorKind::DtdNotAllowed)),
                _ => {}
            }
        }
    }

    fn any_start(&self, s: &BytesStart<'_>) -> Result<AnyElement, Error> {
        let (resolved, local) = self.ns.element(s.name().into_inner());
        let mut el = AnyElement {
            ns: resolved_string(resolved),
            local: String::from_utf8_lossy(local).into_owned(),
            prefix: s
                .name()
                .prefix()
                .map(|p| String::from_utf8_lossy(p.as_ref()).into_owned()),
            ..AnyElement::default()
        };
        for a in s.attributes() {
            let a = a.map_err(|e| self.syntax(e))?;
            let key = a.key.as_ref();
            let value = a.unescape_value().map_err(|e| self.syntax(e))?.into_owned();
            if key == b"xmlns" {
                el.namespaces.push((String::new(), value));
                continue;
            }
            if let Some(p) = key.strip_prefix(b"xmlns:") {
                el.namespaces
                    .push((String::from_utf8_lossy(p).into_owned(), value));
                continue;
            }
            let (resolved, local) = self.ns.attribute(a.key.into_inner());
            el.attributes.push(AnyAttribute {
                ns: resolved_string(resolved),
                local: String::from_utf8_lossy(local).into_owned(),
                value,
            });
        }
        Ok(el)
    }
}

/// Appends text to a captured element, merging with a preceding text node
/// (text and CDATA sections are one text value).
fn push_text(el: &mut AnyElement, text: &str) {
    if let Some(AnyNode::Text(last)) = el.children.last_mut() {
        last.push_str(text);
    } else {
        el.children.push(AnyNode::Text(text.to_string()));
    }
}

fn resolved_is(r: Resolved<'_>, ns: &str) -> bool {
    match r {
        Resolved::Bound(n) => n == ns.as_bytes(),
        Resolved::Unbound => ns.is_empty(),
        Resolved::Unknown => false,
    }
}

fn resolved_string(r: Resolved<'_>) -> String {
    match r {
        Resolved::Bound(n) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    }
}

/// The namespace of a name, resolved in the current scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved<'n> {
    Bound(&'n [u8]),
    /// No namespace (unprefixed, no default namespace in scope).
    Unbound,
    /// A prefix that no declaration in scope binds.
    Unknown,
}

/// An owned prefix or namespace name (declarations are rare, see [`Scopes`]).
type Bytes = Box<[u8]>;

const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// Namespace declarations in scope. Only start tags that carry an `xmlns`
/// attribute add bindings; every other start/end tag just moves a depth
/// counter, which is what makes this cheaper than quick-xml's `NsReader`
/// (it scans and pushes a scope for each start tag). SOAP documents declare
/// their namespaces on a handful of outer elements.
#[derive(Default)]
struct Scopes {
    /// (prefix, namespace), innermost last; an empty prefix is the default
    /// namespace, an empty namespace undeclares it (`xmlns=""`).
    bindings: Vec<(Bytes, Bytes)>,
    /// (depth of the declaring element, `bindings.len()` before it).
    marks: Vec<(usize, usize)>,
    /// Number of open elements.
    depth: usize,
}

impl Scopes {
    /// Enters an element: records the namespaces its start tag declares.
    fn start(&mut self, s: &BytesStart<'_>) {
        let depth = self.depth;
        self.depth += 1;
        let raw = s.attributes_raw();
        if !raw.windows(5).any(|w| w == b"xmlns") {
            return;
        }
        let before = self.bindings.len();
        // Like quick-xml's resolver: malformed attributes are reported by
        // whoever reads the attributes, not here; values are taken raw.
        for a in s.attributes().with_checks(false).flatten() {
            let key = a.key.into_inner();
            let prefix: &[u8] = if key == b"xmlns" {
                b""
            } else if let Some(p) = key.strip_prefix(b"xmlns:") {
                // `xml` is bound for good and `xmlns` cannot be bound.
                if p == b"xml" || p == b"xmlns" {
                    continue;
                }
                p
            } else {
                continue;
            };
            self.bindings.push((prefix.into(), a.value.as_ref().into()));
        }
        if self.bindings.len() > before {
            self.marks.push((depth, before));
        }
    }

    /// Leaves the innermost element, dropping what its start tag declared.
    fn end(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        if let Some(&(depth, len)) = self.marks.last() {
            if depth >= self.depth {
                self.bindings.truncate(len);
                self.marks.pop();
            }
        }
    }

    fn lookup(&self, prefix: &[u8]) -> Option<&[u8]> {
        if prefix == b"xml" {
            return Some(XML_NS);
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| **p == *prefix)
            .map(|(_, ns)| &**ns)
    }

    /// Resolves an element name (unprefixed names take the default namespace).
    fn element<'q>(&self, qname: &'q [u8]) -> (Resolved<'_>, &'q [u8]) {
        match qname.iter().position(|&b| b == b':') {
            Some(i) => (self.prefixed(&qname[..i]), &qname[i + 1..]),
            None => {
                let r = match self.lookup(b"") {
                    Some(ns) if !ns.is_empty() => Resolved::Bound(ns),
                    _ => Resolved::Unbound,
                };
                (r, qname)
            }
        }
    }

    /// Resolves an attribute name (unprefixed attributes are in no namespace).
    fn attribute<'q>(&self, qname: &'q [u8]) -> (Resolved<'_>, &'q [u8]) {
        match qname.iter().position(|&b| b == b':') {
            Some(i) => (self.prefixed(&qname[..i]), &qname[i + 1..]),
            None => (Resolved::Unbound, qname),
        }
    }

    fn prefixed(&self, prefix: &[u8]) -> Resolved<'_> {
        match self.lookup(prefix) {
            Some(ns) if !ns.is_empty() => Resolved::Bound(ns),
            _ => Resolved::Unknown,
        }
    }
}

fn append<'a>(acc: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>) {
    match acc {
        None => *acc = Some(piece),
        Some(existing) => existing.to_mut().push_str(&piece),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the children of the root element: (local, in `ns`?, xsi:nil,
    /// xsi:type, text) per child, using the same calls generated code makes.
    type Row = (String, bool, bool, Option<(String, String)>, String);

    fn rows(doc: &str, ns: &str) -> Vec<Row> {
        let mut r = XmlReader::new(doc.as_bytes());
        let mut out = Vec::new();
        r.read_root_with_test(|r| {
            while let Some(local) = r.peek_child()? {
                let local = String::from_utf8_lossy(local).into_owned();
                let in_ns = r.ns_is(ns);
                let row = r.read_with(|r, start| {
                    let nil = r.is_nil(start)?;
                    let ty = r.xsi_type(start)?;
                    let text = r.read_text()?.into_owned();
                    Ok((local, in_ns, nil, ty, text))
                })?;
                out.push(row);
            }
            Ok(())
        })
        .expect("valid document");
        out
    }

    #[test]
    fn namespace_scopes_follow_declarations_and_end_tags() {
        let doc = r#"<r xmlns="urn:d" xmlns:x="http://www.w3.org/2001/XMLSchema-instance" xmlns:p="urn:p">
            <a>1</a>
            <p:b xmlns="urn:inner">2</p:b>
            <c xmlns="">3</c>
            <d x:nil="true"/>
            <e x:type="p:T">t &amp; u<![CDATA[<v>]]></e>
            <f nil="true">plain</f>
        </r>"#;
        let got = rows(doc, "urn:d");
        let simple: Vec<(&str, bool, bool, &str)> = got
            .iter()
            .map(|(l, n, nil, _, t)| (l.as_str(), *n, *nil, t.as_str()))
            .collect();
        assert_eq!(
            simple,
            [
                ("a", true, false, "1"),
                ("b", false, false, "2"),
                // `xmlns=""` undeclares the default namespace for `c` only.
                ("c", false, false, "3"),
                ("d", true, true, ""),
                ("e", true, false, "t & u<v>"),
                // Unprefixed `nil` is not `xsi:nil`.
                ("f", true, false, "plain"),
            ]
        );
        assert_eq!(got[4].3, Some(("urn:p".to_string(), "T".to_string())));
    }

    #[test]
    fn skipped_and_captured_elements_end_their_scopes() {
        let doc = r#"<r xmlns:p="urn:outer"><s xmlns:p="urn:skipped"><p:t xmlns:p="urn:deeper"/></s><p:a>1</p:a></r>"#;
        let mut r = XmlReader::new(doc.as_bytes());
        let ns = r
            .read_root_with_test(|r| {
                assert_eq!(r.peek_child()?, Some(&b"s"[..]));
                r.skip()?;
                assert_eq!(r.peek_child()?, Some(&b"a"[..]));
                let outer = r.ns_is("urn:outer");
                let any = r.read_any()?;
                Ok((outer, any.ns, r.resolve_qname("p:x").map(|(n, _)| n)))
            })
            .expect("valid document");
        assert_eq!(
            ns,
            (true, "urn:outer".to_string(), Some("urn:outer".to_string()))
        );
        // An unbound prefix is unknown, not "no namespace".
        let mut r = XmlReader::new(b"<r/>");
        assert_eq!(r.resolve_qname("q:x"), None);
        assert_eq!(r.resolve_qname("x"), Some((String::new(), "x")));
        assert!(r.peek_child().is_ok());
    }

    impl<'a> XmlReader<'a> {
        /// Runs `f` inside the root element (test helper).
        fn read_root_with_test<T>(
            &mut self,
            f: impl FnOnce(&mut Self) -> Result<T, Error>,
        ) -> Result<T, Error> {
            loop {
                let pos = self.inner.buffer_position();
                match self.inner.read_event().map_err(|e| self.syntax(e))? {
                    Event::Start(s) => {
                        self.ns.start(&s);
                        self.peeked = Some((s, pos));
                        return self.read_with(|r, _| f(r));
                    }
                    Event::Eof => return Err(self.error(ErrorKind::UnexpectedEof)),
                    _ => {}
                }
            }
        }
    }
}
