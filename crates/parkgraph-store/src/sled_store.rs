use std::any::Any;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use parkgraph_proto::v1::{
    Company, Document, Evidence, FieldClaim, IndustryCluster, Park, Statistic,
};
use prost::Message;

use crate::{
    decode, get_message, index_keys, mention_key, mention_prefix, BoxFuture, Collection,
    DocumentWrite, Error, Ids, Index, Mention, Merger, PutOutcome, Result, Scan, SharedScan, Store,
    StoredDocument, WIDE_PERIOD,
};

/// Which records a document contributed, so a re-ingest can answer without re-extracting.
#[derive(Clone, PartialEq, prost::Message)]
struct DocIndex {
    #[prost(string, repeated, tag = "1")]
    parks: Vec<String>,
    #[prost(string, repeated, tag = "2")]
    clusters: Vec<String>,
    #[prost(string, repeated, tag = "3")]
    statistics: Vec<String>,
    #[prost(string, repeated, tag = "4")]
    companies: Vec<String>,
}

/// A record whose `sources` (and `evidence`, when it has any) list the documents that name it.
trait Mentioned: Message + Default + Clone {
    const COLLECTION: Collection;
    fn sources_and_evidence(&mut self) -> (&mut Vec<String>, Option<&mut Vec<Evidence>>);
    /// Field claims, for records that have them.
    fn claims(&mut self) -> Option<&mut Vec<FieldClaim>> {
        None
    }
}

impl Mentioned for Park {
    const COLLECTION: Collection = Collection::Parks;
    fn sources_and_evidence(&mut self) -> (&mut Vec<String>, Option<&mut Vec<Evidence>>) {
        (&mut self.sources, Some(&mut self.evidence))
    }
    fn claims(&mut self) -> Option<&mut Vec<FieldClaim>> {
        Some(&mut self.claims)
    }
}

/// The identity the normaliser merges claims by: field, value and where the evidence is.
fn claim_key(c: &FieldClaim) -> (String, String, Option<(String, i32)>) {
    (
        c.field.clone(),
        c.value.clone(),
        c.evidence.as_ref().map(|e| (e.document.clone(), e.start)),
    )
}

impl Mentioned for IndustryCluster {
    const COLLECTION: Collection = Collection::Clusters;
    fn sources_and_evidence(&mut self) -> (&mut Vec<String>, Option<&mut Vec<Evidence>>) {
        (&mut self.sources, Some(&mut self.evidence))
    }
}

impl Mentioned for Company {
    const COLLECTION: Collection = Collection::Companies;
    fn sources_and_evidence(&mut self) -> (&mut Vec<String>, Option<&mut Vec<Evidence>>) {
        (&mut self.sources, None)
    }
}

/// Resets `merged`'s sources and evidence to `existing`'s and returns what merging added: the
/// stored record stays the size it was, the additions become a mention.
fn split_off_mention<M: Mentioned>(merged: &mut M, existing: &M) -> Mention {
    let mut existing = existing.clone();
    let (old_sources, old_evidence) = existing.sources_and_evidence();
    let (sources, evidence) = merged.sources_and_evidence();
    let mut mention = Mention::default();
    for s in std::mem::replace(sources, old_sources.clone()) {
        if !old_sources.contains(&s) {
            mention.sources.push(s);
        }
    }
    if let (Some(evidence), Some(old_evidence)) = (evidence, old_evidence) {
        for e in std::mem::replace(evidence, old_evidence.clone()) {
            if !old_evidence.contains(&e) {
                mention.evidence.push(e);
            }
        }
    }
    // A claim repeating a value the record has a claim for is another document agreeing: a
    // mention. A claim with a new value (a disagreement) stays on the record.
    if let (Some(claims), Some(old_claims)) = (merged.claims(), existing.claims()) {
        let known = |c: &FieldClaim| {
            old_claims
                .iter()
                .any(|o| o.field == c.field && o.value == c.value)
        };
        let (agreeing, kept): (Vec<FieldClaim>, Vec<FieldClaim>) = std::mem::take(claims)
            .into_iter()
            .partition(|c| known(c) && !old_claims.contains(c));
        *claims = kept;
        mention.claims = agreeing;
    }
    mention
}

/// Appends the mentions' sources and evidence that `record` does not already list, in order
/// (a record written before mentions had their own keys already lists its earlier ones).
fn append_mentions<M: Mentioned>(record: &mut M, mentions: Vec<Mention>) {
    let (sources, evidence) = record.sources_and_evidence();
    let mut seen: HashSet<String> = sources.iter().cloned().collect();
    for s in mentions.iter().flat_map(|m| &m.sources) {
        if seen.insert(s.clone()) {
            sources.push(s.clone());
        }
    }
    if let Some(evidence) = evidence {
        // The identity the normaliser merges evidence by.
        let key = |e: &Evidence| (e.document.clone(), e.start, e.end);
        let mut seen: HashSet<_> = evidence.iter().map(key).collect();
        for e in mentions.iter().flat_map(|m| &m.evidence) {
            if seen.insert(key(e)) {
                evidence.push(e.clone());
            }
        }
    }
    if let Some(claims) = record.claims() {
        let mut seen: HashSet<_> = claims.iter().map(claim_key).collect();
        for c in mentions.into_iter().flat_map(|m| m.claims) {
            if seen.insert(claim_key(&c)) {
                claims.push(c);
            }
        }
    }
}

/// Parks, clusters and companies as readers see them (mentions appended), kept after the first
/// read: assembling scans and decodes the mentions and encodes the record again, and reads far
/// outnumber writes. A write drops the records it touched.
#[derive(Default)]
struct AssembledCache {
    inner: Mutex<AssembledInner>,
}

#[derive(Default)]
struct AssembledInner {
    /// Bumped by every write; a read that began before a write does not cache what it read.
    generation: u64,
    records: HashMap<(Collection, String), Arc<Assembled>>,
    bytes: usize,
}

/// One record as readers see it: encoded (what `get` and `scan` return), and decoded once on
/// the first typed read (`Store::park`, `Store::cluster`), so a Get answers with a clone
/// instead of parsing the record again (the parse was 19k of GetPark's 36k instructions in
/// the server).
struct Assembled {
    bytes: Arc<[u8]>,
    decoded: OnceLock<Arc<dyn Any + Send + Sync>>,
}

/// Past this many cached bytes the cache starts again empty (simple, and a full cache means a
/// working set far larger than what most reads touch).
const ASSEMBLED_CACHE_BYTES: usize = 32 << 20;

/// What one entry is charged: its encoded bytes and room for the decoded record, which takes
/// about twice the encoded size (strings and vectors with their headers).
fn charge(encoded_len: usize) -> usize {
    encoded_len * 3
}

