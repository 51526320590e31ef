//! Envelope writing/reading, fault decoding and writing, rpc/encoded helpers, WS-Security.

use soapgen_runtime::soap::{
    array_items, inline_multirefs, parse_array_type, parse_envelope, write_array_attrs,
    write_envelope, write_envelope_with, write_fault_envelope, write_xsi_type, EnvelopeOptions,
    Error, Fault, FaultCode, FaultReason, OutHeader, QName, RefLimits, SoapVersion, UsernameToken,
    MAX_ARRAY_PREALLOC, SOAP11_ENV_NS, SOAP12_ENV_NS, WSSE_NS,
};

const TNS: &str = "http://www.copernica.com/";

fn build(version: SoapVersion) -> Vec<u8> {
    let mut out = Vec::new();
    let header = b"<h:Session xmlns:h=\"urn:h\">abc</h:Session>";
    let write_header = |o: &mut Vec<u8>| -> Result<(), ()> {
        o.extend_from_slice(b"<h:Trace xmlns:h=\"urn:h\">1</h:Trace>");
        Ok(())
    };
    let options = EnvelopeOptions {
        version,
        encoded: false,
        namespaces: vec![("tns".into(), TNS.into())],
    };
    write_envelope_with(
        &options,
        &mut out,
        &[OutHeader::Raw(header), OutHeader::Write(&write_header)],
        |o| {
            o.extend_from_slice(
                b"<tns:getName><tns:id>42</tns:id><tns:note>a &amp; b</tns:note></tns:getName>",
            );
            Ok(())
        },
    )
    .unwrap();
    out
}

#[test]
fn envelope_round_trip_soap11_and_soap12() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let bytes = build(version);
        let env = parse_envelope(&bytes).unwrap();
        assert_eq!(env.version, version);
        assert_eq!(env.headers.len(), 2);
        assert_eq!(env.headers[0].name, QName::new("urn:h", "Session"));
        assert_eq!(
            env.slice(&env.headers[0].range),
            b"<h:Session xmlns:h=\"urn:h\">abc</h:Session>"
        );
        assert_eq!(env.headers[1].name, QName::new("urn:h", "Trace"));
        assert_eq!(env.body.len(), 1);
        assert_eq!(env.body[0].name, QName::new(TNS, "getName"));
        assert_eq!(
            env.first_body_xml().unwrap(),
            b"<tns:getName><tns:id>42</tns:id><tns:note>a &amp; b</tns:note></tns:getName>"
        );
        // The prefixes a generated reader of the body slice needs.
        assert_eq!(env.body_namespaces.resolve("tns"), Some(TNS));
        assert_eq!(
            env.body_namespaces.resolve("xsi"),
            Some("http://www.w3.org/2001/XMLSchema-instance")
        );
        assert!(env.fault.is_none());
        let content = env.slice(&env.body_content);
        assert!(content.starts_with(b"<tns:getName>") && content.ends_with(b"</tns:getName>"));
    }
}

#[test]
fn writer_declares_encoding_namespace_for_encoded() {
    let mut out = Vec::new();
    let options = EnvelopeOptions {
        encoded: true,
        ..EnvelopeOptions::new(SoapVersion::Soap11)
    };
    write_envelope_with::<()>(&options, &mut out, &[], |o| {
        o.extend_from_slice(b"<m:op xmlns:m=\"urn:m\"><list");
        write_array_attrs(o, "xsd:string", 2);
        o.extend_from_slice(b"><item");
        write_xsi_type(o, "xsd:string");
        o.extend_from_slice(b">a</item><item>b</item></list></m:op>");
        Ok(())
    })
    .unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.contains("xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\""));
    assert!(text.contains(
        "<list xsi:type=\"soapenc:Array\" soapenc:arrayType=\"xsd:string[2]\"><item xsi:type=\"xsd:string\">a</item>"
    ));
    let env = parse_envelope(&out).unwrap();
    let op = env.first_body_xml().unwrap();
    // The array is the op's child; split it with the body's namespaces in scope.
    let start = find(op, b"<list");
    let end = find(op, b"</list>") + "</list>".len();
    let items = array_items(&op[start..end], &env.body_namespaces).unwrap();
    assert_eq!(items.items.len(), 2);
    assert_eq!(items.array_type.unwrap().declared_len(), Some(2));
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .expect("needle present")
}

