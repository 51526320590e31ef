//! Routing of the 104 WSDL operations onto the store, one arm per operation.
//!
//! Conventions (OBJECT_MODEL.md §6, §9): methods that look a child up "by id or
//! name" return [`MockResult::Empty`] when it does not exist (PHP's `false`); methods
//! whose `id` names a missing object fail with [`MockFault::NotFound`]; boolean values
//! are `"1"`/`""`.

use super::entities::*;
use super::fault::MockFault;
use super::params::{parse_bool, Args, ObjectRef, Paging};
use super::result::{condition_element, Entity, Items, MockResult};
use super::search;
use super::state::{
    CallbackOwner, DestinationRec, DocumentKind, FieldDef, FieldUpdate, FollowUpDef, ProcessedRec,
    Recipient, State, TemplateRef, WebLogon, UNSUBSCRIBE_BEHAVIORS,
};
use super::time::parse_timestamp;

/// Every operation of `copernica-rpc.wsdl`, in document order.
pub const OPERATIONS: [&str; 104] = [
    "login",
    "Account_database",
    "Account_databases",
    "Account_createDatabase",
    "Database_retrieve",
    "Database_update",
    "Database_remove",
    "Database_copy",
    "Database_collection",
    "Database_collections",
    "Database_createCollection",
    "Database_field",
    "Database_fields",
    "Database_createField",
    "Database_createProfile",
    "Database_searchProfiles",
    "Database_updateProfiles",
    "Database_removeProfiles",
    "Database_imports",
    "Database_unsubscribeValues",
    "Database_setUnsubscribeValues",
    "Database_callbacks",
    "Database_callback",
    "Database_createCallback",
    "Collection_retrieve",
    "Collection_update",
    "Collection_remove",
    "Collection_field",
    "Collection_fields",
    "Collection_createField",
    "Collection_subProfile",
    "Collection_searchSubProfiles",
    "Collection_removeSubProfiles",
    "Collection_unsubscribe",
    "Collection_createCallback",
    "Field_update",
    "CollectionField_update",
    "Profile_retrieve",
    "Profile_updateFields",
    "Profile_remove",
    "Profile_move",
    "Profile_createSubProfile",
    "Profile_searchSubProfiles",
    "Profile_updateSubProfiles",
    "Profile_fields",
    "SubProfile_retrieve",
    "SubProfile_update",
    "SubProfile_updateFields",
    "SubProfile_remove",
    "SubProfile_moveToProfile",
    "View_retrieve",
    "View_update",
    "View_database",
    "View_copy",
    "View_updateProfiles",
    "Rule_createCondition",
    "WebDocument_template",
    "WebDocument_createFile",
    "SmsDocument_account",
    "DocumentFollowUp_action",
    "EmailingDestination_registerUnsubscribe",
    "WebSession_profile",
    "WebSession_subProfile",
    "WebSession_loggedOn",
    "Account_retrieve",
    "Account_pdfTemplate",
    "Account_user",
    "Account_stats",
    "Account_emailingStatistics",
    "Account_smsStatistics",
    "Account_sendEmail",
    "Account_sendSms",
    "Account_createFont",
    "Account_createEmailing",
    "Account_scheduledEmailings",
    "PdfTemplate_account",
    "PdfTemplate_property",
    "WebTemplate_account",
    "EmailingDocument_createEmailing",
    "SmsDocument_createSmsMailing",
    "EmailingDocumentLitmusTest_spamResult",
    "Rule_copy",
    "MiniRule_copy",
    "MiniView_updateSubProfiles",
    "User_sendSms",
    "WebSite_account",
    "ProcessedEmailing_createAccessKey",
    "EmailingTemplate_documents",
    "EmailingTemplate_retrieve",
    "EmailingTemplate_account",
    "EmailingDocument_retrieve",
    "EmailingDocument_template",
    "Account_emailingTemplates",
    "Account_emailingTemplate",
    "Account_emailingDocuments",
    "Account_emailingDocument",
    "Account_pdfTemplates",
    "Account_processedEmailings",
    "ProcessedEmailing_statistics",
    "Database_interests",
    "Database_views",
    "View_views",
    "View_rules",
    "Collection_miniViews",
];

/// Canonical spelling of an operation name, matched case-insensitively.
pub fn canonical_operation(name: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .copied()
        .find(|o| o.eq_ignore_ascii_case(name))
}

/// ConditionType values accepted by `Rule_createCondition`.
const CONDITION_TYPES: &[&str] = &[
    "Change",
    "Date",
    "DoubleField",
    "Email",
    "Fax",
    "Field",
    "Interest",
    "LastContact",
    "MiniView",
    "Sms",
    "ToDo",
    "Survey",
    "Part",
    "ReferView",
    "Export",
    "Logs",
];

/// CopyOption values.
const COPY_OPTIONS: &[&str] = &[
    "structure",
    "force",
    "collections",
    "miniviews",
    "views",
    "profiles",
    "subprofiles",
    "exactlinks",
    "rerefer",
];

fn paged<T>(all: Vec<T>, paging: Paging, wrap: fn(Vec<T>) -> Items) -> MockResult {
    let (start, total, page) = search::page(all, paging);
    MockResult::Paged {
        start,
        length: page.len(),
        total,
        allproperties: paging.allproperties,
        items: wrap(page),
    }
}

fn entity_or_empty(e: Option<Entity>) -> MockResult {
    e.map_or(MockResult::Empty, MockResult::Entity)
}

fn matches_ref(r: &ObjectRef, id: u64, name: &str) -> bool {
    match r {
        ObjectRef::Id(n) => *n == id,
        ObjectRef::Name(n) => n == name,
    }
}

fn field_def(a: &Args<'_>) -> Result<FieldDef, MockFault> {
    Ok(FieldDef {
        name: a.str("name")?.to_owned(),
        field_type: a.opt_str("type").map(str::to_owned),
        value: a.opt_str("value").map(str::to_owned),
        display: a.opt_bool("display")?,
        ordered: a.opt_bool("ordered")?,
        length: a.opt_i64("length")?,
        lines: a.opt_i64("textlines")?,
        hidden: a.opt_bool("hidden")?,
        index: a.opt_bool("index")?,
        specialcontent: a.opt_str("specialcontent").map(str::to_owned),
        big: a.opt_bool("big")?,
    })
}

fn field_update(a: &Args<'_>) -> Result<FieldUpdate, MockFault> {
    Ok(FieldUpdate {
        name: a.opt_str("name").map(str::to_owned),
        field_type: a.opt_str("type").map(str::to_owned),
        value: a.opt_str("value").map(str::to_owned),
        display: a.opt_bool("display")?,
        ordered: a.opt_bool("ordered")?,
        length: a.opt_i64("length")?,
        lines: match a.opt_i64("lines")? {
            Some(l) => Some(l),
            None => a.opt_i64("textlines")?,
        },
        hidden: a.opt_bool("hidden")?,
        index: a.opt_bool("index")?,
        specialcontent: a.opt_str("specialcontent").map(str::to_owned),
    })
}

fn check_behavior(b: &str) -> Result<(), MockFault> {
    if UNSUBSCRIBE_BEHAVIORS.contains(&b) {
        Ok(())
    } else {
        Err(MockFault::invalid(
            "unsubscribebehavior",
            format!("unknown behaviour '{b}'"),
        ))
    }
}

fn copy_options(a: &Args<'_>) -> Result<Vec<String>, MockFault> {
    let opts = a.items("options").unwrap_or_default();
    for o in &opts {
        if !COPY_OPTIONS.contains(&o.as_str()) {
            return Err(MockFault::invalid(
                "options",
                format!("unknown copy option '{o}'"),
            ));
        }
    }
    Ok(opts)
}

/// `begintime`/`endtime` of a statistics options Map.
fn time_range(a: &Args<'_>) -> (Option<i64>, Option<i64>) {
    let opts = a.opt_map("options").unwrap_or_default();
    let get = |k: &str| {
        opts.iter()
            .find(|(key, _)| key == k)
            .and_then(|(_, v)| parse_timestamp(v))
    };
    (get("begintime"), get("endtime"))
}

fn account(st: &State) -> MockResult {
    MockResult::Entity(Entity::Account(st.account.clone()))
}

