//! The store's tables and the rules that keep them consistent. Everything here runs
//! with the store lock held; `ops.rs` maps operations onto these methods.

use std::collections::{BTreeMap, BTreeSet};

use super::config::MockConfig;
use super::entities::*;
use super::events::{ChangeAction, ChangeEvent, ChangeKind, EventHub};
use super::fault::MockFault;
use super::params::{Paging, Requirement};
use super::result::FollowUpKind;
use super::search::{self, Compiled};
use super::time::{format_timestamp, year_month, Clock};

/// FieldType values (OBJECT_MODEL.md §8 simple types).
pub(crate) const FIELD_TYPES: &[&str] = &[
    "integer",
    "float",
    "date",
    "empty_date",
    "datetime",
    "empty_datetime",
    "text",
    "email",
    "phone",
    "phone_fax",
    "phone_gsm",
    "big",
    "foreign_key",
];

/// Field types that may occur only once per database or collection.
const UNIQUE_FIELD_TYPES: &[&str] = &["email", "phone", "phone_fax"];

pub(crate) const UNSUBSCRIBE_BEHAVIORS: &[&str] = &["nothing", "remove", "update"];

pub(crate) struct UserRec {
    pub user: User,
    pub password: String,
}

pub(crate) struct DatabaseRec {
    pub db: Database,
    pub unsubscribe_values: Pairs,
}

pub(crate) struct FieldRec {
    /// Database id (database fields) or collection id (collection fields).
    pub owner: u64,
    pub field: Field,
}

pub(crate) struct InterestRec {
    pub database: u64,
    pub interest: Interest,
}

pub(crate) struct CollectionRec {
    pub database: u64,
    pub collection: Collection,
}

pub(crate) struct ProfileRec {
    pub id: u64,
    pub database: u64,
    pub code: String,
    pub created: String,
    pub modified: String,
    /// Field id → value.
    pub values: BTreeMap<u64, String>,
    pub interests: BTreeSet<u64>,
}

pub(crate) struct SubProfileRec {
    pub id: u64,
    pub collection: u64,
    pub profile: u64,
    pub code: String,
    pub created: String,
    pub modified: String,
    /// Collection field id → value.
    pub values: BTreeMap<u64, String>,
}

pub(crate) struct ViewRec {
    pub database: u64,
    pub parent: Option<u64>,
    pub view: View,
}

pub(crate) struct MiniviewRec {
    pub collection: u64,
    pub miniview: Miniview,
}

pub(crate) struct RuleRec {
    /// View id (rules) or miniview id (minirules).
    pub owner: u64,
    pub mini: bool,
    pub rule: Rule,
}

pub(crate) struct ConditionRec {
    pub rule: u64,
    pub condition: Condition,
    /// Field test applied by the mock when evaluating the selection; conditions made
    /// through `Rule_createCondition` carry none and select everything.
    pub filter: Option<Requirement>,
}

/// Owner of a callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallbackOwner {
    Database(u64),
    Collection(u64),
}

pub(crate) struct CallbackRec {
    pub owner: CallbackOwner,
    pub callback: Callback,
}

/// Kind of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// E-mail document (based on an e-mail template); also a web document.
    Emailing,
    /// Web document based on a web or PDF template.
    Web,
    /// SMS document.
    Sms,
}

/// Template a document is based on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateRef {
    Pdf(u64),
    Web(u64),
    Emailing(u64),
}

pub(crate) struct DocumentRec {
    pub kind: DocumentKind,
    pub template: Option<TemplateRef>,
    pub emailing: EmailingDocument,
}

/// Definition of a follow-up action, as returned by `DocumentFollowUp_action`.
#[derive(Clone, Debug, PartialEq)]
pub enum FollowUpDef {
    Modify(ModifyAction),
    Other(FollowUpKind, FollowUpAction),
}

pub(crate) struct LitmusTestRec {
    pub results: BTreeMap<u64, LitmusSpamTestResult>,
}

/// Who is logged on in a web session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebLogon {
    Nobody,
    Profile(u64),
    SubProfile(u64),
}

/// Target of a mailing destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Recipient {
    Profile(u64),
    SubProfile(u64),
}

pub(crate) struct ProcessedRec {
    pub emailing: ProcessedEmailing,
    pub stats: EmailingStatistics,
}

pub(crate) struct DestinationRec {
    pub emailing: u64,
    pub recipient: Recipient,
    pub unsubscribed: bool,
}

pub(crate) struct State {
    pub cfg: MockConfig,
    pub clock: Clock,
    rng: u64,
    next_ids: BTreeMap<&'static str, u64>,
    pub account: Account,
    pub users: BTreeMap<u64, UserRec>,
    pub sessions: BTreeSet<String>,
    pub tokens: BTreeSet<String>,
    pub databases: BTreeMap<u64, DatabaseRec>,
    pub fields: BTreeMap<u64, FieldRec>,
    pub collection_fields: BTreeMap<u64, FieldRec>,
    pub interests: BTreeMap<u64, InterestRec>,
    pub collections: BTreeMap<u64, CollectionRec>,
    pub profiles: BTreeMap<u64, ProfileRec>,
    pub subprofiles: BTreeMap<u64, SubProfileRec>,
    pub views: BTreeMap<u64, ViewRec>,
    pub miniviews: BTreeMap<u64, MiniviewRec>,
    pub rules: BTreeMap<u64, RuleRec>,
    pub conditions: BTreeMap<u64, ConditionRec>,
    pub callbacks: BTreeMap<u64, CallbackRec>,
    pub imports: BTreeMap<u64, (u64, Import)>,
    pub pdf_templates: BTreeMap<u64, (PdfTemplate, Vec<PdfTemplateProperty>)>,
    pub web_templates: BTreeMap<u64, HtmlTemplate>,
    pub emailing_templates: BTreeMap<u64, HtmlTemplate>,
    pub documents: BTreeMap<u64, DocumentRec>,
    pub files: BTreeMap<u64, (u64, DocumentFile)>,
    pub followups: BTreeMap<u64, (u64, FollowUpDef)>,
    pub litmus_tests: BTreeMap<u64, LitmusTestRec>,
    pub websites: BTreeMap<u64, String>,
    pub web_sessions: BTreeMap<String, WebLogon>,
    pub fonts: BTreeMap<u64, Font>,
    pub processed: BTreeMap<u64, ProcessedRec>,
    pub scheduled: BTreeMap<u64, ScheduledEmailing>,
    /// id → (scheduled?, mailing).
    pub sms_mailings: BTreeMap<u64, (bool, SmsMailing)>,
    pub destinations: BTreeMap<String, DestinationRec>,
    pub access_keys: BTreeMap<String, u64>,
    pub env_stats: BTreeMap<(i64, u32), EnvironmentStatistics>,
    pub sms_stats: SmsStatistics,
    pub events: EventHub,
}

