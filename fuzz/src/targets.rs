//! The fuzz target bodies, shared by the libFuzzer binaries
//! (`fuzz/fuzz_targets/*.rs`, through `fuzz/src/lib.rs`) and the workspace
//! test `tests/fuzz_seeds.rs` (which includes this file with `#[path]`), so
//! CI replays the committed corpus and regression inputs without libFuzzer.
//!
//! Each function takes the fuzzer's bytes and must return normally for every
//! input: errors are expected and ignored; a panic, stack overflow, hang or
//! runaway allocation is a finding. Panics here (`assert!`) mark invariants
//! whose violation is a bug even when no library code panics.

#![allow(dead_code)] // each fuzz binary uses one target

#[path = "idents.rs"]
pub mod idents;
#[path = "mutate.rs"]
pub mod mutate;

use soapgen_parser::{ErrorKind, LoadFailure, LoadOptions, Loader, Source};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Tight limits so a single fuzz input cannot take seconds (the defaults are
/// sized for real WSDLs of several megabytes).
pub fn fuzz_options() -> LoadOptions {
    let mut opts = LoadOptions::default();
    opts.limits.max_document_bytes = 1 << 20;
    opts.limits.max_documents = 64;
    opts.limits.max_depth = 128;
    opts.limits.max_nodes = 200_000;
    opts
}

/// A loader over in-memory documents only (plus the bundled well-known
/// schemas): fuzz inputs must never read the file system, where an include of
/// `/dev/zero` or a FIFO would make a run depend on the machine.
pub struct MemoryLoader {
    pub docs: BTreeMap<String, String>,
    bundled: soapgen_parser::DefaultLoader,
}

impl MemoryLoader {
    pub fn new(docs: BTreeMap<String, String>) -> Self {
        MemoryLoader {
            docs,
            bundled: soapgen_parser::DefaultLoader {
                bundled: true,
                ..Default::default()
            },
        }
    }
}

impl Loader for MemoryLoader {
    fn load(&self, location: &str, base: Option<&str>) -> Result<Source, LoadFailure> {
        let location = location.trim();
        let joined = match base {
            Some(b) => soapgen_parser::paths::join_location(b, location),
            None => location.to_string(),
        };
        for key in [location, joined.as_str()] {
            if let Some(text) = self.docs.get(key) {
                return Ok(Source {
                    id: key.to_string(),
                    text: text.clone(),
                });
            }
        }
        if soapgen_parser::paths::is_remote(&joined) {
            // Bundled schemas by URL; everything else is unmapped, as with
            // the default loader.
            return self.bundled.load(&joined, None);
        }
        Err(LoadFailure {
            kind: ErrorKind::NotFound,
            message: format!("no in-memory document '{joined}'"),
        })
    }

    fn load_namespace(&self, namespace: &str) -> Option<Source> {
        self.bundled.load_namespace(namespace)
    }
}

/// Load and resolve a document set held in memory, entry first.
pub fn load_docs(docs: Vec<(String, String)>) -> Option<Result<soapgen_ir::Ir, soapgen_ir::Error>> {
    let entry = docs.first()?.0.clone();
    let loader = MemoryLoader::new(docs.into_iter().collect());
    let opts = fuzz_options();
    Some(match soapgen_parser::load_with(&loader, &entry, &opts) {
        Ok(set) => soapgen_ir::resolve(&set),
        Err(e) => Err(e.into()),
    })
}

/// Every error must say where: a location, or at least a message.
fn check_error(e: &soapgen_ir::Error) {
    let s = e.to_string();
    assert!(!s.is_empty(), "empty error message for {e:?}");
}

// ---------------------------------------------------------------- (a)

/// Parser + IR on raw bytes. The input is split at 0xFF bytes (never part of
/// UTF-8 text) into documents `main.wsdl`, `1.xsd`, `2.xsd`, ... so that
/// imports, includes and their cycles are reachable too.
pub fn parse_bytes(data: &[u8]) {
    let mut docs = Vec::new();
    for (i, part) in data.split(|&b| b == 0xFF).enumerate().take(16) {
        let name = if i == 0 {
            "main.wsdl".to_string()
        } else {
            format!("{i}.xsd")
        };
        docs.push((name, String::from_utf8_lossy(part).into_owned()));
    }
    match load_docs(docs) {
        Some(Ok(ir)) => {
            // `soapgen inspect` prints this JSON; it must not fail either.
            let json = serde_json::to_string(&ir);
            assert!(json.is_ok(), "IR does not serialise: {json:?}");
        }
        Some(Err(e)) => check_error(&e),
        None => {}
    }
}

// ---------------------------------------------------------------- (b)

/// Seed documents for the structure-aware targets: small real services plus
/// hand-written ones that reach rpc/encoded, arrays, groups and derivation.
const SEEDS: &[&str] = &[
    include_str!("../../fixtures/corpus/calculator/calculator-soap11and12.wsdl"),
    include_str!("../../fixtures/corpus/temperature-converter/temperatureConverter.wsdl"),
    include_str!("../../tests/generated/schemas/features.xsd"),
    include_str!("../seeds/rpc-encoded.wsdl"),
    include_str!("../../fixtures/hostile/name-collisions.wsdl"),
];

fn seed_trees() -> &'static [mutate::Tree] {
    static TREES: OnceLock<Vec<mutate::Tree>> = OnceLock::new();
    TREES.get_or_init(|| {
        SEEDS
            .iter()
            .map(|s| mutate::parse(s).expect("seed documents are well-formed"))
            .collect()
    })
}

