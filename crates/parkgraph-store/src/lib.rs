//! Persistence for documents and their records, behind the [`Store`] trait.
//!
//! One document is one atomic write: the document, its raw bytes, its records (parks and clusters
//! merged with what other documents said), and the per-document index go in one atomic write, so a
//! reader or a crash never sees half a document. [`SledStore`] is the embedded default.
//!
//! A park, cluster or company keeps the `sources` and `evidence` of the document that first
//! named it (and one claim per value of a field); what each later document adds is a *mention*
//! under its own key, appended on read.
//! So a write costs the same whether a park has one source or thousands.

mod error;
mod sled_store;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use parkgraph_proto::v1::{
    Company, Document, Evidence, FieldClaim, IndustryCluster, Park, Statistic,
};

pub use error::Error;
pub use sled_store::{SledStore, Space, RECORDS_TREE};

/// Result alias for store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// The collections a store holds, each keyed by resource id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Collection {
    /// `Document` messages.
    Documents,
    /// Raw bytes of each document, as received.
    Raw,
    /// `Park` messages.
    Parks,
    /// `IndustryCluster` messages.
    Clusters,
    /// `Statistic` messages.
    Statistics,
    /// `Company` messages.
    Companies,
}

impl Collection {
    /// Every collection, in a fixed order.
    pub const ALL: [Collection; 6] = [
        Collection::Documents,
        Collection::Raw,
        Collection::Parks,
        Collection::Clusters,
        Collection::Statistics,
        Collection::Companies,
    ];

    /// Stable name (in error messages, and the tree name of stores before layout 3).
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::Documents => "documents",
            Collection::Raw => "raw",
            Collection::Parks => "parks",
            Collection::Clusters => "clusters",
            Collection::Statistics => "statistics",
            Collection::Companies => "companies",
        }
    }
}

/// Secondary indexes over statistics, written in the same atomic write as the records. Entries are
/// ordered by statistic id within one value, so an index scan pages exactly like a full scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Index {
    /// By document id and by document resource name.
    StatisticsByDocument,
    /// By subject id and by subject name, both lower-cased.
    StatisticsBySubject,
    /// By metric enum number.
    StatisticsByMetric,
    /// By each year of the period (the `year` filter matches any year of it); a period longer
    /// than [`MAX_FILED_YEARS`] is filed once, under [`WIDE_PERIOD`].
    StatisticsByYear,
}

/// The longest period filed year by year in [`Index::StatisticsByYear`]: one entry per year
/// keeps `year = N` a prefix lookup, and the cap keeps an absurd period (an imported record
/// claiming years 1..2^31) from writing billions of entries.
pub const MAX_FILED_YEARS: i64 = 64;

/// The [`Index::StatisticsByYear`] value of periods longer than [`MAX_FILED_YEARS`]; a year
/// lookup reads these too, and the filter decides.
pub const WIDE_PERIOD: &str = "wide";

impl Index {
    fn tag(self) -> &'static str {
        match self {
            Index::StatisticsByDocument => "d",
            Index::StatisticsBySubject => "s",
            Index::StatisticsByMetric => "m",
            Index::StatisticsByYear => "y",
        }
    }

    /// The index key prefix for `value`: `{tag}\x1f{value}\x1f`.
    pub fn prefix(self, value: &str) -> String {
        format!("{}\u{1f}{value}\u{1f}", self.tag())
    }
}

/// Every `(index, value)` a statistic is filed under.
pub fn index_values(s: &Statistic) -> Vec<(Index, String)> {
    let mut out = Vec::new();
    if let Some(e) = &s.evidence {
        for v in [&e.document_id, &e.document] {
            if !v.is_empty() {
                out.push((Index::StatisticsByDocument, v.clone()));
            }
        }
    }
    if let Some(sub) = &s.subject {
        for v in [&sub.id, &sub.name] {
            let v = v.to_lowercase();
            if !v.is_empty() && !out.contains(&(Index::StatisticsBySubject, v.clone())) {
                out.push((Index::StatisticsBySubject, v));
            }
        }
    }
    out.push((Index::StatisticsByMetric, s.metric.to_string()));
    if let Some((start, end)) = period_years(s) {
        if end - start < MAX_FILED_YEARS {
            out.extend((start..=end).map(|y| (Index::StatisticsByYear, y.to_string())));
        } else {
            out.push((Index::StatisticsByYear, WIDE_PERIOD.to_string()));
        }
    }
    out
}

/// The years of a statistic's period, first and last, as the `year` filter and its index read
/// them: none when the start is 0, and the end at least the start.
pub fn period_years(s: &Statistic) -> Option<(i64, i64)> {
    s.period
        .as_ref()
        .filter(|p| p.start_year != 0)
        .map(|p| (p.start_year.into(), p.end_year.max(p.start_year).into()))
}

