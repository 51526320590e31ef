//! The default HTTP transport on reqwest + rustls.

use std::fmt;
use std::time::Duration;

#[cfg(feature = "tracing")]
use super::redact_url;
use super::{BoxFuture, HttpRequest, HttpResponse, Transport};
use crate::soap::Error;

/// Settings of [`HttpTransport`]. Defaults are safe: timeouts on, certificate
/// verification on, cookies kept (session-based APIs such as Copernica log in once and
/// carry a session cookie), gzip accepted, bodies not logged.
#[derive(Clone)]
pub struct HttpConfig {
    /// Whole-request timeout (connect + send + receive). `None` disables it.
    pub timeout: Option<Duration>,
    /// Connection establishment timeout.
    pub connect_timeout: Duration,
    /// Keep cookies across calls.
    pub cookies: bool,
    /// Basic authentication `(user, password)` sent with every request.
    pub basic_auth: Option<(String, String)>,
    /// Extra trusted root certificates (PEM), on top of the bundled webpki roots.
    pub root_certs_pem: Vec<Vec<u8>>,
    /// Disable certificate verification. Dangerous; for test servers only.
    pub danger_accept_invalid_certs: bool,
    /// How often to retry when the connection could not be established. Requests that
    /// may have reached the server are never retried.
    pub connect_retries: u32,
    /// Largest response body accepted.
    pub max_response_bytes: usize,
    /// Log request/response bodies through `tracing` (feature `tracing`); off by default
    /// because bodies can hold credentials and personal data.
    pub log_bodies: bool,
    /// `User-Agent` header.
    pub user_agent: String,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Duration::from_secs(10),
            cookies: true,
            basic_auth: None,
            root_certs_pem: Vec::new(),
            danger_accept_invalid_certs: false,
            connect_retries: 1,
            max_response_bytes: 64 * 1024 * 1024,
            log_bodies: false,
            user_agent: concat!("soapgen-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// Never prints the password.
impl fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpConfig")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("cookies", &self.cookies)
            .field(
                "basic_auth",
                &self.basic_auth.as_ref().map(|(u, _)| (u, "<redacted>")),
            )
            .field("root_certs", &self.root_certs_pem.len())
            .field(
                "danger_accept_invalid_certs",
                &self.danger_accept_invalid_certs,
            )
            .field("connect_retries", &self.connect_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("log_bodies", &self.log_bodies)
            .finish()
    }
}

/// SOAP over HTTP(S) with a pooled reqwest client (connections are reused).
#[derive(Clone)]
pub struct HttpTransport {
    client: reqwest::Client,
    config: HttpConfig,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("config", &self.config)
            .finish()
    }
}

impl HttpTransport {
    /// A transport with [`HttpConfig::default`].
    pub fn new() -> Result<HttpTransport, Error> {
        HttpTransport::with_config(HttpConfig::default())
    }

    /// A transport with `config`.
    pub fn with_config(config: HttpConfig) -> Result<HttpTransport, Error> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .cookie_store(config.cookies)
            .gzip(true)
            .user_agent(config.user_agent.clone())
            .danger_accept_invalid_certs(config.danger_accept_invalid_certs);
        if let Some(timeout) = config.timeout {
            builder = builder.timeout(timeout);
        }
        for pem in &config.root_certs_pem {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| Error::Transport(format!("bad root certificate: {}", chain(&e))))?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder
            .build()
            .map_err(|e| Error::Transport(format!("building HTTP client: {}", chain(&e))))?;
        Ok(HttpTransport { client, config })
    }

    /// The configuration in use.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    async fn send_once(&self, request: &HttpRequest) -> Result<reqwest::Response, reqwest::Error> {
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
        builder.send().await
    }

    async fn send_impl(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        #[cfg(feature = "tracing")]
        {
            tracing::debug!(
                url = %redact_url(&request.url),
                soap_action = request.soap_action.as_deref().unwrap_or(""),
                bytes = request.body.len(),
                "SOAP request"
            );
            if self.config.log_bodies {
                tracing::trace!(body = %String::from_utf8_lossy(&request.body), "SOAP request body");
            }
        }
        let mut attempt = 0u32;
        let mut response = loop {
            match self.send_once(&request).await {
                Ok(response) => break response,
                Err(e) if e.is_timeout() => return Err(Error::Timeout),
                // Only a connection that could not be established is safe to retry: the
                // request bytes never left this process.
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
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.config.max_response_bytes {
                        return Err(Error::TooLarge {
                            limit: self.config.max_response_bytes,
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => return Err(Error::Timeout),
                Err(e) if is_corrupt_encoding(&e) => {
                    return Err(Error::Transport(format!("decoding body: {}", chain(&e))))
                }
                // Anything else while reading the body (early EOF, reset) means we got
                // only part of it.
                Err(_) => {
                    return Err(Error::TruncatedBody {
                        position: body.len(),
                    })
                }
            }
        }
        #[cfg(feature = "tracing")]
        {
            tracing::debug!(status, bytes = body.len(), "SOAP response");
            if self.config.log_bodies {
                tracing::trace!(body = %String::from_utf8_lossy(&body), "SOAP response body");
            }
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        Box::pin(self.send_impl(request))
    }
}

/// The error and its sources, without the URL (which may carry credentials).
pub(crate) fn chain(e: &reqwest::Error) -> String {
    // reqwest's own Display names the URL; print its kind instead, then the sources.
    let mut out = kind_of(e).to_owned();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

fn kind_of(e: &reqwest::Error) -> &'static str {
    if e.is_connect() {
        "connection failed"
    } else if e.is_timeout() {
        "timed out"
    } else if e.is_body() {
        "body error"
    } else if e.is_decode() {
        "decode error"
    } else if e.is_builder() {
        "invalid request"
    } else if e.is_redirect() {
        "redirect error"
    } else {
        "request failed"
    }
}

/// A body error caused by corrupt content-encoding (bad gzip), as opposed to the
/// connection ending early: the decoder reports it as `InvalidData`.
fn is_corrupt_encoding(e: &reqwest::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::InvalidData {
                return true;
            }
        }
        source = s.source();
    }
    false
}