#[test]
fn envelope_without_header_and_default_namespace_body() {
    let xml = br#"<?xml version="1.0"?>
<!-- a comment -->
<S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope">
  <S:Body xmlns="urn:default">
    <getResponse><return>ok</return></getResponse>
  </S:Body>
</S:Envelope>
"#;
    let env = parse_envelope(xml).unwrap();
    assert_eq!(env.version, SoapVersion::Soap12);
    assert!(env.headers.is_empty());
    assert_eq!(env.body[0].name, QName::new("urn:default", "getResponse"));
    assert_eq!(env.body_namespaces.resolve(""), Some("urn:default"));
    assert_eq!(
        env.body_namespaces.effective(),
        vec![
            (String::new(), "urn:default".to_owned()),
            ("S".to_owned(), SOAP12_ENV_NS.to_owned())
        ]
    );
}

#[test]
fn must_understand_and_role_are_reported() {
    let xml = format!(
        r#"<e:Envelope xmlns:e="{SOAP11_ENV_NS}"><e:Header><a:X xmlns:a="urn:a" e:mustUnderstand="1" e:actor="urn:next"/><a:Y xmlns:a="urn:a" e:mustUnderstand="0"/></e:Header><e:Body/></e:Envelope>"#
    );
    let env = parse_envelope(xml.as_bytes()).unwrap();
    assert!(env.headers[0].must_understand);
    assert_eq!(env.headers[0].role.as_deref(), Some("urn:next"));
    assert!(!env.headers[1].must_understand);
    assert_eq!(env.not_understood(&[]).len(), 1);
    assert!(env.not_understood(&[QName::new("urn:a", "X")]).is_empty());
    assert!(env.body.is_empty());
}

#[test]
fn soap11_fault_with_detail_is_decoded() {
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.copernica.com/">
 <SOAP-ENV:Body>
  <SOAP-ENV:Fault>
   <faultcode>SOAP-ENV:Client.Authentication</faultcode>
   <faultstring xml:lang="en">Invalid login &amp; password</faultstring>
   <faultactor>http://soap.copernica.com/</faultactor>
   <detail><ns1:LoginError><ns1:code>17</ns1:code></ns1:LoginError></detail>
  </SOAP-ENV:Fault>
 </SOAP-ENV:Body>
</SOAP-ENV:Envelope>"#;
    let env = parse_envelope(xml).unwrap();
    let fault = env.fault.clone().unwrap();
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, FaultCode::Sender);
    assert_eq!(
        fault.code_name,
        QName::new(SOAP11_ENV_NS, "Client.Authentication")
    );
    assert_eq!(fault.reason(), "Invalid login & password");
    assert_eq!(fault.reasons[0].lang.as_deref(), Some("en"));
    assert_eq!(fault.node.as_deref(), Some("http://soap.copernica.com/"));
    assert_eq!(
        fault.detail.as_deref().unwrap(),
        b"<ns1:LoginError><ns1:code>17</ns1:code></ns1:LoginError>".as_slice()
    );
    // ns1 is declared on Envelope: the detail reader gets it.
    assert_eq!(
        fault.detail_namespaces.resolve("ns1"),
        Some("http://www.copernica.com/")
    );
    match env.into_result() {
        Err(Error::Fault(f)) => assert_eq!(f.reason(), "Invalid login & password"),
        other => panic!("expected a fault error, got {other:?}"),
    }
}

#[test]
fn soap12_fault_with_subcodes_reasons_and_detail_is_decoded() {
    let xml = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
              xmlns:m="http://www.example.org/timeouts" xmlns:xml="http://www.w3.org/XML/1998/namespace">
 <env:Body>
  <env:Fault>
   <env:Code>
     <env:Value>env:Sender</env:Value>
     <env:Subcode>
      <env:Value>m:MessageTimeout</env:Value>
      <env:Subcode><env:Value>m:Deeper</env:Value></env:Subcode>
     </env:Subcode>
   </env:Code>
   <env:Reason>
     <env:Text xml:lang="nl">Verzending verlopen</env:Text>
     <env:Text xml:lang="en">Sender Timeout</env:Text>
   </env:Reason>
   <env:Node>http://example.org/node</env:Node>
   <env:Role>http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver</env:Role>
   <env:Detail>
     <m:MaxTime>P5M</m:MaxTime>
   </env:Detail>
  </env:Fault>
 </env:Body>
</env:Envelope>"#;
    let env = parse_envelope(xml).unwrap();
    let fault = env.fault.as_ref().unwrap();
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.code, FaultCode::Sender);
    assert_eq!(
        fault.subcodes,
        vec![
            QName::new("http://www.example.org/timeouts", "MessageTimeout"),
            QName::new("http://www.example.org/timeouts", "Deeper")
        ]
    );
    assert_eq!(fault.reasons.len(), 2);
    assert_eq!(fault.reason(), "Sender Timeout", "English preferred");
    assert_eq!(fault.node.as_deref(), Some("http://example.org/node"));
    assert!(fault.role.as_deref().unwrap().ends_with("ultimateReceiver"));
    let detail = String::from_utf8(fault.detail.clone().unwrap()).unwrap();
    assert_eq!(detail.trim(), "<m:MaxTime>P5M</m:MaxTime>");
    assert_eq!(
        fault.detail_namespaces.resolve("m"),
        Some("http://www.example.org/timeouts")
    );
    assert_eq!(fault.http_status(), 400);
}

