//! End to end: the real server on an ephemeral port, called through the generated clients.

mod common;

use std::collections::HashSet;

use common::{assert_error, authed, TestServer, TOKEN};
use parkgraph_proto::v1::{
    GetDocumentRequest, GetParkRequest, GetStatisticRequest, IngestDocumentRequest,
    ListClustersRequest, ListDocumentsRequest, ListParksRequest, ListSourceFormatsRequest,
    ListStatisticsRequest, Metric, Park, ParkView, SourceFormat,
};
use tonic::Code;

fn list_stats(page_size: i32, page_token: String, filter: &str) -> ListStatisticsRequest {
    ListStatisticsRequest {
        page_size,
        page_token,
        filter: filter.into(),
        order_by: String::new(),
    }
}

#[tokio::test]
async fn health_reflection_and_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;

    let mut health = tonic_health::pb::health_client::HealthClient::new(server.channel.clone());
    for service in [
        "",
        "parkgraph.v1.ParkService",
        "parkgraph.v1.DocumentService",
    ] {
        let resp = health
            .check(tonic_health::pb::HealthCheckRequest {
                service: service.into(),
            })
            .await
            .unwrap();
        assert_eq!(
            resp.into_inner().status(),
            tonic_health::pb::health_check_response::ServingStatus::Serving
        );
    }

    let docs = server
        .documents()
        .list_documents(ListDocumentsRequest {
            page_size: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(docs.documents.len(), 5, "the five seeds are loaded");
    assert!(docs.next_page_token.is_empty());

    let formats = server
        .documents()
        .list_source_formats(ListSourceFormatsRequest {})
        .await
        .unwrap()
        .into_inner();
    let ids: Vec<_> = formats
        .source_formats
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(ids, ["chinadaily", "eastmoney"]);
    assert_eq!(
        formats.source_formats[1].source_format(),
        SourceFormat::Eastmoney
    );
    server.stop().await;
}

#[tokio::test]
async fn pagination_walks_every_item_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let mut client = server.statistics();
    let all = client
        .list_statistics(list_stats(1000, String::new(), ""))
        .await
        .unwrap()
        .into_inner();
    assert!(
        all.statistics.len() > 20,
        "seeds give many statistics, got {}",
        all.statistics.len()
    );
    assert!(all.next_page_token.is_empty());

    let mut seen = Vec::new();
    let mut token = String::new();
    let mut pages = 0;
    loop {
        let page = client
            .list_statistics(list_stats(7, token, ""))
            .await
            .unwrap()
            .into_inner();
        assert!(page.statistics.len() <= 7);
        seen.extend(page.statistics.into_iter().map(|s| s.name));
        pages += 1;
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    let expected: Vec<_> = all.statistics.iter().map(|s| s.name.clone()).collect();
    assert_eq!(seen, expected, "no duplicates, no gaps, same order");
    assert_eq!(pages, expected.len().div_ceil(7));

    // Documents too, with a page size of 2.
    let mut docs = server.documents();
    let (mut ids, mut token) = (HashSet::new(), String::new());
    loop {
        let page = docs
            .list_documents(ListDocumentsRequest {
                page_size: 2,
                page_token: token,
                ..Default::default()
            })
            .await
            .unwrap()
            .into_inner();
        for d in page.documents {
            assert!(ids.insert(d.id), "duplicate document");
        }
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    assert_eq!(ids.len(), 5);
    server.stop().await;
}

#[tokio::test]
async fn filters_select_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let mut client = server.statistics();

    let planned = client
        .list_statistics(list_stats(1000, String::new(), "metric = AREA_PLANNED"))
        .await
        .unwrap()
        .into_inner()
        .statistics;
    assert!(!planned.is_empty());
    assert!(planned.iter().all(|s| s.metric() == Metric::AreaPlanned));
    // The index behind `metric =` (and `subject =`) finds exactly what a full scan finds.
    let all = client
        .list_statistics(list_stats(1000, String::new(), ""))
        .await
        .unwrap()
        .into_inner()
        .statistics;
    let scanned: Vec<_> = all
        .iter()
        .filter(|s| s.metric() == Metric::AreaPlanned)
        .cloned()
        .collect();
    assert_eq!(planned, scanned);
    let by_subject: Vec<_> = all
        .iter()
        .filter(|s| {
            s.subject.as_ref().is_some_and(|x| {
                x.name.eq_ignore_ascii_case("hohhot") || x.id.eq_ignore_ascii_case("hohhot")
            })
        })
        .cloned()
        .collect();
    let indexed = client
        .list_statistics(list_stats(1000, String::new(), r#"subject = "HOHHOT""#))
        .await
        .unwrap()
        .into_inner()
        .statistics;
    assert_eq!(indexed, by_subject);

    let recent = client
        .list_statistics(list_stats(
            1000,
            String::new(),
            "year >= 2015 AND unit = CNY",
        ))
        .await
        .unwrap()
        .into_inner()
        .statistics;
    assert!(!recent.is_empty());
    for s in &recent {
        assert!(s.period.as_ref().unwrap().end_year >= 2015, "{s:?}");
    }

    let hohhot = client
        .list_statistics(list_stats(1000, String::new(), r#"subject = "Hohhot""#))
        .await
        .unwrap()
        .into_inner()
        .statistics;
    assert!(!hohhot.is_empty());
    assert!(hohhot
        .iter()
        .all(|s| s.subject.as_ref().unwrap().name == "Hohhot"));

    let clusters = server
        .clusters()
        .list_clusters(ListClustersRequest {
            filter: r#"city = "Hohhot" AND ordinal <= 3"#.into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .clusters;
    assert_eq!(clusters.iter().map(|c| c.ordinal).collect::<Vec<_>>(), {
        let mut v: Vec<i32> = clusters.iter().map(|c| c.ordinal).collect();
        v.retain(|o| (1..=3).contains(o));
        v
    });
    assert_eq!(clusters.len(), 3);

    let parks = server
        .parks()
        .list_parks(ListParksRequest {
            filter: "level = AUTONOMOUS_REGION".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .parks;
    assert!(!parks.is_empty());
    assert!(parks.iter().all(|p| p.level == 2));
    server.stop().await;
}

#[tokio::test]
async fn get_returns_the_resource_or_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let parks = server
        .parks()
        .list_parks(ListParksRequest::default())
        .await
        .unwrap()
        .into_inner()
        .parks;
    let first = parks.first().expect("seed parks");
    let got = server
        .parks()
        .get_park(GetParkRequest {
            name: first.name.clone(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(&got, first);

    let missing = server
        .parks()
        .get_park(GetParkRequest {
            name: "parks/no-such-park".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_error(&missing, Code::NotFound, "RESOURCE_NOT_FOUND");

    // The basic view: the same park without its provenance.
    let get_in = |view: ParkView| {
        let mut parks = server.parks();
        let name = first.name.clone();
        async move {
            parks
                .get_park(GetParkRequest {
                    name,
                    view: view.into(),
                })
                .await
                .unwrap()
                .into_inner()
        }
    };
    let basic = get_in(ParkView::Basic).await;
    assert!(!first.sources.is_empty() && !first.evidence.is_empty());
    assert!(basic.sources.is_empty() && basic.evidence.is_empty() && basic.claims.is_empty());
    let provenance_dropped = Park {
        sources: Vec::new(),
        evidence: Vec::new(),
        claims: Vec::new(),
        ..first.clone()
    };
    assert_eq!(basic, provenance_dropped);
    let full = get_in(ParkView::Full).await;
    assert_eq!(&full, first, "FULL is what an unset view returns");
    let listed = server
        .parks()
        .list_parks(ListParksRequest {
            page_size: 1000,
            view: ParkView::Basic.into(),
            filter: format!("source = \"{}\"", first.sources[0]),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .parks;
    assert!(
        listed.contains(&provenance_dropped),
        "filters still see the sources"
    );
    assert!(listed
        .iter()
        .all(|p| p.sources.is_empty() && p.evidence.is_empty()));
    let bad_view = server
        .parks()
        .list_parks(ListParksRequest {
            view: 7,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&bad_view, Code::InvalidArgument, "INVALID_VIEW"),
        ["view"]
    );

    let missing = server
        .statistics()
        .get_statistic(GetStatisticRequest {
            name: "statistics/nope".into(),
        })
        .await
        .unwrap_err();
    assert_error(&missing, Code::NotFound, "RESOURCE_NOT_FOUND");
    let bad = server
        .documents()
        .get_document(GetDocumentRequest {
            name: "parks/x".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&bad, Code::InvalidArgument, "INVALID_RESOURCE_NAME"),
        ["name"]
    );
    server.stop().await;
}

#[tokio::test]
async fn invalid_list_arguments_are_rejected_with_details() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let mut client = server.statistics();

    let err = client
        .list_statistics(list_stats(-1, String::new(), ""))
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&err, Code::InvalidArgument, "INVALID_PAGE_SIZE"),
        ["page_size"]
    );

    let err = client
        .list_statistics(list_stats(10, "garbage!".into(), ""))
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&err, Code::InvalidArgument, "INVALID_PAGE_TOKEN"),
        ["page_token"]
    );

    // A token from another listing (other filter) is refused, not misread.
    let page = client
        .list_statistics(list_stats(1, String::new(), ""))
        .await
        .unwrap()
        .into_inner();
    assert!(!page.next_page_token.is_empty());
    let err = client
        .list_statistics(list_stats(1, page.next_page_token.clone(), "unit = CNY"))
        .await
        .unwrap_err();
    assert_error(&err, Code::InvalidArgument, "INVALID_PAGE_TOKEN");
    let err = server
        .parks()
        .list_parks(ListParksRequest {
            page_token: page.next_page_token,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_error(&err, Code::InvalidArgument, "INVALID_PAGE_TOKEN");

    let err = client
        .list_statistics(list_stats(10, String::new(), "colour = red"))
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&err, Code::InvalidArgument, "INVALID_FILTER"),
        ["filter"]
    );
    assert!(err.message().contains("colour"), "{}", err.message());
    let err = client
        .list_statistics(list_stats(10, String::new(), "metric = SIZE"))
        .await
        .unwrap_err();
    assert_error(&err, Code::InvalidArgument, "INVALID_FILTER");
    server.stop().await;
}

fn new_document() -> Vec<u8> {
    let seed =
        std::fs::read_to_string(common::seeds_dir().join("002_bf2f96a73990e654.txt")).unwrap();
    seed.replace("13 research institutions", "14 research institutions")
        .into_bytes()
}

#[tokio::test]
async fn ingest_needs_the_token_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), Some(TOKEN)).await;
    let mut docs = server.documents();
    let req = || IngestDocumentRequest {
        content: new_document(),
        uri: "test://new".into(),
        ..Default::default()
    };

    let err = docs.ingest_document(req()).await.unwrap_err();
    assert_error(&err, Code::Unauthenticated, "UNAUTHENTICATED");
    let err = docs
        .ingest_document(authed(req(), "wrong"))
        .await
        .unwrap_err();
    assert_error(&err, Code::Unauthenticated, "UNAUTHENTICATED");
    assert!(!err.message().contains("wrong") && !err.message().contains(TOKEN));

    let first = docs
        .ingest_document(authed(req(), TOKEN))
        .await
        .unwrap()
        .into_inner();
    assert!(first.created);
    let doc = first.document.clone().unwrap();
    assert_eq!(doc.source_format(), SourceFormat::Chinadaily);
    assert_eq!(doc.uri, "test://new");
    assert!(first
        .statistics
        .iter()
        .any(|s| s.value.as_ref().unwrap().value == "14"));

    let again = docs
        .ingest_document(authed(req(), TOKEN))
        .await
        .unwrap()
        .into_inner();
    assert!(!again.created);
    assert_eq!(again.document, first.document);
    let ids = |r: &parkgraph_proto::v1::IngestDocumentResponse| {
        r.statistics
            .iter()
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&again), ids(&first));

    let all = docs
        .list_documents(ListDocumentsRequest {
            page_size: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.into_inner().documents.len(), 6);

    // The same park from two documents is one park with both sources.
    let park = &first.parks[0];
    assert_eq!(park.sources.len(), 2, "{:?}", park.sources);

    let err = docs
        .ingest_document(authed(
            IngestDocumentRequest {
                content: b"   ".to_vec(),
                ..Default::default()
            },
            TOKEN,
        ))
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&err, Code::InvalidArgument, "EMPTY_DOCUMENT"),
        ["content"]
    );
    let err = docs
        .ingest_document(authed(
            IngestDocumentRequest {
                content: vec![0, 159, 146, 150, 0, 1],
                ..Default::default()
            },
            TOKEN,
        ))
        .await
        .unwrap_err();
    assert_error(&err, Code::InvalidArgument, "UNDECODABLE_DOCUMENT");
    let err = docs
        .ingest_document(authed(
            IngestDocumentRequest {
                content: new_document(),
                source_format: 99,
                ..Default::default()
            },
            TOKEN,
        ))
        .await
        .unwrap_err();
    assert_eq!(
        assert_error(&err, Code::InvalidArgument, "NO_SUCH_SOURCE_FORMAT"),
        ["source_format"]
    );
    server.stop().await;
}

#[tokio::test]
async fn ingest_is_refused_when_no_token_is_configured() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), None).await;
    let err = server
        .documents()
        .ingest_document(authed(
            IngestDocumentRequest {
                content: new_document(),
                ..Default::default()
            },
            "anything",
        ))
        .await
        .unwrap_err();
    assert_error(&err, Code::FailedPrecondition, "INGEST_DISABLED");
    assert!(
        err.message().contains("auth.ingest_token"),
        "{}",
        err.message()
    );
    server.stop().await;
}

#[tokio::test]
async fn a_read_token_closes_reads_but_not_health() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_with(
        dir.path(),
        Some(TOKEN),
        &[("PARKGRAPH__AUTH__READ_TOKEN", "reader-secret")],
    )
    .await;
    // without a credential, every read is refused and the reason never echoes a token
    let err = server
        .parks()
        .list_parks(ListParksRequest::default())
        .await
        .unwrap_err();
    assert_error(&err, Code::Unauthenticated, "UNAUTHENTICATED");
    let err = server
        .statistics()
        .list_statistics(authed(ListStatisticsRequest::default(), "wrong"))
        .await
        .unwrap_err();
    assert_error(&err, Code::Unauthenticated, "UNAUTHENTICATED");
    assert!(!err.message().contains("reader-secret") && !err.message().contains("wrong"));
    let err = server
        .documents()
        .list_source_formats(ListSourceFormatsRequest::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::Unauthenticated);
    // the read token and the ingest token both read
    for token in ["reader-secret", TOKEN] {
        let parks = server
            .parks()
            .list_parks(authed(ListParksRequest::default(), token))
            .await
            .unwrap()
            .into_inner()
            .parks;
        assert!(!parks.is_empty());
        let got = server
            .parks()
            .get_park(authed(
                GetParkRequest {
                    name: parks[0].name.clone(),
                    ..Default::default()
                },
                token,
            ))
            .await
            .unwrap();
        assert_eq!(got.into_inner().name, parks[0].name);
    }
    // the read token does not write
    let err = server
        .documents()
        .ingest_document(authed(
            IngestDocumentRequest {
                content: new_document(),
                ..Default::default()
            },
            "reader-secret",
        ))
        .await
        .unwrap_err();
    assert_error(&err, Code::Unauthenticated, "UNAUTHENTICATED");
    // probes need no credential
    let mut health = tonic_health::pb::health_client::HealthClient::new(server.channel.clone());
    let status = health
        .check(tonic_health::pb::HealthCheckRequest::default())
        .await
        .unwrap()
        .into_inner()
        .status;
    assert_eq!(
        status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
    server.stop().await;
}

#[tokio::test]
async fn restart_keeps_everything_and_never_duplicates_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), Some(TOKEN)).await;
    let ingested = server.ingest(new_document()).await;
    let count = |s: &TestServer| {
        let mut c = s.statistics();
        async move {
            c.list_statistics(list_stats(1000, String::new(), ""))
                .await
                .unwrap()
                .into_inner()
                .statistics
        }
    };
    let before = count(&server).await;
    server.stop().await;

    let server = TestServer::start(dir.path(), Some(TOKEN)).await;
    let after = count(&server).await;
    assert_eq!(before, after);
    let doc = server
        .documents()
        .get_document(GetDocumentRequest {
            name: ingested.document.unwrap().name,
        })
        .await
        .unwrap()
        .into_inner();
    assert!(doc.ingest_time.is_some());
    let docs = server
        .documents()
        .list_documents(ListDocumentsRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(docs.documents.len(), 6);
    server.stop().await;
}

