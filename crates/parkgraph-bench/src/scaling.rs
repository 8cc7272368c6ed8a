//! Scaling: ingestion time, store size and List latency (ListStatistics, page_size 50) at
//! growing numbers of statistics. The records have a fixed synthetic shape ([`synth::record_writes`],
//! 10 statistics per document, one in ten `METRIC_AREA_PLANNED`), so the curve does not move
//! when the extractor learns to find more statistics. Two filters:
//!
//! - [`synth::COMMON_FILTER`] (`metric = AREA_PLANNED`, 10 % match): a page of 50 is found
//!   after about 510 entries, whatever the total;
//! - [`synth::RARE_FILTER`] (`metric = AREA_PLANNED AND year = 2035`, 10 matches in total):
//!   without an index the page needs the whole collection; with the metric index alone, the
//!   `METRIC_AREA_PLANNED` entries (10 %); with the year index too, the intersection of the two
//!   lookups, which reads about as many entries as the smaller one (the 10);
//! - [`synth::UNINDEXED_FILTER`] (`start_year = 2035`, the same 10 matches) pins no indexed
//!   field: a full scan whatever indexes exist.
//!
//! Documents are written with `Store::write_document`, the bulk path (seed loading, import,
//! reindex): `put_document` also reads back each record with the sources of every document that
//! named it, which is what an `IngestDocument` response returns and grows with the park.
//!
//! Each size is also written by raw sled (the same keys and bytes, the same batches: see
//! [`crate::ingest::raw_sled`]), so growth that is sled's own shows as such.
//!
//! Latency is taken twice: calling `page::list` directly (the scan itself), and through gRPC
//! against the real server on loopback, one request at a time.

use std::sync::Arc;
use std::time::Duration;

use hdrhistogram::Histogram;
use parkgraph_server::config::Settings;
use parkgraph_server::page::{list, ListRequest};
use parkgraph_server::pipeline::Resolver;
use parkgraph_server::server::start_with;
use parkgraph_store::{Collection, SledStore, Store};

use crate::corpus::{dir_size, Doc};
use crate::ingest::{key_values, raw_sled, Seen, TreeKv};
use crate::load::{self, Rpc};
use crate::report::{mb, Line};
use crate::synth;
use crate::timing::{per_sec, Stopwatch};

/// Options of [`run`].
#[derive(Debug, Clone)]
pub struct Options {
    /// Numbers of statistics to measure at.
    pub sizes: Vec<usize>,
    /// Statistics per document.
    pub stats_per_doc: usize,
    /// Distinct parks.
    pub parks: usize,
    /// Documents per flush while ingesting.
    pub batch: usize,
    /// How long each latency measurement runs.
    pub list_duration: Duration,
    /// Parent of the temporary directories (None: the system's).
    pub tmp: Option<std::path::PathBuf>,
}

/// What one size measured.
#[derive(Debug, Clone)]
pub struct Point {
    /// Statistics stored.
    pub statistics: usize,
    /// Ingestion wall time.
    pub ingest: Duration,
    /// Store size (apparent bytes).
    pub store_bytes: u64,
    /// Raw sled writing the same key/values in the same batches: wall time.
    pub raw_ingest: Duration,
    /// Raw sled's directory size (apparent bytes).
    pub raw_store_bytes: u64,
    /// Median direct `page::list` latency per filter (common, rare, unindexed), microseconds.
    pub direct_p50_us: [u64; 3],
    /// Median gRPC latency per filter (common, rare, unindexed), microseconds.
    pub grpc_p50_us: [u64; 3],
}

fn direct_latency(
    store: &dyn Store,
    filter: &str,
    expect: usize,
    duration: Duration,
) -> (Histogram<u64>, usize) {
    let mut hist = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("bounds");
    let sw = Stopwatch::start();
    let mut n = 0;
    let mut got = 0;
    while n < 3 || sw.wall() < duration {
        let req = ListRequest {
            page_size: 50,
            page_token: "",
            filter,
            order_by: "",
            deadline: None,
        };
        let t = Stopwatch::start();
        let (page, _) = list(
            store,
            Collection::Statistics,
            &parkgraph_server::fields::STATISTIC,
            parkgraph_server::page::STATISTIC_INDEXES,
            &req,
        )
        .expect("list");
        let _ = hist.record(t.wall().as_micros().max(1) as u64);
        got = page.len();
        n += 1;
        if n >= 100_000 {
            break;
        }
    }
    debug_assert!(got <= expect);
    (hist, got)
}