/// The index keys of a statistic: `{prefix}{statistic id}` for each of its `index_values`.
pub fn index_keys(s: &Statistic) -> Vec<String> {
    index_values(s)
        .into_iter()
        .map(|(ix, value)| format!("{}{}", ix.prefix(&value), s.id))
        .collect()
}

/// What one document added to a record's `sources` and `evidence`.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct Mention {
    #[prost(string, repeated, tag = "1")]
    pub(crate) sources: Vec<String>,
    #[prost(message, repeated, tag = "2")]
    pub(crate) evidence: Vec<Evidence>,
    /// Claims that repeat a value the record already has a claim for (another document saying
    /// the same); a claim with a new value stays on the record, where disagreement shows.
    #[prost(message, repeated, tag = "3")]
    pub(crate) claims: Vec<FieldClaim>,
}

/// The key prefix of a record's mentions: `{collection}\x1f{id}\x1f`.
pub fn mention_prefix(collection: Collection, id: &str) -> Vec<u8> {
    format!("{}\u{1f}{id}\u{1f}", collection.as_str()).into_bytes()
}

/// The key of one mention: its prefix and a big-endian sequence number, so keys sort in ingest
/// order.
pub fn mention_key(collection: Collection, id: &str, sequence: u64) -> Vec<u8> {
    let mut key = mention_prefix(collection, id);
    key.extend_from_slice(&sequence.to_be_bytes());
    key
}

/// The stored value of a mention.
pub fn encode_mention(sources: &[String], evidence: &[Evidence], claims: &[FieldClaim]) -> Vec<u8> {
    let mention = Mention {
        sources: sources.to_vec(),
        evidence: evidence.to_vec(),
        claims: claims.to_vec(),
    };
    prost::Message::encode_to_vec(&mention)
}

/// Everything one document contributes, written together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentWrite {
    /// The document (its `id` is the key).
    pub document: Document,
    /// The raw bytes.
    pub raw: Vec<u8>,
    /// Parks as this document describes them; merged into stored parks with the same id.
    pub parks: Vec<Park>,
    /// Clusters as this document describes them; merged likewise.
    pub clusters: Vec<IndustryCluster>,
    /// Statistics of this document (ids are per document, never merged).
    pub statistics: Vec<Statistic>,
    /// Companies named by this document; merged likewise.
    pub companies: Vec<Company>,
}

/// The records of one stored document, as stored (parks and clusters after merging).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredDocument {
    /// The document.
    pub document: Document,
    /// Its parks, as currently stored.
    pub parks: Vec<Park>,
    /// Its clusters, as currently stored.
    pub clusters: Vec<IndustryCluster>,
    /// Its statistics.
    pub statistics: Vec<Statistic>,
    /// Its companies, as currently stored.
    pub companies: Vec<Company>,
}

/// Outcome of [`Store::put_document`].
#[derive(Debug, Clone, PartialEq)]
pub struct PutOutcome {
    /// False when the document was already stored (nothing was written).
    pub created: bool,
    /// The document's records as stored after the write.
    pub stored: StoredDocument,
}

/// How records of the same entity from different documents are combined.
/// The normaliser's entity resolution provides the real one.
pub trait Merger: Send + Sync {
    /// `existing` is stored, `incoming` comes from a new document with the same id.
    fn park(&self, existing: &Park, incoming: &Park) -> Park;
    /// Same for clusters.
    fn cluster(&self, existing: &IndustryCluster, incoming: &IndustryCluster) -> IndustryCluster;
    /// Same for companies.
    fn company(&self, existing: &Company, incoming: &Company) -> Company;
}

/// A boxed future, so the trait stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Iterator over `(id, encoded message)` pairs in id order.
pub type Scan<'a> = Box<dyn Iterator<Item = Result<(String, Vec<u8>)>> + Send + 'a>;

/// Iterator over ids in ascending order.
pub type Ids<'a> = Box<dyn Iterator<Item = Result<String>> + Send + 'a>;

/// Iterator over `(id, decoded record)` pairs in id order, the records shared with the store.
pub type SharedScan<'a, M> = Box<dyn Iterator<Item = Result<(String, Arc<M>)>> + Send + 'a>;

