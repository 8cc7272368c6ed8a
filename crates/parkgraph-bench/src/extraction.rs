//! Extraction throughput: `registry().parse(bytes, None)` then `normalize(&parsed, id, len, uri)`
//! on one thread, over a corpus, repeated until a minimum duration has passed. Reported per wall
//! second and per CPU second of the measuring thread (the latter is what "per core" means when
//! other processes share the machine).

use std::hint::black_box;
use std::time::Duration;

use parkgraph_ingest::{registry, Registry};
use parkgraph_normalize::normalize;
use parkgraph_server::pipeline::{document_id, Pipeline};

use crate::corpus::{total_bytes, Doc};
use crate::report::{mb, Line};
use crate::timing::{per_sec, Stopwatch};

/// What is timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `Registry::parse` only (decode, sniff, plugin).
    Parse,
    /// Parse, then `normalize` (the document id is computed beforehand, outside the timing).
    ParseNormalise,
    /// `Pipeline::extract`: what the API does, including the sha256 document id.
    Extract,
}

impl Stage {
    /// Name in result lines.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::ParseNormalise => "parse+normalise",
            Stage::Extract => "pipeline.extract",
        }
    }
}

/// Result of one measurement.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Corpus name.
    pub corpus: String,
    /// Stage timed.
    pub stage: Stage,
    /// Documents in the corpus.
    pub corpus_docs: usize,
    /// Bytes in the corpus.
    pub corpus_bytes: u64,
    /// Documents processed (the corpus, possibly several times).
    pub docs: u64,
    /// Bytes processed.
    pub bytes: u64,
    /// Documents the plugins rejected (counted in `docs` and `bytes`: they were read).
    pub failed: u64,
    /// Statistics extracted over the first pass (0 for `Parse`).
    pub statistics_first_pass: u64,
    /// Parks extracted over the first pass (0 for `Parse`).
    pub parks_first_pass: u64,
    /// Wall time.
    pub wall: Duration,
    /// CPU time of the measuring thread.
    pub cpu: Duration,
}

impl Outcome {
    /// MB (10^6 bytes) per wall second.
    pub fn mb_per_s(&self) -> f64 {
        per_sec(mb(self.bytes), self.wall)
    }
    /// MB per CPU second of the measuring thread.
    pub fn mb_per_cpu_s(&self) -> f64 {
        per_sec(mb(self.bytes), self.cpu)
    }
    /// Documents per wall second.
    pub fn docs_per_s(&self) -> f64 {
        per_sec(self.docs as f64, self.wall)
    }
    /// The result line.
    pub fn line(&self) -> Line {
        let passes = self.docs as f64 / self.corpus_docs.max(1) as f64;
        let first_pass = (self.docs as usize).clamp(1, self.corpus_docs.max(1));
        Line::new("extraction")
            .kv("corpus", &self.corpus)
            .kv("stage", self.stage.as_str())
            .kv("corpus_docs", self.corpus_docs)
            .f("corpus_MB", mb(self.corpus_bytes), 3)
            .f("passes", passes, 2)
            .f("wall_s", self.wall.as_secs_f64(), 2)
            .f("MB/s", self.mb_per_s(), 2)
            .f("cpu_MB/s", self.mb_per_cpu_s(), 2)
            .f("docs/s", self.docs_per_s(), 0)
            .f("us/doc", 1e6 / self.docs_per_s().max(1e-9), 1)
            .kv(
                "failed/pass",
                (self.failed as f64 / passes.max(1e-9)).round(),
            )
            .f(
                "stats/doc",
                self.statistics_first_pass as f64 / first_pass as f64,
                2,
            )
            .f(
                "parks/doc",
                self.parks_first_pass as f64 / first_pass as f64,
                2,
            )
    }
}

/// How long to measure.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Keep going until at least this much wall time has passed.
    pub min_duration: Duration,
    /// Always finish one full pass over the corpus, even past `min_duration`.
    pub full_pass: bool,
}

