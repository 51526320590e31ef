//! DNS TXT (DKIM) key resolution on hickory-resolver (feature `dns`).

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use hickory_resolver::config::{NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::RData;
use hickory_resolver::TokioResolver;

use super::keys::{KeyError, KeyResolver, PublicKey};

/// Fetches the key for a keyId from its DNS TXT record
/// (`v=DKIM1;k=rsa;p=<base64 SPKI>`), the trust anchor Copernica documents.
///
/// hickory caches answers for their DNS TTL; put a
/// [`CachingResolver`](super::CachingResolver) in front to also cache
/// parsed keys and failures. Use a validating (DNSSEC) resolver
/// configuration where available.
#[derive(Clone)]
pub struct DnsKeyResolver {
    resolver: TokioResolver,
}

impl std::fmt::Debug for DnsKeyResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DnsKeyResolver").finish_non_exhaustive()
    }
}

impl DnsKeyResolver {
    /// Uses the system's resolver configuration (`/etc/resolv.conf`).
    pub fn from_system_conf() -> Result<Self, KeyError> {
        let resolver = TokioResolver::builder_tokio()
            .and_then(|b| b.build())
            .map_err(|e| KeyError::Lookup(e.to_string()))?;
        Ok(DnsKeyResolver { resolver })
    }

    /// Asks only these name servers (UDP, then TCP for truncated answers):
    /// a local validating resolver, or the mock's test DNS server.
    pub fn with_name_servers(servers: &[SocketAddr]) -> Result<Self, KeyError> {
        let name_servers = servers
            .iter()
            .map(|addr| {
                let mut ns = NameServerConfig::udp_and_tcp(addr.ip());
                for connection in &mut ns.connections {
                    connection.port = addr.port();
                }
                ns
            })
            .collect();
        let resolver = TokioResolver::builder_with_config(
            ResolverConfig::from_name_servers(name_servers),
            TokioRuntimeProvider::default(),
        )
        .build()
        .map_err(|e| KeyError::Lookup(e.to_string()))?;
        Ok(DnsKeyResolver { resolver })
    }

    /// Uses a resolver you configured.
    pub fn new(resolver: TokioResolver) -> Self {
        DnsKeyResolver { resolver }
    }
}

/// Picks the key from the TXT records found at a name: each record's
/// character-strings are joined (RFC 6376 §3.6.2.2); the first record that
/// parses as a DKIM key wins. Records that are not DKIM keys are skipped.
pub(crate) fn key_from_txt_records<I>(records: I, key_id: &str) -> Result<PublicKey, KeyError>
where
    I: IntoIterator<Item = String>,
{
    let mut first_error = None;
    for text in records {
        match PublicKey::from_dkim_record(&text) {
            Ok(key) => return Ok(key),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| KeyError::NotFound(key_id.to_owned())))
}

impl KeyResolver for DnsKeyResolver {
    fn resolve(
        &self,
        key_id: &str,
    ) -> impl Future<Output = Result<Arc<PublicKey>, KeyError>> + Send {
        // A fully qualified name: no search-domain expansion of keyIds.
        let fqdn = format!("{}.", key_id.trim_end_matches('.'));
        let key_id = key_id.to_owned();
        let resolver = self.resolver.clone();
        async move {
            let lookup = match resolver.txt_lookup(fqdn.as_str()).await {
                Ok(lookup) => lookup,
                Err(e) if e.is_no_records_found() || e.is_nx_domain() => {
                    return Err(KeyError::NotFound(key_id))
                }
                Err(e) => return Err(KeyError::Lookup(e.to_string())),
            };
            let texts = lookup
                .answers()
                .iter()
                .filter_map(|record| match &record.data {
                    RData::TXT(txt) => Some(
                        txt.txt_data
                            .iter()
                            .map(|part| String::from_utf8_lossy(part))
                            .collect::<String>(),
                    ),
                    _ => None,
                });
            key_from_txt_records(texts, &key_id).map(Arc::new)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEArIP7kWVOZJNjDfUgGJ0d/7wRa4Zsc9l4gX+TJKstYmqAj9/ApOQnN7uRYPfw9eIu6YmLLD5Ij8DA8GK26F4UPWksjvUZJZmAx7J541Ui5sntrqvEF46N5nvI4v5eKJu3kKzIYYUelTwmcNYxxW5hSwQthAONNqCzglPoF28k9G62kkqn1GZiXsPhgrmGlP/lwESqC/bD8026/1jegEhjttpMVzcmpkcb1+cKnRFXroqVyqIqPpjdAfwLRSQgxW2OJX1gaHgnixZjrqUUmcvBU3RvZeu20tl3tC3k4vOTmFyGTn3IP5LWI07f5csDlUI0oXlLtiXPGgCBf9rYwIGWnQIDAQAB";

    #[test]
    fn skips_non_dkim_records_and_reports_absence() {
        let key = key_from_txt_records(
            [
                "google-site-verification=abc".to_owned(),
                format!("v=DKIM1;k=rsa;p={P}"),
            ],
            "x.copernica.com",
        )
        .expect("second record is the key");
        assert_eq!(key.bits(), 2048);
        assert_eq!(
            key_from_txt_records(Vec::new(), "x.copernica.com").err(),
            Some(KeyError::NotFound("x.copernica.com".into()))
        );
        assert_eq!(
            key_from_txt_records(["v=DKIM1; p=".to_owned()], "x").err(),
            Some(KeyError::Revoked)
        );
    }
}
