//! Rust bindings for the Copernica SOAP API.
