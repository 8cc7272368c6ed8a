//! Every real Eastmoney post under `../shared/corpus/eastmoney` (next to the workspace) must be
//! accepted: parsed as eastmoney, or rejected as malformed only when it has no usable content.
//! The corpus is not part of the repository; the test skips when it is absent.

use std::path::PathBuf;

use parkgraph_ingest::{registry, Error};

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/eastmoney"
    ))
}

/// An HTML tag left in text: `<p>`, `</span>`, `<br />`, `<!--`.
fn has_tag(body: &str) -> bool {
    let b = body.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[test]
fn every_corpus_post_is_accepted() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: corpus directory {} is absent", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    let (mut parsed, mut rejected) = (0, Vec::new());
    for path in &files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(path).expect("readable corpus file");
        match registry().parse(&bytes, None) {
            Ok(doc) => {
                parsed += 1;
                assert_eq!(doc.format, "eastmoney", "{name}");
                assert!(!doc.body.is_empty(), "{name}: empty body");
                assert!(
                    !has_tag(&doc.body),
                    "{name}: markup left in body:\n{}",
                    doc.body
                );
                for junk in [
                    "data-code",
                    "](",
                    "quote.eastmoney.com",
                    "layout: post",
                    "返回东财",
                    "文章来源",
                ] {
                    assert!(
                        !doc.body.contains(junk),
                        "{name}: body contains {junk:?}:\n{}",
                        doc.body
                    );
                }
                assert!(
                    !doc.body.contains("\n\n\n"),
                    "{name}: paragraph separator is not one blank line"
                );
                if let Some(url) = &doc.url {
                    assert!(url.contains("eastmoney.com"), "{name}: url {url}");
                }
                assert!(
                    doc.section == "emnews" || doc.section == "sitenews",
                    "{name}: section {:?}",
                    doc.section
                );
            }
            Err(e @ Error::Malformed { .. }) => rejected.push(format!("{name}: {e}")),
            Err(e) => panic!("{name}: not accepted as eastmoney: {e}"),
        }
    }
    eprintln!(
        "corpus: {parsed} parsed, {} rejected {rejected:?}",
        rejected.len()
    );
    assert!(
        rejected.is_empty(),
        "every corpus post has content, none should be rejected: {rejected:?}"
    );
    assert_eq!(parsed, files.len());
}
