//! `soapgen generate <wsdl> [-o <file|dir>] [options]`: the CLI front end of
//! the one generator. Flags are turned into `soapgen_build::Config::set`
//! calls (the same keys `include_wsdl!` takes), then
//! `soapgen_build::generate_string` does the work, so the output is
//! byte-identical to build.rs and the macro for the same options.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use soapgen_build::{Config, Error, OptionValue};

/// Options shared by `generate` (all) and `sample` (the input part).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// The entry WSDL or XSD file.
    pub wsdl: PathBuf,
    /// OASIS XML catalog mapping remote schemaLocations/namespaces to local
    /// files (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
    /// Accept documents with an internal DTD subset (entities are expanded
    /// with billion-laughs guards). Off by default.
    #[arg(long)]
    pub allow_dtd: bool,
}

#[derive(clap::Args, Debug, Clone, Default)]
#[command(after_help = "\
EXAMPLES:
  soapgen generate calculator.wsdl -o src/calculator.rs
  soapgen generate services.wsdl --catalog catalog.xml \\
      --operation FindItem --operation GetItem --types-only -o src/generated/
  soapgen generate api.wsdl --derive serde::Serialize \\
      --type-override '{urn:api}Money=crate::Money' > api.rs

The options mean the same as soapgen_build::Builder methods and
include_wsdl! keys; equal options give byte-identical output.")]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output file, or directory (then `<wsdl stem>.rs` inside it). Writes to
    /// stdout when omitted. An unchanged file is not rewritten.
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// Keep only these services (repeatable).
    #[arg(long = "service", value_name = "NAME")]
    pub services: Vec<String>,
    /// Keep only these ports (repeatable).
    #[arg(long = "port", value_name = "NAME")]
    pub ports: Vec<String>,
    /// Keep only these operations and the types they reach (repeatable).
    #[arg(long = "operation", value_name = "NAME")]
    pub operations: Vec<String>,
    /// Generate data types and their XML codecs only (no client, no server).
    #[arg(long)]
    pub types_only: bool,
    /// Generate a SOAP client per port [default: the generator's].
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub client: Option<bool>,
    /// Generate server skeletons [default: the generator's].
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub server: Option<bool>,
    /// Generate blocking rather than async clients.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub blocking: Option<bool>,
    /// Module layout.
    #[arg(long, value_name = "LAYOUT", value_parser = ["per-namespace", "flat"])]
    pub layout: Option<String>,
    /// What generated readers do with unexpected child elements.
    #[arg(long, value_name = "POLICY", value_parser = ["error", "skip"])]
    pub unknown_elements: Option<String>,
    /// Give enumerations an `Unknown(String)` catch-all variant.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub enum_unknown_variant: Option<bool>,
    /// Extra derive for every generated type, e.g. `serde::Serialize` (repeatable).
    #[arg(long = "derive", value_name = "PATH")]
    pub derives: Vec<String>,
    /// Use a Rust type for an XSD type: `{namespace}Name=path::Type` (repeatable).
    #[arg(long = "type-override", value_name = "QNAME=TYPE")]
    pub type_overrides: Vec<String>,
    /// Path of the runtime crate in generated code (e.g. `::soapgen::runtime`).
    #[arg(long, value_name = "PATH")]
    pub runtime: Option<String>,
}

impl InputArgs {
    fn config(&self) -> Result<Config, Error> {
        let mut c = Config::new(&self.wsdl);
        c.catalogs = self.catalogs.clone();
        c.allow_dtd = self.allow_dtd;
        Ok(c)
    }
}

impl Args {
    /// The generation config these flags describe.
    pub fn config(&self) -> Result<Config, Error> {
        let mut c = self.input.config()?;
        let list = |v: &[String]| OptionValue::List(v.to_vec());
        c.set("services", list(&self.services))?;
        c.set("ports", list(&self.ports))?;
        c.set("operations", list(&self.operations))?;
        let bools = [
            ("client", self.client),
            ("server", self.server),
            ("blocking", self.blocking),
            ("enum_unknown_variant", self.enum_unknown_variant),
        ];
        for (key, value) in bools {
            if let Some(b) = value {
                c.set(key, OptionValue::Bool(b))?;
            }
        }
        // After client/server so that `--types-only` wins, as in the builder.
        c.set("types_only", OptionValue::Bool(self.types_only))?;
        let strings = [
            ("layout", &self.layout),
            ("unknown_elements", &self.unknown_elements),
            ("runtime", &self.runtime),
        ];
        for (key, value) in strings {
            if let Some(s) = value {
                c.set(key, OptionValue::Str(s.clone()))?;
            }
        }
        c.set("derive", list(&self.derives))?;
        let mut overrides = Vec::new();
        for o in &self.type_overrides {
            // Split at the last `=`: namespaces may contain `=`, Rust paths don't.
            let (k, v) = o.rsplit_once('=').ok_or_else(|| {
                Error::InvalidOption(format!(
                    "--type-override `{o}`: expected `{{namespace}}Name=path::Type`"
                ))
            })?;
            overrides.push((k.to_string(), v.to_string()));
        }
        c.set("type_overrides", OptionValue::Map(overrides))?;
        Ok(c)
    }
}

/// Standalone parser for `soapgen generate ...` argument vectors (tests,
/// other tools). `argv[0]` is the program name.
#[derive(Parser, Debug)]
#[command(name = "soapgen generate")]
pub struct Standalone {
    #[command(flatten)]
    pub args: Args,
}

/// Parses `generate` arguments (without the subcommand word).
pub fn parse<I, T>(argv: I) -> Result<Args, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    Standalone::try_parse_from(argv).map(|s| s.args)
}

/// Where the output went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    File { path: PathBuf, changed: bool },
    Stdout,
}

/// Generates and writes per `args`; the library form of the command.
pub fn execute(args: &Args) -> Result<(String, Written), Error> {
    let config = args.config()?;
    let (code, _) = soapgen_build::generate_string(&config)?;
    let written = match &args.output {
        Some(out) => {
            let path = output_path(out, &config.wsdl);
            let changed = soapgen_build::write_if_changed(&path, &code)?;
            Written::File { path, changed }
        }
        None => Written::Stdout,
    };
    Ok((code, written))
}

/// A directory (existing, or spelled with a trailing slash) gets the
/// default file name inside it.
fn output_path(out: &Path, wsdl: &Path) -> PathBuf {
    let spelled_dir = out.as_os_str().to_string_lossy().ends_with(['/', '\\']);
    if out.is_dir() || spelled_dir {
        out.join(soapgen_build::default_out_file(wsdl))
    } else {
        out.to_path_buf()
    }
}

pub fn run(args: &Args) -> ExitCode {
    let start = Instant::now();
    // Progress only for a human watching; pipes and CI logs stay quiet.
    let tty = std::io::stderr().is_terminal();
    if tty {
        eprintln!("generating from {}", args.input.wsdl.display());
    }
    match execute(args) {
        Ok((code, Written::Stdout)) => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(code.as_bytes()).and_then(|_| out.flush()) {
                // A closed pipe (`| head`) is not worth a panic.
                eprintln!("error: writing to stdout: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Ok((code, Written::File { path, changed })) => {
            if tty {
                eprintln!(
                    "{} {} ({} lines) in {:.0?}",
                    if changed { "wrote" } else { "unchanged" },
                    path.display(),
                    code.lines().count(),
                    start.elapsed()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
