//! Generated code for Copernica and corpus services (see `build.rs`), one
//! module per service. The tests in `tests/` read, write and re-read sample
//! documents through it.

include!(concat!(env!("OUT_DIR"), "/services.rs"));
