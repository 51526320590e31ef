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
