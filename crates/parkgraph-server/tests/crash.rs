//! Crash safety: `kill -9` the server at random moments while several clients ingest, restart,
//! and check that every acknowledged document is there with all its records, and that nothing
//! exists without its document.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{bin, free_port, seeds};
use parkgraph_proto::v1::{
    document_service_client::DocumentServiceClient, IngestDocumentRequest, Statistic,
};
use parkgraph_store::{decode, Collection, SledStore, Store};

const TOKEN: &str = "crash-test-token";
const CYCLES: u64 = 20;
const CLIENTS: usize = 4;

fn spawn(store: &Path, addr: &str) -> Child {
    bin()
        .arg("serve")
        .env("PARKGRAPH__SERVER__ADDR", addr)
        .env("PARKGRAPH__STORE__PATH", store)
        .env("PARKGRAPH__SEEDS__DIR", seeds())
        .env("PARKGRAPH__AUTH__INGEST_TOKEN", TOKEN)
        .env("PARKGRAPH__LOG__LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_serving(addr: &str) {
    use parkgraph_server::probe::{check, ServingStatus};
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(ServingStatus::Serving) = check(addr, None).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("server at {addr} never became SERVING");
}

/// Deterministic pseudo-random numbers (no extra dependency; reproducible cycles).
fn lcg(seed: u64) -> u64 {
    seed.wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
        >> 33
}

fn document(cycle: u64, client: usize, i: usize) -> Vec<u8> {
    let base = std::fs::read_to_string(seeds().join("002_bf2f96a73990e654.txt")).unwrap();
    base.replace(
        "13 research institutions",
        &format!(
            "{} research institutions",
            100 + cycle * 1000 + (client * 100 + i) as u64
        ),
    )
    .into_bytes()
}

/// (document id, number of statistics) of every acknowledged ingest.
type Acked = Arc<Mutex<Vec<(String, usize)>>>;

fn check_store(store_path: &Path, acked: &[(String, usize)]) {
    let store = SledStore::open(store_path).expect("store reopens after kill -9");
    for (id, n) in acked {
        let stored = store
            .stored_document(id)
            .unwrap()
            .unwrap_or_else(|| panic!("acknowledged document {id} is missing"));
        assert_eq!(stored.statistics.len(), *n, "document {id} lost records");
    }
    let docs: HashSet<String> = store
        .scan(Collection::Documents, None)
        .map(|r| r.unwrap().0)
        .collect();
    let raws: HashSet<String> = store
        .scan(Collection::Raw, None)
        .map(|r| r.unwrap().0)
        .collect();
    assert_eq!(
        docs, raws,
        "every document has its raw bytes and vice versa"
    );
    for entry in store.scan(Collection::Statistics, None) {
        let (id, bytes) = entry.unwrap();
        let s: Statistic = decode(Collection::Statistics, &id, &bytes).unwrap();
        let doc = s.evidence.unwrap().document_id;
        assert!(
            docs.contains(&doc),
            "statistic {id} exists without its document {doc}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_never_loses_or_half_writes_an_acknowledged_document() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("db");
    let acked: Acked = Arc::default();
    let mut rng = 42u64;
    for cycle in 0..CYCLES {
        let addr = format!("127.0.0.1:{}", free_port());
        let mut child = spawn(&store_path, &addr);
        wait_serving(&addr).await;
        let mut tasks = Vec::new();
        for client in 0..CLIENTS {
            let (addr, acked) = (addr.clone(), acked.clone());
            tasks.push(tokio::spawn(async move {
                let Ok(mut c) = DocumentServiceClient::connect(format!("http://{addr}")).await
                else {
                    return;
                };
                for i in 0.. {
                    let mut req = tonic::Request::new(IngestDocumentRequest {
                        content: document(cycle, client, i),
                        ..Default::default()
                    });
                    req.metadata_mut()
                        .insert("authorization", format!("Bearer {TOKEN}").parse().unwrap());
                    match c.ingest_document(req).await {
                        Ok(r) => {
                            let r = r.into_inner();
                            acked
                                .lock()
                                .unwrap()
                                .push((r.document.unwrap().id, r.statistics.len()));
                        }
                        Err(_) => return, // the server died under us: expected
                    }
                }
            }));
        }
        // Kill at a random moment after this cycle's first acknowledgement, so every cycle has
        // something to lose.
        let before = acked.lock().unwrap().len();
        let wait = Instant::now() + Duration::from_secs(30);
        while acked.lock().unwrap().len() == before && Instant::now() < wait {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        rng = lcg(rng);
        tokio::time::sleep(Duration::from_millis(rng % 200)).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        for t in tasks {
            let _ = t.await;
        }
        let acked_now = acked.lock().unwrap().clone();
        check_store(&store_path, &acked_now);
    }
    let total = acked.lock().unwrap().len();
    assert!(
        total >= CYCLES as usize,
        "the test must acknowledge documents to mean anything ({total})"
    );
    eprintln!("{CYCLES} kill -9 cycles, {total} acknowledged documents, all intact");
}
