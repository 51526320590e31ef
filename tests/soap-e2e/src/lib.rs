//! Generated SOAP clients and servers under test (see build.rs), plus test
//! support: loopback servers and locating external tools.

include!(concat!(env!("OUT_DIR"), "/services.rs"));

pub mod support;
