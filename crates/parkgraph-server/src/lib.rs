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
pub mod probe;
pub mod server;
pub mod service;
pub mod telemetry;

pub use error::{Error, ERROR_DOMAIN};

/// The process allocator of everything that links the service: the `parkgraph` binary, the
/// benchmarks (so they measure what the server runs) and the tests. Extraction and sled's
/// copy-on-write nodes allocate many small, short-lived values, where mimalloc costs less than
/// glibc's malloc (callgrind, 300 synthetic documents through parse + normalise: 574 M -> 528 M
/// instructions). `.cargo/config.toml` builds it to commit memory on first use: eagerly committed
/// arenas tripled the idle server's resident memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