impl AssembledCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, AssembledInner> {
        // The map is only a cache: one left by a panicking thread is still a valid map.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(&self, c: Collection, id: &str) -> Option<Arc<Assembled>> {
        self.lock().records.get(&(c, id.to_string())).cloned()
    }

    fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Caches `bytes` unless a write happened since `generation` was read; returns the entry
    /// either way.
    fn insert(&self, generation: u64, c: Collection, id: &str, bytes: &[u8]) -> Arc<Assembled> {
        let entry = Arc::new(Assembled {
            bytes: bytes.into(),
            decoded: OnceLock::new(),
        });
        let mut inner = self.lock();
        if inner.generation != generation {
            return entry;
        }
        if inner.bytes + charge(bytes.len()) > ASSEMBLED_CACHE_BYTES {
            inner.records.clear();
            inner.bytes = 0;
        }
        inner.bytes += charge(bytes.len());
        if let Some(old) = inner.records.insert((c, id.to_string()), entry.clone()) {
            inner.bytes -= charge(old.bytes.len());
        }
        entry
    }

    /// After a write: these records changed.
    fn invalidate<'a>(&self, touched: impl IntoIterator<Item = (Collection, &'a str)>) {
        let mut inner = self.lock();
        inner.generation += 1;
        for (c, id) in touched {
            if let Some(old) = inner.records.remove(&(c, id.to_string())) {
                inner.bytes -= charge(old.bytes.len());
            }
        }
    }
}

/// Where a key lives in the store's one tree: its first byte. Everything a document writes goes
/// into that tree in one `apply_batch`, which sled applies atomically (for readers and after a
/// crash) without a transaction: sled's transactions read every key they insert, which made a
/// transactional write about 1.8× raw sled's cost (measured in `pgbench ingest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Space {
    /// `Document` messages by document id.
    Documents,
    /// Raw bytes by document id.
    Raw,
    /// `Park` messages by id.
    Parks,
    /// `IndustryCluster` messages by id.
    Clusters,
    /// `Statistic` messages by id.
    Statistics,
    /// `Company` messages by resource name.
    Companies,
    /// The records each document contributed, by document id.
    DocIndex,
    /// The statistics' index entries ([`crate::index_keys`]), empty values.
    StatIndex,
    /// Mentions of parks, clusters and companies ([`crate::mention_key`]).
    Mentions,
}

impl Space {
    /// Every space, in a fixed order.
    pub const ALL: [Space; 9] = [
        Space::Documents,
        Space::Raw,
        Space::Parks,
        Space::Clusters,
        Space::Statistics,
        Space::Companies,
        Space::DocIndex,
        Space::StatIndex,
        Space::Mentions,
    ];

    /// The space of a collection's records.
    pub fn of(c: Collection) -> Space {
        match c {
            Collection::Documents => Space::Documents,
            Collection::Raw => Space::Raw,
            Collection::Parks => Space::Parks,
            Collection::Clusters => Space::Clusters,
            Collection::Statistics => Space::Statistics,
            Collection::Companies => Space::Companies,
        }
    }

    /// The key prefix (letters, so a dump of the tree reads).
    fn tag(self) -> u8 {
        match self {
            Space::Documents => b'D',
            Space::Raw => b'R',
            Space::Parks => b'P',
            Space::Clusters => b'C',
            Space::Statistics => b'S',
            Space::Companies => b'O',
            Space::DocIndex => b'I',
            Space::StatIndex => b'X',
            Space::Mentions => b'M',
        }
    }

    /// The tree this space was in before stores had one tree (layout 2 and older).
    fn old_tree(self) -> &'static str {
        match self {
            Space::Documents => "documents",
            Space::Raw => "raw",
            Space::Parks => "parks",
            Space::Clusters => "clusters",
            Space::Statistics => "statistics",
            Space::Companies => "companies",
            Space::DocIndex => "doc_index",
            Space::StatIndex => "stat_index",
            Space::Mentions => "mentions",
        }
    }

    /// The stored key of `key` in this space.
    pub fn key(self, key: impl AsRef<[u8]>) -> Vec<u8> {
        let key = key.as_ref();
        let mut out = Vec::with_capacity(key.len() + 1);
        out.push(self.tag());
        out.extend_from_slice(key);
        out
    }

    /// Every key of this space sorts in `[tag] .. [tag + 1]`.
    fn end(self) -> [u8; 1] {
        [self.tag() + 1]
    }
}

/// The name of the tree that holds every key of the store.
pub const RECORDS_TREE: &str = "records";

/// The embedded sled store: every record, the per-document index, the statistics' index and the
/// mentions of parks, clusters and companies in one tree, each under its [`Space`].
pub struct SledStore {
    db: sled::Db,
    // sled 0.34's flush_async hangs when several run at once (seen with 32 concurrent ingests);
    // one at a time is fine, and a flush covers every write made before it started.
    flush_lock: tokio::sync::Mutex<()>,
    records: sled::Tree,
    /// Held from a write's first read to its `apply_batch`: merging reads the stored record, so
    /// two writes naming one park must not interleave. Readers never take it.
    write_lock: Mutex<()>,
    assembled: AssembledCache,
}

/// Where the default tree records the store's layout, and the current one (3: one tree; 2: a
/// tree per collection with the year index; none: older).
const LAYOUT_KEY: &[u8] = b"layout";
const LAYOUT: &[u8] = b"3";
/// Layout 2's marker, removed when such a store is moved into one tree.
const OLD_LAYOUT_KEY: &[u8] = b"stat_index_layout";

/// How long `open` waits for a lock that is still held on a directory this process has opened
/// before. sled's `Db::drop` returns before its flusher thread has closed the locked file (sled
/// issues 1234, 1289), so a store this process has just closed can stay locked for a few
/// milliseconds; one held past this is reported as [`Error::Locked`].
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(10);

/// The directories this process has opened a store in (canonical paths). Only their locks can
/// be our own closed store's, released any moment; any other lock belongs to another process,
/// which is refused at once instead of after [`LOCK_WAIT`].
static OPENED_HERE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// How long to wait for a held lock on `dir`: [`LOCK_WAIT`] if this process has opened it before.
fn lock_wait_for(dir: &Path) -> std::time::Duration {
    let opened_here = dir.canonicalize().is_ok_and(|d| {
        OPENED_HERE
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(&d)
    });
    if opened_here {
        LOCK_WAIT
    } else {
        std::time::Duration::ZERO
    }
}

/// Records that this process holds (or held) a store in `dir`.
fn note_opened_here(dir: &Path) {
    if let Ok(d) = dir.canonicalize() {
        OPENED_HERE
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(d);
    }
}

/// Calls `open` until it returns anything but [`Error::Locked`], or until `limit` has been spent
/// sleeping between tries; then returns its last answer.
fn wait_for_lock<T>(
    mut open: impl FnMut() -> Result<T>,
    limit: std::time::Duration,
    mut sleep: impl FnMut(std::time::Duration),
) -> Result<T> {
    let mut slept = std::time::Duration::ZERO;
    loop {
        match open() {
            Err(Error::Locked { .. }) if slept < limit => {
                sleep(LOCK_RETRY);
                slept += LOCK_RETRY;
            }
            other => return other,
        }
    }
}