#[test]
fn written_faults_parse_back() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let mut fault = Fault::sender(version, "bad <input>")
            .with_detail(|o| o.extend_from_slice(b"<d:Problem xmlns:d=\"urn:d\">x</d:Problem>"));
        fault.node = Some("urn:node".into());
        if version == SoapVersion::Soap12 {
            fault.subcodes.push(QName::new("urn:codes", "Invalid"));
            fault.reasons.push(FaultReason {
                lang: Some("nl".into()),
                text: "foute invoer".into(),
            });
        }
        let mut out = Vec::new();
        write_fault_envelope(&fault, &mut out);
        let env = parse_envelope(&out).unwrap();
        let back = env.fault.clone().unwrap();
        assert_eq!(back.code, FaultCode::Sender);
        assert_eq!(back.reason(), "bad <input>");
        assert_eq!(back.node.as_deref(), Some("urn:node"));
        assert_eq!(
            back.detail.as_deref().unwrap(),
            b"<d:Problem xmlns:d=\"urn:d\">x</d:Problem>".as_slice()
        );
        if version == SoapVersion::Soap12 {
            assert_eq!(back.subcodes, vec![QName::new("urn:codes", "Invalid")]);
            assert_eq!(back.reasons[1].text, "foute invoer");
        }
    }
    // A custom code survives SOAP 1.1 as the faultcode itself.
    let fault = Fault::new(
        SoapVersion::Soap11,
        FaultCode::Other(QName::new("urn:app", "Quota")),
        "over quota",
    );
    let mut out = Vec::new();
    write_fault_envelope(&fault, &mut out);
    let env = parse_envelope(&out).unwrap();
    assert_eq!(
        env.fault.as_ref().unwrap().code,
        FaultCode::Other(QName::new("urn:app", "Quota"))
    );
}

