//! The tonic services. Each handler runs inside [`rpc`], which gives it one tracing span with
//! the method, status code and latency.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use parkgraph_proto::v1::{
    cluster_service_server::ClusterService, document_service_server::DocumentService,
    park_service_server::ParkService, statistic_service_server::StatisticService, Document,
    GetClusterRequest, GetDocumentRequest, GetParkRequest, GetStatisticRequest, IndustryCluster,
    IngestDocumentRequest, IngestDocumentResponse, ListClustersRequest, ListClustersResponse,
    ListDocumentsRequest, ListDocumentsResponse, ListParksRequest, ListParksResponse,
    ListSourceFormatsRequest, ListSourceFormatsResponse, ListStatisticsRequest,
    ListStatisticsResponse, Park, ParkView, SourceFormat, SourceFormatInfo, Statistic,
};
use parkgraph_store::{get_message, Collection, Store};
use tonic::{Request, Response, Status};
use tracing::Instrument;

use crate::auth::Auth;
use crate::fields;
use crate::page::{list, list_shared, ListRequest, STATISTIC_INDEXES};
use crate::pipeline::Pipeline;
use crate::Error;

/// Shared state of every service.
pub struct AppState {
    /// The store.
    pub store: Arc<dyn Store>,
    /// Plugins and normaliser.
    pub pipeline: Pipeline,
    /// Write credential.
    pub auth: Auth,
    /// Bounds the requests in flight across all connections.
    pub limiter: Arc<tokio::sync::Semaphore>,
    max_concurrent: usize,
}

impl AppState {
    /// State with the given limits.
    pub fn new(
        store: Arc<dyn Store>,
        auth: Auth,
        max_concurrent: usize,
        max_document_bytes: usize,
    ) -> Self {
        Self {
            store,
            pipeline: Pipeline::new(max_document_bytes),
            auth,
            limiter: Arc::new(tokio::sync::Semaphore::new(max_concurrent)),
            max_concurrent,
        }
    }
}

/// Handle to the shared state; one per service.
#[derive(Clone)]
pub struct Api(pub Arc<AppState>);

impl Api {
    /// [`Api::rpc`] for a read: checks the read credential first.
    async fn read<T>(
        &self,
        method: &'static str,
        metadata: &tonic::metadata::MetadataMap,
        fut: impl Future<Output = Result<T, Error>>,
    ) -> Result<Response<T>, Status> {
        let allowed = self.0.auth.check_read(metadata);
        self.rpc(method, async move {
            allowed?;
            fut.await
        })
        .await
    }

    /// Runs one RPC: sheds it when the server is full, and gives it one span with the method,
    /// status code and latency.
    async fn rpc<T>(
        &self,
        method: &'static str,
        fut: impl Future<Output = Result<T, Error>>,
    ) -> Result<Response<T>, Status> {
        let span = tracing::info_span!(
            "rpc",
            method,
            code = tracing::field::Empty,
            latency_us = tracing::field::Empty
        );
        async move {
            let start = Instant::now();
            // Shedding beats queueing: a full server answers at once and the client retries.
            let result = match self.0.limiter.try_acquire() {
                Ok(_permit) => fut.await,
                Err(_) => Err(Error::Overloaded(self.0.max_concurrent)),
            }
            .map_err(Status::from);
            let code = match &result {
                Ok(_) => tonic::Code::Ok,
                Err(s) => s.code(),
            };
            let span = tracing::Span::current();
            span.record("code", tracing::field::debug(code));
            span.record("latency_us", start.elapsed().as_micros() as u64);
            match &result {
                Err(s) if s.code() == tonic::Code::Internal => {
                    tracing::error!(message = s.message(), "rpc failed")
                }
                Err(s) => tracing::info!(message = s.message(), "rpc rejected"),
                // one line per successful call would cost more than a GetPark itself at info
                Ok(_) => tracing::debug!("rpc ok"),
            }
            result.map(Response::new)
        }
        .instrument(span)
        .await
    }
}

