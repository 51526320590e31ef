//! The mock as a SOAP server over real HTTP on loopback, driven by hand-written
//! envelopes exactly as `copernica-rpc.wsdl` puts them on the wire.
#![cfg(feature = "mock-server")]

use copernica::mock::server::{MockServer, MockServerConfig};
use copernica::mock::soap::WsdlFlavor;

const NS: &str = "https://soap.copernica.com/";

async fn start() -> MockServer {
    MockServer::start(MockServerConfig {
        callbacks: None,
        ..MockServerConfig::default()
    })
    .await
    .expect("server starts")
}

/// An rpc/literal request envelope: `<ns:Method><parameters>…</parameters></ns:Method>`.
fn envelope(method: &str, parameters: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"{NS}\">\
         <SOAP-ENV:Body><ns1:{method}><parameters>{parameters}</parameters></ns1:{method}></SOAP-ENV:Body>\
         </SOAP-ENV:Envelope>"
    )
}

struct Answer {
    status: u16,
    set_cookie: Option<String>,
    body: String,
}

async fn post(server: &MockServer, method: &str, body: String, cookie: Option<&str>) -> Answer {
    let client = reqwest::Client::new();
    let mut req = client
        .post(server.url())
        .header("Content-Type", "text/xml; charset=utf-8")
        .header("SOAPAction", format!("\"{NS}#{method}\""));
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    let resp = req.body(body).send().await.expect("HTTP answer");
    let status = resp.status().as_u16();
    let set_cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = resp.text().await.expect("body");
    Answer {
        status,
        set_cookie,
        body,
    }
}

async fn call(server: &MockServer, method: &str, params: &str, cookie: Option<&str>) -> Answer {
    post(server, method, envelope(method, params), cookie).await
}

/// Text of the first element named `name` (local name) in `xml`.
fn text_of(xml: &str, name: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).expect("answer is XML");
    doc.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").to_owned())
}

fn body_element(xml: &str) -> (Option<String>, String) {
    let doc = roxmltree::Document::parse(xml).expect("answer is XML");
    let body = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Body")
        .expect("Body");
    let first = body.children().find(|n| n.is_element()).expect("child");
    (
        first.tag_name().namespace().map(str::to_owned),
        first.tag_name().name().to_owned(),
    )
}

/// `name=value` of a Set-Cookie header.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or("").trim().to_owned()
}

