//! `cargo xtask xsts`: XSD 1.0 conformance of soapgen measured on the W3C
//! XML Schema Test Suite, round trip included.
//!
//! For every test group of the XSD 1.0 test sets listed in `suite.xml`:
//! - a schema expected **invalid** should be rejected by the front end;
//! - a schema expected **valid** must load, generate (`soapgen_rust`) and
//!   compile; its instances are then read with the generated code (root
//!   element → that global element's type) and written back: a valid
//!   instance must come back identical after canonicalisation
//!   ([`canon`]), an invalid one must be rejected by strict reading.
//!
//! Generated modules are compiled in batches ([`batch`]) under
//! `target/xsts/`. Results go to `xtask/xsts-results.md` and every failing
//! case id to `xtask/xsts-expected-failures.txt`; `--check` fails when a
//! case fails that the list does not name. `--slice ci` runs a fixed,
//! representative subset in a few minutes.

mod batch;
mod canon;
mod gen;
mod report;
mod suite;

use report::{Case, Kind, Outcome};
use std::path::{Path, PathBuf};
use std::time::Instant;
use suite::{Group, Test, Validity};

/// Representative subsets.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Slice {
    /// Every 75th test group of the suite (about 150 groups across the test sets): a few minutes.
    Ci,
}

#[derive(clap::Args)]
pub struct Args {
    /// The XSTS checkout (default: ../shared/xsts relative to the workspace root).
    #[arg(long)]
    suite_dir: Option<PathBuf>,
    /// Also write the Markdown report here (a full run writes xtask/xsts-results.md).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only run test sets whose file path contains this text.
    #[arg(long)]
    filter: Option<String>,
    /// Run a representative subset instead of the whole suite.
    #[arg(long, value_enum)]
    slice: Option<Slice>,
    /// Fail when a case fails that xtask/xsts-expected-failures.txt does not list
    /// (writes no file).
    #[arg(long)]
    check: bool,
    /// The expected-failures list read by --check (default: xtask/xsts-expected-failures.txt).
    #[arg(long)]
    expected_failures: Option<PathBuf>,
    /// Schema modules per generated crate.
    #[arg(long, default_value_t = 300)]
    per_crate: usize,
}

/// Groups taken by the CI slice: one in `CI_STRIDE`, counted over all
/// groups of the suite in order (so every large test set is represented).
const CI_STRIDE: usize = 75;
/// Where the slice starts (past the introspection group, whose 91
/// instances all hang on one schema that imports a remote document).
const CI_OFFSET: usize = 37;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A valid-schema group waiting for compilation.
struct Pending<'a> {
    set: &'a str,
    group: &'a Group,
    module: String,
}

