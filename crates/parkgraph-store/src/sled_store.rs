use std::path::Path;

use parkgraph_proto::v1::{Company, Document, IndustryCluster, Park, Statistic};
use prost::Message;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::Transactional;

use crate::{
    decode, get_message, index_keys, BoxFuture, Collection, DocumentWrite, Error, Index, Merger,
    PutOutcome, Result, Scan, Store, StoredDocument,
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

/// The embedded sled store: one tree per collection plus a per-document index.
pub struct SledStore {
    db: sled::Db,
    // sled 0.34's flush_async hangs when several run at once (seen with 32 concurrent ingests);
    // one at a time is fine, and a flush covers every write made before it started.
    flush_lock: tokio::sync::Mutex<()>,
    trees: [sled::Tree; 6],
    doc_index: sled::Tree,
    stat_index: sled::Tree,
}

type TxError = ConflictableTransactionError<Error>;

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
        let db = opened.map_err(|e| match &e {
            sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
                Error::Locked {
                    path: shown.clone(),
                }
            }
            _ => Error::Open {
                path: shown.clone(),
                reason: e.to_string(),
            },
        })?;
        Self::from_db(db)
    }

    /// A store in a temporary directory that is removed when dropped (tests, benchmarks).
    pub fn temporary() -> Result<Self> {
        Self::from_db(sled::Config::new().temporary(true).open()?)
    }

    fn from_db(db: sled::Db) -> Result<Self> {
        let open = |c: Collection| db.open_tree(c.as_str());
        let trees = [
            open(Collection::ALL[0])?,
            open(Collection::ALL[1])?,
            open(Collection::ALL[2])?,
            open(Collection::ALL[3])?,
            open(Collection::ALL[4])?,
            open(Collection::ALL[5])?,
        ];
        let doc_index = db.open_tree("doc_index")?;
        let stat_index = db.open_tree("stat_index")?;
        Ok(Self {
            db,
            trees,
            doc_index,
            stat_index,
            flush_lock: tokio::sync::Mutex::new(()),
        })
    }

    fn tree(&self, c: Collection) -> &sled::Tree {
        let i = Collection::ALL.iter().position(|x| *x == c).unwrap_or(0);
        &self.trees[i]
    }
}

fn tx_get<M: Message + Default>(
    tree: &TransactionalTree,
    c: Collection,
    id: &str,
) -> std::result::Result<Option<M>, TxError> {
    match tree.get(id.as_bytes())? {
        Some(bytes) => decode(c, id, &bytes).map(Some).map_err(TxError::Abort),
        None => Ok(None),
    }
}

/// Writes `items` into `tree`, merging each with the stored record of the same id.
fn tx_merge<M: Message + Default + Clone>(
    tree: &TransactionalTree,
    c: Collection,
    items: &[M],
    id_of: impl Fn(&M) -> &str,
    merge: impl Fn(&M, &M) -> M,
) -> std::result::Result<Vec<M>, TxError> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let id = id_of(item);
        let merged = match tx_get::<M>(tree, c, id)? {
            Some(existing) => merge(&existing, item),
            None => item.clone(),
        };
        tree.insert(id.as_bytes(), merged.encode_to_vec())?;
        out.push(merged);
    }
    Ok(out)
}

