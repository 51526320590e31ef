//! `cargo xtask bench`: every performance measurement in one run, written to
//! `bench/RESULTS.md`.
//!
//! 1. generation per stage, soapgen next to xsd-parser, and the whole
//!    corpus (`cargo bench -p soapgen-bench --bench gen`);
//! 2. run time of generated readers/writers next to a raw quick-xml event
//!    loop (`cargo bench -p soapgen-bench --bench run`);
//! 3. compile time and size of generated bindings (here: each set of
//!    bindings becomes a crate of a scratch workspace under
//!    `target/bench/compile`, whose dependencies are built first so that the
//!    timed `cargo build` compiles the generated code alone).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Smaller inputs and one run each (a smoke test of the whole pipeline).
    #[arg(long)]
    quick: bool,
    /// Skip the compile-time measurements (the slowest part).
    #[arg(long)]
    skip_compile: bool,
    /// Skip the release builds of the compile-time measurements.
    #[arg(long)]
    skip_release: bool,
    /// Where to write the Markdown report (default: bench/RESULTS.md).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run_status(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("starting {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed ({status})"))
    }
}

pub fn run(args: Args) -> Result<(), String> {
    let root = root();
    let work = root.join("target/bench");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut report = String::from("# soapgen performance\n\n");
    report.push_str(&machine_header());

    // 1 + 2: the bench targets (release, `bench` profile).
    let gen_md = work.join("gen.md");
    let mut gen = cargo();
    gen.current_dir(&root)
        .args(["bench", "-p", "soapgen-bench", "--bench", "gen", "--"])
        .arg("--out")
        .arg(&gen_md);
    if args.quick {
        gen.args(["--runs", "1"]);
    }
    run_status(&mut gen)?;
    let run_md = work.join("run.md");
    let mut rt = cargo();
    rt.current_dir(&root)
        .args(["bench", "-p", "soapgen-bench", "--bench", "run", "--"])
        .arg("--out")
        .arg(&run_md);
    if args.quick {
        rt.args(["--mb", "5", "--ews-items", "2000", "--iters", "2"]);
    }
    run_status(&mut rt)?;
    for md in [&gen_md, &run_md] {
        let text = std::fs::read_to_string(md).map_err(|e| format!("{}: {e}", md.display()))?;
        report.push_str(&text);
        report.push('\n');
    }

    // 3: compile time and size.
    if !args.skip_compile {
        let table = compile_times(&root, &work.join("compile"), !args.skip_release)?;
        println!("{table}");
        report.push_str(&table);
    }
    report.push_str(
        "\nWhere a target is missed, `bench/PROFILE.md` holds what a profile of it shows.\n",
    );

    let out = args.out.unwrap_or_else(|| root.join("bench/RESULTS.md"));
    std::fs::write(&out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Date, compiler and core count: the context any number needs.
fn machine_header() -> String {
    let out = |program: &str, args: &[&str]| -> String {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    // The load average tells how much other work shared the cores.
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into());
    format!(
        "Measured {} with {} on {} cores, load average at start {load} \
         (`cargo xtask bench`; all figures of one run, so ratios compare like \
         with like; the machine is shared, so absolute times carry noise).\n\n",
        out("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        out("rustc", &["--version"]),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    )
}

/// One set of bindings to compile.
struct Bindings {
    name: &'static str,
    entry: &'static str,
    operations: &'static [&'static str],
}

const BINDINGS: &[Bindings] = &[
    Bindings {
        name: "copernica",
        entry: "fixtures/copernica/copernica-rpc.wsdl",
        operations: &[],
    },
    Bindings {
        name: "ews_full",
        entry: "fixtures/corpus/exchange-ews/services.wsdl",
        operations: &[],
    },
    Bindings {
        name: "ews_find_get",
        entry: "fixtures/corpus/exchange-ews/services.wsdl",
        operations: &["FindItem", "GetItem"],
    },
];

fn generate(root: &Path, b: &Bindings) -> Result<String, String> {
    let mut opts = soapgen_ir::LoadOptions::default();
    opts.catalogs
        .push(root.join("fixtures/corpus/_wellknown/catalog.xml"));
    let ir =
        soapgen_ir::load(root.join(b.entry), &opts).map_err(|e| format!("{}: {e}", b.entry))?;
    let ir = if b.operations.is_empty() {
        ir
    } else {
        let filter = soapgen_ir::prune::Filter {
            operations: b.operations.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        soapgen_ir::prune::prune(&ir, &filter).map_err(|e| format!("{}: {e}", b.entry))?
    };
    soapgen_rust::generate(&ir, &soapgen_rust::Options::default())
        .map_err(|e| format!("{}: {e}", b.entry))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn member_manifest(name: &str, runtime: &Path) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nsoapgen-runtime = {{ path = \"{}\", default-features = false }}\n",
        runtime.display()
    )
}

/// Generates each of [`BINDINGS`] into a member of a scratch workspace and
/// times `cargo build` (debug, and release when asked) of that member alone.
fn compile_times(root: &Path, dir: &Path, release: bool) -> Result<String, String> {
    let runtime = std::fs::canonicalize(root.join("crates/soapgen-runtime"))
        .map_err(|e| format!("crates/soapgen-runtime: {e}"))?;
    let mut members = vec!["warm".to_string()];
    write(
        &dir.join("warm/Cargo.toml"),
        &member_manifest("warm", &runtime),
    )?;
    write(
        &dir.join("warm/src/lib.rs"),
        "pub use soapgen_runtime as rt;\n",
    )?;
    let mut lines = Vec::new();
    for b in BINDINGS {
        eprintln!("compile: generating {}", b.name);
        let code = generate(root, b)?;
        lines.push(code.lines().count());
        write(
            &dir.join(b.name).join("Cargo.toml"),
            &member_manifest(b.name, &runtime),
        )?;
        write(&dir.join(b.name).join("src/generated.rs"), &code)?;
        write(
            &dir.join(b.name).join("src/lib.rs"),
            "#![allow(clippy::all, dead_code)]\ninclude!(\"generated.rs\");\n",
        )?;
        members.push(b.name.to_string());
    }
    let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            list.join(", ")
        ),
    )?;
    // Same dependency versions as the project.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("copying Cargo.lock: {e}"))?;

    let profiles: &[&str] = if release {
        &["dev", "release"]
    } else {
        &["dev"]
    };
    let build = |member: &str, profile: &str| -> Result<f64, String> {
        let mut cmd = cargo();
        cmd.current_dir(dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .args(["build", "--quiet", "-p", member, "--profile", profile]);
        let t = Instant::now();
        run_status(&mut cmd)?;
        Ok(t.elapsed().as_secs_f64())
    };
    for p in profiles {
        eprintln!("compile: dependencies ({p})");
        build("warm", p)?;
    }
    let mut table = String::from(
        "## Compile time and size of generated bindings\n\n\
         `cargo build -p <bindings>` with the dependencies already built (so the \
         generated crate alone is compiled), default profiles.\n\n\
         | bindings | lines | debug build s | release build s |\n|---|---|---|---|\n",
    );
    for (b, lines) in BINDINGS.iter().zip(&lines) {
        // Touch the source so that a rerun compiles again.
        let lib = dir.join(b.name).join("src/lib.rs");
        let mut times = Vec::new();
        for p in profiles {
            let text = std::fs::read_to_string(&lib).map_err(|e| e.to_string())?;
            std::fs::write(&lib, text).map_err(|e| e.to_string())?;
            eprintln!("compile: {} ({p})", b.name);
            times.push(build(b.name, p)?);
        }
        let _ = writeln!(
            table,
            "| {}{} | {lines} | {:.1} | {} |",
            b.name,
            if b.operations.is_empty() {
                String::new()
            } else {
                format!(" ({})", b.operations.join("+"))
            },
            times[0],
            times
                .get(1)
                .map(|t| format!("{t:.1}"))
                .unwrap_or_else(|| "skipped".into())
        );
    }
    Ok(table)
}