/// The document an edit script makes: byte 0 picks the seed, the rest is the
/// script (see [`mutate::apply`]).
pub fn mutated_document(data: &[u8]) -> Option<String> {
    let (&pick, script) = data.split_first()?;
    let trees = seed_trees();
    let mut tree = trees[pick as usize % trees.len()].clone();
    mutate::apply(&mut tree, script);
    Some(mutate::serialize(&tree))
}

/// Structure-aware: mutate a seed WSDL's tree, serialise, load and resolve.
pub fn wsdl_mutate(data: &[u8]) {
    let Some(text) = mutated_document(data) else {
        return;
    };
    if let Some(Err(e)) = load_docs(vec![("main.wsdl".to_string(), text)]) {
        check_error(&e);
    }
}

// ---------------------------------------------------------------- (c)

/// Code generation on whatever resolves: generated code must always be a
/// valid Rust file.
pub fn codegen(data: &[u8]) {
    let Some(text) = mutated_document(data) else {
        return;
    };
    let Some(Ok(ir)) = load_docs(vec![("main.wsdl".to_string(), text)]) else {
        return;
    };
    match soapgen_rust::generate(&ir, &soapgen_rust::Options::default()) {
        Ok(code) => match syn::parse_file(&code) {
            Ok(file) => {
                if let Err(e) = idents::check_unique(&file.items, "crate") {
                    panic!("generated code declares a name twice: {e}");
                }
            }
            Err(e) => panic!("generated code does not parse: {e}\n{code}"),
        },
        Err(soapgen_rust::Error::InvalidOption(_)) => {}
        Err(e @ soapgen_rust::Error::Internal(_)) => panic!("{e}"),
    }
}

// ---------------------------------------------------------------- (d)

/// Limits for multi-reference inlining in the runtime targets.
fn ref_limits() -> soapgen_runtime::soap::RefLimits {
    soapgen_runtime::soap::RefLimits {
        max_depth: 16,
        max_output: 1 << 20,
    }
}

/// SOAP envelope reading, fault decoding and multi-reference inlining.
pub fn envelope(data: &[u8]) {
    let Ok(env) = soapgen_runtime::soap::parse_envelope(data) else {
        return;
    };
    for entry in &env.body {
        let _ = soapgen_runtime::soap::inline_multirefs(&env, entry.range.clone(), ref_limits());
        let _ = soapgen_runtime::soap::array_items(env.slice(&entry.range), &env.body_namespaces);
    }
    if let Some(f) = &env.fault {
        let _ = f.reason();
        let _ = f.http_status();
    }
    let _ = env.into_result();
}

// ---------------------------------------------------------------- (e)

use soapgen_generated_tests::copernica_rpc::soap_copernica_com as cop;

/// The generated Copernica `Result` reader; what it reads must write back
/// and re-read to an equal value.
pub fn copernica_result(data: &[u8]) {
    use soapgen_runtime::xml::{self, Name};
    for lenient in [false, true] {
        let read = if lenient {
            xml::from_slice_lenient::<cop::Result>(data)
        } else {
            xml::from_slice::<cop::Result>(data)
        };
        let Ok(first) = read else { continue };
        let written = xml::to_string(&first, Name::new("https://soap.copernica.com/", "result"));
        let second = xml::from_str::<cop::Result>(&written);
        match second {
            Ok(second) => assert_eq!(first, second, "round trip changed the value: {written}"),
            Err(e) => panic!("cannot re-read what was written: {e}\n{written}"),
        }
    }
}

/// An rpc/encoded response: envelope, multi-reference inlining, then the
/// generated `Result` reader on the response's first part.
pub fn rpc_encoded(data: &[u8]) {
    let Ok(env) = soapgen_runtime::soap::parse_envelope(data) else {
        return;
    };
    let Some(first) = env.first_body() else {
        return;
    };
    let Ok(inlined) =
        soapgen_runtime::soap::inline_multirefs(&env, first.range.clone(), ref_limits())
    else {
        return;
    };
    if let Some(part) = first_child(&inlined) {
        let _ = soapgen_runtime::xml::from_slice_lenient::<cop::Result>(part);
        let _ = soapgen_runtime::soap::array_items(part, &env.body_namespaces);
    }
}

/// The first child element of the root element of `xml`, as bytes.
fn first_child(xml: &[u8]) -> Option<&[u8]> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut depth = 0usize;
    loop {
        let before = r.buffer_position() as usize;
        match r.read_event().ok()? {
            Event::Start(e) => {
                if depth == 1 {
                    let name = e.name().as_ref().to_vec();
                    r.read_to_end(quick_xml::name::QName(&name)).ok()?;
                    return xml.get(before..r.buffer_position() as usize);
                }
                depth += 1;
            }
            Event::Empty(_) if depth == 1 => {
                return xml.get(before..r.buffer_position() as usize);
            }
            Event::End(_) => depth = depth.checked_sub(1)?,
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// A target body.
pub type Target = fn(&[u8]);

/// Every target by name, for the seed-replay test.
pub const TARGETS: &[(&str, Target)] = &[
    ("parse_bytes", parse_bytes),
    ("wsdl_mutate", wsdl_mutate),
    ("codegen", codegen),
    ("envelope", envelope),
    ("copernica_result", copernica_result),
    ("rpc_encoded", rpc_encoded),
];
