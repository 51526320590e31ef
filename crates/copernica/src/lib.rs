//! Rust bindings for the Copernica SOAP API (the legacy "POM" API at
//! `https://soap.copernica.com/`).
//!
//! Three layers:
//!
//! * [`generated`]: the code soapgen generates from
//!   `fixtures/copernica/copernica-rpc.wsdl` (checked in; `cargo xtask
//!   regenerate` rewrites it): one struct per structure (re-exported as
//!   [`model`]), an async client with one method per operation
//!   ([`generated::client::PomPortClient`]) and a server trait.
//! * The object model, hand-written on top: a [`Copernica`] client that
//!   authenticates every call, and handles on the objects of the API
//!   ([`objects`]): `account()` → [`objects::Database`] → fields,
//!   interests, collections, views, profiles → [`objects::Profile`] →
//!   subprofiles, and the publishing objects. The generic result shapes
//!   become Rust types: a key/value map is [`Fields`] (ordered), an array a
//!   `Vec`, a paged list a lazy [`Paged`] stream, an empty result `None`.
//!   All errors are one [`Error`] enum.
//! * [`mock`]: an in-memory Copernica (every operation) with an HTTP server,
//!   for tests and examples; [`callbacks`]: a verified receiver for
//!   Copernica's webhooks.
//!
//! # Quick start
//!
//! ```
//! use copernica::objects::{FieldSpec, Query};
//! use copernica::{model::FieldType, Copernica, Fields};
//! use futures_util::TryStreamExt;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! # let server = copernica::mock::MockServer::start(Default::default()).await?;
//! # let endpoint = server.url().to_owned();
//! # let token = server.store().config().access_token;
//! // Against Copernica itself: Copernica::with_access_token(copernica::DEFAULT_ENDPOINT, token)
//! let api = Copernica::with_access_token(endpoint, token)?;
//!
//! let db = api.account().create_database("newsletter").await?;
//! db.create_field(FieldSpec::new("email").kind(FieldType::Email)).await?;
//! db.create_field(FieldSpec::new("city").kind(FieldType::Text)).await?;
//!
//! let profile = db
//!     .create_profile([("email", "ann@example.com"), ("city", "Utrecht")])
//!     .await?;
//! profile.update_fields(Fields::new().with("city", "Delft")).await?;
//!
//! // Paged results are streams: pages are fetched as you go.
//! let mut found = db.search_profiles(&Query::new().eq("city", "Delft"));
//! while let Some(p) = found.try_next().await? {
//!     println!("{} lives in Delft", p.field("email").unwrap_or_default());
//! }
//! # server.shutdown().await;
//! # Ok(())
//! # }
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
//! #     .block_on(run()).unwrap();
//! ```
//!
//! The legacy session login works too: [`Copernica::login`] logs in, keeps
//! the session cookie and, when Copernica answers `Not logged on` (expired
//! session), logs in again once and retries the call.
//!
//! Operations without a handle method of their own (or with parameters the
//! handles do not expose, such as personalisation) can be sent with
//! [`Copernica::call`], which still adds authentication:
//!
//! ```no_run
//! # async fn run(api: copernica::Copernica) -> copernica::Result<()> {
//! use copernica::model;
//! let stats = api
//!     .call(model::InputAccountStats { year: 2024, month: Some(5), login: None, access_token: None })
//!     .await?
//!     .entity::<model::EnvironmentStatistics>()?;
//! # let _ = stats; Ok(()) }
//! ```
//!
//! A complete run (import a CSV, search, update, page, subprofiles) is the
//! `main_job` example: `cargo run -p copernica --example main_job`.

#![warn(missing_docs)]

mod auth;
pub mod callbacks;
mod client;
mod error;
/// Generated from `fixtures/copernica/copernica-rpc.wsdl` by `soapgen generate`
/// (`cargo xtask regenerate`): data types with their XML codecs, the client
/// (`client::PomPortClient`), the server trait (`server::PomPortType`).
// The WSDL's documentation cites its sources as bare URLs, which the generator
// copies into doc comments verbatim; two generated items (the paged branch of
// the `Result` choice, and `Result::choice`) have no documentation to copy.
#[allow(rustdoc::bare_urls, missing_docs)]
#[rustfmt::skip] // kept byte-identical to the generator's output
pub mod generated;
// The mock's plain data records are documented at the type level.
#[allow(missing_docs)]
pub mod mock;
pub mod objects;
mod operation;
mod paging;
mod results;
pub mod sync;

pub use auth::Auth;
pub use client::{Copernica, CopernicaBuilder, DEFAULT_ENDPOINT};
pub use error::{Error, Result, NOT_LOGGED_ON};
pub use generated::soap_copernica_com as model;
pub use operation::{Operation, RawClient, OPERATION_NAMES};
pub use paging::{Paged, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use results::{shape_name, Entity, Fields, Listed, Page, Reply};
