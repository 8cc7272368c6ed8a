//! Starting and stopping the gRPC server: store, seeds, health, reflection, services.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use parkgraph_proto::v1::{
    cluster_service_server::ClusterServiceServer, document_service_server::DocumentServiceServer,
    park_service_server::ParkServiceServer, statistic_service_server::StatisticServiceServer,
};
use parkgraph_store::{SledStore, Store};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::codec::CompressionEncoding;
use tonic_health::server::HealthReporter;
use tonic_health::ServingStatus;

use crate::auth::Auth;
use crate::coalesce::Coalesce;
use crate::config::Settings;
use crate::pipeline::Pipeline;
use crate::service::{Api, AppState};
use crate::Error;

/// Names reported by the health service: the whole server ("") and each API service.
const HEALTH_NAMES: [&str; 5] = [
    "",
    "parkgraph.v1.ParkService",
    "parkgraph.v1.ClusterService",
    "parkgraph.v1.StatisticService",
    "parkgraph.v1.DocumentService",
];

/// A running server.
pub struct Running {
    /// The address it listens on (useful with port 0).
    pub addr: SocketAddr,
    store: Arc<dyn Store>,
    health: HealthReporter,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<Result<(), tonic::transport::Error>>,
    drain: Duration,
}

/// Ingests every file of `dir` (sorted by name); already stored documents are skipped.
/// Returns how many were new.
pub async fn load_seeds(
    store: &dyn Store,
    pipeline: &Pipeline,
    dir: &Path,
) -> Result<usize, Error> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::Config(format!("seeds.dir: cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut created = 0;
    for path in &paths {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Config(format!("seed {}: cannot read: {e}", path.display())))?;
        let uri = path.display().to_string();
        let outcome = pipeline
            .ingest(store, &bytes, None, &uri)
            .map_err(|e| Error::Config(format!("seed {uri}: {e}")))?;
        created += usize::from(outcome.created);
    }
    store.flush().await?;
    tracing::info!(seeds = paths.len(), new = created, dir = %dir.display(), "seeds loaded");
    Ok(created)
}

async fn set_all(health: &HealthReporter, status: ServingStatus) {
    for name in HEALTH_NAMES {
        health.set_service_status(name, status).await;
    }
}

fn read_pem(key: &str, path: &str) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::Config(format!("{key}: cannot read {path:?}: {e}")))
}

/// The TLS configuration, when `tls.cert_path` and `tls.key_path` are set.
fn tls_config(settings: &Settings) -> Result<Option<tonic::transport::ServerTlsConfig>, Error> {
    let tls = &settings.tls;
    if tls.cert_path.is_empty() {
        return Ok(None);
    }
    let identity = tonic::transport::Identity::from_pem(
        read_pem("tls.cert_path", &tls.cert_path)?,
        read_pem("tls.key_path", &tls.key_path)?,
    );
    let mut config = tonic::transport::ServerTlsConfig::new().identity(identity);
    if !tls.client_ca_path.is_empty() {
        // A client CA makes client certificates mandatory (mutual TLS).
        let ca = read_pem("tls.client_ca_path", &tls.client_ca_path)?;
        config = config.client_ca_root(tonic::transport::Certificate::from_pem(ca));
    }
    Ok(Some(config))
}

/// Opens the store, loads the seeds, and serves until [`Running::shutdown`].
pub async fn start(settings: &Settings) -> Result<Running, Error> {
    let listener = TcpListener::bind(settings.listen_addr()?)
        .await
        .map_err(|e| {
            Error::Config(format!(
                "server.addr: cannot listen on {}: {e}",
                settings.server.addr
            ))
        })?;
    let (path, cache_mb) = (settings.store.path.clone(), settings.store.cache_mb);
    let store: Arc<dyn Store> = Arc::new(
        tokio::task::spawn_blocking(move || SledStore::open_with_cache(path, cache_mb))
            .await
            .map_err(|e| Error::Internal(e.to_string()))??,
    );
    start_with(settings, listener, store).await
}

