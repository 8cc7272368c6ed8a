//! The parkgraph service: configuration, auth, the ingestion pipeline, the tonic services and the
//! server lifecycle. The `parkgraph` binary (`main.rs`) is a thin CLI over this library.

pub mod admin;
pub mod auth;
mod coalesce;
pub mod config;
mod error;
pub mod extract;
pub mod fields;
pub mod filter;
mod limits;
pub mod page;
pub mod pipeline;
pub mod server;
pub mod service;
pub mod telemetry;

pub use error::{Error, ERROR_DOMAIN};
