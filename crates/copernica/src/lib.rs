//! Rust bindings for the Copernica SOAP API.

pub mod callbacks;
pub mod generated;
pub mod mock;
