//! Database fields ([`Field`]) and collection fields ([`CollectionField`]).

use crate::error::Result;
use crate::generated::soap_copernica_com as model;
use crate::objects::handle;

/// Definition of a database or collection field, for `create_field` and
/// `update`. Unset properties are not sent (the server's defaults apply, or
/// the property stays as it is).
///
/// ```
/// use copernica::{model::FieldType, objects::FieldSpec};
/// let spec = FieldSpec::new("email").kind(FieldType::Email).length(100).index(true);
/// assert_eq!(spec.name, "email");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldSpec {
    /// Name: a valid identifier, unique among fields, interests and collections.
    pub name: String,
    /// Data type.
    pub field_type: Option<model::FieldType>,
    /// Default value.
    pub default_value: Option<String>,
    /// Shown in the user interface.
    pub display: Option<bool>,
    /// Sorted on.
    pub ordered: Option<bool>,
    /// Maximum length (text fields).
    pub length: Option<i64>,
    /// Lines of the input box (`textlines`).
    pub text_lines: Option<i64>,
    /// Lines (`lines`, only for updates).
    pub lines: Option<i64>,
    /// Hidden.
    pub hidden: Option<bool>,
    /// Indexed.
    pub index: Option<bool>,
    /// Special content.
    pub special_content: Option<String>,
    /// Big field (database fields only).
    pub big: Option<bool>,
}

impl FieldSpec {
    /// A field named `name`.
    pub fn new(name: impl Into<String>) -> FieldSpec {
        FieldSpec {
            name: name.into(),
            ..FieldSpec::default()
        }
    }

    /// The data type.
    pub fn kind(mut self, field_type: model::FieldType) -> FieldSpec {
        self.field_type = Some(field_type);
        self
    }

    /// The default value.
    pub fn default_value(mut self, value: impl Into<String>) -> FieldSpec {
        self.default_value = Some(value.into());
        self
    }

    /// The maximum length.
    pub fn length(mut self, length: i64) -> FieldSpec {
        self.length = Some(length);
        self
    }

    /// Indexed or not.
    pub fn index(mut self, index: bool) -> FieldSpec {
        self.index = Some(index);
        self
    }

    /// Shown or not.
    pub fn display(mut self, display: bool) -> FieldSpec {
        self.display = Some(display);
        self
    }

    fn name_opt(&self) -> Option<String> {
        (!self.name.is_empty()).then(|| self.name.clone())
    }
}

handle!(
    /// A field of a database (`Field_update`).
    Field,
    Field,
    named
);

impl Field {
    /// The data type, when known.
    pub fn field_type(&self) -> Option<&model::FieldType> {
        self.data.as_ref().and_then(|d| d.r#type.as_ref())
    }

    /// Changes the field's properties (an empty `name` keeps the name)
    /// (`Field_update`); returns the updated field.
    pub async fn update(&self, spec: FieldSpec) -> Result<Field> {
        let data = self
            .api
            .call(model::InputFieldUpdate {
                id: self.id.to_string(),
                name: spec.name_opt(),
                r#type: spec.field_type,
                value: spec.default_value,
                display: spec.display,
                ordered: spec.ordered,
                length: spec.length.map(Into::into),
                textlines: spec.text_lines.map(Into::into),
                hidden: spec.hidden,
                index: spec.index,
                lines: spec.lines.map(Into::into),
                specialcontent: spec.special_content,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Field>()?;
        Ok(Field::from_data(&self.api, data))
    }
}

handle!(
    /// A field of a collection (`CollectionField_update`).
    CollectionField,
    CollectionField,
    named
);

impl CollectionField {
    /// The data type, when known.
    pub fn field_type(&self) -> Option<&model::FieldType> {
        self.data.as_ref().and_then(|d| d.r#type.as_ref())
    }

    /// Changes the field's properties (an empty `name` keeps the name)
    /// (`CollectionField_update`); returns the updated field.
    pub async fn update(&self, spec: FieldSpec) -> Result<CollectionField> {
        let data = self
            .api
            .call(model::InputCollectionFieldUpdate {
                id: self.id.to_string(),
                name: spec.name_opt(),
                r#type: spec.field_type,
                value: spec.default_value,
                display: spec.display,
                ordered: spec.ordered,
                length: spec.length.map(Into::into),
                textlines: spec.text_lines.map(Into::into),
                hidden: spec.hidden,
                index: spec.index,
                lines: spec.lines.map(Into::into),
                specialcontent: spec.special_content,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::CollectionField>()?;
        Ok(CollectionField::from_data(&self.api, data))
    }
}
