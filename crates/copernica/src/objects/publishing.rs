//! Publishing objects: templates, documents, mailings, follow-ups, web
//! sessions, users and websites. Personalisation parameters
//! (`personalize_*`) are not sent; use [`crate::Copernica::call`] for them.

use crate::error::{Error, Result};
use crate::generated::soap_copernica_com as model;
use crate::objects::account::{EmailingTarget, Mailing};
use crate::objects::{handle, Profile, SubProfile};
use crate::paging::{Paged, DEFAULT_PAGE_SIZE};
use crate::results::{shape_name, Fields, Reply};
use crate::Copernica;

/// Declares a handle on an object without a structure of its own.
macro_rules! id_handle {
    ($(#[$doc:meta])* $name:ident, $id:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            api: Copernica,
            id: $id,
        }

        impl $name {
            /// A handle from an id alone (no request is made).
            pub fn new(api: &Copernica, id: impl Into<$id>) -> Self {
                Self { api: api.clone(), id: id.into() }
            }

            /// The object's id.
            pub fn id(&self) -> &$id {
                &self.id
            }
        }
    };
}

fn unexpected(
    reply_op: &'static str,
    expected: &'static str,
    found: &model::ResultChoice,
) -> Error {
    Error::UnexpectedResult {
        operation: reply_op,
        expected,
        found: shape_name(Some(found)),
    }
}

/// The template a document is based on (`WebDocument_template`).
#[derive(Clone, Debug, PartialEq)]
pub enum Template {
    /// A PDF template.
    Pdf(model::PdfTemplate),
    /// A web template.
    Web(model::WebTemplate),
    /// An e-mail template.
    Emailing(model::EmailingTemplate),
}

/// A sent or scheduled SMS mailing (`SmsDocument_createSmsMailing`).
#[derive(Clone, Debug, PartialEq)]
pub enum SmsMailing {
    /// Sent right away.
    Processed(model::SmsMailing),
    /// Scheduled for later.
    Scheduled(model::SmsMailing),
}

/// The action of a document follow-up (`DocumentFollowUp_action`).
#[derive(Clone, Debug, PartialEq)]
pub enum FollowUp {
    /// Modify fields of the destination.
    Modify(model::ModifyAction),
    /// Another action; `kind` is its structure name (`contactaction`,
    /// `smsaction`, `removeaction`, `emaildocumentaction`, `createaction`,
    /// `faxdocumentaction`, `smsdocumentaction`).
    Other {
        /// The structure name.
        kind: &'static str,
        /// Its members.
        action: model::FollowUpAction,
    },
}

/// Who is logged on in a web session (`WebSession_loggedOn`).
#[derive(Clone, Debug)]
pub enum WebSessionLogon {
    /// A profile.
    Profile(Profile),
    /// A subprofile.
    SubProfile(SubProfile),
}

id_handle!(
    /// A web document (`WebDocument_*`).
    WebDocument,
    i32
);

impl WebDocument {
    /// The template the document is based on (`WebDocument_template`).
    pub async fn template(&self) -> Result<Template> {
        let reply = self
            .api
            .call(model::InputWebDocumentTemplate {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                login: None,
                access_token: None,
            })
            .await?;
        template_of(reply)
    }

