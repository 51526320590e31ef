//! [`Database`]: a database of profiles (the `Database_*` methods).

use crate::error::Result;
use crate::generated::soap_copernica_com as model;
use crate::objects::{handle, refs, Collection, Field, FieldSpec, Profile, Query, View};
use crate::paging::{Paged, DEFAULT_PAGE_SIZE};
use crate::results::{Fields, Page};

handle!(
    /// A database (every `Database_*` method).
    Database,
    Database,
    named
);

/// Properties to change with [`Database::update`]; `None` leaves one as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DatabaseUpdate {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// Archive or restore.
    pub archived: Option<bool>,
    /// What happens to profiles that unsubscribe.
    pub unsubscribe_behavior: Option<model::UnsubscribeBehavior>,
}

impl Database {
    /// Fetches all properties again (`Database_retrieve`).
    pub async fn retrieve(&self) -> Result<Database> {
        let data = self
            .api
            .call(model::InputDatabaseRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Database>()?;
        Ok(Database::from_data(&self.api, data))
    }

    /// Changes properties (`Database_update`); returns the updated database.
    pub async fn update(&self, update: DatabaseUpdate) -> Result<Database> {
        let data = self
            .api
            .call(model::InputDatabaseUpdate {
                id: self.id.to_string(),
                name: update.name,
                description: update.description,
                archived: update.archived,
                unsubscribebehavior: update.unsubscribe_behavior,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Database>()?;
        Ok(Database::from_data(&self.api, data))
    }

    /// Removes the database (`Database_remove`).
    pub async fn remove(&self) -> Result<bool> {
        self.api
            .call(model::InputDatabaseRemove {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Copies the database under the name `target`; `options` choose what is
    /// copied (`Database_copy`). `None` when Copernica answers with a value
    /// rather than the new database.
    pub async fn copy(
        &self,
        target: impl Into<String>,
        options: &[model::CopyOption],
    ) -> Result<Option<Database>> {
        let reply = self
            .api
            .call(model::InputDatabaseCopy {
                id: self.id,
                database: None,
                target: Some(target.into()),
                options: refs::options(options),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(match reply.into_inner().choice {
            Some(model::ResultChoice::Database(d)) => Some(Database::from_data(&self.api, d)),
            _ => None,
        })
    }

    /// One collection by id or name; `None` when it is not in this database
    /// (`Database_collection`).
    pub async fn collection(&self, identifier: impl Into<String>) -> Result<Option<Collection>> {
        let reply = self
            .api
            .call(model::InputDatabaseCollection {
                id: self.id,
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::Collection>()?
            .map(|c| Collection::from_data(&self.api, c)))
    }

    /// All collections (`Database_collections`).
    pub fn collections(&self) -> Paged<Collection> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputDatabaseCollections {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |c| Collection::from_data(&api, c))
    }

    /// Creates a collection (`Database_createCollection`).
    pub async fn create_collection(&self, name: impl Into<String>) -> Result<Collection> {
        let data = self
            .api
            .call(model::InputDatabaseCreateCollection {
                id: self.id,
                name: name.into(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Collection>()?;
        Ok(Collection::from_data(&self.api, data))
    }

    /// One field by id or name (`Database_field`); `None` when absent.
    pub async fn field(&self, identifier: impl Into<String>) -> Result<Option<Field>> {
        let reply = self
            .api
            .call(model::InputDatabaseField {
                id: self.id,
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::Field>()?
            // "result->id is 0/absent when not found"
            .filter(|f| f.id.unwrap_or(0) != 0)
            .map(|f| Field::from_data(&self.api, f)))
    }

    /// All fields (`Database_fields`).
    pub fn fields(&self) -> Paged<Field> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputDatabaseFields {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |f| Field::from_data(&api, f))
    }

    /// Creates a field (`Database_createField`).
    pub async fn create_field(&self, spec: FieldSpec) -> Result<Field> {
        let data = self
            .api
            .call(model::InputDatabaseCreateField {
                id: self.id,
                name: spec.name,
                r#type: spec.field_type,
                value: spec.default_value,
                display: spec.display,
                ordered: spec.ordered,
                length: spec.length.map(Into::into),
                textlines: spec.text_lines.map(Into::into),
                hidden: spec.hidden,
                index: spec.index,
                specialcontent: spec.special_content,
                big: spec.big,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Field>()?;
        Ok(Field::from_data(&self.api, data))
    }

    /// A profile handle from its id (no request is made).
    pub fn profile(&self, id: i32) -> Profile {
        Profile::new(&self.api, id)
    }

    /// Creates a profile with these field values (`Database_createProfile`).
    pub async fn create_profile(&self, fields: impl Into<Fields>) -> Result<Profile> {
        let data = self
            .api
            .call(model::InputDatabaseCreateProfile {
                id: self.id,
                fields: fields.into().to_map(),
                caller: None,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Profile>()?;
        Ok(Profile::from_data(&self.api, data))
    }

    /// Profiles matching the query, fetched lazily page by page
    /// (`Database_searchProfiles`).
    pub fn search_profiles(&self, query: &Query) -> Paged<Profile> {
        let (api, id, query) = (self.api.clone(), self.id, query.clone());
        self.api
            .paged(query.size(), move |start, length| {
                model::InputDatabaseSearchProfiles {
                    id,
                    requirements: query.wire(),
                    order: query.order(),
                    asc: query.asc(),
                    start: Some(start),
                    length: Some(length),
                    allproperties: query.all(),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |p| Profile::from_data(&api, p))
    }

    /// All profiles, fetched lazily (`Database_searchProfiles` without requirements).
    pub fn profiles(&self) -> Paged<Profile> {
        self.search_profiles(&Query::new())
    }

    /// One page of profiles matching the query (`Database_searchProfiles`).
    pub async fn search_profiles_page(
        &self,
        query: &Query,
        start: i32,
        length: i32,
    ) -> Result<Page<Profile>> {
        let page = self
            .api
            .call(model::InputDatabaseSearchProfiles {
                id: self.id,
                requirements: query.wire(),
                order: query.order(),
                asc: query.asc(),
                start: Some(start),
                length: Some(length),
                allproperties: query.all(),
                login: None,
                access_token: None,
            })
            .await?
            .page::<model::Profile>()?;
        Ok(page.map(|p| Profile::from_data(&self.api, p)))
    }

    /// Sets `fields` (and `interests`) on every profile matching the query;
    /// with `create`, creates one when none matches (`Database_updateProfiles`).
    /// Returns the first page (query page size) of updated profiles.
    pub async fn update_profiles(
        &self,
        query: &Query,
        fields: impl Into<Fields>,
        interests: Option<&Fields>,
        create: bool,
    ) -> Result<Page<Profile>> {
        let page = self
            .api
            .call(model::InputDatabaseUpdateProfiles {
                id: self.id,
                requirements: query.wire(),
                fields: fields.into().to_map(),
                create: Some(create),
                r#async: None,
                interests: interests.map(Fields::to_map),
                start: Some(0),
                length: Some(query.size()),
                allproperties: query.all(),
                login: None,
                access_token: None,
            })
            .await?
            .page::<model::Profile>()?;
        Ok(page.map(|p| Profile::from_data(&self.api, p)))
    }

    /// Removes profiles by id (`Database_removeProfiles`).
    pub async fn remove_profiles(&self, ids: &[i32]) -> Result<bool> {
        self.api
            .call(model::InputDatabaseRemoveProfiles {
                id: self.id,
                ids: model::Ids { item: ids.to_vec() },
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Imports running on the database (`Database_imports`).
    pub fn imports(&self) -> Paged<model::Import> {
        let id = self.id;
        self.api.paged(DEFAULT_PAGE_SIZE, move |start, length| {
            model::InputDatabaseImports {
                id,
                start: Some(start),
                length: Some(length),
                allproperties: Some(true),
                login: None,
                access_token: None,
            }
        })
    }

    /// Field values written to a profile when it unsubscribes
    /// (`Database_unsubscribeValues`).
    pub async fn unsubscribe_values(&self) -> Result<Fields> {
        self.api
            .call(model::InputDatabaseUnsubscribeValues {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .map()
    }

    /// Sets the field values written on unsubscribe (`Database_setUnsubscribeValues`).
    pub async fn set_unsubscribe_values(&self, fields: impl Into<Fields>) -> Result<bool> {
        self.api
            .call(model::InputDatabaseSetUnsubscribeValues {
                id: self.id,
                fields: fields.into().to_map(),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Callbacks (webhooks) of the database (`Database_callbacks`).
    pub fn callbacks(&self) -> Paged<model::Callback> {
        let id = self.id;
        self.api.paged(DEFAULT_PAGE_SIZE, move |start, length| {
            model::InputDatabaseCallbacks {
                id,
                start: Some(start),
                length: Some(length),
                allproperties: Some(true),
                login: None,
                access_token: None,
            }
        })
    }

    /// One callback by id (`Database_callback`).
    pub async fn callback(&self, id: i32) -> Result<Option<model::Callback>> {
        self.api
            .call(model::InputDatabaseCallback {
                id: self.id,
                identifier: id,
                login: None,
                access_token: None,
            })
            .await?
            .optional_entity()
    }

    /// Creates a callback: when `expression` holds for a changed profile,
    /// `url` gets a POST in `method` encoding (`Database_createCallback`).
    pub async fn create_callback(
        &self,
        url: impl Into<String>,
        expression: Option<&str>,
        method: Option<model::CallbackMethod>,
    ) -> Result<model::Callback> {
        self.api
            .call(model::InputDatabaseCreateCallback {
                id: self.id,
                url: url.into(),
                expression: expression.map(str::to_owned),
                method,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// Interests of the database (`Database_interests`).
    pub fn interests(&self) -> Paged<model::Interest> {
        let id = self.id;
        self.api.paged(DEFAULT_PAGE_SIZE, move |start, length| {
            model::InputDatabaseInterests {
                id,
                start: Some(start),
                length: Some(length),
                allproperties: Some(true),
                login: None,
                access_token: None,
            }
        })
    }

    /// Top-level views (selections) of the database (`Database_views`).
    pub fn views(&self) -> Paged<View> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputDatabaseViews {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |v| View::from_data(&api, v))
    }
}
