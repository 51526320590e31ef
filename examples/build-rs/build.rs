//! Generates the Calculator types into OUT_DIR; `src/main.rs` includes them.

fn main() -> Result<(), soapgen_build::Error> {
    soapgen_build::Builder::new()
        .wsdl("../../fixtures/corpus/calculator/calculator-soap11and12.wsdl")
        .types_only()
        .out_file("calculator.rs")
        .generate()?;
    Ok(())
}
