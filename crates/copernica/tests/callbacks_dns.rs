//! DnsKeyResolver against a tiny in-process DNS server on loopback that
//! serves the vectors' DKIM TXT record.
#![cfg(feature = "dns")]

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use copernica::callbacks::{DnsKeyResolver, KeyError, KeyResolver, Verifier, VerifierConfig};
use tokio::net::UdpSocket;

/// Answers TXT queries for `name` with `txt` (split into 255-byte
/// character-strings, as real DNS does for 2048-bit keys) and NXDOMAIN for
/// every other name. Handles `max_queries` queries, then stops.
async fn serve(socket: UdpSocket, name: String, txt: String, max_queries: usize) {
    let mut buf = [0u8; 512];
    for _ in 0..max_queries {
        let Ok((len, peer)) = socket.recv_from(&mut buf).await else {
            return;
        };
        let query = &buf[..len];
        if len < 12 {
            continue;
        }
        // Question name: labels up to the zero byte.
        let mut i = 12;
        let mut labels = Vec::new();
        while i < len && query[i] != 0 {
            let l = usize::from(query[i]);
            labels.push(String::from_utf8_lossy(&query[i + 1..i + 1 + l]).to_ascii_lowercase());
            i += 1 + l;
        }
        let question_end = i + 5; // zero byte, qtype, qclass
        let qtype = u16::from_be_bytes([query[i + 1], query[i + 2]]);
        let asked = labels.join(".");
        let hit = asked == name && qtype == 16;
        let mut resp = Vec::new();
        resp.extend_from_slice(&query[..2]); // id
        resp.extend_from_slice(&[0x81, if hit || asked == name { 0x80 } else { 0x83 }]);
        resp.extend_from_slice(&[0, 1, 0, u8::from(hit), 0, 0, 0, 0]);
        resp.extend_from_slice(&query[12..question_end]);
        if hit {
            let mut rdata = Vec::new();
            for chunk in txt.as_bytes().chunks(255) {
                rdata.push(chunk.len() as u8);
                rdata.extend_from_slice(chunk);
            }
            resp.extend_from_slice(&[0xC0, 0x0C, 0, 16, 0, 1, 0, 0, 0, 60]);
            resp.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
            resp.extend_from_slice(&rdata);
        }
        let _ = socket.send_to(&resp, peer).await;
    }
}

async fn start(name: &str, txt: &str) -> SocketAddr {
    let socket = UdpSocket::bind("127.0.0.1:0").await.expect("bind loopback");
    let addr = socket.local_addr().expect("addr");
    tokio::spawn(serve(socket, name.to_owned(), txt.to_owned(), 16));
    addr
}

fn vector(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/../../fixtures/copernica/callback-vectors/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("vector")).expect("json")
}

#[tokio::test]
async fn resolves_the_dkim_record_and_verifies_a_vector() {
    let v = vector("02-valid-profile-update-xml.json");
    let rec = &v["dkim_txt_record"];
    let addr = start(
        rec["name"].as_str().expect("name"),
        rec["value"].as_str().expect("value"),
    )
    .await;
    let resolver = DnsKeyResolver::with_name_servers(&[addr]).expect("resolver");

    let key = resolver
        .resolve("vectors-test._domainkey.copernica.com")
        .await
        .expect("key found");
    assert_eq!(key.bits(), 2048);
    assert!(matches!(
        resolver.resolve("absent._domainkey.copernica.com").await,
        Err(KeyError::NotFound(_))
    ));

    let mut req =
        copernica::callbacks::CallbackRequest::new("POST", v["path"].as_str().expect("path"))
            .body(v["body"].as_str().expect("body").as_bytes().to_vec());
    for (n, val) in v["headers"].as_object().expect("headers") {
        req.push_header(n, val.as_str().expect("str"));
    }
    let verifier = Verifier::new(
        VerifierConfig::new("hooks.example.com", "account_12345"),
        resolver,
    );
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_736_849_730);
    verifier.verify(&req, now).await.expect("valid through DNS");
}
