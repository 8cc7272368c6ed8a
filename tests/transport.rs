//! Transport features clients expect: compression, deadlines, gRPC-Web.

mod common;

use std::io::{Read, Write};
use std::time::Duration;

use common::TestServer;
use parkgraph_proto::v1::{
    park_service_client::ParkServiceClient, ListParksRequest, ListStatisticsRequest,
};
use tonic::codec::CompressionEncoding;

#[tokio::test]
async fn gzip_and_zstd_are_accepted_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    for enc in [CompressionEncoding::Gzip, CompressionEncoding::Zstd] {
        let mut client = ParkServiceClient::new(server.channel.clone())
            .send_compressed(enc)
            .accept_compressed(enc);
        let resp = client
            .list_parks(ListParksRequest::default())
            .await
            .unwrap();
        let header = resp
            .metadata()
            .get("grpc-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(
            header.as_deref(),
            Some(enc.to_string().as_str()),
            "server answers compressed"
        );
        assert!(!resp.into_inner().parks.is_empty());
    }
    server.stop().await;
}

#[tokio::test]
async fn deadlines_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let mut client = server.statistics();
    // A generous deadline is met.
    let mut req = tonic::Request::new(ListStatisticsRequest::default());
    req.set_timeout(Duration::from_secs(10));
    assert!(client.list_statistics(req).await.is_ok());
    // One that cannot be met ends in DEADLINE_EXCEEDED (or CANCELLED from the server's own
    // timeout layer when it fires first), never in a late answer.
    let mut req = tonic::Request::new(ListStatisticsRequest::default());
    req.set_timeout(Duration::from_nanos(1));
    let err = client.list_statistics(req).await.unwrap_err();
    assert!(
        matches!(
            err.code(),
            tonic::Code::DeadlineExceeded | tonic::Code::Cancelled
        ),
        "{err:?}"
    );
    server.stop().await;
}

/// One gRPC-Web call over plain HTTP/1.1, the way a browser sends it.
fn grpc_web_call(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // An empty protobuf message in one uncompressed frame.
    let body = [0u8, 0, 0, 0, 0];
    // A server that speaks only HTTP/2 may reset the connection before the request is fully
    // written: then the answer read below is empty, which the callers treat as "not served".
    let _ = write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/grpc-web+proto\r\nX-Grpc-Web: 1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .and_then(|()| stream.write_all(&body));
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads until `needle` has been seen `times` times in all that was read.
fn read_until(stream: &mut std::net::TcpStream, out: &mut Vec<u8>, needle: &str, times: usize) {
    let mut chunk = [0u8; 4096];
    while String::from_utf8_lossy(out).matches(needle).count() < times {
        let n = stream
            .read(&mut chunk)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)));
        assert!(n > 0, "closed early: {}", String::from_utf8_lossy(out));
        out.extend_from_slice(&chunk[..n]);
    }
}

/// The second request on a kept-alive HTTP/1.1 connection is sent only once the first reply
/// has arrived: a reply left in the server's write buffer would stall it (see `coalesce`).
#[tokio::test]
async fn grpc_web_replies_arrive_on_a_kept_alive_connection() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        TestServer::start_with(dir.path(), None, &[("PARKGRAPH__SERVER__GRPC_WEB", "true")]).await;
    let addr = server.running.addr;
    let out = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let body = [0u8, 0, 0, 0, 0];
        let mut out = Vec::new();
        for i in 1..=2 {
            write!(
                stream,
                "POST /parkgraph.v1.DocumentService/ListSourceFormats HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/grpc-web+proto\r\nX-Grpc-Web: 1\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .unwrap();
            stream.write_all(&body).unwrap();
            read_until(&mut stream, &mut out, "grpc-status:0", i);
        }
        String::from_utf8_lossy(&out).into_owned()
    })
    .await
    .unwrap();
    assert_eq!(out.matches("HTTP/1.1 200").count(), 2, "{out}");
    server.stop().await;
}

#[tokio::test]
async fn grpc_web_is_served_only_when_switched_on() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        TestServer::start_with(dir.path(), None, &[("PARKGRAPH__SERVER__GRPC_WEB", "true")]).await;
    let addr = server.running.addr;
    let resp = tokio::task::spawn_blocking(move || {
        grpc_web_call(addr, "/parkgraph.v1.DocumentService/ListSourceFormats")
    })
    .await
    .unwrap();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(
        resp.contains("chinadaily") && resp.contains("grpc-status:0"),
        "{resp}"
    );
    server.stop().await;

    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let addr = server.running.addr;
    let resp = tokio::task::spawn_blocking(move || {
        grpc_web_call(addr, "/parkgraph.v1.DocumentService/ListSourceFormats")
    })
    .await
    .unwrap();
    assert!(
        !resp.contains("grpc-status:0"),
        "gRPC-Web must be off by default: {resp}"
    );
    server.stop().await;
}
