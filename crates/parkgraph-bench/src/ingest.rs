//! Ingestion: documents/s end to end through `Pipeline::ingest` into a `SledStore` in a temporary
//! directory (one atomic write per document, `flush` per batch), for several batch sizes, against
//! two references measured in the same run over exactly the same documents:
//!
//! - `store_only`: `Store::put_document` of records extracted beforehand (no extraction), which
//!   separates the cost of extraction from the cost of the store's write;
//! - `ceiling`: raw sled, one `apply_batch` per batch into the store's tree plus `flush`, of the
//!   same keys and bytes (document, raw bytes, parks, clusters, statistics, companies,
//!   per-document index, the statistics' index entries, and a mention for each park, cluster and
//!   company an earlier document already named, each under its `Space`).
//!
//! and `overlapped`: the same documents through `pipeline::store_in_order` (what `parkgraph
//! import` and `reindex` use), extracting each document while a second thread writes the one
//! before it.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use parkgraph_server::pipeline::{store_in_order, Pipeline, Resolver};
use parkgraph_store::{
    encode_mention, mention_key, Collection, DocumentWrite, SledStore, Space, Store, RECORDS_TREE,
};
use prost::Message;

use crate::corpus::Doc;
use crate::report::Line;
use crate::timing::{per_sec, process_cpu, Stopwatch};

/// A document with its extracted records and the key/values the ceiling writes.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The source document.
    pub doc: Doc,
    /// What `Pipeline::ingest` would write.
    pub write: DocumentWrite,
    /// `(space, key, value)` of the ceiling.
    pub kv: Vec<TreeKv>,
}

/// Extracts every document (those the plugins reject are left out). Returns the prepared
/// documents and the wall time the extraction took.
pub fn prepare(docs: &[Doc]) -> (Vec<Prepared>, Duration) {
    let pipeline = Pipeline::default();
    let sw = Stopwatch::start();
    let mut out = Vec::with_capacity(docs.len());
    let mut seen = Seen::default();
    for d in docs {
        let Ok(records) = pipeline.extract(&d.bytes, None, &d.name) else {
            continue;
        };
        let mut document = records.document;
        document.ingest_time = Some(prost_types::Timestamp::from(std::time::SystemTime::now()));
        let write = DocumentWrite {
            document,
            raw: d.bytes.clone(),
            parks: records.parks,
            clusters: records.clusters,
            statistics: records.statistics,
            companies: records.companies,
        };
        let kv = key_values(&write, &mut seen);
        out.push(Prepared {
            doc: d.clone(),
            write,
            kv,
        });
    }
    (out, sw.wall())
}

/// The records earlier writes named, so a later write of one also writes a mention, as the store
/// does (the store numbers mentions with sled's id generator; here a counter).
#[derive(Debug, Default)]
pub struct Seen {
    records: HashSet<(Collection, String)>,
    next_sequence: u64,
}

impl Seen {
    /// The mention a write of record `id` adds: none the first time the record is named.
    fn mention(
        &mut self,
        c: Collection,
        id: &str,
        sources: &[String],
        evidence: &[parkgraph_proto::v1::Evidence],
        claims: &[parkgraph_proto::v1::FieldClaim],
    ) -> Option<(Space, Vec<u8>, Vec<u8>)> {
        if self.records.insert((c, id.to_string())) {
            return None;
        }
        self.next_sequence += 1;
        let key = mention_key(c, id, self.next_sequence);
        Some((
            Space::Mentions,
            key,
            encode_mention(sources, evidence, claims),
        ))
    }
}

