//! TLS certificate verification is on by default: the default HTTP transport
//! refuses a server whose certificate it cannot verify, and accepts the same
//! server once its certificate is added as a trusted root (so the refusal is
//! the verification, not a broken server).

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use soapgen_runtime::soap::{Client, Error, OperationMeta, SoapVersion, Style, Use};
use soapgen_runtime::transport::{HttpConfig, HttpTransport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

const CERT: &[u8] = include_bytes!("../../../fixtures/tls/localhost.crt");
const KEY: &[u8] = include_bytes!("../../../fixtures/tls/localhost.key");

const OP: OperationMeta = OperationMeta {
    name: "ping",
    soap_action: Some("urn:ping"),
    version: SoapVersion::Soap11,
    style: Style::Document,
    body_use: Use::Literal,
    one_way: false,
    namespaces: &[("m", "urn:m")],
};

/// An HTTPS server with the self-signed test certificate, answering every
/// request with a small SOAP response.
async fn start_tls_server() -> u16 {
    let cert = CertificateDer::from_pem_slice(CERT).unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let body = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:pong xmlns:m="urn:m"/></s:Body></s:Envelope>"#;
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A failed handshake (the client refusing our certificate) ends here.
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    port
}

async fn ping(config: HttpConfig, port: u16) -> Result<(), Error> {
    let client = Client::new(
        HttpTransport::with_config(config)?,
        format!("https://127.0.0.1:{port}/soap"),
    );
    client
        .call(&OP, |w| w.extend_from_slice(b"<m:ping/>"), &[])
        .await
        .map(|_| ())
}

#[tokio::test]
async fn unverifiable_certificates_are_refused_by_default() {
    let port = start_tls_server().await;

    let refused = ping(HttpConfig::default(), port).await;
    assert!(
        matches!(refused, Err(Error::Connect(_)) | Err(Error::Transport(_))),
        "a self-signed certificate must be refused by default, got {refused:?}"
    );

    let trusted = HttpConfig {
        root_certs_pem: vec![CERT.to_vec()],
        ..HttpConfig::default()
    };
    ping(trusted, port)
        .await
        .expect("the same server is accepted once its certificate is trusted");
}