/// The dispatcher: `args.op` is already canonical and the caller authenticated.
pub(crate) fn dispatch(st: &mut State, a: &Args<'_>) -> Result<MockResult, MockFault> {
    match a.op {
        // ----- Account -----
        "Account_database" => {
            let ident = a.str("identifier")?;
            Ok(entity_or_empty(
                st.find_database(ident)
                    .and_then(|id| st.database_entity(id))
                    .map(Entity::Database),
            ))
        }
        "Account_databases" => {
            let all = st
                .databases
                .keys()
                .filter_map(|id| st.database_entity(*id))
                .collect();
            Ok(paged(all, a.paging()?, Items::Database))
        }
        "Account_createDatabase" => Ok(MockResult::Entity(Entity::Database(
            st.create_database(a.str("name")?)?,
        ))),
        "Account_retrieve" => {
            let id = a.str("id")?;
            if id.trim() == "1" || id == st.account.name {
                Ok(account(st))
            } else {
                Err(MockFault::not_found("account", id))
            }
        }
        "Account_pdfTemplate" => {
            let r = ObjectRef::parse(a.str("identifier")?);
            Ok(entity_or_empty(
                st.pdf_templates
                    .values()
                    .find(|(t, _)| matches_ref(&r, t.id, &t.name))
                    .map(|(t, _)| Entity::PdfTemplate(t.clone())),
            ))
        }
        "Account_user" => {
            let ident = a.str("identifier")?;
            let r = ObjectRef::parse(ident);
            let password = a.opt_str("password");
            Ok(entity_or_empty(
                st.users
                    .values()
                    .find(|u| matches_ref(&r, u.user.id, &u.user.name) || u.user.email == ident)
                    .filter(|u| password.is_none_or(|p| p == u.password))
                    .map(|u| Entity::User(u.user.clone())),
            ))
        }
        "Account_stats" => {
            let year = a.i64("year")?;
            let stats = match a.opt_i64("month")? {
                Some(m) => {
                    let m = u32::try_from(m)
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| {
                            MockFault::invalid("month", format!("'{m}' is not a month"))
                        })?;
                    st.env_stats
                        .get(&(year, m))
                        .cloned()
                        .unwrap_or(EnvironmentStatistics {
                            year,
                            month: i64::from(m),
                            ..Default::default()
                        })
                }
                None => {
                    // A whole year: the sum of its months, month 0.
                    let mut sum = EnvironmentStatistics {
                        year,
                        month: 0,
                        ..Default::default()
                    };
                    for s in st.env_stats.values().filter(|s| s.year == year) {
                        sum.sentemail += s.sentemail;
                        sum.sentsms += s.sentsms;
                        sum.sentfax += s.sentfax;
                        sum.webpages += s.webpages;
                        sum.apicalls += s.apicalls;
                        sum.litmustest += s.litmustest;
                    }
                    sum
                }
            };
            Ok(MockResult::Entity(Entity::EnvironmentStatistics(stats)))
        }
        "Account_emailingStatistics" => {
            let (b, e) = time_range(a);
            Ok(MockResult::Entity(Entity::EmailingStatistics(
                st.account_emailing_stats(b, e),
            )))
        }
        "Account_smsStatistics" => Ok(MockResult::Entity(Entity::SmsStatistics(
            st.sms_stats.clone(),
        ))),
        "Account_sendEmail" => {
            let address = a.str("address")?;
            a.str("subject")?;
            a.str("html")?;
            if !address.contains('@') {
                return Ok(MockResult::bool(false));
            }
            st.stats_mut().sentemail += 1;
            Ok(MockResult::bool(true))
        }
        "Account_sendSms" | "User_sendSms" => {
            if a.op == "User_sendSms" {
                let id = a.id("id")?;
                if !st.users.contains_key(&id) {
                    return Err(MockFault::not_found("user", id));
                }
            } else if a.str("number")?.trim().is_empty() {
                return Ok(MockResult::bool(false));
            }
            let parts = sms_parts(a.str("text")?);
            st.stats_mut().sentsms += parts;
            st.sms_stats.succes_count += parts;
            st.sms_stats.destinationcount += 1;
            let now = st.now();
            st.sms_stats
                .firsttimestamp
                .get_or_insert_with(|| now.clone());
            st.sms_stats.lasttimestamp = Some(now);
            Ok(MockResult::bool(true))
        }
        "Account_createFont" => {
            let name = a.str("name")?;
            if a.p.get("filedata").is_none() {
                return Err(MockFault::MissingParameter {
                    operation: a.op.to_owned(),
                    name: "filedata".to_owned(),
                });
            }
            let id = st.next_id("font");
            let font = Font {
                id,
                name: name.to_owned(),
            };
            st.fonts.insert(id, font.clone());
            Ok(MockResult::Entity(Entity::Font(font)))
        }
        "Account_createEmailing" => {
            let doc = a.object_ref("emailingdocument")?.ok_or_else(|| {
                MockFault::invalid("emailingdocument", "an e-mail document is required")
            })?;
            let doc_id = st
                .documents
                .iter()
                .find(|(id, d)| {
                    d.kind == DocumentKind::Emailing && matches_ref(&doc, **id, &d.emailing.name)
                })
                .map(|(id, _)| *id)
                .ok_or_else(|| MockFault::not_found("emailingdocument", format!("{doc:?}")))?;
            create_emailing(st, a, doc_id)
        }
        "EmailingDocument_createEmailing" => {
            let id = a.id("id")?;
            match st.documents.get(&id) {
                Some(d) if d.kind == DocumentKind::Emailing => create_emailing(st, a, id),
                _ => Err(MockFault::not_found("emailingdocument", id)),
            }
        }
        "Account_scheduledEmailings" => {
            let mut all: Vec<ScheduledEmailing> = st.scheduled.values().cloned().collect();
            all.retain(|e| {
                filter_mailing(
                    a,
                    e.individual,
                    e.test,
                    &e.contenttype,
                    &e.subject,
                    &e.documentname,
                ) && a
                    .opt_str("active")
                    .and_then(tri_state)
                    .is_none_or(|v| v == e.active)
            });
            if let Some(order) = a.opt_str("order") {
                all.sort_by(|x, y| {
                    let key = |e: &ScheduledEmailing| match order {
                        "timestamp" => e.timestamp.clone(),
                        "subject" => e.subject.clone(),
                        "documentname" => e.documentname.clone(),
                        "contenttype" => e.contenttype.clone(),
                        "nextstarttime" => e.nextstarttime.clone().unwrap_or_default(),
                        "laststarttime" => e.laststarttime.clone().unwrap_or_default(),
                        _ => e.id.to_string(),
                    };
                    search::compare(&key(x), &key(y), false).then(x.id.cmp(&y.id))
                });
            }
            if a.opt_bool("asc")? == Some(false) {
                all.reverse();
            }
            Ok(paged(all, a.paging()?, Items::ScheduledEmailing))
        }
        "Account_processedEmailings" => {
            let mut all: Vec<ProcessedEmailing> =
                st.processed.values().map(|r| r.emailing.clone()).collect();
            all.retain(|e| {
                filter_mailing(
                    a,
                    e.individual,
                    e.test,
                    &e.contenttype,
                    &e.subject,
                    &e.documentname,
                )
            });
            if let Some(order) = a.opt_str("order") {
                all.sort_by(|x, y| {
                    let key = |e: &ProcessedEmailing| match order {
                        "timestamp" => e.timestamp.clone(),
                        "subject" => e.subject.clone(),
                        "documentname" => e.documentname.clone(),
                        "contenttype" => e.contenttype.clone(),
                        _ => e.id.to_string(),
                    };
                    search::compare(&key(x), &key(y), false).then(x.id.cmp(&y.id))
                });
            }
            if a.opt_bool("asc")? == Some(false) {
                all.reverse();
            }
            Ok(paged(all, a.paging()?, Items::ProcessedEmailing))
        }
        "Account_emailingTemplates" => {
            let all = st.emailing_templates.values().cloned().collect();
            Ok(paged(all, a.paging()?, Items::EmailingTemplate))
        }
        "Account_emailingTemplate" => {
            let r = ObjectRef::parse(a.str("identifier")?);
            Ok(entity_or_empty(
                st.emailing_templates
                    .values()
                    .find(|t| matches_ref(&r, t.id, &t.name))
                    .map(|t| Entity::EmailingTemplate(t.clone())),
            ))
        }
        "Account_emailingDocuments" => {
            let all = st
                .documents
                .values()
                .filter(|d| d.kind == DocumentKind::Emailing)
                .map(|d| d.emailing.clone())
                .collect();
            Ok(paged(all, a.paging()?, Items::EmailingDocument))
        }
        "Account_emailingDocument" => {
            let r = ObjectRef::parse(a.str("identifier")?);
            Ok(entity_or_empty(
                st.documents
                    .values()
                    .filter(|d| d.kind == DocumentKind::Emailing)
                    .find(|d| matches_ref(&r, d.emailing.id, &d.emailing.name))
                    .map(|d| Entity::EmailingDocument(d.emailing.clone())),
            ))
        }
        "Account_pdfTemplates" => {
            let all = st.pdf_templates.values().map(|(t, _)| t.clone()).collect();
            Ok(paged(all, a.paging()?, Items::PdfTemplate))
        }

        // ----- Database -----
        "Database_retrieve" => {
            let id = parse_id(a, "id")?;
            st.database_entity(id)
                .map(|d| MockResult::Entity(Entity::Database(d)))
                .ok_or_else(|| MockFault::not_found("database", id))
        }
        "Database_update" => {
            let id = parse_id(a, "id")?;
            st.database(id)?;
            if let Some(name) = a.opt_str("name") {
                super::state::check_identifier("name", name)?;
                if st
                    .databases
                    .iter()
                    .any(|(k, d)| *k != id && d.db.name == name)
                {
                    return Err(MockFault::Conflict(format!(
                        "A database named '{name}' already exists"
                    )));
                }
            }
            if let Some(b) = a.opt_str("unsubscribebehavior") {
                check_behavior(b)?;
            }
            let archived = a.opt_bool("archived")?;
            if let Some(rec) = st.databases.get_mut(&id) {
                if let Some(n) = a.opt_str("name") {
                    rec.db.name = n.to_owned();
                }
                if let Some(d) = a.opt_str("description") {
                    rec.db.description = Some(d.to_owned());
                }
                if let Some(v) = archived {
                    rec.db.archived = v;
                }
                if let Some(b) = a.opt_str("unsubscribebehavior") {
                    rec.db.unsubscribebehavior = b.to_owned();
                }
            }
            Ok(entity_or_empty(
                st.database_entity(id).map(Entity::Database),
            ))
        }
        "Database_remove" => {
            st.remove_database(a.id("id")?)?;
            Ok(MockResult::bool(true))
        }
        "Database_copy" => copy_database(st, a),
        "Database_collection" => {
            let db = a.id("id")?;
            st.database(db)?;
            let r = ObjectRef::parse(a.str("identifier")?);
            Ok(entity_or_empty(
                st.find_collection(db, &r)
                    .and_then(|c| st.collection_entity(c))
                    .map(Entity::Collection),
            ))
        }
        "Database_collections" => {
            let db = a.id("id")?;
            st.database(db)?;
            let all = st
                .collections
                .iter()
                .filter(|(_, c)| c.database == db)
                .filter_map(|(id, _)| st.collection_entity(*id))
                .collect();
            Ok(paged(all, a.paging()?, Items::Collection))
        }
        "Database_createCollection" => Ok(MockResult::Entity(Entity::Collection(
            st.create_collection(a.id("id")?, a.str("name")?)?,
        ))),
        "Database_field" => {
            let db = a.id("id")?;
            st.database(db)?;
            let r = ObjectRef::parse(a.str("identifier")?);
            Ok(entity_or_empty(
                st.db_fields(db)
                    .find(|f| matches_ref(&r, f.id, &f.name))
                    .map(|f| Entity::Field(f.clone())),
            ))
        }
        "Database_fields" => {
            let db = a.id("id")?;
            st.database(db)?;
            let all = st.db_fields(db).cloned().collect();
            Ok(paged(all, a.paging()?, Items::Field))
        }
        "Database_createField" => {
            let db = a.id("id")?;
            Ok(MockResult::Entity(Entity::Field(
                st.create_field(db, field_def(a)?)?,
            )))
        }
        "Database_createProfile" => {
            let db = a.id("id")?;
            let fields = a.map("fields")?;
            Ok(MockResult::Entity(Entity::Profile(
                st.create_profile(db, &fields)?,
            )))
        }
        "Database_searchProfiles" => {
            let db = a.id("id")?;
            let reqs = a.requirements("requirements")?;
            let asc = a.opt_bool("asc")?.unwrap_or(true);
            let paging = a.paging()?;
            let hits = st.search_profiles(db, &reqs, a.opt_str("order"), asc, None)?;
            let (start, total, ids) = search::page(hits, paging);
            let items: Vec<Profile> = ids
                .iter()
                .filter_map(|id| st.profiles.get(id))
                .map(|p| st.profile_entity(p, paging.allproperties))
                .collect();
            Ok(MockResult::Paged {
                start,
                length: items.len(),
                total,
                allproperties: paging.allproperties,
                items: Items::Profile(items),
            })
        }
        "Database_updateProfiles" | "View_updateProfiles" => {
            let (db, view) = if a.op == "View_updateProfiles" {
                let v = a.id("id")?;
                let db = st
                    .views
                    .get(&v)
                    .ok_or_else(|| MockFault::not_found("view", v))?
                    .database;
                (db, Some(v))
            } else {
                (a.id("id")?, None)
            };
            let reqs = a.requirements("requirements")?;
            let fields = a.map("fields")?;
            let interests = a.opt_map("interests");
            let paging = a.paging()?;
            let (start, total, items) = st.update_profiles(
                db,
                &reqs,
                &fields,
                interests.as_deref(),
                a.flag("create")?,
                view,
                paging,
            )?;
            Ok(MockResult::Paged {
                start,
                length: items.len(),
                total,
                allproperties: paging.allproperties,
                items: Items::Profile(items),
            })
        }
        "Database_removeProfiles" => {
            let db = a.id("id")?;
            st.database(db)?;
            for id in a.ids("ids")? {
                // Ids of other databases or already removed ones are skipped.
                if st.profiles.get(&id).is_some_and(|p| p.database == db) {
                    st.remove_profile(id)?;
                }
            }
            Ok(MockResult::bool(true))
        }
        "Database_imports" => {
            let db = a.id("id")?;
            st.database(db)?;
            let all = st
                .imports
                .values()
                .filter(|(d, _)| *d == db)
                .map(|(_, i)| i.clone())
                .collect();
            Ok(paged(all, a.paging()?, Items::Import))
        }
        "Database_unsubscribeValues" => {
            let db = a.id("id")?;
            Ok(MockResult::Map(st.database(db)?.unsubscribe_values.clone()))
        }
        "Database_setUnsubscribeValues" => {
            let db = a.id("id")?;
            st.database(db)?;
            let fields = a.map("fields")?;
            let mut values = Vec::new();
            for (k, v) in fields {
                // Unknown field names are dropped; a value must fit its field type.
                if let Some(f) = st.db_fields(db).find(|f| f.name == k) {
                    if super::state::check_value(&f.field_type, &v).is_err() {
                        return Ok(MockResult::bool(false));
                    }
                    values.push((k, v));
                }
            }
            if let Some(rec) = st.databases.get_mut(&db) {
                rec.unsubscribe_values = values;
            }
            Ok(MockResult::bool(true))
        }
        "Database_callbacks" => {
            let db = a.id("id")?;
            st.database(db)?;
            let all = st
                .callbacks
                .values()
                .filter(|c| c.owner == CallbackOwner::Database(db))
                .map(|c| c.callback.clone())
                .collect();
            Ok(paged(all, a.paging()?, Items::Callback))
        }
        "Database_callback" => {
            let db = a.id("id")?;
            st.database(db)?;
            let ident = a.str("identifier")?;
            Ok(entity_or_empty(
                st.callbacks
                    .values()
                    .filter(|c| c.owner == CallbackOwner::Database(db))
                    .find(|c| c.callback.id.to_string() == ident.trim() || c.callback.url == ident)
                    .map(|c| Entity::Callback(c.callback.clone())),
            ))
        }
        "Database_createCallback" | "Collection_createCallback" => {
            let id = a.id("id")?;
            let owner = if a.op == "Database_createCallback" {
                CallbackOwner::Database(id)
            } else {
                CallbackOwner::Collection(id)
            };
            Ok(MockResult::Entity(Entity::Callback(st.create_callback(
                owner,
                a.str("url")?,
                a.opt_str("expression"),
                a.opt_str("method"),
            )?)))
        }
        "Database_interests" => {
            let db = a.id("id")?;
            st.database(db)?;
            let all = st
                .interests
                .values()
                .filter(|i| i.database == db)
                .map(|i| i.interest.clone())
                .collect();
            Ok(paged(all, a.paging()?, Items::Interest))
        }
        "Database_views" => {
            let db = a.id("id")?;
            st.database(db)?;
            let all = st
                .views
                .iter()
                .filter(|(_, v)| v.database == db && v.parent.is_none())
                .filter_map(|(id, _)| st.view_entity(*id))
                .collect();
            Ok(paged(all, a.paging()?, Items::View))
        }

        // ----- Collection -----
        "Collection_retrieve" => {
            let id = parse_id(a, "id")?;
            st.collection_entity(id)
                .map(|c| MockResult::Entity(Entity::Collection(c)))
                .ok_or_else(|| MockFault::not_found("collection", id))
        }
        "Collection_update" => {
            let id = parse_id(a, "id")?;
            let db = st.collection(id)?.database;
            if let Some(name) = a.opt_str("name") {
                super::state::check_identifier("name", name)?;
                let clash = st
                    .collections
                    .iter()
                    .any(|(k, c)| *k != id && c.database == db && c.collection.name == name)
                    || st.db_field_id(db, name).is_some();
                if clash {
                    return Err(MockFault::Conflict(format!(
                        "The name '{name}' is already used"
                    )));
                }
            }
            if let Some(b) = a.opt_str("unsubscribebehavior") {
                check_behavior(b)?;
            }
            if let Some(rec) = st.collections.get_mut(&id) {
                if let Some(n) = a.opt_str("name") {
                    rec.collection.name = n.to_owned();
                }
                if let Some(b) = a.opt_str("unsubscribebehavior") {
                    rec.collection.unsubscribebehavior = b.to_owned();
                }
            }
            Ok(entity_or_empty(
                st.collection_entity(id).map(Entity::Collection),
            ))
        }
        "Collection_remove" => {
            st.remove_collection(a.id("id")?)?;
            Ok(MockResult::bool(true))
        }
        "Collection_field" => {
            let c = a.id("id")?;
            st.collection(c)?;
            let r = ObjectRef::parse(a.str("identifier")?);
            Ok(entity_or_empty(
                st.coll_fields(c)
                    .find(|f| matches_ref(&r, f.id, &f.name))
                    .map(|f| Entity::CollectionField(f.clone())),
            ))
        }
        "Collection_fields" => {
            let c = a.id("id")?;
            st.collection(c)?;
            let all = st.coll_fields(c).cloned().collect();
            Ok(paged(all, a.paging()?, Items::CollectionField))
        }
        "Collection_createField" => {
            let c = a.id("id")?;
            Ok(MockResult::Entity(Entity::CollectionField(
                st.create_collection_field(c, field_def(a)?)?,
            )))
        }
        "Collection_subProfile" => {
            let c = a.id("id")?;
            st.collection(c)?;
            let sid = a.id("identifier")?;
            Ok(entity_or_empty(
                st.subprofiles
                    .get(&sid)
                    .filter(|s| s.collection == c)
                    .map(|s| Entity::SubProfile(st.subprofile_entity(s, true))),
            ))
        }
        "Collection_searchSubProfiles" => {
            let c = a.id("id")?;
            let reqs = a.requirements("requirements")?;
            let asc = a.opt_bool("asc")?.unwrap_or(true);
            let hits = st.search_subprofiles(c, None, &reqs, a.opt_str("order"), asc, None)?;
            subprofile_page(st, hits, a.paging()?)
        }
        "Collection_removeSubProfiles" => {
            let c = a.id("id")?;
            st.collection(c)?;
            for id in a.ids("ids")? {
                if st.subprofiles.get(&id).is_some_and(|s| s.collection == c) {
                    st.remove_subprofile(id)?;
                }
            }
            Ok(MockResult::bool(true))
        }
        "Collection_unsubscribe" => {
            let c = a.id("id")?;
            st.collection(c)?;
            let sid = match a.object_ref("subprofile")? {
                Some(ObjectRef::Id(n)) => n,
                _ => {
                    return Err(MockFault::invalid(
                        "subprofile",
                        "a subprofile id is required",
                    ))
                }
            };
            if st.subprofiles.get(&sid).is_none_or(|s| s.collection != c) {
                return Err(MockFault::not_found("subprofile", sid));
            }
            unsubscribe(st, Recipient::SubProfile(sid))?;
            Ok(MockResult::Empty)
        }
        "Collection_miniViews" => {
            let c = a.id("id")?;
            st.collection(c)?;
            let all = st
                .miniviews
                .iter()
                .filter(|(_, m)| m.collection == c)
                .filter_map(|(id, _)| st.miniview_entity(*id))
                .collect();
            Ok(paged(all, a.paging()?, Items::Miniview))
        }

        // ----- Field, CollectionField -----
        "Field_update" => {
            let id = parse_id(a, "id")?;
            Ok(MockResult::Entity(Entity::Field(st.update_field(
                id,
                false,
                field_update(a)?,
            )?)))
        }
        "CollectionField_update" => {
            let id = parse_id(a, "id")?;
            Ok(MockResult::Entity(Entity::CollectionField(
                st.update_field(id, true, field_update(a)?)?,
            )))
        }

        // ----- Profile -----
        "Profile_retrieve" => {
            let id = parse_id(a, "id")?;
            let p = st.profile(id)?;
            Ok(MockResult::Entity(Entity::Profile(
                st.profile_entity(p, true),
            )))
        }
        "Profile_updateFields" => {
            let id = a.id("id")?;
            let fields = a.map("fields")?;
            Ok(MockResult::bool(st.update_profile(id, &fields, None)?))
        }
        "Profile_remove" => {
            st.remove_profile(a.id("id")?)?;
            Ok(MockResult::bool(true))
        }
        "Profile_move" => {
            // Merge (inferred semantics): the subprofiles of `id` move to the target
            // profile of the same database, then `id` is removed.
            let id = a.id("id")?;
            let db = st.profile(id)?.database;
            let target = match a.object_ref("profile")? {
                Some(ObjectRef::Id(n)) => n,
                _ => {
                    return Err(MockFault::invalid(
                        "profile",
                        "a target profile id is required",
                    ))
                }
            };
            if target == id || st.profiles.get(&target).is_none_or(|p| p.database != db) {
                return Ok(MockResult::bool(false));
            }
            let subs: Vec<u64> = st
                .subprofiles
                .values()
                .filter(|s| s.profile == id)
                .map(|s| s.id)
                .collect();
            for s in subs {
                move_subprofile(st, s, target);
            }
            st.remove_profile(id)?;
            Ok(MockResult::bool(true))
        }
        "Profile_createSubProfile" => {
            let id = a.id("id")?;
            let db = st.profile(id)?.database;
            let cref = a
                .object_ref("collection")?
                .ok_or_else(|| MockFault::MissingParameter {
                    operation: a.op.to_owned(),
                    name: "collection".to_owned(),
                })?;
            let coll = st
                .find_collection(db, &cref)
                .ok_or_else(|| MockFault::not_found("collection", format!("{cref:?}")))?;
            let fields = a.map("fields")?;
            Ok(MockResult::Entity(Entity::SubProfile(
                st.create_subprofile(id, coll, &fields)?,
            )))
        }
        "Profile_searchSubProfiles" => {
            let id = a.id("id")?;
            let db = st.profile(id)?.database;
            let reqs = a.requirements("requirements")?;
            let miniview = match a.object_ref("miniview")? {
                Some(ObjectRef::Id(n)) => Some(n),
                Some(ObjectRef::Name(n)) => st
                    .miniviews
                    .iter()
                    .find(|(_, m)| m.miniview.name == n)
                    .map(|(k, _)| *k),
                None => None,
            };
            let coll = match a.object_ref("collection")? {
                Some(r) => st.find_collection(db, &r),
                None => miniview
                    .and_then(|m| st.miniviews.get(&m))
                    .map(|m| m.collection),
            }
            .ok_or_else(|| {
                MockFault::invalid(
                    "collection",
                    "a collection or miniview of the profile's database is required",
                )
            })?;
            let asc = a.opt_bool("asc")?.unwrap_or(true);
            let hits =
                st.search_subprofiles(coll, Some(id), &reqs, a.opt_str("order"), asc, miniview)?;
            subprofile_page(st, hits, a.paging()?)
        }
        "Profile_updateSubProfiles" => {
            let id = a.id("id")?;
            let db = st.profile(id)?.database;
            let cref = a
                .object_ref("collection")?
                .ok_or_else(|| MockFault::MissingParameter {
                    operation: a.op.to_owned(),
                    name: "collection".to_owned(),
                })?;
            let coll = st
                .find_collection(db, &cref)
                .ok_or_else(|| MockFault::not_found("collection", format!("{cref:?}")))?;
            let reqs = a.requirements("requirements")?;
            let fields = a.map("fields")?;
            let hits = st.search_subprofiles(coll, Some(id), &reqs, None, true, None)?;
            let mut touched = Vec::new();
            if hits.is_empty() && a.flag("create")? {
                let mut values: Vec<(String, String)> = reqs
                    .iter()
                    .filter(|r| matches!(r.operator.trim(), "" | "=" | "=="))
                    .map(|r| (r.fieldname.clone(), r.value.clone()))
                    .collect();
                values.extend(fields.iter().cloned());
                touched.push(st.create_subprofile(id, coll, &values)?.id);
            } else {
                for s in hits {
                    if !st.update_subprofile(s, &fields)? {
                        return Err(MockFault::invalid(
                            "fields",
                            "a value does not match its field type",
                        ));
                    }
                    touched.push(s);
                }
            }
            subprofile_page(st, touched, a.paging()?)
        }
        "Profile_fields" => {
            let id = a.id("id")?;
            let p = st.profile(id)?;
            Ok(MockResult::Map(st.profile_fields(p)))
        }

        // ----- SubProfile -----
        "SubProfile_retrieve" => {
            let id = parse_id(a, "id")?;
            let s = st.subprofile(id)?;
            Ok(MockResult::Entity(Entity::SubProfile(
                st.subprofile_entity(s, true),
            )))
        }
        "SubProfile_update" => {
            let id = parse_id(a, "id")?;
            let code = a.str("code")?;
            st.subprofile(id)?;
            if code.trim().is_empty() {
                return Err(MockFault::invalid("code", "the code may not be empty"));
            }
            let now = st.now();
            if let Some(s) = st.subprofiles.get_mut(&id) {
                s.code = code.to_owned();
                s.modified = now;
            }
            let s = st.subprofile(id)?;
            Ok(MockResult::Entity(Entity::SubProfile(
                st.subprofile_entity(s, true),
            )))
        }
        "SubProfile_updateFields" => {
            let id = a.id("id")?;
            let fields = a.map("fields")?;
            Ok(MockResult::bool(st.update_subprofile(id, &fields)?))
        }
        "SubProfile_remove" => {
            st.remove_subprofile(a.id("id")?)?;
            Ok(MockResult::bool(true))
        }
        "SubProfile_moveToProfile" => {
            let id = a.id("id")?;
            let coll = st.subprofile(id)?.collection;
            let db = st.collection(coll)?.database;
            let target = match a.object_ref("profile")? {
                Some(ObjectRef::Id(n)) => n,
                _ => {
                    return Err(MockFault::invalid(
                        "profile",
                        "a target profile id is required",
                    ))
                }
            };
            if st.profiles.get(&target).is_none_or(|p| p.database != db) {
                return Ok(MockResult::bool(false));
            }
            move_subprofile(st, id, target);
            Ok(MockResult::bool(true))
        }

        // ----- View, Rule, MiniView, MiniRule -----
        "View_retrieve" => {
            let id = parse_id(a, "id")?;
            st.view_entity(id)
                .map(|v| MockResult::Entity(Entity::View(v)))
                .ok_or_else(|| MockFault::not_found("view", id))
        }
        "View_update" => {
            let id = parse_id(a, "id")?;
            let rec = st
                .views
                .get_mut(&id)
                .ok_or_else(|| MockFault::not_found("view", id))?;
            if let Some(n) = a.opt_str("name") {
                rec.view.name = n.to_owned();
            }
            if let Some(d) = a.opt_str("description") {
                rec.view.description = Some(d.to_owned());
            }
            Ok(entity_or_empty(st.view_entity(id).map(Entity::View)))
        }
        "View_database" => {
            let id = a.id("id")?;
            let db = st
                .views
                .get(&id)
                .ok_or_else(|| MockFault::not_found("view", id))?
                .database;
            Ok(entity_or_empty(
                st.database_entity(db).map(Entity::Database),
            ))
        }
        "View_copy" => copy_view(st, a),
        "View_views" => {
            let id = a.id("id")?;
            st.views
                .get(&id)
                .ok_or_else(|| MockFault::not_found("view", id))?;
            let all = st
                .views
                .iter()
                .filter(|(_, v)| v.parent == Some(id))
                .filter_map(|(k, _)| st.view_entity(*k))
                .collect();
            Ok(paged(all, a.paging()?, Items::View))
        }
        "View_rules" => {
            let id = a.id("id")?;
            st.views
                .get(&id)
                .ok_or_else(|| MockFault::not_found("view", id))?;
            let all = st
                .rules
                .values()
                .filter(|r| !r.mini && r.owner == id)
                .map(|r| r.rule.clone())
                .collect();
            Ok(paged(all, a.paging()?, Items::Rule))
        }
        "Rule_createCondition" => {
            let id = a.id("id")?;
            let t = a.str("type")?;
            if !CONDITION_TYPES.contains(&t) {
                return Err(MockFault::invalid(
                    "type",
                    format!("unknown condition type '{t}'"),
                ));
            }
            if condition_element(t).is_none() {
                // `Logs` is a ConditionType without a published result structure.
                return Err(MockFault::invalid(
                    "type",
                    format!("condition type '{t}' cannot be created through SOAP"),
                ));
            }
            Ok(MockResult::Entity(Entity::Condition(
                st.create_condition(id, t, None)?,
            )))
        }
        "Rule_copy" | "MiniRule_copy" => {
            let mini = a.op == "MiniRule_copy";
            let id = a.id("id")?;
            let name = a.str("name")?;
            match st.rules.get(&id) {
                Some(r) if r.mini == mini => {}
                _ => {
                    return Err(MockFault::not_found(
                        if mini { "minirule" } else { "rule" },
                        id,
                    ))
                }
            }
            let target = match a.object_ref(if mini { "miniview" } else { "view" })? {
                None => None,
                Some(ObjectRef::Id(n)) => Some(n),
                Some(ObjectRef::Name(n)) => Some(
                    if mini {
                        st.miniviews
                            .iter()
                            .find(|(_, m)| m.miniview.name == n)
                            .map(|(k, _)| *k)
                    } else {
                        st.views
                            .iter()
                            .find(|(_, v)| v.view.name == n)
                            .map(|(k, _)| *k)
                    }
                    .ok_or_else(|| {
                        MockFault::not_found(if mini { "miniview" } else { "view" }, &n)
                    })?,
                ),
            };
            copy_options(a)?;
            let rule = st.copy_rule(id, name, target)?;
            Ok(MockResult::Entity(if mini {
                Entity::MiniRule(rule)
            } else {
                Entity::Rule(rule)
            }))
        }
        "MiniView_updateSubProfiles" => {
            let mv = a.id("id")?;
            let coll = st
                .miniviews
                .get(&mv)
                .ok_or_else(|| MockFault::not_found("miniview", mv))?
                .collection;
            let reqs = a.requirements("requirements")?;
            let fields = a.map("fields")?;
            let hits = st.search_subprofiles(coll, None, &reqs, None, true, Some(mv))?;
            for s in &hits {
                if !st.update_subprofile(*s, &fields)? {
                    return Err(MockFault::invalid(
                        "fields",
                        "a value does not match its field type",
                    ));
                }
            }
            subprofile_page(st, hits, a.paging()?)
        }

        // ----- documents and templates -----
        "WebDocument_template" => {
            let id = a.id("id")?;
            let d = st
                .documents
                .get(&id)
                .ok_or_else(|| MockFault::not_found("webdocument", id))?;
            Ok(entity_or_empty(match d.template {
                Some(TemplateRef::Pdf(t)) => st
                    .pdf_templates
                    .get(&t)
                    .map(|(t, _)| Entity::PdfTemplate(t.clone())),
                Some(TemplateRef::Web(t)) => st
                    .web_templates
                    .get(&t)
                    .map(|t| Entity::WebTemplate(t.clone())),
                Some(TemplateRef::Emailing(t)) => st
                    .emailing_templates
                    .get(&t)
                    .map(|t| Entity::EmailingTemplate(t.clone())),
                None => None,
            }))
        }
        "WebDocument_createFile" => {
            let id = a.id("id")?;
            let kind = st
                .documents
                .get(&id)
                .ok_or_else(|| MockFault::not_found("webdocument", id))?
                .kind;
            let fd = a
                .opt_struct("filedata")
                .ok_or_else(|| MockFault::MissingParameter {
                    operation: a.op.to_owned(),
                    name: "filedata".to_owned(),
                })?;
            a.map("metadata")?;
            let data = fd.str("data").unwrap_or("");
            let bytes = decode_base64(data)
                .ok_or_else(|| MockFault::invalid("filedata", "data is not valid base64"))?;
            let fid = st.next_id("file");
            let file = DocumentFile {
                id: fid,
                mimetype: fd
                    .str("mimetype")
                    .unwrap_or("application/octet-stream")
                    .to_owned(),
                hashcode: format!("{:016x}", fnv1a(&bytes)),
                data: data.to_owned(),
                name: fd.str("name").unwrap_or("").to_owned(),
                size: bytes.len() as i64,
            };
            st.files.insert(fid, (id, file.clone()));
            Ok(MockResult::Entity(if kind == DocumentKind::Emailing {
                Entity::EmailingDocumentFile(file)
            } else {
                Entity::WebDocumentFile(file)
            }))
        }
        "SmsDocument_account" => {
            let id = a.id("id")?;
            match st.documents.get(&id) {
                Some(d) if d.kind == DocumentKind::Sms => Ok(account(st)),
                _ => Err(MockFault::not_found("smsdocument", id)),
            }
        }
        "SmsDocument_createSmsMailing" => {
            let id = a.id("id")?;
            match st.documents.get(&id) {
                Some(d) if d.kind == DocumentKind::Sms => {}
                _ => return Err(MockFault::not_found("smsdocument", id)),
            }
            let settings =
                a.opt_struct("smsmailingsettings")
                    .ok_or_else(|| MockFault::MissingParameter {
                        operation: a.op.to_owned(),
                        name: "smsmailingsettings".to_owned(),
                    })?;
            let recipients = recipients(st, a)?;
            let now = st.now_unix();
            let start = settings.str("starttime").and_then(parse_timestamp);
            let mid = st.next_id("smsmailing");
            if let Some(t) = start.filter(|t| *t > now) {
                let m = SmsMailing {
                    id: mid,
                    timestamp: super::time::format_timestamp(t),
                };
                st.sms_mailings.insert(mid, (true, m.clone()));
                return Ok(MockResult::Entity(Entity::ScheduledSmsMailing(m)));
            }
            let m = SmsMailing {
                id: mid,
                timestamp: st.now(),
            };
            st.sms_mailings.insert(mid, (false, m.clone()));
            let n = recipients.len() as i64;
            st.stats_mut().sentsms += n;
            st.sms_stats.succes_count += n;
            st.sms_stats.destinationcount += n;
            Ok(MockResult::Entity(Entity::ProcessedSmsMailing(m)))
        }
        "DocumentFollowUp_action" => {
            let id = a.id("id")?;
            let (_, def) = st
                .followups
                .get(&id)
                .ok_or_else(|| MockFault::not_found("documentfollowup", id))?;
            Ok(MockResult::Entity(match def {
                FollowUpDef::Modify(m) => Entity::ModifyAction(m.clone()),
                FollowUpDef::Other(k, f) => Entity::FollowUpAction(*k, f.clone()),
            }))
        }
        "PdfTemplate_account" => {
            let id = a.id("id")?;
            if st.pdf_templates.contains_key(&id) {
                Ok(account(st))
            } else {
                Err(MockFault::not_found("pdftemplate", id))
            }
        }
        "PdfTemplate_property" => {
            let id = a.id("id")?;
            let name = a.str("name")?;
            let (_, props) = st
                .pdf_templates
                .get(&id)
                .ok_or_else(|| MockFault::not_found("pdftemplate", id))?;
            Ok(entity_or_empty(
                props
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| Entity::PdfTemplateProperty(p.clone())),
            ))
        }
        "WebTemplate_account" => {
            let id = a.id("id")?;
            if st.web_templates.contains_key(&id) {
                Ok(account(st))
            } else {
                Err(MockFault::not_found("webtemplate", id))
            }
        }
        "EmailingTemplate_documents" => {
            let id = a.id("id")?;
            if !st.emailing_templates.contains_key(&id) {
                return Err(MockFault::not_found("emailingtemplate", id));
            }
            let all = st
                .documents
                .values()
                .filter(|d| d.template == Some(TemplateRef::Emailing(id)))
                .map(|d| d.emailing.clone())
                .collect();
            Ok(paged(all, a.paging()?, Items::EmailingDocument))
        }
        "EmailingTemplate_retrieve" => {
            let id = parse_id(a, "id")?;
            st.emailing_templates
                .get(&id)
                .map(|t| MockResult::Entity(Entity::EmailingTemplate(t.clone())))
                .ok_or_else(|| MockFault::not_found("emailingtemplate", id))
        }
        "EmailingTemplate_account" => {
            let id = a.id("id")?;
            if st.emailing_templates.contains_key(&id) {
                Ok(account(st))
            } else {
                Err(MockFault::not_found("emailingtemplate", id))
            }
        }
        "EmailingDocument_retrieve" => {
            let id = parse_id(a, "id")?;
            match st.documents.get(&id) {
                Some(d) if d.kind == DocumentKind::Emailing => Ok(MockResult::Entity(
                    Entity::EmailingDocument(d.emailing.clone()),
                )),
                _ => Err(MockFault::not_found("emailingdocument", id)),
            }
        }
        "EmailingDocument_template" => {
            let id = a.id("id")?;
            match st.documents.get(&id) {
                Some(d) if d.kind == DocumentKind::Emailing => {
                    Ok(entity_or_empty(match d.template {
                        Some(TemplateRef::Emailing(t)) => st
                            .emailing_templates
                            .get(&t)
                            .map(|t| Entity::EmailingTemplate(t.clone())),
                        _ => None,
                    }))
                }
                _ => Err(MockFault::not_found("emailingdocument", id)),
            }
        }
        "EmailingDocumentLitmusTest_spamResult" => {
            let id = a.id("id")?;
            let rid = a.id("identifier")?;
            let test = st
                .litmus_tests
                .get(&id)
                .ok_or_else(|| MockFault::not_found("litmustest", id))?;
            Ok(entity_or_empty(
                test.results
                    .get(&rid)
                    .map(|r| Entity::LitmusSpamTestResult(r.clone())),
            ))
        }

        // ----- mailings -----
        "EmailingDestination_registerUnsubscribe" => {
            let id = a.str("id")?;
            a.str("timestamp")?;
            a.str("source")?;
            let execute = a.flag("execute")?;
            let (emailing, recipient, already) = {
                let d = st
                    .destinations
                    .get(id)
                    .ok_or_else(|| MockFault::not_found("emailingdestination", id))?;
                (d.emailing, d.recipient, d.unsubscribed)
            };
            if !already {
                if let Some(d) = st.destinations.get_mut(id) {
                    d.unsubscribed = true;
                }
                if let Some(p) = st.processed.get_mut(&emailing) {
                    p.stats.unsubscribecount += 1;
                }
            }
            if execute {
                unsubscribe(st, recipient)?;
            }
            Ok(MockResult::bool(true))
        }
        "ProcessedEmailing_createAccessKey" => {
            let id = a.id("id")?;
            if !st.processed.contains_key(&id) {
                return Err(MockFault::not_found("processedemailing", id));
            }
            let key = st.secret();
            st.access_keys.insert(key.clone(), id);
            Ok(MockResult::Value(key))
        }
        "ProcessedEmailing_statistics" => {
            let id = a.id("id")?;
            let rec = st
                .processed
                .get(&id)
                .ok_or_else(|| MockFault::not_found("processedemailing", id))?;
            let (b, e) = time_range(a);
            let ts = parse_timestamp(&rec.emailing.timestamp).unwrap_or(0);
            let stats = if b.is_some_and(|b| ts < b) || e.is_some_and(|e| ts > e) {
                EmailingStatistics::default()
            } else {
                rec.stats.clone()
            };
            Ok(MockResult::Entity(Entity::EmailingStatistics(stats)))
        }

        // ----- web sessions, websites -----
        "WebSession_profile" | "WebSession_subProfile" | "WebSession_loggedOn" => {
            let id = a.str("id")?;
            a.opt_bool("preserved")?;
            let logon = st.web_sessions.get(id).copied().unwrap_or(WebLogon::Nobody);
            let profile = |pid: u64| {
                st.profiles
                    .get(&pid)
                    .map(|p| Entity::Profile(st.profile_entity(p, true)))
            };
            let sub = |sid: u64| {
                st.subprofiles
                    .get(&sid)
                    .map(|s| Entity::SubProfile(st.subprofile_entity(s, true)))
            };
            Ok(entity_or_empty(match (a.op, logon) {
                ("WebSession_profile" | "WebSession_loggedOn", WebLogon::Profile(p)) => profile(p),
                ("WebSession_subProfile" | "WebSession_loggedOn", WebLogon::SubProfile(s)) => {
                    sub(s)
                }
                _ => None,
            }))
        }
        "WebSite_account" => {
            let id = a.id("id")?;
            if st.websites.contains_key(&id) {
                Ok(account(st))
            } else {
                Err(MockFault::not_found("website", id))
            }
        }
        other => Err(MockFault::UnknownOperation(other.to_owned())),
    }
}

