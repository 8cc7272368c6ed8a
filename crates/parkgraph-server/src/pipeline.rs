//! The ingestion pipeline: bytes → plugin (sniff, parse) → parsed document → normaliser
//! (extract, resolve) → records → store (one atomic write per document).

use parkgraph_ingest::{registry, Registry};
use parkgraph_normalize::{normalize, Records};
use parkgraph_proto::v1::{Company, IndustryCluster, Park};
use parkgraph_store::{DocumentWrite, Merger, PutOutcome, Store, StoredDocument};
use sha2::{Digest, Sha256};

use crate::Error;

/// Entity resolution across documents, from the normaliser.
pub struct Resolver;

impl Merger for Resolver {
    fn park(&self, existing: &Park, incoming: &Park) -> Park {
        parkgraph_normalize::resolve::merge_park(existing, incoming)
    }
    fn cluster(&self, existing: &IndustryCluster, incoming: &IndustryCluster) -> IndustryCluster {
        parkgraph_normalize::resolve::merge_cluster(existing, incoming)
    }
    fn company(&self, existing: &Company, incoming: &Company) -> Company {
        parkgraph_normalize::resolve::merge_company(existing, incoming)
    }
}

/// Hex sha256 of the raw bytes: a document's id.
pub fn document_id(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Documents larger than this are refused unless configured otherwise (`server.max_document_bytes`).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// Plugins plus normaliser.
pub struct Pipeline {
    registry: Registry,
    max_document_bytes: usize,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_DOCUMENT_BYTES)
    }
}

impl Pipeline {
    /// A pipeline with the registered plugins that refuses documents over `max_document_bytes`.
    pub fn new(max_document_bytes: usize) -> Self {
        Self {
            registry: registry(),
            max_document_bytes,
        }
    }

    /// The plugin registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Parses and normalises one document without storing it.
    pub fn extract(&self, bytes: &[u8], format: Option<&str>, uri: &str) -> Result<Records, Error> {
        if bytes.len() > self.max_document_bytes {
            return Err(Error::TooLarge {
                what: "the document",
                size: bytes.len(),
                limit: self.max_document_bytes,
                setting: "server.max_document_bytes",
            });
        }
        let parsed = self.registry.parse(bytes, format)?;
        Ok(normalize(&parsed, &document_id(bytes), bytes.len(), uri))
    }

    /// Extracts and stores one document in one atomic write (not yet flushed). Bytes already
    /// stored are not extracted again: their stored records come back with `created = false`.
    pub fn ingest(
        &self,
        store: &dyn Store,
        bytes: &[u8],
        format: Option<&str>,
        uri: &str,
    ) -> Result<PutOutcome, Error> {
        match self.prepare(store, bytes, format, uri)? {
            Prepared::Stored(stored) => Ok(PutOutcome {
                created: false,
                stored: *stored,
            }),
            Prepared::New(write) => Ok(store.put_document(&write, &Resolver)?),
        }
    }

    /// Everything [`Pipeline::ingest`] does before the write: the stored records when the bytes
    /// are already stored, otherwise the extracted write.
    pub fn prepare(
        &self,
        store: &dyn Store,
        bytes: &[u8],
        format: Option<&str>,
        uri: &str,
    ) -> Result<Prepared, Error> {
        let id = document_id(bytes);
        if let Some(stored) = store.stored_document(&id)? {
            return Ok(Prepared::Stored(Box::new(stored)));
        }
        let records = self.extract(bytes, format, uri)?;
        let mut document = records.document;
        let now = std::time::SystemTime::now();
        document.ingest_time = Some(prost_types::Timestamp::from(now));
        Ok(Prepared::New(Box::new(DocumentWrite {
            document,
            raw: bytes.to_vec(),
            parks: records.parks,
            clusters: records.clusters,
            statistics: records.statistics,
            companies: records.companies,
        })))
    }
}

/// A document ready to store.
#[derive(Debug)]
pub enum Prepared {
    /// Already stored: its stored records.
    Stored(Box<StoredDocument>),
    /// New: the write that stores it.
    New(Box<DocumentWrite>),
}

/// What [`store_in_order`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    /// Documents taken, stored before or now.
    pub documents: usize,
    /// Documents written now.
    pub created: usize,
}

/// Prepared documents in a queue to the writer: enough to keep it busy while this thread
/// extracts, few enough that a failed run has not extracted far ahead.
const WRITE_QUEUE: usize = 16;

/// Stores `prepared` in order, one atomic write per document (not yet flushed), on a second
/// thread while this one produces the next (extraction runs beside the store's writes: bulk
/// ingestion costs about the store's time instead of the sum of both). The first error, from
/// `prepared` or from a write, stops it: every document before it is written, none after.
pub fn store_in_order<E>(
    store: &dyn Store,
    prepared: impl Iterator<Item = Result<Prepared, E>>,
) -> Result<Stored, E>
where
    E: From<Error> + Send,
{
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Prepared>(WRITE_QUEUE);
        let writer = s.spawn(move || -> Result<Stored, Error> {
            let mut done = Stored::default();
            for p in rx {
                // A document repeated within the queue was prepared twice; its second write
                // finds it stored and changes nothing.
                if let Prepared::New(write) = p {
                    done.created += usize::from(store.write_document(&write, &Resolver)?);
                }
                done.documents += 1;
            }
            Ok(done)
        });
        let mut failed = None;
        for item in prepared {
            match item {
                // A send fails only when the writer stopped on an error: it is returned below.
                Ok(p) => {
                    if tx.send(p).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        drop(tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the store writer panicked".into())));
        match (failed, written) {
            (_, Err(e)) => Err(e.into()),
            (Some(e), Ok(_)) => Err(e),
            (None, Ok(done)) => Ok(done),
        }
    })
}
