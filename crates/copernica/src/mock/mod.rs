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
//! * [`xml`] reads request parameters from XML and writes results as the WSDL's
//!   `Result` type, for a SOAP layer that works on raw XML.
//! * [`soap`] is that SOAP layer (a `SoapHandler`: routing, `soap_session` cookie,
//!   `ApiFault` faults); [`server::MockServer`] (feature `mock-server`) serves it over
//!   HTTP with the WSDL, and [`fire`] sends signed callbacks ([`payload`] bodies,
//!   [`expression`] conditions) for every change; `copernica-mock` is the binary.
//!   Matching callbacks are looked up when the sender routes an event (within
//!   milliseconds of the change), not at commit time.
//!
//! Choices where the documentation is silent (all *inferred*):
//! * Lookups "by id or name" (`Account_database`, `Database_collection`,
//!   `Collection_field`, `WebSession_*`, ...) return [`MockResult::Empty`] when
//!   nothing matches; an unknown `id` of the object a method applies to is
//!   [`MockFault::NotFound`].
//! * Requirements compare numerically when both sides are numbers, otherwise as text,
//!   case-insensitively unless `casesensitive`; operators `=`, `!=`/`<>`, `<`, `>`,
//!   `<=`, `>=`, `LIKE`, `NOT LIKE`, `contains`; unknown field names are skipped.
//! * Paging: `length` defaults to [`Paging::DEFAULT_LENGTH`] and is capped at
//!   [`Paging::MAX_LENGTH`]; without `allproperties`, profiles and subprofiles come
//!   without `fields`/`interests`, other objects are always complete.
//! * Unknown field names in a `fields` map are ignored; a value that does not fit its
//!   field type fails `Database_createProfile` and makes `Profile_updateFields` return
//!   false. Update events are only emitted when a value actually changed.
//! * A view holds the profiles that are in its parent view and satisfy one enabled
//!   rule; a rule matches when all field filters of its conditions match (conditions
//!   made by `Rule_createCondition` have none); a view without rules is empty.
//! * `Profile_move(id, profile)` merges: the subprofiles of `id` go to `profile`, then
//!   `id` is removed. `Rule_createCondition` refuses `Logs`, which has no structure.
//! * `timestamp` (historic profile), `personalize_*`, `caller`, `async` and `preserved`
//!   parameters are accepted and ignored.

mod config;
pub mod demo;
mod entities;
mod events;
pub mod expression;
mod fault;
#[cfg(feature = "mock-server")]
pub mod fire;
mod ops;
mod params;
pub mod payload;
mod result;
mod search;
#[cfg(feature = "mock-server")]
pub mod server;
pub mod soap;
mod state;
mod store;
mod time;
pub mod xml;

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

#[cfg(feature = "mock-server")]
pub use server::{MockServer, MockServerConfig};
