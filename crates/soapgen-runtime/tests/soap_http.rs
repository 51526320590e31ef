//! The client core over real HTTP on 127.0.0.1: a fault matrix against a tiny raw TCP
//! server (full control over what goes on the wire), cookies, SOAPAction, and an
//! end-to-end run against the server adapter.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use soapgen_runtime::server::{
    serve, Dispatcher, RawRequest, Reply, ServeConfig, SoapHandler, SoapRequest,
};
use soapgen_runtime::soap::{
    Client, Error, Fault, FaultCode, OperationMeta, QName, SoapVersion, Style, Use,
};
use soapgen_runtime::transport::{BoxFuture, HttpConfig, HttpTransport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const OP11: OperationMeta = OperationMeta {
    name: "getProfile",
    soap_action: Some("urn:getProfile"),
    version: SoapVersion::Soap11,
    style: Style::Document,
    body_use: Use::Literal,
    one_way: false,
    namespaces: &[("m", "urn:m")],
};

const OP12: OperationMeta = OperationMeta {
    version: SoapVersion::Soap12,
    ..OP11
};

/// One request as the raw server saw it.
#[derive(Debug, Clone)]
struct Seen {
    head: String,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }
}

/// What the raw server sends back.
#[derive(Clone)]
struct Canned {
    bytes: Vec<u8>,
    delay: Duration,
    /// Close the connection after writing (a lying Content-Length, or no answer at all).
    close: bool,
}

fn http_response(status: &str, content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{extra}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

type Responder = Arc<dyn Fn(usize, &Seen) -> Canned + Send + Sync>;

/// A keep-alive HTTP/1.1 server answering with `respond(request_index, request)`.
async fn raw_server(respond: Responder) -> (SocketAddr, Arc<Mutex<Vec<Seen>>>) {
    let (addr, seen, _) = raw_server_counting(respond).await;
    (addr, seen)
}

/// [`raw_server`], also counting accepted connections.
async fn raw_server_counting(
    respond: Responder,
) -> (SocketAddr, Arc<Mutex<Vec<Seen>>>, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let connections = Arc::new(Mutex::new(0usize));
    let log = Arc::clone(&seen);
    let counter = Arc::clone(&connections);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            *counter.lock().unwrap() += 1;
            let respond = Arc::clone(&respond);
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                loop {
                    // Read one request: head, then Content-Length bytes of body.
                    let head_end = loop {
                        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                        let mut chunk = [0u8; 4096];
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
                    let probe = Seen {
                        head: head.clone(),
                        body: Vec::new(),
                    };
                    let len: usize = probe
                        .header("content-length")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    while buf.len() < head_end + len {
                        let mut chunk = [0u8; 4096];
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let request = Seen {
                        head,
                        body: buf[head_end..head_end + len].to_vec(),
                    };
                    buf.drain(..head_end + len);
                    let index = {
                        let mut log = log.lock().unwrap();
                        log.push(request.clone());
                        log.len() - 1
                    };
                    let canned = respond(index, &request);
                    tokio::time::sleep(canned.delay).await;
                    if stream.write_all(&canned.bytes).await.is_err() {
                        return;
                    }
                    if canned.close {
                        let _ = stream.shutdown().await;
                        return;
                    }
                }
            });
        }
    });
    (addr, seen, connections)
}

fn canned(bytes: Vec<u8>) -> Canned {
    Canned {
        bytes,
        delay: Duration::ZERO,
        close: false,
    }
}

fn client(addr: SocketAddr, config: HttpConfig) -> Client<HttpTransport> {
    Client::new(
        HttpTransport::with_config(config).unwrap(),
        format!("http://{addr}/soap"),
    )
}

fn body(o: &mut Vec<u8>) {
    o.extend_from_slice(b"<m:getProfile><m:id>1</m:id></m:getProfile>");
}

const FAULT11: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>database unavailable</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
const FAULT12: &str = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:copernica"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>c:NoSuchProfile</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">no such profile</env:Text></env:Reason><env:Detail><c:ProfileFault><c:id>1</c:id></c:ProfileFault></env:Detail></env:Fault></env:Body></env:Envelope>"#;
/// `OK11` + "\n", gzip-compressed (by Python's gzip module, mtime 0).
const GZIPPED_OK11: &str = "1f8b08000000000002036d8e410a02310c45f79e427a80c93e740a0aeec51b14cdcc084d529a3ae8edb543170aee1e2fff7fe24d63c693ac9434d3fec9490c9b1bdd526b4600bb2ec4d186cfa9f941cb0c0d807a095caff1e81e45905df0dbea516fafe01967aae7a2d33dd1852cab18352b91291c443c746ef02f0a5f63f0f36ed8bd01dadbb3a1bf000000";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

