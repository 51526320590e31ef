//! `cargo xtask regenerate [--check]`: rewrite every checked-in generated
//! file from its WSDL, or (`--check`) list the stale ones and exit 1.
//!
//! Each entry is `soapgen generate <wsdl> <args...>` with its output path:
//! the arguments are parsed by the CLI's own parser, so a checked-in file is
//! exactly what a user running the CLI gets. Adding a file is one line in
//! [`entries`].

use std::path::{Path, PathBuf};

/// Where an entry's output goes.
pub enum Target {
    /// A plain `.rs` file (the whole `soapgen generate` output).
    File(&'static str),
    /// An insta snapshot: its front matter is kept, the body replaced by the
    /// generated code without the `@generated` header (as the snapshot test
    /// produces it).
    InstaSnapshot(&'static str),
}

/// One checked-in generated file: (wsdl, `soapgen generate` flags, target).
/// Paths are relative to the workspace root.
pub struct Entry {
    pub wsdl: &'static str,
    pub args: &'static [&'static str],
    pub target: Target,
}

const CALCULATOR: &str = "fixtures/corpus/calculator/calculator-soap11and12.wsdl";
const CATALOG: &str = "fixtures/corpus/_wellknown/catalog.xml";

/// Every checked-in generated file.
pub fn entries() -> Vec<Entry> {
    use Target::*;
    let e = |wsdl, args, target| Entry { wsdl, args, target };
    vec![
        e(
            CALCULATOR,
            &["--types-only"],
            File("examples/cli-checked-in/src/generated.rs"),
        ),
        // The Copernica bindings' generated layer (types, client, server trait).
        e(
            "fixtures/copernica/copernica-rpc.wsdl",
            &[],
            File("crates/copernica/src/generated.rs"),
        ),
        e(
            "fixtures/copernica/copernica-rpc.wsdl",
            // Types and codecs only, as `crates/soapgen-rust/tests/snapshots.rs` generates them.
            &["--catalog", CATALOG, "--types-only"],
            InstaSnapshot("crates/soapgen-rust/tests/snapshots/snapshots__copernica_rpc.snap"),
        ),
        e(
            CALCULATOR,
            &["--catalog", CATALOG, "--types-only"],
            InstaSnapshot("crates/soapgen-rust/tests/snapshots/snapshots__calculator.snap"),
        ),
    ]
}

#[derive(clap::Args)]
pub struct Args {
    /// Do not write: list stale files and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

fn workspace_root() -> PathBuf {
    // xtask/ is one level below the root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn run(args: Args) -> Result<(), String> {
    let root = workspace_root();
    let mut stale = Vec::new();
    for entry in entries() {
        let (rel, expected, current) = render(&root, &entry)?;
        if current.as_deref() == Some(expected.as_str()) {
            continue;
        }
        if args.check {
            stale.push(rel.to_string());
        } else {
            let path = root.join(rel);
            soapgen_build::write_if_changed(&path, &expected).map_err(|e| e.to_string())?;
            println!("regenerated {rel}");
        }
    }
    if stale.is_empty() {
        if args.check {
            println!("all generated files are up to date");
        }
        Ok(())
    } else {
        Err(format!(
            "stale generated files (run `cargo xtask regenerate`):\n  {}",
            stale.join("\n  ")
        ))
    }
}

/// (target path, expected contents, current contents if the file exists).
fn render(root: &Path, entry: &Entry) -> Result<(&'static str, String, Option<String>), String> {
    let wsdl = root.join(entry.wsdl);
    let mut argv: Vec<String> = vec!["soapgen-generate".into(), wsdl.display().to_string()];
    for a in entry.args {
        // Path-valued flags are given relative to the root too.
        argv.push(if a.starts_with("fixtures/") {
            root.join(a).display().to_string()
        } else {
            a.to_string()
        });
    }
    let args = soapgen_cli::generate::parse(&argv).map_err(|e| e.to_string())?;
    let config = args.config().map_err(|e| e.to_string())?;
    let (code, _) = soapgen_build::generate_string(&config).map_err(|e| e.to_string())?;
    let (rel, expected, current) = match entry.target {
        Target::File(rel) => (rel, code, std::fs::read_to_string(root.join(rel)).ok()),
        Target::InstaSnapshot(rel) => {
            let old = std::fs::read_to_string(root.join(rel)).ok();
            let body = code
                .strip_prefix(soapgen_build::HEADER)
                .unwrap_or(&code)
                .to_string();
            let front = old
                .as_deref()
                .and_then(front_matter)
                .map(str::to_string)
                .unwrap_or_else(|| format!("---\nsource: {rel}\n---\n"));
            // insta ignores trailing newlines; compare the way it does.
            let expected = format!("{front}{}\n", body.trim_end());
            let current = old.map(|o| format!("{}\n", o.trim_end()));
            (rel, expected, current)
        }
    };
    Ok((rel, expected, current))
}

/// The `---\n...\n---\n` header of an insta snapshot.
fn front_matter(snap: &str) -> Option<&str> {
    let rest = snap.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some(&snap[..4 + end + 5])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_the_yaml_header() {
        let snap = "---\nsource: a.rs\nexpression: x\n---\nbody\n";
        assert_eq!(
            front_matter(snap),
            Some("---\nsource: a.rs\nexpression: x\n---\n")
        );
        assert_eq!(front_matter("body"), None);
    }

    #[test]
    fn every_entry_parses_as_cli_arguments() {
        for e in entries() {
            let mut argv = vec!["soapgen-generate", e.wsdl];
            argv.extend(e.args);
            soapgen_cli::generate::parse(&argv).unwrap();
        }
    }
}
