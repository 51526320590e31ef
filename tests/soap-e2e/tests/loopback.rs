//! Generated clients call generated servers over real HTTP on 127.0.0.1:
//! document/literal wrapped over SOAP 1.1 and 1.2 (calculator), WCF
//! (wcf-partnerservice: nillable wrapped members, typed faults), rpc/encoded
//! (mantisconnect) and headers (salesforce-partner, pruned).

use std::sync::Arc;

use soapgen_runtime::ops::{NoFault, OpError};
use soapgen_runtime::transport::HttpTransport;
use soapgen_soap_e2e::support::serve_loopback;

fn http() -> HttpTransport {
    HttpTransport::new().expect("HTTP transport")
}

mod calculator {
    use super::*;
    use soapgen_soap_e2e::calculator::{client, operations, server, tempuri_org as t};

    pub struct Calc;

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

    #[tokio::test]
    async fn calculator_soap11_and_soap12_over_loopback() {
        let url11 = serve_loopback(
            Arc::new(server::CalculatorSoapServer::new(Calc).into_dispatcher()),
            None,
        )
        .await;
        let url12 = serve_loopback(
            Arc::new(server::CalculatorSoap12Server::new(Calc).into_dispatcher()),
            None,
        )
        .await;
        let c11 = client::CalculatorSoapClient::with_endpoint(http(), url11);
        let c12 = client::CalculatorSoap12Client::with_endpoint(http(), url12);

        // Unwrapped parameters and result, and the raw wrapper flavour.
        assert_eq!(c11.add(2, 40).await.expect("add 1.1"), 42);
        assert_eq!(c12.add(-2, 40).await.expect("add 1.2"), 38);
        assert_eq!(c12.subtract(2, 40).await.expect("subtract 1.2"), -38);
        let raw = c11
            .divide_raw(t::Divide { int_a: 9, int_b: 2 })
            .await
            .expect("divide_raw");
        assert_eq!(raw, t::DivideResponse { divide_result: 4 });

        // A fault: Client on 1.1, Sender on 1.2 (HTTP 400), reason kept.
        for err in [
            c11.divide(1, 0).await.expect_err("1.1 division by zero"),
            c12.divide(1, 0).await.expect_err("1.2 division by zero"),
        ] {
            let f = err.fault().expect("a fault");
            assert_eq!(f.reason(), "division by zero");
            assert_eq!(f.code, soapgen_runtime::soap::FaultCode::Sender);
        }

        // Not implemented by `Calc`: the trait's default answers a Server fault.
        let err = c12.multiply(6, 7).await.expect_err("multiply");
        assert_eq!(
            err.fault().map(|f| f.reason().to_string()),
            Some("operation `Multiply` is not implemented".to_string())
        );

        // A SOAP 1.1 request to the 1.2 endpoint's operations still routes
        // (the handler routes on the body element), and a wrong body is a
        // Client fault, not a panic.
        let req = c11.core.build_request(
            &operations::CALCULATOR_SOAP_ADD,
            |o| o.extend_from_slice(b"<x:Nope xmlns:x=\"urn:nope\"/>"),
            &[],
        );
        assert!(String::from_utf8_lossy(&req.body).contains("<x:Nope"));
        let err = c11
            .core
            .call(
                &operations::CALCULATOR_SOAP_ADD,
                |o| o.extend_from_slice(b"<x:Nope xmlns:x=\"urn:nope\"/>"),
                &[],
            )
            .await
            .expect_err("unknown body element");
        let f = err.fault().expect("fault");
        assert_eq!(f.code, soapgen_runtime::soap::FaultCode::Sender);
        assert!(f.reason().contains("{urn:nope}Nope"), "{}", f.reason());
    }

    /// SOAP 1.2 requests carry the action in the content type, 1.1 in SOAPAction.
    #[test]
    fn calculator_request_headers() {
        let c12 = client::CalculatorSoap12Client::with_endpoint(http(), "http://127.0.0.1:1/");
        let req = c12
            .core
            .build_request(&operations::CALCULATOR_SOAP12_ADD, |_| {}, &[]);
        assert_eq!(
            req.content_type,
            "application/soap+xml; charset=utf-8; action=\"http://tempuri.org/Add\""
        );
        let c11 = client::CalculatorSoapClient::with_endpoint(http(), "http://127.0.0.1:1/");
        let req = c11
            .core
            .build_request(&operations::CALCULATOR_SOAP_ADD, |_| {}, &[]);
        assert!(req
            .headers
            .iter()
            .any(|(k, v)| k == "SOAPAction" && v == "\"http://tempuri.org/Add\""));
    }
}

