//! The load generator behind `loadgen`: N connections × M concurrent streams (each stream a
//! closed loop, or paced to a total rate), a warm-up that is not recorded, a fixed measured
//! duration, and HdrHistogram latencies. Also starts the real server in-process on
//! 127.0.0.1:0 with a temporary store, the seeds, and synthetic records of a fixed shape.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use parkgraph_proto::v1::{
    park_service_client::ParkServiceClient, GetParkRequest, ListParksRequest, ListParksResponse,
    ListStatisticsRequest, ListStatisticsResponse, Park, ParkView,
};
use parkgraph_server::config::Settings;
use parkgraph_server::server::{start_with, Running};
use parkgraph_store::{SledStore, Store};
use tonic::client::Grpc;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::transport::{Channel, Endpoint};
use tonic_health::pb::{HealthCheckRequest, HealthCheckResponse};
use tonic_prost::ProstCodec;

use crate::corpus::Doc;
use crate::pacer::{self, Tickets};
use crate::report::Line;
use crate::synth;
use crate::timing::process_cpu;

/// The RPCs the generator can call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rpc {
    /// `grpc.health.v1.Health/Check` with service "": the ceiling.
    Health,
    /// `ParkService/GetPark`, cycling over the known parks.
    GetPark,
    /// The same with `view: PARK_VIEW_BASIC` (no sources, evidence, claims): what the park's
    /// provenance costs.
    GetParkBasic,
    /// `ParkService/ListParks{page_size: 50}`.
    ListParks,
    /// `ParkService/ListParks{page_size: 50, view: PARK_VIEW_BASIC}`.
    ListParksBasic,
    /// `StatisticService/ListStatistics{page_size: 50, filter}`.
    ListStatistics,
}

impl Rpc {
    /// Every RPC, ceiling first.
    pub const ALL: [Rpc; 6] = [
        Rpc::Health,
        Rpc::GetPark,
        Rpc::GetParkBasic,
        Rpc::ListParks,
        Rpc::ListParksBasic,
        Rpc::ListStatistics,
    ];

    /// Name in result lines.
    pub fn as_str(self) -> &'static str {
        match self {
            Rpc::Health => "Health/Check",
            Rpc::GetPark => "GetPark",
            Rpc::GetParkBasic => "GetPark/basic",
            Rpc::ListParks => "ListParks",
            Rpc::ListParksBasic => "ListParks/basic",
            Rpc::ListStatistics => "ListStatistics",
        }
    }

    /// The park view the request asks for (unset is FULL).
    fn view(self) -> ParkView {
        match self {
            Rpc::GetParkBasic | Rpc::ListParksBasic => ParkView::Basic,
            _ => ParkView::Unspecified,
        }
    }

    /// Parses a command-line name (`health`, `get-park`, `get-park-basic`, `list-parks`,
    /// `list-parks-basic`, `list-statistics`).
    pub fn parse(s: &str) -> Option<Rpc> {
        match s {
            "health" => Some(Rpc::Health),
            "get-park" => Some(Rpc::GetPark),
            "get-park-basic" => Some(Rpc::GetParkBasic),
            "list-parks" => Some(Rpc::ListParks),
            "list-parks-basic" => Some(Rpc::ListParksBasic),
            "list-statistics" => Some(Rpc::ListStatistics),
            _ => None,
        }
    }
}

/// One load run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Concurrent requests per connection.
    pub streams: usize,
    /// Not recorded.
    pub warmup: Duration,
    /// Recorded.
    pub duration: Duration,
    /// Total requests per second over all streams; `None`: each stream sends as fast as
    /// answers come back (closed loop), which finds the peak.
    pub rate: Option<f64>,
    /// Resource names `GetPark` cycles over.
    pub parks: Vec<String>,
    /// `ListStatistics` filter.
    pub filter: String,
    /// How replies are read.
    pub replies: Replies,
}

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// RPC.
    pub rpc: Rpc,
    /// Connections × streams.
    pub connections: usize,
    /// Streams per connection.
    pub streams: usize,
    /// Target rate, when paced.
    pub rate: Option<f64>,
    /// Successful requests sent within the measured window.
    pub ok: u64,
    /// Failed requests within the measured window.
    pub errors: u64,
    /// The first error seen.
    pub first_error: Option<String>,
    /// Items returned per list response, summed over the window.
    pub items: u64,
    /// Latencies of successful requests, microseconds.
    pub hist: Histogram<u64>,
    /// The measured window.
    pub window: Duration,
    /// CPU time of this process (client, and the server when in-process) over the window.
    pub cpu: Duration,
}