#[tokio::test]
async fn login_cookie_then_database_profile_search() {
    let server = start().await;

    let login = call(
        &server,
        "login",
        "<username>admin</username><password>secret</password><account>mock</account>",
        None,
    )
    .await;
    assert_eq!(login.status, 200, "{}", login.body);
    assert_eq!(
        body_element(&login.body),
        (Some(NS.to_owned()), "loginResponse".to_owned())
    );
    let set_cookie = login.set_cookie.expect("login sets a cookie");
    let cookie = cookie_pair(&set_cookie);
    assert!(cookie.starts_with("soap_"), "{set_cookie}");
    let session = cookie
        .split_once('=')
        .map(|(_, v)| v.to_owned())
        .expect("value");
    assert!(server.store().has_session(&session));
    let cookie = Some(cookie.as_str());

    // The database is set up through the API too.
    let created = call(
        &server,
        "Account_createDatabase",
        "<name>shop</name>",
        cookie,
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let db = text_of(&created.body, "id").expect("database id");
    let field = call(
        &server,
        "Database_createField",
        &format!("<id>{db}</id><name>email</name><type>email</type>"),
        cookie,
    )
    .await;
    assert_eq!(field.status, 200, "{}", field.body);

    let dbs = call(
        &server,
        "Account_databases",
        "<allproperties>true</allproperties>",
        cookie,
    )
    .await;
    assert_eq!(dbs.status, 200, "{}", dbs.body);
    assert_eq!(
        body_element(&dbs.body).1,
        "Account_databasesResponse".to_owned()
    );
    assert_eq!(text_of(&dbs.body, "total").as_deref(), Some("1"));
    assert_eq!(text_of(&dbs.body, "name").as_deref(), Some("shop"));

    for email in ["ann@example.com", "bob@example.com"] {
        let profile = call(
            &server,
            "Database_createProfile",
            &format!(
                "<id>{db}</id><fields><pair><key>email</key><value>{email}</value></pair></fields>"
            ),
            cookie,
        )
        .await;
        assert_eq!(profile.status, 200, "{}", profile.body);
        assert!(profile.body.contains("<profile><id>"), "{}", profile.body);
    }

    let found = call(
        &server,
        "Database_searchProfiles",
        &format!(
            "<id>{db}</id><requirements><requirement><fieldname>email</fieldname>\
             <value>bob@example.com</value><operator>=</operator></requirement></requirements>\
             <allproperties>true</allproperties>"
        ),
        cookie,
    )
    .await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(
        body_element(&found.body).1,
        "Database_searchProfilesResponse".to_owned()
    );
    assert_eq!(text_of(&found.body, "total").as_deref(), Some("1"));
    assert_eq!(
        text_of(&found.body, "value").as_deref(),
        Some("bob@example.com")
    );

    // Session expiry: the same cookie is now refused with the exact string PHP16 tests.
    assert!(server.store().drop_session(&session));
    let refused = call(&server, "Account_databases", "", cookie).await;
    assert_eq!(refused.status, 500);
    assert_eq!(
        text_of(&refused.body, "faultcode").as_deref(),
        Some("soapenv:Client")
    );
    assert_eq!(
        text_of(&refused.body, "faultstring").as_deref(),
        Some("Not logged on")
    );
    let doc = roxmltree::Document::parse(&refused.body).expect("XML");
    let detail = doc
        .descendants()
        .find(|n| n.tag_name().name() == "ApiFault")
        .expect("ApiFault detail");
    assert_eq!(detail.tag_name().namespace(), Some(NS));
    assert_eq!(
        text_of(&refused.body, "message").as_deref(),
        Some("Not logged on")
    );
    assert_eq!(text_of(&refused.body, "code").as_deref(), Some("1"));

    server.shutdown().await;
}

#[tokio::test]
async fn access_token_case_insensitive_names_and_soap_action_routing() {
    let server = start().await;
    // PHP's SoapClient resolves `account_Databases` case-insensitively.
    let ok = call(
        &server,
        "account_createdatabase",
        "<name>a</name><access_token>mock-access-token</access_token>",
        None,
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(body_element(&ok.body).1, "Account_createDatabaseResponse");

    // A body element that is no operation name: the SOAPAction fragment decides.
    let body = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>\
         <Wrapper><parameters><access_token>mock-access-token</access_token></parameters></Wrapper>\
         </s:Body></s:Envelope>"
        .to_owned();
    let routed = post(&server, "Account_databases", body, None).await;
    assert_eq!(routed.status, 200, "{}", routed.body);
    assert_eq!(text_of(&routed.body, "total").as_deref(), Some("1"));

    let bad_token = call(
        &server,
        "Account_databases",
        "<access_token>wrong</access_token>",
        None,
    )
    .await;
    assert_eq!(
        text_of(&bad_token.body, "faultstring").as_deref(),
        Some("Not logged on")
    );

    let bad_login = call(
        &server,
        "login",
        "<username>admin</username><password>nope</password>",
        None,
    )
    .await;
    assert_eq!(bad_login.status, 500);
    assert!(bad_login.set_cookie.is_none());
    assert_eq!(
        text_of(&bad_login.body, "faultstring").as_deref(),
        Some("Invalid login")
    );

    let unknown = call(&server, "Nope_nothing", "", None).await;
    assert_eq!(unknown.status, 500);
    assert_eq!(text_of(&unknown.body, "code").as_deref(), Some("3"));
    server.shutdown().await;
}

#[tokio::test]
async fn wsdl_is_served_with_the_servers_own_address() {
    for flavor in [WsdlFlavor::Rpc, WsdlFlavor::Document] {
        let server = MockServer::start(MockServerConfig {
            callbacks: None,
            wsdl: flavor,
            ..MockServerConfig::default()
        })
        .await
        .expect("starts");
        for query in ["?SOAPAPI=WSDL", "?wsdl"] {
            let url = format!("{}{query}", server.url());
            let resp = reqwest::get(&url).await.expect("GET");
            assert_eq!(resp.status().as_u16(), 200);
            let text = resp.text().await.expect("text");
            let doc = roxmltree::Document::parse(&text).expect("WSDL parses");
            let addresses: Vec<&str> = doc
                .descendants()
                .filter(|n| n.tag_name().name() == "address")
                .filter_map(|n| n.attribute("location"))
                .collect();
            assert_eq!(addresses, vec![server.url()]);
            assert_eq!(server.url(), format!("http://{}/", server.addr()));
            // Only the address changed.
            let original = flavor.source();
            assert_eq!(
                text.replace(server.url(), "https://soap.copernica.com/"),
                original
            );
        }
        let missing = reqwest::get(server.url()).await.expect("GET");
        assert_eq!(missing.status().as_u16(), 404);
        server.shutdown().await;
    }
}

#[tokio::test]
async fn malformed_and_oversized_requests_get_faults() {
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        max_request_bytes: 64 * 1024,
        ..MockServerConfig::default()
    })
    .await
    .expect("starts");
    let fault_string = |a: &Answer| text_of(&a.body, "faultstring").unwrap_or_default();

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", b"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x>".to_vec()),
        ("not XML", b"hello".to_vec()),
        ("empty", Vec::new()),
        ("not an envelope", b"<a/>".to_vec()),
        ("empty body", b"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>".to_vec()),
        ("undeclared prefix", envelope("login", "<x:username>a</x:username>").into_bytes()),
        ("DTD", format!("<!DOCTYPE x [<!ENTITY e \"boom\">]>{}", envelope("login", "<username>&e;</username>")).into_bytes()),
        ("invalid UTF-8", {
            let mut b = envelope("login", "<username>X</username>").into_bytes();
            let at = b.windows(1).position(|w| w == b"X").expect("marker");
            b[at] = 0xff;
            b
        }),
    ];
    for (name, body) in cases {
        let resp = reqwest::Client::new()
            .post(server.url())
            .header("Content-Type", "text/xml")
            .body(body)
            .send()
            .await
            .expect("answer");
        let status = resp.status().as_u16();
        let answer = Answer {
            status,
            set_cookie: None,
            body: resp.text().await.expect("text"),
        };
        assert_eq!(answer.status, 500, "{name}: {}", answer.body);
        assert_eq!(
            text_of(&answer.body, "faultcode").as_deref(),
            Some("soapenv:Client"),
            "{name}: {}",
            answer.body
        );
        assert!(!fault_string(&answer).is_empty(), "{name}");
    }

    let huge = envelope("login", &"<username>a</username>".repeat(4000));
    assert!(huge.len() > 64 * 1024);
    let answer = post(&server, "login", huge, None).await;
    assert_eq!(answer.status, 413);
    assert!(
        fault_string(&answer).contains("larger than"),
        "{}",
        answer.body
    );

    // The server is still there.
    let ok = call(
        &server,
        "Account_databases",
        "<access_token>mock-access-token</access_token>",
        None,
    )
    .await;
    assert_eq!(ok.status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let server = start().await;
    let url = server.url().to_owned();
    server.shutdown().await;
    assert!(reqwest::get(format!("{url}?wsdl")).await.is_err());
}

#[tokio::test]
async fn soap_12_requests_get_soap_12_answers() {
    let server = start().await;
    let envelope = |token: &str| {
        format!(
            "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:ns=\"{NS}\">\
             <env:Body><ns:Account_databases><parameters><access_token>{token}</access_token>\
             </parameters></ns:Account_databases></env:Body></env:Envelope>"
        )
    };
    let client = reqwest::Client::new();
    for (token, status) in [("mock-access-token", 200), ("wrong", 400)] {
        let resp = client
            .post(server.url())
            .header("Content-Type", "application/soap+xml; charset=utf-8")
            .body(envelope(token))
            .send()
            .await
            .expect("answer");
        assert_eq!(resp.status().as_u16(), status);
        let text = resp.text().await.expect("text");
        let doc = roxmltree::Document::parse(&text).expect("XML");
        assert_eq!(
            doc.root_element().tag_name().namespace(),
            Some("http://www.w3.org/2003/05/soap-envelope")
        );
        if status == 400 {
            assert_eq!(text_of(&text, "Text").as_deref(), Some("Not logged on"));
            assert_eq!(text_of(&text, "message").as_deref(), Some("Not logged on"));
        }
    }
    server.shutdown().await;
}
