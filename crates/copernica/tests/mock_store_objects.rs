//! Object-level semantics of the mock store beyond the basics: copies, moves, web
//! sessions, documents and files, mailings and statistics.

use copernica::mock::demo::DemoData;
use copernica::mock::*;

const TOKEN: &str = "objects-token";

fn setup() -> (Store, DemoData) {
    let store = Store::new(MockConfig {
        access_token: TOKEN.to_owned(),
        clock: Clock::Fixed(1_736_849_727), // 2025-01-14 10:15:27
        ..MockConfig::default()
    });
    let demo = DemoData::populate(&store).expect("demo data");
    (store, demo)
}

fn p() -> Params {
    Params::new().with("access_token", TOKEN)
}

fn entity(r: Result<MockResult, MockFault>) -> Entity {
    match r {
        Ok(MockResult::Entity(e)) => e,
        other => panic!("entity expected, got {other:?}"),
    }
}

fn total(r: &MockResult) -> usize {
    match r {
        MockResult::Paged { total, .. } => *total,
        other => panic!("paged expected, got {other:?}"),
    }
}

#[test]
fn database_copy_copies_structure_and_chosen_content() {
    let (s, d) = setup();
    let structure_only = entity(s.call(
        "Database_copy",
        &p().with("id", d.database).with("target", "skeleton"),
    ));
    let Entity::Database(skeleton) = structure_only else {
        panic!()
    };
    assert_eq!(skeleton.name, "skeleton");
    assert_eq!(skeleton.countprofiles, 0);
    let fields = s
        .call("Database_fields", &p().with("id", skeleton.id))
        .unwrap();
    assert_eq!(total(&fields), 5);
    assert_eq!(
        total(
            &s.call("Database_interests", &p().with("id", skeleton.id))
                .unwrap()
        ),
        2
    );
    assert_eq!(
        total(
            &s.call("Database_collections", &p().with("id", skeleton.id))
                .unwrap()
        ),
        1
    );
    assert!(s
        .call("Database_views", &p().with("id", skeleton.id))
        .is_ok_and(|r| total(&r) == 0));

    let Entity::Database(full) = entity(s.call(
        "Database_copy",
        &p().with("id", d.database).with(
            "options",
            Value::items(["profiles", "subprofiles", "views"]),
        ),
    )) else {
        panic!()
    };
    assert_eq!(full.name, "demo_copy");
    assert_eq!(full.countprofiles, 3);
    let views = s.call("Database_views", &p().with("id", full.id)).unwrap();
    let MockResult::Paged {
        items: Items::View(v),
        ..
    } = views
    else {
        panic!()
    };
    assert_eq!((v[0].name.as_str(), v[0].countprofiles), ("amsterdam", 2));
    let nested = s.call("View_views", &p().with("id", v[0].id)).unwrap();
    assert_eq!(total(&nested), 1);
    // Interests travel with the profiles.
    let zoe = s
        .search_profiles(
            full.id,
            &[Requirement::eq("firstname", "Zoë")],
            Paging::new(0, 1, true),
        )
        .unwrap();
    assert!(zoe.items[0]
        .interests
        .as_ref()
        .unwrap()
        .contains(&("football".to_owned(), "1".to_owned())));
    let Entity::Collection(orders) = entity(s.call(
        "Database_collection",
        &p().with("id", full.id).with("identifier", "orders"),
    )) else {
        panic!()
    };
    assert_eq!(orders.countsubprofiles, 3);
    // Unknown copy options are refused.
    assert!(s
        .call(
            "Database_copy",
            &p().with("id", d.database)
                .with("options", Value::items(["everything"]))
        )
        .is_err());
}

