//! The generic result shapes of `OBJECT_MODEL.md` §6 as Rust types.
//!
//! Every operation returns the WSDL's one `Result` type, a choice of: a scalar
//! `value`, an `array` of items, a key/value `map`, a paged collection
//! (`start`/`length`/`total`/`items`), one entity element, or nothing
//! ("false"). [`Reply`] wraps it and turns it into the shape an operation is
//! documented to return, failing with [`Error::UnexpectedResult`] otherwise.

use indexmap::IndexMap;
use soapgen_runtime::types::Nillable;

use crate::error::{Error, Result};
use crate::generated::soap_copernica_com as model;
use model::ResultChoice;

/// An ordered key/value map: the `Map` of pairs Copernica uses for field values,
/// interests, options and metadata. Keys keep the order the server sent (or the
/// order they were inserted in); a `nil` value reads as the empty string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields(pub IndexMap<String, String>);

impl Fields {
    /// An empty map.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Adds (or replaces) a value and returns the map, for building literals.
    pub fn with(mut self, key: impl Into<String>, value: impl Into<String>) -> Fields {
        self.0.insert(key.into(), value.into());
        self
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The wire form.
    pub fn to_map(&self) -> model::Map {
        model::Map {
            pair: self
                .0
                .iter()
                .map(|(k, v)| model::Pair {
                    key: k.clone(),
                    value: Some(Nillable::Value(v.clone())),
                })
                .collect(),
        }
    }

    /// From the wire form (later duplicates of a key win).
    pub fn from_map(map: model::Map) -> Fields {
        map.pair
            .into_iter()
            .map(|p| {
                let value = match p.value {
                    Some(Nillable::Value(v)) => v,
                    Some(Nillable::Nil) | None => String::new(),
                };
                (p.key, value)
            })
            .collect()
    }
}

impl std::ops::Deref for Fields {
    type Target = IndexMap<String, String>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Fields {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Fields {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Fields(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for Fields {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl IntoIterator for Fields {
    type Item = (String, String);
    type IntoIter = indexmap::map::IntoIter<String, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a String, &'a String);
    type IntoIter = indexmap::map::Iter<'a, String, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<model::Map> for Fields {
    fn from(map: model::Map) -> Self {
        Fields::from_map(map)
    }
}

/// One page of a paged result.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// Offset of the first item.
    pub start: i32,
    /// Number of items the server put in this page.
    pub length: i32,
    /// Number of matching objects in total.
    pub total: i32,
    /// The objects of this page.
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// Converts the items.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            start: self.start,
            length: self.length,
            total: self.total,
            items: self.items.into_iter().map(f).collect(),
        }
    }
}

/// A structure that can be returned as the single entity of a result.
pub trait Entity: Sized {
    /// The structure's name as in the result (for error messages).
    const NAME: &'static str;
    /// Takes the entity out of the result choice, or gives the choice back.
    fn from_choice(choice: ResultChoice) -> std::result::Result<Self, Box<ResultChoice>>;
}

/// A structure that appears as the items of a paged result.
pub trait Listed: Sized {
    /// Takes this type's items out of the `items` element.
    fn from_items(items: model::Items) -> Vec<Self>;
}

macro_rules! entity {
    ($ty:ident, $name:literal, [$($variant:ident),+] $(, items: $member:ident)?) => {
        impl Entity for model::$ty {
            const NAME: &'static str = $name;
            fn from_choice(choice: ResultChoice) -> std::result::Result<Self, Box<ResultChoice>> {
                match choice {
                    $(ResultChoice::$variant(v) => Ok(v),)+
                    other => Err(Box::new(other)),
                }
            }
        }
        $(impl Listed for model::$ty {
            fn from_items(items: model::Items) -> Vec<Self> {
                items.$member
            }
        })?
    };
}

entity!(Account, "account", [Account]);
entity!(Database, "database", [Database], items: database);
entity!(Collection, "collection", [Collection], items: collection);
entity!(Field, "field", [Field], items: field);
entity!(CollectionField, "collectionfield", [Collectionfield], items: collectionfield);
entity!(Profile, "profile", [Profile], items: profile);
entity!(SubProfile, "subprofile", [Subprofile], items: subprofile);
entity!(Interest, "interest", [Interest], items: interest);
entity!(View, "view", [View], items: view);
entity!(Miniview, "miniview", [Miniview], items: miniview);
entity!(Rule, "rule", [Rule, Minirule], items: rule);
entity!(Callback, "callback", [Callback], items: callback);
entity!(PdfTemplate, "pdftemplate", [Pdftemplate], items: pdftemplate);
entity!(WebTemplate, "webtemplate", [Webtemplate]);
entity!(EmailingTemplate, "emailingtemplate", [Emailingtemplate], items: emailingtemplate);
entity!(EmailingDocument, "emailingdocument", [Emailingdocument], items: emailingdocument);
entity!(
    DocumentFile,
    "documentfile",
    [Emailingdocumentfile, Webdocumentfile]
);
entity!(User, "user", [User]);
entity!(
    EnvironmentStatistics,
    "environmentstatistics",
    [Environmentstatistics]
);
entity!(
    EmailingStatistics,
    "emailingstatistics",
    [Emailingstatistics]
);
entity!(SmsStatistics, "smsstatistics", [Smsstatistics]);
entity!(
    PdfTemplateProperty,
    "pdftemplateproperty",
    [Pdftemplateproperty]
);
entity!(Font, "font", [Font]);
entity!(
    LitmusSpamTestResult,
    "litmusspamtestresult",
    [Litmusspamtestresult]
);
entity!(ProcessedEmailing, "processedemailing", [Processedemailing], items: processedemailing);
entity!(ScheduledEmailing, "scheduledemailing", [Scheduledemailing], items: scheduledemailing);
entity!(
    Condition,
    "condition",
    [
        Miniviewcondition,
        Lastcontactcondition,
        Smscondition,
        Faxcondition,
        Emailcondition,
        Surveycondition,
        Todocondition,
        Datecondition,
        Changecondition,
        Interestcondition,
        Exportcondition,
        Doublefieldcondition,
        Partcondition,
        Referviewcondition,
        Fieldcondition
    ]
);

// `Import` only ever comes in lists (Database_imports): there is no `import`
// member in the `Result` choice.
impl Listed for model::Import {
    fn from_items(items: model::Items) -> Vec<Self> {
        items.import
    }
}

/// The name of the shape a result holds, for error messages.
pub fn shape_name(choice: Option<&ResultChoice>) -> String {
    let Some(choice) = choice else {
        return "an empty result".to_owned();
    };
    let name = match choice {
        ResultChoice::Value(_) => "value",
        ResultChoice::Array(_) => "array",
        ResultChoice::Map(_) => "map",
        ResultChoice::Sequence(_) => "paged list",
        // Entities: the Debug name of the variant is the element name, capitalised.
        other => {
            let debug = format!("{other:?}");
            let variant = debug.split('(').next().unwrap_or("entity").to_lowercase();
            return format!("entity {variant}");
        }
    };
    name.to_owned()
}

/// The decoded `Result` of one operation, to be read as the shape the
/// operation returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    operation: &'static str,
    result: model::Result,
}

impl Reply {
    /// Wraps the generated result of `operation`.
    pub fn new(operation: &'static str, result: model::Result) -> Reply {
        Reply { operation, result }
    }