impl State {
    pub fn new(cfg: MockConfig) -> Self {
        let clock = cfg.clock;
        let mut s = State {
            rng: cfg.seed,
            clock,
            next_ids: BTreeMap::new(),
            account: Account::default(),
            users: BTreeMap::new(),
            sessions: BTreeSet::new(),
            tokens: BTreeSet::from([cfg.access_token.clone()]),
            databases: BTreeMap::new(),
            fields: BTreeMap::new(),
            collection_fields: BTreeMap::new(),
            interests: BTreeMap::new(),
            collections: BTreeMap::new(),
            profiles: BTreeMap::new(),
            subprofiles: BTreeMap::new(),
            views: BTreeMap::new(),
            miniviews: BTreeMap::new(),
            rules: BTreeMap::new(),
            conditions: BTreeMap::new(),
            callbacks: BTreeMap::new(),
            imports: BTreeMap::new(),
            pdf_templates: BTreeMap::new(),
            web_templates: BTreeMap::new(),
            emailing_templates: BTreeMap::new(),
            documents: BTreeMap::new(),
            files: BTreeMap::new(),
            followups: BTreeMap::new(),
            litmus_tests: BTreeMap::new(),
            websites: BTreeMap::new(),
            web_sessions: BTreeMap::new(),
            fonts: BTreeMap::new(),
            processed: BTreeMap::new(),
            scheduled: BTreeMap::new(),
            sms_mailings: BTreeMap::new(),
            destinations: BTreeMap::new(),
            access_keys: BTreeMap::new(),
            env_stats: BTreeMap::new(),
            sms_stats: SmsStatistics::default(),
            events: EventHub::default(),
            cfg,
        };
        let now = s.now();
        s.account = Account {
            name: s.cfg.account.clone(),
            showpoweredby: false,
            description: None,
            created: now.clone(),
            end: None,
            active: true,
            main: true,
            unsecure: false,
            mailip: None,
        };
        let (name, password) = (s.cfg.user.clone(), s.cfg.password.clone());
        s.add_user(&name, &format!("{name}@example.com"), &password);
        s
    }

    // ----- infrastructure -----

    pub fn now_unix(&self) -> i64 {
        self.clock.now()
    }

    pub fn now(&self) -> String {
        format_timestamp(self.now_unix())
    }

    pub fn next_id(&mut self, kind: &'static str) -> u64 {
        let n = self.next_ids.entry(kind).or_insert(0);
        *n += 1;
        *n
    }

