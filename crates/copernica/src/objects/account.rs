//! [`Account`]: the account the client is logged on to (the `Account_*` methods).

use crate::error::{Error, Result};
use crate::generated::soap_copernica_com as model;
use crate::objects::{Database, EmailingDocument, EmailingTemplate, PdfTemplate, User};
use crate::paging::{Paged, DEFAULT_PAGE_SIZE};
use crate::results::{Fields, Reply};
use crate::Copernica;

/// The account (every `Account_*` method). Get it with [`Copernica::account`].
#[derive(Clone, Debug)]
pub struct Account {
    api: Copernica,
}

/// Whom a new mailing goes to: exactly one target object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailingTarget {
    /// One profile.
    Profile(i32),
    /// One subprofile.
    SubProfile(i32),
    /// All profiles of a database.
    Database(i32),
    /// All profiles of a view (selection).
    View(i32),
    /// All subprofiles of a collection.
    Collection(i32),
    /// All subprofiles of a miniview (mini-selection).
    MiniView(i32),
}

/// The six optional target parameters, in WSDL order.
pub(crate) type TargetParams = [Option<i32>; 6];

impl EmailingTarget {
    pub(crate) fn params(self) -> TargetParams {
        let mut p = [None; 6];
        let (slot, id) = match self {
            EmailingTarget::Profile(id) => (0, id),
            EmailingTarget::SubProfile(id) => (1, id),
            EmailingTarget::Database(id) => (2, id),
            EmailingTarget::View(id) => (3, id),
            EmailingTarget::Collection(id) => (4, id),
            EmailingTarget::MiniView(id) => (5, id),
        };
        p[slot] = Some(id);
        p
    }
}

/// A mailing created by `Account_createEmailing` / `EmailingDocument_createEmailing`.
#[derive(Clone, Debug, PartialEq)]
pub enum Mailing {
    /// Sent right away.
    Processed(model::ProcessedEmailing),
    /// Scheduled for later (or repeated).
    Scheduled(model::ScheduledEmailing),
}

impl Mailing {
    pub(crate) fn from_reply(reply: Reply) -> Result<Option<Mailing>> {
        let operation = reply.operation();
        match reply.into_inner().choice {
            None => Ok(None),
            Some(model::ResultChoice::Processedemailing(m)) => Ok(Some(Mailing::Processed(m))),
            Some(model::ResultChoice::Scheduledemailing(m)) => Ok(Some(Mailing::Scheduled(m))),
            Some(other) => Err(Error::UnexpectedResult {
                operation,
                expected: "processedemailing or scheduledemailing",
                found: crate::results::shape_name(Some(&other)),
            }),
        }
    }

    /// The mailing's id.
    pub fn id(&self) -> Option<i32> {
        match self {
            Mailing::Processed(m) => m.id,
            Mailing::Scheduled(m) => m.id,
        }
    }
}

/// An e-mail for [`Account::send_email`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewEmail {
    /// Recipient address.
    pub address: String,
    /// Subject line.
    pub subject: String,
    /// HTML body.
    pub html: String,
    /// Plain-text body.
    pub text: Option<String>,
    /// Attachments (as the API takes them: an array of strings).
    pub attachments: Vec<String>,
    /// Images (an array of strings).
    pub images: Vec<String>,
}

fn array(items: &[String]) -> Option<model::Array> {
    (!items.is_empty()).then(|| model::Array {
        item: items
            .iter()
            .map(|s| soapgen_runtime::types::Nillable::Value(s.clone()))
            .collect(),
    })
}

impl Copernica {
    /// The account this client works on.
    pub fn account(&self) -> Account {
        Account { api: self.clone() }
    }

    /// A database handle from its id (no request is made).
    pub fn database(&self, id: i32) -> Database {
        Database::new(self, id)
    }
}

impl Account {
    /// The client.
    pub fn client(&self) -> &Copernica {
        &self.api
    }