impl Outcome {
    /// Successful requests per second.
    pub fn qps(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64().max(1e-9)
    }
    /// Process CPU microseconds per successful request.
    pub fn cpu_us_per_request(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.ok.max(1) as f64
    }
    /// Latency quantile in microseconds.
    pub fn q(&self, q: f64) -> u64 {
        self.hist.value_at_quantile(q)
    }
    /// The result line (`mode` is `peak`, `half` or `rate`).
    pub fn line(&self, mode: &str) -> Line {
        let mut l = Line::new("loadgen")
            .kv("rpc", self.rpc.as_str())
            .kv("mode", mode)
            .kv("conns", self.connections)
            .kv("streams", self.streams);
        if let Some(r) = self.rate {
            l = l.f("target_qps", r, 0);
        }
        l = l
            .f("qps", self.qps(), 0)
            .us("p50_us", self.q(0.50))
            .us("p99_us", self.q(0.99))
            .us("p99.9_us", self.q(0.999))
            .us("max_us", self.hist.max())
            .kv("errors", self.errors)
            .kv("ok", self.ok)
            .f("cpu_us/req", self.cpu_us_per_request(), 1);
        if matches!(
            self.rpc,
            Rpc::ListParks | Rpc::ListParksBasic | Rpc::ListStatistics
        ) && self.ok > 0
        {
            l = l.f("items/resp", self.items as f64 / self.ok as f64, 1);
        }
        if let Some(e) = &self.first_error {
            l = l.kv("first_error", format!("{e:?}"));
        }
        l
    }
}

/// Opens `n` HTTP/2 connections to `addr` (`host:port` on a loopback address, or a URL).
pub async fn connect(addr: &str, n: usize) -> Result<Vec<Channel>, String> {
    let url = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    let endpoint = Endpoint::from_shared(url.clone())
        .map_err(|e| format!("{url}: {e}"))?
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n.max(1) {
        out.push(
            endpoint
                .connect()
                .await
                .map_err(|e| format!("{url}: {e}"))?,
        );
    }
    Ok(out)
}

/// Refuses any address that is not on the loopback interface: load goes to this machine only.
pub fn ensure_loopback(addr: &str) -> Result<(), String> {
    let hostport = addr
        .split("://")
        .last()
        .unwrap_or(addr)
        .trim_end_matches('/');
    let host = match hostport.rsplit_once(':') {
        Some((h, _)) => h.trim_start_matches('[').trim_end_matches(']'),
        None => hostport,
    };
    let ok = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{addr}: only loopback addresses (127.0.0.0/8, [::1], localhost) may be loaded"
        ))
    }
}

struct Tally {
    hist: Histogram<u64>,
    ok: u64,
    errors: u64,
    items: u64,
    first_error: Option<String>,
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000, 3).expect("histogram bounds")
}

/// How the generator reads replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replies {
    /// Read to the gRPC frame and the protobuf field boundaries: fields are skipped, list items
    /// counted. The client shares the 2 cores with the server, and decoding a full park into
    /// Rust structs (~19k instructions, what parsing it cost the server before it kept decoded
    /// parks) would be charged to the server's throughput. gRPC's own benchmarks use generic
    /// (bytes) clients for the same reason. The default; the paths are pinned by the test that
    /// calls every RPC (a wrong one answers UNIMPLEMENTED).
    Skip,
    /// Decoded into the generated types, as a typed client would (`loadgen --decode`).
    Decode,
}

impl Replies {
    /// Name in result lines.
    pub fn as_str(self) -> &'static str {
        match self {
            Replies::Skip => "skipped",
            Replies::Decode => "decoded",
        }
    }
}

/// A reply whose fields are all skipped (protobuf skips unknown fields without decoding them).
#[derive(Clone, PartialEq, prost::Message)]
struct Skipped {}

/// A list reply whose items (field 1: `ListParksResponse.parks`,
/// `ListStatisticsResponse.statistics`) are counted, not decoded.
#[derive(Clone, PartialEq, prost::Message)]
struct Counted {
    #[prost(message, repeated, tag = "1")]
    items: Vec<Skipped>,
}

