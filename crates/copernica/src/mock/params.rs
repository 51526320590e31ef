//! The neutral parameter bag handed to [`crate::mock::Store::call`].
//!
//! It mirrors the XML of an `input_<Method>` element: an ordered list of named
//! children, where a name may repeat (`<requirements><requirement/>…`), a child is a
//! scalar text, a nested structure, a list, or nil (`xsi:nil`). The SOAP layer can
//! build it straight from the generated request type or from the raw XML tree.
//!
//! Readers are lenient about container shapes, so that both a literal XML mapping and
//! a hand-built bag work:
//! * a Map (`fields`, `interests`, `options`, `search`, `metadata`) is a struct of
//!   repeated `pair` children each holding `key`/`value`, or a list of such structs,
//!   or a plain struct whose child names are the keys;
//! * `requirements` is a struct of repeated `requirement` children or a list;
//! * `ids`, copy `options` and `Array` are a struct of repeated `item` children, a
//!   list of scalars, or one scalar.

use super::fault::MockFault;

/// One parameter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `xsi:nil="true"` or an explicit null.
    Nil,
    /// Text content of a simple-typed element (numbers and booleans included).
    Scalar(String),
    /// A nested structure (complex-typed element).
    Struct(Params),
    /// A list of values, for layers that already grouped repeated elements.
    List(Vec<Value>),
}

impl Value {
    /// A Map parameter in its wire shape: repeated `pair{key,value}` children.
    pub fn map<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Value {
        let mut p = Params::new();
        for (k, v) in pairs {
            p.push(
                "pair",
                Value::Struct(Params::new().with("key", k.into()).with("value", v.into())),
            );
        }
        Value::Struct(p)
    }

    /// A list of scalars in its wire shape: repeated `item` children.
    pub fn items<V: Into<String>>(items: impl IntoIterator<Item = V>) -> Value {
        let mut p = Params::new();
        for v in items {
            p.push("item", Value::Scalar(v.into()));
        }
        Value::Struct(p)
    }

    /// The text of a scalar; `None` for nil, structs and lists.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The nested structure, if this is one.
    pub fn as_struct(&self) -> Option<&Params> {
        match self {
            Value::Struct(p) => Some(p),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Scalar(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Scalar(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::Scalar(s.clone())
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Scalar(n.to_string())
    }
}
impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Value::Scalar(n.to_string())
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Scalar(n.to_string())
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Scalar(n.to_string())
    }
}
impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::Scalar(n.to_string())
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Scalar(if b { "true" } else { "false" }.to_owned())
    }
}
impl From<Params> for Value {
    fn from(p: Params) -> Self {
        Value::Struct(p)
    }
}

/// Ordered name → value children of one element; names may repeat.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    entries: Vec<(String, Value)>,
}

impl Params {
    /// An empty bag.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builder form of [`Params::push`].
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.push(key, value);
        self
    }

    /// Appends a child (repeating a name is allowed and keeps order).
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        self.entries.push((key.into(), value.into()));
    }

    /// First child with this name.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// All children with this name, in order.
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.entries
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// All children in order.
    pub fn entries(&self) -> &[(String, Value)] {
        &self.entries
    }

    /// True when there are no children.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Text of the first child with this name, if it is a scalar.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }
}

/// Parses an API boolean: `1`/`true`/`yes` and `0`/`false`/`no`/empty.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

/// One search condition (structure 'requirement').
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// Field to compare; unknown names make the requirement be skipped.
    pub fieldname: String,
    /// Value to compare with (nil = empty string).
    pub value: String,
    /// Operator text as given (`=` when absent).
    pub operator: String,
    /// Compare case-sensitively (default false, as MySQL's default collation).
    pub casesensitive: bool,
}

impl Requirement {
    /// `fieldname = value`, case-insensitive.
    pub fn eq(fieldname: &str, value: &str) -> Self {
        Self::new(fieldname, "=", value)
    }

    /// `fieldname <operator> value`, case-insensitive.
    pub fn new(fieldname: &str, operator: &str, value: &str) -> Self {
        Requirement {
            fieldname: fieldname.to_owned(),
            value: value.to_owned(),
            operator: operator.to_owned(),
            casesensitive: false,
        }
    }

