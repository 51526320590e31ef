//! Interop: the hand-written object model (`copernica::Copernica` and
//! `copernica::objects`) against PHP's ext/soap `SoapServer` serving
//! `fixtures/copernica/copernica-rpc.wsdl` (`php -S` on loopback, script in
//! tests/php/copernica_session.php). Proves the object model writes and reads
//! the same wire format as an independent SOAP stack: session login by
//! cookie, paged collections, entity results, `Map` fields and search
//! requirements. Fails, saying what to install, when php or ext/soap is missing.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copernica::objects::Query;
use copernica::{Copernica, Fields};
use futures_util::TryStreamExt;

/// The `php -S` process, killed when dropped so a failing test leaves no
/// server behind.
struct PhpServer {
    child: std::process::Child,
    state: PathBuf,
}

impl Drop for PhpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.state);
    }
}

/// `php` with ext/soap (or `$PHP`), or a panic saying what to install: this
/// test must never pass silently without PHP.
fn php() -> PathBuf {
    let php = std::env::var_os("PHP").map_or_else(|| PathBuf::from("php"), PathBuf::from);
    let out = Command::new(&php)
        .args(["-r", "echo class_exists('SoapServer') ? 'ok' : 'no';"])
        .output();
    match out {
        Ok(o) if o.stdout == b"ok" => php,
        Ok(_) => panic!(
            "PHP was found but without ext/soap: install php-cli and php-soap \
             (Debian/Ubuntu: `apt-get install php-cli php-soap`)"
        ),
        Err(e) => panic!(
            "php not found ({e}): install php-cli and php-soap \
             (Debian/Ubuntu: `apt-get install php-cli php-soap`), or set PHP=/path/to/php"
        ),
    }
}

/// Starts the PHP SoapServer on a free loopback port and returns it with its URL.
fn start_php() -> (PhpServer, String) {
    let php = php();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("tests/php");
    let wsdl = manifest.join("../../fixtures/copernica/copernica-rpc.wsdl");
    // Bind-then-release: `php -S` needs a port number up front. A race with
    // another process grabbing it is possible but shows up as a start failure.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port();
    let state = std::env::temp_dir().join(format!(
        "copernica-object-model-php-{}-{port}.json",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&state);
    let child = Command::new(php)
        .arg("-S")
        .arg(format!("127.0.0.1:{port}"))
        .arg(dir.join("copernica_session.php"))
        .current_dir(&dir)
        .env("SOAPGEN_WSDL", &wsdl)
        .env("SOAPGEN_STATE", &state)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start php -S");
    let mut server = PhpServer { child, state };
    wait_for_port(&mut server, port);
    (server, format!("http://127.0.0.1:{port}/"))
}

/// Waits (at most ~10 s) until `php -S` accepts connections.
fn wait_for_port(server: &mut PhpServer, port: u16) {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("php -S exited before listening on {port}: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("php -S did not listen on 127.0.0.1:{port} within 10 s");
}

#[tokio::test]
async fn object_model_against_php_soapserver() {
    let (_php, url) = start_php();

    // A wrong password is a SOAP fault from PHP, mapped to a typed error.
    let err = Copernica::login(url.as_str(), "user@example.com", "wrong", Some("acme"))
        .await
        .expect_err("wrong password is refused");
    assert_eq!(err.operation(), "login");
    assert_eq!(err.fault_message(), Some("Invalid login"));

    // Session login: PHP sets `soap_session`, every later call carries it.
    let api = Copernica::login(url.as_str(), "user@example.com", "secret", Some("acme"))
        .await
        .expect("login");
    assert_eq!(api.session_id().as_deref(), Some("sess-1"));

    // A paged collection of `database` entities.
    let dbs: Vec<_> = api
        .account()
        .databases()
        .try_collect()
        .await
        .expect("Account_databases");
    let names: Vec<_> = dbs.iter().map(|d| (d.id(), d.name())).collect();
    assert_eq!(
        names,
        [(1, Some("clients")), (2, Some("prospects & leads"))]
    );
    let db = dbs
        .into_iter()
        .find(|d| d.name() == Some("clients"))
        .expect("the clients database");

    // `Database_createProfile` answers with the `profile` entity.
    let alice = db
        .create_profile([("email", "alice@example.com"), ("city", "Utrecht")])
        .await
        .expect("create alice");
    assert_eq!(alice.id(), 100);
    assert_eq!(alice.field("email").as_deref(), Some("alice@example.com"));
    let bob = db
        .create_profile(Fields::from([
            ("email", "bob@example.com"),
            ("city", "Delft & <Den Haag>"),
        ]))
        .await
        .expect("create bob");
    assert_eq!(bob.id(), 101);

    // Search requirements reach PHP intact (including XML-escaped values).
    let found: Vec<_> = db
        .search_profiles(&Query::new().eq("city", "Utrecht"))
        .try_collect()
        .await
        .expect("search Utrecht");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id(), alice.id());
    assert_eq!(
        found[0].field("email").as_deref(),
        Some("alice@example.com")
    );
    let found: Vec<_> = db
        .search_profiles(&Query::new().eq("city", "Delft & <Den Haag>"))
        .try_collect()
        .await
        .expect("search escaped");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id(), bob.id());

    // An update is visible in a subsequent search, and the old value is gone.
    assert!(alice
        .update_fields([("city", "Amsterdam")])
        .await
        .expect("Profile_updateFields"));
    let found: Vec<_> = db
        .search_profiles(&Query::new().eq("city", "Amsterdam"))
        .try_collect()
        .await
        .expect("search Amsterdam");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id(), alice.id());
    let fields = found[0].fields().expect("fields in the search result");
    assert_eq!(fields.get("city"), Some("Amsterdam"));
    assert_eq!(fields.get("email"), Some("alice@example.com"));
    let stale: Vec<_> = db
        .search_profiles(&Query::new().eq("city", "Utrecht"))
        .try_collect()
        .await
        .expect("search Utrecht again");
    assert!(stale.is_empty(), "old value still found: {stale:?}");

    // Two requirements are ANDed by the server.
    let found: Vec<_> = db
        .search_profiles(
            &Query::new()
                .eq("city", "Amsterdam")
                .eq("email", "bob@example.com"),
        )
        .try_collect()
        .await
        .expect("search two requirements");
    assert!(found.is_empty());

    // Still one session: no re-login happened along the way.
    assert_eq!(api.session_id().as_deref(), Some("sess-1"));
}
