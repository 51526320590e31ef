//! Authentication: access tokens and the legacy session login
//! (`OBJECT_MODEL.md` §4), and the cookie jar that carries the session.

use std::sync::{Arc, Mutex, PoisonError};

use soapgen_runtime::soap;
use soapgen_runtime::transport::{BoxFuture, HttpRequest, HttpResponse, Transport};

/// How calls are authenticated.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// An API access token, sent as the `access_token` parameter of every call
    /// (Copernica's current method, since May 2020).
    AccessToken(String),
    /// The deprecated session login: `login(username, password, account)` opens a
    /// session carried by a cookie; on a `Not logged on` fault the client logs in
    /// again once and retries the call.
    Login {
        /// User name (e-mail address).
        username: String,
        /// Password.
        password: String,
        /// Account name; the user's first account when `None`.
        account: Option<String>,
    },
    /// Send nothing (for servers that need no authentication, or a session the
    /// caller manages).
    None,
}

impl std::fmt::Debug for Auth {
    // Credentials never reach logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::AccessToken(_) => f.write_str("AccessToken(<redacted>)"),
            Auth::Login {
                username, account, ..
            } => f
                .debug_struct("Login")
                .field("username", username)
                .field("account", account)
                .field("password", &"<redacted>")
                .finish(),
            Auth::None => f.write_str("None"),
        }
    }
}

/// Cookies set by the server (`name=value`, attributes ignored), replayed on
/// every request. Kept here rather than in the HTTP client so that sessions
/// work over any [`Transport`] and can be inspected.
#[derive(Debug, Default)]
pub(crate) struct CookieJar {
    cookies: Mutex<Vec<(String, String)>>,
}

impl CookieJar {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, String)>> {
        // A panic while holding this lock cannot leave the list inconsistent.
        self.cookies.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn all(&self) -> Vec<(String, String)> {
        self.lock().clone()
    }

    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    fn header(&self) -> Option<String> {
        let cookies = self.lock();
        (!cookies.is_empty()).then(|| {
            cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn store(&self, response: &HttpResponse) {
        let mut cookies = self.lock();
        for (name, value) in &response.headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or("");
            let Some((n, v)) = pair.split_once('=') else {
                continue;
            };
            let (n, v) = (n.trim().to_owned(), v.trim().trim_matches('"').to_owned());
            match cookies.iter_mut().find(|(k, _)| *k == n) {
                Some(slot) => slot.1 = v,
                None => cookies.push((n, v)),
            }
        }
    }
}

/// A transport that adds the jar's cookies to requests and stores response cookies.
pub(crate) struct CookieTransport {
    pub(crate) inner: Arc<dyn Transport>,
    pub(crate) jar: Arc<CookieJar>,
}

impl Transport for CookieTransport {
    fn send(&self, mut request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, soap::Error>> {
        if let Some(cookie) = self.jar.header() {
            request.headers.push(("Cookie".to_owned(), cookie));
        }
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            self.jar.store(&response);
            Ok(response)
        })
    }
}
