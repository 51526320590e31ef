//! An independent client: python zeep loads the WSDL the mock serves (both flavours)
//! and runs login + Database_createProfile + Database_searchProfiles against it
//! (`tests/zeep/copernica_client.py`). Needs `python3` with zeep installed.
#![cfg(feature = "mock-server")]

use std::path::PathBuf;
use std::process::Command;

use copernica::mock::server::{MockServer, MockServerConfig};
use copernica::mock::soap::WsdlFlavor;

const INSTALL_HINT: &str =
    "this test needs python3 with zeep: `python3 -m pip install zeep` (or `apt-get install python3-zeep`)";

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/zeep/copernica_client.py")
}

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

#[test]
fn zeep_is_available() {
    let probe = Command::new(python())
        .args(["-c", "import zeep"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}; {INSTALL_HINT}", python()));
    assert!(
        probe.status.success(),
        "zeep is missing ({}); {INSTALL_HINT}",
        String::from_utf8_lossy(&probe.stderr).trim()
    );
}

async fn run_zeep(flavor: WsdlFlavor) -> serde_json::Value {
    let server = MockServer::start(MockServerConfig {
        callbacks: None,
        wsdl: flavor,
        ..MockServerConfig::default()
    })
    .await
    .expect("server starts");
    let wsdl = server.wsdl_url();
    // zeep blocks; the server keeps running on this runtime meanwhile.
    let output = tokio::task::spawn_blocking(move || {
        Command::new(python()).arg(script()).arg(wsdl).output()
    })
    .await
    .expect("join")
    .unwrap_or_else(|e| panic!("cannot run {}: {e}; {INSTALL_HINT}", python()));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("No module named 'zeep'"),
        "zeep is missing; {INSTALL_HINT}"
    );
    assert!(
        output.status.success(),
        "zeep client failed ({:?}):\n{stdout}\n{stderr}",
        output.status
    );
    let line = stdout.lines().last().unwrap_or("");
    let report: serde_json::Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("bad report {line:?}: {e}"));

    // What zeep saw agrees with the store.
    let db = report["database"].as_u64().expect("database id");
    assert_eq!(server.store().count_profiles(db).expect("database"), 2);
    server.shutdown().await;
    report
}

fn check(report: &serde_json::Value) {
    assert_eq!(report["cookies"], serde_json::json!(["soap_session"]));
    assert_eq!(report["created"], serde_json::json!([1, 2]));
    assert_eq!(report["total"], 1);
    assert_eq!(
        report["hits"],
        serde_json::json!([{"id": 2, "fields": {"email": "bob@example.com", "city": "Delft"}}])
    );
    assert_eq!(report["fault"]["message"], "Not logged on");
}

#[tokio::test]
async fn zeep_drives_the_rpc_literal_wsdl() {
    check(&run_zeep(WsdlFlavor::Rpc).await);
}

#[tokio::test]
async fn zeep_drives_the_document_literal_wsdl() {
    check(&run_zeep(WsdlFlavor::Document).await);
}