/// Measures one size; prints and returns its lines and point.
pub fn measure(texts: &[Doc], statistics: usize, opts: &Options) -> (Point, Vec<String>) {
    let mut lines = Vec::new();
    let docs = statistics.div_ceil(opts.stats_per_doc.max(1));
    let writes = synth::record_writes(texts, docs, opts.stats_per_doc, opts.parks);
    let dir = match &opts.tmp {
        Some(t) => tempfile::tempdir_in(t),
        None => tempfile::tempdir(),
    }
    .expect("temporary directory");
    let path = dir.path().join("store");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let store = SledStore::open(&path).expect("open store");
    let sw = Stopwatch::start();
    for chunk in writes.chunks(opts.batch.max(1)) {
        for w in chunk {
            store.write_document(w, &Resolver).expect("write_document");
        }
        rt.block_on(store.flush()).expect("flush");
    }
    let ingest = sw.wall();
    let ingest_cpu = sw.cpu();
    // The reference: raw sled writing the same keys and bytes in the same batches, so a
    // superlinear curve can be told apart from sled's own.
    let mut seen = Seen::default();
    let kvs: Vec<Vec<TreeKv>> = writes.iter().map(|w| key_values(w, &mut seen)).collect();
    drop(writes);
    let raw_dir = match &opts.tmp {
        Some(t) => tempfile::tempdir_in(t),
        None => tempfile::tempdir(),
    }
    .expect("temporary directory");
    let (_, raw_ingest) = raw_sled(
        raw_dir.path(),
        &kvs,
        |kv| kv.as_slice(),
        opts.batch,
        &rt,
        Duration::MAX,
    );
    drop(kvs);
    let (raw_apparent, _) = dir_size(raw_dir.path());
    drop(raw_dir);
    let (apparent, allocated) = dir_size(&path);
    let n_stats = store.len(Collection::Statistics);
    lines.push(
        Line::new("scaling")
            .kv("statistics", n_stats)
            .kv("docs", docs)
            .kv("what", "ingest")
            .f("wall_s", ingest.as_secs_f64(), 3)
            .f("cpu_s", ingest_cpu.as_secs_f64(), 3)
            .f("docs/s", per_sec(docs as f64, ingest), 0)
            .f(
                "us/statistic",
                ingest.as_secs_f64() * 1e6 / n_stats.max(1) as f64,
                2,
            )
            .f("store_MB", mb(apparent), 2)
            .f("store_allocated_MB", mb(allocated), 2)
            .f(
                "bytes/statistic",
                apparent as f64 / n_stats.max(1) as f64,
                0,
            )
            .print(),
    );
    lines.push(
        Line::new("scaling")
            .kv("statistics", n_stats)
            .kv("what", "ingest_raw_sled")
            .f("wall_s", raw_ingest.as_secs_f64(), 3)
            .f("store_MB", mb(raw_apparent), 2)
            .f(
                "store_ingest/raw",
                ingest.as_secs_f64() / raw_ingest.as_secs_f64().max(1e-9),
                2,
            )
            .print(),
    );
    let filters = [
        ("common", synth::COMMON_FILTER, 50),
        ("rare", synth::RARE_FILTER, synth::RARE_MATCHES),
        ("unindexed", synth::UNINDEXED_FILTER, synth::RARE_MATCHES),
    ];
    let mut direct_p50 = [0; 3];
    for (i, (name, filter, expect)) in filters.iter().enumerate() {
        let (h, got) = direct_latency(&store, filter, *expect, opts.list_duration);
        direct_p50[i] = h.value_at_quantile(0.5);
        lines.push(
            Line::new("scaling")
                .kv("statistics", n_stats)
                .kv("what", "list_direct")
                .kv("filter", name)
                .kv("items", got)
                .kv("calls", h.len())
                .us("p50_us", h.value_at_quantile(0.5))
                .us("p99_us", h.value_at_quantile(0.99))
                .print(),
        );
    }
    let store: Arc<dyn Store> = Arc::new(store);
    let env = [
        ("PARKGRAPH__SERVER__ADDR", "127.0.0.1:0".to_string()),
        ("PARKGRAPH__SERVER__DRAIN_SECONDS", "2".to_string()),
        ("PARKGRAPH__STORE__PATH", path.display().to_string()),
        ("PARKGRAPH__SEEDS__LOAD", "false".to_string()),
    ]
    .map(|(k, v)| (k.to_string(), v));
    let settings = Settings::load_from(None, env).expect("settings");
    let mut grpc_p50 = [0; 3];
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let running = start_with(&settings, listener, store.clone())
            .await
            .expect("server starts");
        let channels = load::connect(&running.addr.to_string(), 1)
            .await
            .expect("connect");
        for (i, (name, filter, _)) in filters.iter().enumerate() {
            let cfg = load::Config {
                streams: 1,
                warmup: opts.list_duration / 5,
                duration: opts.list_duration,
                rate: None,
                parks: Vec::new(),
                filter: filter.to_string(),
                // What a typed client sees, one request at a time.
                replies: load::Replies::Decode,
            };
            let o = load::run(&channels, Rpc::ListStatistics, &cfg).await;
            grpc_p50[i] = o.q(0.5);
            lines.push(
                Line::new("scaling")
                    .kv("statistics", n_stats)
                    .kv("what", "list_grpc")
                    .kv("filter", name)
                    .f("items/resp", o.items as f64 / o.ok.max(1) as f64, 1)
                    .kv("calls", o.ok)
                    .f("qps", o.qps(), 0)
                    .us("p50_us", o.q(0.5))
                    .us("p99_us", o.q(0.99))
                    .kv("errors", o.errors)
                    .print(),
            );
        }
        drop(channels);
        let _ = running.shutdown().await;
    });
    drop(store);
    drop(rt);
    let point = Point {
        statistics: n_stats,
        ingest,
        store_bytes: apparent,
        raw_ingest,
        raw_store_bytes: raw_apparent,
        direct_p50_us: direct_p50,
        grpc_p50_us: grpc_p50,
    };
    (point, lines)
}

