//! A small, fully linked data set: one of every object type, so that every operation
//! has something to act on (used by tests and by the mock server's demo mode).

use super::fault::MockFault;
use super::params::Requirement;
use super::result::FollowUpKind;
use super::state::{FieldDef, TemplateRef, WebLogon};
use super::store::Store;

/// Ids of the objects created by [`DemoData::populate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoData {
    /// Database `demo` with fields firstname, lastname, email (email), age (integer),
    /// city and interests `football`, `tennis`.
    pub database: u64,
    pub field_firstname: u64,
    pub field_age: u64,
    pub interest: u64,
    /// Collection `orders` with fields ordernumber, product, amount (float).
    pub collection: u64,
    pub collection_field: u64,
    /// Profiles: Zoë de Vries (Amsterdam, 34), Jan Jansen (Utrecht, 51),
    /// Piet Pieters (Amsterdam, 19).
    pub profiles: Vec<u64>,
    /// Two orders of the first profile, one of the second.
    pub subprofiles: Vec<u64>,
    /// View `amsterdam` (rule: city = Amsterdam) with a nested view `adults` (age >= 21).
    pub view: u64,
    pub nested_view: u64,
    pub rule: u64,
    /// Miniview `big orders` (amount > 100) with one minirule.
    pub miniview: u64,
    pub minirule: u64,
    pub callback: u64,
    pub pdf_template: u64,
    pub web_template: u64,
    pub emailing_template: u64,
    pub emailing_document: u64,
    pub web_document: u64,
    pub sms_document: u64,
    pub followup: u64,
    pub litmus_test: u64,
    pub litmus_result: u64,
    pub website: u64,
    /// Web session with the first profile logged on.
    pub web_session: String,
    /// Web session with the first subprofile logged on.
    pub web_session_sub: String,
    pub user: u64,
    /// A running import on the database.
    pub import: u64,
}

impl DemoData {
    /// Creates the demo objects in `store`.
    pub fn populate(store: &Store) -> Result<DemoData, MockFault> {
        let db = store.create_database("demo")?.id;
        let field_firstname = store
            .create_field(db, FieldDef::new("firstname", "text"))?
            .id;
        store.create_field(db, FieldDef::new("lastname", "text"))?;
        store.create_field(db, FieldDef::new("email", "email"))?;
        let field_age = store.create_field(db, FieldDef::new("age", "integer"))?.id;
        store.create_field(db, FieldDef::new("city", "text"))?;
        let interest = store.create_interest(db, "football", Some("sports"))?.id;
        store.create_interest(db, "tennis", Some("sports"))?;
        let coll = store.create_collection(db, "orders")?.id;
        let collection_field = store
            .create_collection_field(coll, FieldDef::new("ordernumber", "text"))?
            .id;
        store.create_collection_field(coll, FieldDef::new("product", "text"))?;
        store.create_collection_field(coll, FieldDef::new("amount", "float"))?;

        let people = [
            (
                "Zoë",
                "de Vries",
                "zoe.devries@example.com",
                "34",
                "Amsterdam",
            ),
            ("Jan", "Jansen", "jan@example.com", "51", "Utrecht"),
            ("Piet", "Pieters", "piet@example.com", "19", "Amsterdam"),
        ];
        let mut profiles = Vec::new();
        for (first, last, email, age, city) in people {
            profiles.push(
                store
                    .create_profile(
                        db,
                        &[
                            ("firstname", first),
                            ("lastname", last),
                            ("email", email),
                            ("age", age),
                            ("city", city),
                        ],
                    )?
                    .id,
            );
        }
        store.update_profile_interests(profiles[0], &[("football", "1")])?;
        let orders = [
            (profiles[0], "SO-1", "Running shoes", "120.50"),
            (profiles[0], "SO-2", "Socks", "9.95"),
            (profiles[1], "SO-3", "Tennis racket", "199"),
        ];
        let mut subprofiles = Vec::new();
        for (p, nr, product, amount) in orders {
            subprofiles.push(
                store
                    .create_subprofile(
                        p,
                        coll,
                        &[
                            ("ordernumber", nr),
                            ("product", product),
                            ("amount", amount),
                        ],
                    )?
                    .id,
            );
        }

        let view = store.create_view(db, None, "amsterdam")?.id;
        let rule = store.create_rule(view, "city")?.id;
        store.create_condition(rule, "Field", Some(Requirement::eq("city", "Amsterdam")))?;
        let nested_view = store.create_view(db, Some(view), "adults")?.id;
        let adult_rule = store.create_rule(nested_view, "age")?.id;
        store.create_condition(
            adult_rule,
            "Field",
            Some(Requirement::new("age", ">=", "21")),
        )?;
        let miniview = store.create_miniview(coll, "big orders")?.id;
        let minirule = store.create_minirule(miniview, "amount")?.id;
        store.create_condition(
            minirule,
            "Field",
            Some(Requirement::new("amount", ">", "100")),
        )?;

        let callback = store
            .create_callback(
                super::state::CallbackOwner::Database(db),
                "https://hooks.example.com/copernica",
                None,
                Some("json"),
            )?
            .id;

        let pdf = store.create_pdf_template("invoice");
        store.add_pdf_template_property(pdf.id, "footer", "text", Some("Thank you"))?;
        let web_template = store.create_web_template("landing").id;
        let emailing_template = store.create_emailing_template("newsletter").id;
        let emailing_document = store
            .create_emailing_document(emailing_template, "january", "News in January")?
            .id;
        let web_document =
            store.create_web_document(TemplateRef::Web(web_template), "welcome page")?;
        let sms_document = store.create_sms_document("reminder", "Your order has shipped")?;
        let followup =
            store.create_modify_followup(emailing_document, "profile", &[("city", "Opened")])?;
        store.create_followup(emailing_document, FollowUpKind::Sms)?;
        let (litmus_test, results) =
            store.create_litmus_test(emailing_document, &[(false, 0.4), (true, 7.5)])?;
        let website = store.create_website("www.example.com");
        let web_session = store.create_web_session(WebLogon::Profile(profiles[0]))?;
        let web_session_sub = store.create_web_session(WebLogon::SubProfile(subprofiles[0]))?;
        let user = store
            .create_user("editor", "editor@example.com", "editor-pass")
            .id;
        let import = store.create_import(db)?.id;

        Ok(DemoData {
            database: db,
            field_firstname,
            field_age,
            interest,
            collection: coll,
            collection_field,
            profiles,
            subprofiles,
            view,
            nested_view,
            rule,
            miniview,
            minirule,
            callback,
            pdf_template: pdf.id,
            web_template,
            emailing_template,
            emailing_document,
            web_document,
            sms_document,
            followup,
            litmus_test,
            litmus_result: results.first().copied().unwrap_or(0),
            website,
            web_session,
            web_session_sub,
            user,
            import,
        })
    }
}