    /// The requirement as a parameter structure.
    pub fn to_value(&self) -> Value {
        Value::Struct(
            Params::new()
                .with("fieldname", self.fieldname.as_str())
                .with("value", self.value.as_str())
                .with("operator", self.operator.as_str())
                .with("casesensitive", self.casesensitive),
        )
    }
}

/// `requirements` parameter in its wire shape.
pub fn requirements_value(reqs: &[Requirement]) -> Value {
    let mut p = Params::new();
    for r in reqs {
        p.push("requirement", r.to_value());
    }
    Value::Struct(p)
}

/// Typed, fault-producing access to the parameters of one call.
pub(crate) struct Args<'a> {
    pub op: &'a str,
    pub p: &'a Params,
}

impl<'a> Args<'a> {
    pub fn new(op: &'a str, p: &'a Params) -> Self {
        Args { op, p }
    }

    fn missing(&self, name: &str) -> MockFault {
        MockFault::MissingParameter {
            operation: self.op.to_owned(),
            name: name.to_owned(),
        }
    }

    /// Optional text; nil and absent are both `None`.
    pub fn opt_str(&self, name: &str) -> Option<&'a str> {
        self.p.get(name).and_then(Value::as_str)
    }

    /// Required text (nil counts as the empty string, since it was sent).
    pub fn str(&self, name: &str) -> Result<&'a str, MockFault> {
        match self.p.get(name) {
            Some(Value::Scalar(s)) => Ok(s),
            Some(Value::Nil) => Ok(""),
            Some(_) => Err(MockFault::invalid(name, "expected a simple value")),
            None => Err(self.missing(name)),
        }
    }

    pub fn opt_i64(&self, name: &str) -> Result<Option<i64>, MockFault> {
        match self.opt_str(name) {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| MockFault::invalid(name, format!("'{s}' is not an integer"))),
        }
    }

    pub fn i64(&self, name: &str) -> Result<i64, MockFault> {
        self.opt_i64(name)?.ok_or_else(|| self.missing(name))
    }

    /// Required object id (non-negative integer).
    pub fn id(&self, name: &str) -> Result<u64, MockFault> {
        let n = self.i64(name)?;
        u64::try_from(n).map_err(|_| MockFault::invalid(name, format!("'{n}' is not an id")))
    }

    pub fn opt_id(&self, name: &str) -> Result<Option<u64>, MockFault> {
        match self.opt_i64(name)? {
            None => Ok(None),
            Some(n) => u64::try_from(n)
                .map(Some)
                .map_err(|_| MockFault::invalid(name, format!("'{n}' is not an id"))),
        }
    }

    pub fn opt_bool(&self, name: &str) -> Result<Option<bool>, MockFault> {
        match self.opt_str(name) {
            None => Ok(None),
            Some(s) => parse_bool(s)
                .map(Some)
                .ok_or_else(|| MockFault::invalid(name, format!("'{s}' is not a boolean"))),
        }
    }

    pub fn flag(&self, name: &str) -> Result<bool, MockFault> {
        Ok(self.opt_bool(name)?.unwrap_or(false))
    }

    pub fn opt_struct(&self, name: &str) -> Option<&'a Params> {
        self.p.get(name).and_then(Value::as_struct)
    }

    /// A reference to another object: a struct with `id` (or `name`), or a bare scalar.
    pub fn object_ref(&self, name: &str) -> Result<Option<ObjectRef>, MockFault> {
        match self.p.get(name) {
            None | Some(Value::Nil) => Ok(None),
            Some(Value::Scalar(s)) => Ok(Some(ObjectRef::parse(s))),
            Some(Value::Struct(p)) => Ok(ObjectRef::from_struct(p)),
            Some(Value::List(l)) => match l.first() {
                Some(Value::Struct(p)) => Ok(ObjectRef::from_struct(p)),
                Some(Value::Scalar(s)) => Ok(Some(ObjectRef::parse(s))),
                _ => Ok(None),
            },
        }
    }

    /// All references given under a repeated name (`View_copy`'s two `view`s).
    pub fn object_refs(&self, name: &str) -> Vec<ObjectRef> {
        let mut out = Vec::new();
        for v in self.p.get_all(name) {
            match v {
                Value::Scalar(s) => out.push(ObjectRef::parse(s)),
                Value::Struct(p) => out.extend(ObjectRef::from_struct(p)),
                Value::List(l) => {
                    for v in l {
                        match v {
                            Value::Scalar(s) => out.push(ObjectRef::parse(s)),
                            Value::Struct(p) => out.extend(ObjectRef::from_struct(p)),
                            _ => {}
                        }
                    }
                }
                Value::Nil => {}
            }
        }
        out
    }

    pub fn opt_map(&self, name: &str) -> Option<Vec<(String, String)>> {
        self.p.get(name).map(read_map)
    }

    pub fn map(&self, name: &str) -> Result<Vec<(String, String)>, MockFault> {
        self.opt_map(name).ok_or_else(|| self.missing(name))
    }

    pub fn requirements(&self, name: &str) -> Result<Vec<Requirement>, MockFault> {
        let v = self.p.get(name).ok_or_else(|| self.missing(name))?;
        let mut out = Vec::new();
        for item in read_list(v, "requirement") {
            let Value::Struct(r) = item else {
                return Err(MockFault::invalid(
                    name,
                    "a requirement must be a structure",
                ));
            };
            let fieldname = r
                .str("fieldname")
                .ok_or_else(|| MockFault::invalid(name, "requirement without fieldname"))?;
            let casesensitive = match r.str("casesensitive") {
                None => false,
                Some(s) => parse_bool(s).ok_or_else(|| {
                    MockFault::invalid("casesensitive", format!("'{s}' is not a boolean"))
                })?,
            };
            out.push(Requirement {
                fieldname: fieldname.to_owned(),
                value: r.str("value").unwrap_or("").to_owned(),
                operator: r.str("operator").unwrap_or("=").to_owned(),
                casesensitive,
            });
        }
        Ok(out)
    }

    /// Scalars of an `Ids`/`Options`/`Array` parameter.
    pub fn items(&self, name: &str) -> Option<Vec<String>> {
        let v = self.p.get(name)?;
        Some(
            read_list(v, "item")
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        )
    }

    pub fn ids(&self, name: &str) -> Result<Vec<u64>, MockFault> {
        let items = self.items(name).ok_or_else(|| self.missing(name))?;
        let mut out = Vec::new();
        for s in items {
            // A bare scalar may hold a comma-separated list (lenient on purpose).
            for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                out.push(
                    part.parse::<u64>()
                        .map_err(|_| MockFault::invalid(name, format!("'{part}' is not an id")))?,
                );
            }
        }
        Ok(out)
    }

    /// `start`, `length`, `allproperties`.
    pub fn paging(&self) -> Result<Paging, MockFault> {
        let start = self.opt_i64("start")?.unwrap_or(0).max(0) as usize;
        let length = match self.opt_i64("length")? {
            None => Paging::DEFAULT_LENGTH,
            Some(n) => (n.max(0) as usize).min(Paging::MAX_LENGTH),
        };
        Ok(Paging {
            start,
            length,
            allproperties: self.flag("allproperties")?,
        })
    }
}

