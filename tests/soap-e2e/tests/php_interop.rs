//! Interop: the generated Rust clients call PHP ext/soap `SoapServer`s
//! (`php -S` on loopback, scripts in tests/soap-e2e/php/). Fails, saying what
//! to install, when php or ext/soap is missing.

use soapgen_runtime::transport::HttpTransport;
use soapgen_soap_e2e::copernica_rpc::client;
use soapgen_soap_e2e::support::start_php;

mod common;

#[tokio::test]
async fn copernica_rust_client_against_php_soapserver() {
    let (_php, url) = start_php("copernica.php", "fixtures/copernica/copernica-rpc.wsdl");
    let c =
        client::PomPortClient::with_endpoint(HttpTransport::new().expect("HTTP transport"), url);
    common::copernica::run(&c, false).await;
}

/// rpc/encoded: PHP answers with `xsi:type` on every value and SOAP-ENC
/// namespaces; the generated client reads strings and integers.
#[tokio::test]
async fn mantis_rust_client_against_php_soapserver() {
    use soapgen_soap_e2e::mantis::client::MantisConnectPortClient;
    let (_php, url) = start_php(
        "mantis.php",
        "fixtures/corpus/mantisconnect/mantisconnect.wsdl",
    );
    let c =
        MantisConnectPortClient::with_endpoint(HttpTransport::new().expect("HTTP transport"), url);
    assert_eq!(c.mc_version().await.expect("mc_version"), "1.2.19");
    let id = c
        .mc_project_get_id_from_name("administrator".into(), "root".into(), "soapgen".into())
        .await
        .expect("mc_project_get_id_from_name");
    assert_eq!(id.to_i64(), Some(7));
    // A SOAP-encoded array (`ObjectRefArray`): PHP writes `<item
    // xsi:type="ns1:ObjectRef">` children and `SOAP-ENC:arrayType`.
    let statuses = c
        .mc_enum_status("administrator".into(), "root".into())
        .await
        .expect("mc_enum_status");
    let got: Vec<(Option<i64>, Option<&str>)> = statuses
        .iter()
        .map(|s| (s.id.as_ref().and_then(|i| i.to_i64()), s.name.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(10), Some("new")),
            (Some(50), Some("assigned")),
            (Some(90), Some("closed & done")),
        ]
    );
    let err = c
        .mc_enum_status("administrator".into(), "wrong".into())
        .await
        .expect_err("access denied");
    let fault = err.fault().expect("a SOAP fault");
    assert_eq!(fault.reason(), "Access denied");
    assert_eq!(fault.code, soapgen_runtime::soap::FaultCode::Sender);
}