const HEALTH_CHECK: &str = "/grpc.health.v1.Health/Check";
const GET_PARK: &str = "/parkgraph.v1.ParkService/GetPark";
const LIST_PARKS: &str = "/parkgraph.v1.ParkService/ListParks";
const LIST_STATISTICS: &str = "/parkgraph.v1.StatisticService/ListStatistics";

/// One unary call of `path`, the reply read as `Resp`; returns `items` of the reply.
async fn unary<Req, Resp>(
    grpc: &mut Grpc<Channel>,
    path: &'static str,
    req: Req,
    items: fn(&Resp) -> usize,
) -> Result<u64, tonic::Status>
where
    Req: prost::Message + Send + Sync + 'static,
    Resp: prost::Message + Default + Send + Sync + 'static,
{
    grpc.ready()
        .await
        .map_err(|e| tonic::Status::unavailable(format!("channel not ready: {e}")))?;
    let reply = grpc
        .unary(
            tonic::Request::new(req),
            PathAndQuery::from_static(path),
            ProstCodec::<Req, Resp>::default(),
        )
        .await?;
    Ok(items(reply.get_ref()) as u64)
}

/// One call of `path` with the reply decoded as `Typed` or skipped as `Skip`, as `replies`
/// says; returns the items counted in it.
async fn read<Req, Typed, Skip>(
    grpc: &mut Grpc<Channel>,
    replies: Replies,
    path: &'static str,
    req: Req,
    typed: fn(&Typed) -> usize,
    skipped: fn(&Skip) -> usize,
) -> Result<u64, tonic::Status>
where
    Req: prost::Message + Send + Sync + 'static,
    Typed: prost::Message + Default + Send + Sync + 'static,
    Skip: prost::Message + Default + Send + Sync + 'static,
{
    match replies {
        Replies::Decode => unary(grpc, path, req, typed).await,
        Replies::Skip => unary(grpc, path, req, skipped).await,
    }
}

/// Sends request number `k` of `rpc`; returns the items in the reply (lists) or 0.
async fn call(
    grpc: &mut Grpc<Channel>,
    rpc: Rpc,
    cfg: &Config,
    k: usize,
) -> Result<u64, tonic::Status> {
    let r = cfg.replies;
    let none = |_: &Skipped| 0;
    let counted = |c: &Counted| c.items.len();
    match rpc {
        Rpc::Health => {
            let req = HealthCheckRequest::default();
            read(
                grpc,
                r,
                HEALTH_CHECK,
                req,
                |_: &HealthCheckResponse| 0,
                none,
            )
            .await
        }
        Rpc::GetPark | Rpc::GetParkBasic => {
            let req = GetParkRequest {
                name: cfg
                    .parks
                    .get(k % cfg.parks.len().max(1))
                    .cloned()
                    .unwrap_or_default(),
                view: rpc.view().into(),
            };
            read(grpc, r, GET_PARK, req, |_: &Park| 0, none).await
        }
        Rpc::ListParks | Rpc::ListParksBasic => {
            let req = ListParksRequest {
                page_size: 50,
                view: rpc.view().into(),
                ..Default::default()
            };
            let parks = |l: &ListParksResponse| l.parks.len();
            read(grpc, r, LIST_PARKS, req, parks, counted).await
        }
        Rpc::ListStatistics => {
            let req = ListStatisticsRequest {
                page_size: 50,
                filter: cfg.filter.clone(),
                ..Default::default()
            };
            let statistics = |l: &ListStatisticsResponse| l.statistics.len();
            read(grpc, r, LIST_STATISTICS, req, statistics, counted).await
        }
    }
}

/// When a run records, and when it ends.
#[derive(Clone, Copy)]
struct Window {
    recorded_from: Instant,
    end: Instant,
}