impl SledStore {
    /// Opens (or creates) the store in `path` with sled's default cache. Only one process may
    /// hold a directory.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_with_cache(path, 1024)
    }

    /// Like [`SledStore::open`] with a page cache of `cache_mb` MiB.
    pub fn open_with_cache(path: impl AsRef<Path>, cache_mb: u64) -> Result<Self> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        // sled panics on some kinds of damage instead of returning an error; a damaged store must
        // give the operator a message, not a crash.
        let config = sled::Config::new()
            .path(path)
            .cache_capacity(cache_mb.saturating_mul(1024 * 1024));
        let open_once = || {
            let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open()))
                .map_err(|p| Error::Open {
                path: shown.clone(),
                reason: format!(
                    "the database is damaged ({})",
                    p.downcast_ref::<String>()
                        .map(String::as_str)
                        .or(p.downcast_ref::<&str>().copied())
                        .unwrap_or("panic while opening")
                ),
            })?;
            opened.map_err(|e| match &e {
                sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
                    Error::Locked {
                        path: shown.clone(),
                    }
                }
                _ => Error::Open {
                    path: shown.clone(),
                    reason: e.to_string(),
                },
            })
        };
        let db = wait_for_lock(open_once, lock_wait_for(path), std::thread::sleep)?;
        note_opened_here(path);
        Self::from_db(db)
    }

    /// A store in a temporary directory that is removed when dropped (tests, benchmarks).
    pub fn temporary() -> Result<Self> {
        Self::from_db(sled::Config::new().temporary(true).open()?)
    }

    fn from_db(db: sled::Db) -> Result<Self> {
        let store = Self {
            records: db.open_tree(RECORDS_TREE)?,
            db,
            write_lock: Mutex::new(()),
            assembled: AssembledCache::default(),
            flush_lock: tokio::sync::Mutex::new(()),
        };
        store.upgrade()?;
        Ok(store)
    }

    /// Moves a store written by an older version (a tree per collection) into the one tree,
    /// rebuilding the statistics index from the statistics so every indexed filter sees every
    /// statistic. The layout is recorded before the old trees are dropped, and a move cut short
    /// starts again from the old trees at the next open; nothing stored is lost either way.
    fn upgrade(&self) -> Result<()> {
        let names = self.db.tree_names();
        let old: Vec<Space> = Space::ALL
            .into_iter()
            .filter(|s| names.iter().any(|n| &**n == s.old_tree().as_bytes()))
            .collect();
        if self.db.get(LAYOUT_KEY)?.as_deref() != Some(LAYOUT) {
            self.records.clear()?;
            let mut batch = Batches::new(&self.records);
            for space in old.iter().filter(|s| **s != Space::StatIndex) {
                for kv in self.db.open_tree(space.old_tree())?.iter() {
                    let (k, v) = kv?;
                    batch.insert(space.key(&k), v)?;
                }
            }
            batch.apply()?;
            let mut batch = Batches::new(&self.records);
            let mut statistics = 0usize;
            for kv in self
                .records
                .range(Space::Statistics.key("")..Space::Statistics.end().to_vec())
            {
                let (k, v) = kv?;
                let id = String::from_utf8_lossy(&k[1..]);
                let s: Statistic = decode(Collection::Statistics, &id, &v)?;
                for key in index_keys(&s) {
                    batch.insert(Space::StatIndex.key(key), sled::IVec::default())?;
                }
                statistics += 1;
            }
            batch.apply()?;
            self.db.insert(LAYOUT_KEY, LAYOUT)?;
            self.db.remove(OLD_LAYOUT_KEY)?;
            self.db.flush()?;
            if !old.is_empty() {
                tracing::info!(
                    statistics,
                    "moved the store into one tree and rebuilt the statistics index"
                );
            }
        }
        for space in old {
            self.db.drop_tree(space.old_tree())?;
        }
        Ok(())
    }

    /// The stored value of `key` in `space`.
    fn read(&self, space: Space, key: &str) -> Result<Option<sled::IVec>> {
        Ok(self.records.get(space.key(key))?)
    }

    /// The mentions of a record, in ingest order.
    fn mentions_of(&self, c: Collection, id: &str) -> Result<Vec<Mention>> {
        self.records
            .scan_prefix(Space::Mentions.key(mention_prefix(c, id)))
            .map(|kv| {
                let (_, v) = kv?;
                Mention::decode(&*v)
                    .map_err(|e| Error::Corrupt(format!("mentions/{}/{id}: {e}", c.as_str())))
            })
            .collect()
    }

    /// Stored records with the sources and evidence of their mentions appended.
    fn assembled_all<M: Mentioned>(
        &self,
        records: Vec<M>,
        id_of: impl Fn(&M) -> &str,
    ) -> Result<Vec<M>> {
        records
            .into_iter()
            .map(|mut record| {
                let mentions = self.mentions_of(M::COLLECTION, id_of(&record))?;
                append_mentions(&mut record, mentions);
                Ok(record)
            })
            .collect()
    }

    /// The encoded record as readers see it, from the cache for parks, clusters and companies.
    fn whole(&self, c: Collection, id: &str) -> Result<Option<Vec<u8>>> {
        if !matches!(
            c,
            Collection::Parks | Collection::Clusters | Collection::Companies
        ) {
            return Ok(self.read(Space::of(c), id)?.map(|v| v.to_vec()));
        }
        Ok(self.assembled(c, id)?.map(|a| a.bytes.to_vec()))
    }

    /// The cache entry of a park, cluster or company, filled on a miss.
    fn assembled(&self, c: Collection, id: &str) -> Result<Option<Arc<Assembled>>> {
        if let Some(entry) = self.assembled.get(c, id) {
            return Ok(Some(entry));
        }
        // Read the generation before the record: a write after this point is not cached over.
        let generation = self.assembled.generation();
        let Some(stored) = self.read(Space::of(c), id)? else {
            return Ok(None);
        };
        let bytes = self.assembled_bytes(c, id, &stored)?;
        Ok(Some(self.assembled.insert(generation, c, id, &bytes)))
    }

    /// The ids filed under one value of an index, ascending, from `from` (inclusive).
    fn index_range(&self, index: Index, value: &str, from: Option<&str>) -> Ids<'_> {
        let prefix = Space::StatIndex.key(index.prefix(value));
        let start = [&prefix[..], from.unwrap_or_default().as_bytes()].concat();
        let id_at = prefix.len();
        Box::new(
            self.records
                .range(start..)
                .keys()
                .take_while(move |k| k.as_ref().map_or(true, |k| k.starts_with(&prefix)))
                .map(move |k| Ok(String::from_utf8_lossy(&k?[id_at..]).into_owned())),
        )
    }

    /// A collection's stored entries in id order, after `after` (exclusive); keys still carry
    /// their space's byte.
    fn entries_after(&self, c: Collection, after: Option<&str>) -> sled::Iter {
        use std::ops::Bound::{Excluded, Included};
        let space = Space::of(c);
        let start = match after {
            Some(a) => Excluded(space.key(a)),
            None => Included(space.key("")),
        };
        self.records.range((start, Excluded(space.end().to_vec())))
    }

    /// Records in id order after `after`, decoded through the cache like [`SledStore::decoded`].
    fn decoded_after<M: Mentioned + Send + Sync + 'static>(
        &self,
        after: Option<&str>,
    ) -> SharedScan<'_, M> {
        Box::new(
            self.entries_after(M::COLLECTION, after)
                .keys()
                .filter_map(move |key| {
                    let id = match key {
                        Ok(k) => String::from_utf8_lossy(&k[1..]).into_owned(),
                        Err(e) => return Some(Err(Error::Sled(e))),
                    };
                    // None: removed since the scan began.
                    self.decoded::<M>(&id)
                        .transpose()
                        .map(|record| record.map(|r| (id, r)))
                }),
        )
    }

    /// The record decoded, shared with the cache: decoded on its entry's first typed read.
    fn decoded<M: Mentioned + Send + Sync + 'static>(&self, id: &str) -> Result<Option<Arc<M>>> {
        let Some(entry) = self.assembled(M::COLLECTION, id)? else {
            return Ok(None);
        };
        if let Some(record) = entry
            .decoded
            .get()
            .and_then(|d| d.clone().downcast::<M>().ok())
        {
            return Ok(Some(record));
        }
        let record: Arc<M> = Arc::new(decode(M::COLLECTION, id, &entry.bytes)?);
        // A concurrent first read may have set it already; both decoded the same bytes.
        let _ = entry.decoded.set(record.clone());
        Ok(Some(record))
    }

    /// The encoded record as readers see it: for parks, clusters and companies with mentions,
    /// decoded, assembled and encoded again; otherwise the stored bytes.
    fn assembled_bytes(&self, c: Collection, id: &str, bytes: &[u8]) -> Result<Vec<u8>> {
        fn assemble<M: Mentioned>(s: &SledStore, id: &str, bytes: &[u8]) -> Result<Vec<u8>> {
            let mentions = s.mentions_of(M::COLLECTION, id)?;
            if mentions.is_empty() {
                return Ok(bytes.to_vec());
            }
            let mut record: M = decode(M::COLLECTION, id, bytes)?;
            append_mentions(&mut record, mentions);
            Ok(record.encode_to_vec())
        }
        match c {
            Collection::Parks => assemble::<Park>(self, id, bytes),
            Collection::Clusters => assemble::<IndustryCluster>(self, id, bytes),
            Collection::Companies => assemble::<Company>(self, id, bytes),
            Collection::Documents | Collection::Raw | Collection::Statistics => Ok(bytes.to_vec()),
        }
    }

    /// Adds `items` to `batch`, each merged with the stored record of the same id (or with the
    /// one this batch already holds, when a document names a record twice). The stored record
    /// keeps the sources and evidence it had; what this document adds to them is written as a
    /// mention, so the record does not grow with every document. Returns the records as stored
    /// (without their mentions). Called with the write lock held.
    fn merge_into<M: Mentioned>(
        &self,
        batch: &mut sled::Batch,
        items: &[M],
        id_of: impl Fn(&M) -> &str,
        merge: impl Fn(&M, &M) -> M,
    ) -> Result<Vec<M>> {
        let space = Space::of(M::COLLECTION);
        let mut out: Vec<M> = Vec::with_capacity(items.len());
        for item in items {
            let id = id_of(item);
            let existing = match out.iter().rposition(|o| id_of(o) == id) {
                Some(i) => Some(out[i].clone()),
                None => self
                    .read(space, id)?
                    .map(|bytes| decode::<M>(M::COLLECTION, id, &bytes))
                    .transpose()?,
            };
            let stored = match existing {
                Some(existing) => {
                    let mut merged = merge(&existing, item);
                    let mention = split_off_mention(&mut merged, &existing);
                    if mention != Mention::default() {
                        // Monotonic, so the keys of a record's mentions sort in ingest order.
                        let key = mention_key(M::COLLECTION, id, self.db.generate_id()?);
                        batch.insert(Space::Mentions.key(key), mention.encode_to_vec());
                    }
                    merged
                }
                None => item.clone(),
            };
            batch.insert(space.key(id), stored.encode_to_vec());
            out.push(stored);
        }
        Ok(out)
    }

    /// Writes a new document in one `apply_batch`; `None` when its id is already stored.
    fn write_new(
        &self,
        write: &DocumentWrite,
        merger: &dyn Merger,
    ) -> Result<Option<StoredDocument>> {
        let id = write.document.id.as_str();
        let _writer = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        if self.records.contains_key(Space::Documents.key(id))? {
            return Ok(None);
        }
        let mut batch = sled::Batch::default();
        batch.insert(Space::Documents.key(id), write.document.encode_to_vec());
        batch.insert(Space::Raw.key(id), write.raw.as_slice());
        let parks = self.merge_into(
            &mut batch,
            &write.parks,
            |p| &p.id,
            |a, b| merger.park(a, b),
        )?;
        let clusters = self.merge_into(
            &mut batch,
            &write.clusters,
            |c| &c.id,
            |a, b| merger.cluster(a, b),
        )?;
        let companies = self.merge_into(
            &mut batch,
            &write.companies,
            |c| &c.name,
            |a, b| merger.company(a, b),
        )?;
        for s in &write.statistics {
            batch.insert(Space::Statistics.key(&s.id), s.encode_to_vec());
            for key in index_keys(s) {
                batch.insert(Space::StatIndex.key(key), sled::IVec::default());
            }
        }
        let idx = DocIndex {
            parks: write.parks.iter().map(|p| p.id.clone()).collect(),
            clusters: write.clusters.iter().map(|c| c.id.clone()).collect(),
            statistics: write.statistics.iter().map(|s| s.id.clone()).collect(),
            companies: write.companies.iter().map(|c| c.name.clone()).collect(),
        };
        batch.insert(Space::DocIndex.key(id), idx.encode_to_vec());
        self.records.apply_batch(batch)?;
        // Readers assemble these records again, with this document's mention.
        self.assembled.invalidate(
            (parks.iter().map(|p| (Collection::Parks, p.id.as_str())))
                .chain(
                    clusters
                        .iter()
                        .map(|c| (Collection::Clusters, c.id.as_str())),
                )
                .chain(
                    companies
                        .iter()
                        .map(|c| (Collection::Companies, c.name.as_str())),
                ),
        );
        Ok(Some(StoredDocument {
            document: write.document.clone(),
            parks,
            clusters,
            statistics: write.statistics.clone(),
            companies,
        }))
    }
}

