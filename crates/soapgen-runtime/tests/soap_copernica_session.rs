//! A Copernica-shaped session over loopback HTTP, with the SOAP actions and namespace of
//! the real `fixtures/copernica/copernica-rpc.wsdl`: `login` answers with a `soap_*`
//! session cookie, later calls must carry it, and without it the server answers with an
//! `ApiFault` whose detail a generated reader would decode.

use std::net::SocketAddr;
use std::sync::Arc;

use soapgen_runtime::server::{serve, Dispatcher, Reply, ServeConfig, SoapHandler, SoapRequest};
use soapgen_runtime::soap::{Client, Error, Fault, OperationMeta, QName, SoapVersion, Style, Use};
use soapgen_runtime::transport::{BoxFuture, HttpConfig, HttpTransport};
use tokio::net::TcpListener;

const TNS: &str = "https://soap.copernica.com/";
const SESSION: &str = "soap_session=5f2b9c";

fn wsdl() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/copernica/copernica-rpc.wsdl"
    );
    std::fs::read_to_string(path).expect("fixture present")
}

/// The `soapAction` of `operation` in the WSDL's SOAP binding.
fn soap_action(wsdl: &str, operation: &str) -> &'static str {
    let needle = format!("#{operation}\"");
    let action = wsdl
        .split("soapAction=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(a, _)| a))
        .find(|a| format!("{a}\"").ends_with(&needle))
        .unwrap_or_else(|| panic!("no soapAction for {operation}"));
    Box::leak(action.to_owned().into_boxed_str())
}

fn op(wsdl: &str, name: &'static str) -> OperationMeta {
    OperationMeta {
        name,
        soap_action: Some(soap_action(wsdl, name)),
        version: SoapVersion::Soap11,
        style: Style::Rpc,
        body_use: Use::Literal,
        one_way: false,
        namespaces: &[("tns", TNS)],
    }
}

struct Copernica;

impl SoapHandler for Copernica {
    fn handle<'a>(&'a self, req: &'a SoapRequest) -> BoxFuture<'a, Result<Reply, Fault>> {
        Box::pin(async move {
            let op = req.operation().cloned().unwrap_or(QName::unqualified(""));
            assert_eq!(op.namespace.as_deref(), Some(TNS));
            // Route on SOAPAction as the binding defines it.
            assert_eq!(
                req.soap_action.as_deref(),
                Some(format!("{TNS}#{}", op.local).as_str())
            );
            if op.local == "login" {
                let body = String::from_utf8_lossy(req.body_xml().unwrap_or_default()).into_owned();
                if !body.contains("<password>right</password>") {
                    return Err(api_fault(req, "Invalid login"));
                }
                let mut reply = Reply::write(|o| {
                    o.extend_from_slice(b"<tns:loginResponse><result/></tns:loginResponse>")
                });
                reply.namespaces.push(("tns".into(), TNS.into()));
                reply
                    .http_headers
                    .push(("set-cookie".into(), format!("{SESSION}; Path=/")));
                return Ok(reply);
            }
            let logged_on = req
                .http_header("cookie")
                .is_some_and(|c| c.split(';').any(|kv| kv.trim() == SESSION));
            if !logged_on {
                return Err(api_fault(req, "Not logged on"));
            }
            let mut reply = Reply::write(|o| {
                o.extend_from_slice(b"<tns:Account_databasesResponse><result><items><database><id>1</id><name>Klanten</name></database></items></result></tns:Account_databasesResponse>")
            });
            reply.namespaces.push(("tns".into(), TNS.into()));
            Ok(reply)
        })
    }
}

fn api_fault(req: &SoapRequest, message: &str) -> Fault {
    Fault::sender(req.version(), message).with_detail(|o| {
        o.extend_from_slice(
            format!(
                "<tns:ApiFault xmlns:tns=\"{TNS}\"><message>{message}</message></tns:ApiFault>"
            )
            .as_bytes(),
        )
    })
}

async fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = ServeConfig {
        wsdl: Some(Arc::new(wsdl().into_bytes())),
        ..ServeConfig::default()
    };
    tokio::spawn(serve(
        listener,
        Arc::new(Dispatcher::new(Copernica)),
        config,
    ));
    addr
}

fn login_body(password: &'static str) -> impl FnOnce(&mut Vec<u8>) {
    move |o: &mut Vec<u8>| {
        o.extend_from_slice(
            format!("<tns:login><parameters><username>ann</username><password>{password}</password><account>shop</account></parameters></tns:login>")
                .as_bytes(),
        )
    }
}

fn databases_body(o: &mut Vec<u8>) {
    o.extend_from_slice(b"<tns:Account_databases><parameters/></tns:Account_databases>");
}

#[tokio::test(flavor = "current_thread")]
async fn login_cookie_carries_the_session() {
    let wsdl = wsdl();
    let (login, databases) = (op(&wsdl, "login"), op(&wsdl, "Account_databases"));
    let addr = start().await;
    let url = format!("http://{addr}/");
    let client = Client::new(HttpTransport::new().unwrap(), url.clone());

    // Before login: a typed fault with decodable detail.
    match client.call(&databases, databases_body, &[]).await {
        Err(Error::Fault(f)) => {
            assert_eq!(f.reason(), "Not logged on");
            let detail = f.detail.as_deref().unwrap();
            assert!(detail.starts_with(b"<tns:ApiFault"));
        }
        other => panic!("{other:?}"),
    }
    // A wrong password is a fault too, and sets no cookie.
    assert!(matches!(
        client.call(&login, login_body("wrong"), &[]).await,
        Err(Error::Fault(_))
    ));
    client.call(&login, login_body("right"), &[]).await.unwrap();
    let resp = client.call(&databases, databases_body, &[]).await.unwrap();
    assert_eq!(
        resp.layout.first_body().unwrap().name,
        QName::new(TNS, "Account_databasesResponse")
    );
    assert!(resp.body_xml().unwrap().windows(7).any(|w| w == b"Klanten"));
    assert_eq!(resp.body_namespaces().resolve("tns"), Some(TNS));

    // Another client (its own cookie store) is not logged on.
    let other = Client::new(
        HttpTransport::with_config(HttpConfig::default()).unwrap(),
        url,
    );
    assert!(matches!(
        other.call(&databases, databases_body, &[]).await,
        Err(Error::Fault(_))
    ));
}
