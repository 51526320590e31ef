//! [`Copernica`]: the authenticated entry point of the object model.

use std::sync::Arc;

use soapgen_runtime::transport::{HttpConfig, HttpTransport, Transport};

use crate::auth::{Auth, CookieJar, CookieTransport};
use crate::error::{Error, Result};
use crate::generated::client::PomPortClient;
use crate::generated::soap_copernica_com as model;
use crate::operation::{Operation, RawClient};
use crate::paging::Paged;
use crate::results::{Listed, Reply};

/// Copernica's SOAP endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://soap.copernica.com/";

/// A client of the Copernica SOAP API.
///
/// Cheap to clone (all clones share one connection pool, session and
/// credentials). Every call carries the configured authentication: the
/// `access_token` parameter, or the session cookie of a `login`; with login
/// credentials, a `Not logged on` fault makes the client log in again once and
/// retry the call.
#[derive(Clone)]
pub struct Copernica {
    inner: Arc<Inner>,
}

struct Inner {
    client: RawClient,
    jar: Arc<CookieJar>,
    auth: Auth,
    /// Session generation: 0 before the first login, incremented by every
    /// login. Held while logging in, so that concurrent calls that all met
    /// `Not logged on` log in once, not once each.
    session: futures_util::lock::Mutex<u64>,
}

impl std::fmt::Debug for Copernica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Copernica")
            .field("endpoint", &self.endpoint())
            .field("auth", &self.inner.auth)
            .finish()
    }
}

/// Builds a [`Copernica`] client.
#[derive(Default)]
pub struct CopernicaBuilder {
    endpoint: Option<String>,
    auth: Option<Auth>,
    http: Option<HttpConfig>,
    transport: Option<Arc<dyn Transport>>,
}

impl std::fmt::Debug for CopernicaBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CopernicaBuilder")
            .field("endpoint", &self.endpoint)
            .field("auth", &self.auth)
            .field("http", &self.http)
            .field("custom_transport", &self.transport.is_some())
            .finish()
    }
}

impl CopernicaBuilder {
    /// The SOAP endpoint (default [`DEFAULT_ENDPOINT`]).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Authenticate every call with an API access token.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(Auth::AccessToken(token.into()));
        self
    }

    /// Authenticate with the legacy session login (`account`: the user's first
    /// account when `None`).
    pub fn credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
        account: Option<&str>,
    ) -> Self {
        self.auth = Some(Auth::Login {
            username: username.into(),
            password: password.into(),
            account: account.map(str::to_owned),
        });
        self
    }

    /// Any [`Auth`].
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Settings of the default HTTP transport (timeouts, certificates, ...).
    /// Its cookie store is switched off: the client keeps the session cookie itself.
    pub fn http_config(mut self, config: HttpConfig) -> Self {
        self.http = Some(config);
        self
    }

    /// Send through this transport instead of the default HTTP one.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The client. Does not talk to the server: with credentials, the first
    /// call logs in (or call [`Copernica::relogin`] to do it up front).
    pub fn build(self) -> Result<Copernica> {
        let transport = match self.transport {
            Some(t) => t,
            None => {
                let mut config = self.http.unwrap_or_default();
                config.cookies = false;
                let http = HttpTransport::with_config(config)
                    .map_err(|e| Error::from_soap("connect", e))?;
                Arc::new(http) as Arc<dyn Transport>
            }
        };
        let jar = Arc::new(CookieJar::default());
        let transport: Arc<dyn Transport> = Arc::new(CookieTransport {
            inner: transport,
            jar: Arc::clone(&jar),
        });
        let endpoint = self.endpoint.unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned());
        Ok(Copernica {
            inner: Arc::new(Inner {
                client: PomPortClient::with_endpoint(transport, endpoint),
                jar,
                auth: self.auth.unwrap_or(Auth::None),
                session: futures_util::lock::Mutex::new(0),
            }),
        })
    }

    /// [`Self::build`], then log in right away when credentials were given (so
    /// that bad credentials fail here).
    pub async fn connect(self) -> Result<Copernica> {
        let api = self.build()?;
        if matches!(api.inner.auth, Auth::Login { .. }) {
            api.relogin().await?;
        }
        Ok(api)
    }
}

impl Copernica {
    /// A builder (endpoint, authentication, transport).
    pub fn builder() -> CopernicaBuilder {
        CopernicaBuilder::default()
    }

