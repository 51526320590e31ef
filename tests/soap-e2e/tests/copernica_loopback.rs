//! The generated Copernica (rpc/literal) client calls the generated
//! Copernica server skeleton over real HTTP on 127.0.0.1.

use std::sync::Arc;

use soapgen_runtime::transport::HttpTransport;
use soapgen_soap_e2e::copernica_rpc::{client, operations, server, soap_copernica_com as t};
use soapgen_soap_e2e::support::serve_loopback;

mod common;

async fn start() -> client::PomPortClient<HttpTransport> {
    let handler = server::PomBindingServer::new(common::copernica_server::Store::default());
    let url = serve_loopback(Arc::new(handler.into_dispatcher()), None).await;
    client::PomPortClient::with_endpoint(HttpTransport::new().expect("HTTP transport"), url)
}

#[tokio::test]
async fn copernica_rpc_client_calls_generated_server_over_loopback() {
    let c = start().await;
    common::copernica::run(&c, true).await;
}

/// The request the generated client sends: rpc wrapper in the soap:body
/// namespace, unqualified part accessor, soapAction from the WSDL.
#[tokio::test]
async fn copernica_request_shape() {
    let rec = Arc::new(soapgen_soap_e2e::support::Recorder::default());
    let c = client::PomPortClient::with_endpoint(Arc::clone(&rec), "http://127.0.0.1:1/");
    let _ = c
        .login(t::InputLogin {
            username: "u".into(),
            password: "p&".into(),
            account: None,
        })
        .await;
    let body = rec.last_body();
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soapenv:Body>\
         <ns0:login xmlns:ns0=\"https://soap.copernica.com/\"><parameters><username>u</username><password>p&amp;</password></parameters></ns0:login>\
         </soapenv:Body></soapenv:Envelope>"
    );
    let req = rec.last();
    assert_eq!(req.content_type, "text/xml; charset=utf-8");
    assert!(req
        .headers
        .iter()
        .any(|(k, v)| k == "SOAPAction" && v == "\"https://soap.copernica.com/#login\""));
    assert_eq!(operations::POM_BINDING_LOGIN.name, "login");
}