/// `id` parameters typed as string (`*_retrieve`, `*_update`) still name numeric ids.
fn parse_id(a: &Args<'_>, name: &str) -> Result<u64, MockFault> {
    let s = a.str(name)?;
    s.trim()
        .parse::<u64>()
        .map_err(|_| MockFault::invalid(name, format!("'{s}' is not an id")))
}

fn subprofile_page(st: &State, ids: Vec<u64>, paging: Paging) -> Result<MockResult, MockFault> {
    let (start, total, page) = search::page(ids, paging);
    let items: Vec<SubProfile> = page
        .iter()
        .filter_map(|id| st.subprofiles.get(id))
        .map(|s| st.subprofile_entity(s, paging.allproperties))
        .collect();
    Ok(MockResult::Paged {
        start,
        length: items.len(),
        total,
        allproperties: paging.allproperties,
        items: Items::SubProfile(items),
    })
}

/// Moves a subprofile to another profile and reports it as an update.
fn move_subprofile(st: &mut State, id: u64, target: u64) {
    let now = st.now();
    let changed = match st.subprofiles.get_mut(&id) {
        Some(s) if s.profile != target => {
            s.profile = target;
            s.modified = now;
            true
        }
        _ => false,
    };
    if changed {
        // Re-emit through a no-op field update path: fields are unchanged, owner moved.
        let fields = st
            .subprofiles
            .get(&id)
            .map(|s| st.subprofile_fields(s))
            .unwrap_or_default();
        let coll = st.subprofiles.get(&id).map_or(0, |s| s.collection);
        let database = st.collections.get(&coll).map_or(0, |c| c.database);
        let event = super::events::ChangeEvent {
            seq: 0,
            action: super::events::ChangeAction::Update,
            kind: super::events::ChangeKind::SubProfile,
            id,
            database,
            collection: Some(coll),
            profile: Some(target),
            fields,
            updated: Vec::new(),
            interests: Vec::new(),
            timestamp: st.now(),
        };
        st.events.emit(event);
    }
}

