//! Shared test scenarios.

#![allow(dead_code)]

pub mod copernica;
pub mod copernica_server;