    /// One database by id or name; `None` when there is none (`Account_database`).
    pub async fn database(&self, identifier: impl Into<String>) -> Result<Option<Database>> {
        let reply = self
            .api
            .call(model::InputAccountDatabase {
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::Database>()?
            .map(|d| Database::from_data(&self.api, d)))
    }

    /// All databases (`Account_databases`), fetched lazily.
    pub fn databases(&self) -> Paged<Database> {
        let api = self.api.clone();
        self.api
            .paged(DEFAULT_PAGE_SIZE, |start, length| {
                model::InputAccountDatabases {
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |d| Database::from_data(&api, d))
    }

    /// Creates a database (`Account_createDatabase`).
    pub async fn create_database(&self, name: impl Into<String>) -> Result<Database> {
        let db = self
            .api
            .call(model::InputAccountCreateDatabase {
                name: name.into(),
                login: None,
                access_token: None,
            })
            .await?
            .entity::<model::Database>()?;
        Ok(Database::from_data(&self.api, db))
    }

    /// The account's properties (`Account_retrieve`; `id` is the account id or name).
    pub async fn retrieve(&self, id: impl Into<String>) -> Result<model::Account> {
        self.api
            .call(model::InputAccountRetrieve {
                id: id.into(),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// One PDF template by id or name (`Account_pdfTemplate`).
    pub async fn pdf_template(&self, identifier: impl Into<String>) -> Result<Option<PdfTemplate>> {
        let reply = self
            .api
            .call(model::InputAccountPdfTemplate {
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::PdfTemplate>()?
            .map(|t| PdfTemplate::from_data(&self.api, t)))
    }

    /// All PDF templates (`Account_pdfTemplates`).
    pub fn pdf_templates(&self) -> Paged<PdfTemplate> {
        let api = self.api.clone();
        self.api
            .paged(DEFAULT_PAGE_SIZE, |start, length| {
                model::InputAccountPdfTemplates {
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |t| PdfTemplate::from_data(&api, t))
    }

    /// One user by id (or name); with `password`, the password is checked too
    /// (`Account_user`).
    pub async fn user(
        &self,
        identifier: impl Into<String>,
        password: Option<&str>,
    ) -> Result<Option<User>> {
        let reply = self
            .api
            .call(model::InputAccountUser {
                identifier: identifier.into(),
                password: password.map(str::to_owned),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::User>()?
            .map(|u| User::from_data(&self.api, u)))
    }

    /// Usage numbers of a year, or of one month (`Account_stats`).
    pub async fn stats(
        &self,
        year: i32,
        month: Option<i32>,
    ) -> Result<model::EnvironmentStatistics> {
        self.api
            .call(model::InputAccountStats {
                year,
                month,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// E-mail statistics; `options` may hold `begintime`/`endtime`
    /// (`Account_emailingStatistics`).
    pub async fn emailing_statistics(
        &self,
        options: Option<&Fields>,
    ) -> Result<model::EmailingStatistics> {
        self.api
            .call(model::InputAccountEmailingStatistics {
                options: options.map(Fields::to_map),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// SMS statistics; `options` may hold `begintime`/`endtime`
    /// (`Account_smsStatistics`).
    pub async fn sms_statistics(&self, options: Option<&Fields>) -> Result<model::SmsStatistics> {
        self.api
            .call(model::InputAccountSmsStatistics {
                options: options.map(Fields::to_map),
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// Sends one e-mail in the application's layout (`Account_sendEmail`).
    pub async fn send_email(&self, email: &NewEmail) -> Result<bool> {
        self.api
            .call(model::InputAccountSendEmail {
                address: email.address.clone(),
                subject: email.subject.clone(),
                html: email.html.clone(),
                text: email.text.clone(),
                attachments: array(&email.attachments),
                images: array(&email.images),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Sends one text message (`Account_sendSms`).
    pub async fn send_sms(
        &self,
        number: impl Into<String>,
        text: impl Into<String>,
    ) -> Result<bool> {
        self.api
            .call(model::InputAccountSendSms {
                number: number.into(),
                text: text.into(),
                login: None,
                access_token: None,
            })
            .await?
            .boolean()
    }

    /// Uploads a font for the PDF module: the outline file, and optionally the
    /// metric file (`Account_createFont`).
    pub async fn create_font(
        &self,
        name: impl Into<String>,
        files: Vec<model::FileData>,
    ) -> Result<model::Font> {
        self.api
            .call(model::InputAccountCreateFont {
                name: name.into(),
                filedata: files,
                login: None,
                access_token: None,
            })
            .await?
            .entity()
    }

    /// Creates a mailing of `document` to `target` (`Account_createEmailing`);
    /// `None` when Copernica answers false.
    pub async fn create_emailing(
        &self,
        target: EmailingTarget,
        document: Option<model::EmailingDocument>,
        split_run: Option<model::SplitRunSettings>,
        settings: model::EmailingSettings,
    ) -> Result<Option<Mailing>> {
        let [profile, subprofile, database, view, collection, miniview] = target.params();
        let reply = self
            .api
            .call(model::InputAccountCreateEmailing {
                profile,
                subprofile,
                database,
                view,
                collection,
                miniview,
                emailingdocument: document,
                splitrunsettings: split_run,
                emailingsettings: settings,
                login: None,
                access_token: None,
            })
            .await?;
        Mailing::from_reply(reply)
    }

    /// Scheduled mailings; `search` filters by key (`Account_scheduledEmailings`;
    /// the other filters are reachable through [`Copernica::call`]).
    pub fn scheduled_emailings(&self, search: Option<&Fields>) -> Paged<model::ScheduledEmailing> {
        let search = search.map(Fields::to_map);
        self.api.paged(DEFAULT_PAGE_SIZE, move |start, length| {
            model::InputAccountScheduledEmailings {
                r#type: None,
                test: None,
                active: None,
                contenttype: None,
                order: None,
                asc: None,
                search: search.clone(),
                start: Some(start),
                length: Some(length),
                allproperties: Some(true),
                login: None,
                access_token: None,
            }
        })
    }

    /// Sent mailings; `search` filters by key (`Account_processedEmailings`).
    pub fn processed_emailings(
        &self,
        search: Option<&Fields>,
    ) -> Paged<crate::objects::ProcessedEmailing> {
        let search = search.map(Fields::to_map);
        let api = self.api.clone();
        self.api
            .paged(DEFAULT_PAGE_SIZE, move |start, length| {
                model::InputAccountProcessedEmailings {
                    r#type: None,
                    test: None,
                    contenttype: None,
                    order: None,
                    asc: None,
                    search: search.clone(),
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |m: model::ProcessedEmailing| {
                crate::objects::ProcessedEmailing::from_data(&api, m)
            })
    }

    /// All e-mail templates (`Account_emailingTemplates`).
    pub fn emailing_templates(&self) -> Paged<EmailingTemplate> {
        let api = self.api.clone();
        self.api
            .paged(DEFAULT_PAGE_SIZE, |start, length| {
                model::InputAccountEmailingTemplates {
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |t| EmailingTemplate::from_data(&api, t))
    }

    /// One e-mail template by id or name (`Account_emailingTemplate`).
    pub async fn emailing_template(
        &self,
        identifier: impl Into<String>,
    ) -> Result<Option<EmailingTemplate>> {
        let reply = self
            .api
            .call(model::InputAccountEmailingTemplate {
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::EmailingTemplate>()?
            .map(|t| EmailingTemplate::from_data(&self.api, t)))
    }

    /// All e-mail documents (`Account_emailingDocuments`).
    pub fn emailing_documents(&self) -> Paged<EmailingDocument> {
        let api = self.api.clone();
        self.api
            .paged(DEFAULT_PAGE_SIZE, |start, length| {
                model::InputAccountEmailingDocuments {
                    start: Some(start),
                    length: Some(length),
                    allproperties: Some(true),
                    login: None,
                    access_token: None,
                }
            })
            .map(move |d| EmailingDocument::from_data(&api, d))
    }

    /// One e-mail document by id or name (`Account_emailingDocument`).
    pub async fn emailing_document(
        &self,
        identifier: impl Into<String>,
    ) -> Result<Option<EmailingDocument>> {
        let reply = self
            .api
            .call(model::InputAccountEmailingDocument {
                identifier: identifier.into(),
                login: None,
                access_token: None,
            })
            .await?;
        Ok(reply
            .optional_entity::<model::EmailingDocument>()?
            .map(|d| EmailingDocument::from_data(&self.api, d)))
    }
}
