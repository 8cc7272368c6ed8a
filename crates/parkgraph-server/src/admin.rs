//! Offline store maintenance: `export`, `import` and `reindex`. They open the store directory
//! themselves, so the server must be stopped (sled's lock refuses a second process).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use parkgraph_proto::v1::Document;
use parkgraph_store::{get_message, Collection, SledStore, Store};
use serde::{Deserialize, Serialize};

use crate::pipeline::{document_id, Pipeline};
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

/// Ingests every line of an export (idempotent). Returns (lines, new documents).
pub fn import(
    store: &dyn Store,
    pipeline: &Pipeline,
    input: &mut dyn BufRead,
) -> Result<(usize, usize), Error> {
    let (mut lines, mut created) = (0, 0);
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Error::Internal(format!("reading the export: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = |what: String| Error::Config(format!("import line {}: {what}", i + 1));
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
        let outcome = pipeline
            .ingest(store, &bytes, format, &entry.uri)
            .map_err(|e| at(e.to_string()))?;
        lines += 1;
        created += usize::from(outcome.created);
    }
    Ok((lines, created))
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
        let mut n = 0;
        for entry in old.scan(Collection::Raw, None) {
            let (id, raw) = entry?;
            let doc: Document = get_message(&old, Collection::Documents, &id)?.unwrap_or_default();
            pipeline
                .ingest(&fresh, &raw, None, &doc.uri)
                .map_err(|e| Error::Internal(format!("reindexing documents/{id}: {e}")))?;
            n += 1;
        }
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