    /// A client for `endpoint` authenticating with an API access token.
    pub fn with_access_token(
        endpoint: impl Into<String>,
        token: impl Into<String>,
    ) -> Result<Copernica> {
        Copernica::builder()
            .endpoint(endpoint)
            .access_token(token)
            .build()
    }

    /// Logs in at `endpoint` with the legacy session login and returns the client.
    pub async fn login(
        endpoint: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
        account: Option<&str>,
    ) -> Result<Copernica> {
        Copernica::builder()
            .endpoint(endpoint)
            .credentials(username, password, account)
            .connect()
            .await
    }

    /// The SOAP endpoint.
    pub fn endpoint(&self) -> &str {
        self.inner.client.core.endpoint()
    }

    /// The authentication in use.
    pub fn auth(&self) -> &Auth {
        &self.inner.auth
    }

    /// The generated client underneath, for direct access to every operation
    /// (no authentication is added there: set `access_token` yourself, or use
    /// [`Copernica::call`]).
    pub fn raw(&self) -> &RawClient {
        &self.inner.client
    }

    /// The session id: the value of the first cookie whose name starts with
    /// `soap_` (how Copernica names its session cookie), once logged in.
    pub fn session_id(&self) -> Option<String> {
        self.inner
            .jar
            .all()
            .into_iter()
            .find(|(n, _)| n.starts_with("soap_"))
            .map(|(_, v)| v)
    }

    /// All cookies the server has set, `(name, value)`.
    pub fn cookies(&self) -> Vec<(String, String)> {
        self.inner.jar.all()
    }

    /// Logs in (again) with the configured credentials, replacing the session
    /// cookie. Does nothing unless the client was built with credentials.
    pub async fn relogin(&self) -> Result<()> {
        let mut generation = self.inner.session.lock().await;
        self.login_locked(&mut generation).await
    }

    async fn login_locked(&self, generation: &mut u64) -> Result<()> {
        let Auth::Login {
            username,
            password,
            account,
        } = &self.inner.auth
        else {
            return Ok(());
        };
        self.inner.jar.clear();
        let input = model::InputLogin {
            username: username.clone(),
            password: password.clone(),
            account: account.clone(),
        };
        input
            .send(&self.inner.client)
            .await
            .map_err(|e| Error::from_op("login", e))?;
        *generation += 1;
        Ok(())
    }

    /// The current session generation, logging in first when there is no
    /// session yet or when the session `stale` is still the current one.
    async fn session(&self, stale: Option<u64>) -> Result<u64> {
        let mut generation = self.inner.session.lock().await;
        if *generation == 0 || stale == Some(*generation) {
            self.login_locked(&mut generation).await?;
        }
        Ok(*generation)
    }

    /// Sends any operation with this client's authentication (and, for login
    /// credentials, one re-login and retry on `Not logged on`). The reply is
    /// read as the shape the operation returns, e.g.
    /// `api.call(input).await?.entity::<model::Database>()`.
    pub async fn call<O: Operation>(&self, mut op: O) -> Result<Reply> {
        let mut generation = None;
        match &self.inner.auth {
            Auth::AccessToken(token) => op.set_access_token(Some(token.clone())),
            Auth::Login { .. } => generation = Some(self.session(None).await?),
            Auth::None => {}
        }
        // Only login-based sessions expire; keep a copy for the one retry.
        let retry = generation.map(|g| (g, op.clone()));
        match op.send(&self.inner.client).await {
            Ok(result) => Ok(Reply::new(O::NAME, result)),
            Err(e) => {
                let e = Error::from_op(O::NAME, e);
                match retry {
                    Some((stale, op)) if e.is_not_logged_on() => {
                        self.session(Some(stale)).await?;
                        op.send(&self.inner.client)
                            .await
                            .map(|r| Reply::new(O::NAME, r))
                            .map_err(|e| Error::from_op(O::NAME, e))
                    }
                    _ => Err(e),
                }
            }
        }
    }

    /// A lazy stream over a paged operation: `make(start, length)` builds the
    /// input of each page request.
    pub fn paged<O, T>(
        &self,
        page_size: i32,
        make: impl Fn(i32, i32) -> O + Send + Sync + 'static,
    ) -> Paged<T>
    where
        O: Operation,
        T: Listed + Send + 'static,
    {
        let api = self.clone();
        Paged::new(
            page_size,
            Arc::new(move |start, length| {
                let api = api.clone();
                let op = make(start, length);
                Box::pin(async move { api.call(op).await?.page::<T>() })
            }),
        )
    }
}
