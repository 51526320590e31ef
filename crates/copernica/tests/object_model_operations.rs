//! Every one of the 104 operations, called through the object model against
//! the embedded mock over HTTP. A recording transport notes the SOAP action of
//! each request; the test ends by checking that all operations were sent.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use copernica::mock::demo::DemoData;
use copernica::mock::{MockServer, MockServerConfig};
use copernica::model::{self, CallbackMethod, ConditionType, CopyOption, FieldType};
use copernica::objects::{
    DatabaseUpdate, EmailingTarget, FieldSpec, FollowUp, Mailing, NewEmail, Query, SmsMailing,
    Template, WebSessionLogon,
};
use copernica::{Copernica, Fields, OPERATION_NAMES};
use futures_util::TryStreamExt;
use soapgen_runtime::soap;
use soapgen_runtime::transport::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, Transport};

/// Notes the operation name (the part of the SOAP action after `#`) of every request.
#[derive(Clone)]
struct Recorder {
    inner: Arc<HttpTransport>,
    seen: Arc<Mutex<BTreeSet<String>>>,
}

impl Transport for Recorder {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, soap::Error>> {
        if let Some(action) = &request.soap_action {
            let op = action.rsplit('#').next().unwrap_or(action).to_owned();
            self.seen.lock().unwrap().insert(op);
        }
        self.inner.send(request)
    }
}

fn id(n: u64) -> i32 {
    i32::try_from(n).expect("mock ids are small")
}

fn emailing_settings() -> model::EmailingSettings {
    model::EmailingSettings {
        contenttype: Some("html".into()),
        embeddedimages: None,
        messagesperminute: None,
        cacheexternalimages: None,
        registerimpressions: None,
        registerclicks: None,
        registererrors: None,
        registerabuses: None,
        starttime: None,
        dateinterval: None,
        iterations: None,
        description: None,
        processedmissediterations: None,
        personalized: None,
        test: Some(true),
        nodoubles: None,
    }
}

fn scheduled_settings() -> model::EmailingSettings {
    model::EmailingSettings {
        starttime: Some(model::Timestamp("2099-01-01 10:00:00".into())),
        ..emailing_settings()
    }
}

fn sms_settings() -> model::SmsMailingSettings {
    model::SmsMailingSettings {
        registerstatus: None,
        r#type: None,
        starttime: None,
        dateinterval: None,
        iterations: None,
        description: None,
        processedmissediterations: None,
        personalized: None,
        test: Some(true),
        nodoubles: None,
        messagesperminute: None,
    }
}

