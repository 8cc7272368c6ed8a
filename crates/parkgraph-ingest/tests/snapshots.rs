//! Snapshot of every fixture as the registry parses it (format sniffed, no hint).

mod common;

use parkgraph_ingest::registry;

fn snapshot_fixtures(format: &str) {
    let files = common::fixtures(format);
    assert!(
        files.len() >= 5,
        "expected fixtures under tests/fixtures/{format}"
    );
    for path in files {
        let bytes = std::fs::read(&path).expect("readable fixture");
        let doc = registry()
            .parse(&bytes, None)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            doc.format,
            format,
            "{} was sniffed as another format",
            path.display()
        );
        let stem = path
            .file_stem()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({ description => path.file_name().unwrap_or_default().to_string_lossy() }, {
            insta::assert_snapshot!(format!("{format}__{stem}"), common::render(&doc));
        });
    }
}

#[test]
fn chinadaily_fixtures() {
    snapshot_fixtures("chinadaily");
}

#[test]
fn eastmoney_fixtures() {
    snapshot_fixtures("eastmoney");
}
