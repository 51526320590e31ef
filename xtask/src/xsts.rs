//! `cargo xtask xsts`: run the XSD 1.0 schema tests of the W3C XML Schema
//! Test Suite against the front end (soapgen-parser + soapgen-ir).
//!
//! For every `schemaTest` of every test set listed in `suite.xml` (XSD 1.1
//! only tests skipped, missing test-set files skipped), load the schema
//! document(s) and compare with the expected validity: a *valid* schema
//! must load and resolve; an *invalid* one should be rejected. The front
//! end is a code generator, not a validator, so accepting some invalid
//! schemas is expected; rejecting a valid one, or panicking, is a bug.
//! A summary table goes to stdout and to `xtask/xsts-results.md`.

use soapgen_ir::LoadOptions;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TS_NS: &str = "http://www.w3.org/XML/2004/xml-schema-test-suite/";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

#[derive(clap::Args)]
pub struct Args {
    /// The XSTS checkout (default: ../shared/xsts relative to the workspace root).
    #[arg(long)]
    suite_dir: Option<PathBuf>,
    /// Where to write the Markdown summary (default: xtask/xsts-results.md).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only run test sets whose file path contains this text.
    #[arg(long)]
    filter: Option<String>,
}

#[derive(Default, Clone)]
struct Tally {
    valid_ok: usize,
    valid_rejected: usize,
    invalid_rejected: usize,
    invalid_accepted: usize,
    panicked: usize,
    skipped: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.valid_ok += o.valid_ok;
        self.valid_rejected += o.valid_rejected;
        self.invalid_rejected += o.invalid_rejected;
        self.invalid_accepted += o.invalid_accepted;
        self.panicked += o.panicked;
        self.skipped += o.skipped;
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn href<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XLINK_NS, "href"))
}

/// XSD 1.1-only items carry `version="1.1"` (without "1.0"), on the test
/// itself or an ancestor.
fn is_xsd11_only(node: roxmltree::Node) -> bool {
    node.ancestors()
        .find_map(|n| n.attribute("version"))
        .is_some_and(|v| {
            let toks: Vec<&str> = v.split_whitespace().collect();
            toks.contains(&"1.1") && !toks.contains(&"1.0")
        })
}

fn is_ts(node: roxmltree::Node, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace() == Some(TS_NS)
}

pub fn run(args: Args) -> Result<(), String> {
    let root = workspace_root();
    let suite_dir = args
        .suite_dir
        .clone()
        .unwrap_or_else(|| root.join("../shared/xsts"));
    let suite_file = suite_dir.join("suite.xml");
    if !suite_file.exists() {
        return Err(format!(
            "XSTS suite not found: {} does not exist (pass --suite-dir <checkout of w3c/xsdtests>)",
            suite_file.display()
        ));
    }
    let suite_text = read(&suite_file)?;
    let suite = roxmltree::Document::parse(&suite_text)
        .map_err(|e| format!("{}: {e}", suite_file.display()))?;
    let mut rows: Vec<(String, Tally)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut panics: Vec<String> = Vec::new();
    let mut missing_sets = Vec::new();
    // Panics are counted, not printed as they happen.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for set_ref in suite.descendants().filter(|n| is_ts(*n, "testSetRef")) {
        let Some(h) = href(set_ref) else { continue };
        if args.filter.as_deref().is_some_and(|f| !h.contains(f)) {
            continue;
        }
        let set_path = suite_dir.join(h);
        if !set_path.exists() {
            missing_sets.push(h.to_string());
            continue;
        }
        let text = read(&set_path)?;
        let doc = roxmltree::Document::parse(&text)
            .map_err(|e| format!("{}: {e}", set_path.display()))?;
        let set_dir = set_path.parent().unwrap_or(Path::new("."));
        let mut tally = Tally::default();
        for test in doc.descendants().filter(|n| is_ts(*n, "schemaTest")) {
            let expected = test
                .children()
                .find(|n| is_ts(*n, "expected"))
                .and_then(|n| n.attribute("validity"))
                .unwrap_or("indeterminate");
            let withdrawn = test
                .children()
                .find(|n| is_ts(*n, "current"))
                .and_then(|n| n.attribute("status"))
                == Some("withdrawn");
            if is_xsd11_only(test) || withdrawn || !matches!(expected, "valid" | "invalid") {
                tally.skipped += 1;
                continue;
            }
            let docs: Vec<PathBuf> = test
                .children()
                .filter(|n| is_ts(*n, "schemaDocument"))
                .filter_map(href)
                .map(|h| set_dir.join(h))
                .collect();
            if docs.is_empty() {
                tally.skipped += 1;
                continue;
            }
            let name = format!("{}/{}", h, test.attribute("name").unwrap_or("?"));
            let outcome = std::panic::catch_unwind(|| load_schema_documents(&docs));
            match (expected, outcome) {
                (_, Err(_)) => {
                    tally.panicked += 1;
                    panics.push(format!("{name}: {}", docs[0].display()));
                }
                ("valid", Ok(Ok(()))) => tally.valid_ok += 1,
                ("valid", Ok(Err(e))) => {
                    tally.valid_rejected += 1;
                    failures.push(format!("{name}: {e}"));
                }
                (_, Ok(Err(_))) => tally.invalid_rejected += 1,
                (_, Ok(Ok(()))) => tally.invalid_accepted += 1,
            }
        }
        rows.push((h.to_string(), tally));
    }
    std::panic::set_hook(hook);
    let report = render(&rows, &failures, &panics, &missing_sets, &suite_dir);
    print!("{report}");
    let out = args
        .out
        .unwrap_or_else(|| root.join("xtask/xsts-results.md"));
    std::fs::write(&out, &report).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!("written to {}", out.display());
    if panics.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} schema tests panicked (see the report)",
            panics.len()
        ))
    }
}

