//! Generation benchmark: soapgen and xsd-parser side by side, per stage.
//!
//! `cargo bench -p soapgen-bench --bench gen -- [--out FILE] [--runs N] [--no-corpus]`
//!
//! The driver runs every measurement in a child process (this same binary,
//! `child <tool> <files...>`), so that each one starts from a clean heap and
//! its peak resident set (`VmHWM`, reset between stages through
//! `/proc/self/clear_refs`) is its own. Stage times are the best of `--runs`
//! children; memory is from the same best run set (minimum of each stage's
//! peak, which is stable across runs).
//!
//! Stages: soapgen `parse` (soapgen-parser: documents → syntax model),
//! `resolve` (soapgen-ir), `emit` (soapgen-rust → TokenStream), `format`
//! (syn + prettyplease). xsd-parser: `parse` (Parser), `resolve`
//! (Interpreter + Optimizer), `emit` (Generator + Renderer → TokenStream),
//! `format` (the same syn + prettyplease), fed the schemas extracted from
//! the WSDL's `wsdl:types` (see `soapgen_bench::extract`).

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use soapgen_bench::table::{mib, ms, ratio, verdict, Table};
use soapgen_bench::{alloc, mem, services, workspace_root};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

const STAGES: [&str; 4] = ["parse", "resolve", "emit", "format"];
/// A child that takes longer than this is stopped and reported as such.
const CHILD_TIMEOUT: Duration = Duration::from_secs(300);

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("child") {
        std::process::exit(child(&args[1..]));
    }
    if let Err(e) = driver(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------- child side

/// One stage's measurements.
#[derive(Debug, Clone, Copy, Default)]
struct Stage {
    seconds: f64,
    /// Peak resident set during the stage (KiB).
    rss_kib: u64,
    /// Peak live heap during the stage (bytes).
    heap: u64,
}

struct Meter {
    stages: Vec<(String, Stage)>,
    start: Instant,
}

impl Meter {
    fn new() -> Meter {
        let mut m = Meter {
            stages: Vec::new(),
            start: Instant::now(),
        };
        m.begin();
        m
    }
    fn begin(&mut self) {
        mem::reset_hwm();
        alloc::reset_peak();
        self.start = Instant::now();
    }
    fn end(&mut self, name: &str) {
        let seconds = self.start.elapsed().as_secs_f64();
        self.stages.push((
            name.to_string(),
            Stage {
                seconds,
                rss_kib: mem::vm_hwm_kib().unwrap_or(0),
                heap: alloc::peak_bytes() as u64,
            },
        ));
        self.begin();
    }
    fn print(&self, lines: usize) {
        let mut out = String::from("RESULT");
        for (name, s) in &self.stages {
            out.push_str(&format!(
                " {name}={:.6},{},{}",
                s.seconds, s.rss_kib, s.heap
            ));
        }
        out.push_str(&format!(" lines={lines}"));
        println!("{out}");
    }
}

fn child(args: &[String]) -> i32 {
    let (Some(tool), files) = (args.first(), &args[1.min(args.len())..]) else {
        eprintln!("usage: child <soapgen|xsd-parser> <files...>");
        return 2;
    };
    let result = match tool.as_str() {
        "soapgen" => child_soapgen(Path::new(&files[0])),
        "xsd-parser" => child_xsd_parser(files),
        other => Err(format!("unknown tool {other}")),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            println!("ERROR {}", e.replace('\n', " "));
            1
        }
    }
}

fn child_soapgen(entry: &Path) -> Result<(), String> {
    let root = workspace_root();
    let opts = services::load_options(&root, entry);
    let mut m = Meter::new();
    let set = soapgen_parser::load_path(entry, &opts).map_err(|e| format!("parse: {e}"))?;
    m.end("parse");
    let ir = soapgen_ir::resolve(&set).map_err(|e| format!("resolve: {e}"))?;
    m.end("resolve");
    let tokens = soapgen_rust::generate_tokens(&ir, &soapgen_rust::Options::default())
        .map_err(|e| format!("emit: {e}"))?;
    m.end("emit");
    let code = soapgen_rust::format_tokens(tokens).map_err(|e| format!("format: {e}"))?;
    m.end("format");
    m.print(code.lines().count());
    Ok(())
}