mod salesforce {
    use super::*;
    use soapgen_runtime::types::Nillable;
    use soapgen_soap_e2e::salesforce::{
        client, fault_partner_soap_sforce_com as fault, operations, partner_soap_sforce_com as t,
        server,
    };

    struct Org;

    fn login_result(session: &str) -> t::LoginResult {
        t::LoginResult {
            metadata_server_url: Nillable::Nil,
            password_expired: false,
            sandbox: true,
            server_url: Nillable::Value(
                "https://example.my.salesforce.com/services/Soap/u/60.0".into(),
            ),
            session_id: Nillable::Value(session.into()),
            user_id: Nillable::Value(t::Id("005000000000001AAA".into())),
            user_info: None,
        }
    }

    impl server::Soap for Org {
        async fn login(
            &self,
            p: t::Login,
            h: operations::LoginHeaders,
        ) -> Result<t::LoginResponse, OpError<operations::LoginFaults>> {
            // The CallOptions header arrives typed.
            let client = h.call_options.map(|c| c.client);
            if p.password != "secret" || client != Some(Nillable::Value("e2e".into())) {
                return Err(OpError::declared(
                    "INVALID_LOGIN: Invalid username, password, security token; or user locked out.",
                    operations::LoginFaults::LoginFault(fault::LoginFault {
                        exception_code: fault::ExceptionCode::InvalidLogin,
                        exception_message: "Invalid username, password".into(),
                        extended_error_details: Vec::new(),
                    }),
                ));
            }
            Ok(t::LoginResponse {
                result: login_result(&format!("SESSION-{}", p.username)),
            })
        }

        async fn query(
            &self,
            p: t::Query,
            h: operations::QueryHeaders,
        ) -> Result<
            (t::QueryResponse, operations::QueryResponseHeaders),
            OpError<operations::QueryFaults>,
        > {
            if h.session_header.map(|s| s.session_id) != Some("SESSION-admin".into()) {
                return Err(OpError::declared(
                    "INVALID_SESSION_ID",
                    operations::QueryFaults::UnexpectedErrorFault(fault::UnexpectedErrorFault {
                        exception_code: fault::ExceptionCode::InvalidSessionId,
                        exception_message: "Invalid Session ID found in SessionHeader".into(),
                        extended_error_details: Vec::new(),
                    }),
                ));
            }
            if !p.query_string.starts_with("SELECT") {
                return Err(OpError::declared(
                    "MALFORMED_QUERY",
                    operations::QueryFaults::MalformedQueryFault(fault::MalformedQueryFault {
                        exception_code: fault::ExceptionCode::MalformedQuery,
                        exception_message: format!("unexpected token: {}", p.query_string),
                        extended_error_details: Vec::new(),
                        column: 1,
                        row: 1,
                    }),
                ));
            }
            let limits = t::LimitInfoHeader {
                limit_info: vec![t::LimitInfo {
                    current: 7,
                    limit: 15000,
                    r#type: "API REQUESTS".into(),
                }],
            };
            Ok((
                t::QueryResponse {
                    result: t::QueryResult {
                        done: true,
                        query_locator: Nillable::Nil,
                        records: Vec::new(),
                        size: 0,
                    },
                },
                operations::QueryResponseHeaders {
                    limit_info_header: Some(limits),
                },
            ))
        }
    }

    #[tokio::test]
    async fn salesforce_headers_and_faults_over_loopback() {
        let url = serve_loopback(
            Arc::new(server::SoapBindingServer::new(Org).into_dispatcher()),
            None,
        )
        .await;
        let c = client::SoapClient::with_endpoint(http(), url);

        let call_options = operations::LoginHeaders {
            call_options: Some(t::CallOptions {
                client: Nillable::Value("e2e".into()),
                default_namespace: Nillable::Nil,
            }),
            ..Default::default()
        };
        let session = c
            .login("admin".into(), "secret".into(), &call_options)
            .await
            .expect("login");
        assert_eq!(session.session_id, Nillable::Value("SESSION-admin".into()));
        assert_eq!(session.metadata_server_url, Nillable::Nil);

        // A typed fault among the operation's declared faults.
        let err = c
            .login("admin".into(), "wrong".into(), &call_options)
            .await
            .expect_err("bad password");
        match err.detail() {
            Some(operations::LoginFaults::LoginFault(f)) => {
                assert_eq!(f.exception_code, fault::ExceptionCode::InvalidLogin)
            }
            other => panic!("expected LoginFault, got {other:?} / {err}"),
        }

        // Request headers in, response headers out.
        let headers = operations::QueryHeaders {
            session_header: Some(t::SessionHeader {
                session_id: "SESSION-admin".into(),
            }),
            query_options: Some(t::QueryOptions {
                batch_size: Some(200),
            }),
            ..Default::default()
        };
        let (result, out_headers) = c
            .query("SELECT Id FROM Account".into(), &headers)
            .await
            .expect("query");
        assert!(result.done);
        let limits = out_headers.limit_info_header.expect("LimitInfoHeader");
        assert_eq!(limits.limit_info[0].limit, 15000);

        let err = c
            .query("DELETE everything".into(), &headers)
            .await
            .expect_err("malformed");
        assert!(
            matches!(err.detail(), Some(operations::QueryFaults::MalformedQueryFault(f)) if f.column == 1),
            "{err:?}"
        );
        let err = c
            .query(
                "SELECT Id FROM Account".into(),
                &operations::QueryHeaders::default(),
            )
            .await
            .expect_err("no session");
        assert!(matches!(
            err.detail(),
            Some(operations::QueryFaults::UnexpectedErrorFault(_))
        ));
    }
}