/// Measures `stage` over `docs`.
pub fn measure(corpus: &str, docs: &[Doc], stage: Stage, opts: Options) -> Outcome {
    let reg: Registry = registry();
    let pipeline = Pipeline::default();
    let ids: Vec<String> = if stage == Stage::ParseNormalise {
        docs.iter().map(|d| document_id(&d.bytes)).collect()
    } else {
        Vec::new()
    };
    // Warm-up: lazily built tables (gazetteer, regexes) and caches, outside the timing.
    for d in docs.iter().take(20) {
        let _ = black_box(pipeline.extract(&d.bytes, None, &d.name));
    }
    let mut out = Outcome {
        corpus: corpus.to_string(),
        stage,
        corpus_docs: docs.len(),
        corpus_bytes: total_bytes(docs),
        docs: 0,
        bytes: 0,
        failed: 0,
        statistics_first_pass: 0,
        parks_first_pass: 0,
        wall: Duration::ZERO,
        cpu: Duration::ZERO,
    };
    if docs.is_empty() {
        return out;
    }
    let sw = Stopwatch::start();
    let mut i = 0usize;
    loop {
        let d = &docs[i % docs.len()];
        let first_pass = i < docs.len();
        let (ok, stats, parks) = match stage {
            Stage::Parse => match reg.parse(black_box(&d.bytes), None) {
                Ok(p) => {
                    black_box(&p);
                    (true, 0, 0)
                }
                Err(_) => (false, 0, 0),
            },
            Stage::ParseNormalise => match reg.parse(black_box(&d.bytes), None) {
                Ok(p) => {
                    let r = normalize(&p, &ids[i % docs.len()], d.bytes.len(), &d.name);
                    let counts = (r.statistics.len(), r.parks.len());
                    black_box(r);
                    (true, counts.0, counts.1)
                }
                Err(_) => (false, 0, 0),
            },
            Stage::Extract => match pipeline.extract(black_box(&d.bytes), None, &d.name) {
                Ok(r) => {
                    let counts = (r.statistics.len(), r.parks.len());
                    black_box(r);
                    (true, counts.0, counts.1)
                }
                Err(_) => (false, 0, 0),
            },
        };
        out.docs += 1;
        out.bytes += d.bytes.len() as u64;
        out.failed += u64::from(!ok);
        if first_pass {
            out.statistics_first_pass += stats as u64;
            out.parks_first_pass += parks as u64;
        }
        i += 1;
        // Reading the clock costs tens of nanoseconds; a document costs tens of microseconds.
        if (!opts.full_pass || i >= docs.len()) && sw.wall() >= opts.min_duration {
            break;
        }
    }
    out.wall = sw.wall();
    out.cpu = sw.cpu();
    out
}

/// A digest of everything `normalize` extracts from `docs` (parks, clusters, statistics,
/// companies; the document record carries the clock and is left out), so a change made for speed
/// can show that it left the output as it was. Untimed.
pub fn output_digest(docs: &[Doc]) -> String {
    use prost::Message;
    use sha2::{Digest, Sha256};
    let reg = registry();
    let mut h = Sha256::new();
    for d in docs {
        let Ok(p) = reg.parse(&d.bytes, None) else {
            h.update(b"rejected");
            continue;
        };
        let r = normalize(&p, &document_id(&d.bytes), d.bytes.len(), &d.name);
        let records = r.parks.iter().map(Message::encode_to_vec);
        let records = records.chain(r.clusters.iter().map(Message::encode_to_vec));
        let records = records.chain(r.statistics.iter().map(Message::encode_to_vec));
        let records = records.chain(r.companies.iter().map(Message::encode_to_vec));
        for bytes in records {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    }
    hex::encode(&h.finalize()[..8])
}

/// Time of the very first extraction in this process (lazy tables built on first use), and of
/// a second one of the same document. Call before anything else has extracted.
pub fn cold_start(doc: &Doc) -> (Duration, Duration) {
    let sw = Stopwatch::start();
    let pipeline = Pipeline::default();
    let _ = black_box(pipeline.extract(&doc.bytes, None, &doc.name));
    let cold = sw.wall();
    let sw = Stopwatch::start();
    let _ = black_box(pipeline.extract(&doc.bytes, None, &doc.name));
    (cold, sw.wall())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_each_stage_once_on_the_seeds() {
        let seeds = crate::corpus::seeds().unwrap();
        let docs = &seeds[..2];
        for stage in [Stage::Parse, Stage::ParseNormalise, Stage::Extract] {
            let o = measure(
                "seeds",
                docs,
                stage,
                Options {
                    min_duration: Duration::ZERO,
                    full_pass: true,
                },
            );
            assert!(o.docs >= 2, "{stage:?}");
            assert_eq!(o.failed, 0);
            assert!(o.line().text().contains("MB/s="));
        }
    }

    #[test]
    fn the_output_digest_follows_the_output() {
        let seeds = crate::corpus::seeds().unwrap();
        let d = output_digest(&seeds[..2]);
        assert_eq!(d.len(), 16);
        assert_eq!(d, output_digest(&seeds[..2]), "deterministic");
        assert_ne!(d, output_digest(&seeds[..1]));
    }
}
