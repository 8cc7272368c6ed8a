//! `pgbench`: the extraction, ingestion, scaling and footprint benchmarks (the serving benchmark
//! is `loadgen`). Prints plain `key=value` result lines; `scripts/bench.sh` runs everything.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use parkgraph_bench::corpus::{self, total_bytes, Doc};
use parkgraph_bench::extraction::{self, Stage};
use parkgraph_bench::report::{machine, mb, Line};
use parkgraph_bench::timing::Stopwatch;
use parkgraph_bench::{footprint, ingest, scaling, synth};

#[derive(Parser)]
#[command(
    name = "pgbench",
    about = "parkgraph benchmarks (see docs/BENCHMARKS.md)"
)]
struct Cli {
    /// Short runs that prove the benchmarks work (a few seconds each); numbers are not judged.
    #[arg(long, global = true)]
    quick: bool,
    /// Directory for temporary stores (default: the system's temporary directory).
    #[arg(long, global = true)]
    tmp: Option<PathBuf>,
    /// Synthetic documents to generate from the seeds (default 10000; 1000 with --quick).
    #[arg(long, global = true)]
    synthetic: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse + normalise throughput over the seeds, the Eastmoney corpus and the synthetic corpus.
    Extraction {
        /// Minimum seconds per measurement (default 5; 0.3 with --quick).
        #[arg(long)]
        duration: Option<f64>,
        /// The Eastmoney corpus (default ../shared/corpus/eastmoney from the workspace root).
        #[arg(long)]
        eastmoney: Option<PathBuf>,
        /// Only these corpora (seeds, eastmoney, synthetic); default all.
        #[arg(long, value_delimiter = ',')]
        corpus: Vec<String>,
        /// Only these stages (parse, parse+normalise, pipeline.extract); default all.
        #[arg(long, value_delimiter = ',')]
        stage: Vec<String>,
    },
    /// Pipeline::ingest into a SledStore vs. a raw sled apply_batch + flush ceiling.
    Ingest {
        /// Longest pipeline run per batch size, seconds (default 20; 1 with --quick).
        #[arg(long)]
        duration: Option<f64>,
        /// Batch sizes (documents per flush).
        #[arg(long, value_delimiter = ',', default_values_t = vec![1usize, 16, 256])]
        batches: Vec<usize>,
    },
    /// Ingestion time, store size and List latency at 1k, 10k and 100k statistics.
    Scaling {
        /// Numbers of statistics (default 1000,10000,100000; 1000,10000 with --quick).
        #[arg(long, value_delimiter = ',')]
        sizes: Vec<usize>,
        /// Seconds per latency measurement (default 3; 0.5 with --quick).
        #[arg(long)]
        duration: Option<f64>,
    },
    /// RSS, store size and time to SERVING of `parkgraph serve`, with the seeds and after
    /// ingesting the synthetic corpus over IngestDocument.
    Footprint {
        /// The parkgraph binary (default: next to this one).
        #[arg(long)]
        parkgraph: Option<PathBuf>,
        /// IngestDocument requests in flight.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
    },
    /// Writes the synthetic corpus as a `parkgraph export` file (for `parkgraph import`).
    GenExport {
        /// Output file.
        file: PathBuf,
    },
}

fn secs(v: Option<f64>, full: f64, quick: f64, is_quick: bool) -> Duration {
    Duration::from_secs_f64(v.unwrap_or(if is_quick { quick } else { full }))
}