mod partner_service {
    use super::*;
    use soapgen_runtime::types::Nillable;
    use soapgen_soap_e2e::partner_service::{
        client, operations, schemas_euroconsumers_com_partner as p, server, tempuri_org as t,
    };

    struct Partners;

    impl server::IPartnerService for Partners {
        async fn simple_is_member(
            &self,
            req: t::SimpleIsMember,
        ) -> Result<t::SimpleIsMemberResponse, OpError<operations::SimpleIsMemberFaultFault>>
        {
            let Some(Nillable::Value(r)) = req.request else {
                return Err(OpError::sender("request is required"));
            };
            if r.partner_password != Some(Nillable::Value("pw".into())) {
                return Err(OpError::declared(
                    "invalid partner credentials",
                    operations::SimpleIsMemberFaultFault::SimpleIsMemberFaultFault(
                        p::SimpleIsMemberFault {
                            reason: Some(p::SimpleIsMemberFaultReason::InvalidPartnerCredentials),
                        },
                    ),
                ));
            }
            let is_member = r.member_number.is_some_and(|n| n % 2 == 0)
                && r.country == Some(p::Country::Belgium);
            Ok(t::SimpleIsMemberResponse {
                simple_is_member_result: Some(Nillable::Value(p::SimpleIsMemberResponse {
                    is_member: Some(is_member),
                })),
            })
        }
    }

    fn request(member: i32, password: &str) -> Option<Nillable<p::SimpleIsMemberRequest>> {
        Some(Nillable::Value(p::SimpleIsMemberRequest {
            check_digit: Some(7),
            country: Some(p::Country::Belgium),
            member_number: Some(member),
            partner_credentials: Some(Nillable::Nil),
            partner_name: Some(Nillable::Value("acme".into())),
            partner_password: Some(Nillable::Value(password.into())),
        }))
    }

    #[tokio::test]
    async fn wcf_partner_service_over_loopback() {
        let url = serve_loopback(
            Arc::new(server::PartnerServiceBasicEndPointServer::new(Partners).into_dispatcher()),
            None,
        )
        .await;
        let c = client::PartnerServiceBasicEndPointClient::with_endpoint(http(), url);
        let yes = c.simple_is_member(request(42, "pw")).await.expect("member");
        assert_eq!(
            yes,
            Some(Nillable::Value(p::SimpleIsMemberResponse {
                is_member: Some(true)
            }))
        );
        let no = c
            .simple_is_member(request(41, "pw"))
            .await
            .expect("not a member");
        assert!(matches!(no, Some(Nillable::Value(r)) if r.is_member == Some(false)));
        let err = c
            .simple_is_member(request(42, "bad"))
            .await
            .expect_err("bad credentials");
        match err.detail() {
            Some(operations::SimpleIsMemberFaultFault::SimpleIsMemberFaultFault(f)) => assert_eq!(
                f.reason,
                Some(p::SimpleIsMemberFaultReason::InvalidPartnerCredentials)
            ),
            None => panic!("expected a typed fault, got {err}"),
        }
        let err = c.simple_is_member(None).await.expect_err("no request");
        assert_eq!(err.fault().map(|f| f.reason()), Some("request is required"));
    }
}

mod mantis {
    use super::*;
    use soapgen_runtime::types::Integer;
    use soapgen_soap_e2e::mantis::{client, operations, server};

    struct Mantis;

