//! The mock over HTTP: [`MockServer::start`] binds a port, serves the SOAP API
//! ([`super::soap`]) and the WSDL (at `?wsdl` / `?SOAPAPI=WSDL`, its `soap:address`
//! pointing at the server itself), and fires signed callbacks ([`super::fire`]).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use copernica::mock::server::{MockServer, MockServerConfig};
//! let server = MockServer::start(MockServerConfig::default()).await?;
//! println!("SOAP endpoint {}, WSDL {}", server.url(), server.wsdl_url());
//! let store = server.store().clone(); // set up data directly
//! # drop(store);
//! server.shutdown().await;
//! # Ok(()) }
//! ```

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use soapgen_runtime::server::{serve_with_shutdown, Dispatcher, RawService, ServeConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::config::MockConfig;
use super::fire::{CallbackFirer, FireConfig, FireStats};
use super::soap::{rewrite_soap_address, MockSoapHandler, WsdlFlavor};
use super::store::Store;
use crate::callbacks::StaticKeyResolver;

/// Default request size bound: 4 MiB (the API's largest requests are field maps).
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// How to start a [`MockServer`].
#[derive(Clone, Debug)]
pub struct MockServerConfig {
    /// Address to bind; port 0 picks a free one. Default `127.0.0.1:0`.
    pub bind: SocketAddr,
    /// Account, credentials and token of the store (ignored when `store` is given).
    pub mock: MockConfig,
    /// Serve this store instead of a new one.
    pub store: Option<Store>,
    /// Which WSDL to serve.
    pub wsdl: WsdlFlavor,
    /// The endpoint URL written into the served WSDL. Default
    /// `http://<bound address>/` (with `127.0.0.1` for an unspecified bind address).
    pub public_url: Option<String>,
    /// Largest request body accepted.
    pub max_request_bytes: usize,
    /// Callback sending; `None` disables it.
    pub callbacks: Option<FireConfig>,
}

impl Default for MockServerConfig {
    fn default() -> Self {
        MockServerConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            mock: MockConfig::default(),
            store: None,
            wsdl: WsdlFlavor::default(),
            public_url: None,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            callbacks: Some(FireConfig::default()),
        }
    }
}

/// A running mock server. Dropping it stops accepting connections.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    url: String,
    store: Store,
    key_resolver: Option<StaticKeyResolver>,
    firer: Option<CallbackFirer>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl MockServer {
    /// Binds and starts serving on the current Tokio runtime.
    pub async fn start(config: MockServerConfig) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(config.bind).await?;
        let addr = listener.local_addr()?;
        let url = config.public_url.clone().unwrap_or_else(|| {
            let mut shown = addr;
            if shown.ip().is_unspecified() {
                shown.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
            }
            format!("http://{shown}/")
        });
        let wsdl = rewrite_soap_address(config.wsdl.source(), &url)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let store = config
            .store
            .clone()
            .unwrap_or_else(|| Store::new(config.mock.clone()));
        let key_resolver = config.callbacks.as_ref().map(FireConfig::key_resolver);
        let firer = config
            .callbacks
            .map(|fire| CallbackFirer::start(&store, fire));
        let service: Arc<dyn RawService> = Arc::new(
            Dispatcher::new(MockSoapHandler::new(store.clone()))
                .max_request_bytes(config.max_request_bytes),
        );
        let serve_config = ServeConfig {
            wsdl: Some(Arc::new(wsdl.into_bytes())),
            max_request_bytes: config.max_request_bytes,
            header_read_timeout: Duration::from_secs(30),
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve_with_shutdown(
            listener,
            service,
            serve_config,
            async {
                // A dropped sender stops the server just like a sent signal.
                let _ = stopped.await;
            },
        ));
        Ok(MockServer {
            addr,
            url,
            store,
            key_resolver,
            firer,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The SOAP endpoint URL (as written into the served WSDL).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where the WSDL is served.
    pub fn wsdl_url(&self) -> String {
        format!("{}?SOAPAPI=WSDL", self.url)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The store behind the server, for setup and inspection.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A resolver holding the callback signing key under its keyId, for receivers
    /// verifying this server's callbacks (`None` when callbacks are disabled).
    pub fn key_resolver(&self) -> Option<StaticKeyResolver> {
        self.key_resolver.clone()
    }

    /// Callback sender counters (`None` when callbacks are disabled).
    pub fn callback_stats(&self) -> Option<Arc<FireStats>> {
        self.firer.as_ref().map(|f| Arc::clone(f.stats()))
    }

    /// Stops serving and sending; waits until the listener is closed.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some(firer) = self.firer.take() {
            firer.shutdown().await;
        }
    }

    /// Serves until the listener fails (for the command-line binary).
    pub async fn wait(mut self) -> std::io::Result<()> {
        match self.task.take() {
            Some(task) => task.await.map_err(std::io::Error::other)?,
            None => Ok(()),
        }
    }
}
