//! The baseline: a raw quick-xml event loop over the same bytes, the least
//! any reader must do (every event read, every text unescaped, every
//! attribute iterated and unescaped).

use quick_xml::events::Event;
use quick_xml::Reader;

/// Reads all of `input`; returns the number of events and of text bytes
/// (so the work cannot be optimised away).
pub fn event_loop(input: &[u8]) -> Result<(usize, usize), quick_xml::Error> {
    let mut reader = Reader::from_reader(input);
    let mut events = 0usize;
    let mut text = 0usize;
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.map_err(quick_xml::Error::from)?;
                    text += a.unescape_value()?.len();
                }
            }
            Event::Text(t) => text += t.unescape()?.len(),
            Event::CData(c) => text += c.len(),
            _ => {}
        }
        events += 1;
    }
    Ok((events, text))
}

/// The same loop over quick-xml's namespace-aware reader, resolving every
/// element name (what a schema-driven reader needs at least): shows how
/// much of a reader's time namespace handling alone costs.
pub fn ns_event_loop(input: &[u8]) -> Result<(usize, usize), quick_xml::Error> {
    let mut reader = quick_xml::NsReader::from_reader(input);
    let mut events = 0usize;
    let mut text = 0usize;
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let (ns, _) = reader.resolve_element(e.name());
                text += usize::from(matches!(ns, quick_xml::name::ResolveResult::Bound(_)));
                for a in e.attributes() {
                    let a = a.map_err(quick_xml::Error::from)?;
                    text += a.unescape_value()?.len();
                }
            }
            Event::Text(t) => text += t.unescape()?.len(),
            Event::CData(c) => text += c.len(),
            _ => {}
        }
        events += 1;
    }
    Ok((events, text))
}
