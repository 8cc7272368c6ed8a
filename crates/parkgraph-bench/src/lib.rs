//! parkgraph benchmarks. Each benchmark is a library function so that `pgbench` and `loadgen`
//! run it at full size and the unit tests run it once on tiny input (no timing assertions).
//!
//! - [`extraction`]: parse + normalise throughput (MB/s, documents/s, one core);
//! - [`ingest`]: `Pipeline::ingest` into a `SledStore` against a raw sled `apply_batch` ceiling;
//! - [`load`]: the gRPC load generator behind `loadgen` (Health/Check is the ceiling), paced
//!   by [`pacer`];
//! - [`footprint`]: RSS, store size and time to SERVING of the real `parkgraph serve` process;
//! - [`scaling`]: ingestion time, store size and List latency from 1k to 100k statistics.
//!
//! Every benchmark prints plain `key=value` lines (see [`report`]). Ratios are always taken
//! against a ceiling measured in the same run, because the machine is shared.

pub mod corpus;
pub mod extraction;
pub mod footprint;
pub mod ingest;
pub mod load;
pub mod pacer;
pub mod report;
pub mod scaling;
pub mod synth;
pub mod timing;
