//! [`Query`]: search requirements, order and paging of the `search…` and
//! `update…` methods.

use soapgen_runtime::types::Nillable;

use crate::generated::soap_copernica_com as model;
use crate::paging::DEFAULT_PAGE_SIZE;

/// Which (sub)profiles to select: all requirements must hold (`OBJECT_MODEL.md`
/// §5: unknown field names are skipped by the server). Also the sort order
/// and the page size used when streaming the result.
///
/// ```
/// use copernica::objects::Query;
/// let q = Query::new().eq("city", "Utrecht").filter("age", ">=", "18").order_by("age", true);
/// assert_eq!(q.requirements().len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    requirements: Vec<model::Requirement>,
    order: Option<String>,
    asc: Option<bool>,
    page_size: i32,
    all_properties: bool,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            requirements: Vec::new(),
            order: None,
            asc: None,
            page_size: DEFAULT_PAGE_SIZE,
            all_properties: true,
        }
    }
}

impl Query {
    /// Everything (no requirements), all properties, pages of
    /// [`DEFAULT_PAGE_SIZE`].
    pub fn new() -> Query {
        Query::default()
    }

    /// `field = value`.
    pub fn eq(self, field: impl Into<String>, value: impl Into<String>) -> Query {
        self.filter(field, "=", value)
    }

    /// `field <operator> value`; operators as the API knows them (`=`, `!=`,
    /// `<`, `>`, `<=`, `>=`, `LIKE`, ...).
    pub fn filter(
        mut self,
        field: impl Into<String>,
        operator: impl Into<String>,
        value: impl Into<String>,
    ) -> Query {
        self.requirements.push(model::Requirement {
            fieldname: field.into(),
            value: Some(Nillable::Value(value.into())),
            operator: Some(operator.into()),
            casesensitive: None,
        });
        self
    }

    /// Adds a requirement as is (e.g. with `casesensitive`).
    pub fn requirement(mut self, requirement: model::Requirement) -> Query {
        self.requirements.push(requirement);
        self
    }

    /// Sort by `field`, ascending or descending.
    pub fn order_by(mut self, field: impl Into<String>, ascending: bool) -> Query {
        self.order = Some(field.into());
        self.asc = Some(ascending);
        self
    }

    /// Objects fetched per request when streaming (1 ..= 1000).
    pub fn page_size(mut self, size: i32) -> Query {
        self.page_size = size;
        self
    }

    /// Ask for all properties (fields, interests); on by default. Without it
    /// Copernica returns little more than ids (cheaper).
    pub fn all_properties(mut self, all: bool) -> Query {
        self.all_properties = all;
        self
    }

    /// The requirements so far.
    pub fn requirements(&self) -> &[model::Requirement] {
        &self.requirements
    }

    pub(crate) fn wire(&self) -> model::Requirements {
        model::Requirements {
            requirement: self.requirements.clone(),
        }
    }

    pub(crate) fn order(&self) -> Option<String> {
        self.order.clone()
    }

    pub(crate) fn asc(&self) -> Option<bool> {
        self.asc
    }

    pub(crate) fn size(&self) -> i32 {
        self.page_size
    }

    pub(crate) fn all(&self) -> Option<bool> {
        Some(self.all_properties)
    }
}
