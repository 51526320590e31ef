//! Selections: [`View`] (on a database) with its [`Rule`]s, and [`MiniView`]
//! (on a collection) with its [`MiniRule`]s.

use crate::error::Result;
use crate::generated::soap_copernica_com as model;
use crate::objects::{handle, refs, Database, Profile, Query, SubProfile};
use crate::paging::{Paged, DEFAULT_PAGE_SIZE};
use crate::results::{Fields, Page};

handle!(
    /// A view (selection) of a database (every `View_*` method).
    View,
    View,
    named
);

impl View {
    /// Fetches all properties again (`View_retrieve`).
    pub async fn retrieve(&self) -> Result<View> {
        let data = self
            .api
            .call(model::InputViewRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::View>()?;
        Ok(View::from_data(&self.api, data))
    }

    /// Renames and/or describes the view (`View_update`).
    pub async fn update(&self, name: Option<&str>, description: Option<&str>) -> Result<View> {
        let data = self
            .api
            .call(model::InputViewUpdate {
                id: self.id.to_string(),
                name: name.map(str::to_owned),
                description: description.map(str::to_owned),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::View>()?;
        Ok(View::from_data(&self.api, data))
    }

    /// The database the view belongs to (`View_database`).
    pub async fn database(&self) -> Result<Database> {
        let data = self
            .api
            .call(model::InputViewDatabase {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Database>()?;
        Ok(Database::from_data(&self.api, data))
    }

    /// Copies the view as `name` under the view `parent`, or at the top of
    /// `database`, or next to this one (`View_copy`). `None` when Copernica
    /// answers with a value instead of the new view.
    pub async fn copy(
        &self,
        name: Option<&str>,
        parent: Option<i32>,
        database: Option<i32>,
        options: &[model::CopyOption],
    ) -> Result<Option<View>> {
        let reply = self
            .api
            .call(model::InputViewCopy {
                id: self.id,
                name: name.map(str::to_owned),
                view: parent.map(refs::view).into_iter().collect(),
                database: database.map(refs::database),
                options: refs::options(options),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(match reply.into_inner().choice {
            Some(model::ResultChoice::View(v)) => Some(View::from_data(&self.api, v)),
            _ => None,
        })
    }

    /// Sets `fields` (and `interests`) on the view's profiles that match the
    /// query (`View_updateProfiles`). Returns the first page of them.
    pub async fn update_profiles(
        &self,
        query: &Query,
        fields: impl Into<Fields>,
        interests: Option<&Fields>,
        create: bool,
    ) -> Result<Page<Profile>> {
        let page = self
            .api
            .call(model::InputViewUpdateProfiles {
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

    /// Views nested under this one (`View_views`).
    pub fn views(&self) -> Paged<View> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputViewViews {
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

    /// Rules of this view (`View_rules`).
    pub fn rules(&self) -> Paged<Rule> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputViewRules {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |r| Rule::from_data(&api, r))
    }
}

handle!(
    /// A rule of a view (every `Rule_*` method).
    Rule,
    Rule,
    named
);

impl Rule {
    /// Creates a condition of `kind` in the rule (`Rule_createCondition`).
    pub async fn create_condition(&self, kind: model::ConditionType) -> Result<model::Condition> {
        self.api
            .call(model::InputRuleCreateCondition {
                id: self.id,
                r#type: kind,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// Copies the rule as `name`, into `view` or the same view (`Rule_copy`).
    /// `None` when Copernica answers with a value instead of the new rule.
    pub async fn copy(
        &self,
        name: impl Into<String>,
        view: Option<i32>,
        options: &[model::CopyOption],
    ) -> Result<Option<Rule>> {
        let reply = self
            .api
            .call(model::InputRuleCopy {
                id: self.id,
                name: name.into(),
                view: view.map(refs::view),
                options: refs::options(options),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(match reply.into_inner().choice {
            Some(model::ResultChoice::Rule(r)) => Some(Rule::from_data(&self.api, r)),
            _ => None,
        })
    }
}

handle!(
    /// A miniview (mini-selection) of a collection (`MiniView_updateSubProfiles`).
    MiniView,
    Miniview,
    named
);

impl MiniView {
    /// Sets `fields` on the miniview's subprofiles that match the query
    /// (`MiniView_updateSubProfiles`). Returns the first page of them.
    pub async fn update_subprofiles(
        &self,
        query: &Query,
        fields: impl Into<Fields>,
    ) -> Result<Page<SubProfile>> {
        let page = self
            .api
            .call(model::InputMiniViewUpdateSubProfiles {
                id: self.id,
                requirements: query.wire(),
                fields: fields.into().to_map(),
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
    /// A rule of a miniview (`MiniRule_copy`).
    MiniRule,
    Rule,
    named
);

impl MiniRule {
    /// Copies the minirule as `name`, into `miniview` or the same one
    /// (`MiniRule_copy`). `None` when Copernica answers with a value.
    pub async fn copy(
        &self,
        name: impl Into<String>,
        miniview: Option<i32>,
        options: &[model::CopyOption],
    ) -> Result<Option<MiniRule>> {
        let reply = self
            .api
            .call(model::InputMiniRuleCopy {
                id: self.id,
                name: name.into(),
                miniview: miniview.map(refs::miniview),
                options: refs::options(options),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(match reply.into_inner().choice {
            Some(model::ResultChoice::Minirule(r) | model::ResultChoice::Rule(r)) => {
                Some(MiniRule::from_data(&self.api, r))
            }
            _ => None,
        })
    }
}