fn child_xsd_parser(files: &[String]) -> Result<(), String> {
    use quote::ToTokens as _;
    use xsd_parser::config::{Resolver, Schema};

    let mut config = xsd_parser::Config::default().with_quick_xml();
    config.parser.resolver = vec![Resolver::File];
    config.parser.schemas = files.iter().map(|f| Schema::File(f.into())).collect();
    let mut m = Meter::new();
    let schemas = xsd_parser::exec_parser(config.parser).map_err(|e| format!("parse: {e}"))?;
    m.end("parse");
    let (types, idents) =
        xsd_parser::exec_interpreter_with_ident_cache(config.interpreter, &schemas)
            .map_err(|e| format!("interpret: {e}"))?;
    let types = xsd_parser::exec_optimizer(config.optimizer, types)
        .map_err(|e| format!("optimize: {e}"))?;
    m.end("resolve");
    let data = xsd_parser::exec_generator_with_ident_cache(
        config.generator,
        &schemas,
        Some(&idents),
        &types,
    )
    .map_err(|e| format!("generate: {e}"))?;
    let module =
        xsd_parser::exec_render(config.renderer, &data).map_err(|e| format!("render: {e}"))?;
    let tokens = raw_keywords(module.to_token_stream());
    m.end("emit");
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("format: {e}"))?;
    let code = prettyplease::unparse(&file);
    m.end("format");
    m.print(code.lines().count());
    Ok(())
}

/// xsd-parser 1.5 emits names such as `async` (a Copernica element) as plain
/// identifiers, which do not parse as Rust 2018+; make them raw identifiers
/// so that its output can be formatted (and its lines counted) at all.
fn raw_keywords(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, Ident, TokenTree};
    tokens
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if matches!(i.to_string().as_str(), "async" | "await" | "try") => {
                TokenTree::Ident(Ident::new_raw(&i.to_string(), i.span()))
            }
            TokenTree::Group(g) => {
                let mut n = Group::new(g.delimiter(), raw_keywords(g.stream()));
                n.set_span(g.span());
                TokenTree::Group(n)
            }
            other => other,
        })
        .collect()
}

// --------------------------------------------------------------- driver side

/// The best of several child runs of one tool on one input.
#[derive(Debug, Clone, Default)]
struct Measured {
    stages: BTreeMap<String, Stage>,
    lines: usize,
}

impl Measured {
    fn total(&self) -> f64 {
        self.stages.values().map(|s| s.seconds).sum()
    }
    fn stage(&self, name: &str) -> Stage {
        self.stages.get(name).copied().unwrap_or_default()
    }
    fn peak_rss_bytes(&self) -> f64 {
        self.stages.values().map(|s| s.rss_kib).max().unwrap_or(0) as f64 * 1024.0
    }
    fn peak_heap_bytes(&self) -> f64 {
        self.stages.values().map(|s| s.heap).max().unwrap_or(0) as f64
    }
}

fn parse_result(line: &str) -> Option<Measured> {
    let rest = line.strip_prefix("RESULT ")?;
    let mut m = Measured::default();
    for kv in rest.split_whitespace() {
        let (k, v) = kv.split_once('=')?;
        if k == "lines" {
            m.lines = v.parse().ok()?;
            continue;
        }
        let mut parts = v.split(',');
        let stage = Stage {
            seconds: parts.next()?.parse().ok()?,
            rss_kib: parts.next()?.parse().ok()?,
            heap: parts.next()?.parse().ok()?,
        };
        m.stages.insert(k.to_string(), stage);
    }
    Some(m)
}

/// Runs one child; `Err` holds the child's own error line or why it failed.
fn run_child(tool: &str, files: &[PathBuf]) -> Result<Measured, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = Command::new(exe)
        .arg("child")
        .arg(tool)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(_) => break,
            None if started.elapsed() > CHILD_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {}s", CHILD_TIMEOUT.as_secs()));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let mut out = String::new();
    if let Some(mut o) = child.stdout.take() {
        let _ = o.read_to_string(&mut out);
    }
    if let Some(m) = out.lines().find_map(parse_result) {
        return Ok(m);
    }
    match out.lines().find_map(|l| l.strip_prefix("ERROR ")) {
        Some(e) => Err(e.chars().take(160).collect()),
        None => Err("crashed (no result; killed by a signal or out of memory?)".to_string()),
    }
}

