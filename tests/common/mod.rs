//! Starts the real server on an ephemeral port with a temporary store, and connects clients.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parkgraph_proto::v1::{
    cluster_service_client::ClusterServiceClient, document_service_client::DocumentServiceClient,
    park_service_client::ParkServiceClient, statistic_service_client::StatisticServiceClient,
    IngestDocumentRequest, IngestDocumentResponse,
};
use parkgraph_server::config::Settings;
use parkgraph_server::server::{start, Running};
use tonic::transport::Channel;

pub const TOKEN: &str = "test-ingest-token";

pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds_dir() -> PathBuf {
    workspace().join("seeds")
}

pub fn settings(store: &Path, token: Option<&str>) -> Settings {
    settings_with(store, token, &[])
}

pub fn settings_with(store: &Path, token: Option<&str>, extra: &[(&str, &str)]) -> Settings {
    let mut env = vec![
        (
            "PARKGRAPH__SERVER__ADDR".to_string(),
            "127.0.0.1:0".to_string(),
        ),
        (
            "PARKGRAPH__SERVER__DRAIN_SECONDS".to_string(),
            "2".to_string(),
        ),
        (
            "PARKGRAPH__STORE__PATH".to_string(),
            store.display().to_string(),
        ),
        (
            "PARKGRAPH__SEEDS__DIR".to_string(),
            seeds_dir().display().to_string(),
        ),
    ];
    if let Some(t) = token {
        env.push(("PARKGRAPH__AUTH__INGEST_TOKEN".to_string(), t.to_string()));
    }
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Settings::load_from(None, env).expect("test settings")
}

pub struct TestServer {
    pub running: Running,
    pub channel: Channel,
}

impl TestServer {
    pub async fn start(store: &Path, token: Option<&str>) -> Self {
        Self::start_with(store, token, &[]).await
    }

    pub async fn start_with(store: &Path, token: Option<&str>, extra: &[(&str, &str)]) -> Self {
        let running = start(&settings_with(store, token, extra))
            .await
            .expect("server starts");
        let channel = Channel::from_shared(format!("http://{}", running.addr))
            .unwrap()
            .connect()
            .await
            .expect("client connects");
        Self { running, channel }
    }

    pub fn parks(&self) -> ParkServiceClient<Channel> {
        ParkServiceClient::new(self.channel.clone())
    }
    pub fn clusters(&self) -> ClusterServiceClient<Channel> {
        ClusterServiceClient::new(self.channel.clone())
    }
    pub fn statistics(&self) -> StatisticServiceClient<Channel> {
        StatisticServiceClient::new(self.channel.clone())
    }
    pub fn documents(&self) -> DocumentServiceClient<Channel> {
        DocumentServiceClient::new(self.channel.clone())
    }

    /// Ingests `content` with [`TOKEN`] (the server must have been started with it).
    pub async fn ingest(&self, content: Vec<u8>) -> IngestDocumentResponse {
        self.documents()
            .ingest_document(authed(
                IngestDocumentRequest {
                    content,
                    ..Default::default()
                },
                TOKEN,
            ))
            .await
            .expect("ingest")
            .into_inner()
    }

    pub async fn stop(self) {
        self.running.shutdown().await.expect("clean shutdown");
    }
}

/// A request carrying `authorization: Bearer <token>`.
pub fn authed<T>(msg: T, token: &str) -> tonic::Request<T> {
    let mut req = tonic::Request::new(msg);
    req.metadata_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    req
}

/// Asserts a status's code and its ErrorInfo reason and domain; returns the BadRequest fields.
pub fn assert_error(status: &tonic::Status, code: tonic::Code, reason: &str) -> Vec<String> {
    use tonic_types::StatusExt;
    assert_eq!(status.code(), code, "{status:?}");
    let details = status.get_error_details();
    let info = details.error_info().expect("ErrorInfo on every error");
    assert_eq!(info.reason, reason, "{status:?}");
    assert_eq!(info.domain, parkgraph_server::ERROR_DOMAIN);
    details
        .bad_request()
        .map(|b| b.field_violations.iter().map(|v| v.field.clone()).collect())
        .unwrap_or_default()
}