const OK11: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:m"><soap:Body><m:getProfileResponse><m:name>Ann</m:name></m:getProfileResponse></soap:Body></soap:Envelope>"#;

#[tokio::test(flavor = "current_thread")]
async fn fault_matrix_gives_distinct_typed_errors() {
    let respond: Responder = Arc::new(|_, req: &Seen| {
        let path = req.head.split_whitespace().nth(1).unwrap_or("").to_owned();
        match path.as_str() {
            "/fault11" => canned(http_response(
                "500 Internal Server Error",
                "text/xml; charset=utf-8",
                "",
                FAULT11.as_bytes(),
            )),
            "/fault12" => canned(http_response(
                "400 Bad Request",
                "application/soap+xml; charset=utf-8",
                "",
                FAULT12.as_bytes(),
            )),
            "/html500" => canned(http_response(
                "500 Internal Server Error",
                "text/html",
                "",
                b"<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>",
            )),
            "/plain200" => canned(http_response("200 OK", "text/plain", "", b"hello")),
            "/slow" => Canned {
                bytes: http_response("200 OK", "text/xml", "", OK11.as_bytes()),
                delay: Duration::from_secs(3),
                close: false,
            },
            "/cut-http" => {
                // Promises 5000 bytes, sends part of the envelope, closes.
                let mut out =
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n"
                        .to_vec();
                out.extend_from_slice(&OK11.as_bytes()[..60]);
                Canned {
                    close: true,
                    ..canned(out)
                }
            }
            "/cut-xml" => canned(http_response(
                "200 OK",
                "text/xml",
                "",
                &OK11.as_bytes()[..OK11.len() - 30],
            )),
            // Reads the request, then hangs up without a word.
            "/drop" => Canned {
                close: true,
                ..canned(Vec::new())
            },
            "/gzip" => canned(http_response(
                "200 OK",
                "text/xml",
                "Content-Encoding: gzip\r\n",
                &hex(GZIPPED_OK11),
            )),
            _ => canned(http_response("200 OK", "text/xml", "", OK11.as_bytes())),
        }
    });
    let (addr, seen) = raw_server(respond).await;
    let config = HttpConfig {
        timeout: Some(Duration::from_millis(500)),
        ..HttpConfig::default()
    };
    let transport = HttpTransport::with_config(config).unwrap();
    let at = |path: &str| Client::new(transport.clone(), format!("http://{addr}{path}"));

    match at("/fault11").call(&OP11, body, &[]).await {
        Err(Error::Fault(f)) => {
            assert_eq!(f.code, FaultCode::Receiver);
            assert_eq!(f.reason(), "database unavailable");
        }
        other => panic!("fault11: {other:?}"),
    }
    match at("/fault12").call(&OP12, body, &[]).await {
        Err(Error::Fault(f)) => {
            assert_eq!(f.code, FaultCode::Sender);
            assert_eq!(
                f.subcodes,
                vec![QName::new("urn:copernica", "NoSuchProfile")]
            );
            assert_eq!(
                f.detail.as_deref(),
                Some(&b"<c:ProfileFault><c:id>1</c:id></c:ProfileFault>"[..])
            );
            assert_eq!(f.detail_namespaces.resolve("c"), Some("urn:copernica"));
        }
        other => panic!("fault12: {other:?}"),
    }
    match at("/html500").call(&OP11, body, &[]).await {
        Err(Error::Http { status, snippet }) => {
            assert_eq!(status, 500);
            assert!(snippet.contains("Internal Server Error"), "{snippet}");
        }
        other => panic!("html500: {other:?}"),
    }
    match at("/plain200").call(&OP11, body, &[]).await {
        Err(Error::NonXmlBody {
            status: 200,
            snippet,
        }) => assert_eq!(snippet, "hello"),
        other => panic!("plain200: {other:?}"),
    }
    match at("/slow").call(&OP11, body, &[]).await {
        Err(Error::Timeout) => {}
        other => panic!("slow: {other:?}"),
    }
    match at("/cut-http").call(&OP11, body, &[]).await {
        Err(Error::TruncatedBody { position }) => assert_eq!(position, 60),
        other => panic!("cut-http: {other:?}"),
    }
    match at("/cut-xml").call(&OP11, body, &[]).await {
        Err(Error::TruncatedBody { position }) => assert_eq!(position, OK11.len() - 30),
        other => panic!("cut-xml: {other:?}"),
    }
    // Connection refused: a port nobody listens on any more. Credentials in the URL
    // must not leak into the message.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let refused = Client::new(
        transport.clone(),
        format!("http://user:hunter2@127.0.0.1:{port}/soap?token=s3cr3t"),
    );
    match refused.call(&OP11, body, &[]).await {
        Err(e @ Error::Connect(_)) => {
            let text = format!("{e} {e:?}");
            assert!(
                !text.contains("hunter2") && !text.contains("s3cr3t"),
                "{text}"
            );
        }
        other => panic!("refused: {other:?}"),
    }
    // The request may have reached the server: reported, and not retried.
    let before = seen.lock().unwrap().len();
    match at("/drop").call(&OP11, body, &[]).await {
        Err(Error::Transport(_)) => {}
        other => panic!("drop: {other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), before + 1, "no silent retry");
    // gzip-encoded answers are decompressed.
    let ok = at("/gzip").call(&OP11, body, &[]).await.unwrap();
    assert!(ok
        .body_xml()
        .unwrap()
        .starts_with(b"<m:getProfileResponse>"));
    // And the happy path through the same server.
    let ok = at("/ok").call(&OP11, body, &[]).await.unwrap();
    assert_eq!(
        ok.body_xml().unwrap(),
        b"<m:getProfileResponse><m:name>Ann</m:name></m:getProfileResponse>"
    );
    assert_eq!(ok.body_namespaces().resolve("m"), Some("urn:m"));
}

#[tokio::test(flavor = "current_thread")]
async fn soap_action_content_type_and_basic_auth_are_sent() {
    let respond: Responder =
        Arc::new(|_, _| canned(http_response("200 OK", "text/xml", "", OK11.as_bytes())));
    let (addr, seen) = raw_server(respond).await;
    let config = HttpConfig {
        basic_auth: Some(("ann".into(), "pw".into())),
        ..HttpConfig::default()
    };
    let mut c = client(addr, config);
    c.add_http_header("X-Trace", "t1");
    c.call(
        &OP11,
        body,
        &[b"<h:Session xmlns:h=\"urn:h\">s</h:Session>"],
    )
    .await
    .unwrap();
    c.call(&OP12, body, &[]).await.unwrap();
    let without_action = OperationMeta {
        soap_action: None,
        ..OP11
    };
    c.call(&without_action, body, &[]).await.unwrap();

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    let first = &seen[0];
    assert!(first.head.starts_with("POST /soap HTTP/1.1"));
    assert_eq!(
        first.header("soapaction").as_deref(),
        Some("\"urn:getProfile\"")
    );
    assert_eq!(
        first.header("content-type").as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(first.header("x-trace").as_deref(), Some("t1"));
    assert_eq!(
        first.header("authorization").as_deref(),
        Some("Basic YW5uOnB3")
    );
    assert!(first
        .header("accept-encoding")
        .unwrap_or_default()
        .contains("gzip"));
    let text = String::from_utf8(first.body.clone()).unwrap();
    assert!(
        text.contains(
            "<soapenv:Header><h:Session xmlns:h=\"urn:h\">s</h:Session></soapenv:Header>"
        ),
        "{text}"
    );
    assert!(text.contains("xmlns:m=\"urn:m\""));
    assert!(text.contains("<soapenv:Body><m:getProfile>"));

    let second = &seen[1];
    assert_eq!(second.header("soapaction"), None);
    assert_eq!(
        second.header("content-type").as_deref(),
        Some("application/soap+xml; charset=utf-8; action=\"urn:getProfile\"")
    );
    // SOAP 1.1 always sends the header, empty when the binding has no action.
    assert_eq!(seen[2].header("soapaction").as_deref(), Some("\"\""));
}

#[tokio::test(flavor = "current_thread")]
async fn cookie_session_is_kept_across_calls() {
    let respond: Responder = Arc::new(|i, _| {
        let extra = if i == 0 {
            "Set-Cookie: soapsession=abc123; Path=/\r\n"
        } else {
            ""
        };
        canned(http_response("200 OK", "text/xml", extra, OK11.as_bytes()))
    });
    let (addr, seen, connections) = raw_server_counting(respond).await;
    let c = client(addr, HttpConfig::default());
    for _ in 0..3 {
        c.call(&OP11, body, &[]).await.unwrap();
    }
    assert_eq!(*connections.lock().unwrap(), 1, "the connection is reused");
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen[0].header("cookie"), None);
    assert_eq!(
        seen[1].header("cookie").as_deref(),
        Some("soapsession=abc123")
    );
    assert_eq!(
        seen[2].header("cookie").as_deref(),
        Some("soapsession=abc123")
    );

    // With the cookie store off nothing is replayed.
    let respond: Responder = Arc::new(|_, _| {
        canned(http_response(
            "200 OK",
            "text/xml",
            "Set-Cookie: soapsession=abc123; Path=/\r\n",
            OK11.as_bytes(),
        ))
    });
    let (addr, seen) = raw_server(respond).await;
    let c = client(
        addr,
        HttpConfig {
            cookies: false,
            ..HttpConfig::default()
        },
    );
    c.call(&OP11, body, &[]).await.unwrap();
    c.call(&OP11, body, &[]).await.unwrap();
    assert_eq!(seen.lock().unwrap()[1].header("cookie"), None);
}

/// A hand-written "generated skeleton": echo, and a typed fault.
struct Echo;

impl SoapHandler for Echo {
    fn handle<'a>(&'a self, request: &'a SoapRequest) -> BoxFuture<'a, Result<Reply, Fault>> {
        Box::pin(async move {
            let op = request.operation().cloned();
            match op {
                Some(q) if q == QName::new("urn:m", "echo") => {
                    let xml = request.body_xml().unwrap_or_default();
                    let text = String::from_utf8_lossy(xml).into_owned();
                    let inner = text
                        .split_once("<m:text>")
                        .and_then(|(_, rest)| rest.split_once("</m:text>"))
                        .map(|(t, _)| t.to_owned())
                        .unwrap_or_default();
                    if inner == "fail" {
                        return Err(Fault::sender(request.version(), "asked to fail")
                            .with_detail(|o| {
                                o.extend_from_slice(b"<m:EchoFault xmlns:m=\"urn:m\"><m:why>fail</m:why></m:EchoFault>")
                            }));
                    }
                    let action = request.soap_action.clone().unwrap_or_default();
                    Ok(Reply::write(|o| {
                        o.extend_from_slice(
                            format!("<m:echoResponse xmlns:m=\"urn:m\"><m:text>{inner}</m:text><m:action>{action}</m:action></m:echoResponse>")
                                .as_bytes(),
                        )
                    }))
                }
                _ => Err(Fault::sender(request.version(), "unknown operation")),
            }
        })
    }

    fn understood_headers(&self) -> Vec<QName> {
        vec![QName::new("urn:h", "Session")]
    }
}

const ECHO: OperationMeta = OperationMeta {
    name: "echo",
    soap_action: Some("urn:echo"),
    version: SoapVersion::Soap11,
    style: Style::Document,
    body_use: Use::Literal,
    one_way: false,
    namespaces: &[("m", "urn:m")],
};

async fn start_echo_server(config: ServeConfig) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = Arc::new(Dispatcher::new(Echo).max_request_bytes(64 * 1024));
    tokio::spawn(serve(listener, service, config));
    addr
}