/// One stream: a closed loop (`tickets` is `None`), or one request per ticket. Its requests
/// are numbers `first`, `first + workers`, … (GetPark cycles over the parks by number).
async fn stream(
    ch: Channel,
    rpc: Rpc,
    cfg: Arc<Config>,
    first: usize,
    workers: usize,
    tickets: Option<Tickets>,
    window: Window,
) -> Tally {
    let Window { recorded_from, end } = window;
    let mut tally = Tally {
        hist: histogram(),
        ok: 0,
        errors: 0,
        items: 0,
        first_error: None,
    };
    let mut grpc = Grpc::new(ch);
    let mut k = first;
    loop {
        let sent = match &tickets {
            Some(t) => match t.next().await {
                Some(released) => released,
                None => break,
            },
            None => Instant::now(),
        };
        if sent >= end {
            break;
        }
        let result = call(&mut grpc, rpc, &cfg, k).await;
        k += workers;
        if sent < recorded_from {
            continue;
        }
        match result {
            Ok(items) => {
                let us = sent.elapsed().as_micros().max(1) as u64;
                let _ = tally.hist.record(us.min(60_000_000));
                tally.ok += 1;
                tally.items += items;
            }
            Err(status) => {
                tally.errors += 1;
                if tally.first_error.is_none() {
                    tally.first_error = Some(format!("{:?}: {}", status.code(), status.message()));
                }
            }
        }
    }
    tally
}

/// Runs `rpc` over `channels` × `cfg.streams` concurrent streams.
pub async fn run(channels: &[Channel], rpc: Rpc, cfg: &Config) -> Outcome {
    let cfg = Arc::new(cfg.clone());
    let workers = channels.len() * cfg.streams.max(1);
    let t0 = Instant::now();
    let recorded_from = t0 + cfg.warmup;
    let end = recorded_from + cfg.duration;
    let (tickets, pacer) = match cfg.rate {
        Some(rate) => {
            let (t, thread) = pacer::start(rate, t0, end);
            (Some(t), Some(thread))
        }
        None => (None, None),
    };
    let mut tasks = Vec::with_capacity(workers);
    for (c, ch) in channels.iter().enumerate() {
        for s in 0..cfg.streams.max(1) {
            tasks.push(tokio::spawn(stream(
                ch.clone(),
                rpc,
                cfg.clone(),
                c * cfg.streams.max(1) + s,
                workers,
                tickets.clone(),
                Window { recorded_from, end },
            )));
        }
    }
    drop(tickets);
    // The process's CPU time over the recorded window: with the server in-process, what client
    // and server spent, whatever other processes took from the cores meanwhile.
    tokio::time::sleep_until(recorded_from.into()).await;
    let cpu0 = process_cpu();
    tokio::time::sleep_until(end.into()).await;
    let cpu = process_cpu().saturating_sub(cpu0);
    let mut out = Outcome {
        rpc,
        connections: channels.len(),
        streams: cfg.streams.max(1),
        rate: cfg.rate,
        ok: 0,
        errors: 0,
        first_error: None,
        items: 0,
        hist: histogram(),
        window: cfg.duration,
        cpu,
    };
    for t in tasks {
        let tally = t.await.expect("load stream");
        out.hist.add(&tally.hist).expect("same histogram bounds");
        out.ok += tally.ok;
        out.errors += tally.errors;
        out.items += tally.items;
        if out.first_error.is_none() {
            out.first_error = tally.first_error;
        }
    }
    if let Some(thread) = pacer {
        // Ends at `end`; the streams have stopped taking tickets by now.
        let _ = thread.join();
    }
    out
}

/// Keeps the calling thread (and the threads it starts later) on one CPU. `loadgen --pin`
/// gives the server and the client a core each, so neither takes the other's time slices.
pub fn pin_current_thread(cpu: usize) -> Result<(), String> {
    // SAFETY: `set` is a zeroed cpu_set_t, CPU_SET writes inside it, and sched_setaffinity
    // reads `size_of::<cpu_set_t>()` bytes of it for the calling thread (pid 0).
    let rc = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set)
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(format!(
            "pinning a thread to CPU {cpu}: {}",
            std::io::Error::last_os_error()
        ))
    }
}

