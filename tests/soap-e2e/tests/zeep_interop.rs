//! Interop with Python zeep: (1) zeep as a client of the generated Rust
//! servers; (2) zeep as the reference for request envelopes: our request
//! bytes for a call are compared with zeep's `create_message` for the same
//! call, both canonicalised (tests/soap-e2e/py/). Fails, saying what to
//! install, when python3 or zeep is missing.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use soapgen_runtime::ops::{NoFault, OpError};
use soapgen_soap_e2e::support::{python_with_zeep, root, serve_loopback, Recorder};

mod common;

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("py")
        .join(name)
}

fn wsdl(rel: &str) -> String {
    root().join(rel).display().to_string()
}

/// Runs a Python script off the async runtime (the Rust server keeps
/// serving on the runtime's worker threads) and asserts it succeeded.
async fn run_python(args: Vec<String>) -> String {
    let py = python_with_zeep();
    let out = tokio::task::spawn_blocking(move || Command::new(py).args(&args).output())
        .await
        .expect("join")
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "python failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

struct Calc;

mod calc {
    use super::*;
    use soapgen_soap_e2e::calculator::{server, tempuri_org as t};

    impl server::CalculatorSoap for Calc {
        async fn add(&self, p: t::Add) -> Result<t::AddResponse, OpError<NoFault>> {
            Ok(t::AddResponse {
                add_result: p.int_a + p.int_b,
            })
        }
        async fn subtract(&self, p: t::Subtract) -> Result<t::SubtractResponse, OpError<NoFault>> {
            Ok(t::SubtractResponse {
                subtract_result: p.int_a - p.int_b,
            })
        }
        async fn divide(&self, p: t::Divide) -> Result<t::DivideResponse, OpError<NoFault>> {
            match p.int_a.checked_div(p.int_b) {
                Some(q) => Ok(t::DivideResponse { divide_result: q }),
                None => Err(OpError::sender("division by zero")),
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_client_calls_generated_copernica_server() {
    use soapgen_soap_e2e::copernica_rpc::server::PomBindingServer;
    let handler = PomBindingServer::new(common::copernica_server::Store::default());
    let url = serve_loopback(Arc::new(handler.into_dispatcher()), None).await;
    let out = run_python(vec![
        script("zeep_client.py").display().to_string(),
        "copernica".into(),
        wsdl("fixtures/copernica/copernica-rpc.wsdl"),
        url,
    ])
    .await;
    assert!(out.contains("OK"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_client_calls_generated_calculator_server_soap11_and_soap12() {
    use soapgen_soap_e2e::calculator::server::{CalculatorSoap12Server, CalculatorSoapServer};
    let url11 = serve_loopback(
        Arc::new(CalculatorSoapServer::new(Calc).into_dispatcher()),
        None,
    )
    .await;
    let url12 = serve_loopback(
        Arc::new(CalculatorSoap12Server::new(Calc).into_dispatcher()),
        None,
    )
    .await;
    let out = run_python(vec![
        script("zeep_client.py").display().to_string(),
        "calculator".into(),
        wsdl("fixtures/corpus/calculator/calculator-soap11and12.wsdl"),
        url11,
        url12,
    ])
    .await;
    assert!(out.contains("OK"), "{out}");
}

/// Compares the last request recorded by `rec` with zeep's message for
/// `operation(**args)` on `service`/`port` of `wsdl_rel`.
async fn same_as_zeep(
    rec: &Recorder,
    wsdl_rel: &str,
    service: &str,
    port: &str,
    operation: &str,
    args: &str,
) {
    let body = rec.last_body();
    let file = std::env::temp_dir().join(format!(
        "soapgen-e2e-envelope-{}-{operation}-{}.xml",
        std::process::id(),
        port
    ));
    std::fs::write(&file, &body).expect("write envelope");
    let out = run_python(vec![
        script("zeep_envelope.py").display().to_string(),
        wsdl(wsdl_rel),
        service.into(),
        port.into(),
        operation.into(),
        args.into(),
        file.display().to_string(),
    ])
    .await;
    let _ = std::fs::remove_file(&file);
    assert!(out.contains("EQUAL"), "{out}\nours: {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copernica_requests_match_zeep() {
    use soapgen_soap_e2e::copernica_rpc::{client::PomPortClient, soap_copernica_com as t};
    let rec = Arc::new(Recorder::default());
    let c = PomPortClient::with_endpoint(Arc::clone(&rec), "http://127.0.0.1:1/");
    let wsdl = "fixtures/copernica/copernica-rpc.wsdl";

    let _ = c
        .login(t::InputLogin {
            username: "user@example.com".into(),
            password: "s&cret <x>".into(),
            account: Some("acme".into()),
        })
        .await;
    same_as_zeep(
        &rec,
        wsdl,
        "POM_SOAP_API",
        "POMPort",
        "login",
        r#"{"parameters": {"username": "user@example.com", "password": "s&cret <x>", "account": "acme"}}"#,
    )
    .await;

    let _ = c
        .database_search_profiles(t::InputDatabaseSearchProfiles {
            id: 1,
            requirements: t::Requirements {
                requirement: vec![t::Requirement {
                    fieldname: "city".into(),
                    value: Some(soapgen_runtime::types::Nillable::Value("Zeist".into())),
                    operator: Some("=".into()),
                    casesensitive: Some(false),
                }],
            },
            order: None,
            asc: Some(true),
            start: Some(0),
            length: Some(100),
            allproperties: None,
            login: None,
            access_token: Some("token-1".into()),
        })
        .await;
    same_as_zeep(
        &rec,
        wsdl,
        "POM_SOAP_API",
        "POMPort",
        "Database_searchProfiles",
        r#"{"parameters": {"id": 1, "requirements": {"requirement": [{"fieldname": "city", "value": "Zeist", "operator": "=", "casesensitive": false}]}, "asc": true, "start": 0, "length": 100, "access_token": "token-1"}}"#,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calculator_requests_match_zeep_soap11_and_soap12() {
    use soapgen_soap_e2e::calculator::client::{CalculatorSoap12Client, CalculatorSoapClient};
    let wsdl = "fixtures/corpus/calculator/calculator-soap11and12.wsdl";
    let rec = Arc::new(Recorder::default());
    let _ = CalculatorSoapClient::with_endpoint(Arc::clone(&rec), "http://127.0.0.1:1/")
        .add(2, 40)
        .await;
    same_as_zeep(
        &rec,
        wsdl,
        "Calculator",
        "CalculatorSoap",
        "Add",
        r#"{"intA": 2, "intB": 40}"#,
    )
    .await;
    let _ = CalculatorSoap12Client::with_endpoint(Arc::clone(&rec), "http://127.0.0.1:1/")
        .divide(-7, 3)
        .await;
    same_as_zeep(
        &rec,
        wsdl,
        "Calculator",
        "CalculatorSoap12",
        "Divide",
        r#"{"intA": -7, "intB": 3}"#,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salesforce_request_with_headers_matches_zeep() {
    use soapgen_soap_e2e::salesforce::{
        client::SoapClient, operations, partner_soap_sforce_com as t,
    };
    let rec = Arc::new(Recorder::default());
    let c = SoapClient::with_endpoint(Arc::clone(&rec), "http://127.0.0.1:1/");
    let headers = operations::QueryHeaders {
        session_header: Some(t::SessionHeader {
            session_id: "SESSION-1".into(),
        }),
        query_options: Some(t::QueryOptions {
            batch_size: Some(200),
        }),
        ..Default::default()
    };
    let _ = c.query("SELECT Id FROM Account".into(), &headers).await;
    same_as_zeep(
        &rec,
        "fixtures/corpus/salesforce-partner/partner.wsdl",
        "SforceService",
        "Soap",
        "query",
        r#"{"queryString": "SELECT Id FROM Account", "_soapheaders": {"SessionHeader": {"sessionId": "SESSION-1"}, "QueryOptions": {"batchSize": 200}}}"#,
    )
    .await;
}
