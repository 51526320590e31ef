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