/// Writes into a tree in batches of a bounded size (moving an older store's trees).
struct Batches<'a> {
    tree: &'a sled::Tree,
    batch: sled::Batch,
    pending: usize,
}

impl<'a> Batches<'a> {
    fn new(tree: &'a sled::Tree) -> Self {
        Self {
            tree,
            batch: sled::Batch::default(),
            pending: 0,
        }
    }

    fn insert(&mut self, key: Vec<u8>, value: sled::IVec) -> Result<()> {
        self.batch.insert(key, value);
        self.pending += 1;
        if self.pending >= 10_000 {
            self.apply()?;
        }
        Ok(())
    }

    fn apply(&mut self) -> Result<()> {
        self.tree.apply_batch(std::mem::take(&mut self.batch))?;
        self.pending = 0;
        Ok(())
    }
}

impl Store for SledStore {
    fn put_document(&self, write: &DocumentWrite, merger: &dyn Merger) -> Result<PutOutcome> {
        let id = write.document.id.as_str();
        match self.write_new(write, merger)? {
            Some(stored) => {
                // Sources and evidence as readers see them.
                let stored = StoredDocument {
                    parks: self.assembled_all(stored.parks, |p| &p.id)?,
                    clusters: self.assembled_all(stored.clusters, |c| &c.id)?,
                    companies: self.assembled_all(stored.companies, |c| &c.name)?,
                    ..stored
                };
                Ok(PutOutcome {
                    created: true,
                    stored,
                })
            }
            None => {
                let stored = self
                    .stored_document(id)?
                    .ok_or_else(|| Error::Corrupt(format!("documents/{id}: index missing")))?;
                Ok(PutOutcome {
                    created: false,
                    stored,
                })
            }
        }
    }

