//! Reader/writer throughput of generated code against quick-xml's raw
//! event loop over the same bytes (the upper bound for any reader on it).
//!
//! `cargo run --release -p soapgen-generated-tests --example throughput`

use std::hint::black_box;
use std::time::Instant;

use quick_xml::events::Event;
use soapgen_generated_tests::copernica_rpc::soap_copernica_com as cop;
use soapgen_runtime::xml::{self, Name};

/// A paged Copernica result with `n` profiles, each with a few fields.
fn sample(n: usize) -> String {
    let mut s = String::from(
        r#"<ns1:result xmlns:ns1="https://soap.copernica.com/"><start>0</start><length>10</length><total>99999</total><items>"#,
    );
    for i in 0..n {
        s.push_str(&format!(
            "<profile><id>{i}</id><code>c{i}</code><created>2024-01-02 03:04:05</created>\
             <modified>2024-01-02 03:04:05</modified><fields>\
             <pair><key>email</key><value>user{i}@example.com</value></pair>\
             <pair><key>name</key><value>Jan &amp; Piet {i}</value></pair>\
             <pair><key>city</key><value>Amsterdam</value></pair></fields></profile>"
        ));
    }
    s.push_str("</items></ns1:result>");
    s
}

fn best_of<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let doc = sample(20_000);
    let bytes = doc.as_bytes();
    let mb = bytes.len() as f64 / 1e6;

    let raw = best_of(5, || {
        let mut r = quick_xml::NsReader::from_reader(bytes);
        let mut n = 0usize;
        loop {
            match r.read_resolved_event() {
                Ok((_, Event::Eof)) => break,
                Ok((_, Event::Text(t))) => n += t.unescape().map(|s| s.len()).unwrap_or(0),
                Ok(_) => n += 1,
                Err(e) => panic!("{e}"),
            }
        }
        black_box(n);
    });
    let mut value = None;
    let read = best_of(5, || {
        value = Some(xml::from_slice::<cop::Result>(bytes).expect("read"));
    });
    let value = value.expect("read ran");
    let write = best_of(5, || {
        black_box(xml::to_string(
            &value,
            Name::new("https://soap.copernica.com/", "result"),
        ));
    });
    println!("document: {mb:.1} MB");
    println!("quick-xml raw event loop: {:8.1} MB/s", mb / raw);
    println!(
        "generated reader:         {:8.1} MB/s ({:.0}% of raw)",
        mb / read,
        100.0 * raw / read
    );
    println!("generated writer:         {:8.1} MB/s", mb / write);
}