    /// splitmix64: a deterministic stream for codes and keys (not for security; this
    /// is a test double).
    fn next_random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 32 hex digits.
    pub fn secret(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_random(), self.next_random())
    }

    pub fn stats_mut(&mut self) -> &mut EnvironmentStatistics {
        let (y, m) = year_month(self.now_unix());
        self.env_stats
            .entry((y, m))
            .or_insert_with(|| EnvironmentStatistics {
                year: y,
                month: i64::from(m),
                ..Default::default()
            })
    }

    pub fn add_user(&mut self, name: &str, email: &str, password: &str) -> User {
        let id = self.next_id("user");
        let user = User {
            id,
            created: self.now(),
            end: None,
            gender: String::new(),
            name: name.to_owned(),
            description: None,
            email: email.to_owned(),
            phone: String::new(),
            sms: String::new(),
            fax: String::new(),
            applicationadmin: id == 1,
            accountadmin: id == 1,
            styleadmin: false,
            dummy: false,
            apiaccess: true,
            uiacess: true,
            disabled: false,
            active: true,
        };
        self.users.insert(
            id,
            UserRec {
                user: user.clone(),
                password: password.to_owned(),
            },
        );
        user
    }

    /// Checks `login` credentials (user name or e-mail; account optional).
    pub fn check_credentials(&self, username: &str, password: &str, account: Option<&str>) -> bool {
        if let Some(a) = account.filter(|a| !a.is_empty()) {
            if a != self.account.name {
                return false;
            }
        }
        self.users.values().any(|u| {
            (u.user.name == username || u.user.email == username)
                && u.password == password
                && !u.user.disabled
        })
    }

    pub fn open_session(&mut self) -> String {
        let id = format!("soap_{}", self.secret());
        self.sessions.insert(id.clone());
        id
    }

    // ----- databases, fields, interests, collections -----

    pub fn database(&self, id: u64) -> Result<&DatabaseRec, MockFault> {
        self.databases
            .get(&id)
            .ok_or_else(|| MockFault::not_found("database", id))
    }

    pub fn database_entity(&self, id: u64) -> Option<Database> {
        let rec = self.databases.get(&id)?;
        let mut db = rec.db.clone();
        db.countprofiles = self.profiles.values().filter(|p| p.database == id).count() as u64;
        Some(db)
    }

    pub fn find_database(&self, identifier: &str) -> Option<u64> {
        self.databases
            .iter()
            .find(|(id, d)| id.to_string() == identifier.trim() || d.db.name == identifier)
            .map(|(id, _)| *id)
    }

    pub fn create_database(&mut self, name: &str) -> Result<Database, MockFault> {
        check_identifier("name", name)?;
        if self.databases.values().any(|d| d.db.name == name) {
            return Err(MockFault::Conflict(format!(
                "A database named '{name}' already exists"
            )));
        }
        let id = self.next_id("database");
        let now = self.now();
        self.databases.insert(
            id,
            DatabaseRec {
                db: Database {
                    id,
                    name: name.to_owned(),
                    description: None,
                    archived: false,
                    created: now.clone(),
                    unsubscribebehavior: "nothing".to_owned(),
                    countprofiles: 0,
                    lastbuilt: Some(now),
                },
                unsubscribe_values: Vec::new(),
            },
        );
        Ok(self.database_entity(id).unwrap_or_default())
    }

    /// Database fields in creation order.
    pub fn db_fields(&self, db: u64) -> impl Iterator<Item = &Field> + '_ {
        self.fields
            .values()
            .filter(move |f| f.owner == db)
            .map(|f| &f.field)
    }

    pub fn coll_fields(&self, coll: u64) -> impl Iterator<Item = &Field> + '_ {
        self.collection_fields
            .values()
            .filter(move |f| f.owner == coll)
            .map(|f| &f.field)
    }

    pub fn db_field_id(&self, db: u64, name: &str) -> Option<u64> {
        self.db_fields(db).find(|f| f.name == name).map(|f| f.id)
    }

    pub fn coll_field_id(&self, coll: u64, name: &str) -> Option<u64> {
        self.coll_fields(coll)
            .find(|f| f.name == name)
            .map(|f| f.id)
    }

    /// Name rule of `Database_createField`: not used by a field, interest or collection.
    fn db_name_taken(&self, db: u64, name: &str, except_field: Option<u64>) -> bool {
        self.db_fields(db)
            .any(|f| f.name == name && Some(f.id) != except_field)
            || self
                .interests
                .values()
                .any(|i| i.database == db && i.interest.name == name)
            || self
                .collections
                .values()
                .any(|c| c.database == db && c.collection.name == name)
    }

    pub fn create_field(&mut self, db: u64, def: FieldDef) -> Result<Field, MockFault> {
        self.database(db)?;
        check_identifier("name", &def.name)?;
        if self.db_name_taken(db, &def.name, None) {
            return Err(MockFault::Conflict(format!(
                "The name '{}' is already used in database {db}",
                def.name
            )));
        }
        let existing: Vec<Field> = self.db_fields(db).cloned().collect();
        let field = self.build_field(def, &existing)?;
        // Existing profiles get the default value, as a new column would.
        let default = field.value.clone().unwrap_or_default();
        for p in self.profiles.values_mut().filter(|p| p.database == db) {
            p.values.insert(field.id, default.clone());
        }
        self.fields.insert(
            field.id,
            FieldRec {
                owner: db,
                field: field.clone(),
            },
        );
        Ok(field)
    }

    pub fn create_collection_field(
        &mut self,
        coll: u64,
        def: FieldDef,
    ) -> Result<Field, MockFault> {
        self.collection(coll)?;
        check_identifier("name", &def.name)?;
        if self.coll_fields(coll).any(|f| f.name == def.name) {
            return Err(MockFault::Conflict(format!(
                "The name '{}' is already used in collection {coll}",
                def.name
            )));
        }
        let existing: Vec<Field> = self.coll_fields(coll).cloned().collect();
        let field = self.build_field(def, &existing)?;
        let default = field.value.clone().unwrap_or_default();
        for s in self
            .subprofiles
            .values_mut()
            .filter(|s| s.collection == coll)
        {
            s.values.insert(field.id, default.clone());
        }
        self.collection_fields.insert(
            field.id,
            FieldRec {
                owner: coll,
                field: field.clone(),
            },
        );
        Ok(field)
    }

    fn build_field(&mut self, def: FieldDef, existing: &[Field]) -> Result<Field, MockFault> {
        let field_type = def.field_type.unwrap_or_else(|| "text".to_owned());
        if !FIELD_TYPES.contains(&field_type.as_str()) {
            return Err(MockFault::invalid(
                "type",
                format!("unknown field type '{field_type}'"),
            ));
        }
        if UNIQUE_FIELD_TYPES.contains(&field_type.as_str())
            && existing.iter().any(|f| f.field_type == field_type)
        {
            return Err(MockFault::Conflict(format!(
                "Only one field of type '{field_type}' is allowed"
            )));
        }
        let value = match def.value {
            Some(v) => {
                check_value(&field_type, &v).map_err(|r| MockFault::invalid("value", r))?;
                v
            }
            None => type_default(&field_type).to_owned(),
        };
        let id = self.next_id("field");
        Ok(Field {
            id,
            name: def.name,
            big: def.big.unwrap_or(field_type == "big"),
            pixelwidth: 0,
            weight: existing.len() as i64,
            value: Some(value),
            specialcontent: def.specialcontent,
            ordered: def.ordered.unwrap_or(false),
            displayed: def.display.unwrap_or(true),
            indatatable: def.display.unwrap_or(true),
            length: def
                .length
                .unwrap_or(if field_type == "text" { 255 } else { 0 }),
            lines: def.lines.unwrap_or(1),
            hidden: def.hidden.unwrap_or(false),
            index: def.index.unwrap_or(false),
            field_type,
        })
    }

    /// `Field_update` / `CollectionField_update`; values are kept, names follow.
    pub fn update_field(
        &mut self,
        id: u64,
        collection: bool,
        def: FieldUpdate,
    ) -> Result<Field, MockFault> {
        let (owner, old) = {
            let table = if collection {
                &self.collection_fields
            } else {
                &self.fields
            };
            let rec = table.get(&id).ok_or_else(|| {
                MockFault::not_found(
                    if collection {
                        "collectionfield"
                    } else {
                        "field"
                    },
                    id,
                )
            })?;
            (rec.owner, rec.field.clone())
        };
        let mut f = old.clone();
        if let Some(name) = def.name.filter(|n| *n != old.name) {
            check_identifier("name", &name)?;
            let taken = if collection {
                self.coll_fields(owner).any(|x| x.name == name)
            } else {
                self.db_name_taken(owner, &name, Some(id))
            };
            if taken {
                return Err(MockFault::Conflict(format!(
                    "The name '{name}' is already used"
                )));
            }
            f.name = name;
        }
        if let Some(t) = def.field_type {
            if !FIELD_TYPES.contains(&t.as_str()) {
                return Err(MockFault::invalid(
                    "type",
                    format!("unknown field type '{t}'"),
                ));
            }
            f.field_type = t;
        }
        if let Some(v) = def.value {
            check_value(&f.field_type, &v).map_err(|r| MockFault::invalid("value", r))?;
            f.value = Some(v);
        }
        if let Some(d) = def.display {
            f.displayed = d;
            f.indatatable = d;
        }
        if let Some(v) = def.ordered {
            f.ordered = v;
        }
        if let Some(v) = def.length {
            f.length = v;
        }
        if let Some(v) = def.lines {
            f.lines = v;
        }
        if let Some(v) = def.hidden {
            f.hidden = v;
        }
        if let Some(v) = def.index {
            f.index = v;
        }
        if let Some(v) = def.specialcontent {
            f.specialcontent = Some(v);
        }
        let table = if collection {
            &mut self.collection_fields
        } else {
            &mut self.fields
        };
        if let Some(rec) = table.get_mut(&id) {
            rec.field = f.clone();
        }
        Ok(f)
    }

    pub fn create_interest(
        &mut self,
        db: u64,
        name: &str,
        group: Option<&str>,
    ) -> Result<Interest, MockFault> {
        self.database(db)?;
        check_identifier("name", name)?;
        if self.db_name_taken(db, name, None) {
            return Err(MockFault::Conflict(format!(
                "The name '{name}' is already used in database {db}"
            )));
        }
        let id = self.next_id("interest");
        let interest = Interest {
            id,
            name: name.to_owned(),
            group: group.map(str::to_owned),
        };
        self.interests.insert(
            id,
            InterestRec {
                database: db,
                interest: interest.clone(),
            },
        );
        Ok(interest)
    }

    pub fn collection(&self, id: u64) -> Result<&CollectionRec, MockFault> {
        self.collections
            .get(&id)
            .ok_or_else(|| MockFault::not_found("collection", id))
    }

    pub fn collection_entity(&self, id: u64) -> Option<Collection> {
        let rec = self.collections.get(&id)?;
        let mut c = rec.collection.clone();
        c.countsubprofiles = self
            .subprofiles
            .values()
            .filter(|s| s.collection == id)
            .count() as u64;
        Some(c)
    }

    pub fn create_collection(&mut self, db: u64, name: &str) -> Result<Collection, MockFault> {
        self.database(db)?;
        check_identifier("name", name)?;
        if self.db_name_taken(db, name, None) {
            return Err(MockFault::Conflict(format!(
                "The name '{name}' is already used in database {db}"
            )));
        }
        let id = self.next_id("collection");
        let now = self.now();
        let weight = self
            .collections
            .values()
            .filter(|c| c.database == db)
            .count() as i64;
        self.collections.insert(
            id,
            CollectionRec {
                database: db,
                collection: Collection {
                    id,
                    name: name.to_owned(),
                    weight,
                    created: now.clone(),
                    unsubscribebehavior: "nothing".to_owned(),
                    countsubprofiles: 0,
                    lastbuilt: Some(now),
                },
            },
        );
        Ok(self.collection_entity(id).unwrap_or_default())
    }

    /// Collection of database `db` by id or name.
    pub fn find_collection(&self, db: u64, r: &super::params::ObjectRef) -> Option<u64> {
        use super::params::ObjectRef;
        self.collections
            .iter()
            .find(|(id, c)| {
                c.database == db
                    && match r {
                        ObjectRef::Id(n) => **id == *n,
                        ObjectRef::Name(n) => c.collection.name == *n,
                    }
            })
            .map(|(id, _)| *id)
    }

    // ----- profiles -----

    pub fn profile(&self, id: u64) -> Result<&ProfileRec, MockFault> {
        self.profiles
            .get(&id)
            .ok_or_else(|| MockFault::not_found("profile", id))
    }

    pub fn profile_fields(&self, p: &ProfileRec) -> Pairs {
        self.db_fields(p.database)
            .map(|f| {
                (
                    f.name.clone(),
                    p.values.get(&f.id).cloned().unwrap_or_default(),
                )
            })
            .collect()
    }

    fn profile_interest_names(&self, p: &ProfileRec) -> Vec<String> {
        p.interests
            .iter()
            .filter_map(|i| self.interests.get(i).map(|r| r.interest.name.clone()))
            .collect()
    }

    pub fn profile_entity(&self, p: &ProfileRec, full: bool) -> Profile {
        let interests = full.then(|| {
            self.interests
                .values()
                .filter(|i| i.database == p.database)
                .map(|i| {
                    let on = p.interests.contains(&i.interest.id);
                    (
                        i.interest.name.clone(),
                        if on { "1" } else { "0" }.to_owned(),
                    )
                })
                .collect()
        });
        Profile {
            id: p.id,
            code: p.code.clone(),
            extra: None,
            created: p.created.clone(),
            modified: p.modified.clone(),
            lastexport: None,
            fields: full.then(|| self.profile_fields(p)),
            interests,
        }
    }

    /// Validates a field map against the database's fields: `Ok(field id → value)` for
    /// known names (unknown names are ignored), `Err(reason)` on a type violation.
    fn resolve_values(
        fields: &[Field],
        input: &[(String, String)],
    ) -> Result<Vec<(u64, String)>, String> {
        let mut out = Vec::new();
        for (k, v) in input {
            if let Some(f) = fields.iter().find(|f| f.name == *k) {
                check_value(&f.field_type, v).map_err(|r| format!("field '{k}': {r}"))?;
                out.push((f.id, v.clone()));
            }
        }
        Ok(out)
    }

    pub fn create_profile(
        &mut self,
        db: u64,
        input: &[(String, String)],
    ) -> Result<Profile, MockFault> {
        self.database(db)?;
        let fields: Vec<Field> = self.db_fields(db).cloned().collect();
        let set =
            Self::resolve_values(&fields, input).map_err(|r| MockFault::invalid("fields", r))?;
        let mut values: BTreeMap<u64, String> = fields
            .iter()
            .map(|f| (f.id, f.value.clone().unwrap_or_default()))
            .collect();
        values.extend(set);
        let id = self.next_id("profile");
        let code = self.secret();
        let now = self.now();
        let rec = ProfileRec {
            id,
            database: db,
            code,
            created: now.clone(),
            modified: now,
            values,
            interests: BTreeSet::new(),
        };
        self.profiles.insert(id, rec);
        self.emit_profile(id, ChangeAction::Create, Vec::new());
        let p = self.profile(id)?;
        Ok(self.profile_entity(p, true))
    }

    /// Applies field values and interests; `Ok(false)` when a value fails its type check
    /// (nothing is changed then). Emits an update event when something changed.
    pub fn update_profile(
        &mut self,
        id: u64,
        input: &[(String, String)],
        interests: Option<&[(String, String)]>,
    ) -> Result<bool, MockFault> {
        let db = self.profile(id)?.database;
        let fields: Vec<Field> = self.db_fields(db).cloned().collect();
        let Ok(set) = Self::resolve_values(&fields, input) else {
            return Ok(false);
        };
        let interest_ids: Vec<(u64, bool)> = interests
            .unwrap_or(&[])
            .iter()
            .filter_map(|(name, v)| {
                self.interests
                    .values()
                    .find(|i| i.database == db && i.interest.name == *name)
                    .map(|i| (i.interest.id, super::params::parse_bool(v).unwrap_or(true)))
            })
            .collect();
        let now = self.now();
        let mut changed: Vec<(String, String)> = Vec::new();
        let mut interests_changed = false;
        if let Some(p) = self.profiles.get_mut(&id) {
            for (fid, v) in set {
                if p.values.get(&fid) != Some(&v) {
                    if let Some(f) = fields.iter().find(|f| f.id == fid) {
                        changed.push((f.name.clone(), v.clone()));
                    }
                    p.values.insert(fid, v);
                }
            }
            for (iid, on) in interest_ids {
                interests_changed |= if on {
                    p.interests.insert(iid)
                } else {
                    p.interests.remove(&iid)
                };
            }
            if !changed.is_empty() || interests_changed {
                p.modified = now;
            }
        }
        if !changed.is_empty() || interests_changed {
            self.emit_profile(id, ChangeAction::Update, changed);
        }
        Ok(true)
    }

    pub fn remove_profile(&mut self, id: u64) -> Result<(), MockFault> {
        self.profile(id)?;
        let subs: Vec<u64> = self
            .subprofiles
            .values()
            .filter(|s| s.profile == id)
            .map(|s| s.id)
            .collect();
        for s in subs {
            self.remove_subprofile(s)?;
        }
        self.emit_profile(id, ChangeAction::Delete, Vec::new());
        self.profiles.remove(&id);
        Ok(())
    }

    fn emit_profile(&mut self, id: u64, action: ChangeAction, updated: Pairs) {
        let Some(p) = self.profiles.get(&id) else {
            return;
        };
        let event = ChangeEvent {
            seq: 0,
            action,
            kind: ChangeKind::Profile,
            id,
            database: p.database,
            collection: None,
            profile: None,
            fields: self.profile_fields(p),
            updated,
            interests: self.profile_interest_names(p),
            timestamp: self.now(),
        };
        self.events.emit(event);
    }

    /// Profiles of `db` matching all requirements, ordered by `order` (field name;
    /// ids otherwise), optionally restricted by `filter`.
    pub fn search_profiles(
        &self,
        db: u64,
        reqs: &[Requirement],
        order: Option<&str>,
        asc: bool,
        filter: Option<&dyn Fn(&ProfileRec) -> bool>,
    ) -> Result<Vec<u64>, MockFault> {
        self.database(db)?;
        let compiled = search::compile(reqs, |name| self.db_field_id(db, name))?;
        let mut hits: Vec<&ProfileRec> = self
            .profiles
            .values()
            .filter(|p| p.database == db)
            .filter(|p| profile_matches(p, &compiled))
            .filter(|p| filter.is_none_or(|f| f(p)))
            .collect();
        if let Some(fid) = order.and_then(|o| self.db_field_id(db, o)) {
            hits.sort_by(|a, b| {
                let (x, y) = (
                    a.values.get(&fid).map_or("", String::as_str),
                    b.values.get(&fid).map_or("", String::as_str),
                );
                search::compare(x, y, false).then(a.id.cmp(&b.id))
            });
        }
        if !asc {
            hits.reverse();
        }
        Ok(hits.into_iter().map(|p| p.id).collect())
    }

    /// `Database_updateProfiles` / `View_updateProfiles`.
    #[allow(clippy::too_many_arguments)]
    pub fn update_profiles(
        &mut self,
        db: u64,
        reqs: &[Requirement],
        fields: &[(String, String)],
        interests: Option<&[(String, String)]>,
        create: bool,
        view: Option<u64>,
        paging: Paging,
    ) -> Result<(usize, usize, Vec<Profile>), MockFault> {
        let hits = match view {
            Some(v) => {
                let filter = |p: &ProfileRec| self.in_view(v, p);
                self.search_profiles(db, reqs, None, true, Some(&filter))?
            }
            None => self.search_profiles(db, reqs, None, true, None)?,
        };
        let mut touched = Vec::new();
        if hits.is_empty() && create {
            // The new profile gets the equality requirements as values, then `fields`.
            let mut values: Pairs = reqs
                .iter()
                .filter(|r| matches!(r.operator.trim(), "" | "=" | "=="))
                .map(|r| (r.fieldname.clone(), r.value.clone()))
                .collect();
            values.extend(fields.iter().cloned());
            let p = self.create_profile(db, &values)?;
            if interests.is_some() {
                self.update_profile(p.id, &[], interests)?;
            }
            touched.push(p.id);
        } else {
            for id in hits {
                if !self.update_profile(id, fields, interests)? {
                    return Err(MockFault::invalid(
                        "fields",
                        "a value does not match its field type",
                    ));
                }
                touched.push(id);
            }
        }
        let (start, total, page) = search::page(touched, paging);
        let items = page
            .iter()
            .filter_map(|id| self.profiles.get(id))
            .map(|p| self.profile_entity(p, paging.allproperties))
            .collect();
        Ok((start, total, items))
    }

    // ----- subprofiles -----

    pub fn subprofile(&self, id: u64) -> Result<&SubProfileRec, MockFault> {
        self.subprofiles
            .get(&id)
            .ok_or_else(|| MockFault::not_found("subprofile", id))
    }

    pub fn subprofile_fields(&self, s: &SubProfileRec) -> Pairs {
        self.coll_fields(s.collection)
            .map(|f| {
                (
                    f.name.clone(),
                    s.values.get(&f.id).cloned().unwrap_or_default(),
                )
            })
            .collect()
    }

    pub fn subprofile_entity(&self, s: &SubProfileRec, full: bool) -> SubProfile {
        SubProfile {
            id: s.id,
            code: s.code.clone(),
            created: s.created.clone(),
            modified: s.modified.clone(),
            lastexport: None,
            fields: full.then(|| self.subprofile_fields(s)),
        }
    }

    pub fn create_subprofile(
        &mut self,
        profile: u64,
        coll: u64,
        input: &[(String, String)],
    ) -> Result<SubProfile, MockFault> {
        let db = self.profile(profile)?.database;
        if self.collection(coll)?.database != db {
            return Err(MockFault::invalid(
                "collection",
                format!("collection {coll} is not part of database {db}"),
            ));
        }
        let fields: Vec<Field> = self.coll_fields(coll).cloned().collect();
        let set =
            Self::resolve_values(&fields, input).map_err(|r| MockFault::invalid("fields", r))?;
        let mut values: BTreeMap<u64, String> = fields
            .iter()
            .map(|f| (f.id, f.value.clone().unwrap_or_default()))
            .collect();
        values.extend(set);
        let id = self.next_id("subprofile");
        let code = self.secret();
        let now = self.now();
        self.subprofiles.insert(
            id,
            SubProfileRec {
                id,
                collection: coll,
                profile,
                code,
                created: now.clone(),
                modified: now,
                values,
            },
        );
        self.emit_subprofile(id, ChangeAction::Create, Vec::new());
        let s = self.subprofile(id)?;
        Ok(self.subprofile_entity(s, true))
    }

    pub fn update_subprofile(
        &mut self,
        id: u64,
        input: &[(String, String)],
    ) -> Result<bool, MockFault> {
        let coll = self.subprofile(id)?.collection;
        let fields: Vec<Field> = self.coll_fields(coll).cloned().collect();
        let Ok(set) = Self::resolve_values(&fields, input) else {
            return Ok(false);
        };
        let now = self.now();
        let mut changed = Vec::new();
        if let Some(s) = self.subprofiles.get_mut(&id) {
            for (fid, v) in set {
                if s.values.get(&fid) != Some(&v) {
                    if let Some(f) = fields.iter().find(|f| f.id == fid) {
                        changed.push((f.name.clone(), v.clone()));
                    }
                    s.values.insert(fid, v);
                }
            }
            if !changed.is_empty() {
                s.modified = now;
            }
        }
        if !changed.is_empty() {
            self.emit_subprofile(id, ChangeAction::Update, changed);
        }
        Ok(true)
    }

    pub fn remove_subprofile(&mut self, id: u64) -> Result<(), MockFault> {
        self.subprofile(id)?;
        self.emit_subprofile(id, ChangeAction::Delete, Vec::new());
        self.subprofiles.remove(&id);
        Ok(())
    }

    fn emit_subprofile(&mut self, id: u64, action: ChangeAction, updated: Pairs) {
        let Some(s) = self.subprofiles.get(&id) else {
            return;
        };
        let database = self
            .collections
            .get(&s.collection)
            .map_or(0, |c| c.database);
        let event = ChangeEvent {
            seq: 0,
            action,
            kind: ChangeKind::SubProfile,
            id,
            database,
            collection: Some(s.collection),
            profile: Some(s.profile),
            fields: self.subprofile_fields(s),
            updated,
            interests: Vec::new(),
            timestamp: self.now(),
        };
        self.events.emit(event);
    }

    /// Subprofiles of `coll` (optionally of one profile) matching the requirements.
    pub fn search_subprofiles(
        &self,
        coll: u64,
        profile: Option<u64>,
        reqs: &[Requirement],
        order: Option<&str>,
        asc: bool,
        miniview: Option<u64>,
    ) -> Result<Vec<u64>, MockFault> {
        self.collection(coll)?;
        let compiled = search::compile(reqs, |name| self.coll_field_id(coll, name))?;
        let mut hits: Vec<&SubProfileRec> = self
            .subprofiles
            .values()
            .filter(|s| s.collection == coll && profile.is_none_or(|p| s.profile == p))
            .filter(|s| subprofile_matches(s, &compiled))
            .filter(|s| miniview.is_none_or(|m| self.in_miniview(m, s)))
            .collect();
        if let Some(fid) = order.and_then(|o| self.coll_field_id(coll, o)) {
            hits.sort_by(|a, b| {
                let (x, y) = (
                    a.values.get(&fid).map_or("", String::as_str),
                    b.values.get(&fid).map_or("", String::as_str),
                );
                search::compare(x, y, false).then(a.id.cmp(&b.id))
            });
        }
        if !asc {
            hits.reverse();
        }
        Ok(hits.into_iter().map(|s| s.id).collect())
    }

    // ----- selections -----

    fn rule_matches_values(
        &self,
        rule: u64,
        values: &BTreeMap<u64, String>,
        field_id: &dyn Fn(&str) -> Option<u64>,
    ) -> bool {
        self.conditions
            .values()
            .filter(|c| c.rule == rule)
            .filter_map(|c| c.filter.as_ref())
            .all(|r| {
                let Some(fid) = field_id(&r.fieldname) else {
                    return true;
                };
                let Ok(op) = search::Operator::parse(&r.operator) else {
                    return false;
                };
                search::matches(
                    values.get(&fid).map_or("", String::as_str),
                    op,
                    &r.value,
                    r.casesensitive,
                )
            })
    }

    /// A profile is in a view when it is in the parent view (if any) and satisfies at
    /// least one enabled rule; a view without rules selects nothing.
    pub fn in_view(&self, view: u64, p: &ProfileRec) -> bool {
        let Some(v) = self.views.get(&view) else {
            return false;
        };
        if v.database != p.database {
            return false;
        }
        if let Some(parent) = v.parent {
            if !self.in_view(parent, p) {
                return false;
            }
        }
        let db = p.database;
        let fid = |name: &str| self.db_field_id(db, name);
        self.rules
            .values()
            .filter(|r| !r.mini && r.owner == view && !r.rule.disabled)
            .any(|r| self.rule_matches_values(r.rule.id, &p.values, &fid) != r.rule.inversed)
    }

    pub fn in_miniview(&self, mv: u64, s: &SubProfileRec) -> bool {
        let Some(m) = self.miniviews.get(&mv) else {
            return false;
        };
        if m.collection != s.collection {
            return false;
        }
        let coll = s.collection;
        let fid = |name: &str| self.coll_field_id(coll, name);
        self.rules
            .values()
            .filter(|r| r.mini && r.owner == mv && !r.rule.disabled)
            .any(|r| self.rule_matches_values(r.rule.id, &s.values, &fid) != r.rule.inversed)
    }

    pub fn view_entity(&self, id: u64) -> Option<View> {
        let rec = self.views.get(&id)?;
        let mut v = rec.view.clone();
        v.countprofiles = self
            .profiles
            .values()
            .filter(|p| self.in_view(id, p))
            .count() as u64;
        Some(v)
    }

    pub fn miniview_entity(&self, id: u64) -> Option<Miniview> {
        let rec = self.miniviews.get(&id)?;
        let mut m = rec.miniview.clone();
        m.countsubprofiles = self
            .subprofiles
            .values()
            .filter(|s| self.in_miniview(id, s))
            .count() as u64;
        Some(m)
    }

    pub fn create_view(
        &mut self,
        db: u64,
        parent: Option<u64>,
        name: &str,
    ) -> Result<View, MockFault> {
        self.database(db)?;
        if let Some(p) = parent {
            let pv = self
                .views
                .get(&p)
                .ok_or_else(|| MockFault::not_found("view", p))?;
            if pv.database != db {
                return Err(MockFault::invalid(
                    "view",
                    "parent view belongs to another database",
                ));
            }
        }
        let id = self.next_id("view");
        let now = self.now();
        self.views.insert(
            id,
            ViewRec {
                database: db,
                parent,
                view: View {
                    id,
                    name: name.to_owned(),
                    description: None,
                    archived: false,
                    buildstatus: "built".to_owned(),
                    countprofiles: 0,
                    lastbuilt: Some(now),
                },
            },
        );
        Ok(self.view_entity(id).unwrap_or_default())
    }

    pub fn create_miniview(&mut self, coll: u64, name: &str) -> Result<Miniview, MockFault> {
        self.collection(coll)?;
        let id = self.next_id("miniview");
        let now = self.now();
        self.miniviews.insert(
            id,
            MiniviewRec {
                collection: coll,
                miniview: Miniview {
                    id,
                    name: name.to_owned(),
                    description: None,
                    archived: false,
                    buildstatus: "built".to_owned(),
                    countsubprofiles: 0,
                    lastbuilt: Some(now),
                },
            },
        );
        Ok(self.miniview_entity(id).unwrap_or_default())
    }

    pub fn create_rule(&mut self, owner: u64, mini: bool, name: &str) -> Result<Rule, MockFault> {
        if mini {
            self.miniviews
                .get(&owner)
                .ok_or_else(|| MockFault::not_found("miniview", owner))?;
        } else {
            self.views
                .get(&owner)
                .ok_or_else(|| MockFault::not_found("view", owner))?;
        }
        let id = self.next_id("rule");
        let rule = Rule {
            id,
            name: name.to_owned(),
            inversed: false,
            disabled: false,
        };
        self.rules.insert(
            id,
            RuleRec {
                owner,
                mini,
                rule: rule.clone(),
            },
        );
        Ok(rule)
    }

    pub fn create_condition(
        &mut self,
        rule: u64,
        condition_type: &str,
        filter: Option<Requirement>,
    ) -> Result<Condition, MockFault> {
        self.rules
            .get(&rule)
            .ok_or_else(|| MockFault::not_found("rule", rule))?;
        let id = self.next_id("condition");
        let condition = Condition {
            id,
            condition_type: condition_type.to_owned(),
        };
        self.conditions.insert(
            id,
            ConditionRec {
                rule,
                condition: condition.clone(),
                filter,
            },
        );
        Ok(condition)
    }

    /// Copies a rule (and its conditions) into `target` (a view, or a miniview when the
    /// rule is a minirule).
    pub fn copy_rule(
        &mut self,
        id: u64,
        name: &str,
        target: Option<u64>,
    ) -> Result<Rule, MockFault> {
        let (owner, mini, src) = {
            let r = self
                .rules
                .get(&id)
                .ok_or_else(|| MockFault::not_found("rule", id))?;
            (r.owner, r.mini, r.rule.clone())
        };
        let mut copy = self.create_rule(target.unwrap_or(owner), mini, name)?;
        copy.inversed = src.inversed;
        copy.disabled = src.disabled;
        if let Some(r) = self.rules.get_mut(&copy.id) {
            r.rule = copy.clone();
        }
        let conds: Vec<(String, Option<Requirement>)> = self
            .conditions
            .values()
            .filter(|c| c.rule == id)
            .map(|c| (c.condition.condition_type.clone(), c.filter.clone()))
            .collect();
        for (t, f) in conds {
            self.create_condition(copy.id, &t, f)?;
        }
        Ok(copy)
    }

    // ----- removal cascades -----

    pub fn remove_view(&mut self, id: u64) {
        let children: Vec<u64> = self
            .views
            .iter()
            .filter(|(_, v)| v.parent == Some(id))
            .map(|(k, _)| *k)
            .collect();
        for c in children {
            self.remove_view(c);
        }
        let rules: Vec<u64> = self
            .rules
            .iter()
            .filter(|(_, r)| !r.mini && r.owner == id)
            .map(|(k, _)| *k)
            .collect();
        for r in rules {
            self.conditions.retain(|_, c| c.rule != r);
            self.rules.remove(&r);
        }
        self.views.remove(&id);
    }

    pub fn remove_collection(&mut self, id: u64) -> Result<(), MockFault> {
        self.collection(id)?;
        let subs: Vec<u64> = self
            .subprofiles
            .values()
            .filter(|s| s.collection == id)
            .map(|s| s.id)
            .collect();
        for s in subs {
            self.remove_subprofile(s)?;
        }
        let mvs: Vec<u64> = self
            .miniviews
            .iter()
            .filter(|(_, m)| m.collection == id)
            .map(|(k, _)| *k)
            .collect();
        for mv in mvs {
            let rules: Vec<u64> = self
                .rules
                .iter()
                .filter(|(_, r)| r.mini && r.owner == mv)
                .map(|(k, _)| *k)
                .collect();
            for r in rules {
                self.conditions.retain(|_, c| c.rule != r);
                self.rules.remove(&r);
            }
            self.miniviews.remove(&mv);
        }
        self.collection_fields.retain(|_, f| f.owner != id);
        self.callbacks
            .retain(|_, c| c.owner != CallbackOwner::Collection(id));
        self.collections.remove(&id);
        Ok(())
    }

    pub fn remove_database(&mut self, id: u64) -> Result<(), MockFault> {
        self.database(id)?;
        let colls: Vec<u64> = self
            .collections
            .iter()
            .filter(|(_, c)| c.database == id)
            .map(|(k, _)| *k)
            .collect();
        for c in colls {
            self.remove_collection(c)?;
        }
        let profiles: Vec<u64> = self
            .profiles
            .values()
            .filter(|p| p.database == id)
            .map(|p| p.id)
            .collect();
        for p in profiles {
            self.remove_profile(p)?;
        }
        let views: Vec<u64> = self
            .views
            .iter()
            .filter(|(_, v)| v.database == id && v.parent.is_none())
            .map(|(k, _)| *k)
            .collect();
        for v in views {
            self.remove_view(v);
        }
        self.fields.retain(|_, f| f.owner != id);
        self.interests.retain(|_, i| i.database != id);
        self.callbacks
            .retain(|_, c| c.owner != CallbackOwner::Database(id));
        self.imports.retain(|_, (db, _)| *db != id);
        self.databases.remove(&id);
        Ok(())
    }

    // ----- callbacks -----

    pub fn create_callback(
        &mut self,
        owner: CallbackOwner,
        url: &str,
        expression: Option<&str>,
        method: Option<&str>,
    ) -> Result<Callback, MockFault> {
        match owner {
            CallbackOwner::Database(d) => {
                self.database(d)?;
            }
            CallbackOwner::Collection(c) => {
                self.collection(c)?;
            }
        }
        if url.trim().is_empty() {
            return Err(MockFault::invalid("url", "empty URL"));
        }
        let method = method.unwrap_or("json");
        if method != "json" && method != "xml" {
            return Err(MockFault::invalid(
                "method",
                format!("'{method}' is neither xml nor json"),
            ));
        }
        let id = self.next_id("callback");
        let callback = Callback {
            id,
            url: url.to_owned(),
            method: method.to_owned(),
            expression: expression.filter(|e| !e.is_empty()).map(str::to_owned),
            api_disabled: false,
            actionfilter: Some("all".to_owned()),
        };
        self.callbacks.insert(
            id,
            CallbackRec {
                owner,
                callback: callback.clone(),
            },
        );
        Ok(callback)
    }

    // ----- statistics helpers -----

    pub fn account_emailing_stats(
        &self,
        begin: Option<i64>,
        end: Option<i64>,
    ) -> EmailingStatistics {
        let mut total = EmailingStatistics::default();
        for rec in self.processed.values() {
            let ts = super::time::parse_timestamp(&rec.emailing.timestamp).unwrap_or(0);
            if begin.is_some_and(|b| ts < b) || end.is_some_and(|e| ts > e) {
                continue;
            }
            add_stats(&mut total, &rec.stats);
        }
        total
    }
}

