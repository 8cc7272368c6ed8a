//! The `parkgraph` command: `serve`, `extract`, `healthcheck`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use parkgraph_server::config::Settings;
use parkgraph_server::pipeline::Pipeline;
use parkgraph_server::{extract, server, telemetry};
use parkgraph_store::{SledStore, Store};

#[derive(Parser)]
#[command(
    name = "parkgraph",
    version,
    about = "Typed, sourced records about industrial parks, served over gRPC"
)]
struct Cli {
    /// Settings file layered over config/default.toml (environment PARKGRAPH__* wins over both).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Open the store, load seeds/, and serve the gRPC API.
    Serve,
    /// Extract records from files offline and print one JSON object per file (JSON Lines).
    Extract {
        /// Source format to use instead of sniffing (`chinadaily`, `eastmoney`).
        #[arg(long)]
        format: Option<String>,
        /// Files to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write every stored document (raw bytes, base64) as JSON Lines to FILE, or stdout with `-`.
    Export {
        /// Output file, `-` for stdout.
        file: PathBuf,
    },
    /// Ingest an export made by `parkgraph export` (idempotent), from FILE or stdin with `-`.
    Import {
        /// Input file, `-` for stdin.
        file: PathBuf,
    },
    /// Re-extract every stored document with this version's normaliser (server stopped).
    Reindex,
    /// Call grpc.health.v1.Health/Check on the configured (or given) address; exit 0 when SERVING.
    Healthcheck {
        /// Address to check, e.g. 127.0.0.1:50051 (default: server.addr).
        #[arg(long)]
        addr: Option<String>,
        /// Check over TLS, trusting the CA certificates in this PEM file to have issued the
        /// server's certificate.
        #[arg(long, value_name = "PEM")]
        tls_ca: Option<PathBuf>,
        /// The name on the server's certificate (default: the address's host).
        #[arg(long, requires = "tls_ca")]
        tls_domain: Option<String>,
        /// Client certificate (PEM) for a server that requires one (mutual TLS).
        #[arg(long, value_name = "PEM", requires = "tls_ca")]
        tls_cert: Option<PathBuf>,
        /// The key of `--tls-cert` (PEM).
        #[arg(long, value_name = "PEM", requires = "tls_ca")]
        tls_key: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("parkgraph: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Extract { format, files } => run_extract(
            &Pipeline::new(settings.server.max_document_bytes),
            format.as_deref(),
            &files,
        ),
        Command::Serve => {
            telemetry::init(&settings.log);
            runtime().block_on(serve(settings))
        }
        Command::Export { file } => runtime().block_on(run_export(&settings, &file)),
        Command::Import { file } => runtime().block_on(run_import(&settings, &file)),
        Command::Reindex => runtime().block_on(async {
            match parkgraph_server::admin::reindex(
                &settings.store.path,
                &Pipeline::new(settings.server.max_document_bytes),
            )
            .await
            {
                Ok((n, backup)) => {
                    eprintln!(
                        "reindexed {n} documents; the previous store is at {}",
                        backup.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }),
        Command::Healthcheck {
            addr,
            tls_ca,
            tls_domain,
            tls_cert,
            tls_key,
        } => {
            let addr = addr.unwrap_or_else(|| settings.server.addr.clone());
            let tls = match tls_ca {
                Some(ca) => match parkgraph_server::probe::ProbeTls::from_files(
                    &ca,
                    tls_domain,
                    tls_cert.as_deref(),
                    tls_key.as_deref(),
                ) {
                    Ok(tls) => Some(tls),
                    Err(e) => {
                        eprintln!("parkgraph healthcheck: {e}");
                        return ExitCode::from(2);
                    }
                },
                None => None,
            };
            runtime().block_on(healthcheck(addr, tls))
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

async fn serve(settings: Settings) -> ExitCode {
    let running = match server::start(&settings).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "startup failed");
            return fail(e);
        }
    };
    server::shutdown_signal().await;
    tracing::info!("shutting down");
    match running.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parkgraph: {e}");
            ExitCode::FAILURE
        }
    }
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("parkgraph: {e}");
    ExitCode::FAILURE
}

fn open_store(settings: &Settings) -> Result<SledStore, parkgraph_server::Error> {
    Ok(SledStore::open_with_cache(
        &settings.store.path,
        settings.store.cache_mb,
    )?)
}

async fn run_export(settings: &Settings, file: &std::path::Path) -> ExitCode {
    let store = match open_store(settings) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut out: Box<dyn Write> = if file.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        match std::fs::File::create(file) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return fail(format!("cannot create {}: {e}", file.display())),
        }
    };
    match parkgraph_server::admin::export(&store, &mut out).and_then(|n| {
        out.flush()
            .map_err(|e| parkgraph_server::Error::Internal(e.to_string()))?;
        Ok(n)
    }) {
        Ok(n) => {
            eprintln!("exported {n} documents");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

async fn run_import(settings: &Settings, file: &std::path::Path) -> ExitCode {
    let store = match open_store(settings) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut input: Box<dyn std::io::BufRead> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(file) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => return fail(format!("cannot open {}: {e}", file.display())),
        }
    };
    let result = parkgraph_server::admin::import(
        &store,
        &Pipeline::new(settings.server.max_document_bytes),
        &mut input,
    );
    if let Err(e) = store.flush().await {
        return fail(e);
    }
    match result {
        Ok((lines, created)) => {
            eprintln!("imported {lines} documents ({created} new)");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn run_extract(pipeline: &Pipeline, format: Option<&str>, files: &[PathBuf]) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for path in files {
        let source = path.display().to_string();
        let result = std::fs::read(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| {
                pipeline
                    .extract(&bytes, format, &source)
                    .map_err(|e| e.to_string())
            })
            .and_then(|records| {
                extract::records_to_json(&source, &records).map_err(|e| e.to_string())
            });
        match result {
            Ok(line) => {
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("parkgraph extract: {source}: {e}");
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn healthcheck(addr: String, tls: Option<parkgraph_server::probe::ProbeTls>) -> ExitCode {
    use parkgraph_server::probe::{check, ServingStatus};
    let result = check(&addr, tls).await;
    match result {
        Ok(ServingStatus::Serving) => {
            println!("SERVING");
            ExitCode::SUCCESS
        }
        Ok(other) => {
            eprintln!("parkgraph healthcheck: {addr}: {}", other.as_str_name());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("parkgraph healthcheck: {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}
