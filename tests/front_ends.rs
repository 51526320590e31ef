//! One generator, three front ends: build.rs (`soapgen_build::Builder`),
//! the proc macro (`include_wsdl!`'s expansion function, compiled here from
//! its source file) and the CLI (`soapgen generate` through its library)
//! produce byte-identical code for the same WSDL and options, and report
//! bad input with a location instead of panicking.

#[path = "../crates/soapgen-macros/src/expand.rs"]
#[allow(dead_code)]
mod expand;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::TokenStream;
use soapgen_build::{Builder, Config};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("soapgen-front-ends-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const CATALOG: &str = "fixtures/corpus/_wellknown/catalog.xml";

/// One case: a WSDL (relative to the workspace root) and the same options
/// spelled for each front end.
struct Case {
    name: &'static str,
    wsdl: &'static str,
    builder: fn(Builder) -> Builder,
    /// `include_wsdl!` arguments after the path (relative paths resolve
    /// against the workspace root, the "manifest dir" used below).
    macro_args: &'static str,
    cli_args: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "copernica",
            wsdl: "fixtures/copernica/copernica-rpc.wsdl",
            builder: |b| b.catalog(root().join(CATALOG)),
            macro_args: r#", catalog = "fixtures/corpus/_wellknown/catalog.xml""#,
            cli_args: &["--catalog", CATALOG],
        },
        Case {
            name: "calculator",
            wsdl: "fixtures/corpus/calculator/calculator-soap11and12.wsdl",
            builder: |b| {
                b.operations(["Add", "Divide"])
                    .types_only()
                    .layout(soapgen_build::Layout::Flat)
                    .derive("Eq")
                    .runtime_path("::soapgen::runtime")
            },
            macro_args: r#", operations = ["Add", "Divide"], types_only = true,
                layout = "flat", derive = "Eq", runtime = "::soapgen::runtime""#,
            cli_args: &[
                "--operation",
                "Add",
                "--operation",
                "Divide",
                "--types-only",
                "--layout",
                "flat",
                "--derive",
                "Eq",
                "--runtime",
                "::soapgen::runtime",
            ],
        },
        Case {
            name: "country-info",
            wsdl: "fixtures/corpus/country-info/countryInformation.wsdl",
            builder: |b| {
                b.unknown_elements(soapgen_build::UnknownElements::Skip)
                    .enum_unknown_variant(false)
                    .server(false)
            },
            macro_args: r#", unknown_elements = "skip", enum_unknown_variant = false, server = false"#,
            cli_args: &[
                "--unknown-elements",
                "skip",
                "--enum-unknown-variant=false",
                "--server=false",
            ],
        },
    ]
}

fn via_build_rs(case: &Case) -> (Config, String) {
    let dir = temp_dir(case.name);
    let builder = (case.builder)(Builder::new().wsdl(root().join(case.wsdl)))
        .out_dir(&dir)
        .out_file("out.rs");
    let (path, _) = builder
        .generate_quiet()
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let text = std::fs::read_to_string(path).unwrap();
    (builder.config().clone(), text)
}

fn macro_input(case: &Case) -> TokenStream {
    TokenStream::from_str(&format!("{:?}{}", case.wsdl, case.macro_args)).unwrap()
}

fn via_macro(case: &Case) -> (Config, TokenStream) {
    let parsed: expand::MacroInput = syn::parse2(macro_input(case)).unwrap();
    let config = parsed.config(&root()).unwrap();
    (config, expand::expand(macro_input(case), &root()))
}

fn via_cli(case: &Case) -> (Config, String) {
    let out = temp_dir(case.name).join("cli.rs");
    let mut argv = vec![
        "soapgen".to_string(),
        root().join(case.wsdl).display().to_string(),
        "-o".to_string(),
        out.display().to_string(),
    ];
    for a in case.cli_args {
        // Path flags are given relative to the root, as in the macro case.
        argv.push(if *a == CATALOG {
            root().join(a).display().to_string()
        } else {
            a.to_string()
        });
    }
    let args = soapgen_cli::generate::parse(&argv).unwrap();
    soapgen_cli::generate::execute(&args).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    (
        args.config().unwrap(),
        std::fs::read_to_string(out).unwrap(),
    )
}

#[test]
fn build_rs_macro_and_cli_generate_identical_code() {
    for case in cases() {
        let (build_config, build_text) = via_build_rs(&case);
        let (macro_config, macro_tokens) = via_macro(&case);
        let (cli_config, cli_text) = via_cli(&case);

        // The same Config: equality of output by construction...
        assert_eq!(build_config, macro_config, "{}: macro config", case.name);
        assert_eq!(build_config, cli_config, "{}: CLI config", case.name);
        // ...and checked on the bytes.
        assert_eq!(build_text, cli_text, "{}: CLI output", case.name);
        let (library_text, inputs) = soapgen_build::generate_string(&build_config).unwrap();
        assert_eq!(build_text, library_text, "{}: library output", case.name);

        // The macro expands to exactly these items (as tokens), followed by
        // one `include_bytes!` per input document for rebuild tracking.
        let items = TokenStream::from_str(&build_text).unwrap().to_string();
        let expanded = macro_tokens.to_string();
        assert!(
            expanded.starts_with(&items),
            "{}: macro expansion differs from the generated file",
            case.name
        );
        let tracking = &expanded[items.len()..];
        assert!(
            !tracking.contains("compile_error"),
            "{}: {tracking}",
            case.name
        );
        assert_eq!(
            tracking.matches("include_bytes !").count(),
            inputs.len(),
            "{}: {tracking}",
            case.name
        );
        let entry = root().join(case.wsdl).canonicalize().unwrap();
        assert!(
            inputs
                .iter()
                .any(|p| p.canonicalize().ok().as_ref() == Some(&entry)),
            "{}: {inputs:?}",
            case.name
        );
    }
}

