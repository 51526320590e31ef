//! Callback bodies for a [`ChangeEvent`], in the layout of CALLBACKS.md §4.2 (the
//! one the signed test vectors use):
//!
//! * JSON: `{"id":"4711","action":"update","fields":{…},"updated":{…},"interests":[…]}`,
//!   written the way PHP's `json_encode` does by default (compact, `/` as `\/`,
//!   non-ASCII as `\uXXXX`), `updated` only for updates, `interests` only for profiles;
//! * XML: a `<profile>`/`<subprofile>` root with `id`, `action`, `fields` (one child
//!   per field), optional `updated` and `interests` (`<interest>` per name).

use std::fmt::Write as _;

use super::events::{ChangeAction, ChangeEvent, ChangeKind};

/// Body format of a callback (its `method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadFormat {
    /// `application/json`.
    Json,
    /// `application/xml`.
    Xml,
}

impl PayloadFormat {
    /// The format for a callback `method` (`xml`, else JSON: `json` is the default
    /// of `Database_createCallback`).
    pub fn from_method(method: &str) -> PayloadFormat {
        if method.trim().eq_ignore_ascii_case("xml") {
            PayloadFormat::Xml
        } else {
            PayloadFormat::Json
        }
    }

    /// The `Content-Type` sent with it (no charset: it is signed as is).
    pub fn content_type(self) -> &'static str {
        match self {
            PayloadFormat::Json => "application/json",
            PayloadFormat::Xml => "application/xml",
        }
    }
}

/// The body for `event` in `format`.
pub fn payload(event: &ChangeEvent, format: PayloadFormat) -> Vec<u8> {
    match format {
        PayloadFormat::Json => payload_json(event),
        PayloadFormat::Xml => payload_xml(event),
    }
    .into_bytes()
}

/// The JSON body (see the module documentation).
pub fn payload_json(event: &ChangeEvent) -> String {
    let mut s = String::with_capacity(128);
    s.push_str("{\"id\":");
    json_string(&mut s, &event.id.to_string());
    s.push_str(",\"action\":");
    json_string(&mut s, event.action.as_str());
    s.push_str(",\"fields\":");
    json_object(&mut s, &event.fields);
    if event.action == ChangeAction::Update {
        s.push_str(",\"updated\":");
        json_object(&mut s, &event.updated);
    }
    if event.kind == ChangeKind::Profile {
        s.push_str(",\"interests\":[");
        for (i, name) in event.interests.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            json_string(&mut s, name);
        }
        s.push(']');
    }
    s.push('}');
    s
}

fn json_object(s: &mut String, pairs: &[(String, String)]) {
    // PHP encodes an empty array as `[]`, but a field map is an object on the wire;
    // `{}` keeps the member's type stable for receivers.
    s.push('{');
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        json_string(s, k);
        s.push(':');
        json_string(s, v);
    }
    s.push('}');
}

/// A JSON string as PHP's `json_encode` writes it by default.
fn json_string(s: &mut String, text: &str) {
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '/' => s.push_str("\\/"),
            '\u{08}' => s.push_str("\\b"),
            '\u{0c}' => s.push_str("\\f"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if c.is_ascii() && !c.is_ascii_control() => s.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(s, "\\u{unit:04x}");
                }
            }
        }
    }
    s.push('"');
}

/// The XML body (see the module documentation).
pub fn payload_xml(event: &ChangeEvent) -> String {
    let root = match event.kind {
        ChangeKind::Profile => "profile",
        ChangeKind::SubProfile => "subprofile",
    };
    let mut s = String::with_capacity(256);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    s.push_str(root);
    s.push_str("><id>");
    s.push_str(&event.id.to_string());
    s.push_str("</id><action>");
    s.push_str(event.action.as_str());
    s.push_str("</action>");
    xml_map(&mut s, "fields", &event.fields);
    if event.action == ChangeAction::Update {
        xml_map(&mut s, "updated", &event.updated);
    }
    if event.kind == ChangeKind::Profile {
        s.push_str("<interests>");
        for name in &event.interests {
            s.push_str("<interest>");
            xml_text(&mut s, name);
            s.push_str("</interest>");
        }
        s.push_str("</interests>");
    }
    s.push_str("</");
    s.push_str(root);
    s.push_str(">\n");
    s
}

fn xml_map(s: &mut String, element: &str, pairs: &[(String, String)]) {
    let _ = write!(s, "<{element}>");
    for (name, value) in pairs {
        // Field names are element names; a name that is not a valid XML name cannot
        // be written that way and is left out rather than breaking the document.
        if !is_xml_name(name) {
            continue;
        }
        let _ = write!(s, "<{name}>");
        xml_text(s, value);
        let _ = write!(s, "</{name}>");
    }
    let _ = write!(s, "</{element}>");
}

fn xml_text(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => s.push(c),
        }
    }
}

fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("xml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(action: ChangeAction, kind: ChangeKind) -> ChangeEvent {
        ChangeEvent {
            seq: 1,
            action,
            kind,
            id: 4711,
            database: 1,
            collection: None,
            profile: None,
            fields: vec![
                ("email".into(), "zoe.devries@example.com".into()),
                ("firstname".into(), "Zoë".into()),
                ("company".into(), "Microsoft".into()),
            ],
            updated: vec![("company".into(), "Apple".into())],
            interests: vec!["football".into(), "tennis".into()],
            timestamp: "2025-01-14 10:15:27".into(),
        }
    }

    #[test]
    fn json_matches_the_documented_layout() {
        let json = payload_json(&event(ChangeAction::Update, ChangeKind::Profile));
        assert_eq!(
            json,
            r#"{"id":"4711","action":"update","fields":{"email":"zoe.devries@example.com","firstname":"Zo\u00eb","company":"Microsoft"},"updated":{"company":"Apple"},"interests":["football","tennis"]}"#
        );
        let json = payload_json(&event(ChangeAction::Delete, ChangeKind::SubProfile));
        assert!(!json.contains("updated") && !json.contains("interests"));
    }

    #[test]
    fn json_escapes_like_php() {
        let mut s = String::new();
        json_string(&mut s, "a/b\"c\u{1F600}\u{1}");
        assert_eq!(s, r#""a\/b\"c\ud83d\ude00\u0001""#);
    }

    #[test]
    fn xml_matches_the_documented_layout() {
        let xml = payload_xml(&event(ChangeAction::Update, ChangeKind::Profile));
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<profile><id>4711</id><action>update</action>\
             <fields><email>zoe.devries@example.com</email><firstname>Zoë</firstname><company>Microsoft</company></fields>\
             <updated><company>Apple</company></updated>\
             <interests><interest>football</interest><interest>tennis</interest></interests></profile>\n"
        );
    }
}
