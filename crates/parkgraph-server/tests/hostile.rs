//! Hostile and broken input, through `IngestDocument` on a live server and through
//! `parkgraph extract`: each input is either parsed or refused with a clear reason; the server
//! stays up and a refused input changes nothing in the store.

mod common;

use common::{bin, seeds};
use parkgraph_proto::v1::{
    document_service_client::DocumentServiceClient, IngestDocumentRequest, ListDocumentsRequest,
};
use parkgraph_server::config::Settings;
use tonic::Code;
use tonic_types::StatusExt;

const TOKEN: &str = "hostile-test-token";

/// What an input must give.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// Parsed into a document.
    Parsed,
    /// Refused with INVALID_ARGUMENT and this ErrorInfo reason.
    Refused(&'static str),
    /// Refused for its size (RESOURCE_EXHAUSTED / OUT_OF_RANGE from the transport limit).
    TooLarge,
    /// Either parsed or refused with INVALID_ARGUMENT; never a crash.
    Either,
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(seeds().join(name)).unwrap()
}

fn cd(body: &str) -> Vec<u8> {
    format!("Industrial Parks\n\nHome> Industrial Parks\n\nTest Park\n\n{body}\n").into_bytes()
}

fn em(front: &str, body: &str) -> Vec<u8> {
    format!("---\nlayout: post\ntitle: \"测试\"\ndate: 2022-03-29 15:49:30 +0800\ncategories: emnews\n{front}---\n{body}\n").into_bytes()
}

