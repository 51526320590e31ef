//! [`Collection`]: a sub-table of a database (the `Collection_*` methods).

use crate::error::Result;
use crate::generated::soap_copernica_com as model;
use crate::objects::{
    handle, refs, CollectionField, FieldSpec, MiniView, Profile, Query, SubProfile,
};
use crate::paging::{Paged, DEFAULT_PAGE_SIZE};
use crate::results::Fields;

handle!(
    /// A collection of a database (every `Collection_*` method).
    Collection,
    Collection,
    named
);

impl Collection {
    /// Fetches all properties again (`Collection_retrieve`).
    pub async fn retrieve(&self) -> Result<Collection> {
        let data = self
            .api
            .call(model::InputCollectionRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Collection>()?;
        Ok(Collection::from_data(&self.api, data))
    }

    /// Renames and/or sets the unsubscribe behaviour (`Collection_update`).
    pub async fn update(
        &self,
        name: Option<&str>,
        unsubscribe_behavior: Option<model::UnsubscribeBehavior>,
    ) -> Result<Collection> {
        let data = self
            .api
            .call(model::InputCollectionUpdate {
                id: self.id.to_string(),
                name: name.map(str::to_owned),
                unsubscribebehavior: unsubscribe_behavior,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Collection>()?;
        Ok(Collection::from_data(&self.api, data))
    }

    /// Removes the collection (`Collection_remove`).
    pub async fn remove(&self) -> Result<bool> {
        self.api
            .call(model::InputCollectionRemove {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// One field by id or name; `None` when it does not belong to the
    /// collection (`Collection_field`).
    pub async fn field(&self, identifier: impl Into<String>) -> Result<Option<CollectionField>> {
        let reply = self
            .api
            .call(model::InputCollectionField {
                id: self.id,
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::CollectionField>()?
            .map(|f| CollectionField::from_data(&self.api, f)))
    }

    /// All fields (`Collection_fields`).
    pub fn fields(&self) -> Paged<CollectionField> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputCollectionFields {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |f| CollectionField::from_data(&api, f))
    }

    /// Creates a field (`Collection_createField`; `big` is not supported here).
    pub async fn create_field(&self, spec: FieldSpec) -> Result<CollectionField> {
        let data = self
            .api
            .call(model::InputCollectionCreateField {
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
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::CollectionField>()?;
        Ok(CollectionField::from_data(&self.api, data))
    }

    /// Creates a subprofile of `profile` in this collection
    /// (`Profile_createSubProfile`).
    pub async fn create_subprofile(
        &self,
        profile: &Profile,
        fields: impl Into<Fields>,
    ) -> Result<SubProfile> {
        profile.create_subprofile(self, fields).await
    }

    /// One subprofile by id (`Collection_subProfile`); `None` when absent.
    pub async fn subprofile(&self, id: i32) -> Result<Option<SubProfile>> {
        let reply = self
            .api
            .call(model::InputCollectionSubProfile {
                id: self.id,
                identifier: id,
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::SubProfile>()?
            .map(|s| SubProfile::from_data(&self.api, s)))
    }

    /// Subprofiles of the whole collection matching the query, fetched lazily
    /// (`Collection_searchSubProfiles`).
    pub fn search_subprofiles(&self, query: &Query) -> Paged<SubProfile> {
        let (api, id, query) = (self.api.clone(), self.id, query.clone());
        self.api
            .paged(query.size(), move |start, length| {
                model::InputCollectionSearchSubProfiles {
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
            .map(move |s| SubProfile::from_data(&api, s))
    }

    /// All subprofiles of the collection.
    pub fn subprofiles(&self) -> Paged<SubProfile> {
        self.search_subprofiles(&Query::new())
    }

    /// Removes subprofiles by id (`Collection_removeSubProfiles`).
    pub async fn remove_subprofiles(&self, ids: &[i32]) -> Result<bool> {
        self.api
            .call(model::InputCollectionRemoveSubProfiles {
                id: self.id,
                ids: model::Ids { item: ids.to_vec() },
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Unsubscribes a subprofile (runs the unsubscribe behaviour)
    /// (`Collection_unsubscribe`).
    pub async fn unsubscribe(&self, subprofile: i32) -> Result<()> {
        self.api
            .call(model::InputCollectionUnsubscribe {
                id: self.id,
                subprofile: refs::subprofile(subprofile),
                login: None,
                access_token: None,
            })
            .await?
            .unit()
    }

    /// Creates a callback on the collection (`Collection_createCallback`).
    pub async fn create_callback(
        &self,
        url: impl Into<String>,
        expression: Option<&str>,
        method: Option<model::CallbackMethod>,
    ) -> Result<model::Callback> {
        self.api
            .call(model::InputCollectionCreateCallback {
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

    /// Miniviews (mini-selections) of the collection (`Collection_miniViews`).
    pub fn miniviews(&self) -> Paged<MiniView> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputCollectionMiniViews {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |m| MiniView::from_data(&api, m))
    }
}