/// Runs the unsubscribe behaviour of the recipient's database or collection.
fn unsubscribe(st: &mut State, r: Recipient) -> Result<(), MockFault> {
    match r {
        Recipient::Profile(p) => {
            let Some(db) = st.profiles.get(&p).map(|p| p.database) else {
                return Ok(());
            };
            let (behavior, values) = {
                let rec = st.database(db)?;
                (
                    rec.db.unsubscribebehavior.clone(),
                    rec.unsubscribe_values.clone(),
                )
            };
            match behavior.as_str() {
                "remove" => st.remove_profile(p)?,
                "update" => {
                    st.update_profile(p, &values, None)?;
                }
                _ => {}
            }
        }
        Recipient::SubProfile(s) => {
            let Some(coll) = st.subprofiles.get(&s).map(|s| s.collection) else {
                return Ok(());
            };
            if st.collection(coll)?.collection.unsubscribebehavior == "remove" {
                st.remove_subprofile(s)?;
            }
        }
    }
    Ok(())
}

/// Recipients of a new mailing: exactly one of profile, subprofile, database, view,
/// collection or miniview.
fn recipients(st: &State, a: &Args<'_>) -> Result<Vec<Recipient>, MockFault> {
    let targets = [
        ("profile", a.opt_id("profile")?),
        ("subprofile", a.opt_id("subprofile")?),
        ("database", a.opt_id("database")?),
        ("view", a.opt_id("view")?),
        ("collection", a.opt_id("collection")?),
        ("miniview", a.opt_id("miniview")?),
    ];
    let given: Vec<(&str, u64)> = targets
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    let [(kind, id)] = given.as_slice() else {
        return Err(MockFault::invalid(
            "profile",
            "exactly one of profile, subprofile, database, view, collection or miniview is required",
        ));
    };
    let id = *id;
    Ok(match *kind {
        "profile" => {
            st.profile(id)?;
            vec![Recipient::Profile(id)]
        }
        "subprofile" => {
            st.subprofile(id)?;
            vec![Recipient::SubProfile(id)]
        }
        "database" => {
            st.database(id)?;
            st.profiles
                .values()
                .filter(|p| p.database == id)
                .map(|p| Recipient::Profile(p.id))
                .collect()
        }
        "view" => {
            st.views
                .get(&id)
                .ok_or_else(|| MockFault::not_found("view", id))?;
            st.profiles
                .values()
                .filter(|p| st.in_view(id, p))
                .map(|p| Recipient::Profile(p.id))
                .collect()
        }
        "collection" => {
            st.collection(id)?;
            st.subprofiles
                .values()
                .filter(|s| s.collection == id)
                .map(|s| Recipient::SubProfile(s.id))
                .collect()
        }
        _ => {
            st.miniviews
                .get(&id)
                .ok_or_else(|| MockFault::not_found("miniview", id))?;
            st.subprofiles
                .values()
                .filter(|s| st.in_miniview(id, s))
                .map(|s| Recipient::SubProfile(s.id))
                .collect()
        }
    })
}