/// Best of `runs` children: per stage, the fastest time and the smallest
/// peak (runs only differ by noise).
fn best_of(tool: &str, files: &[PathBuf], runs: usize) -> Result<Measured, String> {
    let mut best: Option<Measured> = None;
    for _ in 0..runs.max(1) {
        let m = run_child(tool, files)?;
        best = Some(match best {
            None => m,
            Some(mut b) => {
                for (name, s) in m.stages {
                    let e = b.stages.entry(name).or_insert(s);
                    e.seconds = e.seconds.min(s.seconds);
                    e.rss_kib = e.rss_kib.min(s.rss_kib);
                    e.heap = e.heap.min(s.heap);
                }
                b
            }
        });
    }
    best.ok_or_else(|| "no run".to_string())
}

struct Options {
    out: Option<PathBuf>,
    runs: usize,
    corpus: bool,
    scratch: PathBuf,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut o = Options {
        out: None,
        runs: 3,
        corpus: true,
        scratch: root.join("target/bench/xsd"),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => o.out = it.next().map(PathBuf::from),
            "--runs" => {
                o.runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--runs needs a number")?
            }
            "--no-corpus" => o.corpus = false,
            "--scratch" => {
                o.scratch = it
                    .next()
                    .map(PathBuf::from)
                    .ok_or("--scratch needs a dir")?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn driver(args: &[String]) -> Result<(), String> {
    let o = parse_args(args)?;
    let root = workspace_root();
    let focus = services::focus(&root).map_err(|e| e.to_string())?;

    let mut report = String::from("## Generation (per stage, release build, best of ");
    report.push_str(&format!(
        "{} runs, each in a fresh child process)\n\n",
        o.runs
    ));
    let mut stages = Table::new(&[
        "service",
        "input KiB",
        "tool",
        "parse ms",
        "resolve ms",
        "emit ms",
        "format ms",
        "total ms",
        "peak RSS MiB (parse/resolve/emit/format)",
        "peak heap MiB",
        "lines",
    ]);
    let mut summary = Table::new(&[
        "service",
        "soapgen ms",
        "xsd-parser ms",
        "speed-up",
        "soapgen peak RSS / input",
        "soapgen peak heap / input",
        "lines soapgen / xsd-parser",
    ]);
    let mut targets = Vec::new();
    for svc in &focus {
        eprintln!("gen: {}", svc.name);
        // The input size and the extracted schemas come from one load here,
        // outside any measurement.
        let opts = services::load_options(&root, &svc.entry);
        let ir = soapgen_ir::load(&svc.entry, &opts).map_err(|e| format!("{}: {e}", svc.name))?;
        let input = services::input_bytes(&ir.documents) as f64;
        let scratch = o.scratch.join(&svc.name);
        let _ = std::fs::remove_dir_all(&scratch);
        let extracted = soapgen_bench::extract::extract(&root, &ir.documents, &scratch);
        drop(ir);

        let ours = best_of("soapgen", std::slice::from_ref(&svc.entry), o.runs);
        let theirs = match &extracted {
            Ok(x) if x.files.is_empty() => Err("no inline schema".to_string()),
            Ok(x) => best_of("xsd-parser", &x.files, o.runs),
            Err(e) => Err(format!("extracting schemas: {e}")),
        };
        for (tool, m) in [("soapgen", &ours), ("xsd-parser", &theirs)] {
            let mut row = vec![
                svc.name.clone(),
                format!("{:.0}", input / 1024.0),
                tool.to_string(),
            ];
            match m {
                Ok(m) => {
                    row.extend(STAGES.iter().map(|s| ms(m.stage(s).seconds)));
                    row.push(ms(m.total()));
                    row.push(
                        STAGES
                            .iter()
                            .map(|s| mib(m.stage(s).rss_kib as f64 * 1024.0))
                            .collect::<Vec<_>>()
                            .join(" / "),
                    );
                    row.push(mib(m.peak_heap_bytes()));
                    row.push(m.lines.to_string());
                }
                Err(e) => {
                    row.push(format!("failed: {e}"));
                    row.extend((0..7).map(|_| String::new()));
                }
            }
            stages.row(row);
        }
        if let Ok(ours) = &ours {
            let (speed, lines) = match &theirs {
                Ok(t) => (t.total() / ours.total(), ours.lines as f64 / t.lines as f64),
                Err(_) => (f64::NAN, f64::NAN),
            };
            summary.row(vec![
                svc.name.clone(),
                ms(ours.total()),
                theirs
                    .as_ref()
                    .map(|t| ms(t.total()))
                    .unwrap_or_else(|e| format!("failed: {e}")),
                ratio(speed),
                ratio(ours.peak_rss_bytes() / input),
                ratio(ours.peak_heap_bytes() / input),
                ratio(lines),
            ]);
            targets.push((
                svc.name.clone(),
                ours.total(),
                ours.peak_rss_bytes() / input,
                ours.peak_heap_bytes() / input,
                speed,
                lines,
            ));
        }
    }
    report.push_str(&stages.render());
    report.push_str("\n### Ratios (soapgen vs xsd-parser, same run)\n\n");
    report.push_str(&summary.render());

    let mut checks = Table::new(&["target", "measured", "verdict"]);
    for (name, total, rss, heap, speed, lines) in &targets {
        checks.row(vec![
            format!("{name}: generates in < 1 s"),
            format!("{} ms", ms(*total)),
            verdict(*total < 1.0).to_string(),
        ]);
        checks.row(vec![
            format!("{name}: peak memory < 20x input"),
            format!("RSS {} / heap {}", ratio(*rss), ratio(*heap)),
            verdict(*rss < 20.0).to_string(),
        ]);
        if speed.is_finite() {
            checks.row(vec![
                format!("{name}: >= 3x faster than xsd-parser"),
                ratio(*speed),
                verdict(*speed >= 3.0).to_string(),
            ]);
            checks.row(vec![
                format!("{name}: <= 0.5x the lines of xsd-parser"),
                ratio(*lines),
                verdict(*lines <= 0.5).to_string(),
            ]);
        }
    }

    if o.corpus {
        let all = services::corpus(&root).map_err(|e| e.to_string())?;
        let mut corpus = Table::new(&[
            "service",
            "input KiB",
            "total ms",
            "peak RSS / input",
            "lines",
        ]);
        let (mut sum, mut slowest, mut failed) = (0.0f64, (0.0f64, String::new()), Vec::new());
        for svc in &all {
            eprintln!("gen corpus: {}", svc.name);
            let input = soapgen_ir::load(&svc.entry, &services::load_options(&root, &svc.entry))
                .map(|ir| services::input_bytes(&ir.documents) as f64)
                .unwrap_or(f64::NAN);
            match best_of("soapgen", std::slice::from_ref(&svc.entry), 1) {
                Ok(m) => {
                    sum += m.total();
                    if m.total() > slowest.0 {
                        slowest = (m.total(), svc.name.clone());
                    }
                    corpus.row(vec![
                        svc.name.clone(),
                        format!("{:.0}", input / 1024.0),
                        ms(m.total()),
                        ratio(m.peak_rss_bytes() / input),
                        m.lines.to_string(),
                    ]);
                }
                Err(e) => {
                    failed.push(svc.name.clone());
                    corpus.row(vec![
                        svc.name.clone(),
                        format!("{:.0}", input / 1024.0),
                        format!("failed: {e}"),
                        String::new(),
                        String::new(),
                    ]);
                }
            }
        }
        checks.row(vec![
            "every corpus service generates in < 1 s".to_string(),
            format!("slowest {} ms ({})", ms(slowest.0), slowest.1),
            verdict(slowest.0 < 1.0).to_string(),
        ]);
        checks.row(vec![
            "whole corpus < 5 s".to_string(),
            format!(
                "{} ms for {} services{}",
                ms(sum),
                all.len() - failed.len(),
                if failed.is_empty() {
                    String::new()
                } else {
                    format!(" ({} failed: {})", failed.len(), failed.join(", "))
                }
            ),
            verdict(sum < 5.0 && failed.is_empty()).to_string(),
        ]);
        report
            .push_str("\n### Whole corpus (soapgen, one run each, parse+resolve+emit+format)\n\n");
        report.push_str(&corpus.render());
    }
    report.push_str("\n### Generation targets\n\n");
    report.push_str(&checks.render());
    println!("{report}");
    if let Some(out) = &o.out {
        if let Some(dir) = out.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(out, &report).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}
