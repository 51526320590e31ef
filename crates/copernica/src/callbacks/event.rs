//! Typed callback events: what a decoded callback body says happened.

use std::fmt;

use indexmap::IndexMap;

/// Whether a callback reports a profile (database callback) or a subprofile
/// (collection callback).
///
/// The payload itself does not say which (CALLBACKS.md §4.3): the receiver
/// knows it from the URL the callback was registered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    /// A profile in a database.
    Profile,
    /// A subprofile in a collection.
    Subprofile,
}

impl ObjectKind {
    /// The lower-case name used in the documentation and the vectors.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Profile => "profile",
            ObjectKind::Subprofile => "subprofile",
        }
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to the (sub)profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// The (sub)profile was created.
    Create,
    /// The (sub)profile was updated.
    Update,
    /// The (sub)profile was deleted.
    Delete,
}

impl Action {
    /// The wire spelling: `create`, `update` or `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }

    /// Parses the wire spelling. Surrounding whitespace is ignored (XML
    /// bodies may be indented); the case is not, as Copernica documents
    /// lower case only.
    pub fn parse(text: &str) -> Option<Action> {
        match text.trim() {
            "create" => Some(Action::Create),
            "update" => Some(Action::Update),
            "delete" => Some(Action::Delete),
            _ => None,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body format a callback was configured with (`method` in the
/// Copernica callback object).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `application/json` body.
    Json,
    /// XML body (`application/xml`, `text/xml`).
    Xml,
}

impl Format {
    /// Guesses the format from a `Content-Type` value, then from the first
    /// non-blank byte of the body (`{` or `<`), as CALLBACKS.md §4.3 advises
    /// when the callback's method is not configured.
    pub fn detect(content_type: Option<&str>, body: &[u8]) -> Option<Format> {
        if let Some(ct) = content_type {
            // Ignore parameters such as `; charset=UTF-8`.
            let essence = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if essence == "application/json" || essence.ends_with("+json") {
                return Some(Format::Json);
            }
            if essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml") {
                return Some(Format::Xml);
            }
        }
        let first = body
            .iter()
            .copied()
            // Skip a UTF-8 byte order mark as well as whitespace.
            .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))?;
        match first {
            b'{' => Some(Format::Json),
            b'<' => Some(Format::Xml),
            _ => None,
        }
    }

    /// `json` or `xml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

/// Field values of a (sub)profile, in the order the body lists them.
///
/// Values are kept as strings whatever the JSON type was (numbers keep
/// their literal text, `null` becomes the empty string), because Copernica
/// stores every field as text and ids/numbers are not typed consistently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(IndexMap<String, String>);

impl Fields {
    /// An empty field map.
    pub fn new() -> Self {
        Fields(IndexMap::new())
    }

    /// Sets a field; a repeated name keeps its first position and takes the
    /// last value.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.insert(name.into(), value.into());
    }

    /// The value of a field, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(name, value)` pairs in body order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// This map with every entry of `other` applied on top (new names are
    /// appended in `other`'s order).
    pub fn overlaid(&self, other: &Fields) -> Fields {
        let mut out = self.clone();
        for (k, v) in other.iter() {
            out.insert(k, v);
        }
        out
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Fields {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        let mut f = Fields::new();
        for (k, v) in iter {
            f.insert(k, v);
        }
        f
    }
}

/// One decoded callback: a (sub)profile was created, updated or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackEvent {
    /// Profile or subprofile (from the receiver's configuration).
    pub kind: ObjectKind,
    /// What happened.
    pub action: Action,
    /// The (sub)profile id, as text (JSON may send a number or a string).
    pub id: String,
    /// The `fields` member: the (sub)profile's fields as sent.
    pub fields: Fields,
    /// The `updated` member: present on updates, the changed fields' new
    /// values.
    pub updated: Option<Fields>,
    /// The `interests` member (profiles only): the names of the interests
    /// the profile has. `None` when the body has no `interests` member.
    pub interests: Option<Vec<String>>,
}

impl CallbackEvent {
    /// The id as a number, when it is one.
    pub fn id_u64(&self) -> Option<u64> {
        self.id.trim().parse().ok()
    }

    /// The state after the change: `fields` overlaid with `updated`.
    ///
    /// Whether `fields` holds the values before or after an update is not
    /// documented (CALLBACKS.md §4.1); the overlay is right under either
    /// reading.
    pub fn new_state(&self) -> Fields {
        match &self.updated {
            Some(updated) => self.fields.overlaid(updated),
            None => self.fields.clone(),
        }
    }
}
