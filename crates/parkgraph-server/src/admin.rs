//! Offline store maintenance: `export`, `import` and `reindex`. They open the store directory
//! themselves, so the server must be stopped (sled's lock refuses a second process).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use parkgraph_proto::v1::Document;
use parkgraph_store::{get_message, Collection, SledStore, Store};
use serde::{Deserialize, Serialize};

use crate::pipeline::{document_id, store_in_order, Pipeline};
use crate::Error;

/// One exported document: the raw bytes are the source of truth, records are re-derived.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExportLine {
    /// Document id (hex sha256 of the bytes).
    pub id: String,
    /// Where it was ingested from.
    #[serde(default)]
    pub uri: String,
    /// The plugin that parsed it.
    #[serde(default)]
    pub source_format: String,
    /// The raw bytes, base64.
    pub content_base64: String,
}

/// Writes every stored document as one JSON line. Returns how many.
pub fn export(store: &dyn Store, out: &mut dyn Write) -> Result<usize, Error> {
    let mut n = 0;
    for entry in store.scan(Collection::Raw, None) {
        let (id, raw) = entry?;
        let doc: Document = get_message(store, Collection::Documents, &id)?.unwrap_or_default();
        let line = ExportLine {
            id,
            uri: doc.uri.clone(),
            source_format: doc.source_format().as_str_name().to_string(),
            content_base64: STANDARD.encode(raw),
        };
        let json = serde_json::to_string(&line).map_err(|e| Error::Internal(e.to_string()))?;
        writeln!(out, "{json}").map_err(|e| Error::Internal(format!("writing the export: {e}")))?;
        n += 1;
    }
    Ok(n)
}

/// Ingests every line of an export (idempotent), extracting each document while the one before
/// it is written. Returns (lines, new documents). A bad line stops the import: the lines before
/// it are stored, none after.
pub fn import(
    store: &dyn Store,
    pipeline: &Pipeline,
    input: &mut dyn BufRead,
) -> Result<(usize, usize), Error> {
    let prepared = input.lines().enumerate().filter_map(|(i, line)| {
        let at = |what: String| Error::Config(format!("import line {}: {what}", i + 1));
        let prepare = || {
            let line = line.map_err(|e| Error::Internal(format!("reading the export: {e}")))?;
            if line.trim().is_empty() {
                return Ok(None);
            }
            let entry: ExportLine =
                serde_json::from_str(&line).map_err(|e| at(format!("not an export line: {e}")))?;
            let bytes = STANDARD
                .decode(&entry.content_base64)
                .map_err(|e| at(format!("content_base64: {e}")))?;
            if document_id(&bytes) != entry.id {
                return Err(at(format!("content does not hash to id {}", entry.id)));
            }
            let format = (!entry.source_format.is_empty()
                && entry.source_format != "SOURCE_FORMAT_UNSPECIFIED")
                .then_some(entry.source_format.as_str());
            pipeline
                .prepare(store, &bytes, format, &entry.uri)
                .map(Some)
                .map_err(|e| at(e.to_string()))
        };
        prepare().transpose()
    });
    let done = store_in_order(store, prepared)?;
    Ok((done.documents, done.created))
}

/// Re-extracts every stored document with the current normaliser into a fresh store (one atomic
/// write per document), then swaps it in; the old store is kept beside it as `<path>.bak-<time>`.
/// Returns the number of documents and the backup path.
pub async fn reindex(path: &Path, pipeline: &Pipeline) -> Result<(usize, PathBuf), Error> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let fresh_path = with_suffix(path, &format!("reindex-{stamp}"));
    let backup = with_suffix(path, &format!("bak-{stamp}"));
    let n = {
        let old = SledStore::open(path)?;
        let fresh = SledStore::open(&fresh_path)?;
        let prepared = old.scan(Collection::Raw, None).map(|entry| {
            let (id, raw) = entry?;
            let doc: Document = get_message(&old, Collection::Documents, &id)?.unwrap_or_default();
            pipeline
                .prepare(&fresh, &raw, None, &doc.uri)
                .map_err(|e| Error::Internal(format!("reindexing documents/{id}: {e}")))
        });
        let n = store_in_order(&fresh, prepared)?.documents;
        fresh.flush().await?;
        n
    };
    std::fs::rename(path, &backup)
        .map_err(|e| Error::Internal(format!("moving the old store aside: {e}")))?;
    std::fs::rename(&fresh_path, path)
        .map_err(|e| Error::Internal(format!("moving the new store in: {e}")))?;
    Ok((n, backup))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".{suffix}"));
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Vec<u8>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }

    #[test]
    fn an_export_imports_into_a_new_store_with_the_same_records() {
        let pipeline = Pipeline::default();
        let from = SledStore::temporary().unwrap();
        for (i, bytes) in seeds().iter().enumerate() {
            pipeline
                .ingest(&from, bytes, None, &format!("seed:{i}"))
                .unwrap();
        }
        let mut export_text = Vec::new();
        assert_eq!(export(&from, &mut export_text).unwrap(), 5);
        // Twice: the second import finds every document stored.
        let twice = [export_text.clone(), export_text].concat();
        let to = SledStore::temporary().unwrap();
        assert_eq!(import(&to, &pipeline, &mut &twice[..]).unwrap(), (10, 5));
        for c in [
            Collection::Parks,
            Collection::Statistics,
            Collection::Clusters,
        ] {
            let ids = |s: &SledStore| -> Vec<(String, Vec<u8>)> {
                s.scan(c, None).map(|e| e.unwrap()).collect()
            };
            assert_eq!(ids(&from).len(), ids(&to).len(), "{c:?}");
        }
    }

    #[test]
    fn a_bad_line_stops_the_import_after_the_lines_before_it() {
        let pipeline = Pipeline::default();
        let line = |bytes: &[u8]| {
            let l = ExportLine {
                id: document_id(bytes),
                uri: String::new(),
                source_format: String::new(),
                content_base64: STANDARD.encode(bytes),
            };
            serde_json::to_string(&l).unwrap()
        };
        let seeds = seeds();
        let text = format!(
            "{}\n{}\nnot json\n{}\n",
            line(&seeds[0]),
            line(&seeds[1]),
            line(&seeds[2])
        );
        let store = SledStore::temporary().unwrap();
        let err = import(&store, &pipeline, &mut text.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("import line 3"), "{err}");
        assert!(store
            .stored_document(&document_id(&seeds[1]))
            .unwrap()
            .is_some());
        assert!(store
            .stored_document(&document_id(&seeds[2]))
            .unwrap()
            .is_none());
        assert_eq!(store.len(Collection::Documents), 2);
    }
}