/// A China Daily page profiling a park that says which park it belongs to.
fn sub_park_page() -> Vec<u8> {
    "Industrial Parks\n\nJinqiao Development Zone\n\nUpdated: Mar 3, 2018 Print\nShare - WeChat\n\n\
Jinqiao Development Zone was set up in 2000 in Hohhot.\n\n\
It is one of the four parks of Hohhot Economic and Technological Development Zone.\n\n\
Its leading industries include electronics and logistics.\n"
        .as_bytes()
        .to_vec()
}

#[tokio::test]
async fn a_sub_park_names_its_parent_and_the_parent_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(dir.path(), Some(TOKEN)).await;
    let ingested = server.ingest(sub_park_page()).await;
    let sub = &ingested.parks[0];
    assert_eq!(sub.name_en, "Jinqiao Development Zone");
    assert_eq!(sub.parent, "parks/g151005", "{:?}", ingested.parks);
    let claim = sub.claims.iter().find(|c| c.field == "parent").unwrap();
    assert!(claim
        .evidence
        .as_ref()
        .unwrap()
        .quote
        .contains("one of the four parks of"));

    // The parent is a park of its own, and the filter finds its sub-parks.
    let mut parks = server.parks();
    let parent = parks
        .get_park(GetParkRequest {
            name: sub.parent.clone(),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        parent.name_en,
        "Hohhot Economic and Technological Development Zone"
    );
    assert!(parent.parent.is_empty());
    let children = parks
        .list_parks(ListParksRequest {
            filter: format!("parent = \"{}\"", parent.name),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner()
        .parks;
    assert_eq!(
        children.iter().map(|p| &p.name).collect::<Vec<_>>(),
        [&sub.name]
    );
    server.stop().await;
}
