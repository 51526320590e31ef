//! [`Profile`] (a record of a database) and [`SubProfile`] (a record of a
//! collection, belonging to a profile).

use crate::error::Result;
use crate::generated::soap_copernica_com as model;
use crate::objects::{handle, refs, Collection, Query};
use crate::paging::Paged;
use crate::results::{Fields, Page};

handle!(
    /// A profile (every `Profile_*` method).
    Profile,
    Profile
);

impl Profile {
    /// Field values as received (filled when the profile came from a call with
    /// all properties; see [`Profile::load_fields`] otherwise).
    pub fn fields(&self) -> Option<Fields> {
        self.data
            .as_ref()
            .and_then(|d| d.fields.clone())
            .map(Fields::from_map)
    }

    /// One field value as received.
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields().and_then(|f| f.get(name).map(str::to_owned))
    }

    /// Interests as received (interest name → `1`/`0`).
    pub fn interests(&self) -> Option<Fields> {
        self.data
            .as_ref()
            .and_then(|d| d.interests.clone())
            .map(Fields::from_map)
    }

    /// The profile's secret code, when known.
    pub fn code(&self) -> Option<&str> {
        self.data.as_ref().and_then(|d| d.code.as_deref())
    }

    /// Fetches all properties again (`Profile_retrieve`).
    pub async fn retrieve(&self) -> Result<Profile> {
        let data = self
            .api
            .call(model::InputProfileRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Profile>()?;
        Ok(Profile::from_data(&self.api, data))
    }

    /// Fetches the field values (`Profile_fields`).
    pub async fn load_fields(&self) -> Result<Fields> {
        self.api
            .call(model::InputProfileFields {
                id: self.id,
                timestamp: None,
                login: None,
                access_token: None,
            })
            .await?
            .map()
    }

    /// Updates field values; false when a constraint check fails
    /// (`Profile_updateFields`).
    pub async fn update_fields(&self, fields: impl Into<Fields>) -> Result<bool> {
        self.api
            .call(model::InputProfileUpdateFields {
                id: self.id,
                timestamp: None,
                fields: fields.into().to_map(),
                caller: None,
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Removes the profile (`Profile_remove`).
    pub async fn remove(&self) -> Result<bool> {
        self.api
            .call(model::InputProfileRemove {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Merges this profile into `target`: its subprofiles move there and this
    /// profile is removed (`Profile_move`, as Magento uses it for duplicates).
    pub async fn merge_into(&self, target: i32) -> Result<bool> {
        self.api
            .call(model::InputProfileMove {
                id: self.id,
                profile: refs::profile(target),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Creates a subprofile of this profile in `collection`
    /// (`Profile_createSubProfile`).
    pub async fn create_subprofile(
        &self,
        collection: &Collection,
        fields: impl Into<Fields>,
    ) -> Result<SubProfile> {
        let data = self
            .api
            .call(model::InputProfileCreateSubProfile {
                id: self.id,
                timestamp: None,
                collection: refs::collection(collection.id()),
                fields: fields.into().to_map(),
                caller: None,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::SubProfile>()?;
        Ok(SubProfile::from_data(&self.api, data))
    }

    /// This profile's subprofiles in `collection` matching the query, fetched
    /// lazily (`Profile_searchSubProfiles`).
    pub fn search_subprofiles(&self, collection: &Collection, query: &Query) -> Paged<SubProfile> {
        self.search_subprofiles_in(Some(collection.id()), None, query)
    }

    /// This profile's subprofiles in the miniview `miniview` matching the query
    /// (`Profile_searchSubProfiles` with a miniview).
    pub fn search_subprofiles_in_miniview(
        &self,
        miniview: i32,
        query: &Query,
    ) -> Paged<SubProfile> {
        self.search_subprofiles_in(None, Some(miniview), query)
    }

    fn search_subprofiles_in(
        &self,
        collection: Option<i32>,
        miniview: Option<i32>,
        query: &Query,
    ) -> Paged<SubProfile> {
        let (api, id, query) = (self.api.clone(), self.id, query.clone());
        self.api
            .paged(query.size(), move |start, length| {
                model::InputProfileSearchSubProfiles {
                    id,
                    timestamp: None,
                    collection: collection.map(refs::collection),
                    miniview: miniview.map(refs::miniview),
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

    /// Sets `fields` on this profile's subprofiles in `collection` that match
    /// the query; with `create`, creates one when none matches
    /// (`Profile_updateSubProfiles`). Returns the first page of them.
    pub async fn update_subprofiles(
        &self,
        collection: &Collection,
        query: &Query,
        fields: impl Into<Fields>,
        create: bool,
    ) -> Result<Page<SubProfile>> {
        let page = self
            .api
            .call(model::InputProfileUpdateSubProfiles {
                id: self.id,
                timestamp: None,
                collection: refs::collection(collection.id()),
                requirements: query.wire(),
                fields: fields.into().to_map(),
                create: Some(create),
                caller: None,
                start: Some(0),
                length: Some(query.size()),
                allproperties: query.all(),
                login: None,
                access_token: None,
            })
            .await?
            .page::<model::SubProfile>()?;
        Ok(page.map(|s| SubProfile::from_data(&self.api, s)))
    }
}

handle!(
    /// A subprofile (every `SubProfile_*` method).
    SubProfile,
    SubProfile
);

impl SubProfile {
    /// Field values as received.
    pub fn fields(&self) -> Option<Fields> {
        self.data
            .as_ref()
            .and_then(|d| d.fields.clone())
            .map(Fields::from_map)
    }

    /// One field value as received.
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields().and_then(|f| f.get(name).map(str::to_owned))
    }

    /// The subprofile's secret code, when known.
    pub fn code(&self) -> Option<&str> {
        self.data.as_ref().and_then(|d| d.code.as_deref())
    }

    /// Fetches all properties again (`SubProfile_retrieve`).
    pub async fn retrieve(&self) -> Result<SubProfile> {
        let data = self
            .api
            .call(model::InputSubProfileRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::SubProfile>()?;
        Ok(SubProfile::from_data(&self.api, data))
    }

    /// Sets the secret code (`SubProfile_update`); returns the updated subprofile.
    pub async fn set_code(&self, code: impl Into<String>) -> Result<SubProfile> {
        let data = self
            .api
            .call(model::InputSubProfileUpdate {
                id: self.id.to_string(),
                code: code.into(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::SubProfile>()?;
        Ok(SubProfile::from_data(&self.api, data))
    }

    /// Updates field values (`SubProfile_updateFields`).
    pub async fn update_fields(&self, fields: impl Into<Fields>) -> Result<bool> {
        self.api
            .call(model::InputSubProfileUpdateFields {
                id: self.id,
                timestamp: None,
                fields: fields.into().to_map(),
                caller: None,
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Removes the subprofile (`SubProfile_remove`).
    pub async fn remove(&self) -> Result<bool> {
        self.api
            .call(model::InputSubProfileRemove {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Moves the subprofile to another profile of the same database
    /// (`SubProfile_moveToProfile`).
    pub async fn move_to_profile(&self, profile: i32) -> Result<bool> {
        self.api
            .call(model::InputSubProfileMoveToProfile {
                id: self.id,
                timestamp: None,
                profile: refs::profile(profile),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }
}
