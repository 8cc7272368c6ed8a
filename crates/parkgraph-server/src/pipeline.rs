//! The ingestion pipeline: bytes → plugin (sniff, parse) → parsed document → normaliser
//! (extract, resolve) → records → store (one atomic write per document).

use parkgraph_ingest::{registry, Registry};
use parkgraph_normalize::{normalize, Records};
use parkgraph_proto::v1::{Company, IndustryCluster, Park};
use parkgraph_store::{DocumentWrite, Merger, PutOutcome, Store};
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
        let id = document_id(bytes);
        if let Some(stored) = store.stored_document(&id)? {
            return Ok(PutOutcome {
                created: false,
                stored,
            });
        }
        let records = self.extract(bytes, format, uri)?;
        let mut document = records.document;
        let now = std::time::SystemTime::now();
        document.ingest_time = Some(prost_types::Timestamp::from(now));
        let write = DocumentWrite {
            document,
            raw: bytes.to_vec(),
            parks: records.parks,
            clusters: records.clusters,
            statistics: records.statistics,
            companies: records.companies,
        };
        Ok(store.put_document(&write, &Resolver)?)
    }
}