#[test]
fn view_and_rule_copies() {
    let (s, d) = setup();
    let Entity::View(copy) =
        entity(s.call("View_copy", &p().with("id", d.view).with("name", "adam2")))
    else {
        panic!()
    };
    assert_eq!(copy.name, "adam2");
    assert_eq!(copy.countprofiles, 2, "rules and conditions are copied");
    assert_eq!(
        total(&s.call("View_rules", &p().with("id", copy.id)).unwrap()),
        1
    );
    // Two `view` elements: the new view's name, then the parent.
    let Entity::View(child) = entity(
        s.call(
            "View_copy",
            &p().with("id", d.nested_view)
                .with("view", Params::new().with("name", "grown-ups"))
                .with("view", Params::new().with("id", copy.id)),
        ),
    ) else {
        panic!()
    };
    assert_eq!(child.name, "grown-ups");
    let children = s.call("View_views", &p().with("id", copy.id)).unwrap();
    assert_eq!(total(&children), 1);
    let Entity::Database(db) = entity(s.call("View_database", &p().with("id", child.id))) else {
        panic!()
    };
    assert_eq!(db.id, d.database);
    // Rule_copy into another view; MiniRule_copy stays a minirule.
    let Entity::Rule(r) = entity(
        s.call(
            "Rule_copy",
            &p().with("id", d.rule)
                .with("name", "again")
                .with("view", Params::new().with("id", child.id)),
        ),
    ) else {
        panic!()
    };
    assert_eq!(r.name, "again");
    assert_eq!(
        total(&s.call("View_rules", &p().with("id", child.id)).unwrap()),
        2
    );
    let mr = entity(s.call(
        "MiniRule_copy",
        &p().with("id", d.minirule).with("name", "m2"),
    ));
    assert_eq!(mr.element_name(), "minirule");
    // A rule id is not a minirule id.
    assert!(s
        .call("MiniRule_copy", &p().with("id", d.rule).with("name", "x"))
        .is_err());
}

#[test]
fn profile_and_subprofile_moves() {
    let (s, d) = setup();
    let (zoe, jan, piet) = (d.profiles[0], d.profiles[1], d.profiles[2]);
    // SubProfile_moveToProfile: to a profile of the same database only.
    let moved = s.call(
        "SubProfile_moveToProfile",
        &p().with("id", d.subprofiles[0])
            .with("profile", Params::new().with("id", jan)),
    );
    assert_eq!(moved.unwrap(), MockResult::Value("1".into()));
    let search = |profile: u64| {
        s.call(
            "Profile_searchSubProfiles",
            &p().with("id", profile)
                .with("collection", Params::new().with("id", d.collection))
                .with("requirements", requirements_value(&[])),
        )
        .unwrap()
    };
    assert_eq!(total(&search(jan)), 2);
    assert_eq!(total(&search(zoe)), 1);
    let other_db = s.create_database("other").unwrap().id;
    let stranger = s.create_profile(other_db, &[]).unwrap().id;
    assert_eq!(
        s.call(
            "SubProfile_moveToProfile",
            &p().with("id", d.subprofiles[0])
                .with("profile", Params::new().with("id", stranger)),
        )
        .unwrap(),
        MockResult::Value(String::new())
    );
    // Profile_move merges: subprofiles go to the target, the source disappears.
    assert_eq!(
        s.call(
            "Profile_move",
            &p().with("id", zoe)
                .with("profile", Params::new().with("id", piet))
        )
        .unwrap(),
        MockResult::Value("1".into())
    );
    assert!(s.profile(zoe).is_err());
    assert_eq!(total(&search(piet)), 1);
    // Miniview restriction in Profile_searchSubProfiles.
    let big = s
        .call(
            "Profile_searchSubProfiles",
            &p().with("id", jan)
                .with("miniview", Params::new().with("id", d.miniview))
                .with("requirements", requirements_value(&[])),
        )
        .unwrap();
    assert_eq!(
        total(&big),
        2,
        "SO-1 (120.50) and SO-3 (199) of Jan are above 100"
    );
}

