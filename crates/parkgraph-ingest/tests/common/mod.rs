//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

use std::fmt::Write as _;
use std::path::PathBuf;

use parkgraph_ingest::ParsedDocument;

/// `tests/fixtures/{format}/…` files, sorted by name.
pub fn fixtures(format: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The seed fixture whose name starts with `prefix` (`"000"`), as bytes.
pub fn seed(format: &str, prefix: &str) -> Vec<u8> {
    let path = fixtures(format)
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no {format} fixture starting with {prefix}"));
    std::fs::read(path).expect("readable fixture")
}

/// Every field of a document in a YAML-like layout with the body as a literal block, so that
/// snapshots are readable and a new field fails to compile here until it is rendered.
pub fn render(doc: &ParsedDocument) -> String {
    let ParsedDocument {
        format,
        title,
        section,
        tags,
        published,
        url,
        origin,
        summary,
        body,
        stocks,
        aliases,
        warnings,
    } = doc;
    let mut out = String::new();
    let _ = writeln!(out, "format: {format}");
    let _ = writeln!(out, "language: {}", doc.language());
    let _ = writeln!(out, "title: {title:?}");
    let _ = writeln!(out, "section: {section:?}");
    let _ = writeln!(out, "tags: {tags:?}");
    let _ = writeln!(
        out,
        "published: {}",
        published.map_or("~".to_string(), |p| p.to_rfc3339())
    );
    let _ = writeln!(out, "url: {url:?}");
    let _ = writeln!(out, "origin: {origin:?}");
    let _ = writeln!(out, "summary: {summary:?}");
    let _ = writeln!(out, "stocks:");
    for s in stocks {
        let _ = writeln!(out, "  - {} {} {}", s.market.code(), s.code, s.name);
    }
    let _ = writeln!(out, "aliases: {aliases:?}");
    let _ = writeln!(out, "warnings: {warnings:?}");
    let _ = writeln!(out, "body: |");
    for line in body.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
