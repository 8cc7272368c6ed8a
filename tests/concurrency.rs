//! Concurrent writers and readers.

mod common;

use std::collections::HashMap;

use common::{authed, TestServer, TOKEN};
use parkgraph_proto::v1::{IngestDocumentRequest, ListDocumentsRequest, ListStatisticsRequest};
use parkgraph_server::pipeline::Pipeline;

fn variant(i: usize) -> Vec<u8> {
    let seed =
        std::fs::read_to_string(common::seeds_dir().join("001_ee7dd5e650f11119.txt")).unwrap();
    seed.replace(
        "170 supporting enterprises",
        &format!("{} supporting enterprises", 1000 + i),
    )
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn same_document_32_times_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), Some(TOKEN)).await;
    let mut tasks = Vec::new();
    for _ in 0..32 {
        let mut c = server.documents();
        tasks.push(tokio::spawn(async move {
            let req = authed(
                IngestDocumentRequest {
                    content: variant(0),
                    ..Default::default()
                },
                TOKEN,
            );
            c.ingest_document(req).await.unwrap().into_inner()
        }));
    }
    let mut created = 0;
    let mut ids = Vec::new();
    for t in tasks {
        let r = t.await.unwrap();
        created += usize::from(r.created);
        ids.push((
            r.document.unwrap().id,
            r.statistics
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>(),
        ));
    }
    assert_eq!(created, 1, "exactly one ingest creates the document");
    assert!(
        ids.windows(2).all(|w| w[0] == w[1]),
        "every caller gets the same document and records"
    );
    let docs = server
        .documents()
        .list_documents(ListDocumentsRequest {
            page_size: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .documents;
    assert_eq!(docs.len(), 6);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn different_documents_all_land_and_readers_never_see_half_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), Some(TOKEN)).await;
    // What each document must have once visible, computed offline by the same pipeline.
    let pipeline = Pipeline::default();
    let expected: HashMap<String, usize> = (0..24)
        .map(|i| {
            let r = pipeline.extract(&variant(i), None, "").unwrap();
            (r.document.id, r.statistics.len())
        })
        .collect();

    let writers: Vec<_> = (0..24)
        .map(|i| {
            let mut c = server.documents();
            tokio::spawn(async move {
                let req = authed(
                    IngestDocumentRequest {
                        content: variant(i),
                        ..Default::default()
                    },
                    TOKEN,
                );
                c.ingest_document(req).await.unwrap().into_inner().created
            })
        })
        .collect();
    let reader = {
        let (mut docs, mut stats) = (server.documents(), server.statistics());
        let expected = expected.clone();
        tokio::spawn(async move {
            let mut checks = 0;
            for _ in 0..40 {
                let listed = docs
                    .list_documents(ListDocumentsRequest {
                        page_size: 1000,
                        ..Default::default()
                    })
                    .await
                    .unwrap()
                    .into_inner()
                    .documents;
                for d in listed.iter().filter(|d| expected.contains_key(&d.id)) {
                    let filter = format!("document = \"{}\"", d.id);
                    let n = stats
                        .list_statistics(ListStatisticsRequest {
                            page_size: 1000,
                            filter,
                            ..Default::default()
                        })
                        .await
                        .unwrap()
                        .into_inner()
                        .statistics
                        .len();
                    assert_eq!(
                        n, expected[&d.id],
                        "a visible document has all its statistics"
                    );
                    checks += 1;
                }
                tokio::task::yield_now().await;
            }
            checks
        })
    };
    for w in writers {
        assert!(w.await.unwrap(), "each distinct document is new");
    }
    let checks = reader.await.unwrap();
    eprintln!("{checks} visible-document checks during ingestion");
    let docs = server
        .documents()
        .list_documents(ListDocumentsRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .documents;
    assert_eq!(docs.len(), 5 + 24);
    server.stop().await;
}