/// `Account_createEmailing` / `EmailingDocument_createEmailing`: a start time in the
/// future schedules the mailing, otherwise it is "sent" at once (one destination per
/// recipient, counted in the statistics).
fn create_emailing(st: &mut State, a: &Args<'_>, document: u64) -> Result<MockResult, MockFault> {
    let settings = a
        .opt_struct("emailingsettings")
        .ok_or_else(|| MockFault::MissingParameter {
            operation: a.op.to_owned(),
            name: "emailingsettings".to_owned(),
        })?;
    let recipients = recipients(st, a)?;
    let doc = st
        .documents
        .get(&document)
        .map(|d| d.emailing.clone())
        .ok_or_else(|| MockFault::not_found("emailingdocument", document))?;
    let flag = |k: &str| settings.str(k).and_then(parse_bool).unwrap_or(false);
    let contenttype = settings.str("contenttype").unwrap_or("html").to_owned();
    let test = flag("test");
    let personalize = settings
        .str("personalized")
        .and_then(parse_bool)
        .unwrap_or(true);
    let embedded = flag("embeddedimages");
    let individual = a.opt_id("profile")?.is_some() || a.opt_id("subprofile")?.is_some();
    let now = st.now_unix();
    let id = st.next_id("emailing");
    if let Some(start) = settings
        .str("starttime")
        .and_then(parse_timestamp)
        .filter(|t| *t > now)
    {
        let e = ScheduledEmailing {
            id,
            timestamp: st.now(),
            subject: doc.subject,
            documentname: doc.name,
            contenttype,
            individual,
            test,
            embedded,
            personalize,
            interval: settings.str("dateinterval").unwrap_or("").to_owned(),
            nextstarttime: Some(super::time::format_timestamp(start)),
            laststarttime: None,
            active: true,
        };
        st.scheduled.insert(id, e.clone());
        return Ok(MockResult::Entity(Entity::ScheduledEmailing(e)));
    }
    let ts = st.now();
    let e = ProcessedEmailing {
        id,
        timestamp: ts.clone(),
        subject: doc.subject,
        documentname: doc.name,
        contenttype,
        individual,
        test,
        embedded,
        personalize,
    };
    let n = recipients.len() as i64;
    for r in recipients {
        let did = st.next_id("destination");
        st.destinations.insert(
            did.to_string(),
            DestinationRec {
                emailing: id,
                recipient: r,
                unsubscribed: false,
            },
        );
    }
    let stats = EmailingStatistics {
        delivered: n,
        destinationcount: n,
        firsttimestamp: Some(ts.clone()),
        lasttimestamp: Some(ts),
        ..Default::default()
    };
    st.processed.insert(
        id,
        ProcessedRec {
            emailing: e.clone(),
            stats,
        },
    );
    st.stats_mut().sentemail += n;
    Ok(MockResult::Entity(Entity::ProcessedEmailing(e)))
}

