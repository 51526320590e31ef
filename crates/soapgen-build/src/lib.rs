//! soapgen-build: generate Rust bindings from WSDL/XSD in `build.rs`.