    /// Attaches a file with `metadata` (`WebDocument_createFile`).
    pub async fn create_file(
        &self,
        file: model::FileData,
        metadata: impl Into<Fields>,
    ) -> Result<model::DocumentFile> {
        self.api
            .call(model::InputWebDocumentCreateFile {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                filedata: file,
                metadata: metadata.into().to_map(),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }
}

fn template_of(reply: Reply) -> Result<Template> {
    let operation = reply.operation();
    match reply.into_inner().choice {
        Some(model::ResultChoice::Pdftemplate(t)) => Ok(Template::Pdf(t)),
        Some(model::ResultChoice::Webtemplate(t)) => Ok(Template::Web(t)),
        Some(model::ResultChoice::Emailingtemplate(t)) => Ok(Template::Emailing(t)),
        Some(other) => Err(unexpected(operation, "template", &other)),
        None => Err(Error::UnexpectedResult {
            operation,
            expected: "template",
            found: shape_name(None),
        }),
    }
}

id_handle!(
    /// An SMS document (`SmsDocument_*`).
    SmsDocument,
    i32
);

impl SmsDocument {
    /// The account the document belongs to (`SmsDocument_account`).
    pub async fn account(&self) -> Result<model::Account> {
        self.api
            .call(model::InputSmsDocumentAccount {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// Creates an SMS mailing of this document to `target`
    /// (`SmsDocument_createSmsMailing`); `None` when Copernica answers false.
    pub async fn create_sms_mailing(
        &self,
        target: EmailingTarget,
        settings: model::SmsMailingSettings,
    ) -> Result<Option<SmsMailing>> {
        let [profile, subprofile, database, view, collection, miniview] = target.params();
        let reply = self
            .api
            .call(model::InputSmsDocumentCreateSmsMailing {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                profile,
                subprofile,
                database,
                view,
                collection,
                miniview,
                smsmailingsettings: settings,
                login: None,
                access_token: None,
            })
            .await?;
        let operation = reply.operation();
        match reply.into_inner().choice {
            None => Ok(None),
            Some(model::ResultChoice::Processedsmsmailing(m)) => Ok(Some(SmsMailing::Processed(m))),
            Some(model::ResultChoice::Scheduledsmsmailing(m)) => Ok(Some(SmsMailing::Scheduled(m))),
            Some(other) => Err(unexpected(operation, "sms mailing", &other)),
        }
    }
}

id_handle!(
    /// A follow-up of a document (`DocumentFollowUp_action`).
    DocumentFollowUp,
    i32
);

impl DocumentFollowUp {
    /// The action run after the follow-up's delay (`DocumentFollowUp_action`).
    pub async fn action(&self) -> Result<FollowUp> {
        use model::ResultChoice as C;
        let reply = self
            .api
            .call(model::InputDocumentFollowUpAction {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                login: None,
                access_token: None,
            })
            .await?;
        let operation = reply.operation();
        let other = |kind, action| Ok(FollowUp::Other { kind, action });
        match reply.into_inner().choice {
            Some(C::Modifyaction(a)) => Ok(FollowUp::Modify(a)),
            Some(C::Contactaction(a)) => other("contactaction", a),
            Some(C::Smsaction(a)) => other("smsaction", a),
            Some(C::Removeaction(a)) => other("removeaction", a),
            Some(C::Emaildocumentaction(a)) => other("emaildocumentaction", a),
            Some(C::Createaction(a)) => other("createaction", a),
            Some(C::Faxdocumentaction(a)) => other("faxdocumentaction", a),
            Some(C::Smsdocumentaction(a)) => other("smsdocumentaction", a),
            Some(c) => Err(unexpected(operation, "follow-up action", &c)),
            None => Err(Error::UnexpectedResult {
                operation,
                expected: "follow-up action",
                found: shape_name(None),
            }),
        }
    }
}

id_handle!(
    /// A destination of a mailing (`EmailingDestination_registerUnsubscribe`).
    EmailingDestination,
    String
);

impl EmailingDestination {
    /// Registers an unsubscribe at `timestamp` (`YYYY-MM-DD hh:mm:ss`) from
    /// `source`; with `execute`, runs the unsubscribe behaviour
    /// (`EmailingDestination_registerUnsubscribe`).
    pub async fn register_unsubscribe(
        &self,
        timestamp: impl Into<String>,
        source: impl Into<String>,
        execute: bool,
    ) -> Result<bool> {
        self.api
            .call(model::InputEmailingDestinationRegisterUnsubscribe {
                id: self.id.clone(),
                timestamp: timestamp.into(),
                source: source.into(),
                execute: Some(execute),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }
}

id_handle!(
    /// A web session (`WebSession_*`).
    WebSession,
    String
);

impl WebSession {
    /// The profile logged on; `None` when none (or a subprofile) is
    /// (`WebSession_profile`).
    pub async fn profile(&self, preserved: bool) -> Result<Option<Profile>> {
        let reply = self
            .api
            .call(model::InputWebSessionProfile {
                id: self.id.clone(),
                preserved: Some(preserved),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::Profile>()?
            .map(|p| Profile::from_data(&self.api, p)))
    }

    /// The subprofile logged on (`WebSession_subProfile`).
    pub async fn subprofile(&self, preserved: bool) -> Result<Option<SubProfile>> {
        let reply = self
            .api
            .call(model::InputWebSessionSubProfile {
                id: self.id.clone(),
                preserved: Some(preserved),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::SubProfile>()?
            .map(|s| SubProfile::from_data(&self.api, s)))
    }

    /// Whoever is logged on (`WebSession_loggedOn`).
    pub async fn logged_on(&self, preserved: bool) -> Result<Option<WebSessionLogon>> {
        let reply = self
            .api
            .call(model::InputWebSessionLoggedOn {
                id: self.id.clone(),
                preserved: Some(preserved),
                login: None,
                access_token: None,
            })
            .await?;
        let operation = reply.operation();
        match reply.into_inner().choice {
            None => Ok(None),
            Some(model::ResultChoice::Profile(p)) => Ok(Some(WebSessionLogon::Profile(
                Profile::from_data(&self.api, p),
            ))),
            Some(model::ResultChoice::Subprofile(s)) => Ok(Some(WebSessionLogon::SubProfile(
                SubProfile::from_data(&self.api, s),
            ))),
            Some(other) => Err(unexpected(operation, "profile or subprofile", &other)),
        }
    }
}

handle!(
    /// A PDF template (`PdfTemplate_*`).
    PdfTemplate,
    PdfTemplate,
    named
);

impl PdfTemplate {
    /// The account the template belongs to (`PdfTemplate_account`).
    pub async fn account(&self) -> Result<model::Account> {
        self.api
            .call(model::InputPdfTemplateAccount {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// One extra property of the template, by name (`PdfTemplate_property`).
    pub async fn property(&self, name: impl Into<String>) -> Result<model::PdfTemplateProperty> {
        self.api
            .call(model::InputPdfTemplateProperty {
                id: self.id,
                name: name.into(),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }
}

handle!(
    /// A web template (`WebTemplate_account`).
    WebTemplate,
    WebTemplate,
    named
);

impl WebTemplate {
    /// The account the template belongs to (`WebTemplate_account`).
    pub async fn account(&self) -> Result<model::Account> {
        self.api
            .call(model::InputWebTemplateAccount {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }
}

handle!(
    /// An e-mail template (`EmailingTemplate_*`).
    EmailingTemplate,
    EmailingTemplate,
    named
);

impl EmailingTemplate {
    /// Fetches all properties again (`EmailingTemplate_retrieve`).
    pub async fn retrieve(&self) -> Result<EmailingTemplate> {
        let data = self
            .api
            .call(model::InputEmailingTemplateRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::EmailingTemplate>()?;
        Ok(EmailingTemplate::from_data(&self.api, data))
    }

    /// The account the template belongs to (`EmailingTemplate_account`).
    pub async fn account(&self) -> Result<model::Account> {
        self.api
            .call(model::InputEmailingTemplateAccount {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// Documents created from this template (`EmailingTemplate_documents`).
    pub fn documents(&self) -> Paged<EmailingDocument> {
        let (api, id) = (self.api.clone(), self.id);
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputEmailingTemplateDocuments {
                    id,
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |d| EmailingDocument::from_data(&api, d))
    }
}

handle!(
    /// An e-mail document (`EmailingDocument_*`).
    EmailingDocument,
    EmailingDocument,
    named
);

impl EmailingDocument {
    /// Fetches all properties again (`EmailingDocument_retrieve`).
    pub async fn retrieve(&self) -> Result<EmailingDocument> {
        let data = self
            .api
            .call(model::InputEmailingDocumentRetrieve {
                id: self.id.to_string(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::EmailingDocument>()?;
        Ok(EmailingDocument::from_data(&self.api, data))
    }

    /// The template the document is based on (`EmailingDocument_template`).
    pub async fn template(&self) -> Result<EmailingTemplate> {
        let data = self
            .api
            .call(model::InputEmailingDocumentTemplate {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::EmailingTemplate>()?;
        Ok(EmailingTemplate::from_data(&self.api, data))
    }

    /// Sends this document: creates a mailing to `target`
    /// (`EmailingDocument_createEmailing`); `None` when Copernica answers false.
    pub async fn create_emailing(
        &self,
        target: EmailingTarget,
        settings: model::EmailingSettings,
    ) -> Result<Option<Mailing>> {
        let [profile, subprofile, database, view, collection, miniview] = target.params();
        let reply = self
            .api
            .call(model::InputEmailingDocumentCreateEmailing {
                id: self.id,
                personalize_profile: None,
                personalize_subprofile: None,
                personalize_timestamp: None,
                profile,
                subprofile,
                database,
                view,
                collection,
                miniview,
                emailingsettings: settings,
                login: None,
                access_token: None,
            })
            .await?;
        Mailing::from_reply(reply)
    }
}

id_handle!(
    /// A Litmus test of an e-mail document (`EmailingDocumentLitmusTest_spamResult`).
    LitmusTest,
    i32
);

impl LitmusTest {
    /// One spam result of the test, by id (`EmailingDocumentLitmusTest_spamResult`).
    pub async fn spam_result(&self, result: i64) -> Result<model::LitmusSpamTestResult> {
        self.api
            .call(model::InputEmailingDocumentLitmusTestSpamResult {
                id: self.id,
                identifier: result.into(),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }
}

handle!(
    /// A user of the account (`User_sendSms`).
    User,
    User,
    named
);

impl User {
    /// Sends a text message to the user (`User_sendSms`).
    pub async fn send_sms(&self, text: impl Into<String>) -> Result<bool> {
        self.api
            .call(model::InputUserSendSms {
                id: self.id,
                text: text.into(),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }
}

id_handle!(
    /// A website (`WebSite_account`).
    WebSite,
    i32
);

impl WebSite {
    /// The account the website belongs to (`WebSite_account`).
    pub async fn account(&self) -> Result<model::Account> {
        self.api
            .call(model::InputWebSiteAccount {
                id: self.id,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }
}

handle!(
    /// A sent mailing (`ProcessedEmailing_*`).
    ProcessedEmailing,
    ProcessedEmailing
);

impl ProcessedEmailing {
    /// Creates a key for a URL that shares the mailing's statistics
    /// (`ProcessedEmailing_createAccessKey`).
    pub async fn create_access_key(
        &self,
        options: Option<&Fields>,
        date: Option<&str>,
        title: Option<&str>,
    ) -> Result<String> {
        let reply = self
            .api
            .call(model::InputProcessedEmailingCreateAccessKey {
                id: self.id,
                options: options.map(Fields::to_map),
                date: date.map(str::to_owned),
                title: title.map(str::to_owned),
                login: None,
                access_token: None,
            })
            .await?;
        let operation = reply.operation();
        reply.value()?.ok_or(Error::InvalidValue {
            operation,
            message: "the access key is nil".to_owned(),
        })
    }

    /// Statistics of the mailing; `options` may hold `begintime`/`endtime`
    /// (`ProcessedEmailing_statistics`).
    pub async fn statistics(&self, options: Option<&Fields>) -> Result<model::EmailingStatistics> {
        self.api
            .call(model::InputProcessedEmailingStatistics {
                id: self.id,
                options: options.map(Fields::to_map),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }
}
