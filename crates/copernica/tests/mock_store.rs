//! Behaviour of the mock Copernica store: every WSDL operation, authentication,
//! search and paging, create/update/remove semantics, change events, concurrency.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use copernica::mock::demo::DemoData;
use copernica::mock::*;

const TOKEN: &str = "test-token";

fn config() -> MockConfig {
    MockConfig {
        access_token: TOKEN.to_owned(),
        clock: Clock::Fixed(1_736_849_727), // 2025-01-14 10:15:27
        ..MockConfig::default()
    }
}

fn store() -> Store {
    Store::new(config())
}

/// Parameters with the access token, as PHP21 sends them.
fn p() -> Params {
    Params::new().with("access_token", TOKEN)
}

fn wsdl_operations() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/copernica/copernica-rpc.wsdl");
    let text = std::fs::read_to_string(&path).expect("fixture copernica-rpc.wsdl is readable");
    let start = text.find("<wsdl:portType").expect("portType present");
    let end = text[start..]
        .find("</wsdl:portType>")
        .expect("portType closed")
        + start;
    let port_type = &text[start..end];
    let marker = "<wsdl:operation name=\"";
    let mut ops = Vec::new();
    let mut rest = port_type;
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        let j = rest.find('"').expect("closing quote");
        ops.push(rest[..j].to_owned());
        rest = &rest[j..];
    }
    ops
}

fn emailing_settings() -> Value {
    Params::new()
        .with("contenttype", "html")
        .with("test", false)
        .with("personalized", true)
        .into()
}

