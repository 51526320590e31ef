//! XML callback bodies.
//!
//! Layout (CALLBACKS.md §4.2): a root element (name not relied upon) with
//! children `id`, `action`, `fields` (one child element per field),
//! optional `updated` (same shape) and `interests` (`<interest>` children,
//! or one element per interest name holding a flag).

use roxmltree::{Document, Node, ParsingOptions};

use super::{truthy, DecodeError};
use crate::callbacks::event::{Action, CallbackEvent, Fields, ObjectKind};

pub(super) fn decode(body: &[u8], kind: ObjectKind) -> Result<CallbackEvent, DecodeError> {
    let text = std::str::from_utf8(body).map_err(|e| DecodeError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // roxmltree does not strip a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // DTDs stay refused (the default): no entity expansion from the wire.
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        DecodeError::Xml {
            line: pos.row,
            column: pos.col,
            message: e.to_string(),
        }
    })?;
    let root = doc.root_element();

    let mut id = None;
    let mut action_text = None;
    let mut fields = None;
    let mut updated = None;
    let mut interests = None;
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "id" => id = Some(text_of(child).trim().to_owned()),
            "action" => action_text = Some(text_of(child)),
            "fields" => fields = Some(fields_of(child)),
            "updated" => updated = Some(fields_of(child)),
            "interests" => interests = Some(interests_of(child)),
            _ => {}
        }
    }
    let id = id.ok_or(DecodeError::MissingMember("id"))?;
    let action_text = action_text.ok_or(DecodeError::MissingMember("action"))?;
    let action = Action::parse(&action_text)
        .ok_or_else(|| DecodeError::UnknownAction(action_text.trim().to_owned()))?;
    Ok(CallbackEvent {
        kind,
        action,
        id,
        fields: fields.unwrap_or_default(),
        updated,
        interests,
    })
}

/// All text (and CDATA) below `node`, concatenated. Field values keep their
/// whitespace: it may be significant in a field.
fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

fn fields_of(node: Node<'_, '_>) -> Fields {
    node.children()
        .filter(Node::is_element)
        .map(|f| (f.tag_name().name().to_owned(), text_of(f)))
        .collect()
}

fn interests_of(node: Node<'_, '_>) -> Vec<String> {
    let mut out = Vec::new();
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name().name();
        if name == "interest" {
            out.push(text_of(child).trim().to_owned());
        } else if truthy(&text_of(child)) {
            out.push(name.to_owned());
        }
    }
    out
}
