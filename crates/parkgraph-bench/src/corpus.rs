//! The documents benchmarks read: the seeds, the shared Eastmoney corpus (read in place, never
//! copied), and directory helpers.

use std::io;
use std::path::{Path, PathBuf};

/// One input document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// File name or synthetic name.
    pub name: String,
    /// Raw bytes.
    pub bytes: Vec<u8>,
}

/// Total bytes of `docs`.
pub fn total_bytes(docs: &[Doc]) -> u64 {
    docs.iter().map(|d| d.bytes.len() as u64).sum()
}

/// The workspace root (this crate lives in `crates/parkgraph-bench`).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.join("..").join("..");
    root.canonicalize().unwrap_or(root)
}

/// `seeds/` of the workspace.
pub fn seeds_dir() -> PathBuf {
    workspace_root().join("seeds")
}

/// `../shared/corpus/eastmoney` relative to the workspace root.
pub fn eastmoney_dir() -> PathBuf {
    workspace_root()
        .join("..")
        .join("shared")
        .join("corpus")
        .join("eastmoney")
}

/// Every regular file of `dir`, sorted by name.
pub fn read_dir(dir: &Path) -> io::Result<Vec<Doc>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            Ok(Doc {
                name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                bytes: std::fs::read(&p)?,
            })
        })
        .collect()
}

/// The seeds.
pub fn seeds() -> io::Result<Vec<Doc>> {
    read_dir(&seeds_dir())
}

/// The Eastmoney corpus, or `None` when `dir` is absent (then the caller says so and skips).
pub fn optional(dir: &Path) -> io::Result<Option<Vec<Doc>>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    read_dir(dir).map(Some)
}

/// Bytes on disk under `dir`: (apparent size, allocated size), recursively.
pub fn dir_size(dir: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let mut apparent = 0;
    let mut allocated = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                stack.push(e.path());
            } else {
                apparent += m.len();
                allocated += m.blocks() * 512;
            }
        }
    }
    (apparent, allocated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_found_and_sizes_add_up() {
        let seeds = seeds().unwrap();
        assert!(!seeds.is_empty());
        let (apparent, _) = dir_size(&seeds_dir());
        assert_eq!(apparent, total_bytes(&seeds));
        assert!(optional(&seeds_dir().join("no-such-dir"))
            .unwrap()
            .is_none());
    }
}