/// `yes`/`no`/`both` (or a boolean) filter values of the mailing lists.
fn tri_state(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "both" | "" => None,
        other => parse_bool(other),
    }
}

fn filter_mailing(
    a: &Args<'_>,
    individual: bool,
    test: bool,
    contenttype: &str,
    subject: &str,
    documentname: &str,
) -> bool {
    let type_ok = match a.opt_str("type").map(|t| t.to_ascii_lowercase()) {
        Some(t) if t == "individual" => individual,
        Some(t) if t == "mass" => !individual,
        _ => true,
    };
    let test_ok = a
        .opt_str("test")
        .and_then(tri_state)
        .is_none_or(|v| v == test);
    let ct_ok = match a.opt_str("contenttype") {
        Some(c) if !c.is_empty() && c != "both" => c.eq_ignore_ascii_case(contenttype),
        _ => true,
    };
    let search_ok = a
        .opt_map("search")
        .unwrap_or_default()
        .iter()
        .all(|(k, v)| {
            let hay = match k.as_str() {
                "subject" => subject,
                "documentname" => documentname,
                _ => return true,
            };
            hay.to_lowercase().contains(&v.to_lowercase())
        });
    type_ok && test_ok && ct_ok && search_ok
}

fn copy_database(st: &mut State, a: &Args<'_>) -> Result<MockResult, MockFault> {
    let src = a.id("id")?;
    let src_name = st.database(src)?.db.name.clone();
    let opts = copy_options(a)?;
    let has = |o: &str| opts.iter().any(|x| x == o);
    let requested = a
        .opt_struct("database")
        .and_then(|d| d.str("name"))
        .or_else(|| a.opt_str("target"))
        .map(str::to_owned);
    let name = match requested {
        Some(n) => n,
        None => {
            let mut n = format!("{src_name}_copy");
            let mut i = 2;
            while st.databases.values().any(|d| d.db.name == n) {
                n = format!("{src_name}_copy{i}");
                i += 1;
            }
            n
        }
    };
    let new = st.create_database(&name)?.id;
    let (behavior, unsub) = {
        let rec = st.database(src)?;
        (
            rec.db.unsubscribebehavior.clone(),
            rec.unsubscribe_values.clone(),
        )
    };
    if let Some(rec) = st.databases.get_mut(&new) {
        rec.db.unsubscribebehavior = behavior;
        rec.unsubscribe_values = unsub;
        rec.db.description = Some(format!("Copy of {src_name}"));
    }
    // Structure is always copied: fields, interests, collections and their fields.
    let fields: Vec<Field> = st.db_fields(src).cloned().collect();
    for f in &fields {
        st.create_field(new, field_to_def(f))?;
    }
    let interests: Vec<Interest> = st
        .interests
        .values()
        .filter(|i| i.database == src)
        .map(|i| i.interest.clone())
        .collect();
    for i in &interests {
        st.create_interest(new, &i.name, i.group.as_deref())?;
    }
    let colls: Vec<(u64, String)> = st
        .collections
        .iter()
        .filter(|(_, c)| c.database == src)
        .map(|(id, c)| (*id, c.collection.name.clone()))
        .collect();
    let mut coll_map = Vec::new();
    for (cid, cname) in &colls {
        let nc = st.create_collection(new, cname)?.id;
        let cfields: Vec<Field> = st.coll_fields(*cid).cloned().collect();
        for f in &cfields {
            st.create_collection_field(nc, field_to_def(f))?;
        }
        coll_map.push((*cid, nc));
    }
    if has("views") {
        let views: Vec<(u64, Option<u64>, String)> = st
            .views
            .iter()
            .filter(|(_, v)| v.database == src)
            .map(|(id, v)| (*id, v.parent, v.view.name.clone()))
            .collect();
        let mut map: Vec<(u64, u64)> = Vec::new();
        for (vid, parent, vname) in views {
            let np = parent.and_then(|p| map.iter().find(|(o, _)| *o == p).map(|(_, n)| *n));
            let nv = st.create_view(new, np, &vname)?.id;
            copy_rules(st, vid, nv, false)?;
            map.push((vid, nv));
        }
    }
    if has("miniviews") {
        for (old_c, new_c) in &coll_map {
            let mvs: Vec<(u64, String)> = st
                .miniviews
                .iter()
                .filter(|(_, m)| m.collection == *old_c)
                .map(|(id, m)| (*id, m.miniview.name.clone()))
                .collect();
            for (mid, mname) in mvs {
                let nm = st.create_miniview(*new_c, &mname)?.id;
                copy_rules(st, mid, nm, true)?;
            }
        }
    }
    if has("profiles") {
        let profiles: Vec<ProfileCopy> = st
            .profiles
            .values()
            .filter(|p| p.database == src)
            .map(|p| {
                let names = p
                    .interests
                    .iter()
                    .filter_map(|i| st.interests.get(i).map(|r| r.interest.name.clone()))
                    .collect();
                (p.id, st.profile_fields(p), names)
            })
            .collect();
        for (pid, values, interest_names) in profiles {
            let np = st.create_profile(new, &values)?.id;
            if !interest_names.is_empty() {
                let set: Vec<(String, String)> = interest_names
                    .into_iter()
                    .map(|n| (n, "1".to_owned()))
                    .collect();
                st.update_profile(np, &[], Some(&set))?;
            }
            if has("subprofiles") {
                let subs: Vec<(u64, Vec<(String, String)>)> = st
                    .subprofiles
                    .values()
                    .filter(|s| s.profile == pid)
                    .map(|s| (s.collection, st.subprofile_fields(s)))
                    .collect();
                for (old_c, values) in subs {
                    if let Some((_, nc)) = coll_map.iter().find(|(o, _)| *o == old_c) {
                        st.create_subprofile(np, *nc, &values)?;
                    }
                }
            }
        }
    }
    Ok(entity_or_empty(
        st.database_entity(new).map(Entity::Database),
    ))
}

