//! Blocking transports (feature `blocking`): the same contract as
//! [`Transport`](super::Transport) without async, on `reqwest::blocking`.

use std::fmt;

use super::http::{chain, HttpConfig};
use super::{HttpRequest, HttpResponse};
use crate::soap::Error;

/// Sends a request and returns the response, whatever its status, blocking the thread.
/// Same error contract as [`super::Transport`].
pub trait BlockingTransport: Send + Sync {
    /// Send `request`.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error>;
}

/// [`super::HttpTransport`]'s blocking twin, sharing [`HttpConfig`].
///
/// reqwest's blocking client runs its own runtime thread; do not create or use it from
/// inside an async runtime.
#[derive(Clone)]
pub struct BlockingHttpTransport {
    client: reqwest::blocking::Client,
    config: HttpConfig,
}

impl fmt::Debug for BlockingHttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingHttpTransport")
            .field("config", &self.config)
            .finish()
    }
}

impl BlockingHttpTransport {
    /// A transport with [`HttpConfig::default`].
    pub fn new() -> Result<BlockingHttpTransport, Error> {
        BlockingHttpTransport::with_config(HttpConfig::default())
    }

    /// A transport with `config`.
    pub fn with_config(config: HttpConfig) -> Result<BlockingHttpTransport, Error> {
        let mut builder = reqwest::blocking::Client::builder()
            .connect_timeout(config.connect_timeout)
            .cookie_store(config.cookies)
            .gzip(true)
            .user_agent(config.user_agent.clone())
            .danger_accept_invalid_certs(config.danger_accept_invalid_certs)
            .timeout(config.timeout);
        for pem in &config.root_certs_pem {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| Error::Transport(format!("bad root certificate: {}", chain(&e))))?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder
            .build()
            .map_err(|e| Error::Transport(format!("building HTTP client: {}", chain(&e))))?;
        Ok(BlockingHttpTransport { client, config })
    }
}

impl BlockingTransport for BlockingHttpTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        use std::io::Read as _;
        let mut attempt = 0u32;
        let response = loop {
            let mut builder = self
                .client
                .post(&request.url)
                .header(reqwest::header::CONTENT_TYPE, &request.content_type)
                .body(request.body.clone());
            for (name, value) in &request.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            if let Some((user, password)) = &self.config.basic_auth {
                builder = builder.basic_auth(user, Some(password));
            }
            match builder.send() {
                Ok(r) => break r,
                Err(e) if e.is_timeout() => return Err(Error::Timeout),
                Err(e) if e.is_connect() => {
                    if attempt < self.config.connect_retries {
                        attempt += 1;
                        continue;
                    }
                    return Err(Error::Connect(chain(&e)));
                }
                Err(e) => return Err(Error::Transport(chain(&e))),
            }
        };
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let limit = self.config.max_response_bytes;
        let mut body = Vec::new();
        // Read one byte past the limit to tell "exactly at" from "over".
        let mut limited = response.take(limit as u64 + 1);
        if let Err(e) = limited.read_to_end(&mut body) {
            return Err(match e.kind() {
                std::io::ErrorKind::TimedOut => Error::Timeout,
                _ => Error::TruncatedBody {
                    position: body.len(),
                },
            });
        }
        if body.len() > limit {
            return Err(Error::TooLarge { limit });
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}