#[tokio::test]
async fn all_104_operations_through_the_object_model() {
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    })
    .await
    .unwrap();
    let demo = DemoData::populate(server.store()).unwrap();
    let cfg = server.store().config();
    let recorder = Recorder {
        inner: Arc::new(HttpTransport::new().unwrap()),
        seen: Arc::default(),
    };
    // Session login (operation `login`), then all other calls on this client.
    let api = Copernica::builder()
        .endpoint(server.url())
        .credentials(&cfg.user, &cfg.password, Some(&cfg.account))
        .transport(recorder.clone())
        .connect()
        .await
        .unwrap();
    assert!(api.session_id().is_some());

    // ---- Account (20) ----
    let account = api.account();
    let acc = account.retrieve(cfg.account.as_str()).await.unwrap();
    assert_eq!(acc.name.as_deref(), Some("mock"));
    let demo_db = account
        .database("demo")
        .await
        .unwrap()
        .expect("demo database");
    assert_eq!(demo_db.id(), id(demo.database));
    assert!(account.database("nope").await.unwrap().is_none());
    let dbs: Vec<_> = account.databases().try_collect().await.unwrap();
    assert!(dbs.iter().any(|d| d.name() == Some("demo")));
    let scratch = account.create_database("scratch").await.unwrap();
    assert_eq!(scratch.name(), Some("scratch"));
    let pdf = account.pdf_template("invoice").await.unwrap().expect("pdf");
    assert_eq!(pdf.id(), id(demo.pdf_template));
    let pdfs: Vec<_> = account.pdf_templates().try_collect().await.unwrap();
    assert_eq!(pdfs.len(), 1);
    let user = account
        .user(demo.user.to_string(), Some("editor-pass"))
        .await
        .unwrap()
        .expect("user with right password");
    assert_eq!(user.name(), Some("editor"));
    assert!(account
        .user(demo.user.to_string(), Some("wrong"))
        .await
        .unwrap()
        .is_none());
    let stats = account.stats(2026, None).await.unwrap();
    assert_eq!(stats.year, Some(2026));
    account.emailing_statistics(None).await.unwrap();
    account
        .sms_statistics(Some(&Fields::from([("begintime", "2000-01-01 00:00:00")])))
        .await
        .unwrap();
    let mail = NewEmail {
        address: "someone@example.com".into(),
        subject: "Hi".into(),
        html: "<p>Hi</p>".into(),
        ..NewEmail::default()
    };
    assert!(account.send_email(&mail).await.unwrap());
    assert!(account.send_sms("+31600000000", "hello").await.unwrap());
    let font = account
        .create_font(
            "Sans",
            vec![model::FileData {
                name: Some("sans.ttf".into()),
                mimetype: Some("font/ttf".into()),
                data: Some(soapgen_runtime::types::Base64Binary(b"font".to_vec())),
            }],
        )
        .await
        .unwrap();
    assert_eq!(font.name.as_deref(), Some("Sans"));
    let doc_ref = model::EmailingDocument {
        convertedid: None,
        headers: None,
        subject: None,
        fromaddress: None,
        fromaddressstatus: None,
        bccaddress: None,
        replytoaddress: None,
        textversion: None,
        useinlinestyles: None,
        temporary: None,
        id: Some(id(demo.emailing_document)),
        name: None,
        description: None,
        archived: None,
        created: None,
        modified: None,
    };
    let sent = account
        .create_emailing(
            EmailingTarget::Profile(id(demo.profiles[0])),
            Some(doc_ref),
            None,
            emailing_settings(),
        )
        .await
        .unwrap()
        .expect("a mailing");
    let Mailing::Processed(processed) = &sent else {
        panic!("expected a processed mailing, got {sent:?}");
    };
    let scheduled: Vec<_> = account
        .scheduled_emailings(None)
        .try_collect()
        .await
        .unwrap();
    assert!(scheduled.is_empty());
    let processed_list: Vec<_> = account
        .processed_emailings(None)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(processed_list.len(), 1);
    let templates: Vec<_> = account.emailing_templates().try_collect().await.unwrap();
    assert_eq!(templates.len(), 1);
    let template = account
        .emailing_template("newsletter")
        .await
        .unwrap()
        .expect("template");
    let documents: Vec<_> = account.emailing_documents().try_collect().await.unwrap();
    assert_eq!(documents.len(), 1);
    let document = account
        .emailing_document("january")
        .await
        .unwrap()
        .expect("document");

    // ---- Database (22) ----
    let db = demo_db.retrieve().await.unwrap();
    assert_eq!(db.data().and_then(|d| d.countprofiles), Some(3));
    let renamed = scratch
        .update(DatabaseUpdate {
            description: Some("temporary".into()),
            ..DatabaseUpdate::default()
        })
        .await
        .unwrap();
    assert_eq!(renamed.id(), scratch.id());
    let copy = db
        .copy("demo_copy", &[CopyOption::Structure])
        .await
        .unwrap();
    if let Some(copy) = &copy {
        assert_ne!(copy.id(), db.id());
    }
    assert!(scratch.remove().await.unwrap());
    let orders = db.collection("orders").await.unwrap().expect("orders");
    assert_eq!(orders.id(), id(demo.collection));
    let collections: Vec<_> = db.collections().try_collect().await.unwrap();
    assert_eq!(collections.len(), 1);
    let notes = db.create_collection("notes").await.unwrap();
    let age = db.field("age").await.unwrap().expect("age field");
    assert_eq!(age.id(), id(demo.field_age));
    let fields: Vec<_> = db.fields().try_collect().await.unwrap();
    assert_eq!(fields.len(), 5);
    let vip = db
        .create_field(FieldSpec::new("vip").kind(FieldType::Text).length(10))
        .await
        .unwrap();
    let newbie = db
        .create_profile([("firstname", "Nina"), ("city", "Delft")])
        .await
        .unwrap();
    let amsterdam: Vec<_> = db
        .search_profiles(&Query::new().eq("city", "Amsterdam"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(amsterdam.len(), 2);
    let updated = db
        .update_profiles(
            &Query::new().eq("city", "Delft"),
            [("vip", "yes")],
            None,
            false,
        )
        .await
        .unwrap();
    assert_eq!(updated.total, 1);
    let doomed = db.create_profile([("firstname", "Tmp")]).await.unwrap();
    assert!(db.remove_profiles(&[doomed.id()]).await.unwrap());
    let imports: Vec<_> = db.imports().try_collect().await.unwrap();
    assert_eq!(imports.len(), 1);
    assert!(db
        .set_unsubscribe_values([("vip", "unsubscribed")])
        .await
        .unwrap());
    assert_eq!(
        db.unsubscribe_values().await.unwrap().get("vip"),
        Some("unsubscribed")
    );
    let callbacks: Vec<_> = db.callbacks().try_collect().await.unwrap();
    assert_eq!(callbacks.len(), 1);
    let cb = db
        .callback(id(demo.callback))
        .await
        .unwrap()
        .expect("callback");
    assert_eq!(cb.method, Some(CallbackMethod::Json));
    db.create_callback(
        "https://hooks.example.com/b",
        None,
        Some(CallbackMethod::Xml),
    )
    .await
    .unwrap();
    let interests: Vec<_> = db.interests().try_collect().await.unwrap();
    assert_eq!(interests.len(), 2);
    let views: Vec<_> = db.views().try_collect().await.unwrap();
    assert_eq!(views.len(), 1);

    // ---- Collection (12) ----
    let orders = orders.retrieve().await.unwrap();
    assert_eq!(orders.name(), Some("orders"));
    notes.update(Some("memos"), None).await.unwrap();
    let product = orders.field("product").await.unwrap().expect("product");
    let cfields: Vec<_> = orders.fields().try_collect().await.unwrap();
    assert_eq!(cfields.len(), 3);
    let memo_text = notes
        .create_field(FieldSpec::new("text").kind(FieldType::Text))
        .await
        .unwrap();
    assert!(memo_text.id() > 0);
    let sub = orders
        .subprofile(id(demo.subprofiles[0]))
        .await
        .unwrap()
        .expect("subprofile");
    assert_eq!(sub.field("ordernumber").as_deref(), Some("SO-1"));
    let expensive: Vec<_> = orders
        .search_subprofiles(&Query::new().filter("amount", ">", "100"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(expensive.len(), 2);
    let extra = orders
        .create_subprofile(&newbie, [("ordernumber", "SO-9")])
        .await
        .unwrap();
    assert!(orders.remove_subprofiles(&[extra.id()]).await.unwrap());
    orders.unsubscribe(id(demo.subprofiles[2])).await.unwrap();
    orders
        .create_callback("https://hooks.example.com/c", Some("true"), None)
        .await
        .unwrap();
    let miniviews: Vec<_> = orders.miniviews().try_collect().await.unwrap();
    assert_eq!(miniviews.len(), 1);
    assert!(notes.remove().await.unwrap());

    // ---- Field (1), CollectionField (1) ----
    let vip = vip.update(FieldSpec::new("").length(20)).await.unwrap();
    assert_eq!(vip.name(), Some("vip"));
    let product = product
        .update(FieldSpec::new("item").kind(FieldType::Text))
        .await
        .unwrap();
    assert_eq!(product.name(), Some("item"));

    // ---- Profile (8) ----
    let zoe = api.profile(id(demo.profiles[0])).retrieve().await.unwrap();
    assert_eq!(zoe.field("city").as_deref(), Some("Amsterdam"));
    assert!(zoe.update_fields([("city", "Haarlem")]).await.unwrap());
    assert_eq!(
        zoe.load_fields().await.unwrap().get("city"),
        Some("Haarlem")
    );
    let order = zoe
        .create_subprofile(&orders, [("ordernumber", "SO-10"), ("amount", "5")])
        .await
        .unwrap();
    let mine: Vec<_> = zoe
        .search_subprofiles(&orders, &Query::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(mine.len(), 3);
    let changed = zoe
        .update_subprofiles(
            &orders,
            &Query::new().eq("ordernumber", "SO-10"),
            [("amount", "6")],
            false,
        )
        .await
        .unwrap();
    assert_eq!(changed.total, 1);
    let twin = db.create_profile([("firstname", "Twin")]).await.unwrap();
    assert!(twin.merge_into(newbie.id()).await.unwrap());
    assert!(newbie.remove().await.unwrap());

    // ---- SubProfile (5) ----
    let order = order.retrieve().await.unwrap();
    assert_eq!(order.field("amount").as_deref(), Some("6"));
    let order = order.set_code("secret-1").await.unwrap();
    assert_eq!(order.code(), Some("secret-1"));
    assert!(order.update_fields([("amount", "7")]).await.unwrap());
    assert!(order.move_to_profile(id(demo.profiles[1])).await.unwrap());
    assert!(order.remove().await.unwrap());

    // ---- View (7), Rule (2), MiniView (1), MiniRule (1) ----
    let view = api.view(id(demo.view)).retrieve().await.unwrap();
    assert_eq!(view.name(), Some("amsterdam"));
    view.update(None, Some("people in Amsterdam"))
        .await
        .unwrap();
    assert_eq!(view.database().await.unwrap().id(), db.id());
    view.copy(Some("amsterdam2"), None, None, &[])
        .await
        .unwrap();
    let in_view = view
        .update_profiles(&Query::new(), [("vip", "maybe")], None, false)
        .await
        .unwrap();
    assert!(in_view.total >= 1);
    let nested: Vec<_> = view.views().try_collect().await.unwrap();
    assert_eq!(nested.len(), 1);
    let rules: Vec<_> = view.rules().try_collect().await.unwrap();
    assert_eq!(rules.len(), 1);
    let condition = rules[0]
        .create_condition(ConditionType::Interest)
        .await
        .unwrap();
    assert_eq!(condition.r#type, Some(ConditionType::Interest));
    rules[0].copy("city2", None, &[]).await.unwrap();
    let big_orders = miniviews[0]
        .update_subprofiles(&Query::new(), [("product", "Big")])
        .await
        .unwrap();
    assert!(big_orders.total >= 1);
    api.minirule(id(demo.minirule))
        .copy("amount2", None, &[])
        .await
        .unwrap();

    // ---- Publishing objects ----
    let web_template = api
        .web_document(id(demo.web_document))
        .template()
        .await
        .unwrap();
    assert!(matches!(web_template, Template::Web(_)));
    let file = api
        .web_document(id(demo.web_document))
        .create_file(
            model::FileData {
                name: Some("a.txt".into()),
                mimetype: Some("text/plain".into()),
                data: Some(soapgen_runtime::types::Base64Binary(b"hello".to_vec())),
            },
            [("alt", "text")],
        )
        .await
        .unwrap();
    assert_eq!(file.name.as_deref(), Some("a.txt"));
    let sms = api.sms_document(id(demo.sms_document));
    assert_eq!(sms.account().await.unwrap().name.as_deref(), Some("mock"));
    let sms_mailing = sms
        .create_sms_mailing(
            EmailingTarget::Profile(id(demo.profiles[1])),
            sms_settings(),
        )
        .await
        .unwrap();
    assert!(matches!(sms_mailing, Some(SmsMailing::Processed(_))));
    let action = api
        .document_follow_up(id(demo.followup))
        .action()
        .await
        .unwrap();
    assert!(matches!(action, FollowUp::Modify(_)));
    assert!(api
        .emailing_destination("1")
        .register_unsubscribe("2026-01-01 12:00:00", "test", false)
        .await
        .unwrap());
    let session = api.web_session(demo.web_session.clone());
    assert_eq!(
        session.profile(false).await.unwrap().map(|p| p.id()),
        Some(id(demo.profiles[0]))
    );
    assert!(session.subprofile(false).await.unwrap().is_none());
    let logon = api
        .web_session(demo.web_session_sub.clone())
        .logged_on(false)
        .await
        .unwrap();
    assert!(matches!(logon, Some(WebSessionLogon::SubProfile(_))));
    assert_eq!(pdf.account().await.unwrap().name.as_deref(), Some("mock"));
    let footer = pdf.property("footer").await.unwrap();
    assert_eq!(footer.name.as_deref(), Some("footer"));
    api.web_template(id(demo.web_template))
        .account()
        .await
        .unwrap();
    let again = document.retrieve().await.unwrap();
    assert_eq!(again.name(), Some("january"));
    assert_eq!(document.template().await.unwrap().id(), template.id());
    let later = document
        .create_emailing(EmailingTarget::Database(db.id()), scheduled_settings())
        .await
        .unwrap();
    assert!(matches!(later, Some(Mailing::Scheduled(_))));
    let spam = api
        .litmus_test(id(demo.litmus_test))
        .spam_result(i64::try_from(demo.litmus_result).unwrap())
        .await
        .unwrap();
    assert_eq!(spam.isspam, Some(false));
    assert!(user.send_sms("hello editor").await.unwrap());
    api.website(id(demo.website)).account().await.unwrap();
    let sent = api.processed_emailing(processed.id.expect("mailing id"));
    let key = sent
        .create_access_key(None, None, Some("shared"))
        .await
        .unwrap();
    assert!(!key.is_empty());
    let mailing_stats = sent.statistics(None).await.unwrap();
    assert_eq!(mailing_stats.destinationcount, Some(1));
    let docs: Vec<_> = template.documents().try_collect().await.unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(
        template.retrieve().await.unwrap().name(),
        Some("newsletter")
    );
    template.account().await.unwrap();

    // Every operation went over the wire.
    let seen = recorder.seen.lock().unwrap().clone();
    let missing: Vec<_> = OPERATION_NAMES
        .iter()
        .filter(|op| !seen.contains(**op))
        .collect();
    assert_eq!(OPERATION_NAMES.len(), 104);
    assert!(missing.is_empty(), "operations not exercised: {missing:?}");
    server.shutdown().await;
}