/// Id, field values and interest names of a profile being copied.
type ProfileCopy = (u64, Pairs, Vec<String>);

fn copy_rules(st: &mut State, from: u64, to: u64, mini: bool) -> Result<(), MockFault> {
    let rules: Vec<(u64, String)> = st
        .rules
        .iter()
        .filter(|(_, r)| r.mini == mini && r.owner == from)
        .map(|(id, r)| (*id, r.rule.name.clone()))
        .collect();
    for (rid, rname) in rules {
        st.copy_rule(rid, &rname, Some(to))?;
    }
    Ok(())
}

fn copy_view(st: &mut State, a: &Args<'_>) -> Result<MockResult, MockFault> {
    let id = a.id("id")?;
    let (db, parent, old_name) = {
        let v = st
            .views
            .get(&id)
            .ok_or_else(|| MockFault::not_found("view", id))?;
        (v.database, v.parent, v.view.name.clone())
    };
    copy_options(a)?;
    let refs = a.object_refs("view");
    // First `view`: the new view (by name); second: its parent (by id).
    let (new_name, parent_ref) = match refs.as_slice() {
        [ObjectRef::Name(n), p, ..] => (Some(n.clone()), Some(p.clone())),
        [ObjectRef::Id(_), p, ..] => (None, Some(p.clone())),
        [ObjectRef::Name(n)] => (Some(n.clone()), None),
        [p @ ObjectRef::Id(_)] => (None, Some(p.clone())),
        [] => (None, None),
    };
    let name = new_name
        .or_else(|| a.opt_str("name").map(str::to_owned))
        .unwrap_or_else(|| format!("{old_name} (copy)"));
    let (target_db, target_parent) = match (parent_ref, a.object_ref("database")?) {
        (Some(ObjectRef::Id(p)), _) => {
            let pv = st
                .views
                .get(&p)
                .ok_or_else(|| MockFault::not_found("view", p))?;
            (pv.database, Some(p))
        }
        (Some(ObjectRef::Name(n)), _) => {
            let p = st
                .views
                .iter()
                .find(|(_, v)| v.view.name == n)
                .map(|(k, _)| *k)
                .ok_or_else(|| MockFault::not_found("view", &n))?;
            (st.views.get(&p).map_or(db, |v| v.database), Some(p))
        }
        (None, Some(dref)) => {
            let d = match dref {
                ObjectRef::Id(n) => n,
                ObjectRef::Name(n) => st
                    .find_database(&n)
                    .ok_or_else(|| MockFault::not_found("database", &n))?,
            };
            (d, None)
        }
        (None, None) => (db, parent),
    };
    let nv = st.create_view(target_db, target_parent, &name)?.id;
    copy_rules(st, id, nv, false)?;
    if let (Some(src), Some(dst)) = (
        st.views.get(&id).map(|v| v.view.description.clone()),
        st.views.get_mut(&nv),
    ) {
        dst.view.description = src;
    }
    Ok(entity_or_empty(st.view_entity(nv).map(Entity::View)))
}