impl Store for SledStore {
    fn put_document(&self, write: &DocumentWrite, merger: &dyn Merger) -> Result<PutOutcome> {
        let id = write.document.id.as_str();
        let doc_bytes = write.document.encode_to_vec();
        let [docs, raw, parks, clusters, stats, companies] = &self.trees;
        let result = (
            docs,
            raw,
            parks,
            clusters,
            stats,
            companies,
            &self.doc_index,
            &self.stat_index,
        )
            .transaction(
                |(docs, raw, parks, clusters, stats, companies, index, stat_index)| {
                    if docs.get(id.as_bytes())?.is_some() {
                        return Ok(None);
                    }
                    docs.insert(id.as_bytes(), doc_bytes.as_slice())?;
                    raw.insert(id.as_bytes(), write.raw.as_slice())?;
                    let stored_parks = tx_merge(
                        parks,
                        Collection::Parks,
                        &write.parks,
                        |p| &p.id,
                        |a, b| merger.park(a, b),
                    )?;
                    let stored_clusters = tx_merge(
                        clusters,
                        Collection::Clusters,
                        &write.clusters,
                        |c| &c.id,
                        |a, b| merger.cluster(a, b),
                    )?;
                    let stored_companies = tx_merge(
                        companies,
                        Collection::Companies,
                        &write.companies,
                        |c| &c.name,
                        |a, b| merger.company(a, b),
                    )?;
                    for s in &write.statistics {
                        stats.insert(s.id.as_bytes(), s.encode_to_vec())?;
                        for key in index_keys(s) {
                            stat_index.insert(key.as_bytes(), &[])?;
                        }
                    }
                    let idx = DocIndex {
                        parks: write.parks.iter().map(|p| p.id.clone()).collect(),
                        clusters: write.clusters.iter().map(|c| c.id.clone()).collect(),
                        statistics: write.statistics.iter().map(|s| s.id.clone()).collect(),
                        companies: write.companies.iter().map(|c| c.name.clone()).collect(),
                    };
                    index.insert(id.as_bytes(), idx.encode_to_vec())?;
                    Ok(Some(StoredDocument {
                        document: write.document.clone(),
                        parks: stored_parks,
                        clusters: stored_clusters,
                        statistics: write.statistics.clone(),
                        companies: stored_companies,
                    }))
                },
            );
        match result {
            Ok(Some(stored)) => Ok(PutOutcome {
                created: true,
                stored,
            }),
            Ok(None) => {
                let stored = self
                    .stored_document(id)?
                    .ok_or_else(|| Error::Corrupt(format!("documents/{id}: index missing")))?;
                Ok(PutOutcome {
                    created: false,
                    stored,
                })
            }
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(Error::Sled(e)),
        }
    }

    fn get(&self, collection: Collection, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .tree(collection)
            .get(id.as_bytes())?
            .map(|v| v.to_vec()))
    }

    fn scan(&self, collection: Collection, after: Option<&str>) -> Scan<'_> {
        let tree = self.tree(collection);
        let iter = match after {
            Some(a) => tree.range::<&[u8], _>((
                std::ops::Bound::Excluded(a.as_bytes()),
                std::ops::Bound::Unbounded,
            )),
            None => tree.iter(),
        };
        Box::new(iter.map(|kv| {
            let (k, v) = kv?;
            Ok((String::from_utf8_lossy(&k).into_owned(), v.to_vec()))
        }))
    }

    fn stored_document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let Some(document) = get_message::<Document>(self, Collection::Documents, id)? else {
            return Ok(None);
        };
        let idx: DocIndex = match self.doc_index.get(id.as_bytes())? {
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

    fn scan_index(&self, index: Index, value: &str, after: Option<&str>) -> Scan<'_> {
        let prefix = index.prefix(value);
        let start = match after {
            // Just past `{prefix}{after}`: appending a 0 byte gives the next possible key.
            Some(a) => format!("{prefix}{a}\0"),
            None => prefix.clone(),
        };
        let stats = self.tree(Collection::Statistics);
        let iter = self
            .stat_index
            .range(start.as_bytes()..)
            .take_while(move |kv| {
                kv.as_ref()
                    .map_or(true, |(k, _)| k.starts_with(prefix.as_bytes()))
            })
            .filter_map(move |kv| {
                let (k, _) = match kv {
                    Ok(kv) => kv,
                    Err(e) => return Some(Err(Error::Sled(e))),
                };
                let key = String::from_utf8_lossy(&k).into_owned();
                let id = key.rsplit('\u{1f}').next().unwrap_or_default().to_string();
                match stats.get(id.as_bytes()) {
                    Ok(Some(v)) => Some(Ok((id, v.to_vec()))),
                    Ok(None) => None, // an index entry always has its record; skip defensively
                    Err(e) => Some(Err(Error::Sled(e))),
                }
            });
        Box::new(iter)
    }

    fn len(&self, collection: Collection) -> usize {
        self.tree(collection).len()
    }

    fn flush(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let _one_at_a_time = self.flush_lock.lock().await;
            self.db.flush_async().await?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KeepExisting;

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
        let by_metric: Vec<String> = store
            .scan_index(Index::StatisticsByMetric, "0", None)
            .map(|r| r.unwrap().0)
            .collect();
        assert_eq!(by_metric, vec!["a-1", "b-1"]);
        let after: Vec<String> = store
            .scan_index(Index::StatisticsByMetric, "0", Some("a-1"))
            .map(|r| r.unwrap().0)
            .collect();
        assert_eq!(after, vec!["b-1"]);
        assert_eq!(
            store
                .scan_index(Index::StatisticsByMetric, "7", None)
                .count(),
            0
        );
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