fn echo_body(text: &'static str) -> impl FnOnce(&mut Vec<u8>) {
    move |o: &mut Vec<u8>| {
        o.extend_from_slice(format!("<m:echo><m:text>{text}</m:text></m:echo>").as_bytes())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn end_to_end_server_adapter_and_client_core() {
    let config = ServeConfig {
        wsdl: Some(Arc::new(
            b"<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>".to_vec(),
        )),
        max_request_bytes: 64 * 1024,
        ..ServeConfig::default()
    };
    let addr = start_echo_server(config).await;
    let c = client(addr, HttpConfig::default());
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let op = OperationMeta { version, ..ECHO };
        let resp = c.call(&op, echo_body("hello"), &[]).await.unwrap();
        assert_eq!(resp.layout.version, version);
        assert_eq!(
            resp.body_xml().unwrap(),
            b"<m:echoResponse xmlns:m=\"urn:m\"><m:text>hello</m:text><m:action>urn:echo</m:action></m:echoResponse>"
        );
        match c.call(&op, echo_body("fail"), &[]).await {
            Err(Error::Fault(f)) => {
                assert_eq!(f.version, version);
                assert_eq!(f.code, FaultCode::Sender);
                assert_eq!(f.reason(), "asked to fail");
                assert_eq!(
                    f.detail.as_deref(),
                    Some(&b"<m:EchoFault xmlns:m=\"urn:m\"><m:why>fail</m:why></m:EchoFault>"[..])
                );
            }
            other => panic!("{other:?}"),
        }
    }
    // mustUnderstand: an understood block passes, an unknown one is a MustUnderstand fault.
    let known = b"<h:Session xmlns:h=\"urn:h\" xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:mustUnderstand=\"1\">x</h:Session>";
    c.call(&ECHO, echo_body("hi"), &[known]).await.unwrap();
    let unknown = b"<h:Other xmlns:h=\"urn:h\" xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:mustUnderstand=\"1\">x</h:Other>";
    match c.call(&ECHO, echo_body("hi"), &[unknown]).await {
        Err(Error::Fault(f)) => assert_eq!(f.code, FaultCode::MustUnderstand),
        other => panic!("{other:?}"),
    }

    // Raw HTTP: WSDL, malformed and oversized requests.
    let http = reqwest_like(addr).await;
    assert_eq!(http.get("/soap?wsdl").await.0, 200);
    let (status, body) = http.get("/soap?SOAPAPI=WSDL").await;
    assert_eq!(status, 200);
    assert!(body.starts_with("<definitions"));
    assert_eq!(http.get("/soap").await.0, 404);
    let (status, body) = http.post("text/xml", b"<not-closed>".to_vec()).await;
    assert_eq!(status, 500);
    assert!(
        body.contains("<faultcode>soapenv:Client</faultcode>"),
        "{body}"
    );
    assert!(body.contains("malformed request"), "{body}");
    let (status, body) = http.post("application/soap+xml", b"garbage".to_vec()).await;
    assert_eq!(status, 400, "SOAP 1.2 Sender faults are 400");
    assert!(body.contains("env:Sender"), "{body}");
    let (status, body) = http.post("text/xml", vec![b' '; 100 * 1024]).await;
    assert_eq!(status, 413);
    assert!(body.contains("larger than"), "{body}");
}

/// Minimal HTTP helper on the async transport's sibling: plain reqwest is not a direct
/// dependency of the tests, so talk HTTP/1.1 by hand.
struct RawHttp {
    addr: SocketAddr,
}

async fn reqwest_like(addr: SocketAddr) -> RawHttp {
    RawHttp { addr }
}

impl RawHttp {
    async fn exchange(&self, request: Vec<u8>) -> (u16, String) {
        let mut stream = tokio::net::TcpStream::connect(self.addr).await.unwrap();
        stream.write_all(&request).await.unwrap();
        let mut out = Vec::new();
        stream.read_to_end(&mut out).await.unwrap();
        let text = String::from_utf8_lossy(&out).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    async fn get(&self, path: &str) -> (u16, String) {
        self.exchange(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(),
        )
        .await
    }

    async fn post(&self, content_type: &str, body: Vec<u8>) -> (u16, String) {
        let mut req = format!(
            "POST /soap HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        req.extend_from_slice(&body);
        self.exchange(req).await
    }
}

#[test]
fn blocking_client_against_server_adapter() {
    use soapgen_runtime::soap::BlockingClient;
    use soapgen_runtime::transport::blocking::BlockingHttpTransport;

    let (tx, rx) = std::sync::mpsc::channel();
    let server = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let addr = start_echo_server(ServeConfig::default()).await;
            tx.send(addr).unwrap();
            // Serve until the test is done (bounded).
            tokio::time::sleep(Duration::from_secs(20)).await;
        });
    });
    let addr = rx.recv().unwrap();
    let c = BlockingClient::new(
        BlockingHttpTransport::new().unwrap(),
        format!("http://{addr}/soap"),
    );
    let resp = c.call(&ECHO, echo_body("sync"), &[]).unwrap();
    assert!(resp.body_xml().unwrap().windows(4).any(|w| w == b"sync"));
    match c.call(&ECHO, echo_body("fail"), &[]) {
        Err(Error::Fault(f)) => assert_eq!(f.reason(), "asked to fail"),
        other => panic!("{other:?}"),
    }
    drop(server);
}

#[test]
fn dispatcher_without_http_handles_garbage_without_panicking() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let d = Dispatcher::new(Echo);
    let inputs: [&[u8]; 6] = [
        b"",
        b"\xff\xfe\x00",
        b"<a",
        b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body/></e:Envelope>",
        b"<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><e:Fault><faultcode>e:Client</faultcode></e:Fault></e:Body></e:Envelope>",
        b"<!DOCTYPE lol [<!ENTITY a \"aaaa\">]><lol>&a;</lol>",
    ];
    for input in inputs {
        let resp = rt.block_on(d.dispatch(RawRequest {
            content_type: Some("text/xml".into()),
            soap_action: None,
            headers: Vec::new(),
            body: input.to_vec(),
        }));
        assert_eq!(resp.status, 500, "{}", String::from_utf8_lossy(input));
        let env = soapgen_runtime::soap::parse_envelope(&resp.body).unwrap();
        assert_eq!(env.fault.as_ref().unwrap().code, FaultCode::Sender);
    }
}