/// Paging parameters of the list methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// Index of the first element.
    pub start: usize,
    /// Maximum number of elements.
    pub length: usize,
    /// Fill all properties (profile fields and interests).
    pub allproperties: bool,
}

impl Paging {
    /// Length when the caller sends none (the real default is not documented).
    pub const DEFAULT_LENGTH: usize = 100;
    /// Upper bound on one page, so a careless client cannot ask for everything at once.
    pub const MAX_LENGTH: usize = 1000;

    /// A page of `length` elements from `start`.
    pub fn new(start: usize, length: usize, allproperties: bool) -> Self {
        Paging {
            start,
            length: length.min(Self::MAX_LENGTH),
            allproperties,
        }
    }
}

impl Default for Paging {
    fn default() -> Self {
        Paging::new(0, Paging::DEFAULT_LENGTH, false)
    }
}

/// A reference to an object by id or by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectRef {
    /// Numeric id.
    Id(u64),
    /// Name (or any non-numeric identifier).
    Name(String),
}

impl ObjectRef {
    /// Numeric text is an id, anything else a name.
    pub fn parse(s: &str) -> Self {
        match s.trim().parse::<u64>() {
            Ok(n) => ObjectRef::Id(n),
            Err(_) => ObjectRef::Name(s.to_owned()),
        }
    }

