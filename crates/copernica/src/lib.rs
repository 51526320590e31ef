//! Rust bindings for the Copernica SOAP API.

mod auth;
pub mod callbacks;
mod client;
mod error;
pub mod generated;
pub mod mock;
pub mod objects;
mod operation;
mod paging;
mod results;

pub use auth::Auth;
pub use client::{Copernica, CopernicaBuilder, DEFAULT_ENDPOINT};
pub use error::{Error, Result, NOT_LOGGED_ON};
pub use generated::soap_copernica_com as model;
pub use operation::{Operation, RawClient, OPERATION_NAMES};
pub use paging::{Paged, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use results::{Entity, Fields, Listed, Page, Reply};