pub fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let root = workspace_root();
    let suite_dir = args
        .suite_dir
        .clone()
        .unwrap_or_else(|| root.join("../shared/xsts"));
    let suite = suite::load(&suite_dir, args.filter.as_deref())?;

    let mut groups: Vec<(&str, &Group)> = suite
        .sets
        .iter()
        .flat_map(|s| s.groups.iter().map(move |g| (s.name.as_str(), g)))
        .collect();
    if args.slice == Some(Slice::Ci) {
        groups = groups
            .into_iter()
            .skip(CI_OFFSET)
            .step_by(CI_STRIDE)
            .collect();
    }

    // Front end and generation, in suite order.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut cases: Vec<Case> = Vec::new();
    let mut modules: Vec<batch::Module> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    // Index of each group's schema case in `cases` (to record compile failures).
    let mut schema_case: Vec<usize> = Vec::new();
    for (n, (set, group)) in groups.iter().enumerate() {
        let case = |t: &Test, kind: Kind, outcome: Outcome| Case {
            id: t.id.clone(),
            set: set.to_string(),
            kind,
            outcome,
        };
        let skip_instances = |cases: &mut Vec<Case>, reason: &str| {
            for t in &group.instances {
                let kind = match t.expected {
                    Ok(Validity::Invalid) => Kind::InstanceInvalid,
                    _ => Kind::InstanceValid,
                };
                cases.push(case(t, kind, Outcome::Skip(reason.to_string())));
            }
        };
        let Some(schema) = &group.schema else {
            skip_instances(&mut cases, "no schema test in the group");
            continue;
        };
        match &schema.expected {
            Err(skip) => {
                cases.push(case(
                    schema,
                    Kind::SchemaValid,
                    Outcome::Skip(skip.reason().into()),
                ));
                skip_instances(&mut cases, skip.reason());
            }
            Ok(Validity::Invalid) => {
                let outcome = match gen::front_end_rejects(&schema.docs) {
                    Ok(true) => Outcome::Pass,
                    Ok(false) => fail("invalid schema accepted", ""),
                    Err(m) => fail("front end panics", &m),
                };
                cases.push(case(schema, Kind::SchemaInvalid, outcome));
                skip_instances(&mut cases, "schema expected invalid");
            }
            Ok(Validity::Valid) => match gen::generate_module(&schema.docs) {
                Err(f) => {
                    cases.push(case(
                        schema,
                        Kind::SchemaValid,
                        fail(f.category(), &f.detail()),
                    ));
                    for t in &group.instances {
                        let (kind, outcome) = instance_without_schema(t, f.category());
                        cases.push(case(t, kind, outcome));
                    }
                }
                Ok(code) => {
                    let module = format!("s{n:05}");
                    modules.push(batch::Module {
                        name: module.clone(),
                        code,
                    });
                    schema_case.push(cases.len());
                    cases.push(case(schema, Kind::SchemaValid, Outcome::Pass));
                    pending.push(Pending { set, group, module });
                }
            },
        }
    }
    std::panic::set_hook(hook);
    eprintln!(
        "xsts: {} groups, {} modules generated in {:.0?}",
        groups.len(),
        modules.len(),
        started.elapsed()
    );

    // Compile.
    let ws_name = if args.slice.is_some() {
        "ci"
    } else if args.filter.is_some() {
        "filtered"
    } else {
        "full"
    };
    let mut ws = batch::Workspace::new(&root, ws_name, args.per_crate);
    let built = ws.build(&modules)?;
    for (p, &ci) in pending.iter().zip(&schema_case) {
        if let Some(msg) = built.failed.get(&p.module) {
            cases[ci].outcome = fail("generated code does not compile", msg);
        }
    }

    // Run the instances.
    let mut tasks: Vec<batch::Task> = Vec::new();
    let mut task_case: Vec<(usize, Validity, String)> = Vec::new();
    for p in &pending {
        let compile_failed = built.failed.contains_key(&p.module);
        for t in &p.group.instances {
            let mk = |kind, outcome| Case {
                id: t.id.clone(),
                set: p.set.to_string(),
                kind,
                outcome,
            };
            if compile_failed {
                let (kind, outcome) = instance_without_schema(t, "generated code does not compile");
                cases.push(mk(kind, outcome));
                continue;
            }
            let expected = match &t.expected {
                Err(skip) => {
                    cases.push(mk(Kind::InstanceValid, Outcome::Skip(skip.reason().into())));
                    continue;
                }
                Ok(v) => *v,
            };
            let kind = if expected == Validity::Valid {
                Kind::InstanceValid
            } else {
                Kind::InstanceInvalid
            };
            let path = &t.docs[0];
            let text = match std::fs::read(path) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    cases.push(mk(kind, Outcome::Skip(format!("instance unreadable: {e}"))));
                    continue;
                }
            };
            if text.contains("<!DOCTYPE") {
                cases.push(mk(
                    kind,
                    Outcome::Skip("instance has a DTD (refused by the runtime by design)".into()),
                ));
                continue;
            }
            let (ns, local) = root_name(&text).unwrap_or_default();
            task_case.push((cases.len(), expected, text));
            cases.push(mk(kind, Outcome::Pass));
            tasks.push(batch::Task {
                module: p.module.clone(),
                ns,
                local,
                path: path.clone(),
            });
        }
    }
    eprintln!("xsts: running {} instances", tasks.len());
    let results = ws.run(&built, &tasks);
    for ((ci, expected, input), r) in task_case.iter().zip(results) {
        cases[*ci].outcome = judge(*expected, input, r);
    }
    // Report in suite order.
    let order: std::collections::BTreeMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (*s, i))
        .rev()
        .collect();
    cases.sort_by_key(|c| order.get(c.set.as_str()).copied().unwrap_or(usize::MAX));

    let elapsed = format!("{:.0?}", started.elapsed());
    let summary = report::summary(&cases);
    let command = match (args.slice, &args.filter) {
        (Some(Slice::Ci), _) => "cargo xtask xsts --slice ci".to_string(),
        (None, Some(f)) => format!("cargo xtask xsts --filter {f}"),
        (None, None) => "cargo xtask xsts".to_string(),
    };
    // The report names the suite as given (no machine-specific path by
    // default) and carries no timing, so that it only changes with results.
    let suite_shown = match &args.suite_dir {
        Some(d) => d.display().to_string(),
        None => "../shared/xsts".to_string(),
    };
    let md = report::render(&cases, &suite_shown, &suite.missing, &command);
    let full = args.slice.is_none() && args.filter.is_none();
    let expected_file = args
        .expected_failures
        .clone()
        .unwrap_or_else(|| root.join("xtask/xsts-expected-failures.txt"));
    if let Some(out) = &args.out {
        std::fs::write(out, &md).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    println!("xsts: {summary} ({elapsed})");
    if args.check {
        let text = std::fs::read_to_string(&expected_file)
            .map_err(|e| format!("cannot read {}: {e}", expected_file.display()))?;
        let (new, fixed) = report::check(&cases, &report::parse_expected(&text));
        if !fixed.is_empty() {
            println!(
                "xsts: {} listed failures now pass (run `cargo xtask xsts` to update the list)",
                fixed.len()
            );
        }
        if !new.is_empty() {
            return Err(format!(
                "{} XSTS cases fail that {} does not list:\n  {}",
                new.len(),
                expected_file.display(),
                new.join("\n  ")
            ));
        }
    } else if full {
        let results_file = root.join("xtask/xsts-results.md");
        std::fs::write(&results_file, &md)
            .map_err(|e| format!("cannot write {}: {e}", results_file.display()))?;
        std::fs::write(&expected_file, report::expected_failures(&cases))
            .map_err(|e| format!("cannot write {}: {e}", expected_file.display()))?;
        eprintln!(
            "written {} and {}",
            results_file.display(),
            expected_file.display()
        );
    }
    Ok(())
}