/// The ceiling's key/values for one write, following the writes `seen` before it.
pub fn key_values(w: &DocumentWrite, seen: &mut Seen) -> Vec<TreeKv> {
    let mut kv: Vec<(Space, Vec<u8>, Vec<u8>)> = Vec::new();
    let id = w.document.id.as_bytes().to_vec();
    kv.push((Space::Documents, id.clone(), w.document.encode_to_vec()));
    kv.push((Space::Raw, id.clone(), w.raw.clone()));
    kv.extend(
        w.parks
            .iter()
            .map(|p| (Space::Parks, p.id.as_bytes().to_vec(), p.encode_to_vec())),
    );
    kv.extend(
        w.clusters
            .iter()
            .map(|c| (Space::Clusters, c.id.as_bytes().to_vec(), c.encode_to_vec())),
    );
    kv.extend(w.statistics.iter().map(|s| {
        (
            Space::Statistics,
            s.id.as_bytes().to_vec(),
            s.encode_to_vec(),
        )
    }));
    // The statistics' index entries (document, subject, metric), as the store keys them.
    kv.extend(w.statistics.iter().flat_map(|s| {
        parkgraph_store::index_keys(s)
            .into_iter()
            .map(|k| (Space::StatIndex, k.into_bytes(), Vec::new()))
    }));
    kv.extend(w.companies.iter().map(|c| {
        (
            Space::Companies,
            c.name.as_bytes().to_vec(),
            c.encode_to_vec(),
        )
    }));
    // The per-document index: the ids of its records (the store encodes them as a message).
    let ids: Vec<&str> = w
        .parks
        .iter()
        .map(|p| p.id.as_str())
        .chain(w.clusters.iter().map(|c| c.id.as_str()))
        .chain(w.statistics.iter().map(|s| s.id.as_str()))
        .chain(w.companies.iter().map(|c| c.name.as_str()))
        .collect();
    kv.push((Space::DocIndex, id, ids.join("\n").into_bytes()));
    // The mentions of records an earlier document named.
    kv.extend(w.parks.iter().filter_map(|p| {
        seen.mention(Collection::Parks, &p.id, &p.sources, &p.evidence, &p.claims)
    }));
    kv.extend(
        w.clusters.iter().filter_map(|c| {
            seen.mention(Collection::Clusters, &c.id, &c.sources, &c.evidence, &[])
        }),
    );
    kv.extend(
        w.companies
            .iter()
            .filter_map(|c| seen.mention(Collection::Companies, &c.name, &c.sources, &[], &[])),
    );
    // Keyed as the store keys them in its one tree.
    kv.into_iter()
        .map(|(space, k, v)| (space.key(k), v))
        .collect()
}

/// What is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `Pipeline::ingest` (sha256, duplicate check, extraction, atomic write).
    Pipeline,
    /// `Store::put_document` of prepared records.
    StoreOnly,
    /// Raw sled `apply_batch` per batch + `flush`.
    Ceiling,
    /// `Pipeline::prepare` on this thread, `put_document` on a second (`store_in_order`).
    Overlapped,
}

impl Mode {
    /// Name in result lines.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Pipeline => "pipeline",
            Mode::StoreOnly => "store_only",
            Mode::Ceiling => "ceiling",
            Mode::Overlapped => "overlapped",
        }
    }
}

/// Result of one run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Mode.
    pub mode: Mode,
    /// Documents per flush.
    pub batch: usize,
    /// Documents written.
    pub docs: usize,
    /// Wall time, flushes included.
    pub wall: Duration,
    /// CPU time of the whole process (sled flushes on its own threads).
    pub cpu: Duration,
}

