//! Test support: serving a generated handler on loopback HTTP, and finding
//! the external interop tools (php, python3 + zeep).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use soapgen_runtime::server::{serve, RawService, ServeConfig};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Serves `service` on a fresh 127.0.0.1 port (on the current tokio
/// runtime) and returns its URL.
pub async fn serve_loopback(service: Arc<dyn RawService>, wsdl: Option<Vec<u8>>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let addr = listener.local_addr().expect("local address");
    let config = ServeConfig {
        wsdl: wsdl.map(Arc::new),
        ..ServeConfig::default()
    };
    tokio::spawn(async move {
        let _ = serve(listener, service, config).await;
    });
    format!("http://{addr}/")
}

/// A free loopback port (for servers started as child processes).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    l.local_addr().expect("local address").port()
}

/// `php` with ext/soap, or a panic saying what to install.
pub fn php() -> PathBuf {
    let php = std::env::var_os("PHP").map_or_else(|| PathBuf::from("php"), PathBuf::from);
    let out = Command::new(&php)
        .args(["-r", "echo class_exists('SoapServer') ? 'ok' : 'no';"])
        .output();
    match out {
        Ok(o) if o.stdout == b"ok" => php,
        Ok(_) => panic!(
            "PHP was found but without ext/soap: install it (Debian/Ubuntu: `apt-get install php-soap`; or `cargo xtask test` installs it)"
        ),
        Err(e) => panic!(
            "php not found ({e}): install php-cli and php-soap (Debian/Ubuntu: `apt-get install php-cli php-soap`), or set PHP=/path/to/php"
        ),
    }
}

/// `python3` with zeep, or a panic saying what to install.
pub fn python_with_zeep() -> PathBuf {
    let py = std::env::var_os("PYTHON").map_or_else(|| PathBuf::from("python3"), PathBuf::from);
    match Command::new(&py).args(["-c", "import zeep, lxml"]).output() {
        Ok(o) if o.status.success() => py,
        Ok(o) => panic!(
            "python3 was found but cannot import zeep: install it (`pip install zeep` or `apt-get install python3-zeep`): {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!(
            "python3 not found ({e}): install python3 and zeep (`apt-get install python3 python3-zeep` or `pip install zeep`), or set PYTHON=/path/to/python3"
        ),
    }
}

/// A child process killed when dropped (so a failing test leaves no server behind).
pub struct Child(pub std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until something accepts TCP connections on `port` (at most ~10 s).
pub fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("nothing listens on 127.0.0.1:{port} after 10 s");
}

/// Starts `php -S 127.0.0.1:PORT tests/soap-e2e/php/<script>` serving `wsdl`
/// (workspace-relative), with a fresh state file; returns the process guard
/// and the endpoint URL.
pub fn start_php(script: &str, wsdl: &str) -> (Child, String) {
    let php = php();
    let port = free_port();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("php");
    let state = std::env::temp_dir().join(format!(
        "soapgen-e2e-{}-{port}.json",
        script.trim_end_matches(".php")
    ));
    let _ = std::fs::remove_file(&state);
    let child = Command::new(php)
        .arg("-S")
        .arg(format!("127.0.0.1:{port}"))
        .arg(dir.join(script))
        .current_dir(&dir)
        .env("SOAPGEN_WSDL", root().join(wsdl))
        .env("SOAPGEN_STATE", &state)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start php -S");
    let guard = Child(child);
    wait_for_port(port);
    (guard, format!("http://127.0.0.1:{port}/"))
}

/// A transport that records requests and answers with a fixed response
/// (for checking what generated clients send, byte for byte).
#[derive(Default)]
pub struct Recorder {
    pub requests: std::sync::Mutex<Vec<soapgen_runtime::transport::HttpRequest>>,
    pub response: std::sync::Mutex<Option<soapgen_runtime::transport::HttpResponse>>,
}

impl Recorder {
    /// The body of the last request, as text.
    pub fn last_body(&self) -> String {
        let requests = self.requests.lock().expect("lock");
        let last = requests.last().expect("a request was sent");
        String::from_utf8(last.body.clone()).expect("UTF-8 request")
    }

    /// The last request.
    pub fn last(&self) -> soapgen_runtime::transport::HttpRequest {
        self.requests
            .lock()
            .expect("lock")
            .last()
            .cloned()
            .expect("a request was sent")
    }
}

impl soapgen_runtime::transport::Transport for Recorder {
    fn send(
        &self,
        request: soapgen_runtime::transport::HttpRequest,
    ) -> soapgen_runtime::transport::BoxFuture<
        '_,
        Result<soapgen_runtime::transport::HttpResponse, soapgen_runtime::soap::Error>,
    > {
        self.requests.lock().expect("lock").push(request);
        let response = self.response.lock().expect("lock").clone();
        Box::pin(async move {
            response.ok_or_else(|| {
                soapgen_runtime::soap::Error::Transport("recorder: no response".into())
            })
        })
    }
}
