//! Handles on Copernica objects: a client plus an object id (plus the
//! properties last received, when the handle came from a result).
//!
//! `Account` → databases → [`Database`] → fields, interests, collections,
//! views, profiles → [`Profile`] → subprofiles ...; the publishing objects
//! (templates, documents, mailings) hang off [`Account`] too.

mod account;
mod collection;
mod database;
mod field;
mod profile;
mod publishing;
mod query;
mod view;

pub use account::{Account, EmailingTarget, Mailing, NewEmail};
pub use collection::Collection;
pub use database::{Database, DatabaseUpdate};
pub use field::{CollectionField, Field, FieldSpec};
pub use profile::{Profile, SubProfile};
pub use publishing::{
    DocumentFollowUp, EmailingDestination, EmailingDocument, EmailingTemplate, FollowUp,
    LitmusTest, PdfTemplate, ProcessedEmailing, SmsDocument, SmsMailing, Template, User,
    WebDocument, WebSession, WebSessionLogon, WebSite, WebTemplate,
};
pub use query::Query;
pub use view::{MiniRule, MiniView, Rule, View};

use crate::generated::soap_copernica_com as model;

/// Declares a handle type: client, id and the optional snapshot of properties.
macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $model:ident, named) => {
        $crate::objects::handle!($(#[$doc])* $name, $model);

        impl $name {
            /// The object's name, when known.
            pub fn name(&self) -> Option<&str> {
                self.data.as_ref().and_then(|d| d.name.as_deref())
            }
        }
    };
    ($(#[$doc:meta])* $name:ident, $model:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            api: $crate::Copernica,
            id: i32,
            data: Option<$crate::model::$model>,
        }

        impl $name {
            /// A handle from an id alone (no request is made).
            pub fn new(api: &$crate::Copernica, id: i32) -> Self {
                Self { api: api.clone(), id, data: None }
            }

            /// A handle on an object received from Copernica (id 0 when absent).
            pub fn from_data(api: &$crate::Copernica, data: $crate::model::$model) -> Self {
                Self { api: api.clone(), id: data.id.unwrap_or(0), data: Some(data) }
            }

            /// The object's id.
            pub fn id(&self) -> i32 {
                self.id
            }

            /// The properties as last received from Copernica (`None` for a handle
            /// made from an id alone).
            pub fn data(&self) -> Option<&$crate::model::$model> {
                self.data.as_ref()
            }

            /// The client this handle calls through.
            pub fn client(&self) -> &$crate::Copernica {
                &self.api
            }
        }
    };
}
pub(crate) use handle;

/// Structures the API takes where only the id matters (`collection` of
/// `Profile_createSubProfile`, `profile` of `Profile_move`, ...).
pub(crate) mod refs {
    use super::model;

    pub fn database(id: i32) -> model::Database {
        model::Database {
            id: Some(id),
            name: None,
            description: None,
            archived: None,
            created: None,
            unsubscribebehavior: None,
            countprofiles: None,
            lastbuilt: None,
        }
    }

    pub fn collection(id: i32) -> model::Collection {
        model::Collection {
            id: Some(id),
            name: None,
            weight: None,
            created: None,
            unsubscribebehavior: None,
            countsubprofiles: None,
            lastbuilt: None,
        }
    }

    pub fn profile(id: i32) -> model::Profile {
        model::Profile {
            id: Some(id),
            code: None,
            extra: None,
            created: None,
            modified: None,
            lastexport: None,
            fields: None,
            interests: None,
        }
    }

    pub fn subprofile(id: i32) -> model::SubProfile {
        model::SubProfile {
            id: Some(id),
            code: None,
            created: None,
            modified: None,
            lastexport: None,
            fields: None,
        }
    }

    pub fn view(id: i32) -> model::View {
        model::View {
            id: Some(id),
            name: None,
            description: None,
            archived: None,
            buildstatus: None,
            countprofiles: None,
            lastbuilt: None,
        }
    }

    pub fn miniview(id: i32) -> model::Miniview {
        model::Miniview {
            id: Some(id),
            name: None,
            description: None,
            archived: None,
            buildstatus: None,
            countsubprofiles: None,
            lastbuilt: None,
        }
    }

    pub fn options(options: &[model::CopyOption]) -> Option<model::Options> {
        (!options.is_empty()).then(|| model::Options {
            item: options.to_vec(),
        })
    }
}

/// Handles from ids (no request is made). Databases: [`crate::Copernica::database`].
impl crate::Copernica {
    /// A collection handle.
    pub fn collection(&self, id: i32) -> Collection {
        Collection::new(self, id)
    }

    /// A profile handle.
    pub fn profile(&self, id: i32) -> Profile {
        Profile::new(self, id)
    }

    /// A subprofile handle.
    pub fn subprofile(&self, id: i32) -> SubProfile {
        SubProfile::new(self, id)
    }

    /// A database field handle.
    pub fn field(&self, id: i32) -> Field {
        Field::new(self, id)
    }

    /// A collection field handle.
    pub fn collection_field(&self, id: i32) -> CollectionField {
        CollectionField::new(self, id)
    }

    /// A view handle.
    pub fn view(&self, id: i32) -> View {
        View::new(self, id)
    }

    /// A rule handle.
    pub fn rule(&self, id: i32) -> Rule {
        Rule::new(self, id)
    }

    /// A miniview handle.
    pub fn miniview(&self, id: i32) -> MiniView {
        MiniView::new(self, id)
    }

    /// A minirule handle.
    pub fn minirule(&self, id: i32) -> MiniRule {
        MiniRule::new(self, id)
    }

    /// A PDF template handle.
    pub fn pdf_template(&self, id: i32) -> PdfTemplate {
        PdfTemplate::new(self, id)
    }

    /// A web template handle.
    pub fn web_template(&self, id: i32) -> WebTemplate {
        WebTemplate::new(self, id)
    }

    /// An e-mail template handle.
    pub fn emailing_template(&self, id: i32) -> EmailingTemplate {
        EmailingTemplate::new(self, id)
    }

    /// An e-mail document handle.
    pub fn emailing_document(&self, id: i32) -> EmailingDocument {
        EmailingDocument::new(self, id)
    }

    /// A web document handle.
    pub fn web_document(&self, id: i32) -> WebDocument {
        WebDocument::new(self, id)
    }

    /// An SMS document handle.
    pub fn sms_document(&self, id: i32) -> SmsDocument {
        SmsDocument::new(self, id)
    }

    /// A document follow-up handle.
    pub fn document_follow_up(&self, id: i32) -> DocumentFollowUp {
        DocumentFollowUp::new(self, id)
    }

    /// A mailing destination handle.
    pub fn emailing_destination(&self, id: impl Into<String>) -> EmailingDestination {
        EmailingDestination::new(self, id.into())
    }

    /// A web session handle.
    pub fn web_session(&self, id: impl Into<String>) -> WebSession {
        WebSession::new(self, id.into())
    }

    /// A Litmus test handle.
    pub fn litmus_test(&self, id: i32) -> LitmusTest {
        LitmusTest::new(self, id)
    }

    /// A user handle.
    pub fn user(&self, id: i32) -> User {
        User::new(self, id)
    }

    /// A website handle.
    pub fn website(&self, id: i32) -> WebSite {
        WebSite::new(self, id)
    }

    /// A sent-mailing handle.
    pub fn processed_emailing(&self, id: i32) -> ProcessedEmailing {
        ProcessedEmailing::new(self, id)
    }
}