    impl server::MantisConnectPortType for Mantis {
        async fn mc_version(&self) -> Result<String, OpError<NoFault>> {
            Ok("1.2.19".into())
        }
        async fn mc_project_get_id_from_name(
            &self,
            username: String,
            password: String,
            project_name: String,
        ) -> Result<Integer, OpError<NoFault>> {
            if (username.as_str(), password.as_str()) != ("administrator", "root") {
                return Err(OpError::sender("Access denied"));
            }
            Ok(Integer::from(if project_name == "soapgen <&>" {
                7
            } else {
                0
            }))
        }
    }

    #[tokio::test]
    async fn mantis_rpc_encoded_over_loopback() {
        let url = serve_loopback(
            Arc::new(server::MantisConnectBindingServer::new(Mantis).into_dispatcher()),
            None,
        )
        .await;
        let c = client::MantisConnectPortClient::with_endpoint(http(), url);
        assert_eq!(c.mc_version().await.expect("mc_version"), "1.2.19");
        let id = c
            .mc_project_get_id_from_name(
                "administrator".into(),
                "root".into(),
                "soapgen <&>".into(),
            )
            .await
            .expect("mc_project_get_id_from_name");
        assert_eq!(id.to_i64(), Some(7));
        let err = c
            .mc_project_get_id_from_name("x".into(), "y".into(), "z".into())
            .await
            .expect_err("access denied");
        assert_eq!(err.fault().map(|f| f.reason()), Some("Access denied"));
    }

    /// rpc/encoded requests from the generated client: `encodingStyle` on
    /// the wrapper, `xsi:type` on every part accessor, `soapenc` declared.
    #[tokio::test]
    async fn mantis_encoded_request_shape() {
        let rec = Arc::new(soapgen_soap_e2e::support::Recorder::default());
        let c =
            client::MantisConnectPortClient::with_endpoint(Arc::clone(&rec), "http://127.0.0.1:1/");
        let _ = c
            .mc_project_get_id_from_name("a".into(), "b<".into(), "c".into())
            .await;
        let req = rec.last();
        assert_eq!(
            req.headers,
            [(
                "SOAPAction".to_string(),
                "\"http://www.mantisbt.org/bugs/api/soap/mantisconnect.php/mc_project_get_id_from_name\"".to_string()
            )]
        );
        let body = rec.last_body();
        assert!(
            body.contains("xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\""),
            "{body}"
        );
        assert!(
            body.contains("<ns0:mc_project_get_id_from_name xmlns:ns0=\"http://futureware.biz/mantisconnect\" xmlns:ns1=\"http://schemas.xmlsoap.org/soap/envelope/\" ns1:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"),
            "{body}"
        );
        assert!(
            body.contains("<username xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:ns2=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"ns2:string\">a</username>"),
            "{body}"
        );
        assert!(body.contains(">b&lt;</password>"), "{body}");
        let _ = operations::MANTIS_CONNECT_BINDING_MC_VERSION;
    }
}

/// The blocking client flavour (`Options::blocking`) and the flat module
/// layout, against the async generated server.
mod variants {
    use super::*;
    use soapgen_runtime::transport::blocking::BlockingHttpTransport;
    use soapgen_soap_e2e::{calculator, calculator_blocking, calculator_flat};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn blocking_client_and_flat_layout() {
        let url = serve_loopback(
            Arc::new(
                calculator::server::CalculatorSoap12Server::new(super::calculator::Calc)
                    .into_dispatcher(),
            ),
            None,
        )
        .await;
        let url2 = url.clone();
        let sum = tokio::task::spawn_blocking(move || {
            let c = calculator_blocking::client::CalculatorSoap12Client::with_endpoint(
                BlockingHttpTransport::new().expect("blocking transport"),
                url2,
            );
            let raw = c
                .add_raw(calculator_blocking::tempuri_org::Add { int_a: 1, int_b: 2 })
                .expect("add_raw");
            (c.add(20, 22).expect("add"), raw.add_result)
        })
        .await
        .expect("join");
        assert_eq!(sum, (42, 3));

        let flat = calculator_flat::client::CalculatorSoapClient::with_endpoint(http(), url);
        // The 1.1 client against the 1.2 endpoint: the dispatcher answers in
        // the request's version, routing on the body element.
        let err = flat
            .multiply_raw(calculator_flat::Multiply { int_a: 6, int_b: 7 })
            .await
            .expect_err("Multiply is not implemented by Calc");
        assert_eq!(
            err.fault().map(|f| f.reason()),
            Some("operation `Multiply` is not implemented")
        );
        assert_eq!(flat.add(5, 6).await.expect("add"), 11);
    }
}
