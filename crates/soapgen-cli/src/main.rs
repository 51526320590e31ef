//! `soapgen`: the command-line front end. One module per command; `main`
//! only parses arguments and dispatches.

mod check;
mod inspect;

use soapgen_cli::{generate, sample};

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "soapgen", version, about = "WSDL 1.1 + XML Schema to Rust")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by every command that loads a WSDL/XSD document set.
#[derive(clap::Args, Debug, Clone)]
pub struct LoadArgs {
    /// The entry WSDL or XSD file.
    pub file: PathBuf,
    /// OASIS XML catalog mapping remote schemaLocations/namespaces to local
    /// files (repeatable).
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
    /// Accept documents with an internal DTD subset (entities are expanded
    /// by the XML parser with its billion-laughs guards). Off by default.
    #[arg(long)]
    pub allow_dtd: bool,
}

impl LoadArgs {
    pub fn options(&self) -> soapgen_ir::LoadOptions {
        soapgen_ir::LoadOptions {
            catalogs: self.catalogs.clone(),
            allow_dtd: self.allow_dtd,
            ..Default::default()
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Load and resolve a WSDL/XSD document set and print its diagnostics.
    Check(check::Args),
    /// Show services, ports, operations and type counts (or the IR as JSON).
    Inspect(inspect::Args),
    /// Generate Rust code (types, XML codecs, client, server) from a WSDL/XSD.
    Generate(generate::Args),
    /// Print an example SOAP request envelope for an operation.
    Sample(sample::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Sample(args) => sample::run(&args),
    }
}