/// Growth from one point to the next: each quantity's factor next to the size factor.
pub fn growth_line(a: &Point, b: &Point) -> Line {
    let f = |x: f64, y: f64| if x > 0.0 { y / x } else { 0.0 };
    Line::new("scaling")
        .kv("what", "growth")
        .kv("from", a.statistics)
        .kv("to", b.statistics)
        .f("size_x", f(a.statistics as f64, b.statistics as f64), 1)
        .f(
            "ingest_x",
            f(a.ingest.as_secs_f64(), b.ingest.as_secs_f64()),
            2,
        )
        .f("store_x", f(a.store_bytes as f64, b.store_bytes as f64), 2)
        .f(
            "raw_sled_ingest_x",
            f(a.raw_ingest.as_secs_f64(), b.raw_ingest.as_secs_f64()),
            2,
        )
        .f(
            "raw_sled_store_x",
            f(a.raw_store_bytes as f64, b.raw_store_bytes as f64),
            2,
        )
        .f(
            "list_common_direct_x",
            f(a.direct_p50_us[0] as f64, b.direct_p50_us[0] as f64),
            2,
        )
        .f(
            "list_rare_direct_x",
            f(a.direct_p50_us[1] as f64, b.direct_p50_us[1] as f64),
            2,
        )
        .f(
            "list_unindexed_direct_x",
            f(a.direct_p50_us[2] as f64, b.direct_p50_us[2] as f64),
            2,
        )
        .f(
            "list_common_grpc_x",
            f(a.grpc_p50_us[0] as f64, b.grpc_p50_us[0] as f64),
            2,
        )
        .f(
            "list_rare_grpc_x",
            f(a.grpc_p50_us[1] as f64, b.grpc_p50_us[1] as f64),
            2,
        )
        .f(
            "list_unindexed_grpc_x",
            f(a.grpc_p50_us[2] as f64, b.grpc_p50_us[2] as f64),
            2,
        )
}

/// Measures every size and the growth between them; returns the lines.
pub fn run(texts: &[Doc], opts: &Options) -> Vec<String> {
    let mut lines = Vec::new();
    let mut points: Vec<Point> = Vec::new();
    for &n in &opts.sizes {
        let (p, l) = measure(texts, n, opts);
        lines.extend(l);
        if let Some(prev) = points.last() {
            lines.push(growth_line(prev, &p).print());
        }
        points.push(p);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_two_small_sizes() {
        let texts = crate::corpus::seeds().unwrap();
        let opts = Options {
            sizes: vec![100, 200],
            stats_per_doc: 10,
            parks: 3,
            batch: 16,
            list_duration: Duration::from_millis(50),
            tmp: None,
        };
        let lines = run(&texts, &opts);
        assert!(lines.iter().any(|l| l.contains("what=growth")));
        assert!(lines
            .iter()
            .any(|l| l.contains("what=ingest_raw_sled") && l.contains("store_ingest/raw=")));
        assert!(lines
            .iter()
            .any(|l| l.contains("what=list_grpc") && l.contains("errors=0")));
    }
}