#[test]
fn web_sessions_documents_and_files() {
    let (s, d) = setup();
    let who = |op: &str, id: &str| s.call(op, &p().with("id", id)).unwrap();
    assert!(matches!(
        who("WebSession_profile", &d.web_session),
        MockResult::Entity(Entity::Profile(_))
    ));
    assert_eq!(
        who("WebSession_subProfile", &d.web_session),
        MockResult::Empty
    );
    assert!(matches!(
        who("WebSession_loggedOn", &d.web_session_sub),
        MockResult::Entity(Entity::SubProfile(_))
    ));
    assert_eq!(
        who("WebSession_loggedOn", "unknown-session"),
        MockResult::Empty
    );

    // File on a web document vs. an e-mail document.
    let file = |doc: u64| {
        entity(
            s.call(
                "WebDocument_createFile",
                &p().with("id", doc)
                    .with(
                        "filedata",
                        Params::new()
                            .with("name", "a.txt")
                            .with("data", "aGVsbG8gd29ybGQ="),
                    )
                    .with("metadata", Value::map([("k", "v")])),
            ),
        )
    };
    let Entity::WebDocumentFile(f) = file(d.web_document) else {
        panic!()
    };
    assert_eq!((f.size, f.name.as_str()), (11, "a.txt"));
    assert!(matches!(
        file(d.emailing_document),
        Entity::EmailingDocumentFile(_)
    ));
    assert!(s
        .call(
            "WebDocument_createFile",
            &p().with("id", d.web_document)
                .with("filedata", Params::new().with("data", "!!"))
                .with("metadata", Value::map([("k", "v")])),
        )
        .is_err());

    // Templates behind documents.
    assert_eq!(
        entity(s.call("WebDocument_template", &p().with("id", d.web_document))).element_name(),
        "webtemplate"
    );
    assert_eq!(
        entity(s.call("WebDocument_template", &p().with("id", d.emailing_document))).element_name(),
        "emailingtemplate"
    );
    let docs = s
        .call(
            "EmailingTemplate_documents",
            &p().with("id", d.emailing_template),
        )
        .unwrap();
    assert_eq!(total(&docs), 1);
    // Follow-up actions.
    let Entity::ModifyAction(m) =
        entity(s.call("DocumentFollowUp_action", &p().with("id", d.followup)))
    else {
        panic!()
    };
    assert_eq!(m.fields, vec![("city".to_owned(), "Opened".to_owned())]);
    // PDF template properties by name; a missing one is the empty result.
    assert_eq!(
        s.call(
            "PdfTemplate_property",
            &p().with("id", d.pdf_template).with("name", "nope")
        )
        .unwrap(),
        MockResult::Empty
    );
    // Account_user checks the password when given.
    assert_eq!(
        s.call(
            "Account_user",
            &p().with("identifier", "editor").with("password", "wrong")
        )
        .unwrap(),
        MockResult::Empty
    );
    assert!(matches!(
        entity(s.call(
            "Account_user",
            &p().with("identifier", "editor@example.com")
        )),
        Entity::User(_)
    ));
}