    fn write_document(&self, write: &DocumentWrite, merger: &dyn Merger) -> Result<bool> {
        Ok(self.write_new(write, merger)?.is_some())
    }

    fn get(&self, collection: Collection, id: &str) -> Result<Option<Vec<u8>>> {
        self.whole(collection, id)
    }

    fn park(&self, id: &str) -> Result<Option<Arc<Park>>> {
        self.decoded(id)
    }

    fn cluster(&self, id: &str) -> Result<Option<Arc<IndustryCluster>>> {
        self.decoded(id)
    }

    fn scan_parks(&self, after: Option<&str>) -> SharedScan<'_, Park> {
        self.decoded_after(after)
    }

    fn scan_clusters(&self, after: Option<&str>) -> SharedScan<'_, IndustryCluster> {
        self.decoded_after(after)
    }

    fn scan(&self, collection: Collection, after: Option<&str>) -> Scan<'_> {
        let iter = self.entries_after(collection, after);
        let with_mentions = matches!(
            collection,
            Collection::Parks | Collection::Clusters | Collection::Companies
        );
        Box::new(iter.filter_map(move |kv| {
            let (k, v) = match kv {
                Ok(kv) => kv,
                Err(e) => return Some(Err(Error::Sled(e))),
            };
            let id = String::from_utf8_lossy(&k[1..]).into_owned();
            if !with_mentions {
                return Some(Ok((id, v.to_vec())));
            }
            // Through the cache (a miss reads the record again, after the cache's generation).
            self.whole(collection, &id)
                .transpose()
                .map(|bytes| bytes.map(|b| (id, b)))
        }))
    }

    fn stored_document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let Some(document) = get_message::<Document>(self, Collection::Documents, id)? else {
            return Ok(None);
        };
        let idx: DocIndex = match self.read(Space::DocIndex, id)? {
            Some(b) => {
                DocIndex::decode(&*b).map_err(|e| Error::Corrupt(format!("doc_index/{id}: {e}")))?
            }
            None => DocIndex::default(),
        };
        fn load<M: Message + Default>(
            s: &SledStore,
            c: Collection,
            ids: &[String],
        ) -> Result<Vec<M>> {
            ids.iter()
                .filter_map(|id| get_message::<M>(s, c, id).transpose())
                .collect()
        }
        Ok(Some(StoredDocument {
            document,
            parks: load::<Park>(self, Collection::Parks, &idx.parks)?,
            clusters: load::<IndustryCluster>(self, Collection::Clusters, &idx.clusters)?,
            statistics: load::<Statistic>(self, Collection::Statistics, &idx.statistics)?,
            companies: load::<Company>(self, Collection::Companies, &idx.companies)?,
        }))
    }

    fn index_ids(&self, index: Index, value: &str, from: Option<&str>) -> Ids<'_> {
        let ids = self.index_range(index, value, from);
        if index == Index::StatisticsByYear && value != WIDE_PERIOD {
            return union(ids, self.index_range(index, WIDE_PERIOD, from));
        }
        ids
    }

    fn len(&self, collection: Collection) -> usize {
        self.entries_after(collection, None).keys().count()
    }

    fn flush(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let _one_at_a_time = self.flush_lock.lock().await;
            self.db.flush_async().await?;
            Ok(())
        })
    }
}