/// The id in a resource name `{collection}/{id}`.
fn resource_id<'a>(name: &'a str, collection: &'static str) -> Result<&'a str, Error> {
    match name
        .strip_prefix(collection)
        .and_then(|r| r.strip_prefix('/'))
    {
        Some(id) if !id.is_empty() && !id.contains('/') => Ok(id),
        _ => Err(Error::invalid(
            "INVALID_RESOURCE_NAME",
            "name",
            format!("expected `{collection}/{{id}}`, got {name:?}"),
        )),
    }
}

fn get<M: prost::Message + Default>(
    store: &dyn Store,
    collection: Collection,
    name: &str,
) -> Result<M, Error> {
    get_with(collection, name, |id| get_message(store, collection, id))
}

/// The resource `name` of `collection`, read by `read` from its id; NOT_FOUND when absent.
fn get_with<T>(
    collection: Collection,
    name: &str,
    read: impl FnOnce(&str) -> parkgraph_store::Result<Option<T>>,
) -> Result<T, Error> {
    let id = resource_id(name, collection.as_str())?;
    read(id)?.ok_or_else(|| Error::NotFound {
        name: name.to_string(),
    })
}

/// The view a request asks for (unset is FULL); an unknown value is INVALID_ARGUMENT.
fn park_view(value: i32) -> Result<ParkView, Error> {
    match ParkView::try_from(value) {
        Ok(ParkView::Unspecified) => Ok(ParkView::Full),
        Ok(view) => Ok(view),
        Err(_) => Err(Error::InvalidField {
            reason: "INVALID_VIEW",
            field: "view",
            description: format!(
                "unknown view {value}; use PARK_VIEW_BASIC (1) or PARK_VIEW_FULL (2)"
            ),
        }),
    }
}

/// The park as `view` shows it: BASIC leaves out the provenance (sources, evidence, claims),
/// which is most of a park's bytes, so it copies only the other fields out of the shared record.
fn in_view(park: Arc<Park>, view: ParkView) -> Park {
    if view != ParkView::Basic {
        return Arc::unwrap_or_clone(park);
    }
    // Every field is named (no `..`): a field added to Park must be placed in or out of BASIC.
    Park {
        name: park.name.clone(),
        id: park.id.clone(),
        name_en: park.name_en.clone(),
        name_zh: park.name_zh.clone(),
        aliases: park.aliases.clone(),
        kind: park.kind,
        level: park.level,
        region: park.region.clone(),
        city: park.city.clone(),
        district: park.district.clone(),
        established_year: park.established_year,
        approved: park.approved.clone(),
        industries: park.industries.clone(),
        industrial_chains: park.industrial_chains.clone(),
        sub_parks: park.sub_parks.clone(),
        enterprises: park.enterprises.clone(),
        honors: park.honors.clone(),
        parent: park.parent.clone(),
        catalogue: park.catalogue.clone(),
        sources: Vec::new(),
        evidence: Vec::new(),
        claims: Vec::new(),
        create_time: park.create_time,
        update_time: park.update_time,
    }
}

macro_rules! list_request {
    ($r:expr) => {
        ListRequest {
            page_size: $r.get_ref().page_size,
            page_token: &$r.get_ref().page_token,
            filter: &$r.get_ref().filter,
            order_by: &$r.get_ref().order_by,
            deadline: crate::page::deadline($r.metadata()),
        }
    };
}

#[tonic::async_trait]
impl ParkService for Api {
    async fn get_park(&self, req: Request<GetParkRequest>) -> Result<Response<Park>, Status> {
        self.read("GetPark", req.metadata(), async {
            let view = park_view(req.get_ref().view)?;
            let park = get_with(Collection::Parks, &req.get_ref().name, |id| {
                self.0.store.park(id)
            })?;
            // The store keeps the decoded park: a clone is cheaper than parsing it again.
            Ok(in_view(park, view))
        })
        .await
    }