    fn from_struct(p: &Params) -> Option<Self> {
        if let Some(id) = p.str("id").filter(|s| !s.trim().is_empty()) {
            return Some(ObjectRef::parse(id));
        }
        p.str("name").map(|n| ObjectRef::Name(n.to_owned()))
    }
}

/// Flattens a container into its members: children named `item_name`, a list, or
/// the value itself when it is a single member.
fn read_list<'v>(v: &'v Value, item_name: &str) -> Vec<&'v Value> {
    match v {
        Value::Nil => Vec::new(),
        // An empty element (`<requirements/>`) reads as empty text: no members.
        Value::Scalar(s) if s.trim().is_empty() => Vec::new(),
        Value::Scalar(_) => vec![v],
        Value::List(l) => l.iter().flat_map(flatten_member).collect(),
        Value::Struct(p) => {
            if p.is_empty() {
                Vec::new()
            } else if p.entries().iter().all(|(k, _)| k == item_name) {
                p.entries()
                    .iter()
                    .flat_map(|(_, x)| flatten_member(x))
                    .collect()
            } else {
                vec![v]
            }
        }
    }
}

/// A List under an item name holds the repeated members themselves.
fn flatten_member(v: &Value) -> Vec<&Value> {
    match v {
        Value::List(l) => l.iter().collect(),
        _ => vec![v],
    }
}

fn read_map(v: &Value) -> Vec<(String, String)> {
    let pair_of = |p: &Params| -> Option<(String, String)> {
        let key = p.str("key")?;
        Some((key.to_owned(), p.str("value").unwrap_or("").to_owned()))
    };
    match v {
        Value::Nil | Value::Scalar(_) => Vec::new(),
        Value::List(l) => l
            .iter()
            .filter_map(|x| x.as_struct().and_then(pair_of))
            .collect(),
        Value::Struct(p) => {
            if p.entries().iter().all(|(k, _)| k == "pair") {
                p.entries()
                    .iter()
                    .flat_map(|(_, x)| match x {
                        Value::List(l) => l.iter().collect::<Vec<_>>(),
                        other => vec![other],
                    })
                    .filter_map(|x| x.as_struct().and_then(pair_of))
                    .collect()
            } else {
                p.entries()
                    .iter()
                    .map(|(k, x)| (k.clone(), x.as_str().unwrap_or("").to_owned()))
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_maps_in_all_shapes() {
        let wire = Params::new().with("fields", Value::map([("a", "1"), ("b", "2")]));
        let plain = Params::new().with("fields", Params::new().with("a", "1").with("b", "2"));
        let list = Params::new().with(
            "fields",
            Value::List(vec![
                Params::new().with("key", "a").with("value", "1").into(),
                Params::new().with("key", "b").with("value", "2").into(),
            ]),
        );
        for p in [&wire, &plain, &list] {
            let m = Args::new("X", p).map("fields").unwrap();
            assert_eq!(m, vec![("a".into(), "1".into()), ("b".into(), "2".into())]);
        }
    }

    #[test]
    fn reads_ids_and_requirements() {
        let p = Params::new()
            .with("ids", Value::items(["3", "4"]))
            .with("one", "7,8")
            .with(
                "requirements",
                requirements_value(&[Requirement::eq("x", "y")]),
            );
        let a = Args::new("X", &p);
        assert_eq!(a.ids("ids").unwrap(), vec![3, 4]);
        assert_eq!(a.ids("one").unwrap(), vec![7, 8]);
        let r = a.requirements("requirements").unwrap();
        assert_eq!(r, vec![Requirement::eq("x", "y")]);
        assert!(matches!(
            a.ids("missing"),
            Err(MockFault::MissingParameter { .. })
        ));
        let bad = Params::new().with("id", "x1");
        assert!(matches!(
            Args::new("X", &bad).id("id"),
            Err(MockFault::InvalidParameter { .. })
        ));
    }
}
