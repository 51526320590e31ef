//! Embedded mock Copernica server: the semantic core.
//!
//! [`Store`] is a pure-Rust, in-memory, thread-safe implementation of every
//! operation of the Copernica SOAP API (`fixtures/copernica/copernica-rpc.wsdl`,
//! behaviour from `OBJECT_MODEL.md`), independent of SOAP and of generated code. A
//! thin SOAP layer turns each request into a [`Params`] bag, calls
//! [`Store::call_in`] with the operation name, and maps the [`MockResult`] (one of the
//! six result shapes) or [`MockFault`] back onto the generated types.
//!
//! * Authentication: `login` opens a session (cookie), `access_token` and the
//!   `login` parameter work on every call; anything else is `Not logged on`.
//! * Every profile/subprofile create/update/delete is published as a
//!   [`ChangeEvent`] to [`Store::subscribe`] receivers, for firing callbacks.
//! * Objects the API can read but not create (views, rules, templates, documents,
//!   web sessions, ...) are set up with typed methods such as [`Store::create_view`];
//!   [`demo::DemoData::populate`] builds a small account that touches all of them.

mod config;
pub mod demo;
mod entities;
mod events;
mod fault;
mod ops;
mod params;
mod result;
mod search;
mod state;
mod store;
mod time;

pub use config::MockConfig;
pub use entities::*;
pub use events::{ChangeAction, ChangeEvent, ChangeKind};
pub use fault::{Fault, MockFault};
pub use ops::{canonical_operation, OPERATIONS};
pub use params::{requirements_value, ObjectRef, Paging, Params, Requirement, Value};
pub use result::{condition_element, Entity, FollowUpKind, Items, MockResult};
pub use search::Operator;
pub use state::{CallbackOwner, DocumentKind, FieldDef, FieldUpdate, TemplateRef, WebLogon};
pub use store::{CallContext, Page, Store};
pub use time::{format_timestamp, parse_timestamp, Clock};
