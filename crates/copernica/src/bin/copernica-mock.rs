//! `copernica-mock`: the in-memory Copernica SOAP API on a local port, for client
//! development and integration tests. Callbacks are signed with a public test key
//! (keyId `vectors-test._domainkey.copernica.com`); the DKIM record to trust is
//! printed at start-up.

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use copernica::mock::demo::DemoData;
use copernica::mock::fire::{FireConfig, RetryPolicy};
use copernica::mock::soap::WsdlFlavor;
use copernica::mock::{MockConfig, MockServer, MockServerConfig};

/// Mock Copernica SOAP API server (in memory).
#[derive(Debug, Parser)]
#[command(name = "copernica-mock", version)]
struct Args {
    /// TCP port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Account name accepted by `login`.
    #[arg(long, default_value = "mock")]
    account: String,
    /// User name accepted by `login`.
    #[arg(long, default_value = "admin")]
    user: String,
    /// Password accepted by `login`.
    #[arg(long, default_value = "secret")]
    password: String,
    /// API access token accepted on every call.
    #[arg(long, default_value = "mock-access-token")]
    access_token: String,
    /// Endpoint URL written into the served WSDL (default: `http://<bind>:<port>/`).
    #[arg(long)]
    public_url: Option<String>,
    /// Which WSDL to serve at ?SOAPAPI=WSDL (same wire format).
    #[arg(long, value_enum, default_value_t = Wsdl::Rpc)]
    wsdl: Wsdl,
    /// Fill the account with demo data (databases, profiles, templates, ...).
    #[arg(long)]
    demo: bool,
    /// Do not send callbacks.
    #[arg(long)]
    no_callbacks: bool,
    /// X-Copernica-ID sent with callbacks.
    #[arg(long, default_value = "account_1")]
    copernica_id: String,
    /// Delivery attempts per callback before giving up.
    #[arg(long, default_value_t = 12)]
    callback_attempts: u32,
    /// First retry delay in milliseconds (doubles per failure).
    #[arg(long, default_value_t = 500)]
    callback_retry_ms: u64,
    /// Largest retry delay in milliseconds.
    #[arg(long, default_value_t = 60_000)]
    callback_max_retry_ms: u64,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = copernica::mock::server::DEFAULT_MAX_REQUEST_BYTES)]
    max_request_bytes: usize,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Wsdl {
    /// copernica-rpc.wsdl (rpc/literal)
    Rpc,
    /// copernica.wsdl (document/literal wrapped)
    Document,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copernica-mock: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("copernica-mock: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A status line on stdout. Failures (a closed pipe) must not stop the server.
fn say(line: String) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

async fn run(args: Args) -> std::io::Result<()> {
    let mock = MockConfig {
        account: args.account,
        user: args.user,
        password: args.password,
        access_token: args.access_token,
        ..MockConfig::default()
    };
    let callbacks = (!args.no_callbacks).then(|| FireConfig {
        copernica_id: args.copernica_id,
        retry: RetryPolicy {
            initial_delay: Duration::from_millis(args.callback_retry_ms),
            max_delay: Duration::from_millis(args.callback_max_retry_ms),
            max_attempts: args.callback_attempts.max(1),
        },
        ..FireConfig::default()
    });
    let dkim = callbacks
        .as_ref()
        .map(|c| (c.signer.key_id().to_owned(), c.signer.dkim_record()));
    let server = MockServer::start(MockServerConfig {
        bind: SocketAddr::new(args.bind, args.port),
        mock,
        store: None,
        wsdl: match args.wsdl {
            Wsdl::Rpc => WsdlFlavor::Rpc,
            Wsdl::Document => WsdlFlavor::Document,
        },
        public_url: args.public_url,
        max_request_bytes: args.max_request_bytes,
        callbacks,
    })
    .await?;
    if args.demo {
        if let Err(e) = DemoData::populate(server.store()) {
            eprintln!("copernica-mock: demo data failed: {e}");
        }
    }
    say(format!("copernica-mock listening on {}", server.addr()));
    say(format!("  SOAP endpoint: {}", server.url()));
    say(format!("  WSDL:          {}", server.wsdl_url()));
    match dkim {
        Some((key_id, Ok(record))) => {
            say(format!(
                "  callbacks signed with keyId {key_id}; its DKIM TXT record:"
            ));
            say(format!("    {record}"));
        }
        Some((_, Err(e))) => eprintln!("copernica-mock: cannot publish the signing key: {e}"),
        None => say("  callbacks disabled".to_owned()),
    }
    tokio::select! {
        served = server.wait() => served,
        signal = tokio::signal::ctrl_c() => {
            signal?;
            say("copernica-mock: stopping".to_owned());
            Ok(())
        }
    }
}
