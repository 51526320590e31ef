//! Credentials never reach the logs: with the `tracing` feature on and every
//! level captured, a call carrying a basic-auth password, URL userinfo, an
//! access token in the query and in the body, and a session cookie leaves none
//! of them in the log output (bodies are not logged unless asked for).

use std::io::Write;
use std::sync::{Arc, Mutex};

use soapgen_runtime::soap::{Client, OperationMeta, SoapVersion, Style, Use};
use soapgen_runtime::transport::{HttpConfig, HttpTransport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const OP: OperationMeta = OperationMeta {
    name: "login",
    soap_action: Some("urn:login"),
    version: SoapVersion::Soap11,
    style: Style::Document,
    body_use: Use::Literal,
    one_way: false,
    namespaces: &[("m", "urn:m")],
};

const SECRETS: &[&str] = &[
    "basic-SECRET",
    "userinfo-SECRET",
    "query-SECRET",
    "body-SECRET",
    "cookie-SECRET",
];

/// Everything the subscriber writes, kept for inspection.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Answers every request with a small SOAP response that sets a session cookie.
async fn serve(listener: TcpListener) {
    let body = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:ok xmlns:m="urn:m"/></s:Body></s:Envelope>"#;
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        tokio::spawn(async move {
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the head, then as many body bytes as Content-Length says.
            loop {
                let Ok(n) = socket.read(&mut buf).await else {
                    return;
                };
                if n == 0 {
                    return;
                }
                request.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&request).to_lowercase();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if request.len() >= end + 4 + length {
                        break;
                    }
                }
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n\
                 Set-Cookie: soap_session=cookie-SECRET; Path=/\r\n\
                 Content-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
        });
    }
}

#[tokio::test]
async fn credentials_never_appear_in_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(serve(listener));

    let config = HttpConfig {
        basic_auth: Some(("admin".into(), "basic-SECRET".into())),
        ..HttpConfig::default()
    };
    let client = Client::new(
        HttpTransport::with_config(config).unwrap(),
        format!("http://user:userinfo-SECRET@127.0.0.1:{port}/soap?access_token=query-SECRET"),
    );
    // Twice: the second call sends the session cookie back.
    for _ in 0..2 {
        client
            .call(
                &OP,
                |w| {
                    w.extend_from_slice(
                        b"<m:login><access_token>body-SECRET</access_token></m:login>",
                    )
                },
                &[],
            )
            .await
            .unwrap();
    }

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // The calls were logged (so the absence below means something) ...
    assert!(logs.contains("SOAP request"), "nothing logged:\n{logs}");
    assert!(logs.contains("127.0.0.1"), "endpoint not logged:\n{logs}");
    // ... without any credential.
    for secret in SECRETS {
        assert!(
            !logs.contains(secret),
            "{secret} leaked into the logs:\n{logs}"
        );
    }
}