/// Adds `b` into `a`, widening the timestamp range.
pub(crate) fn add_stats(a: &mut EmailingStatistics, b: &EmailingStatistics) {
    a.delivered += b.delivered;
    a.clickcount += b.clickcount;
    a.impression_count += b.impression_count;
    a.error_count += b.error_count;
    a.abusecount += b.abusecount;
    a.unsubscribecount += b.unsubscribecount;
    a.unknown_count += b.unknown_count;
    a.destinationcount += b.destinationcount;
    if let Some(f) = &b.firsttimestamp {
        if a.firsttimestamp.as_ref().is_none_or(|x| f < x) {
            a.firsttimestamp = Some(f.clone());
        }
    }
    if let Some(l) = &b.lasttimestamp {
        if a.lasttimestamp.as_ref().is_none_or(|x| l > x) {
            a.lasttimestamp = Some(l.clone());
        }
    }
}

fn profile_matches(p: &ProfileRec, reqs: &[Compiled<u64>]) -> bool {
    reqs.iter().all(|r| {
        search::matches(
            p.values.get(&r.key).map_or("", String::as_str),
            r.op,
            &r.value,
            r.casesensitive,
        )
    })
}

fn subprofile_matches(s: &SubProfileRec, reqs: &[Compiled<u64>]) -> bool {
    reqs.iter().all(|r| {
        search::matches(
            s.values.get(&r.key).map_or("", String::as_str),
            r.op,
            &r.value,
            r.casesensitive,
        )
    })
}

