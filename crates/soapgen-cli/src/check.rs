//! `soapgen check <file>`: load + resolve, print diagnostics; exit 1 on errors.

use crate::LoadArgs;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: &Args) -> ExitCode {
    let start = Instant::now();
    match soapgen_ir::load(&args.load.file, &args.load.options()) {
        Ok(ir) => {
            for w in &ir.warnings {
                match &w.location {
                    Some(l) => eprintln!("{l}: warning: {}", w.message),
                    None => eprintln!("warning: {}", w.message),
                }
            }
            let ops: usize = ir.bindings.iter().map(|b| b.operations.len()).sum();
            println!(
                "ok: {} documents, {} types, {} elements, {} bindings, {} operations, {} warnings ({:.0?})",
                ir.documents.len(),
                ir.types.len(),
                ir.elements.len(),
                ir.bindings.len(),
                ops,
                ir.warnings.len(),
                start.elapsed()
            );
            if args.deny_warnings && !ir.warnings.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