/// Plausible parameters for every operation, against the demo data.
fn params_for(op: &str, d: &DemoData, cfg: &MockConfig) -> Params {
    let db = d.database;
    let coll = d.collection;
    let prof = d.profiles[0];
    let sub = d.subprofiles[0];
    let reqs = requirements_value(&[Requirement::eq("city", "Amsterdam")]);
    let sub_reqs = requirements_value(&[Requirement::eq("product", "Socks")]);
    let id = |n: u64| p().with("id", n);
    match op {
        "login" => Params::new()
            .with("username", cfg.user.as_str())
            .with("password", cfg.password.as_str())
            .with("account", cfg.account.as_str()),
        "Account_database" => p().with("identifier", "demo"),
        "Account_databases"
        | "Account_emailingTemplates"
        | "Account_emailingDocuments"
        | "Account_pdfTemplates" => p().with("allproperties", true),
        "Account_createDatabase" => p().with("name", "second"),
        "Database_retrieve"
        | "Database_remove"
        | "Database_collections"
        | "Database_fields"
        | "Database_imports"
        | "Database_unsubscribeValues"
        | "Database_callbacks"
        | "Database_interests"
        | "Database_views" => id(db),
        "Database_update" => id(db)
            .with("description", "updated")
            .with("unsubscribebehavior", "update"),
        "Database_copy" => id(db)
            .with("database", Params::new().with("name", "demo_copy"))
            .with(
                "options",
                Value::items(["profiles", "subprofiles", "views", "miniviews"]),
            ),
        "Database_collection" => id(db).with("identifier", "orders"),
        "Database_createCollection" => id(db).with("name", "tickets"),
        "Database_field" => id(db).with("identifier", "firstname"),
        "Database_createField" => id(db)
            .with("name", "zipcode")
            .with("type", "text")
            .with("length", 10),
        "Database_createProfile" => id(db).with(
            "fields",
            Value::map([("firstname", "Kees"), ("city", "Delft")]),
        ),
        "Database_searchProfiles" => id(db)
            .with("requirements", reqs)
            .with("allproperties", true),
        "Database_updateProfiles" => id(db)
            .with("requirements", reqs)
            .with("fields", Value::map([("lastname", "X")])),
        "Database_removeProfiles" => id(db).with("ids", Value::items([d.profiles[2].to_string()])),
        "Database_setUnsubscribeValues" => id(db).with("fields", Value::map([("city", "gone")])),
        "Database_callback" => id(db).with("identifier", d.callback),
        "Database_createCallback" | "Collection_createCallback" => {
            id(if op.starts_with("Database") { db } else { coll })
                .with("url", "https://example.com/hook")
                .with("method", "xml")
                .with("expression", "city == 'Amsterdam'")
        }
        "Collection_retrieve"
        | "Collection_remove"
        | "Collection_fields"
        | "Collection_miniViews" => id(coll),
        "Collection_update" => id(coll).with("name", "purchases"),
        "Collection_field" => id(coll).with("identifier", "product"),
        "Collection_createField" => id(coll).with("name", "color"),
        "Collection_subProfile" => id(coll).with("identifier", sub),
        "Collection_searchSubProfiles" => id(coll).with("requirements", sub_reqs),
        "Collection_removeSubProfiles" => id(coll).with("ids", Value::items([sub.to_string()])),
        "Collection_unsubscribe" => id(coll).with("subprofile", Params::new().with("id", sub)),
        "Field_update" => id(d.field_firstname)
            .with("length", 80)
            .with("display", false),
        "CollectionField_update" => id(d.collection_field).with("lines", 2),
        "Profile_retrieve" | "Profile_remove" | "Profile_fields" => id(prof),
        "Profile_updateFields" => id(prof).with("fields", Value::map([("city", "Haarlem")])),
        "Profile_move" => id(d.profiles[2]).with("profile", Params::new().with("id", prof)),
        "Profile_createSubProfile" => id(prof)
            .with("collection", Params::new().with("id", coll))
            .with(
                "fields",
                Value::map([("ordernumber", "SO-9"), ("amount", "5")]),
            ),
        "Profile_searchSubProfiles" => id(prof)
            .with("collection", Params::new().with("name", "orders"))
            .with("requirements", requirements_value(&[])),
        "Profile_updateSubProfiles" => id(prof)
            .with("collection", Params::new().with("id", coll))
            .with("requirements", sub_reqs)
            .with("fields", Value::map([("amount", "11")])),
        "SubProfile_retrieve" | "SubProfile_remove" => id(sub),
        "SubProfile_update" => id(sub).with("code", "NEWCODE"),
        "SubProfile_updateFields" => id(sub).with("fields", Value::map([("product", "Boots")])),
        "SubProfile_moveToProfile" => {
            id(sub).with("profile", Params::new().with("id", d.profiles[1]))
        }
        "View_retrieve" | "View_database" | "View_views" | "View_rules" => id(d.view),
        "View_update" => id(d.view).with("name", "adam"),
        "View_copy" => id(d.view).with("name", "amsterdam2"),
        "View_updateProfiles" => id(d.view)
            .with("requirements", requirements_value(&[]))
            .with("fields", Value::map([("lastname", "A")])),
        "Rule_createCondition" => id(d.rule).with("type", "Date"),
        "Rule_copy" => id(d.rule)
            .with("name", "city2")
            .with("view", Params::new().with("id", d.nested_view)),
        "MiniRule_copy" => id(d.minirule).with("name", "amount2"),
        "MiniView_updateSubProfiles" => id(d.miniview)
            .with("requirements", requirements_value(&[]))
            .with("fields", Value::map([("product", "Big")])),
        "WebDocument_template" => id(d.web_document),
        "WebDocument_createFile" => id(d.web_document)
            .with(
                "filedata",
                Params::new()
                    .with("name", "hello.txt")
                    .with("mimetype", "text/plain")
                    .with("data", "aGVsbG8="),
            )
            .with("metadata", Value::map([("alt", "greeting")])),
        "SmsDocument_account" => id(d.sms_document),
        "SmsDocument_createSmsMailing" => id(d.sms_document)
            .with("profile", prof)
            .with("smsmailingsettings", Params::new().with("type", "sms")),
        "DocumentFollowUp_action" => id(d.followup),
        "EmailingDestination_registerUnsubscribe" => p()
            .with("id", "1")
            .with("timestamp", "2025-01-14 10:15:27")
            .with("source", "mailing")
            .with("execute", true),
        "WebSession_profile" | "WebSession_loggedOn" => p().with("id", d.web_session.as_str()),
        "WebSession_subProfile" => p().with("id", d.web_session_sub.as_str()),
        "Account_retrieve" => p().with("id", "1"),
        "Account_pdfTemplate" => p().with("identifier", "invoice"),
        "Account_user" => p()
            .with("identifier", d.user)
            .with("password", "editor-pass"),
        "Account_stats" => p().with("year", 2025).with("month", 1),
        "Account_emailingStatistics" | "Account_smsStatistics" => p().with(
            "options",
            Value::map([("begintime", "2025-01-01 00:00:00")]),
        ),
        "Account_sendEmail" => p()
            .with("address", "zoe@example.com")
            .with("subject", "Hi")
            .with("html", "<p>Hi</p>"),
        "Account_sendSms" => p().with("number", "+31600000000").with("text", "Hi"),
        "Account_createFont" => p().with("name", "Inter").with(
            "filedata",
            Params::new()
                .with("name", "inter.ttf")
                .with("data", "AAEAAA=="),
        ),
        "Account_createEmailing" => p()
            .with("database", db)
            .with(
                "emailingdocument",
                Params::new().with("id", d.emailing_document),
            )
            .with("emailingsettings", emailing_settings()),
        "Account_scheduledEmailings" | "Account_processedEmailings" => p().with("order", "subject"),
        "PdfTemplate_account" => id(d.pdf_template),
        "PdfTemplate_property" => id(d.pdf_template).with("name", "footer"),
        "WebTemplate_account" => id(d.web_template),
        "EmailingDocument_createEmailing" => id(d.emailing_document)
            .with("view", d.view)
            .with("emailingsettings", emailing_settings()),
        "EmailingDocumentLitmusTest_spamResult" => {
            id(d.litmus_test).with("identifier", d.litmus_result)
        }
        "User_sendSms" => id(d.user).with("text", "Hello editor"),
        "WebSite_account" => id(d.website),
        "ProcessedEmailing_createAccessKey" | "ProcessedEmailing_statistics" => {
            id(1).with("title", "Stats")
        }
        "EmailingTemplate_documents" | "EmailingTemplate_retrieve" | "EmailingTemplate_account" => {
            id(d.emailing_template)
        }
        "EmailingDocument_retrieve" | "EmailingDocument_template" => id(d.emailing_document),
        "Account_emailingTemplate" => p().with("identifier", "newsletter"),
        "Account_emailingDocument" => p().with("identifier", d.emailing_document),
        other => panic!("no test parameters for operation {other}"),
    }
}