    async fn list_parks(
        &self,
        req: Request<ListParksRequest>,
    ) -> Result<Response<ListParksResponse>, Status> {
        self.read("ListParks", req.metadata(), async {
            let view = park_view(req.get_ref().view)?;
            let store = &*self.0.store;
            let (parks, next_page_token) = list_shared(
                Collection::Parks,
                &fields::PARK,
                &list_request!(req),
                |after| store.scan_parks(after),
                |park| in_view(park, view),
            )?;
            Ok(ListParksResponse {
                parks,
                next_page_token,
            })
        })
        .await
    }
}

#[tonic::async_trait]
impl ClusterService for Api {
    async fn get_cluster(
        &self,
        req: Request<GetClusterRequest>,
    ) -> Result<Response<IndustryCluster>, Status> {
        self.read("GetCluster", req.metadata(), async {
            let cluster = get_with(Collection::Clusters, &req.get_ref().name, |id| {
                self.0.store.cluster(id)
            })?;
            Ok(Arc::unwrap_or_clone(cluster))
        })
        .await
    }

    async fn list_clusters(
        &self,
        req: Request<ListClustersRequest>,
    ) -> Result<Response<ListClustersResponse>, Status> {
        self.read("ListClusters", req.metadata(), async {
            let store = &*self.0.store;
            let (clusters, next_page_token) = list_shared(
                Collection::Clusters,
                &fields::CLUSTER,
                &list_request!(req),
                |after| store.scan_clusters(after),
                Arc::unwrap_or_clone,
            )?;
            Ok(ListClustersResponse {
                clusters,
                next_page_token,
            })
        })
        .await
    }
}

#[tonic::async_trait]
impl StatisticService for Api {
    async fn get_statistic(
        &self,
        req: Request<GetStatisticRequest>,
    ) -> Result<Response<Statistic>, Status> {
        self.read("GetStatistic", req.metadata(), async {
            get(&*self.0.store, Collection::Statistics, &req.get_ref().name)
        })
        .await
    }

    async fn list_statistics(
        &self,
        req: Request<ListStatisticsRequest>,
    ) -> Result<Response<ListStatisticsResponse>, Status> {
        self.read("ListStatistics", req.metadata(), async {
            let (statistics, next_page_token) = list(
                &*self.0.store,
                Collection::Statistics,
                &fields::STATISTIC,
                STATISTIC_INDEXES,
                &list_request!(req),
            )?;
            Ok(ListStatisticsResponse {
                statistics,
                next_page_token,
            })
        })
        .await
    }
}

#[tonic::async_trait]
impl DocumentService for Api {
    async fn ingest_document(
        &self,
        req: Request<IngestDocumentRequest>,
    ) -> Result<Response<IngestDocumentResponse>, Status> {
        self.rpc("IngestDocument", async {
            self.0.auth.check_ingest(req.metadata())?;
            let r = req.into_inner();

            let format = match SourceFormat::try_from(r.source_format) {
                Ok(SourceFormat::Unspecified) => None,
                Ok(f) => Some(f.as_str_name()),
                Err(_) => {
                    return Err(Error::invalid(
                        "NO_SUCH_SOURCE_FORMAT",
                        "source_format",
                        format!("unknown source format number {}", r.source_format),
                    ))
                }
            };
            let state = self.0.clone();
            // Extraction is CPU work and the store write blocks: keep both off the async workers.
            let outcome = tokio::task::spawn_blocking(move || {
                state.pipeline.ingest(&*state.store, &r.content, format, &r.uri)
            })
            .await
            .map_err(|e| Error::Internal(format!("ingest task failed: {e}")))??;
            // Acknowledge only what is durable.
            self.0.store.flush().await?;
            let s = outcome.stored;
            tracing::info!(document = %s.document.id, created = outcome.created, statistics = s.statistics.len(), "ingested");
            Ok(IngestDocumentResponse {
                warnings: s.document.warnings.clone(),
                document: Some(s.document),
                parks: s.parks,
                clusters: s.clusters,
                statistics: s.statistics,
                companies: s.companies,
                created: outcome.created,
            })
        })
        .await
    }