fn cases() -> Vec<(&'static str, Vec<u8>, Want)> {
    let gbk = encoding_rs_gbk(&seed("004_75edbfd8e06efb67.txt"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            seed("001_ee7dd5e650f11119.txt")
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    vec![
        ("empty", vec![], Want::Refused("EMPTY_DOCUMENT")),
        ("whitespace only", b" \n\t\r\n   ".to_vec(), Want::Refused("EMPTY_DOCUMENT")),
        ("binary junk", (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect(), Want::Refused("UNDECODABLE_DOCUMENT")),
        ("invalid UTF-8 inside English", [cd("The park has 8 sq km").as_slice(), &[0xff, 0xfe, 0xfd]].concat(), Want::Either),
        ("UTF-16 with BOM", utf16, Want::Parsed),
        ("GBK-encoded Chinese", gbk, Want::Parsed),
        ("UTF-8 BOM", [&[0xEF, 0xBB, 0xBF][..], seed("000_d7269bc7103261b2.txt").as_bytes()].concat(), Want::Parsed),
        ("NUL bytes", cd("The park\0 has\0 8\0 sq km\0").repeat(1), Want::Either),
        ("only NUL bytes", vec![0u8; 1000], Want::Refused("UNDECODABLE_DOCUMENT")),
        ("50 MiB document", cd(&"The park has 18 square kilometers of area. ".repeat(50 * 1024 * 1024 / 43)), Want::TooLarge),
        ("100k nested tags", em("", &format!("{}<p>园区规划面积50平方公里</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000))), Want::Either),
        ("unterminated front matter", "---\ntitle: \"x\"\ndate: 2022-01-01\n\n<p>正文100亿元</p>\n".as_bytes().to_vec(), Want::Either),
        ("front matter only", em("", ""), Want::Either),
        ("digest with no body", em("", "> 摘要只有一行。"), Want::Either),
        ("script body", em("", "<script>alert('x')</script><p>总投资1158亿元</p>"), Want::Either),
        ("zero-width marks in numbers", cd("The park covers 1\u{200b}2 square kilometers and 4\u{200d}5 billion yuan"), Want::Either),
        ("right-to-left marks in numbers", cd("Investment reached \u{202e}45\u{202c} billion yuan"), Want::Either),
        ("500-digit number", cd(&format!("The park has {} enterprises.", "9".repeat(500))), Want::Either),
        ("1e309", cd("The value was 1e309 yuan and 1e-400 percent."), Want::Either),
        ("999999亿亿", em("", "<p>总投资999999亿亿元，九千九百九十九万亿亿元</p>"), Want::Either),
        ("negative area", cd("The park has -5 square kilometers of area."), Want::Either),
        ("date 2022-02-30", b"---\ntitle: \"t\"\ndate: 2022-02-30 10:00:00 +0800\ncategories: emnews\n---\n<p>\xe6\xad\xa3\xe6\x96\x87 100\xe4\xba\xbf\xe5\x85\x83</p>\n".to_vec(), Want::Either),
        ("100k-character title", cd("").into_iter().chain(format!("\n{}\n\nThe park has 8 sq km.", "T".repeat(100_000)).into_bytes()).collect(), Want::Either),
        ("one very long line", cd(&"8 sq km, ".repeat(100_000)), Want::Either),
        ("CRLF line endings", seed("001_ee7dd5e650f11119.txt").replace('\n', "\r\n").into_bytes(), Want::Parsed),
        ("CR-only line endings", seed("002_bf2f96a73990e654.txt").replace('\n', "\r").into_bytes(), Want::Either),
        ("emoji around numbers", cd("The park 🚀 has 170🏭 enterprises and 8 sq km 🌍."), Want::Either),
        ("JSON, not a page", br#"{"title": "x", "body": "y"}"#.to_vec(), Want::Either),
        ("broken YAML front matter", b"---\ntitle: \"unclosed\n\tdate: : :\ntags: [a, \n---\n<p>\xe6\xad\xa3\xe6\x96\x87</p>\n".to_vec(), Want::Either),
        ("unclosed stock span", em("", r#"<p>建成<span id="stock_1.601939"><a href="http://quote.eastmoney.com/unify/r/1.601939" data-code="1,601939">建设银行"#), Want::Either),
        ("ten thousand numbers", cd(&(0..10_000).map(|i| format!("{i} enterprises")).collect::<Vec<_>>().join(", ")), Want::Either),
        ("repeated breadcrumbs", cd(&"Home> Home> Home>\n".repeat(10_000)), Want::Either),
        ("raw HTML page", b"<!DOCTYPE html><html><head><title>Park - Chinadaily.com.cn</title><script>var x=1;</script></head><body><h1>Test Park</h1><div id=\"Content\"><p>The park covers 8 sq km.</p></div></body></html>".to_vec(), Want::Either),
    ]
}

fn encoding_rs_gbk(s: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(s).0.into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_inputs_through_the_api_and_the_cli() {
    let cases = cases();
    assert!(cases.len() >= 30, "at least 30 bad inputs");
    let dir = tempfile::tempdir().unwrap();
    let env = vec![
        (
            "PARKGRAPH__SERVER__ADDR".to_string(),
            "127.0.0.1:0".to_string(),
        ),
        (
            "PARKGRAPH__STORE__PATH".to_string(),
            dir.path().join("db").display().to_string(),
        ),
        ("PARKGRAPH__SEEDS__LOAD".to_string(), "false".to_string()),
        (
            "PARKGRAPH__AUTH__INGEST_TOKEN".to_string(),
            TOKEN.to_string(),
        ),
        (
            "PARKGRAPH__SERVER__MAX_DOCUMENT_BYTES".to_string(),
            (6 * 1024 * 1024).to_string(),
        ),
    ];
    let settings = Settings::load_from(None, env).unwrap();
    let running = parkgraph_server::server::start(&settings).await.unwrap();
    let mut client = DocumentServiceClient::connect(format!("http://{}", running.addr))
        .await
        .unwrap();
    let count = |c: &mut DocumentServiceClient<tonic::transport::Channel>| {
        let mut c = c.clone();
        async move {
            c.list_documents(ListDocumentsRequest {
                page_size: 1000,
                ..Default::default()
            })
            .await
            .expect("the server is still up")
            .into_inner()
            .documents
            .len()
        }
    };
    let files = tempfile::tempdir().unwrap();
    for (i, (name, bytes, want)) in cases.into_iter().enumerate() {
        let before = count(&mut client).await;
        let mut req = tonic::Request::new(IngestDocumentRequest {
            content: bytes.clone(),
            ..Default::default()
        });
        req.metadata_mut()
            .insert("authorization", format!("Bearer {TOKEN}").parse().unwrap());
        let result = client.ingest_document(req).await;
        let after = count(&mut client).await;
        match (&result, want) {
            (Ok(r), Want::Parsed | Want::Either) => {
                let doc = r.get_ref().document.as_ref().unwrap();
                assert!(after == before + usize::from(r.get_ref().created), "{name}");
                if want == Want::Parsed {
                    assert!(!doc.body.is_empty(), "{name}: parsed with a body");
                }
                assert!(
                    !doc.body.contains("<script") && !doc.body.contains("alert("),
                    "{name}"
                );
            }
            (Err(s), Want::Refused(reason)) => {
                assert_eq!(s.code(), Code::InvalidArgument, "{name}: {s:?}");
                assert_eq!(
                    s.get_error_details().error_info().unwrap().reason,
                    reason,
                    "{name}"
                );
                assert_eq!(after, before, "{name}: a refused input changes nothing");
            }
            (Err(s), Want::Either) => {
                assert_eq!(s.code(), Code::InvalidArgument, "{name}: {s:?}");
                assert!(s.get_error_details().error_info().is_some(), "{name}");
                assert!(!s.message().is_empty(), "{name}");
                assert_eq!(after, before, "{name}");
            }
            (Err(s), Want::TooLarge) => {
                assert!(matches!(s.code(), Code::ResourceExhausted), "{name}: {s:?}");
                assert!(s.message().contains("limit"), "{name}: {}", s.message());
                assert_eq!(after, before, "{name}");
            }
            (other, want) => panic!("{name}: wanted {want:?}, got {other:?}"),
        }

        // The same bytes through `parkgraph extract`: a JSON line, or a non-zero exit with the
        // reason on stderr; never a crash.
        let path = files.path().join(format!("case-{i}.txt"));
        std::fs::write(&path, &bytes).unwrap();
        let out = bin()
            .args(["extract"])
            .arg(&path)
            .env(
                "PARKGRAPH__SERVER__MAX_DOCUMENT_BYTES",
                (6 * 1024 * 1024).to_string(),
            )
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{name}: extract exited with {:?} (crash?)",
            out.status
        );
        if code == Some(0) {
            assert_eq!(
                String::from_utf8_lossy(&out.stdout).lines().count(),
                1,
                "{name}"
            );
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.contains(&path.display().to_string()) && stderr.lines().count() == 1,
                "{name}: {stderr}"
            );
            assert!(
                !matches!(want, Want::Parsed),
                "{name}: extract refused a parsable input: {stderr}"
            );
        }
    }
    running.shutdown().await.unwrap();
}