/// Operations whose documented result is nothing.
const EMPTY_RESULT_OPS: &[&str] = &["login", "Collection_unsubscribe"];

#[test]
fn operation_table_matches_the_wsdl() {
    let wsdl = wsdl_operations();
    assert_eq!(wsdl.len(), 104);
    assert_eq!(
        wsdl,
        OPERATIONS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn every_wsdl_operation_succeeds_with_plausible_parameters() {
    let cfg = config();
    let schema = Schema::load();
    for op in wsdl_operations() {
        let store = Store::new(cfg.clone());
        let demo = DemoData::populate(&store).expect("demo data");
        // Operations that read a sent mailing need one first.
        if op.starts_with("ProcessedEmailing_")
            || op == "EmailingDestination_registerUnsubscribe"
            || op == "Account_processedEmailings"
        {
            store
                .call(
                    "Account_createEmailing",
                    &params_for("Account_createEmailing", &demo, &cfg),
                )
                .expect("mailing created");
        }
        if op == "Account_scheduledEmailings" {
            let mut settings = Params::new().with("starttime", "2030-01-01 00:00:00");
            settings.push("contenttype", "text");
            store
                .call(
                    "EmailingDocument_createEmailing",
                    &p().with("id", demo.emailing_document)
                        .with("profile", demo.profiles[0])
                        .with("emailingsettings", settings),
                )
                .expect("scheduled");
        }
        // Through XML and back, as a SOAP layer working on raw XML would pass them.
        let built = params_for(&op, &demo, &cfg);
        let wire = format!(
            "<ns:{op} xmlns:ns=\"https://soap.copernica.com/\">{}</ns:{op}>",
            xml::params_to_xml("parameters", &built)
        );
        let params = xml::params_from_xml(&wire).unwrap_or_else(|e| panic!("{op}: {e}"));
        let mut ctx = CallContext::default();
        let result = store
            .call_in(&op, &params, &mut ctx)
            .unwrap_or_else(|e| panic!("{op} failed: {e}"));
        if EMPTY_RESULT_OPS.contains(&op.as_str()) {
            assert_eq!(result, MockResult::Empty, "{op}");
        } else {
            assert_ne!(result, MockResult::Empty, "{op} returned an empty result");
            if let MockResult::Paged { items, total, .. } = &result {
                assert!(
                    *total > 0 && !items.is_empty(),
                    "{op} returned an empty page"
                );
            }
        }
        if op == "login" {
            assert!(ctx.new_session.is_some());
        }
        // The XML form of the result conforms to the WSDL's Result type.
        let out = format!("<result>{}</result>", xml::result_to_xml(&result));
        let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{op}: {e}\n{out}"));
        schema.check_result(&op, doc.root_element());
    }
}

/// Member sequences of the WSDL's complex types, for checking written XML.
struct Schema {
    types: std::collections::BTreeMap<String, Vec<(String, String)>>,
}

impl Schema {
    fn load() -> Schema {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/copernica/copernica-rpc.wsdl");
        let text = std::fs::read_to_string(path).expect("fixture readable");
        let doc = roxmltree::Document::parse(&text).expect("fixture parses");
        let mut types = std::collections::BTreeMap::new();
        for ct in doc.descendants().filter(|n| n.has_tag_name("complexType")) {
            let Some(name) = ct.attribute("name") else {
                continue;
            };
            let members = ct
                .descendants()
                .filter(|n| n.has_tag_name("element"))
                .filter_map(|e| {
                    let t = e.attribute("type")?;
                    Some((
                        e.attribute("name")?.to_owned(),
                        t.rsplit(':').next()?.to_owned(),
                    ))
                })
                .collect();
            types.insert(name.to_owned(), members);
        }
        Schema { types }
    }

    fn check_result(&self, op: &str, node: roxmltree::Node<'_, '_>) {
        let names: Vec<&str> = node
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        let paged = names.first() == Some(&"start");
        assert!(
            paged || names.len() <= 1,
            "{op}: more than one choice in Result: {names:?}"
        );
        if paged {
            assert!(
                names == ["start", "length", "total", "items"]
                    || names == ["start", "length", "total", "allproperties", "items"],
                "{op}: paged sequence {names:?}"
            );
        }
        self.check(op, "Result", node);
    }

    fn check(&self, op: &str, type_name: &str, node: roxmltree::Node<'_, '_>) {
        let members = &self.types[type_name];
        let mut pos = 0;
        for child in node.children().filter(|n| n.is_element()) {
            let name = child.tag_name().name();
            let i = members[pos..]
                .iter()
                .position(|(m, _)| m == name)
                .map(|i| i + pos)
                .unwrap_or_else(|| panic!("{op}: <{name}> unknown or out of order in {type_name}"));
            pos = i; // the same member may repeat
            let member_type = &members[i].1;
            if self.types.contains_key(member_type) {
                self.check(op, member_type, child);
            } else {
                assert!(
                    !child.children().any(|n| n.is_element()),
                    "{op}: {name} must be simple"
                );
                let text = child.text().unwrap_or("");
                let ok = match member_type.as_str() {
                    "int" | "integer" => text.parse::<i64>().is_ok(),
                    "boolean" => matches!(text, "true" | "false" | "1" | "0"),
                    "float" => text.parse::<f64>().is_ok(),
                    "timestamp" => parse_timestamp(text).is_some() && text.len() == 19,
                    _ => true,
                };
                assert!(
                    ok,
                    "{op}: {type_name}.{name} = {text:?} is not a valid {member_type}"
                );
            }
        }
    }
}

#[test]
fn unknown_operation_and_missing_parameters_are_faults() {
    let s = store();
    assert_eq!(
        s.call("Database_explode", &p()),
        Err(MockFault::UnknownOperation("Database_explode".into()))
    );
    let err = s.call("Account_createDatabase", &p()).unwrap_err();
    assert!(matches!(err, MockFault::MissingParameter { ref name, .. } if name == "name"));
    let err = s
        .call("Database_retrieve", &p().with("id", "abc"))
        .unwrap_err();
    assert!(matches!(err, MockFault::InvalidParameter { .. }));
    let err = s
        .call("Database_retrieve", &p().with("id", "99"))
        .unwrap_err();
    assert_eq!(err.to_string(), "No database with id 99");
}

#[test]
fn authentication_rules() {
    let s = store();
    let cfg = s.config();
    // No credentials at all.
    let err = s.call("Account_databases", &Params::new()).unwrap_err();
    assert_eq!(err, MockFault::NotLoggedOn);
    assert_eq!(err.to_string(), "Not logged on");
    // Wrong token.
    let bad = Params::new().with("access_token", "nope");
    assert_eq!(
        s.call("Account_databases", &bad),
        Err(MockFault::NotLoggedOn)
    );
    // Access token works.
    assert!(s.call("Account_databases", &p()).is_ok());
    // Session login through the operation, then the cookie.
    let mut ctx = CallContext::default();
    let login = Params::new()
        .with("username", cfg.user.as_str())
        .with("password", cfg.password.as_str());
    assert_eq!(s.call_in("LOGIN", &login, &mut ctx), Ok(MockResult::Empty));
    let session = ctx.new_session.clone().expect("session id");
    let mut with_cookie = CallContext::with_session(session.clone());
    assert!(s
        .call_in("Account_databases", &Params::new(), &mut with_cookie)
        .is_ok());
    // Expired session.
    assert!(s.drop_session(&session));
    assert_eq!(
        s.call_in("Account_databases", &Params::new(), &mut with_cookie),
        Err(MockFault::NotLoggedOn)
    );
    // Bad password, bad account.
    let wrong = Params::new()
        .with("username", cfg.user.as_str())
        .with("password", "x");
    assert_eq!(s.call("login", &wrong), Err(MockFault::LoginFailed));
    assert_eq!(
        s.login(&cfg.user, &cfg.password, Some("other-account")),
        Err(MockFault::LoginFailed)
    );
    // The deprecated `login` parameter on an ordinary call.
    let inline = Params::new().with(
        "login",
        Params::new()
            .with("username", cfg.user.as_str())
            .with("account", cfg.account.as_str())
            .with("password", cfg.password.as_str()),
    );
    assert!(s.call("Account_databases", &inline).is_ok());
    // Revoked token.
    assert!(s.revoke_access_token(TOKEN));
    assert_eq!(
        s.call("Account_databases", &p()),
        Err(MockFault::NotLoggedOn)
    );
    // Typed login by e-mail address.
    let sid = s
        .login(&format!("{}@example.com", cfg.user), &cfg.password, None)
        .unwrap();
    assert!(s.has_session(&sid));
}

fn profile_ids(r: &MockResult) -> Vec<u64> {
    match r {
        MockResult::Paged {
            items: Items::Profile(v),
            ..
        } => v.iter().map(|p| p.id).collect(),
        other => panic!("not a profile page: {other:?}"),
    }
}

fn paged_numbers(r: &MockResult) -> (usize, usize, usize) {
    match r {
        MockResult::Paged {
            start,
            length,
            total,
            ..
        } => (*start, *length, *total),
        other => panic!("not paged: {other:?}"),
    }
}

#[test]
fn search_operators_and_paging_over_ten_thousand_profiles() {
    let s = store();
    let db = s.create_database("big").unwrap().id;
    s.create_field(db, FieldDef::new("n", "integer")).unwrap();
    s.create_field(db, FieldDef::new("name", "text")).unwrap();
    s.create_field(db, FieldDef::new("city", "text")).unwrap();
    let cities = ["Amsterdam", "Utrecht", "Rotterdam", "den Haag"];
    for i in 0..10_000u32 {
        let n = i.to_string();
        let name = format!("Person{i:05}");
        s.create_profile(
            db,
            &[("n", &n), ("name", &name), ("city", cities[i as usize % 4])],
        )
        .unwrap();
    }
    assert_eq!(s.count_profiles(db).unwrap(), 10_000);

    let search = |reqs: &[Requirement], extra: Params| -> MockResult {
        let mut params = p()
            .with("id", db)
            .with("requirements", requirements_value(reqs));
        for (k, v) in extra.entries() {
            params.push(k.clone(), v.clone());
        }
        s.call("Database_searchProfiles", &params).unwrap()
    };
    let total = |reqs: &[Requirement]| paged_numbers(&search(reqs, Params::new())).2;

    assert_eq!(total(&[]), 10_000);
    assert_eq!(total(&[Requirement::eq("n", "42")]), 1);
    assert_eq!(total(&[Requirement::new("n", "<", "100")]), 100);
    assert_eq!(total(&[Requirement::new("n", "<=", "100")]), 101);
    assert_eq!(total(&[Requirement::new("n", ">", "9899")]), 100);
    assert_eq!(total(&[Requirement::new("n", ">=", "9899")]), 101);
    assert_eq!(total(&[Requirement::new("n", "!=", "5")]), 9_999);
    assert_eq!(total(&[Requirement::new("n", "<>", "5")]), 9_999);
    // Numeric, not textual, comparison: "10" > "9".
    assert_eq!(
        total(&[
            Requirement::new("n", ">", "9"),
            Requirement::new("n", "<", "11")
        ]),
        1
    );
    // Case-insensitive by default, sensitive on request.
    assert_eq!(total(&[Requirement::eq("city", "amsterdam")]), 2_500);
    let mut cs = Requirement::eq("city", "amsterdam");
    cs.casesensitive = true;
    assert_eq!(total(&[cs]), 0);
    assert_eq!(total(&[Requirement::new("city", "LIKE", "%dam")]), 5_000);
    assert_eq!(
        total(&[Requirement::new("city", "NOT LIKE", "%dam")]),
        5_000
    );
    assert_eq!(
        total(&[Requirement::new("name", "LIKE", "Person0000_")]),
        10
    );
    assert_eq!(
        total(&[Requirement::new("city", "contains", "HAAG")]),
        2_500
    );
    // Unknown fields are skipped, not failed.
    assert_eq!(total(&[Requirement::eq("nosuchfield", "x")]), 10_000);
    // Unknown operators are a fault.
    let bad = p().with("id", db).with(
        "requirements",
        requirements_value(&[Requirement::new("n", "~", "1")]),
    );
    assert!(matches!(
        s.call("Database_searchProfiles", &bad),
        Err(MockFault::InvalidParameter { .. })
    ));

    // Paging: default page, an explicit page, past the end.
    let first = search(&[], Params::new());
    assert_eq!(paged_numbers(&first), (0, Paging::DEFAULT_LENGTH, 10_000));
    let page = search(&[], Params::new().with("start", 9_950).with("length", 100));
    assert_eq!(paged_numbers(&page), (9_950, 50, 10_000));
    let beyond = search(&[], Params::new().with("start", 20_000));
    assert_eq!(paged_numbers(&beyond), (10_000, 0, 10_000));
    // Walking all pages visits every profile exactly once.
    let mut seen = Vec::new();
    let mut start = 0;
    loop {
        let r = search(&[], Params::new().with("start", start).with("length", 1000));
        let ids = profile_ids(&r);
        if ids.is_empty() {
            break;
        }
        start += ids.len();
        seen.extend(ids);
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 10_000);

    // allproperties decides whether fields are filled.
    let lean = search(&[Requirement::eq("n", "7")], Params::new());
    let full = search(
        &[Requirement::eq("n", "7")],
        Params::new().with("allproperties", true),
    );
    match (&lean, &full) {
        (
            MockResult::Paged {
                items: Items::Profile(l),
                allproperties: false,
                ..
            },
            MockResult::Paged {
                items: Items::Profile(f),
                allproperties: true,
                ..
            },
        ) => {
            assert_eq!(l[0].fields, None);
            let fields = f[0].fields.as_ref().unwrap();
            assert!(fields.contains(&("name".to_owned(), "Person00007".to_owned())));
        }
        other => panic!("unexpected {other:?}"),
    }

    // Ordering by a field, descending.
    let ordered = search(
        &[Requirement::new("n", "<", "20")],
        Params::new()
            .with("order", "n")
            .with("asc", false)
            .with("allproperties", true),
    );
    let MockResult::Paged {
        items: Items::Profile(v),
        ..
    } = ordered
    else {
        panic!("paged expected")
    };
    let ns: Vec<String> = v
        .iter()
        .map(|p| p.fields.as_ref().unwrap()[0].1.clone())
        .collect();
    assert_eq!(ns.first().map(String::as_str), Some("19"));
    assert_eq!(ns.last().map(String::as_str), Some("0"));

    // The typed API agrees with the generic one.
    let typed = s
        .search_profiles(
            db,
            &[Requirement::eq("city", "Utrecht")],
            Paging::new(0, 10, true),
        )
        .unwrap();
    assert_eq!(typed.total, 2_500);
    assert_eq!(typed.items.len(), 10);
}

#[test]
fn create_update_remove_semantics_and_events() {
    let s = store();
    let events: Receiver<ChangeEvent> = s.subscribe();
    let d = DemoData::populate(&s).unwrap();
    // Demo setup: 3 profiles + 3 subprofiles created, 1 interest update.
    let setup: Vec<ChangeEvent> = events.try_iter().collect();
    assert_eq!(setup.len(), 7);
    assert!(setup.windows(2).all(|w| w[1].seq == w[0].seq + 1));

    // Create.
    let created = s
        .call(
            "Database_createProfile",
            &p().with("id", d.database).with(
                "fields",
                Value::map([("firstname", "Kees"), ("age", "40"), ("bogus", "x")]),
            ),
        )
        .unwrap();
    let Some(Entity::Profile(profile)) = created.entity().cloned() else {
        panic!("profile expected")
    };
    assert_eq!(profile.code.len(), 32);
    assert_eq!(profile.created, "2025-01-14 10:15:27");
    let fields = profile.fields.clone().unwrap();
    assert!(fields.contains(&("firstname".into(), "Kees".into())));
    assert!(!fields.iter().any(|(k, _)| k == "bogus"));
    let ev = events.try_recv().unwrap();
    assert_eq!(
        (ev.action, ev.kind, ev.id, ev.database),
        (
            ChangeAction::Create,
            ChangeKind::Profile,
            profile.id,
            d.database
        )
    );

    // A wrongly typed value is refused at create time and reported as false on update.
    let bad = s.call(
        "Database_createProfile",
        &p().with("id", d.database)
            .with("fields", Value::map([("age", "old")])),
    );
    assert!(matches!(bad, Err(MockFault::InvalidParameter { .. })));
    let upd = |fields: Value| {
        s.call(
            "Profile_updateFields",
            &p().with("id", profile.id).with("fields", fields),
        )
        .unwrap()
    };
    assert_eq!(
        upd(Value::map([("age", "old")])),
        MockResult::Value(String::new())
    );
    assert!(events.try_recv().is_err(), "no event for a refused update");

    // Update: only changed fields are reported; modified moves with the clock.
    s.set_time(1_736_849_827);
    assert_eq!(
        upd(Value::map([("age", "41"), ("firstname", "Kees")])),
        MockResult::Value("1".into())
    );
    let ev = events.try_recv().unwrap();
    assert_eq!(ev.action, ChangeAction::Update);
    assert_eq!(ev.updated, vec![("age".to_owned(), "41".to_owned())]);
    assert_eq!(ev.timestamp, "2025-01-14 10:17:07");
    let again = s.profile(profile.id).unwrap();
    assert_eq!(again.modified, "2025-01-14 10:17:07");
    assert_eq!(again.created, "2025-01-14 10:15:27");
    // An update that changes nothing emits nothing.
    upd(Value::map([("age", "41")]));
    assert!(events.try_recv().is_err());

    // Subprofile create/update/remove.
    let sub = s
        .call(
            "Profile_createSubProfile",
            &p().with("id", profile.id)
                .with("collection", Params::new().with("name", "orders"))
                .with(
                    "fields",
                    Value::map([("ordernumber", "SO-77"), ("amount", "12.5")]),
                ),
        )
        .unwrap();
    let Some(Entity::SubProfile(sub)) = sub.entity().cloned() else {
        panic!("subprofile expected")
    };
    let ev = events.try_recv().unwrap();
    assert_eq!(
        (ev.kind, ev.collection, ev.profile),
        (ChangeKind::SubProfile, Some(d.collection), Some(profile.id))
    );
    assert!(s
        .update_subprofile_fields(sub.id, &[("amount", "13")])
        .unwrap());
    assert_eq!(
        events.try_recv().unwrap().updated,
        vec![("amount".to_owned(), "13".to_owned())]
    );

    // Removing the profile removes its subprofile first, each with a delete event.
    assert_eq!(
        s.call("Profile_remove", &p().with("id", profile.id))
            .unwrap(),
        MockResult::Value("1".into())
    );
    let a = events.try_recv().unwrap();
    let b = events.try_recv().unwrap();
    assert_eq!(
        (a.kind, a.action, a.id),
        (ChangeKind::SubProfile, ChangeAction::Delete, sub.id)
    );
    assert_eq!(
        (b.kind, b.action, b.id),
        (ChangeKind::Profile, ChangeAction::Delete, profile.id)
    );
    assert!(
        b.fields.contains(&("age".into(), "41".into())),
        "delete carries the last values"
    );
    assert!(matches!(
        s.call("Profile_retrieve", &p().with("id", profile.id.to_string())),
        Err(MockFault::NotFound {
            object: "profile",
            ..
        })
    ));

    // Lookups by identifier return the empty result when missing.
    assert_eq!(
        s.call("Account_database", &p().with("identifier", "nope"))
            .unwrap(),
        MockResult::Empty
    );
    assert_eq!(
        s.call(
            "Database_collection",
            &p().with("id", d.database).with("identifier", "nope")
        )
        .unwrap(),
        MockResult::Empty
    );

    // Field names must be identifiers and unique across fields, interests, collections.
    for name in ["firstname", "football", "orders", "1abc", "with space"] {
        assert!(
            s.call(
                "Database_createField",
                &p().with("id", d.database).with("name", name)
            )
            .is_err(),
            "{name} accepted"
        );
    }
    // Only one email field per database.
    assert!(matches!(
        s.call(
            "Database_createField",
            &p().with("id", d.database)
                .with("name", "email2")
                .with("type", "email")
        ),
        Err(MockFault::Conflict(_))
    ));
    // Renaming a field keeps the values under the new name.
    s.call(
        "Field_update",
        &p().with("id", d.field_firstname.to_string())
            .with("name", "givenname"),
    )
    .unwrap();
    let fields = s.profile(d.profiles[1]).unwrap().fields.unwrap();
    assert!(fields.contains(&("givenname".into(), "Jan".into())));

    // Database_updateProfiles with create=true creates from requirements + fields.
    let r = s
        .call(
            "Database_updateProfiles",
            &p().with("id", d.database)
                .with(
                    "requirements",
                    requirements_value(&[Requirement::eq("email", "new@example.com")]),
                )
                .with("fields", Value::map([("city", "Leiden")]))
                .with("create", true)
                .with("allproperties", true),
        )
        .unwrap();
    let MockResult::Paged {
        items: Items::Profile(v),
        total: 1,
        ..
    } = r
    else {
        panic!("one created profile expected: {r:?}")
    };
    let f = v[0].fields.clone().unwrap();
    assert!(f.contains(&("email".into(), "new@example.com".into())));
    assert!(f.contains(&("city".into(), "Leiden".into())));

    // Database_remove cascades.
    s.call("Database_remove", &p().with("id", d.database))
        .unwrap();
    assert!(s
        .call(
            "Collection_retrieve",
            &p().with("id", d.collection.to_string())
        )
        .is_err());
    assert!(s.subprofile(d.subprofiles[0]).is_err());
}

#[test]
fn views_miniviews_and_mailings() {
    let s = store();
    let d = DemoData::populate(&s).unwrap();
    let view = |id: u64| match s
        .call("View_retrieve", &p().with("id", id.to_string()))
        .unwrap()
    {
        MockResult::Entity(Entity::View(v)) => v,
        other => panic!("{other:?}"),
    };
    // amsterdam: Zoë (34) and Piet (19); adults inside it: Zoë only.
    assert_eq!(view(d.view).countprofiles, 2);
    assert_eq!(view(d.nested_view).countprofiles, 1);
    let mv = s
        .call("Collection_miniViews", &p().with("id", d.collection))
        .unwrap();
    let MockResult::Paged {
        items: Items::Miniview(m),
        ..
    } = mv
    else {
        panic!()
    };
    assert_eq!(m[0].countsubprofiles, 2, "orders above 100");

    // A mailing to the view reaches its two profiles.
    let r = s
        .call(
            "EmailingDocument_createEmailing",
            &p().with("id", d.emailing_document)
                .with("view", d.view)
                .with(
                    "emailingsettings",
                    Params::new().with("contenttype", "html"),
                ),
        )
        .unwrap();
    let Some(Entity::ProcessedEmailing(e)) = r.entity().cloned() else {
        panic!("{r:?}")
    };
    let stats = s
        .call("ProcessedEmailing_statistics", &p().with("id", e.id))
        .unwrap();
    let Some(Entity::EmailingStatistics(st)) = stats.entity().cloned() else {
        panic!()
    };
    assert_eq!((st.delivered, st.destinationcount), (2, 2));
    assert_eq!(s.stats(2025, 1).sentemail, 2);

    // Unsubscribe with behaviour `update` writes the unsubscribe values.
    s.call(
        "Database_update",
        &p().with("id", d.database.to_string())
            .with("unsubscribebehavior", "update"),
    )
    .unwrap();
    s.call(
        "Database_setUnsubscribeValues",
        &p().with("id", d.database)
            .with("fields", Value::map([("city", "unsubscribed")])),
    )
    .unwrap();
    s.call(
        "EmailingDestination_registerUnsubscribe",
        &p().with("id", "1")
            .with("timestamp", "2025-01-14 10:20:00")
            .with("source", "mailing")
            .with("execute", true),
    )
    .unwrap();
    let values = s
        .call("Profile_fields", &p().with("id", d.profiles[0]))
        .unwrap();
    let MockResult::Map(m) = values else { panic!() };
    assert!(m.contains(&("city".into(), "unsubscribed".into())));
    assert_eq!(view(d.view).countprofiles, 1, "the view is re-evaluated");

    // Conditions: Logs has no structure; unknown types fail.
    assert!(s
        .call(
            "Rule_createCondition",
            &p().with("id", d.rule).with("type", "Logs")
        )
        .is_err());
    assert!(s
        .call(
            "Rule_createCondition",
            &p().with("id", d.rule).with("type", "Nope")
        )
        .is_err());
    let c = s
        .call(
            "Rule_createCondition",
            &p().with("id", d.rule).with("type", "Interest"),
        )
        .unwrap();
    assert_eq!(c.entity().unwrap().element_name(), "interestcondition");
}

#[test]
fn concurrent_writers_lose_nothing() {
    let s = store();
    let db = s.create_database("load").unwrap().id;
    s.create_field(db, FieldDef::new("thread", "integer"))
        .unwrap();
    s.create_field(db, FieldDef::new("counter", "integer"))
        .unwrap();
    let events = s.subscribe();
    const THREADS: usize = 8;
    const PER_THREAD: usize = 250;
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let s = s.clone();
            std::thread::spawn(move || {
                let mut ids = Vec::new();
                for i in 0..PER_THREAD {
                    let fields =
                        Value::map([("thread", t.to_string()), ("counter", i.to_string())]);
                    let r = if i % 2 == 0 {
                        s.call(
                            "Database_createProfile",
                            &p().with("id", db).with("fields", fields),
                        )
                        .unwrap()
                        .entity()
                        .and_then(|e| match e {
                            Entity::Profile(p) => Some(p.id),
                            _ => None,
                        })
                    } else {
                        let tf = t.to_string();
                        let cf = i.to_string();
                        s.create_profile(db, &[("thread", &tf), ("counter", &cf)])
                            .ok()
                            .map(|p| p.id)
                    };
                    ids.push(r.expect("profile id"));
                }
                ids
            })
        })
        .collect();
    let mut all: Vec<u64> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("thread"))
        .collect();
    assert_eq!(all.len(), THREADS * PER_THREAD);
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), THREADS * PER_THREAD, "ids are unique");
    assert_eq!(s.count_profiles(db).unwrap(), (THREADS * PER_THREAD) as u64);
    for t in 0..THREADS {
        let page = s
            .search_profiles(
                db,
                &[Requirement::eq("thread", &t.to_string())],
                Paging::new(0, 1, false),
            )
            .unwrap();
        assert_eq!(page.total, PER_THREAD);
    }
    let seqs: Vec<u64> = events.try_iter().map(|e| e.seq).collect();
    assert_eq!(seqs.len(), THREADS * PER_THREAD);
    assert!(
        seqs.windows(2).all(|w| w[1] == w[0] + 1),
        "events in commit order, no gaps"
    );

    // Concurrent updates of one profile: each writer's last value lands, none is lost.
    let target = all[0];
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let s = s.clone();
            std::thread::spawn(move || {
                for i in 0..50 {
                    let v = (t * 1000 + i).to_string();
                    assert!(s.update_profile_fields(target, &[("counter", &v)]).unwrap());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    let counter = s.profile(target).unwrap().fields.unwrap()[1].1.clone();
    let n: usize = counter.parse().unwrap();
    assert_eq!(n % 1000, 49, "the final value is some writer's last write");
}

#[test]
fn callbacks_registry_selects_by_owner_and_action() {
    let s = store();
    let d = DemoData::populate(&s).unwrap();
    let coll_cb = s
        .create_callback(
            CallbackOwner::Collection(d.collection),
            "https://e.example/sub",
            None,
            Some("xml"),
        )
        .unwrap();
    let only_delete = s
        .create_callback(
            CallbackOwner::Database(d.database),
            "https://e.example/del",
            None,
            None,
        )
        .unwrap();
    s.configure_callback(only_delete.id, Some("delete"), false)
        .unwrap();
    let events = s.subscribe();
    s.update_profile_fields(d.profiles[1], &[("city", "Gouda")])
        .unwrap();
    let ev = events.try_recv().unwrap();
    let ids: Vec<u64> = s.callbacks_for(&ev).iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![d.callback]);
    s.remove_profile(d.profiles[1]).unwrap();
    let sub_delete = events.try_recv().unwrap();
    assert_eq!(
        s.callbacks_for(&sub_delete)
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        vec![coll_cb.id]
    );
    let prof_delete = events.try_recv().unwrap();
    assert_eq!(
        s.callbacks_for(&prof_delete)
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        vec![d.callback, only_delete.id]
    );
    // Listing through the API.
    let r = s
        .call("Database_callbacks", &p().with("id", d.database))
        .unwrap();
    assert_eq!(paged_numbers(&r).2, 2);
    assert!(s
        .call(
            "Database_createCallback",
            &p().with("id", d.database)
                .with("url", "https://x")
                .with("method", "yaml")
        )
        .is_err());
}