/// Resource names of the parks the server knows (first 1000).
pub async fn discover_parks(ch: &Channel) -> Result<Vec<String>, tonic::Status> {
    let mut client = ParkServiceClient::new(ch.clone());
    let resp = client
        .list_parks(ListParksRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await?;
    Ok(resp
        .into_inner()
        .parks
        .into_iter()
        .map(|p| {
            if p.name.is_empty() {
                format!("parks/{}", p.id)
            } else {
                p.name
            }
        })
        .collect())
}

/// Shape of the synthetic records preloaded into an in-process server's store.
#[derive(Debug, Clone, Copy)]
pub struct Preload {
    /// Documents.
    pub docs: usize,
    /// Statistics per document.
    pub stats_per_doc: usize,
    /// Distinct parks.
    pub parks: usize,
}

/// The real server, started in this process on its own runtime.
pub struct InProcess {
    /// Where it listens.
    pub addr: SocketAddr,
    running: Option<Running>,
    rt: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

impl InProcess {
    /// Opens a store in a temporary directory, preloads `preload` synthetic records (texts from
    /// `texts`), then starts the server with the seeds of `seeds_dir` on 127.0.0.1:0 on a
    /// runtime of `threads` workers, each pinned to CPU `pin` when given.
    pub fn start(
        threads: usize,
        pin: Option<usize>,
        texts: &[Doc],
        preload: Preload,
        seeds_dir: &Path,
    ) -> Result<Self, String> {
        if let Some(cpu) = pin {
            // Checked once here; the workers below pin themselves the same way.
            std::thread::spawn(move || pin_current_thread(cpu))
                .join()
                .map_err(|_| "pinning panicked".to_string())??;
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .thread_name("server")
            .on_thread_start(move || {
                if let Some(cpu) = pin {
                    let _ = pin_current_thread(cpu);
                }
            })
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let store_path = dir.path().join("store");
        let store = SledStore::open(&store_path).map_err(|e| e.to_string())?;
        for w in synth::record_writes(
            texts,
            preload.docs,
            preload.stats_per_doc,
            preload.parks.max(1),
        ) {
            store
                .put_document(&w, &parkgraph_server::pipeline::Resolver)
                .map_err(|e| e.to_string())?;
        }
        let env = [
            ("PARKGRAPH__SERVER__ADDR", "127.0.0.1:0".to_string()),
            ("PARKGRAPH__SERVER__DRAIN_SECONDS", "2".to_string()),
            ("PARKGRAPH__STORE__PATH", store_path.display().to_string()),
            ("PARKGRAPH__SEEDS__DIR", seeds_dir.display().to_string()),
        ]
        .map(|(k, v)| (k.to_string(), v));
        let settings = Settings::load_from(None, env).map_err(|e| e.to_string())?;
        let running = rt.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            start_with(&settings, listener, Arc::new(store))
                .await
                .map_err(|e| e.to_string())
        })?;
        Ok(Self {
            addr: running.addr,
            running: Some(running),
            rt,
            _dir: dir,
        })
    }

    /// Stops the server (drain, flush).
    pub fn stop(mut self) {
        if let Some(r) = self.running.take() {
            let _ = self.rt.block_on(r.shutdown());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_only() {
        assert!(ensure_loopback("127.0.0.1:50051").is_ok());
        assert!(ensure_loopback("http://[::1]:50051").is_ok());
        assert!(ensure_loopback("localhost:1").is_ok());
        assert!(ensure_loopback("10.0.0.1:50051").is_err());
        assert!(ensure_loopback("example.com:443").is_err());
    }

    #[test]
    fn every_rpc_runs_against_the_in_process_server() {
        let seeds = crate::corpus::seeds().unwrap();
        let preload = Preload {
            docs: 20,
            stats_per_doc: 10,
            parks: 5,
        };
        let server =
            InProcess::start(1, None, &seeds, preload, &crate::corpus::seeds_dir()).unwrap();
        let client = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        client.block_on(async {
            let channels = connect(&server.addr.to_string(), 2).await.unwrap();
            let parks = discover_parks(&channels[0]).await.unwrap();
            assert!(
                parks.contains(&"parks/bench-park-0000".to_string()),
                "{parks:?}"
            );
            for (rpc, rate, replies) in Rpc::ALL.iter().flat_map(|r| {
                [
                    (*r, None, Replies::Skip),
                    (*r, Some(200.0), Replies::Skip),
                    (*r, None, Replies::Decode),
                ]
            }) {
                let cfg = Config {
                    streams: 2,
                    warmup: Duration::from_millis(20),
                    duration: Duration::from_millis(150),
                    rate,
                    parks: parks.clone(),
                    filter: synth::COMMON_FILTER.into(),
                    replies,
                };
                let o = run(&channels, rpc, &cfg).await;
                assert!(o.ok > 0 && o.errors == 0, "{}", o.line("test").text());
                if matches!(
                    rpc,
                    Rpc::ListParks | Rpc::ListParksBasic | Rpc::ListStatistics
                ) {
                    // Every page holds items, skipped or decoded: they are counted either way.
                    assert!(o.items >= o.ok, "{}", o.line("test").text());
                }
            }
        });
        drop(client);
        server.stop();
    }
}