#[test]
fn options_change_the_output() {
    // Guards the test above against comparing three copies of one default.
    let cases = cases();
    let (_, calc) = via_build_rs(&cases[1]);
    let plain = soapgen_build::generate_string(&Config::new(root().join(cases[1].wsdl)))
        .unwrap()
        .0;
    assert_ne!(calc, plain);
    assert!(!calc.contains("pub struct Subtract"));
    assert!(calc.contains("::soapgen::runtime"));
}

/// A WSDL whose second line is malformed.
fn bad_wsdl() -> PathBuf {
    let dir = temp_dir("bad");
    let path = dir.join("broken.wsdl");
    std::fs::write(
        &path,
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">\n  <types></typo>\n</definitions>\n",
    )
    .unwrap();
    path
}

fn expand_error(input: &str) -> String {
    let tokens = expand::expand(TokenStream::from_str(input).unwrap(), &root()).to_string();
    assert!(tokens.contains("compile_error"), "{tokens}");
    tokens
}

#[test]
fn missing_file_is_reported_by_every_front_end() {
    let missing = root().join("fixtures/no-such.wsdl");
    let e = Builder::new()
        .wsdl(&missing)
        .out_dir(temp_dir("missing"))
        .generate_quiet()
        .unwrap_err();
    assert!(e.to_string().contains("no-such.wsdl"), "{e}");

    let m = expand_error(r#""fixtures/no-such.wsdl", types_only = true"#);
    assert!(m.contains("no-such.wsdl"), "{m}");

    let args = soapgen_cli::generate::parse(["soapgen", &missing.display().to_string()]).unwrap();
    let e = soapgen_cli::generate::execute(&args).unwrap_err();
    assert!(e.to_string().contains("no-such.wsdl"), "{e}");
}

#[test]
fn malformed_wsdl_is_reported_with_line_and_column_by_every_front_end() {
    let bad = bad_wsdl();
    let expected = format!("{}:2:", bad.display());

    let e = Builder::new()
        .wsdl(&bad)
        .out_dir(temp_dir("bad-out"))
        .generate_quiet()
        .unwrap_err();
    assert!(e.to_string().starts_with(&expected), "{e}");
    assert_eq!(e.location().map(|l| l.line), Some(2));

    let m = expand_error(&format!("{:?}", bad.display().to_string()));
    assert!(m.contains(&expected), "{m}");

    let args = soapgen_cli::generate::parse(["soapgen", &bad.display().to_string()]).unwrap();
    let e = soapgen_cli::generate::execute(&args).unwrap_err();
    assert!(e.to_string().starts_with(&expected), "{e}");
}

#[test]
fn unknown_option_is_reported_by_every_front_end() {
    // build.rs: options are methods, so the misspellable ones are values.
    let e = Builder::new()
        .wsdl(root().join("fixtures/corpus/calculator/calculator-soap11and12.wsdl"))
        .operations(["Multiplied"])
        .out_dir(temp_dir("unknown"))
        .generate_quiet()
        .unwrap_err();
    assert!(
        e.to_string().contains("no operation named `Multiplied`"),
        "{e}"
    );
    assert!(e.to_string().contains("Multiply"), "{e}");

    let m = expand_error(
        r#""fixtures/corpus/calculator/calculator-soap11and12.wsdl", operationz = ["Add"]"#,
    );
    assert!(m.contains("unknown option `operationz`"), "{m}");
    assert!(m.contains("operations"), "{m}");
    let m =
        expand_error(r#""fixtures/corpus/calculator/calculator-soap11and12.wsdl", client = "yes""#);
    assert!(m.contains("does not take a string"), "{m}");
    let m = expand_error(
        r#""fixtures/corpus/calculator/calculator-soap11and12.wsdl", operations = ["Ad"]"#,
    );
    assert!(m.contains("no operation named `Ad`"), "{m}");

    let e = soapgen_cli::generate::parse(["soapgen", "x.wsdl", "--operationz", "Add"]).unwrap_err();
    assert!(e.to_string().contains("--operationz"), "{e}");
}

#[test]
fn the_checked_in_example_is_the_cli_output() {
    // The same check `cargo xtask regenerate --check` makes, for this one
    // file, so a stale example fails the ordinary test run too.
    let path = root().join("examples/cli-checked-in/src/generated.rs");
    let checked_in = std::fs::read_to_string(&path).unwrap();
    let wsdl = root().join("fixtures/corpus/calculator/calculator-soap11and12.wsdl");
    let args =
        soapgen_cli::generate::parse(["soapgen", &wsdl.display().to_string(), "--types-only"])
            .unwrap();
    let (code, _) = soapgen_cli::generate::execute(&args).unwrap();
    assert!(
        checked_in == code,
        "{} is stale: run `cargo xtask regenerate`",
        Path::new("examples/cli-checked-in/src/generated.rs").display()
    );
}
