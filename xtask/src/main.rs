//! Project automation (`cargo xtask <command>`), matklad's xtask pattern.

mod bench;
mod regenerate;
mod test;
mod xsts;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "soapgen project automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what the interop tests need (PHP ext/soap, zeep) and run the whole test suite.
    Test(test::Args),
    /// Run the W3C XML Schema Test Suite (XSD 1.0 part) against the front end.
    Xsts(xsts::Args),
    /// Regenerate every checked-in generated file (`--check`: list stale ones, exit 1).
    Regenerate(regenerate::Args),
    /// Measure generation, run time and compile time side by side; writes bench/RESULTS.md.
    Bench(bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Test(args) => test::run(args),
        Command::Xsts(args) => xsts::run(args),
        Command::Regenerate(args) => regenerate::run(args),
        Command::Bench(args) => bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