fn field_to_def(f: &Field) -> FieldDef {
    FieldDef {
        name: f.name.clone(),
        field_type: Some(f.field_type.clone()),
        value: f.value.clone(),
        display: Some(f.displayed),
        ordered: Some(f.ordered),
        length: Some(f.length),
        lines: Some(f.lines),
        hidden: Some(f.hidden),
        index: Some(f.index),
        specialcontent: f.specialcontent.clone(),
        big: Some(f.big),
    }
}

/// Messages over 160 characters are split and counted per part.
fn sms_parts(text: &str) -> i64 {
    let n = text.chars().count();
    (n.max(1)).div_ceil(160) as i64
}

/// 64-bit FNV-1a, used as a stable content hash for uploaded files.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Standard base64 (whitespace ignored, padding optional); `None` when malformed.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0u32;
    let mut padding = false;
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            _ => return None,
        };
        if padding {
            return None;
        }
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_and_rejects() {
        assert_eq!(decode_base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("aGVs\nbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("a*b"), None);
        assert_eq!(sms_parts(&"x".repeat(161)), 2);
        assert_eq!(sms_parts(""), 1);
    }

    #[test]
    fn operation_names_resolve_case_insensitively() {
        assert_eq!(
            canonical_operation("database_searchprofiles"),
            Some("Database_searchProfiles")
        );
        assert_eq!(canonical_operation("Profile_Move"), Some("Profile_move"));
        assert_eq!(canonical_operation("Nope"), None);
        let mut sorted = OPERATIONS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 104);
    }
}
