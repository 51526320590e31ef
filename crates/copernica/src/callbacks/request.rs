//! The parts of an incoming HTTP request that verification looks at.

/// An incoming callback request as received: method, request target,
/// headers and the raw body bytes.
///
/// Build it from whatever HTTP stack you use; the axum receiver does this
/// for you.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackRequest {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl CallbackRequest {
    /// A request with this method (e.g. `POST`) and request target (path
    /// plus `?query`, exactly as on the request line).
    pub fn new(method: impl Into<String>, target: impl Into<String>) -> Self {
        CallbackRequest {
            method: method.into(),
            target: target.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header (repeats are kept, in order).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.push_header(name, value);
        self
    }

    /// Adds a header in place.
    pub fn push_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The method as received.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request target (path and query).
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The raw body bytes.
    pub fn body_bytes(&self) -> &[u8] {
        &self.body
    }

    /// All headers, in arrival order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The value of header `name` (matched case-insensitively), each
    /// occurrence trimmed and repeats joined with `", "` as
    /// draft-cavage-http-signatures §2.3 prescribes. `None` when absent.
    pub fn header_value(&self, name: &str) -> Option<String> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim());
        let first = values.next()?;
        let mut out = first.to_owned();
        for v in values {
            out.push_str(", ");
            out.push_str(v);
        }
        Some(out)
    }

    /// Consumes the request, returning the body.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }
}