/// Load one schema test. Several documents are combined through an
/// in-memory wrapper schema that imports (or, for no-namespace documents,
/// includes) each of them.
fn load_schema_documents(docs: &[PathBuf]) -> Result<(), String> {
    // XSTS documents are trusted test data; some carry a DOCTYPE.
    let mut opts = LoadOptions {
        allow_dtd: true,
        ..Default::default()
    };
    if docs.len() == 1 {
        return soapgen_ir::load(&docs[0], &opts)
            .map(|_| ())
            .map_err(|e| e.to_string());
    }
    let mut wrapper = String::from("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n");
    for d in docs {
        let text = read(d)?;
        let opts = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let tns = roxmltree::Document::parse_with_options(&text, opts)
            .ok()
            .and_then(|doc| {
                doc.root_element()
                    .attribute("targetNamespace")
                    .map(str::to_string)
            });
        let loc = xml_escape(&d.display().to_string());
        match tns {
            Some(ns) => {
                let _ = writeln!(
                    wrapper,
                    "<xs:import namespace=\"{}\" schemaLocation=\"{loc}\"/>",
                    xml_escape(&ns)
                );
            }
            None => {
                let _ = writeln!(wrapper, "<xs:include schemaLocation=\"{loc}\"/>");
            }
        }
    }
    wrapper.push_str("</xs:schema>\n");
    let name = docs[0]
        .parent()
        .unwrap_or(Path::new("."))
        .join("xsts-wrapper.xsd")
        .display()
        .to_string();
    opts.in_memory.insert(name.clone(), wrapper.clone());
    soapgen_ir::load_str(&name, &wrapper, &opts)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

fn render(
    rows: &[(String, Tally)],
    failures: &[String],
    panics: &[String],
    missing: &[String],
    suite_dir: &Path,
) -> String {
    let mut total = Tally::default();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# XSTS (XSD 1.0 schema tests) against soapgen-parser + soapgen-ir\n"
    );
    let _ = writeln!(
        s,
        "Suite: `{}`. Generated by `cargo xtask xsts`. *valid ok*: a valid schema loads and resolves \
         (must be 100%). *invalid rejected*: an invalid schema is refused (a generator need not catch \
         every invalid schema). XSD 1.1-only, withdrawn and indeterminate tests are skipped.\n",
        suite_dir.display()
    );
    let _ = writeln!(s, "| test set | valid ok | valid rejected | invalid rejected | invalid accepted | panics | skipped |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
    let mut by_set: BTreeMap<&str, &Tally> = BTreeMap::new();
    for (name, t) in rows {
        by_set.insert(name, t);
        total.add(t);
    }
    for (name, t) in rows {
        let _ = writeln!(
            s,
            "| {name} | {} | {} | {} | {} | {} | {} |",
            t.valid_ok,
            t.valid_rejected,
            t.invalid_rejected,
            t.invalid_accepted,
            t.panicked,
            t.skipped
        );
    }
    let _ = writeln!(
        s,
        "| **total** | **{}** | **{}** | **{}** | **{}** | **{}** | {} |\n",
        total.valid_ok,
        total.valid_rejected,
        total.invalid_rejected,
        total.invalid_accepted,
        total.panicked,
        total.skipped
    );
    let valid = total.valid_ok + total.valid_rejected;
    if valid > 0 {
        let _ = writeln!(
            s,
            "Valid schemas accepted: {}/{} ({:.1}%).\n",
            total.valid_ok,
            valid,
            100.0 * total.valid_ok as f64 / valid as f64
        );
    }
    if !missing.is_empty() {
        let _ = writeln!(
            s,
            "Test sets listed in suite.xml but absent: {}\n",
            missing.join(", ")
        );
    }
    if !panics.is_empty() {
        let _ = writeln!(s, "## Panics\n");
        for p in panics {
            let _ = writeln!(s, "- {p}");
        }
        s.push('\n');
    }
    if !failures.is_empty() {
        let _ = writeln!(s, "## Valid schemas rejected (first 100)\n");
        for f in failures.iter().take(100) {
            let _ = writeln!(s, "- {}", f.replace('\n', " "));
        }
    }
    s
}
