//! Loading one schema test through the front end and generating its Rust
//! module, with the dispatch function the batch runner calls.

use soapgen_ir::{Ir, LoadOptions};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why a schema gave no compilable module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenFailure {
    /// The front end refused the schema (message).
    Rejected(String),
    /// The front end panicked (message).
    FrontEndPanic(String),
    /// `soapgen_rust::generate` returned an error.
    Generator(String),
    /// The generator panicked (message).
    GeneratorPanic(String),
}

impl GenFailure {
    /// The short category used in reports.
    pub fn category(&self) -> &'static str {
        match self {
            GenFailure::Rejected(_) => "front end rejects valid schema",
            GenFailure::FrontEndPanic(_) => "front end panics",
            GenFailure::Generator(_) => "generator error",
            GenFailure::GeneratorPanic(_) => "generator panics",
        }
    }

    pub fn detail(&self) -> String {
        match self {
            GenFailure::Rejected(m)
            | GenFailure::Generator(m)
            | GenFailure::FrontEndPanic(m)
            | GenFailure::GeneratorPanic(m) => m.replace('\n', " "),
        }
    }
}

/// The generator options of the run: data types only, and closed
/// enumerations so that strict reading rejects values the schema does
/// not list.
pub fn options() -> soapgen_rust::Options {
    soapgen_rust::Options {
        client: false,
        server: false,
        enum_unknown_variant: false,
        ..Default::default()
    }
}

/// Loads one schema test. Several documents are combined through an
/// in-memory wrapper schema that imports (or, for no-namespace documents,
/// includes) each of them.
pub fn load_schema_documents(docs: &[PathBuf]) -> Result<Ir, String> {
    // XSTS documents are trusted test data; some carry a DOCTYPE.
    let mut opts = LoadOptions {
        allow_dtd: true,
        ..Default::default()
    };
    if docs.len() == 1 {
        return soapgen_ir::load(&docs[0], &opts).map_err(|e| e.to_string());
    }
    let mut wrapper = String::from("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n");
    for d in docs {
        let text =
            std::fs::read_to_string(d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        let popts = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let tns = roxmltree::Document::parse_with_options(&text, popts)
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
    soapgen_ir::load_str(&name, &wrapper, &opts).map_err(|e| e.to_string())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Loads without generating (for schemas expected invalid): `true` when
/// the front end rejected it, `Err` on a panic.
pub fn front_end_rejects(docs: &[PathBuf]) -> Result<bool, String> {
    std::panic::catch_unwind(|| load_schema_documents(docs).is_err()).map_err(panic_message)
}

/// The message of a caught panic.
pub fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Generates the module for one schema test: the generated code followed
/// by `__xsts_dispatch(ns, local, input)`, which reads a document whose
/// root is global element `{ns}local` with that element's type and writes
/// it back (`None` for an undeclared root).
pub fn generate_module(docs: &[PathBuf]) -> Result<String, GenFailure> {
    let ir = match std::panic::catch_unwind(|| load_schema_documents(docs)) {
        Err(p) => return Err(GenFailure::FrontEndPanic(panic_message(p))),
        Ok(Err(e)) => return Err(GenFailure::Rejected(e)),
        Ok(Ok(ir)) => ir,
    };
    let opts = options();
    let generated = std::panic::catch_unwind(|| {
        let code = soapgen_rust::generate(&ir, &opts)?;
        let names = soapgen_rust::Names::build(&ir, &opts)?;
        Ok::<_, soapgen_rust::Error>((code, dispatch(&ir, &names)))
    });
    match generated {
        Err(p) => Err(GenFailure::GeneratorPanic(panic_message(p))),
        Ok(Err(e)) => Err(GenFailure::Generator(e.to_string())),
        Ok(Ok((code, dispatch))) => Ok(format!("{code}\n{dispatch}")),
    }
}

fn dispatch(ir: &Ir, names: &soapgen_rust::Names) -> String {
    let mut arms = String::new();
    for (i, e) in ir.elements.iter().enumerate() {
        let ty = names.element_type(ir, soapgen_ir::ElementId(i), soapgen_rust::Scope::Root);
        // A nillable root may carry xsi:nil (the emitter wraps nillable
        // particles the same way).
        let ty = if e.nillable {
            format!("::soapgen_runtime::types::Nillable<{ty}>")
        } else {
            ty.to_string()
        };
        let _ = writeln!(
            arms,
            "        ({ns:?}, {local:?}) => ::core::option::Option::Some(crate::__xsts_rw::<{ty}>(input, {ns:?}, {local:?})),",
            ns = e.name.ns,
            local = e.name.local,
        );
    }
    format!(
        "#[doc(hidden)]\n\
         pub fn __xsts_dispatch(ns: &str, local: &str, input: &[u8]) -> \
         ::core::option::Option<crate::Outcome> {{\n    \
         match (ns, local) {{\n{arms}        _ => ::core::option::Option::None,\n    }}\n}}\n"
    )
}