fn synthetic(cli: &Cli, seeds: &[Doc]) -> Vec<Doc> {
    let n = cli
        .synthetic
        .unwrap_or(if cli.quick { 1000 } else { 10_000 });
    let sw = Stopwatch::start();
    let docs = synth::documents(seeds, n);
    Line::new("synthetic")
        .kv("docs", docs.len())
        .f("MB", mb(total_bytes(&docs)), 2)
        .f(
            "avg_bytes",
            total_bytes(&docs) as f64 / docs.len().max(1) as f64,
            0,
        )
        .ms("generated_ms", sw.wall())
        .print();
    docs
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    machine().print();
    let seeds = match corpus::seeds() {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => {
            return fail(format!(
                "{}: no seed documents",
                corpus::seeds_dir().display()
            ))
        }
        Err(e) => return fail(format!("{}: {e}", corpus::seeds_dir().display())),
    };
    let quick = cli.quick;
    let tmp = cli.tmp.clone();
    match &cli.command {
        Command::Extraction {
            duration,
            eastmoney,
            corpus: only_corpus,
            stage: only_stage,
        } => {
            let want_corpus =
                |c: &str| only_corpus.is_empty() || only_corpus.iter().any(|x| x == c);
            let want_stage =
                |s: Stage| only_stage.is_empty() || only_stage.iter().any(|x| x == s.as_str());
            // First, before anything else extracts: the cost of lazily built tables.
            let (cold, warm) = extraction::cold_start(&seeds[0]);
            Line::new("extraction")
                .kv("what", "first_document")
                .ms("cold_ms", cold)
                .ms("warm_ms", warm)
                .print();
            let min = secs(*duration, 5.0, 0.3, quick);
            let opts = extraction::Options {
                min_duration: min,
                full_pass: !quick,
            };
            let mut corpora: Vec<(String, Vec<Doc>)> = Vec::new();
            if want_corpus("seeds") {
                corpora.push(("seeds".into(), seeds.clone()));
            }
            let em_dir = eastmoney.clone().unwrap_or_else(corpus::eastmoney_dir);
            match corpus::optional(&em_dir) {
                _ if !want_corpus("eastmoney") => {}
                Ok(Some(docs)) => corpora.push(("eastmoney".into(), docs)),
                Ok(None) => {
                    let why = format!("{} is absent", em_dir.display());
                    Line::new("extraction")
                        .kv("corpus", "eastmoney")
                        .kv("skipped", format!("{why:?}"))
                        .print();
                }
                Err(e) => return fail(format!("{}: {e}", em_dir.display())),
            }
            if want_corpus("synthetic") {
                corpora.push(("synthetic".into(), synthetic(&cli, &seeds)));
            }
            let mut synthetic_main = None;
            for (name, docs) in &corpora {
                for stage in [Stage::Parse, Stage::ParseNormalise, Stage::Extract]
                    .into_iter()
                    .filter(|s| want_stage(*s))
                {
                    // Same digest before and after a speed change = same records extracted.
                    // Its untimed pass also warms what is built lazily per input (the regexes'
                    // DFA caches), so the timed pass sees the steady state of a running server.
                    let digest =
                        (stage == Stage::ParseNormalise).then(|| extraction::output_digest(docs));
                    let o = extraction::measure(name, docs, stage, opts);
                    let line = o.line();
                    let line = match digest {
                        Some(d) => line.kv("output_digest", d),
                        None => line,
                    };
                    line.print();
                    if name == "synthetic" && stage == Stage::ParseNormalise {
                        synthetic_main = Some(o);
                    }
                }
            }
            if let Some(o) = synthetic_main {
                let verdict = if o.mb_per_cpu_s() >= 20.0 {
                    "MET"
                } else {
                    "NOT_MET"
                };
                Line::new("extraction")
                    .kv(
                        "target",
                        "\"synthetic parse+normalise >= 20 MB/s per core\"",
                    )
                    .f("MB/s", o.mb_per_s(), 2)
                    .f("cpu_MB/s", o.mb_per_cpu_s(), 2)
                    .kv("verdict", verdict)
                    .print();
            }
        }
        Command::Ingest { duration, batches } => {
            let docs = synthetic(&cli, &seeds);
            let (prepared, took) = ingest::prepare(&docs);
            Line::new("ingest")
                .kv("what", "prepare")
                .kv("docs", prepared.len())
                .kv("rejected", docs.len() - prepared.len())
                .f(
                    "extract_docs/s",
                    prepared.len() as f64 / took.as_secs_f64().max(1e-9),
                    0,
                )
                .f(
                    "stats/doc",
                    prepared
                        .iter()
                        .map(|p| p.write.statistics.len())
                        .sum::<usize>() as f64
                        / prepared.len().max(1) as f64,
                    2,
                )
                .print();
            let max = secs(*duration, 20.0, 1.0, quick);
            for &batch in batches {
                let r = ingest::compare(&prepared, batch, max, tmp.as_deref());
                for o in &r {
                    o.line().print();
                }
                let ratio = ingest::ratio_line(&r);
                ratio.print();
                if batch == 256 {
                    let v = r[0].docs_per_s() / r[2].docs_per_s().max(1e-9);
                    Line::new("ingest")
                        .kv("target", "\"pipeline/ceiling >= 0.5 at batch 256\"")
                        .f("ratio", v, 3)
                        .kv("verdict", if v >= 0.5 { "MET" } else { "NOT_MET" })
                        .print();
                }
            }
        }
        Command::Scaling { sizes, duration } => {
            let sizes = if sizes.is_empty() {
                if quick {
                    vec![1000, 10_000]
                } else {
                    vec![1000, 10_000, 100_000]
                }
            } else {
                sizes.clone()
            };
            let n = sizes
                .iter()
                .max()
                .copied()
                .unwrap_or(0)
                .div_ceil(10)
                .clamp(1, 10_000);
            let texts = synth::documents(&seeds, n);
            let opts = scaling::Options {
                sizes,
                stats_per_doc: 10,
                parks: 100,
                batch: 256,
                list_duration: secs(*duration, 3.0, 0.5, quick),
                tmp,
            };
            scaling::run(&texts, &opts);
        }
        Command::Footprint {
            parkgraph,
            concurrency,
        } => {
            let docs = synthetic(&cli, &seeds);
            let docs = if quick {
                docs.into_iter().take(200).collect()
            } else {
                docs
            };
            let opts = footprint::Options {
                bin: parkgraph.clone().unwrap_or_else(footprint::default_binary),
                seeds: corpus::seeds_dir(),
                docs,
                concurrency: *concurrency,
                tmp,
            };
            if let Err(e) = footprint::run(&opts) {
                return fail(e);
            }
        }
        Command::GenExport { file } => {
            let docs = synthetic(&cli, &seeds);
            if let Err(e) = write_export(file, &docs) {
                return fail(format!("{}: {e}", file.display()));
            }
        }
    }
    ExitCode::SUCCESS
}

fn write_export(file: &std::path::Path, docs: &[Doc]) -> std::io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    for d in docs {
        let line = parkgraph_server::admin::ExportLine {
            id: parkgraph_server::pipeline::document_id(&d.bytes),
            uri: d.name.clone(),
            source_format: String::new(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(&d.bytes),
        };
        writeln!(
            out,
            "{}",
            serde_json::to_string(&line).map_err(std::io::Error::other)?
        )?;
    }
    out.flush()
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("pgbench: {msg}");
    ExitCode::FAILURE
}
