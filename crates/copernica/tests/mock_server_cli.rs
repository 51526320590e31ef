//! The `copernica-mock` binary: documented defaults in `--help`, and a real start on
//! a free port serving the WSDL and answering a login with custom credentials.
#![cfg(feature = "mock-cli")]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_copernica-mock");

#[test]
fn help_documents_the_defaults() {
    let out = Command::new(BIN).arg("--help").output().expect("runs");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "--port",
        "[default: 8080]",
        "--bind",
        "[default: 127.0.0.1]",
        "[default: mock]",
        "[default: admin]",
        "[default: secret]",
        "[default: mock-access-token]",
    ] {
        assert!(help.contains(expected), "missing {expected:?} in:\n{help}");
    }
}

/// Kills the child even when an assertion fails.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serves_on_the_requested_port_with_the_given_credentials() {
    let mut child = Child(
        Command::new(BIN)
            .args([
                "--port",
                "0",
                "--user",
                "u",
                "--password",
                "p",
                "--no-callbacks",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let first = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .expect("join")
    .expect("a line");
    let addr = first
        .trim()
        .strip_prefix("copernica-mock listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    let url = format!("http://{addr}/");

    let wsdl = reqwest::get(format!("{url}?SOAPAPI=WSDL"))
        .await
        .expect("GET")
        .text()
        .await
        .expect("text");
    assert!(wsdl.contains(&format!("<soap:address location=\"{url}\"/>")));

    let login = |user: &str| {
        format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" \
             xmlns:ns=\"https://soap.copernica.com/\"><s:Body><ns:login><parameters>\
             <username>{user}</username><password>p</password></parameters></ns:login>\
             </s:Body></s:Envelope>"
        )
    };
    let client = reqwest::Client::new();
    let ok = client
        .post(&url)
        .body(login("u"))
        .send()
        .await
        .expect("answer");
    assert_eq!(ok.status().as_u16(), 200);
    assert!(ok.headers().get("set-cookie").is_some());
    let refused = client
        .post(&url)
        .body(login("admin"))
        .send()
        .await
        .expect("answer");
    assert_eq!(refused.status().as_u16(), 500);
}
