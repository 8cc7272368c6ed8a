//! `loadgen`: gRPC load against the real server, in-process on 127.0.0.1:0 (temporary store,
//! the seeds, and synthetic parks and statistics) or at `--addr` (loopback only).
//!
//! For each RPC (GetPark, ListParks, ListStatistics with a filter) it finds the peak with
//! closed-loop streams, then measures latency at half of that peak with paced streams.
//! `grpc.health.v1.Health/Check` against the same server, before and after, is the ceiling.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use parkgraph_bench::corpus;
use parkgraph_bench::load::{self, Config, InProcess, Outcome, Preload, Replies, Rpc};
use parkgraph_bench::report::{machine, Line};
use parkgraph_bench::synth;

#[derive(Parser)]
#[command(
    name = "loadgen",
    about = "gRPC load generator for parkgraph (see docs/BENCHMARKS.md)"
)]
struct Cli {
    /// Server to load (loopback only, e.g. 127.0.0.1:50051); default: start one in-process.
    #[arg(long)]
    addr: Option<String>,
    /// HTTP/2 connections.
    #[arg(long, default_value_t = 2)]
    connections: usize,
    /// Concurrent streams per connection.
    #[arg(long, default_value_t = 8)]
    streams: usize,
    /// Measured seconds per run (default 10; 1 with --quick).
    #[arg(long)]
    duration: Option<f64>,
    /// Warm-up seconds per run, not recorded (default 2; 0.3 with --quick).
    #[arg(long)]
    warmup: Option<f64>,
    /// Short runs that prove the generator works; numbers are not judged.
    #[arg(long)]
    quick: bool,
    /// RPCs to load: health, get-park, get-park-basic, list-parks, list-parks-basic,
    /// list-statistics (default: all).
    #[arg(long, value_delimiter = ',')]
    rpc: Vec<String>,
    /// ListStatistics filter.
    #[arg(long, default_value = synth::COMMON_FILTER)]
    filter: String,
    /// Fixed total rate (requests/s) instead of peak + half-peak.
    #[arg(long)]
    rate: Option<f64>,
    /// Decode replies into the generated types (default: skip their fields; see
    /// `load::Replies`).
    #[arg(long)]
    decode: bool,
    /// Skip the half-of-peak latency runs.
    #[arg(long)]
    no_half: bool,
    /// GetPark targets (resource names); default: discovered with ListParks.
    #[arg(long)]
    park: Vec<String>,
    /// In-process server: runtime worker threads.
    #[arg(long, default_value_t = 2)]
    server_threads: usize,
    /// Client runtime worker threads.
    #[arg(long, default_value_t = 2)]
    client_threads: usize,
    /// In-process server: its threads on CPU 0, the client's (and the pacer) on CPU 1, so
    /// neither takes the other's time slices (Linux, 2 CPUs or more).
    #[arg(long)]
    pin: bool,
    /// In-process server: synthetic documents preloaded (10 statistics and 1 park mention each).
    #[arg(long, default_value_t = 500)]
    preload_docs: usize,
    /// In-process server: distinct synthetic parks.
    #[arg(long, default_value_t = 100)]
    preload_parks: usize,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    machine().print();
    let rpcs: Vec<Rpc> = if cli.rpc.is_empty() {
        vec![
            Rpc::GetPark,
            Rpc::GetParkBasic,
            Rpc::ListParks,
            Rpc::ListParksBasic,
            Rpc::ListStatistics,
        ]
    } else {
        let mut v = Vec::new();
        for name in &cli.rpc {
            match Rpc::parse(name) {
                Some(Rpc::Health) => {}
                Some(r) => v.push(r),
                None => {
                    return fail(format!(
                        "unknown rpc {name:?} (health, get-park, get-park-basic, list-parks, list-parks-basic, list-statistics)"
                    ))
                }
            }
        }
        v
    };
    let (server, addr) = match &cli.addr {
        Some(a) => {
            if let Err(e) = load::ensure_loopback(a) {
                return fail(e);
            }
            (None, a.clone())
        }
        None => {
            let seeds = match corpus::seeds() {
                Ok(s) => s,
                Err(e) => return fail(format!("seeds: {e}")),
            };
            let preload = Preload {
                docs: cli.preload_docs,
                stats_per_doc: 10,
                parks: cli.preload_parks,
            };
            let pin = cli.pin.then_some(0);
            match InProcess::start(
                cli.server_threads,
                pin,
                &seeds,
                preload,
                &corpus::seeds_dir(),
            ) {
                Ok(s) => {
                    let addr = s.addr.to_string();
                    Line::new("loadgen")
                        .kv("server", "in-process")
                        .kv("addr", &addr)
                        .kv("server_threads", cli.server_threads)
                        .kv("pinned", cli.pin)
                        .kv("preload_docs", preload.docs)
                        .kv("preload_statistics", preload.docs * preload.stats_per_doc)
                        .kv("preload_parks", preload.parks)
                        .print();
                    (Some(s), addr)
                }
                Err(e) => return fail(format!("starting the server: {e}")),
            }
        }
    };
    // The client side on CPU 1: this thread (it runs the suite), the workers, and the pacer
    // threads they start.
    let client_cpu = (cli.pin && cli.addr.is_none()).then_some(1);
    if let Some(cpu) = client_cpu {
        if let Err(e) = load::pin_current_thread(cpu) {
            return fail(e);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cli.client_threads.max(1))
        .thread_name("loadgen")
        .on_thread_start(move || {
            if let Some(cpu) = client_cpu {
                let _ = load::pin_current_thread(cpu);
            }
        })
        .enable_all()
        .build()
        .expect("client runtime");
    let result = rt.block_on(suite(&cli, &addr, &rpcs));
    drop(rt);
    if let Some(s) = server {
        s.stop();
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

async fn suite(cli: &Cli, addr: &str, rpcs: &[Rpc]) -> Result<(), String> {
    let duration =
        Duration::from_secs_f64(cli.duration.unwrap_or(if cli.quick { 1.0 } else { 10.0 }));
    let warmup = Duration::from_secs_f64(cli.warmup.unwrap_or(if cli.quick { 0.3 } else { 2.0 }));
    let channels = load::connect(addr, cli.connections).await?;
    let parks = if cli.park.is_empty() {
        load::discover_parks(&channels[0])
            .await
            .map_err(|e| format!("ListParks: {e}"))?
    } else {
        cli.park.clone()
    };
    if parks.is_empty() && (rpcs.contains(&Rpc::GetPark) || rpcs.contains(&Rpc::GetParkBasic)) {
        Line::new("loadgen")
            .kv("warning", "\"no parks stored: GetPark answers NOT_FOUND\"")
            .print();
    }
    let replies = if cli.decode {
        Replies::Decode
    } else {
        Replies::Skip
    };
    Line::new("loadgen")
        .kv("addr", addr)
        .kv("conns", cli.connections)
        .kv("streams", cli.streams)
        .f("warmup_s", warmup.as_secs_f64(), 1)
        .f("duration_s", duration.as_secs_f64(), 1)
        .kv("get_park_targets", parks.len())
        .kv("filter", format!("{:?}", cli.filter))
        .kv("replies", replies.as_str())
        .print();
    let cfg = |rate: Option<f64>| Config {
        streams: cli.streams,
        warmup,
        duration,
        rate,
        parks: parks.clone(),
        filter: cli.filter.clone(),
        replies,
    };

    // Peaks (or the fixed rate): the ceiling before and after the RPCs, to see drift.
    let mode = if cli.rate.is_some() { "rate" } else { "peak" };
    let health_before = load::run(&channels, Rpc::Health, &cfg(cli.rate)).await;
    health_before.line(mode).kv("ceiling", "before").print();
    let mut peaks: Vec<Outcome> = Vec::new();
    for &rpc in rpcs {
        let o = load::run(&channels, rpc, &cfg(cli.rate)).await;
        o.line(mode).print();
        peaks.push(o);
    }
    let health_after = load::run(&channels, Rpc::Health, &cfg(cli.rate)).await;
    health_after.line(mode).kv("ceiling", "after").print();
    let ceiling = (health_before.qps() + health_after.qps()) / 2.0;
    let health_cpu = (health_before.cpu_us_per_request() + health_after.cpu_us_per_request()) / 2.0;
    for o in &peaks {
        Line::new("loadgen")
            .kv("rpc", o.rpc.as_str())
            .kv("mode", "ratio")
            .f("qps", o.qps(), 0)
            .f("health_qps", ceiling, 0)
            .f("qps/health", o.qps() / ceiling.max(1e-9), 3)
            // Requests per CPU-second against Health's: the same ratio, without the CPU time
            // other processes took from the cores during either run.
            .f(
                "per_cpu/health",
                health_cpu / o.cpu_us_per_request().max(1e-9),
                3,
            )
            .print();
    }
    if cli.rate.is_some() || cli.no_half {
        return Ok(());
    }

    // Half of each peak, paced.
    let mut half: Vec<Outcome> = Vec::new();
    let health_peak = (health_before.qps() + health_after.qps()) / 2.0;
    for (rpc, peak) in
        std::iter::once((Rpc::Health, health_peak)).chain(peaks.iter().map(|o| (o.rpc, o.qps())))
    {
        let o = load::run(&channels, rpc, &cfg(Some((peak / 2.0).max(1.0)))).await;
        o.line("half").print();
        half.push(o);
    }

    // The targets of issue #5, stated next to the measurements (not judged in --quick runs).
    if let Some(gp) = peaks.iter().find(|o| o.rpc == Rpc::GetPark) {
        let r = gp.qps() / ceiling.max(1e-9);
        Line::new("loadgen")
            .kv("target", "\"GetPark qps >= 0.8 x Health/Check qps\"")
            .f("ratio", r, 3)
            .kv("verdict", if r >= 0.8 { "MET" } else { "NOT_MET" })
            .print();
    }
    for o in half.iter().filter(|o| o.rpc != Rpc::Health) {
        let p99 = o.q(0.99);
        Line::new("loadgen")
            .kv(
                "target",
                format!("\"{} p99 <= 2 ms at half of peak\"", o.rpc.as_str()),
            )
            .us("p99_us", p99)
            .kv("verdict", if p99 <= 2000 { "MET" } else { "NOT_MET" })
            .print();
    }
    Ok(())
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("loadgen: {msg}");
    ExitCode::FAILURE
}