/// A document store. Implementations must make [`Store::put_document`] atomic and idempotent.
pub trait Store: Send + Sync {
    /// Stores a document and its records in one atomic write; a document whose id is already
    /// stored is left as it is and its stored records are returned with `created = false`.
    /// Durable only after [`Store::flush`].
    fn put_document(&self, write: &DocumentWrite, merger: &dyn Merger) -> Result<PutOutcome>;
    /// Stores like [`Store::put_document`] without reading the stored records back; true when
    /// the document was new. For bulk loading (seeds, import, reindex), which drops those
    /// records: a record as readers see it carries the sources of every document that named it,
    /// so reading it back after each write costs as much as the documents that named it so far,
    /// and loading many documents about one park grew quadratically.
    fn write_document(&self, write: &DocumentWrite, merger: &dyn Merger) -> Result<bool> {
        Ok(self.put_document(write, merger)?.created)
    }
    /// The encoded message with this id, if any; parks, clusters and companies with the sources
    /// and evidence of every document that named them, in ingest order.
    fn get(&self, collection: Collection, id: &str) -> Result<Option<Vec<u8>>>;
    /// The park as [`Store::get`] returns it, decoded and shared: a store that keeps decoded
    /// records answers without parsing the record again.
    fn park(&self, id: &str) -> Result<Option<Arc<Park>>> {
        Ok(get_message(self, Collection::Parks, id)?.map(Arc::new))
    }
    /// The cluster, like [`Store::park`].
    fn cluster(&self, id: &str) -> Result<Option<Arc<IndustryCluster>>> {
        Ok(get_message(self, Collection::Clusters, id)?.map(Arc::new))
    }
    /// Parks in id order after `after` (exclusive), as [`Store::park`] returns them.
    fn scan_parks(&self, after: Option<&str>) -> SharedScan<'_, Park> {
        decoded_scan(self.scan(Collection::Parks, after), Collection::Parks)
    }
    /// Clusters, like [`Store::scan_parks`].
    fn scan_clusters(&self, after: Option<&str>) -> SharedScan<'_, IndustryCluster> {
        decoded_scan(self.scan(Collection::Clusters, after), Collection::Clusters)
    }
    /// Messages in id order, starting after `after` (exclusive) when given; records whole, as
    /// [`Store::get`] returns them.
    fn scan(&self, collection: Collection, after: Option<&str>) -> Scan<'_>;
    /// The records of a stored document.
    fn stored_document(&self, id: &str) -> Result<Option<StoredDocument>>;
    /// Ids of the statistics filed under `value` in `index`, ascending, from `from` (inclusive).
    /// A year's lookup also yields the statistics filed under [`WIDE_PERIOD`]: callers check the
    /// whole filter on the records.
    fn index_ids(&self, index: Index, value: &str, from: Option<&str>) -> Ids<'_>;
    /// Number of entries of a collection.
    fn len(&self, collection: Collection) -> usize;
    /// Makes every write so far durable.
    fn flush(&self) -> BoxFuture<'_, Result<()>>;
}

/// A scan's records decoded, for stores that keep no decoded records.
fn decoded_scan<M: prost::Message + Default + 'static>(
    scan: Scan<'_>,
    collection: Collection,
) -> SharedScan<'_, M> {
    Box::new(scan.map(move |entry| {
        let (id, bytes) = entry?;
        let record = decode(collection, &id, &bytes)?;
        Ok((id, Arc::new(record)))
    }))
}

/// Decodes the message with this id from `collection`.
pub fn get_message<M: prost::Message + Default>(
    store: &(impl Store + ?Sized),
    collection: Collection,
    id: &str,
) -> Result<Option<M>> {
    store
        .get(collection, id)?
        .map(|bytes| decode(collection, id, &bytes))
        .transpose()
}

/// Decodes a stored message, naming the record when the bytes are corrupt.
pub fn decode<M: prost::Message + Default>(
    collection: Collection,
    id: &str,
    bytes: &[u8],
) -> Result<M> {
    M::decode(bytes).map_err(|e| Error::Corrupt(format!("{}/{id}: {e}", collection.as_str())))
}

/// A merger that keeps the stored record and adds the new document to its sources; for tests
/// and tools that do not need entity resolution.
pub struct KeepExisting;

impl Merger for KeepExisting {
    fn park(&self, existing: &Park, incoming: &Park) -> Park {
        let mut out = existing.clone();
        add_sources(&mut out.sources, &incoming.sources);
        out
    }
    fn cluster(&self, existing: &IndustryCluster, incoming: &IndustryCluster) -> IndustryCluster {
        let mut out = existing.clone();
        add_sources(&mut out.sources, &incoming.sources);
        out
    }
    fn company(&self, existing: &Company, incoming: &Company) -> Company {
        let mut out = existing.clone();
        add_sources(&mut out.sources, &incoming.sources);
        out
    }
}

fn add_sources(into: &mut Vec<String>, from: &[String]) {
    for s in from {
        if !into.contains(s) {
            into.push(s.clone());
        }
    }
}