    /// The operation that produced it.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The generated `Result` as received.
    pub fn into_inner(self) -> model::Result {
        self.result
    }

    /// The result choice, `None` for an empty ("false") result.
    pub fn choice(&self) -> Option<&ResultChoice> {
        self.result.choice.as_ref()
    }

    fn unexpected(&self, expected: &'static str) -> Error {
        Error::UnexpectedResult {
            operation: self.operation,
            expected,
            found: shape_name(self.result.choice.as_ref()),
        }
    }

    /// True when the result is empty (Copernica's `false`).
    pub fn is_empty(&self) -> bool {
        self.result.choice.is_none()
    }

    /// A scalar `value` (`None` when nil); an empty result is an error.
    pub fn value(self) -> Result<Option<String>> {
        match self.result.choice {
            Some(ResultChoice::Value(Nillable::Value(v))) => Ok(Some(v)),
            Some(ResultChoice::Value(Nillable::Nil)) => Ok(None),
            _ => Err(self.unexpected("value")),
        }
    }

    /// A boolean `value`: `1`/`true` is true; `0`/`false`/empty and an empty
    /// result are false (Copernica answers "false" for failed checks).
    pub fn boolean(self) -> Result<bool> {
        match &self.result.choice {
            None => Ok(false),
            Some(ResultChoice::Value(Nillable::Nil)) => Ok(false),
            Some(ResultChoice::Value(Nillable::Value(v))) => match v.trim() {
                "1" | "true" => Ok(true),
                "0" | "false" | "" => Ok(false),
                other => Err(Error::InvalidValue {
                    operation: self.operation,
                    message: format!("'{other}' is not a boolean"),
                }),
            },
            Some(_) => Err(self.unexpected("boolean value")),
        }
    }

    /// Succeeds for any result (for operations that return nothing useful).
    pub fn unit(self) -> Result<()> {
        Ok(())
    }

    /// A key/value `map`; an empty result is an empty map.
    pub fn map(self) -> Result<Fields> {
        match self.result.choice {
            Some(ResultChoice::Map(m)) => Ok(Fields::from_map(m)),
            None => Ok(Fields::new()),
            _ => Err(self.unexpected("map")),
        }
    }

    /// An `array` of scalars (nil items read as empty strings).
    pub fn array(self) -> Result<Vec<String>> {
        match self.result.choice {
            Some(ResultChoice::Array(a)) => Ok(a
                .item
                .into_iter()
                .map(|i| match i {
                    Nillable::Value(v) => v,
                    Nillable::Nil => String::new(),
                })
                .collect()),
            None => Ok(Vec::new()),
            _ => Err(self.unexpected("array")),
        }
    }

    /// A paged list of `T`.
    pub fn page<T: Listed>(self) -> Result<Page<T>> {
        match self.result.choice {
            Some(ResultChoice::Sequence(s)) => Ok(Page {
                start: s.start,
                length: s.length,
                total: s.total,
                items: T::from_items(s.items),
            }),
            _ => Err(self.unexpected("paged list")),
        }
    }

    /// One entity of type `T`; an empty result is an error.
    pub fn entity<T: Entity>(self) -> Result<T> {
        let operation = self.operation;
        match self.optional_entity()? {
            Some(v) => Ok(v),
            None => Err(Error::UnexpectedResult {
                operation,
                expected: T::NAME,
                found: "an empty result".to_owned(),
            }),
        }
    }

    /// One entity of type `T`, or `None` for an empty ("false") result.
    pub fn optional_entity<T: Entity>(self) -> Result<Option<T>> {
        let operation = self.operation;
        match self.result.choice {
            None => Ok(None),
            Some(choice) => {
                T::from_choice(choice)
                    .map(Some)
                    .map_err(|other| Error::UnexpectedResult {
                        operation,
                        expected: T::NAME,
                        found: shape_name(Some(&other)),
                    })
            }
        }
    }
}