#[test]
fn broken_messages_are_typed_errors() {
    // Not XML at all.
    assert!(matches!(
        parse_envelope(b"Internal Server Error"),
        Err(Error::NonXmlBody { .. })
    ));
    assert!(matches!(
        parse_envelope(b"   "),
        Err(Error::NonXmlBody { .. })
    ));
    assert!(matches!(
        parse_envelope(b"<!DOCTYPE html><html><body>oops</body></html>"),
        Err(Error::NonXmlBody { .. })
    ));
    // Cut off at every possible point: always TruncatedBody or Decode, never a panic,
    // never Ok.
    let full = build(SoapVersion::Soap11);
    for cut in 1..full.len() - 1 {
        match parse_envelope(&full[..cut]) {
            Err(Error::TruncatedBody { position }) => assert_eq!(position, cut),
            Err(Error::Decode { .. }) | Err(Error::NonXmlBody { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert!(matches!(
        parse_envelope(&full[..full.len() / 2]),
        Err(Error::TruncatedBody { .. })
    ));
    // Wrong root / wrong namespace / DTD / undeclared prefix / no Body.
    for bad in [
        &b"<Envelope/>"[..],
        b"<e:Envelope xmlns:e=\"urn:not-soap\"><e:Body/></e:Envelope>",
        b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>",
        b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><p:x/></e:Body></e:Envelope>",
        b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"></e:Envelope>",
        b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body></x></e:Envelope>",
    ] {
        match parse_envelope(bad) {
            Err(Error::Decode { message, .. }) => assert!(!message.is_empty()),
            other => panic!("{}: {other:?}", String::from_utf8_lossy(bad)),
        }
    }
    // Decode errors carry the byte position and the element path.
    let xml = b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><p:x/></e:Body></e:Envelope>";
    match parse_envelope(xml) {
        Err(Error::Decode { position, path, .. }) => {
            assert_eq!(position, find(xml, b"<p:x"));
            assert_eq!(path, "/Envelope/Body");
        }
        other => panic!("{other:?}"),
    }
}

const ENCODED_RESPONSE: &str = r##"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
  xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <ns1:getProfilesResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:copernica">
   <return href="#id0"/>
  </ns1:getProfilesResponse>
  <multiRef id="id0" soapenc:root="0" xsi:type="soapenc:Array" soapenc:arrayType="ns2:Profile[2]" xmlns:ns2="urn:types">
   <item href="#id1"/>
   <item href="#id1"/>
  </multiRef>
  <multiRef id="id1" soapenc:root="0" xsi:type="ns3:Profile" xmlns:ns3="urn:types">
   <id xsi:type="xsd:int">7</id>
   <name xsi:type="xsd:string">Ann &amp; Bob</name>
  </multiRef>
 </soapenv:Body>
</soapenv:Envelope>"##;

#[test]
fn multirefs_are_inlined() {
    let env = parse_envelope(ENCODED_RESPONSE.as_bytes()).unwrap();
    assert_eq!(env.body.len(), 3);
    assert_eq!(
        env.first_body().unwrap().name,
        QName::new("urn:copernica", "getProfilesResponse")
    );
    let range = env.first_body().unwrap().range.clone();
    let inlined = inline_multirefs(&env, range, RefLimits::default()).unwrap();
    let text = String::from_utf8(inlined.clone()).unwrap();
    assert!(!text.contains("href"), "{text}");
    assert_eq!(
        text.matches("<id xsi:type=\"xsd:int\">7</id>").count(),
        2,
        "{text}"
    );
    assert!(text.contains("<return soapenc:root=\"0\" xsi:type=\"soapenc:Array\" soapenc:arrayType=\"ns2:Profile[2]\" xmlns:ns2=\"urn:types\">"), "{text}");
    assert!(text.contains("Ann &amp; Bob"));
    // The result is one well-formed element readable with the body's namespaces.
    let items = array_items(
        &inlined[find(&inlined, b"<return")..find(&inlined, b"</return>") + 9],
        &env.body_namespaces,
    )
    .unwrap();
    assert_eq!(items.items.len(), 2);
}

#[test]
fn multiref_cycle_is_an_error_not_a_loop() {
    let xml = r##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>
      <r:op xmlns:r="urn:r"><a href="#a1"/></r:op>
      <multiRef id="a1"><next href="#b1"/></multiRef>
      <multiRef id="b1"><next href="#a1"/></multiRef>
      <multiRef id="self"><me href="#self"/></multiRef>
    </e:Body></e:Envelope>"##;
    let env = parse_envelope(xml.as_bytes()).unwrap();
    let range = env.first_body().unwrap().range.clone();
    match inline_multirefs(&env, range, RefLimits::default()) {
        Err(Error::Decode { message, .. }) => assert!(message.contains("cycle"), "{message}"),
        other => panic!("{other:?}"),
    }
    let self_ref = env.body[3].range.clone();
    assert!(matches!(
        inline_multirefs(&env, self_ref, RefLimits::default()),
        Err(Error::Decode { .. })
    ));
    // A dangling reference is an error too.
    let xml = r##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><r:op xmlns:r="urn:r"><a href="#nowhere"/></r:op></e:Body></e:Envelope>"##;
    let env = parse_envelope(xml.as_bytes()).unwrap();
    let range = env.body[0].range.clone();
    assert!(matches!(
        inline_multirefs(&env, range, RefLimits::default()),
        Err(Error::Decode { .. })
    ));
}

#[test]
fn shared_multiref_expansion_is_bounded() {
    // Each level references the next twice: 2^24 copies if expanded naively.
    let mut xml = String::from(
        r##"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><r:op xmlns:r="urn:r"><a href="#l0"/></r:op>"##,
    );
    for i in 0..24 {
        xml.push_str(&format!(
            r##"<multiRef id="l{i}"><x href="#l{n}"/><y href="#l{n}"/></multiRef>"##,
            n = i + 1
        ));
    }
    xml.push_str(r##"<multiRef id="l24">leaf</multiRef></e:Body></e:Envelope>"##);
    let env = parse_envelope(xml.as_bytes()).unwrap();
    let range = env.body[0].range.clone();
    let limits = RefLimits {
        max_depth: 64,
        max_output: 1 << 20,
    };
    match inline_multirefs(&env, range, limits) {
        Err(Error::Decode { message, .. }) => assert!(message.contains("exceeds"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn huge_declared_array_type_does_not_preallocate() {
    let t = parse_array_type("xsd:string[999999999]").unwrap();
    assert_eq!(t.item_type, "xsd:string");
    assert_eq!(t.declared_len(), Some(999_999_999));
    assert_eq!(t.capacity_hint(), MAX_ARRAY_PREALLOC);
    let t = parse_array_type("xsd:int[][3,99999999999999999999999]").unwrap();
    assert_eq!(t.item_type, "xsd:int[]");
    assert_eq!(t.declared_len(), None, "overflowing product");
    assert_eq!(t.capacity_hint(), 0);
    assert!(parse_array_type("xsd:string").is_err());
    assert!(parse_array_type("[3]").is_err());
    assert!(parse_array_type("xsd:string[x]").is_err());

    let xml = br#"<list xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" soapenc:arrayType="xsd:string[999999999]"><i>a</i><i>b</i></list>"#;
    let items = array_items(xml, &Default::default()).unwrap();
    assert_eq!(items.items.len(), 2);
    assert!(items.items.capacity() <= MAX_ARRAY_PREALLOC);
    assert_eq!(&xml[items.items[1].clone()], b"<i>b</i>");
}

#[test]
fn username_token_text_and_digest() {
    let token = UsernameToken::text("user", "pa<ss");
    let mut out = Vec::new();
    token.write(&mut out);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("#PasswordText\">pa&lt;ss</wsse:Password>"),
        "{text}"
    );
    assert!(
        !format!("{token:?}").contains("pa<ss"),
        "Debug must not show the password"
    );

    // Digest = Base64(SHA-1(nonce + created + password)), vector computed independently.
    let token = UsernameToken::digest("user", "s3cret")
        .with_nonce((0u8..16).collect(), "2026-01-02T03:04:05Z");
    assert_eq!(token.password_value(), "8gBWPoUqrWQQlpDO5tjGeI5QgIU=");
    let mut out = Vec::new();
    token.write(&mut out);
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.contains("AAECAwQFBgcICQoLDA0ODw==</wsse:Nonce>"));
    assert!(text.contains("<wsu:Created>2026-01-02T03:04:05Z</wsu:Created>"));
    // A fresh digest token has a nonce and timestamp.
    let fresh = UsernameToken::digest("u", "p");
    assert_eq!(fresh.nonce.as_ref().map(Vec::len), Some(16));
    assert_eq!(fresh.created.as_ref().map(String::len), Some(20));

    // It travels as a header block and is found again by name.
    let mut msg = Vec::new();
    write_envelope::<()>(
        SoapVersion::Soap11,
        &mut msg,
        &[OutHeader::Raw(&out)],
        |o| {
            o.extend_from_slice(b"<x/>");
            Ok(())
        },
    )
    .unwrap();
    let env = parse_envelope(&msg).unwrap();
    assert!(env.header_xml(&QName::new(WSSE_NS, "Security")).is_some());
}

#[test]
fn mutated_envelopes_never_panic() {
    // Deterministic xorshift: byte flips, deletions and duplications of real envelopes.
    let seeds = [
        build(SoapVersion::Soap11),
        build(SoapVersion::Soap12),
        ENCODED_RESPONSE.as_bytes().to_vec(),
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"<>/=\"':&;# xmlnsE";
    for round in 0..3000 {
        let mut msg = seeds[round % seeds.len()].clone();
        for _ in 0..(1 + next() % 4) {
            let i = (next() as usize) % msg.len();
            match next() % 3 {
                0 => msg[i] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    msg.remove(i);
                }
                _ => {
                    let j = (i + (next() as usize) % 16).min(msg.len());
                    let chunk = msg[i..j].to_vec();
                    msg.splice(i..i, chunk);
                }
            }
        }
        if let Ok(env) = parse_envelope(&msg) {
            // Whatever parsed must hand out in-bounds ranges, and inlining must stay bounded.
            for e in &env.body {
                assert!(e.range.end <= msg.len());
                let _ = inline_multirefs(&env, e.range.clone(), RefLimits::default());
            }
        }
    }
}