fn fail(category: &str, detail: &str) -> Outcome {
    Outcome::Fail {
        category: category.to_string(),
        detail: detail.to_string(),
    }
}

/// An instance test of a valid schema that produced no usable module: a
/// valid instance fails with the schema's reason, an invalid one cannot
/// be judged.
fn instance_without_schema(t: &Test, reason: &str) -> (Kind, Outcome) {
    match &t.expected {
        Ok(Validity::Valid) => (
            Kind::InstanceValid,
            fail(&format!("schema failed: {reason}"), ""),
        ),
        Ok(Validity::Invalid) => (
            Kind::InstanceInvalid,
            Outcome::Skip(format!("schema failed: {reason}")),
        ),
        Err(s) => (Kind::InstanceValid, Outcome::Skip(s.reason().into())),
    }
}

/// The root element's (namespace, local name), when the instance parses.
fn root_name(text: &str) -> Option<(String, String)> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).ok()?;
    let r = doc.root_element();
    Some((
        r.tag_name().namespace().unwrap_or("").to_string(),
        r.tag_name().name().to_string(),
    ))
}

fn judge(expected: Validity, input: &str, r: batch::RunResult) -> Outcome {
    use batch::RunResult::*;
    match (expected, r) {
        (_, Panic(m)) => fail("generated code panics", &m),
        (_, Crashed(m)) => fail("runner crashed", &m),
        (Validity::Valid, Written(out)) => match canon::compare(input, &out) {
            Ok(()) => Outcome::Pass,
            Err((kind, d)) => fail(&format!("round trip {kind}"), &d),
        },
        (Validity::Valid, ReadError(kind, msg)) => {
            fail(&format!("valid instance rejected: {kind}"), &msg)
        }
        (Validity::Valid, NoRoot) => {
            fail("valid instance rejected: root is not a global element", "")
        }
        (Validity::Invalid, Written(_)) => fail("invalid instance accepted", ""),
        (Validity::Invalid, ReadError(..) | NoRoot) => Outcome::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_are_judged() {
        use batch::RunResult::*;
        let doc = "<a xmlns='urn:x'><b>1</b></a>";
        assert_eq!(
            judge(
                Validity::Valid,
                doc,
                Written("<n:a xmlns:n='urn:x'><n:b>1</n:b></n:a>".into())
            ),
            Outcome::Pass
        );
        assert!(
            matches!(judge(Validity::Valid, doc, Written("<a/>".into())), Outcome::Fail { category, .. } if category == "round trip changes the element structure")
        );
        assert_eq!(
            judge(
                Validity::Invalid,
                doc,
                ReadError("MissingElement".into(), String::new())
            ),
            Outcome::Pass
        );
        assert!(matches!(
            judge(Validity::Invalid, doc, Written(String::new())),
            Outcome::Fail { .. }
        ));
        assert_eq!(root_name(doc), Some(("urn:x".into(), "a".into())));
    }
}