/// Two ascending id streams as one ascending stream (an id in both comes once).
fn union<'a>(a: Ids<'a>, b: Ids<'a>) -> Ids<'a> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    Box::new(std::iter::from_fn(move || {
        let order = match (a.peek(), b.peek()) {
            (None, None) => return None,
            (Some(_), None) | (Some(Err(_)), _) => std::cmp::Ordering::Less,
            (None, Some(_)) | (_, Some(Err(_))) => std::cmp::Ordering::Greater,
            (Some(Ok(x)), Some(Ok(y))) => x.cmp(y),
        };
        match order {
            std::cmp::Ordering::Less => a.next(),
            std::cmp::Ordering::Greater => b.next(),
            std::cmp::Ordering::Equal => {
                b.next();
                a.next()
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KeepExisting;
    use parkgraph_proto::v1::Period;

    fn write(doc_id: &str, park_id: &str) -> DocumentWrite {
        DocumentWrite {
            document: Document {
                id: doc_id.into(),
                name: format!("documents/{doc_id}"),
                ..Default::default()
            },
            raw: doc_id.as_bytes().to_vec(),
            parks: vec![Park {
                id: park_id.into(),
                sources: vec![format!("documents/{doc_id}")],
                ..Default::default()
            }],
            statistics: vec![Statistic {
                id: format!("{doc_id}-1"),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn put_is_idempotent_and_merges_parks() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        assert!(
            store
                .put_document(&write("a", "p"), &KeepExisting)
                .unwrap()
                .created
        );
        let again = store.put_document(&write("a", "p"), &KeepExisting).unwrap();
        assert!(!again.created);
        assert_eq!(again.stored.statistics.len(), 1);
        let b = store.put_document(&write("b", "p"), &KeepExisting).unwrap();
        assert_eq!(
            b.stored.parks[0].sources,
            vec!["documents/a", "documents/b"]
        );
        assert_eq!(store.len(Collection::Parks), 1);
        assert_eq!(store.len(Collection::Statistics), 2);
        store.flush().await.unwrap();
        let ids: Vec<String> = store
            .scan(Collection::Documents, Some("a"))
            .map(|r| r.unwrap().0)
            .collect();
        assert_eq!(ids, vec!["b"]);
        let ids = |value, from| -> Vec<String> {
            store
                .index_ids(Index::StatisticsByMetric, value, from)
                .map(|r| r.unwrap())
                .collect()
        };
        assert_eq!(ids("0", None), vec!["a-1", "b-1"]);
        assert_eq!(
            ids("0", Some("a-1")),
            vec!["a-1", "b-1"],
            "from is inclusive"
        );
        assert_eq!(ids("0", Some("a-1\0")), vec!["b-1"]);
        assert!(ids("7", None).is_empty());
    }

    fn with_period(doc_id: &str, stat_id: &str, years: Option<(i32, i32)>) -> DocumentWrite {
        let mut w = write(doc_id, "p");
        w.statistics[0].id = stat_id.into();
        w.statistics[0].period = years.map(|(start_year, end_year)| Period {
            start_year,
            end_year,
        });
        w
    }

    fn year_ids(store: &SledStore, year: &str, from: Option<&str>) -> Vec<String> {
        store
            .index_ids(Index::StatisticsByYear, year, from)
            .map(|r| r.unwrap())
            .collect()
    }

    #[test]
    fn the_year_index_files_every_year_of_a_period_and_wide_ones_once() {
        let store = SledStore::temporary().unwrap();
        for w in [
            with_period("a", "s-a", Some((2016, 2020))),
            with_period("b", "s-b", Some((2020, 0))), // no end: the start year alone
            with_period("c", "s-c", Some((1, 2_000_000))), // too wide to file year by year
            with_period("d", "s-d", None),
            with_period("e", "s-e", Some((0, 2020))), // unset start: no period
        ] {
            store.put_document(&w, &KeepExisting).unwrap();
        }
        assert_eq!(year_ids(&store, "2020", None), vec!["s-a", "s-b", "s-c"]);
        assert_eq!(year_ids(&store, "2016", None), vec!["s-a", "s-c"]);
        assert_eq!(year_ids(&store, "2016", Some("s-b")), vec!["s-c"]);
        assert_eq!(year_ids(&store, "2021", None), vec!["s-c"]);
        // The wide period wrote one entry, not two million.
        let entries = space_len(&store, Space::StatIndex);
        assert!(entries < 40, "{entries}");
    }

    #[test]
    fn union_merges_two_ascending_streams_once_each() {
        let ids = |v: &[&str]| -> Ids<'static> {
            let v: Vec<Result<String>> = v.iter().map(|s| Ok(s.to_string())).collect();
            Box::new(v.into_iter())
        };
        let got: Vec<String> = union(ids(&["a", "c", "d"]), ids(&["b", "c", "e"]))
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(got, ["a", "b", "c", "d", "e"]);
        assert_eq!(union(ids(&[]), ids(&[])).count(), 0);
        assert_eq!(union(ids(&["x"]), ids(&[])).count(), 1);
    }

    /// Keys stored in `space`.
    fn space_len(store: &SledStore, space: Space) -> usize {
        store
            .records
            .range(space.key("")..space.end().to_vec())
            .count()
    }

    #[test]
    fn a_store_with_a_tree_per_collection_is_moved_into_one_tree_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let w = with_period("a", "s-a", Some((2019, 2020)));
        {
            // What an older version wrote: a tree per collection, a statistics index without
            // year entries, a mention of the park by a later document.
            let db = sled::open(dir.path()).unwrap();
            let tree = |s: Space| db.open_tree(s.old_tree()).unwrap();
            tree(Space::Documents)
                .insert("a", w.document.encode_to_vec())
                .unwrap();
            tree(Space::Raw).insert("a", w.raw.clone()).unwrap();
            tree(Space::Parks)
                .insert("p", w.parks[0].encode_to_vec())
                .unwrap();
            tree(Space::Statistics)
                .insert("s-a", w.statistics[0].encode_to_vec())
                .unwrap();
            let metric = format!("{}s-a", Index::StatisticsByMetric.prefix("0"));
            tree(Space::StatIndex).insert(metric, &[]).unwrap();
            let idx = DocIndex {
                parks: vec!["p".into()],
                statistics: vec!["s-a".into()],
                ..Default::default()
            };
            tree(Space::DocIndex)
                .insert("a", idx.encode_to_vec())
                .unwrap();
            let mention = Mention {
                sources: vec!["documents/b".into()],
                ..Default::default()
            };
            tree(Space::Mentions)
                .insert(
                    mention_key(Collection::Parks, "p", 1),
                    mention.encode_to_vec(),
                )
                .unwrap();
            // A move cut short earlier left part of a copy behind, and no layout.
            db.open_tree(RECORDS_TREE)
                .unwrap()
                .insert(Space::Parks.key("stale"), &[])
                .unwrap();
            db.flush().unwrap();
        }
        let store = SledStore::open(dir.path()).unwrap();
        let stored = store.stored_document("a").unwrap().unwrap();
        assert_eq!(stored.document, w.document);
        assert_eq!(stored.statistics, w.statistics);
        assert_eq!(
            stored.parks[0].sources,
            ["documents/a", "documents/b"],
            "the mention moved too"
        );
        assert_eq!(
            store.get(Collection::Raw, "a").unwrap(),
            Some(w.raw.clone())
        );
        assert_eq!(
            store.len(Collection::Parks),
            1,
            "the cut-short copy is gone"
        );
        assert_eq!(year_ids(&store, "2020", None), vec!["s-a"], "years indexed");
        let metric: Vec<String> = store
            .index_ids(Index::StatisticsByMetric, "0", None)
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(metric, vec!["s-a"]);
        assert_eq!(store.db.get(LAYOUT_KEY).unwrap().as_deref(), Some(LAYOUT));
        let names = store.db.tree_names();
        for space in Space::ALL {
            assert!(
                !names.iter().any(|n| &**n == space.old_tree().as_bytes()),
                "{} dropped",
                space.old_tree()
            );
        }
        // Writes after the move merge with what was moved.
        let b = store.put_document(&write("c", "p"), &KeepExisting).unwrap();
        assert_eq!(
            b.stored.parks[0].sources,
            ["documents/a", "documents/b", "documents/c"]
        );
        drop(store);
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(
            store.len(Collection::Documents),
            2,
            "opened again: nothing moved twice"
        );
        assert_eq!(space_len(&store, Space::StatIndex), 4);
    }

    #[test]
    fn a_document_naming_a_record_twice_merges_both() {
        let store = SledStore::temporary().unwrap();
        let mut w = mentioning(0);
        let mut second = w.parks[0].clone();
        second.sources = vec!["documents/other".into()];
        second.evidence.clear();
        second.claims.clear();
        w.parks.push(second);
        let out = store.put_document(&w, &UnionSources).unwrap();
        assert_eq!(out.stored.parks.len(), 2);
        let park = store.park("p").unwrap().unwrap();
        assert_eq!(park.sources, ["documents/d000", "documents/other"]);
        assert_eq!(store.len(Collection::Parks), 1);
    }

    /// Unions sources and evidence like the normaliser's resolver; keeps the first attributes.
    struct UnionSources;

    impl Merger for UnionSources {
        fn park(&self, existing: &Park, incoming: &Park) -> Park {
            let mut out = existing.clone();
            out.sources.extend(incoming.sources.iter().cloned());
            out.evidence.extend(incoming.evidence.iter().cloned());
            out.claims.extend(incoming.claims.iter().cloned());
            if out.city.is_empty() {
                out.city = incoming.city.clone();
            }
            out
        }
        fn cluster(
            &self,
            existing: &IndustryCluster,
            incoming: &IndustryCluster,
        ) -> IndustryCluster {
            let mut out = existing.clone();
            out.sources.extend(incoming.sources.iter().cloned());
            out.evidence.extend(incoming.evidence.iter().cloned());
            out
        }
        fn company(&self, existing: &Company, incoming: &Company) -> Company {
            let mut out = existing.clone();
            out.sources.extend(incoming.sources.iter().cloned());
            out
        }
    }

    fn evidence(doc_id: &str) -> Evidence {
        Evidence {
            document: format!("documents/{doc_id}"),
            document_id: doc_id.into(),
            start: 0,
            end: 4,
            quote: "park".into(),
        }
    }

    /// Document `d{i}` naming park `p`, cluster `c` and company `companies/sz-1`.
    fn mentioning(i: usize) -> DocumentWrite {
        let doc_id = format!("d{i:03}");
        let source = format!("documents/{doc_id}");
        DocumentWrite {
            document: Document {
                id: doc_id.clone(),
                name: source.clone(),
                ..Default::default()
            },
            parks: vec![Park {
                id: "p".into(),
                name: "parks/p".into(),
                city: if i == 2 {
                    "Hohhot".into()
                } else {
                    String::new()
                },
                sources: vec![source.clone()],
                evidence: vec![evidence(&doc_id)],
                // Every document says the same level; document 2 also names a city.
                claims: [("level", "NATIONAL")]
                    .into_iter()
                    .chain((i == 2).then_some(("city", "Hohhot")))
                    .map(|(field, value)| FieldClaim {
                        field: field.into(),
                        value: value.into(),
                        evidence: Some(evidence(&doc_id)),
                    })
                    .collect(),
                ..Default::default()
            }],
            clusters: vec![IndustryCluster {
                id: "c".into(),
                sources: vec![source.clone()],
                evidence: vec![evidence(&doc_id)],
                ..Default::default()
            }],
            companies: vec![Company {
                name: "companies/sz-1".into(),
                sources: vec![source],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn stored_len(store: &SledStore, c: Collection, id: &str) -> usize {
        store.read(Space::of(c), id).unwrap().unwrap().len()
    }

    #[test]
    fn reads_between_writes_see_every_write() {
        let store = SledStore::temporary().unwrap();
        for i in 0..5 {
            // The bulk write reads nothing back, but readers must still see what it wrote.
            if i % 2 == 0 {
                store.put_document(&mentioning(i), &UnionSources).unwrap();
            } else {
                assert!(store.write_document(&mentioning(i), &UnionSources).unwrap());
            }
            // Both read paths, so the second read of each round comes from the cache.
            for _ in 0..2 {
                let park: Park = get_message(&store, Collection::Parks, "p")
                    .unwrap()
                    .unwrap();
                assert_eq!(park.sources.len(), i + 1, "get after document {i}");
                let (_, bytes) = store.scan(Collection::Parks, None).next().unwrap().unwrap();
                assert_eq!(
                    Park::decode(&*bytes).unwrap(),
                    park,
                    "scan after document {i}"
                );
                let company: Company = get_message(&store, Collection::Companies, "companies/sz-1")
                    .unwrap()
                    .unwrap();
                assert_eq!(company.sources.len(), i + 1);
                let typed = store.park("p").unwrap().unwrap();
                assert_eq!(*typed, park, "typed read after document {i}");
                let (id, scanned) = store.scan_parks(None).next().unwrap().unwrap();
                assert_eq!((id.as_str(), &*scanned), ("p", &park), "typed scan {i}");
                assert!(Arc::ptr_eq(&scanned, &typed), "one decoded record");
            }
        }
    }

    #[test]
    fn write_document_stores_what_put_document_stores() {
        let (put, write) = (
            SledStore::temporary().unwrap(),
            SledStore::temporary().unwrap(),
        );
        for i in 0..4 {
            assert!(
                put.put_document(&mentioning(i), &UnionSources)
                    .unwrap()
                    .created
            );
            assert!(write.write_document(&mentioning(i), &UnionSources).unwrap());
        }
        // Again: already stored, nothing written.
        assert!(!write.write_document(&mentioning(1), &UnionSources).unwrap());
        let every = |s: &SledStore| -> Vec<(Vec<u8>, Vec<u8>)> {
            s.records
                .iter()
                .map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap())
                // Mention keys end in a sequence number from each database's own counter.
                .map(|(k, v)| match k[0] == Space::Mentions.tag() {
                    true => (k[..k.len() - 8].to_vec(), v),
                    false => (k, v),
                })
                .collect()
        };
        let (a, b) = (every(&put), every(&write));
        assert!(a.len() > 20, "{}", a.len());
        assert_eq!(a, b);
    }

    #[test]
    fn typed_reads_share_one_decoded_record_until_a_write() {
        let store = SledStore::temporary().unwrap();
        store.put_document(&mentioning(0), &UnionSources).unwrap();
        let first = store.park("p").unwrap().unwrap();
        assert!(Arc::ptr_eq(&first, &store.park("p").unwrap().unwrap()));
        store.put_document(&mentioning(1), &UnionSources).unwrap();
        let after = store.park("p").unwrap().unwrap();
        assert!(!Arc::ptr_eq(&first, &after));
        assert_eq!((first.sources.len(), after.sources.len()), (1, 2));
        assert!(store.park("absent").unwrap().is_none());
        assert!(store.cluster("absent").unwrap().is_none());
    }

    #[test]
    fn a_read_that_began_before_a_write_does_not_cache_over_it() {
        let cache = AssembledCache::default();
        let before = cache.generation();
        cache.invalidate([(Collection::Parks, "p")]);
        cache.insert(before, Collection::Parks, "p", b"old");
        assert!(cache.get(Collection::Parks, "p").is_none());
        cache.insert(cache.generation(), Collection::Parks, "p", b"new");
        assert_eq!(
            cache.get(Collection::Parks, "p").map(|e| e.bytes.to_vec()),
            Some(b"new".to_vec())
        );
        cache.invalidate([(Collection::Parks, "p")]);
        assert!(cache.get(Collection::Parks, "p").is_none());
    }

    #[test]
    fn records_stay_the_same_size_however_many_documents_mention_them() {
        const N: usize = 50;
        let store = SledStore::temporary().unwrap();
        let records = [
            (Collection::Parks, "p"),
            (Collection::Clusters, "c"),
            (Collection::Companies, "companies/sz-1"),
        ];
        let mut after_two = Vec::new();
        for i in 0..N {
            let outcome = store.put_document(&mentioning(i), &UnionSources).unwrap();
            assert!(outcome.created);
            // The write returns the records as readers see them: every source so far.
            assert_eq!(outcome.stored.parks[0].sources.len(), i + 1);
            assert_eq!(outcome.stored.clusters[0].evidence.len(), i + 1);
            assert_eq!(outcome.stored.companies[0].sources.len(), i + 1);
            if i == 2 {
                // Document 2 is the last to change an attribute (the park's city).
                after_two = records
                    .iter()
                    .map(|(c, id)| stored_len(&store, *c, id))
                    .collect();
            }
        }
        let after_n: Vec<usize> = records
            .iter()
            .map(|(c, id)| stored_len(&store, *c, id))
            .collect();
        assert_eq!(after_n, after_two);

        let sources: Vec<String> = (0..N).map(|i| format!("documents/d{i:03}")).collect();
        let evidence: Vec<Evidence> = (0..N).map(|i| evidence(&format!("d{i:03}"))).collect();
        let park: Park = get_message(&store, Collection::Parks, "p")
            .unwrap()
            .unwrap();
        assert_eq!(park.sources, sources);
        assert_eq!(park.evidence, evidence);
        assert_eq!(park.city, "Hohhot");
        // One claim per document for the level (the record keeps the first, the rest are
        // mentions), and the city's.
        let claimed = |field: &str| {
            park.claims
                .iter()
                .filter(|c| c.field == field)
                .map(|c| c.evidence.as_ref().unwrap().document_id.clone())
                .collect::<Vec<_>>()
        };
        let mut levels = claimed("level");
        assert_eq!(levels.len(), N);
        levels.sort();
        assert_eq!(
            levels,
            (0..N).map(|i| format!("d{i:03}")).collect::<Vec<_>>()
        );
        assert_eq!(claimed("city"), ["d002"]);
        let cluster: IndustryCluster = get_message(&store, Collection::Clusters, "c")
            .unwrap()
            .unwrap();
        assert_eq!(cluster.sources, sources);
        assert_eq!(cluster.evidence, evidence);
        let company: Company = get_message(&store, Collection::Companies, "companies/sz-1")
            .unwrap()
            .unwrap();
        assert_eq!(company.sources, sources);

        // Scans and the records of a stored document see the same.
        let (_, bytes) = store.scan(Collection::Parks, None).next().unwrap().unwrap();
        assert_eq!(Park::decode(&*bytes).unwrap(), park);
        let stored = store.stored_document("d007").unwrap().unwrap();
        assert_eq!(stored.parks, vec![park.clone()]);
        assert_eq!(stored.clusters, vec![cluster]);
        assert_eq!(stored.companies, vec![company]);

        // Ingesting a stored document again writes nothing.
        let again = store.put_document(&mentioning(7), &UnionSources).unwrap();
        assert!(!again.created);
        assert_eq!(again.stored.parks, vec![park]);
        assert_eq!(space_len(&store, Space::Mentions), 3 * (N - 1));
    }

    #[test]
    fn records_written_before_mentions_had_their_own_keys_still_read_whole() {
        let store = SledStore::temporary().unwrap();
        // The old layout: every source and piece of evidence inside the record.
        let old = Park {
            id: "p".into(),
            city: "Hohhot".into(),
            sources: vec!["documents/d000".into(), "documents/d001".into()],
            evidence: vec![evidence("d000"), evidence("d001")],
            claims: [("level", "NATIONAL"), ("city", "Hohhot")]
                .map(|(field, value)| FieldClaim {
                    field: field.into(),
                    value: value.into(),
                    evidence: Some(evidence("d000")),
                })
                .to_vec(),
            ..Default::default()
        };
        store
            .records
            .insert(Space::Parks.key("p"), old.encode_to_vec())
            .unwrap();
        let record_len = stored_len(&store, Collection::Parks, "p");
        for i in 2..5 {
            store.put_document(&mentioning(i), &UnionSources).unwrap();
        }
        assert_eq!(stored_len(&store, Collection::Parks, "p"), record_len);
        let park: Park = get_message(&store, Collection::Parks, "p")
            .unwrap()
            .unwrap();
        let docs = ["d000", "d001", "d002", "d003", "d004"];
        assert_eq!(
            park.sources,
            docs.map(|d| format!("documents/{d}")).to_vec()
        );
        assert_eq!(park.evidence, docs.map(evidence).to_vec());
    }

    #[test]
    fn open_waits_out_a_lock_being_released_and_reports_one_that_is_held() {
        let locked = || Error::Locked { path: "d".into() };
        // Released after three tries: opened, after three short sleeps.
        let mut tries = 0;
        let mut sleeps = Vec::new();
        let opened = wait_for_lock(
            || {
                tries += 1;
                if tries <= 3 {
                    Err(locked())
                } else {
                    Ok(tries)
                }
            },
            LOCK_WAIT,
            |d| sleeps.push(d),
        );
        assert_eq!(opened.unwrap(), 4);
        assert_eq!(sleeps, vec![LOCK_RETRY; 3]);
        // Held throughout: Locked once the wait is spent, not before, not forever.
        let mut tries = 0;
        let mut slept = std::time::Duration::ZERO;
        let held = wait_for_lock(
            || -> Result<()> {
                tries += 1;
                Err(locked())
            },
            std::time::Duration::from_millis(100),
            |d| slept += d,
        );
        assert!(matches!(held, Err(Error::Locked { .. })), "{held:?}");
        assert_eq!(slept, std::time::Duration::from_millis(100));
        assert_eq!(tries, 11);
        // Any other error is returned at once.
        let mut tries = 0;
        let other = wait_for_lock(
            || -> Result<()> {
                tries += 1;
                Err(Error::Corrupt("x".into()))
            },
            LOCK_WAIT,
            |_| panic!("slept on an error that is not a lock"),
        );
        assert!(matches!(other, Err(Error::Corrupt(_))));
        assert_eq!(tries, 1);
    }

    #[test]
    fn only_a_directory_this_process_opened_waits_for_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let zero = std::time::Duration::ZERO;
        // Never opened here: a lock on it is another process's, refused without waiting.
        assert_eq!(lock_wait_for(dir.path()), zero);
        assert_eq!(lock_wait_for(&dir.path().join("missing")), zero);
        let store = SledStore::open(dir.path()).unwrap();
        assert_eq!(lock_wait_for(dir.path()), LOCK_WAIT);
        // The same directory spelled another way is the same directory.
        assert_eq!(lock_wait_for(&dir.path().join(".")), LOCK_WAIT);
        drop(store);
        // Closed here: its lock may still be ours for a moment.
        assert_eq!(lock_wait_for(dir.path()), LOCK_WAIT);
        let other = tempfile::tempdir().unwrap();
        assert_eq!(lock_wait_for(other.path()), zero);
    }

    #[tokio::test]
    async fn reopen_keeps_everything_and_second_process_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = SledStore::open(dir.path()).unwrap();
            store.put_document(&write("a", "p"), &KeepExisting).unwrap();
            store.flush().await.unwrap();
        }
        let store = SledStore::open(dir.path()).unwrap();
        assert!(store.stored_document("a").unwrap().is_some());
        drop(store);
        // Damage to the files gives an error that says what to do, never a panic.
        for name in ["conf", "db"] {
            let f = dir.path().join(name);
            if f.exists() {
                std::fs::write(&f, b"\x00garbage\xffnot a sled file at all").unwrap();
            }
        }
        match SledStore::open(dir.path()) {
            Err(e) => assert!(
                e.to_string()
                    .contains("restore it from a `parkgraph export`"),
                "{e}"
            ),
            Ok(s) => panic!(
                "opened a damaged store: {:?}",
                s.stored_document("a").map(|d| d.is_some())
            ),
        }
        // sled locks the directory per process; within one process a second open shares the
        // cache, so the refusal is tested end to end with two processes in tests/.
    }
}

#[cfg(test)]
mod contention_tests {
    use super::*;
    use crate::KeepExisting;

    #[test]
    fn concurrent_puts_of_one_document_create_it_once() {
        let store = std::sync::Arc::new(SledStore::temporary().unwrap());
        let write = DocumentWrite {
            document: Document {
                id: "same".into(),
                ..Default::default()
            },
            parks: vec![Park {
                id: "p".into(),
                ..Default::default()
            }],
            statistics: (0..40)
                .map(|i| Statistic {
                    id: format!("s{i}"),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let start = std::time::Instant::now();
        let handles: Vec<_> = (0..32)
            .map(|_| {
                let (store, write) = (store.clone(), write.clone());
                std::thread::spawn(move || {
                    store.put_document(&write, &KeepExisting).unwrap().created
                })
            })
            .collect();
        let created = handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .filter(|c| *c)
            .count();
        assert_eq!(created, 1);
        eprintln!("32 concurrent puts took {:?}", start.elapsed());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_flushes_all_complete() {
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(SledStore::open(dir.path()).unwrap());
        let start = std::time::Instant::now();
        let tasks: Vec<_> = (0..32)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let write = DocumentWrite {
                        document: Document {
                            id: format!("d{i}"),
                            ..Default::default()
                        },
                        ..Default::default()
                    };
                    let s2 = store.clone();
                    tokio::task::spawn_blocking(move || {
                        s2.put_document(&write, &KeepExisting).unwrap()
                    })
                    .await
                    .unwrap();
                    store.flush().await.unwrap();
                })
            })
            .collect();
        for t in tasks {
            tokio::time::timeout(std::time::Duration::from_secs(20), t)
                .await
                .expect("flush finishes")
                .unwrap();
        }
        eprintln!("32 concurrent put+flush took {:?}", start.elapsed());
    }
}