impl Outcome {
    /// Documents per second.
    pub fn docs_per_s(&self) -> f64 {
        per_sec(self.docs as f64, self.wall)
    }
    /// The result line.
    pub fn line(&self) -> Line {
        Line::new("ingest")
            .kv("batch", self.batch)
            .kv("mode", self.mode.as_str())
            .kv("docs", self.docs)
            .f("wall_s", self.wall.as_secs_f64(), 3)
            .f("cpu_s", self.cpu.as_secs_f64(), 3)
            .f("docs/s", self.docs_per_s(), 0)
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Writes `prepared` in batches of `batch` into a fresh store under `dir`, stopping at a batch
/// boundary once `max_duration` has passed (the batch in progress is finished and flushed).
pub fn run(
    mode: Mode,
    prepared: &[Prepared],
    batch: usize,
    max_duration: Duration,
    dir: &Path,
) -> Outcome {
    let batch = batch.max(1);
    let rt = runtime();
    let cpu0 = process_cpu();
    let (docs, wall) = match mode {
        Mode::Ceiling => raw_sled(dir, prepared, |p| &p.kv, batch, &rt, max_duration),
        Mode::Pipeline | Mode::StoreOnly | Mode::Overlapped => {
            let store = SledStore::open(dir).expect("open the store");
            let pipeline = Pipeline::default();
            let sw = Stopwatch::start();
            let mut n = 0;
            for chunk in prepared.chunks(batch) {
                match mode {
                    Mode::Pipeline => {
                        for p in chunk {
                            let outcome = pipeline
                                .ingest(&store, &p.doc.bytes, None, &p.doc.name)
                                .expect("ingest");
                            assert!(outcome.created, "{} was already stored", p.doc.name);
                        }
                    }
                    Mode::Overlapped => {
                        let writes = chunk
                            .iter()
                            .map(|p| pipeline.prepare(&store, &p.doc.bytes, None, &p.doc.name));
                        let done = store_in_order(&store, writes).expect("ingest");
                        assert_eq!(done.created, chunk.len(), "documents were already stored");
                    }
                    _ => {
                        for p in chunk {
                            store
                                .put_document(&p.write, &Resolver)
                                .expect("put_document");
                        }
                    }
                }
                rt.block_on(store.flush()).expect("flush");
                n += chunk.len();
                if sw.wall() >= max_duration {
                    break;
                }
            }
            (n, sw.wall())
        }
    };
    Outcome {
        mode,
        batch,
        docs,
        wall,
        cpu: process_cpu().saturating_sub(cpu0),
    }
}

/// One key/value of the raw sled reference: the key as the store's tree holds it, and the value.
pub type TreeKv = (Vec<u8>, Vec<u8>);

/// Writes each document's key/values with raw sled into a tree named like the store's: per batch
/// of documents one `apply_batch`, then a flush; stops at a batch boundary once `max_duration` has passed. Returns the
/// documents written and the wall time.
pub fn raw_sled<T>(
    dir: &Path,
    docs: &[T],
    kv: impl Fn(&T) -> &[TreeKv],
    batch: usize,
    rt: &tokio::runtime::Runtime,
    max_duration: Duration,
) -> (usize, Duration) {
    let db = sled::open(dir).expect("open sled");
    let tree = db.open_tree(RECORDS_TREE).expect("tree");
    let sw = Stopwatch::start();
    let mut n = 0;
    for chunk in docs.chunks(batch.max(1)) {
        let mut batch = sled::Batch::default();
        for d in chunk {
            for (k, v) in kv(d) {
                batch.insert(k.as_slice(), v.as_slice());
            }
        }
        tree.apply_batch(batch).expect("apply_batch");
        rt.block_on(db.flush_async()).expect("flush");
        n += chunk.len();
        if sw.wall() >= max_duration {
            break;
        }
    }
    (n, sw.wall())
}

/// Runs the four modes for one batch size: the pipeline for up to `max_duration`, then the
/// references and the overlapped pipeline over exactly the documents the pipeline wrote. Each
/// run gets a fresh store in a temporary directory under `tmp` (or the system's). Returns
/// `[pipeline, store_only, ceiling, overlapped]`.
pub fn compare(
    prepared: &[Prepared],
    batch: usize,
    max_duration: Duration,
    tmp: Option<&Path>,
) -> [Outcome; 4] {
    let fresh = || {
        match tmp {
            Some(t) => tempfile::tempdir_in(t),
            None => tempfile::tempdir(),
        }
        .expect("temporary directory")
    };
    let d = fresh();
    let pipeline = run(Mode::Pipeline, prepared, batch, max_duration, d.path());
    drop(d);
    let same = &prepared[..pipeline.docs];
    let d = fresh();
    let store_only = run(Mode::StoreOnly, same, batch, Duration::MAX, d.path());
    drop(d);
    let d = fresh();
    let ceiling = run(Mode::Ceiling, same, batch, Duration::MAX, d.path());
    drop(d);
    let d = fresh();
    let overlapped = run(Mode::Overlapped, same, batch, Duration::MAX, d.path());
    drop(d);
    [pipeline, store_only, ceiling, overlapped]
}

/// The ratio line of a [`compare`] result.
pub fn ratio_line(r: &[Outcome; 4]) -> Line {
    let [pipeline, store_only, ceiling, overlapped] = r;
    let c = ceiling.docs_per_s().max(1e-9);
    Line::new("ingest")
        .kv("batch", pipeline.batch)
        .kv("mode", "ratio")
        .f("pipeline/ceiling", pipeline.docs_per_s() / c, 3)
        .f("store_only/ceiling", store_only.docs_per_s() / c, 3)
        .f("overlapped/ceiling", overlapped.docs_per_s() / c, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_the_four_modes_on_a_few_documents() {
        let seeds = crate::corpus::seeds().unwrap();
        let docs = crate::synth::documents(&seeds, 6);
        let (prepared, _) = prepare(&docs);
        assert_eq!(prepared.len(), 6);
        for batch in [1, 4] {
            let r = compare(&prepared, batch, Duration::MAX, None);
            for o in &r {
                assert_eq!(o.docs, 6, "{:?}", o.mode);
            }
            assert!(ratio_line(&r).text().contains("pipeline/ceiling="));
        }
    }
}
