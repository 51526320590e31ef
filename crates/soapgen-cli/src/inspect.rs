//! `soapgen inspect <file> [--json]`: a human summary of the resolved model
//! (services, ports, operations with their parts), or the IR as JSON.

use crate::LoadArgs;
use soapgen_ir::{Ir, Message, PartKind, TypeRef};
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub load: LoadArgs,
    /// Dump the whole resolved model as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> ExitCode {
    let ir = match soapgen_ir::load(&args.load.file, &args.load.options()) {
        Ok(ir) => ir,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&ir) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("cannot serialise the model: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", summary(&ir));
    }
    ExitCode::SUCCESS
}

fn type_name(ir: &Ir, t: TypeRef) -> String {
    match t {
        TypeRef::Builtin(b) => format!("xs:{}", b.local_name()),
        TypeRef::Named(id) => ir
            .types
            .get(id.0)
            .map(|t| t.name.to_string())
            .unwrap_or_default(),
    }
}

fn parts(ir: &Ir, m: &Message) -> String {
    m.parts
        .iter()
        .map(|p| match p.kind {
            PartKind::Element(e) => format!(
                "{}: element {}",
                p.name,
                ir.elements
                    .get(e.0)
                    .map(|e| e.name.to_string())
                    .unwrap_or_default()
            ),
            PartKind::Type(t) => format!("{}: {}", p.name, type_name(ir, t)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text report (kept separate from printing so it can be tested).
pub fn summary(ir: &Ir) -> String {
    let mut s = String::new();
    let anonymous = ir.types.iter().filter(|t| t.anonymous).count();
    let _ = writeln!(s, "documents: {}", ir.documents.len());
    if let Some(ns) = &ir.target_namespace {
        let _ = writeln!(s, "target namespace: {ns}");
    }
    let _ = writeln!(
        s,
        "types: {} ({} named, {} anonymous), global elements: {}",
        ir.types.len(),
        ir.types.len() - anonymous,
        anonymous,
        ir.elements.len()
    );
    for svc in &ir.services {
        let _ = writeln!(s, "service {}", svc.name);
        for p in &svc.ports {
            let b = &ir.bindings[p.binding.0];
            let _ = writeln!(
                s,
                "  port {} -> binding {} ({:?}) at {}",
                p.name,
                b.name,
                b.protocol,
                p.address.as_deref().unwrap_or("-")
            );
        }
    }
    for b in &ir.bindings {
        let _ = writeln!(
            s,
            "binding {} ({:?}, port type {})",
            b.name, b.protocol, b.port_type
        );
        for op in &b.operations {
            let _ = writeln!(
                s,
                "  {} [{:?}{}{}]",
                op.name,
                op.style,
                if op.wrapped { ", wrapped" } else { "" },
                op.input
                    .as_ref()
                    .map(|m| format!(", {:?}", m.use_))
                    .unwrap_or_default()
            );
            if let Some(m) = &op.input {
                let _ = writeln!(s, "    in:  {}", parts(ir, m));
            }
            if let Some(m) = &op.output {
                let _ = writeln!(s, "    out: {}", parts(ir, m));
            }
            for f in &op.faults {
                let _ = writeln!(s, "    fault {}: {}", f.name, f.message);
            }
        }
    }
    if !ir.warnings.is_empty() {
        let _ = writeln!(s, "warnings: {}", ir.warnings.len());
    }
    s
}