/// Like [`start`] with a bound listener and an opened store.
pub async fn start_with(
    settings: &Settings,
    listener: TcpListener,
    store: Arc<dyn Store>,
) -> Result<Running, Error> {
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Internal(e.to_string()))?;
    let state = Arc::new(AppState::new(
        store.clone(),
        Auth::new(
            settings.ingest_token()?.as_deref(),
            settings.read_token()?.as_deref(),
        ),
        settings.server.max_concurrent_requests,
        settings.server.max_document_bytes,
    ));
    let (health, health_service) = tonic_health::server::health_reporter();
    set_all(&health, ServingStatus::NotServing).await;

    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(parkgraph_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            // So grpcurl and other reflection clients can decode ErrorInfo / BadRequest details.
            .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_err =
        |e: tonic_reflection::server::Error| Error::Internal(format!("reflection: {e}"));
    // Both versions: grpcurl 1.8.6 (the one on PyPI) speaks only v1alpha.
    let reflection_v1 = reflection().build_v1().map_err(reflection_err)?;
    let reflection_v1alpha = reflection().build_v1alpha().map_err(reflection_err)?;

    let max = settings.server.max_request_bytes;
    let api = Api(state.clone());
    macro_rules! svc {
        ($server:ident) => {
            $server::new(api.clone())
                .max_decoding_message_size(max)
                .accept_compressed(CompressionEncoding::Gzip)
                .accept_compressed(CompressionEncoding::Zstd)
                .send_compressed(CompressionEncoding::Gzip)
                .send_compressed(CompressionEncoding::Zstd)
        };
    }
    let web = settings.server.grpc_web;
    let mut builder = tonic::transport::Server::builder()
        .timeout(Duration::from_secs(settings.server.request_timeout_seconds));
    if let Some(tls) = tls_config(settings)? {
        builder = builder
            .tls_config(tls)
            .map_err(|e| Error::Config(format!("tls: {e}")))?;
    }
    let router = builder
        // gRPC-Web arrives over HTTP/1.1; plain gRPC clients are unaffected by the layer.
        .accept_http1(web)
        .layer(
            tower::ServiceBuilder::new()
                .option_layer(web.then(tonic_web::GrpcWebLayer::new))
                .map_response(crate::limits::rewrite_oversize(max)),
        )
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(svc!(ParkServiceServer))
        .add_service(svc!(ClusterServiceServer))
        .add_service(svc!(StatisticServiceServer))
        .add_service(svc!(DocumentServiceServer));

    let (shutdown, rx) = oneshot::channel::<()>();
    // tonic ignores its own tcp_nodelay setting for a supplied listener; without it every small
    // reply waits ~40 ms for the client's delayed ACK (measured: GetPark 352 -> 41k QPS).
    let incoming = tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
    // One write per connection poll instead of one per large reply (h2 flushes after each DATA
    // payload of 256 bytes or more); see `coalesce`.
    let incoming = tokio_stream::StreamExt::map(incoming, |io| io.map(Coalesce::new));
    let task = tokio::spawn(router.serve_with_incoming_shutdown(incoming, async {
        let _ = rx.await;
    }));
    tracing::info!(%addr, "listening");

    if settings.seeds.load {
        if let Err(e) = load_seeds(&*store, &state.pipeline, &settings.seeds.dir).await {
            let _ = shutdown.send(());
            let _ = task.await;
            return Err(e);
        }
    }
    set_all(&health, ServingStatus::Serving).await;
    tracing::info!(%addr, "serving");
    Ok(Running {
        addr,
        store,
        health,
        shutdown,
        task,
        drain: Duration::from_secs(settings.server.drain_seconds),
    })
}

impl Running {
    /// Reports NOT_SERVING, stops accepting, lets in-flight requests finish within the drain
    /// time, then flushes the store.
    pub async fn shutdown(self) -> Result<(), Error> {
        set_all(&self.health, ServingStatus::NotServing).await;
        let _ = self.shutdown.send(());
        let mut task = self.task;
        match tokio::time::timeout(self.drain, &mut task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => tracing::error!(error = %e, "server stopped with an error"),
            Ok(Err(e)) => tracing::error!(error = %e, "server task failed"),
            Err(_) => {
                tracing::warn!(
                    drain_seconds = self.drain.as_secs(),
                    "drain time over; closing remaining connections"
                );
                task.abort();
            }
        }
        self.store.flush().await?;
        tracing::info!("stopped; store flushed");
        Ok(())
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