#[test]
fn mailings_schedules_and_statistics() {
    let (s, d) = setup();
    let send = |settings: Params, target: (&str, u64)| {
        entity(
            s.call(
                "EmailingDocument_createEmailing",
                &p().with("id", d.emailing_document)
                    .with(target.0, target.1)
                    .with("emailingsettings", settings),
            ),
        )
    };
    let later = Params::new()
        .with("starttime", "2025-02-01 09:00:00")
        .with("dateinterval", "P1W");
    let Entity::ScheduledEmailing(sched) = send(later, ("database", d.database)) else {
        panic!()
    };
    assert_eq!(sched.nextstarttime.as_deref(), Some("2025-02-01 09:00:00"));
    assert!(sched.active && !sched.individual);
    let Entity::ProcessedEmailing(now) =
        send(Params::new().with("test", true), ("profile", d.profiles[0]))
    else {
        panic!()
    };
    assert!(now.individual && now.test);
    // Exactly one target is required.
    assert!(s
        .call(
            "EmailingDocument_createEmailing",
            &p().with("id", d.emailing_document)
                .with("profile", d.profiles[0])
                .with("database", d.database)
                .with("emailingsettings", Params::new()),
        )
        .is_err());

    let list = |op: &str, extra: Params| {
        let mut params = p();
        for (k, v) in extra.entries() {
            params.push(k.clone(), v.clone());
        }
        total(&s.call(op, &params).unwrap())
    };
    assert_eq!(list("Account_scheduledEmailings", Params::new()), 1);
    assert_eq!(
        list(
            "Account_scheduledEmailings",
            Params::new().with("active", "no")
        ),
        0
    );
    assert_eq!(
        list(
            "Account_processedEmailings",
            Params::new().with("test", "yes")
        ),
        1
    );
    assert_eq!(
        list(
            "Account_processedEmailings",
            Params::new().with("type", "mass")
        ),
        0
    );
    assert_eq!(
        list(
            "Account_processedEmailings",
            Params::new().with("search", Value::map([("subject", "january")]))
        ),
        1
    );

    // Statistics: the account sums its mailings; SMS parts are counted.
    let Entity::EmailingStatistics(es) = entity(s.call("Account_emailingStatistics", &p())) else {
        panic!()
    };
    assert_eq!(es.delivered, 1);
    s.call(
        "Account_sendSms",
        &p().with("number", "+31612345678")
            .with("text", "x".repeat(200)),
    )
    .unwrap();
    let Entity::SmsStatistics(sms) = entity(s.call("Account_smsStatistics", &p())) else {
        panic!()
    };
    assert_eq!(sms.succes_count, 2);
    let Entity::EnvironmentStatistics(env) =
        entity(s.call("Account_stats", &p().with("year", 2025).with("month", 1)))
    else {
        panic!()
    };
    assert_eq!((env.sentemail, env.sentsms), (1, 2));
    assert!(env.apicalls >= 9, "every authenticated call is counted");
    let Entity::EnvironmentStatistics(year) =
        entity(s.call("Account_stats", &p().with("year", 2025)))
    else {
        panic!()
    };
    assert_eq!((year.month, year.sentemail), (0, 1));
    assert!(s
        .call("Account_stats", &p().with("year", 2025).with("month", 13))
        .is_err());

    // Access keys are unique strings tied to a sent mailing.
    let k1 = s
        .call("ProcessedEmailing_createAccessKey", &p().with("id", now.id))
        .unwrap();
    let k2 = s
        .call("ProcessedEmailing_createAccessKey", &p().with("id", now.id))
        .unwrap();
    assert_ne!(k1, k2);
    assert!(s
        .call(
            "ProcessedEmailing_createAccessKey",
            &p().with("id", sched.id)
        )
        .is_err());
}

#[test]
fn parameter_shapes_from_other_layers_are_accepted() {
    let (s, d) = setup();
    // Map as a plain struct and requirements as a list: both are read.
    let r = s
        .call(
            "Database_updateProfiles",
            &p().with("id", d.database)
                .with(
                    "requirements",
                    Value::List(vec![Requirement::eq("city", "Utrecht").to_value()]),
                )
                .with("fields", Params::new().with("lastname", "Janssen"))
                .with("interests", Params::new().with("tennis", "1")),
        )
        .unwrap();
    assert_eq!(total(&r), 1);
    let jan = s.profile(d.profiles[1]).unwrap();
    assert!(jan
        .fields
        .unwrap()
        .contains(&("lastname".into(), "Janssen".into())));
    assert!(jan
        .interests
        .unwrap()
        .contains(&("tennis".into(), "1".into())));
    // Nil values count as empty strings; ids may come as one comma-separated scalar.
    let nil = p().with("id", d.profiles[1]).with(
        "fields",
        Value::Struct(Params::new().with(
            "pair",
            Params::new().with("key", "city").with("value", Value::Nil),
        )),
    );
    assert_eq!(
        s.call("Profile_updateFields", &nil).unwrap(),
        MockResult::Value("1".into())
    );
    assert!(s
        .profile(d.profiles[1])
        .unwrap()
        .fields
        .unwrap()
        .contains(&("city".into(), String::new())));
    s.call(
        "Database_removeProfiles",
        &p().with("id", d.database)
            .with("ids", format!("{},{}", d.profiles[1], d.profiles[2])),
    )
    .unwrap();
    assert_eq!(s.count_profiles(d.database).unwrap(), 1);
    // Booleans in their XML spellings.
    let err = s.call(
        "Database_fields",
        &p().with("id", d.database).with("allproperties", "maybe"),
    );
    assert!(matches!(err, Err(MockFault::InvalidParameter { .. })));
}