/// Properties of a new field (parameters of `Database_createField`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldDef {
    pub name: String,
    /// FieldType; `text` when absent.
    pub field_type: Option<String>,
    /// Default value.
    pub value: Option<String>,
    pub display: Option<bool>,
    pub ordered: Option<bool>,
    pub length: Option<i64>,
    pub lines: Option<i64>,
    pub hidden: Option<bool>,
    pub index: Option<bool>,
    pub specialcontent: Option<String>,
    pub big: Option<bool>,
}

impl FieldDef {
    /// A field of the given name and type with default properties.
    pub fn new(name: &str, field_type: &str) -> Self {
        FieldDef {
            name: name.to_owned(),
            field_type: Some(field_type.to_owned()),
            ..Default::default()
        }
    }
}

/// Changes of `Field_update` / `CollectionField_update` (absent = unchanged).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldUpdate {
    pub name: Option<String>,
    pub field_type: Option<String>,
    pub value: Option<String>,
    pub display: Option<bool>,
    pub ordered: Option<bool>,
    pub length: Option<i64>,
    pub lines: Option<i64>,
    pub hidden: Option<bool>,
    pub index: Option<bool>,
    pub specialcontent: Option<String>,
}

/// Names of fields, collections and databases: a letter or underscore, then letters,
/// digits or underscores (Copernica's "valid identifier" rule, as the docs state it).
pub(crate) fn check_identifier(param: &str, name: &str) -> Result<(), MockFault> {
    let mut chars = name.chars();
    let ok = match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => chars.all(|c| c.is_alphanumeric() || c == '_'),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(MockFault::invalid(
            param,
            format!("'{name}' is not a valid identifier"),
        ))
    }
}

fn type_default(field_type: &str) -> &'static str {
    match field_type {
        "integer" | "float" | "foreign_key" => "0",
        _ => "",
    }
}

/// Type check of a field value ("constraints check" of `Profile_updateFields`).
pub(crate) fn check_value(field_type: &str, v: &str) -> Result<(), String> {
    let v = v.trim();
    let ok = match field_type {
        "integer" | "foreign_key" => v.is_empty() || v.parse::<i64>().is_ok(),
        "float" => v.is_empty() || v.parse::<f64>().is_ok_and(f64::is_finite),
        "date" | "empty_date" => {
            v.is_empty() || (v.len() == 10 && super::time::parse_timestamp(v).is_some())
        }
        "datetime" | "empty_datetime" => v.is_empty() || super::time::parse_timestamp(v).is_some(),
        "email" => v.is_empty() || (v.contains('@') && !v.contains(char::is_whitespace)),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("'{v}' is not a valid {field_type}"))
    }
}