    async fn get_document(
        &self,
        req: Request<GetDocumentRequest>,
    ) -> Result<Response<Document>, Status> {
        self.read("GetDocument", req.metadata(), async {
            get(&*self.0.store, Collection::Documents, &req.get_ref().name)
        })
        .await
    }

    async fn list_documents(
        &self,
        req: Request<ListDocumentsRequest>,
    ) -> Result<Response<ListDocumentsResponse>, Status> {
        self.read("ListDocuments", req.metadata(), async {
            let (documents, next_page_token) = list(
                &*self.0.store,
                Collection::Documents,
                &fields::DOCUMENT,
                &[],
                &list_request!(req),
            )?;
            Ok(ListDocumentsResponse {
                documents,
                next_page_token,
            })
        })
        .await
    }

    async fn list_source_formats(
        &self,
        req: Request<ListSourceFormatsRequest>,
    ) -> Result<Response<ListSourceFormatsResponse>, Status> {
        self.read("ListSourceFormats", req.metadata(), async {
            let source_formats = self
                .0
                .pipeline
                .registry()
                .plugins()
                .map(|p| SourceFormatInfo {
                    source_format: SourceFormat::from_str_name(p.proto_name()).unwrap_or_default()
                        as i32,
                    id: p.id().to_string(),
                    description: p.description().to_string(),
                })
                .collect();
            Ok(ListSourceFormatsResponse { source_formats })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names() {
        assert_eq!(resource_id("parks/ordos", "parks").unwrap(), "ordos");
        assert!(resource_id("parks/", "parks").is_err());
        assert!(resource_id("parks/a/b", "parks").is_err());
        assert!(resource_id("clusters/a", "parks").is_err());
        assert!(resource_id("parksx/a", "parks").is_err());
    }

    #[test]
    fn basic_view_is_the_full_park_without_provenance() {
        use parkgraph_proto::v1::{CatalogueEntry, Evidence, FieldClaim, IndustrialChain};
        let s = |x: &str| x.to_string();
        let time = prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 5,
        };
        let evidence = Evidence {
            document: s("documents/d"),
            document_id: s("d"),
            start: 1,
            end: 9,
            quote: s("Jinqiao park"),
        };
        // every field set, so a field BASIC dropped or mixed up would differ
        let full = Park {
            name: s("parks/jinqiao"),
            id: s("jinqiao"),
            name_en: s("Jinqiao Park"),
            name_zh: s("金桥园区"),
            aliases: vec![s("Jinqiao")],
            kind: 2,
            level: 3,
            region: s("Inner Mongolia"),
            city: s("Hohhot"),
            district: s("Saihan District"),
            established_year: 2001,
            approved: s("2006-03"),
            industries: vec![s("dairy")],
            industrial_chains: vec![IndustrialChain {
                stages: vec![s("milk"), s("cheese")],
            }],
            sub_parks: vec![s("East Park")],
            enterprises: vec![s("Yili")],
            honors: vec![s("model park")],
            parent: s("parks/hohhot"),
            catalogue: Some(CatalogueEntry {
                code: s("G151001"),
                ..Default::default()
            }),
            sources: vec![s("documents/d")],
            evidence: vec![evidence.clone()],
            claims: vec![FieldClaim {
                field: s("level"),
                value: s("national"),
                evidence: Some(evidence),
            }],
            create_time: Some(time),
            update_time: Some(time),
        };
        let expected = Park {
            sources: Vec::new(),
            evidence: Vec::new(),
            claims: Vec::new(),
            ..full.clone()
        };
        assert_eq!(in_view(Arc::new(full.clone()), ParkView::Basic), expected);
        assert_eq!(in_view(Arc::new(full.clone()), ParkView::Full), full);
    }
}
