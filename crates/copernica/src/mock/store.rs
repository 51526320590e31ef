//! The thread-safe store handle: authentication, the generic `call` entry point and
//! typed methods for embedding and test setup.

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, MutexGuard};

use super::config::MockConfig;
use super::entities::*;
use super::events::{ChangeEvent, ChangeKind};
use super::fault::MockFault;
use super::ops;
use super::params::{Args, Paging, Params, Requirement};
use super::result::{FollowUpKind, MockResult};
use super::search;
use super::state::{
    CallbackOwner, DocumentKind, DocumentRec, FieldDef, FollowUpDef, LitmusTestRec, State,
    TemplateRef, WebLogon,
};
use super::time::Clock;

/// Per-request session state for [`Store::call_in`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallContext {
    /// Session id from the request's cookie, if any.
    pub session: Option<String>,
    /// Set by a successful `login`: the SOAP layer sends it as a `Set-Cookie`.
    pub new_session: Option<String>,
}

impl CallContext {
    /// A context carrying a session cookie value.
    pub fn with_session(id: impl Into<String>) -> Self {
        CallContext {
            session: Some(id.into()),
            new_session: None,
        }
    }
}

/// One page of a typed search.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// Index of the first item.
    pub start: usize,
    /// Number of matches in total.
    pub total: usize,
    /// The items of this page.
    pub items: Vec<T>,
}

/// The in-memory Copernica. Cloning gives another handle to the same data.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Mutex<State>>,
}

