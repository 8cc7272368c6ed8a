//! Footprint of the real `parkgraph serve` process: time from process start to SERVING,
//! resident memory (VmRSS/VmHWM from /proc/<pid>/status), and store size on disk, with the seeds
//! and after ingesting synthetic documents over `IngestDocument`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parkgraph_proto::v1::{document_service_client::DocumentServiceClient, IngestDocumentRequest};
use tonic::transport::Endpoint;
use tonic_health::pb::{
    health_check_response::ServingStatus, health_client::HealthClient, HealthCheckRequest,
};

use crate::corpus::{dir_size, Doc};
use crate::report::{mb, Line};
use crate::timing::per_sec;

const TOKEN: &str = "pgbench-footprint-token";

/// `VmRSS` and `VmHWM` of a process, in bytes.
pub fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// The `parkgraph` binary next to the running executable (target/release or target/debug).
pub fn default_binary() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("parkgraph")))
        .unwrap_or_else(|| PathBuf::from("target/release/parkgraph"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

/// A running `parkgraph serve`.
pub struct Serve {
    child: Child,
    /// `127.0.0.1:port`.
    pub addr: String,
    /// Time from spawn to the first SERVING answer.
    pub startup: Duration,
    log: PathBuf,
}

impl Serve {
    /// Spawns `bin serve` on a free loopback port with the store at `store`, the seeds of
    /// `seeds`, ingestion enabled with a token, and waits until it reports SERVING.
    pub fn start(bin: &Path, store: &Path, seeds: &Path, work: &Path) -> Result<Self, String> {
        let addr = format!("127.0.0.1:{}", free_port());
        let log = work.join(format!("serve-{}.log", addr.replace([':', '.'], "_")));
        let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let t0 = Instant::now();
        let child = Command::new(bin)
            .arg("serve")
            .current_dir(work)
            .env("PARKGRAPH__SERVER__ADDR", &addr)
            .env("PARKGRAPH__STORE__PATH", store)
            .env("PARKGRAPH__SEEDS__DIR", seeds)
            .env("PARKGRAPH__AUTH__INGEST_TOKEN", TOKEN)
            .env("PARKGRAPH__LOG__LEVEL", "warn")
            .env("PARKGRAPH__SERVER__DRAIN_SECONDS", "5")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e} (build it: cargo build --release -p parkgraph-server --bin parkgraph)", bin.display()))?;
        let mut serve = Serve {
            child,
            addr,
            startup: Duration::ZERO,
            log,
        };
        // A runtime of its own, dropped at once: its connection must not stay open (an idle
        // HTTP/2 client that is never polled would hold the server's graceful shutdown).
        match runtime()?.block_on(wait_serving(&serve.addr, t0, Duration::from_secs(60))) {
            Some(d) => serve.startup = d,
            None => {
                let tail = std::fs::read_to_string(&serve.log).unwrap_or_default();
                let _ = serve.child.kill();
                let _ = serve.child.wait();
                return Err(format!(
                    "{} did not report SERVING within 60 s; log:\n{tail}",
                    bin.display()
                ));
            }
        }
        Ok(serve)
    }

    /// Process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGTERM, then waits for a clean exit (SIGKILL after 30 s). Returns the shutdown time.
    pub fn stop(mut self) -> Duration {
        let t0 = Instant::now();
        // SAFETY: kill(2) on the pid of our own child, which has not been reaped yet.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        while t0.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return t0.elapsed();
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        t0.elapsed()
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

/// Polls Health/Check every 2 ms until SERVING; returns the time since `t0`.
pub async fn wait_serving(addr: &str, t0: Instant, timeout: Duration) -> Option<Duration> {
    let endpoint = Endpoint::from_shared(format!("http://{addr}"))
        .ok()?
        .connect_timeout(Duration::from_millis(200));
    while t0.elapsed() < timeout {
        if let Ok(ch) = endpoint.connect().await {
            let mut health = HealthClient::new(ch);
            loop {
                match health
                    .check(HealthCheckRequest {
                        service: String::new(),
                    })
                    .await
                {
                    Ok(r) if r.get_ref().status() == ServingStatus::Serving => {
                        return Some(t0.elapsed())
                    }
                    Ok(_) => tokio::time::sleep(Duration::from_millis(2)).await,
                    Err(_) => break,
                }
                if t0.elapsed() >= timeout {
                    return None;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    None
}

/// Sends `docs` over `IngestDocument` with `concurrency` requests in flight. Returns
/// (documents created, wall time).
pub async fn ingest(
    addr: &str,
    docs: Arc<Vec<Doc>>,
    concurrency: usize,
) -> Result<(usize, Duration), String> {
    let ch = Endpoint::from_shared(format!("http://{addr}"))
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    let next = Arc::new(AtomicUsize::new(0));
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (ch, docs, next) = (ch.clone(), docs.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut client = DocumentServiceClient::new(ch).max_decoding_message_size(64 << 20);
            let mut created = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(d) = docs.get(i) else { break };
                let mut req = tonic::Request::new(IngestDocumentRequest {
                    content: d.bytes.clone(),
                    source_format: 0,
                    uri: d.name.clone(),
                });
                req.metadata_mut().insert(
                    "authorization",
                    format!("Bearer {TOKEN}").parse().expect("header"),
                );
                let resp = client
                    .ingest_document(req)
                    .await
                    .map_err(|e| format!("{}: {e}", d.name))?;
                created += usize::from(resp.get_ref().created);
            }
            Ok::<usize, String>(created)
        }));
    }
    let mut created = 0;
    for t in tasks {
        created += t.await.map_err(|e| e.to_string())??;
    }
    Ok((created, t0.elapsed()))
}

/// Options of [`run`].
pub struct Options {
    /// The `parkgraph` binary.
    pub bin: PathBuf,
    /// Seeds directory.
    pub seeds: PathBuf,
    /// Documents to ingest after the seeds.
    pub docs: Vec<Doc>,
    /// IngestDocument requests in flight.
    pub concurrency: usize,
    /// Parent of the temporary directory (None: the system's).
    pub tmp: Option<PathBuf>,
}

fn store_line(what: &str, store: &Path) -> Line {
    let (apparent, allocated) = dir_size(store);
    Line::new("footprint")
        .kv("what", what)
        .f("store_MB", mb(apparent), 2)
        .f("store_allocated_MB", mb(allocated), 2)
}

fn mem_line(what: &str, pid: u32) -> Line {
    let (rss, hwm) = memory(pid).unwrap_or((0, 0));
    Line::new("footprint")
        .kv("what", what)
        .f("VmRSS_MB", mb(rss), 1)
        .f("VmHWM_MB", mb(hwm), 1)
}

/// Runs the footprint sequence and prints its lines; returns them.
pub fn run(opts: &Options) -> Result<Vec<String>, String> {
    let work = match &opts.tmp {
        Some(t) => tempfile::tempdir_in(t),
        None => tempfile::tempdir(),
    }
    .map_err(|e| e.to_string())?;
    let store = work.path().join("store");
    let mut lines = Vec::new();
    let seeds = opts
        .seeds
        .canonicalize()
        .map_err(|e| format!("{}: {e}", opts.seeds.display()))?;
    // The server runs in the temporary directory: a relative binary path would not resolve there.
    let bin = opts.bin.canonicalize().map_err(|e| {
        format!(
            "{}: {e} (build it: cargo build --release -p parkgraph-server --bin parkgraph)",
            opts.bin.display()
        )
    })?;

    // 1. First start: creates the store and ingests the seeds.
    let s = Serve::start(&bin, &store, &seeds, work.path())?;
    lines.push(
        Line::new("footprint")
            .kv("what", "startup_to_serving")
            .kv("store", "new+seeds")
            .ms("ms", s.startup)
            .print(),
    );
    lines.push(mem_line("rss_after_seeds", s.pid()).print());
    let stop = s.stop();
    lines.push(
        Line::new("footprint")
            .kv("what", "shutdown")
            .kv("store", "seeds")
            .ms("ms", stop)
            .print(),
    );
    lines.push(store_line("store_after_seeds", &store).print());

    // 2. Restart on the same store (seeds already stored: the usual start).
    let s = Serve::start(&bin, &store, &seeds, work.path())?;
    lines.push(
        Line::new("footprint")
            .kv("what", "startup_to_serving")
            .kv("store", "seeds(existing)")
            .ms("ms", s.startup)
            .print(),
    );
    lines.push(mem_line("rss_restart_seeds", s.pid()).print());

    // 3. Ingest the synthetic documents into the running server.
    let docs = Arc::new(opts.docs.clone());
    let bytes: u64 = docs.iter().map(|d| d.bytes.len() as u64).sum();
    let (created, took) = runtime()?.block_on(ingest(&s.addr, docs.clone(), opts.concurrency))?;
    lines.push(
        Line::new("footprint")
            .kv("what", "ingest_over_grpc")
            .kv("docs", docs.len())
            .kv("created", created)
            .f("MB", mb(bytes), 1)
            .kv("concurrency", opts.concurrency)
            .f("wall_s", took.as_secs_f64(), 2)
            .f("docs/s", per_sec(created as f64, took), 0)
            .print(),
    );
    lines.push(mem_line(&format!("rss_after_ingest_{}", docs.len()), s.pid()).print());
    let stop = s.stop();
    lines.push(
        Line::new("footprint")
            .kv("what", "shutdown")
            .kv("store", format!("seeds+{}", docs.len()))
            .ms("ms", stop)
            .print(),
    );
    lines.push(store_line(&format!("store_after_{}", docs.len()), &store).print());

    // 4. Restart with everything stored.
    let s = Serve::start(&bin, &store, &seeds, work.path())?;
    lines.push(
        Line::new("footprint")
            .kv("what", "startup_to_serving")
            .kv("store", format!("seeds+{}(existing)", docs.len()))
            .ms("ms", s.startup)
            .print(),
    );
    lines.push(mem_line(&format!("rss_restart_{}", docs.len()), s.pid()).print());
    s.stop();
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_own_memory() {
        let (rss, hwm) = memory(std::process::id()).unwrap();
        assert!(rss > 0 && hwm >= rss);
        assert!(free_port() > 0);
    }
}
