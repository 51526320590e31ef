//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and the
//! regression inputs of past findings (`fuzz/regressions/<target>/`) through
//! the same target functions the libFuzzer binaries run, so CI exercises
//! them on stable Rust without libFuzzer. A panic, overflow or hang in any
//! input fails the test (a hang as a time bound per input).

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Generous per-input bound for a debug build (libFuzzer runs use 10 s in release).
const PER_INPUT: Duration = Duration::from_secs(60);

fn inputs(dir: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(dir)
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn replay(target: &str) {
    let (_, run) = targets::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no target {target}"));
    let corpus = inputs("corpus", target);
    assert!(!corpus.is_empty(), "fuzz/corpus/{target} has no seeds");
    for path in corpus.iter().chain(&inputs("regressions", target)) {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let t = Instant::now();
        run(&data);
        let took = t.elapsed();
        assert!(took < PER_INPUT, "{} took {took:?}", path.display());
    }
}

#[test]
fn parse_bytes() {
    replay("parse_bytes");
}

#[test]
fn wsdl_mutate() {
    replay("wsdl_mutate");
}

#[test]
fn codegen() {
    replay("codegen");
}

#[test]
fn envelope() {
    replay("envelope");
}

#[test]
fn copernica_result() {
    replay("copernica_result");
}

#[test]
fn rpc_encoded() {
    replay("rpc_encoded");
}

/// Every hostile fixture through the raw-bytes target too.
#[test]
fn hostile_fixtures_through_parse_bytes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/hostile")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    assert!(files.len() > 20);
    for path in files {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        targets::parse_bytes(&data);
    }
}

/// Prints the document an edit-script input makes, for triage:
/// `FUZZ_INPUT=path cargo test --test fuzz_seeds show_mutated -- --ignored --nocapture`.
#[test]
#[ignore = "triage helper"]
fn show_mutated() {
    let Some(path) = std::env::var_os("FUZZ_INPUT") else {
        return;
    };
    let data = std::fs::read(path).expect("FUZZ_INPUT");
    let doc = targets::mutated_document(&data).unwrap_or_default();
    println!("{doc}");
    let t = Instant::now();
    let ir = targets::load_docs(vec![("main.wsdl".to_string(), doc)]);
    println!("load+resolve: {:?}", t.elapsed());
    if let Some(Ok(ir)) = ir {
        let t = Instant::now();
        let code = soapgen_rust::generate(&ir, &soapgen_rust::Options::default());
        println!("generate: {:?} ok={}", t.elapsed(), code.is_ok());
    }
}