impl Default for Store {
    fn default() -> Self {
        Store::new(MockConfig::default())
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// A store with one account and one user, as described by `cfg`.
    pub fn new(cfg: MockConfig) -> Self {
        Store {
            inner: Arc::new(Mutex::new(State::new(cfg))),
        }
    }

    /// A poisoned lock only means another thread panicked mid-call; every mutation
    /// validates before it writes, so the data is still consistent and usable.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs one operation without a session cookie (authentication by `access_token`
    /// or the `login` parameter).
    pub fn call(&self, operation: &str, params: &Params) -> Result<MockResult, MockFault> {
        self.call_in(operation, params, &mut CallContext::default())
    }

    /// Runs one operation by name (case-insensitive, as PHP's SoapClient resolves it).
    ///
    /// `login` returns [`MockResult::Empty`] and puts the new session id into
    /// `ctx.new_session`; every other operation needs a valid `access_token`, `login`
    /// parameter or `ctx.session`, else it fails with [`MockFault::NotLoggedOn`].
    pub fn call_in(
        &self,
        operation: &str,
        params: &Params,
        ctx: &mut CallContext,
    ) -> Result<MockResult, MockFault> {
        let op = ops::canonical_operation(operation)
            .ok_or_else(|| MockFault::UnknownOperation(operation.to_owned()))?;
        let mut st = self.lock();
        let args = Args::new(op, params);
        if op == "login" {
            let user = args.str("username")?;
            let password = args.str("password")?;
            if !st.check_credentials(user, password, args.opt_str("account")) {
                return Err(MockFault::LoginFailed);
            }
            ctx.new_session = Some(st.open_session());
            return Ok(MockResult::Empty);
        }
        authenticate(&st, &args, ctx.session.as_deref())?;
        st.stats_mut().apicalls += 1;
        ops::dispatch(&mut st, &args)
    }

    /// Opens a session as `login` does; the id goes into a cookie.
    pub fn login(
        &self,
        username: &str,
        password: &str,
        account: Option<&str>,
    ) -> Result<String, MockFault> {
        let mut st = self.lock();
        if !st.check_credentials(username, password, account) {
            return Err(MockFault::LoginFailed);
        }
        Ok(st.open_session())
    }

    /// Ends a session (simulates expiry); true when it existed.
    pub fn drop_session(&self, id: &str) -> bool {
        self.lock().sessions.remove(id)
    }

    /// True when the session id is open.
    pub fn has_session(&self, id: &str) -> bool {
        self.lock().sessions.contains(id)
    }

    /// Accepts another access token.
    pub fn add_access_token(&self, token: &str) {
        self.lock().tokens.insert(token.to_owned());
    }

    /// Stops accepting a token; true when it was accepted.
    pub fn revoke_access_token(&self, token: &str) -> bool {
        self.lock().tokens.remove(token)
    }

    /// A receiver of every later profile/subprofile change, in commit order.
    pub fn subscribe(&self) -> Receiver<ChangeEvent> {
        self.lock().events.subscribe()
    }

    /// Switches the store to a fixed clock at `unix` seconds.
    pub fn set_time(&self, unix: i64) {
        self.lock().clock = Clock::Fixed(unix);
    }

    /// The configuration the store was made with.
    pub fn config(&self) -> MockConfig {
        self.lock().cfg.clone()
    }

    // ----- typed operations (no authentication: this is the embedding API) -----

    /// `Account_createDatabase`.
    pub fn create_database(&self, name: &str) -> Result<Database, MockFault> {
        self.lock().create_database(name)
    }

    /// `Database_retrieve`.
    pub fn database(&self, id: u64) -> Result<Database, MockFault> {
        self.lock()
            .database_entity(id)
            .ok_or_else(|| MockFault::not_found("database", id))
    }

    /// `Database_createField`.
    pub fn create_field(&self, database: u64, def: FieldDef) -> Result<Field, MockFault> {
        self.lock().create_field(database, def)
    }

    /// `Database_createCollection`.
    pub fn create_collection(&self, database: u64, name: &str) -> Result<Collection, MockFault> {
        self.lock().create_collection(database, name)
    }

    /// `Collection_createField`.
    pub fn create_collection_field(
        &self,
        collection: u64,
        def: FieldDef,
    ) -> Result<Field, MockFault> {
        self.lock().create_collection_field(collection, def)
    }

    /// Adds an interest to a database (there is no SOAP method for it).
    pub fn create_interest(
        &self,
        database: u64,
        name: &str,
        group: Option<&str>,
    ) -> Result<Interest, MockFault> {
        self.lock().create_interest(database, name, group)
    }

    /// `Database_createProfile`; unknown field names are ignored.
    pub fn create_profile(
        &self,
        database: u64,
        fields: &[(&str, &str)],
    ) -> Result<Profile, MockFault> {
        self.lock().create_profile(database, &owned_pairs(fields))
    }

    /// `Profile_retrieve` with all fields and interests.
    pub fn profile(&self, id: u64) -> Result<Profile, MockFault> {
        let st = self.lock();
        let p = st.profile(id)?;
        Ok(st.profile_entity(p, true))
    }

    /// `Profile_updateFields`: false when a value fails its field type.
    pub fn update_profile_fields(
        &self,
        id: u64,
        fields: &[(&str, &str)],
    ) -> Result<bool, MockFault> {
        self.lock().update_profile(id, &owned_pairs(fields), None)
    }

    /// Sets interests of a profile by name (`1`/`0` values).
    pub fn update_profile_interests(
        &self,
        id: u64,
        interests: &[(&str, &str)],
    ) -> Result<bool, MockFault> {
        self.lock()
            .update_profile(id, &[], Some(&owned_pairs(interests)))
    }

    /// `Profile_remove` (also removes its subprofiles).
    pub fn remove_profile(&self, id: u64) -> Result<(), MockFault> {
        self.lock().remove_profile(id)
    }

    /// Number of profiles in a database.
    pub fn count_profiles(&self, database: u64) -> Result<u64, MockFault> {
        Ok(self.database(database)?.countprofiles)
    }

    /// `Database_searchProfiles`.
    pub fn search_profiles(
        &self,
        database: u64,
        requirements: &[Requirement],
        paging: Paging,
    ) -> Result<Page<Profile>, MockFault> {
        let st = self.lock();
        let hits = st.search_profiles(database, requirements, None, true, None)?;
        let (start, total, ids) = search::page(hits, paging);
        let items = ids
            .iter()
            .filter_map(|id| st.profiles.get(id))
            .map(|p| st.profile_entity(p, paging.allproperties))
            .collect();
        Ok(Page {
            start,
            total,
            items,
        })
    }

    /// `Profile_createSubProfile`.
    pub fn create_subprofile(
        &self,
        profile: u64,
        collection: u64,
        fields: &[(&str, &str)],
    ) -> Result<SubProfile, MockFault> {
        self.lock()
            .create_subprofile(profile, collection, &owned_pairs(fields))
    }

    /// `SubProfile_retrieve` with all fields.
    pub fn subprofile(&self, id: u64) -> Result<SubProfile, MockFault> {
        let st = self.lock();
        let s = st.subprofile(id)?;
        Ok(st.subprofile_entity(s, true))
    }

    /// `SubProfile_updateFields`.
    pub fn update_subprofile_fields(
        &self,
        id: u64,
        fields: &[(&str, &str)],
    ) -> Result<bool, MockFault> {
        self.lock().update_subprofile(id, &owned_pairs(fields))
    }

    /// `SubProfile_remove`.
    pub fn remove_subprofile(&self, id: u64) -> Result<(), MockFault> {
        self.lock().remove_subprofile(id)
    }

    /// `Collection_searchSubProfiles`.
    pub fn search_subprofiles(
        &self,
        collection: u64,
        requirements: &[Requirement],
        paging: Paging,
    ) -> Result<Page<SubProfile>, MockFault> {
        let st = self.lock();
        let hits = st.search_subprofiles(collection, None, requirements, None, true, None)?;
        let (start, total, ids) = search::page(hits, paging);
        let items = ids
            .iter()
            .filter_map(|id| st.subprofiles.get(id))
            .map(|s| st.subprofile_entity(s, paging.allproperties))
            .collect();
        Ok(Page {
            start,
            total,
            items,
        })
    }

    /// `Database_createCallback` / `Collection_createCallback`.
    pub fn create_callback(
        &self,
        owner: CallbackOwner,
        url: &str,
        expression: Option<&str>,
        method: Option<&str>,
    ) -> Result<Callback, MockFault> {
        self.lock().create_callback(owner, url, expression, method)
    }

    /// Sets the action filter (`all`, `create`, `update`, `delete`) and the
    /// `api_disabled` flag of a callback.
    pub fn configure_callback(
        &self,
        id: u64,
        actionfilter: Option<&str>,
        api_disabled: bool,
    ) -> Result<Callback, MockFault> {
        let mut st = self.lock();
        let rec = st
            .callbacks
            .get_mut(&id)
            .ok_or_else(|| MockFault::not_found("callback", id))?;
        if let Some(a) = actionfilter {
            if !["all", "create", "update", "delete"].contains(&a) {
                return Err(MockFault::invalid(
                    "actionfilter",
                    format!("unknown action '{a}'"),
                ));
            }
        }
        rec.callback.actionfilter = actionfilter.map(str::to_owned);
        rec.callback.api_disabled = api_disabled;
        Ok(rec.callback.clone())
    }

    /// All callbacks with their owner, in id order.
    pub fn callbacks(&self) -> Vec<(CallbackOwner, Callback)> {
        self.lock()
            .callbacks
            .values()
            .map(|c| (c.owner, c.callback.clone()))
            .collect()
    }

    /// Callbacks that an event should fire: owned by the event's database (profiles)
    /// or collection (subprofiles), with a matching action filter. Changes come from
    /// the API here, so callbacks with `api_disabled` are left out. The JavaScript
    /// `expression` is not evaluated: that is the sender's job.
    pub fn callbacks_for(&self, event: &ChangeEvent) -> Vec<Callback> {
        let owner = match (event.kind, event.collection) {
            (ChangeKind::Profile, _) => CallbackOwner::Database(event.database),
            (ChangeKind::SubProfile, Some(c)) => CallbackOwner::Collection(c),
            (ChangeKind::SubProfile, None) => return Vec::new(),
        };
        self.lock()
            .callbacks
            .values()
            .filter(|c| c.owner == owner && !c.callback.api_disabled)
            .filter(|c| match c.callback.actionfilter.as_deref() {
                None | Some("all") => true,
                Some(a) => a == event.action.as_str(),
            })
            .map(|c| c.callback.clone())
            .collect()
    }

    // ----- setup of objects that the API can read but not create -----

    /// A view (selection) on a database, optionally nested under `parent`.
    pub fn create_view(
        &self,
        database: u64,
        parent: Option<u64>,
        name: &str,
    ) -> Result<View, MockFault> {
        self.lock().create_view(database, parent, name)
    }

    /// A rule of a view. A profile is in a view when it satisfies one enabled rule.
    pub fn create_rule(&self, view: u64, name: &str) -> Result<Rule, MockFault> {
        self.lock().create_rule(view, false, name)
    }

    /// A condition of a rule (or minirule); `filter` is the field test the mock
    /// evaluates (a rule matches when all its filters match).
    pub fn create_condition(
        &self,
        rule: u64,
        condition_type: &str,
        filter: Option<Requirement>,
    ) -> Result<Condition, MockFault> {
        self.lock().create_condition(rule, condition_type, filter)
    }

    /// A miniview (mini-selection) on a collection.
    pub fn create_miniview(&self, collection: u64, name: &str) -> Result<Miniview, MockFault> {
        self.lock().create_miniview(collection, name)
    }

    /// A minirule of a miniview.
    pub fn create_minirule(&self, miniview: u64, name: &str) -> Result<Rule, MockFault> {
        self.lock().create_rule(miniview, true, name)
    }

    /// Another user of the account (may log in).
    pub fn create_user(&self, name: &str, email: &str, password: &str) -> User {
        self.lock().add_user(name, email, password)
    }

    /// A running import on a database.
    pub fn create_import(&self, database: u64) -> Result<Import, MockFault> {
        let mut st = self.lock();
        st.database(database)?;
        let id = st.next_id("import");
        st.imports.insert(id, (database, Import { id }));
        Ok(Import { id })
    }

    /// A PDF template.
    pub fn create_pdf_template(&self, name: &str) -> PdfTemplate {
        let mut st = self.lock();
        let id = st.next_id("template");
        let now = st.now();
        let hashcode = st.secret();
        let t = PdfTemplate {
            hashcode,
            source: String::new(),
            pagecount: 1,
            size: 0,
            id,
            name: name.to_owned(),
            description: None,
            archived: false,
            created: now.clone(),
            modified: now,
            language: "en".to_owned(),
            timezone: "UTC".to_owned(),
        };
        st.pdf_templates.insert(id, (t.clone(), Vec::new()));
        t
    }

    /// An extra property of a PDF template.
    pub fn add_pdf_template_property(
        &self,
        template: u64,
        name: &str,
        property_type: &str,
        default_value: Option<&str>,
    ) -> Result<PdfTemplateProperty, MockFault> {
        let mut st = self.lock();
        let (_, props) = st
            .pdf_templates
            .get_mut(&template)
            .ok_or_else(|| MockFault::not_found("pdftemplate", template))?;
        let p = PdfTemplateProperty {
            id: (props.len() + 1).to_string(),
            name: name.to_owned(),
            property_type: property_type.to_owned(),
            default_value: default_value.map(str::to_owned),
        };
        props.push(p.clone());
        Ok(p)
    }

    fn html_template(st: &mut State, name: &str) -> HtmlTemplate {
        let id = st.next_id("template");
        let now = st.now();
        HtmlTemplate {
            charset: "utf-8".to_owned(),
            html_escaping: "none".to_owned(),
            smarty_version: 3,
            upgrade_smarty_version: 0,
            id,
            name: name.to_owned(),
            description: None,
            archived: false,
            created: now.clone(),
            modified: now,
            language: "en".to_owned(),
            timezone: "UTC".to_owned(),
        }
    }

    /// A web template.
    pub fn create_web_template(&self, name: &str) -> HtmlTemplate {
        let mut st = self.lock();
        let t = Self::html_template(&mut st, name);
        st.web_templates.insert(t.id, t.clone());
        t
    }

    /// An e-mail template.
    pub fn create_emailing_template(&self, name: &str) -> HtmlTemplate {
        let mut st = self.lock();
        let t = Self::html_template(&mut st, name);
        st.emailing_templates.insert(t.id, t.clone());
        t
    }

    fn add_document(
        &self,
        kind: DocumentKind,
        template: Option<TemplateRef>,
        name: &str,
        subject: &str,
    ) -> Result<EmailingDocument, MockFault> {
        let mut st = self.lock();
        match template {
            Some(TemplateRef::Emailing(t)) if !st.emailing_templates.contains_key(&t) => {
                return Err(MockFault::not_found("emailingtemplate", t))
            }
            Some(TemplateRef::Web(t)) if !st.web_templates.contains_key(&t) => {
                return Err(MockFault::not_found("webtemplate", t))
            }
            Some(TemplateRef::Pdf(t)) if !st.pdf_templates.contains_key(&t) => {
                return Err(MockFault::not_found("pdftemplate", t))
            }
            _ => {}
        }
        let id = st.next_id("document");
        let now = st.now();
        let doc = EmailingDocument {
            convertedid: 0,
            headers: None,
            subject: subject.to_owned(),
            fromaddress: format!("\"{}\" <news@example.com>", st.account.name),
            fromaddressstatus: "verified".to_owned(),
            bccaddress: None,
            replytoaddress: None,
            textversion: None,
            useinlinestyles: "no".to_owned(),
            temporary: false,
            id,
            name: name.to_owned(),
            description: None,
            archived: false,
            created: now.clone(),
            modified: now,
        };
        st.documents.insert(
            id,
            DocumentRec {
                kind,
                template,
                emailing: doc.clone(),
            },
        );
        Ok(doc)
    }

    /// An e-mail document based on an e-mail template.
    pub fn create_emailing_document(
        &self,
        template: u64,
        name: &str,
        subject: &str,
    ) -> Result<EmailingDocument, MockFault> {
        self.add_document(
            DocumentKind::Emailing,
            Some(TemplateRef::Emailing(template)),
            name,
            subject,
        )
    }

    /// A web document based on a web or PDF template; returns its id.
    pub fn create_web_document(&self, template: TemplateRef, name: &str) -> Result<u64, MockFault> {
        Ok(self
            .add_document(DocumentKind::Web, Some(template), name, "")?
            .id)
    }

    /// An SMS document with its text; returns its id.
    pub fn create_sms_document(&self, name: &str, text: &str) -> Result<u64, MockFault> {
        Ok(self.add_document(DocumentKind::Sms, None, name, text)?.id)
    }

    /// A follow-up of a document with a modify action; returns the follow-up id.
    pub fn create_modify_followup(
        &self,
        document: u64,
        destination: &str,
        fields: &[(&str, &str)],
    ) -> Result<u64, MockFault> {
        self.add_followup(
            document,
            FollowUpDef::Modify(ModifyAction {
                destination: destination.to_owned(),
                fields: owned_pairs(fields),
                condition: None,
            }),
        )
    }

    /// A follow-up of a document with another kind of action; returns its id.
    pub fn create_followup(&self, document: u64, kind: FollowUpKind) -> Result<u64, MockFault> {
        self.add_followup(
            document,
            FollowUpDef::Other(kind, FollowUpAction { condition: None }),
        )
    }

    fn add_followup(&self, document: u64, def: FollowUpDef) -> Result<u64, MockFault> {
        let mut st = self.lock();
        if !st.documents.contains_key(&document) {
            return Err(MockFault::not_found("document", document));
        }
        let id = st.next_id("followup");
        st.followups.insert(id, (document, def));
        Ok(id)
    }

    /// A Litmus test of an e-mail document with one spam result per `(isspam, score)`;
    /// returns the test id and the result ids.
    pub fn create_litmus_test(
        &self,
        document: u64,
        results: &[(bool, f64)],
    ) -> Result<(u64, Vec<u64>), MockFault> {
        let mut st = self.lock();
        if !st.documents.contains_key(&document) {
            return Err(MockFault::not_found("emailingdocument", document));
        }
        let test = st.next_id("litmustest");
        let now = st.now();
        let mut rec = LitmusTestRec {
            results: Default::default(),
        };
        let mut ids = Vec::new();
        for (isspam, spamscore) in results {
            let id = st.next_id("litmusresult");
            rec.results.insert(
                id,
                LitmusSpamTestResult {
                    isspam: *isspam,
                    spamscore: *spamscore,
                    id,
                    started: now.clone(),
                    finished: Some(now.clone()),
                    completed: true,
                },
            );
            ids.push(id);
        }
        st.litmus_tests.insert(test, rec);
        st.stats_mut().litmustest += 1;
        Ok((test, ids))
    }

    /// A website of the account; returns its id.
    pub fn create_website(&self, name: &str) -> u64 {
        let mut st = self.lock();
        let id = st.next_id("website");
        st.websites.insert(id, name.to_owned());
        id
    }

    /// A web session (of a website visitor) with whoever is logged on; returns its id.
    pub fn create_web_session(&self, logon: WebLogon) -> Result<String, MockFault> {
        let mut st = self.lock();
        match logon {
            WebLogon::Profile(p) => {
                st.profile(p)?;
            }
            WebLogon::SubProfile(s) => {
                st.subprofile(s)?;
            }
            WebLogon::Nobody => {}
        }
        let id = st.secret();
        st.web_sessions.insert(id.clone(), logon);
        Ok(id)
    }

    /// Environment statistics of a month (as `Account_stats`).
    pub fn stats(&self, year: i64, month: u32) -> EnvironmentStatistics {
        let st = self.lock();
        st.env_stats
            .get(&(year, month))
            .cloned()
            .unwrap_or(EnvironmentStatistics {
                year,
                month: i64::from(month),
                ..Default::default()
            })
    }
}

/// Authentication of a non-login call.
fn authenticate(st: &State, args: &Args<'_>, session: Option<&str>) -> Result<(), MockFault> {
    if let Some(token) = args.opt_str("access_token") {
        if st.tokens.contains(token) {
            return Ok(());
        }
    }
    if let Some(login) = args.opt_struct("login") {
        if let (Some(u), Some(p)) = (login.str("username"), login.str("password")) {
            if st.check_credentials(u, p, login.str("account")) {
                return Ok(());
            }
        }
    }
    if let Some(s) = session {
        if st.sessions.contains(s) {
            return Ok(());
        }
    }
    Err(MockFault::NotLoggedOn)
}

fn owned_pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}
