"""The Python client (generated from proto/ by grpcio-tools) against the real server.

Every RPC of the four parkgraph services is called; error details are decoded with
grpcio-status into google.rpc.ErrorInfo and google.rpc.BadRequest.
"""

from __future__ import annotations

import decimal
import pathlib
import subprocess
import sys

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from parkgraph.v1 import (
    cluster_service_pb2 as cluster_pb,
    cluster_service_pb2_grpc as cluster_grpc,
    document_service_pb2 as document_pb,
    document_service_pb2_grpc as document_grpc,
    park_service_pb2 as park_pb,
    park_service_pb2_grpc as park_grpc,
    resources_pb2 as res,
    statistic_service_pb2 as statistic_pb,
    statistic_service_pb2_grpc as statistic_grpc,
)

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
ERROR_DOMAIN = "parkgraph.v1"
TIMEOUT = 10  # seconds, every call


class Client:
    """The four service stubs over one channel."""

    def __init__(self, addr: str, token: str | None = None):
        self.channel = grpc.insecure_channel(addr)
        self.parks = park_grpc.ParkServiceStub(self.channel)
        self.clusters = cluster_grpc.ClusterServiceStub(self.channel)
        self.statistics = statistic_grpc.StatisticServiceStub(self.channel)
        self.documents = document_grpc.DocumentServiceStub(self.channel)
        self.auth = [("authorization", f"Bearer {token}")] if token else []

    def close(self):
        self.channel.close()


@pytest.fixture(scope="module")
def client(server):
    c = Client(server.addr, server.token)
    yield c
    c.close()


def error_details(err: grpc.RpcError):
    """(code, ErrorInfo, BadRequest or None) of a failed call, decoded from grpc-status-details-bin."""
    status = rpc_status.from_call(err)
    assert status is not None, f"{err.code()} {err.details()!r} carries no google.rpc.Status details"
    assert status.code == err.code().value[0]
    info, bad = None, None
    for any_detail in status.details:
        if any_detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            any_detail.Unpack(info)
        elif any_detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            any_detail.Unpack(bad)
    assert info is not None, f"no ErrorInfo in {status}"
    assert info.domain == ERROR_DOMAIN
    return err.code(), info, bad


def assert_error(call, code: grpc.StatusCode, reason: str, field: str | None = None):
    with pytest.raises(grpc.RpcError) as excinfo:
        call()
    got_code, info, bad = error_details(excinfo.value)
    assert (got_code, info.reason) == (code, reason), excinfo.value.details()
    if field is None:
        assert bad is None or not bad.field_violations
    else:
        assert bad is not None, f"no BadRequest for {reason}"
        assert [v.field for v in bad.field_violations] == [field]
        assert all(v.description for v in bad.field_violations)
    return excinfo.value


def list_all(method, request_type, field: str, page_size: int, **kwargs):
    """Every item of a listing, following next_page_token to the end; also the page count."""
    items, token, pages = [], "", 0
    while True:
        resp = method(request_type(page_size=page_size, page_token=token, **kwargs), timeout=TIMEOUT)
        pages += 1
        items.extend(getattr(resp, field))
        token = resp.next_page_token
        if not token:
            return items, pages
        assert pages < 10_000, "pagination does not end"


# --- health --------------------------------------------------------------------------------


def test_health_reports_serving(client):
    # grpc.health.v1.Health/Check by hand: HealthCheckRequest{} is empty; status SERVING = 1.
    check = client.channel.unary_unary(
        "/grpc.health.v1.Health/Check", request_serializer=lambda b: b, response_deserializer=lambda b: b
    )
    assert check(b"", timeout=TIMEOUT) == b"\x08\x01"
    service = b"parkgraph.v1.ParkService"
    assert check(b"\x0a" + bytes([len(service)]) + service, timeout=TIMEOUT) == b"\x08\x01"


# --- parks ---------------------------------------------------------------------------------


def test_list_parks_walks_every_page_without_duplicates(client):
    everything = client.parks.ListParks(park_pb.ListParksRequest(page_size=1000), timeout=TIMEOUT)
    assert not everything.next_page_token
    names = [p.name for p in everything.parks]
    assert len(names) >= 3, f"the seeds give several parks, got {names}"

    walked, token, pages = [], "", 0
    while True:
        page = client.parks.ListParks(park_pb.ListParksRequest(page_size=1, page_token=token), timeout=TIMEOUT)
        pages += 1
        assert len(page.parks) == 1
        walked.append(page.parks[0].name)
        token = page.next_page_token
        if not token:
            break
        assert pages <= len(names), "more pages than parks"
    assert len(walked) == len(set(walked)), f"duplicates: {walked}"
    assert walked == names, "same parks, same (id) order"
    assert pages == len(names)
    for park in everything.parks:
        assert park.name == f"parks/{park.id}"
        assert park.sources and all(s.startswith("documents/") for s in park.sources)


def test_page_size_default_50_and_max_1000(client):
    total = len(list_all(client.statistics.ListStatistics, statistic_pb.ListStatisticsRequest, "statistics", 1000)[0])
    page = client.statistics.ListStatistics(statistic_pb.ListStatisticsRequest(), timeout=TIMEOUT)
    assert len(page.statistics) == min(total, 50)
    assert bool(page.next_page_token) == (total > 50)
    # Above the maximum is not an error: it is read as 1000.
    big = client.statistics.ListStatistics(statistic_pb.ListStatisticsRequest(page_size=5000), timeout=TIMEOUT)
    assert len(big.statistics) == min(total, 1000)


def test_list_parks_filter(client):
    hohhot = client.parks.ListParks(park_pb.ListParksRequest(filter='city = "Hohhot"'), timeout=TIMEOUT).parks
    assert hohhot, "Hohhot has parks in the seeds"
    assert all(p.city == "Hohhot" for p in hohhot)
    everything = client.parks.ListParks(park_pb.ListParksRequest(page_size=1000), timeout=TIMEOUT).parks
    assert [p.name for p in hohhot] == [p.name for p in everything if p.city == "Hohhot"]
    regional = client.parks.ListParks(
        park_pb.ListParksRequest(filter="level = AUTONOMOUS_REGION", page_size=1000), timeout=TIMEOUT
    ).parks
    assert regional and all(p.level == res.PARK_LEVEL_AUTONOMOUS_REGION for p in regional)
    none = client.parks.ListParks(park_pb.ListParksRequest(filter='city = "Atlantis"'), timeout=TIMEOUT)
    assert list(none.parks) == [] and not none.next_page_token


def test_get_park_returns_the_listed_park(client):
    first = client.parks.ListParks(park_pb.ListParksRequest(page_size=1), timeout=TIMEOUT).parks[0]
    got = client.parks.GetPark(park_pb.GetParkRequest(name=first.name), timeout=TIMEOUT)
    assert got == first
    assert got.evidence and all(e.quote for e in got.evidence)


def test_gzip_compressed_calls(client):
    page = client.parks.ListParks(
        park_pb.ListParksRequest(page_size=2), timeout=TIMEOUT, compression=grpc.Compression.Gzip
    )
    assert len(page.parks) == 2


# --- statistics ----------------------------------------------------------------------------


def test_list_statistics_filters(client):
    planned = client.statistics.ListStatistics(
        statistic_pb.ListStatisticsRequest(filter="metric = AREA_PLANNED", page_size=1000), timeout=TIMEOUT
    ).statistics
    assert planned, "the seeds state planned areas"
    area_units = {res.UNIT_KM2, res.UNIT_HA, res.UNIT_M2, res.UNIT_MU}
    for s in planned:
        assert s.metric == res.METRIC_AREA_PLANNED
        assert s.unit in area_units, s
        assert decimal.Decimal(s.value.value) > 0
        assert s.evidence.quote and s.evidence.document.startswith("documents/")

    # The prefixed enum name means the same.
    prefixed = client.statistics.ListStatistics(
        statistic_pb.ListStatisticsRequest(filter="metric = METRIC_AREA_PLANNED", page_size=1000), timeout=TIMEOUT
    ).statistics
    assert [s.name for s in prefixed] == [s.name for s in planned]

    recent_cny = client.statistics.ListStatistics(
        statistic_pb.ListStatisticsRequest(filter="year >= 2015 AND unit = CNY", page_size=1000), timeout=TIMEOUT
    ).statistics
    assert recent_cny
    for s in recent_cny:
        assert s.unit == res.UNIT_CNY and s.period.end_year >= 2015

    everything, pages = list_all(client.statistics.ListStatistics, statistic_pb.ListStatisticsRequest, "statistics", 7)
    assert len(everything) > 20 and pages == -(-len(everything) // 7)
    assert len({s.name for s in everything}) == len(everything)
    assert {s.name for s in planned} == {s.name for s in everything if s.metric == res.METRIC_AREA_PLANNED}


def test_statistic_evidence_quotes_the_document(client):
    stat = client.statistics.ListStatistics(
        statistic_pb.ListStatisticsRequest(filter="metric = AREA_PLANNED", page_size=1), timeout=TIMEOUT
    ).statistics[0]
    got = client.statistics.GetStatistic(statistic_pb.GetStatisticRequest(name=stat.name), timeout=TIMEOUT)
    assert got == stat
    doc = client.documents.GetDocument(document_pb.GetDocumentRequest(name=stat.evidence.document), timeout=TIMEOUT)
    # Offsets count Unicode scalar values, which is what Python's str indexes.
    assert doc.body[stat.evidence.start : stat.evidence.end] == stat.evidence.quote
    assert doc.id == stat.evidence.document_id


# --- clusters ------------------------------------------------------------------------------


def test_hohhot_has_six_clusters(client):
    clusters = client.clusters.ListClusters(
        cluster_pb.ListClustersRequest(filter='city = "Hohhot"'), timeout=TIMEOUT
    ).clusters
    assert len(clusters) == 6, [c.name_zh for c in clusters]
    assert sorted(c.ordinal for c in clusters) == [1, 2, 3, 4, 5, 6]
    assert all(c.name_zh and c.region == "Inner Mongolia" for c in clusters)
    first_three = client.clusters.ListClusters(
        cluster_pb.ListClustersRequest(filter='city = "Hohhot" AND ordinal <= 3'), timeout=TIMEOUT
    ).clusters
    assert sorted(c.ordinal for c in first_three) == [1, 2, 3]


def test_get_cluster(client):
    listed = client.clusters.ListClusters(
        cluster_pb.ListClustersRequest(filter='city = "Hohhot" AND ordinal = 1'), timeout=TIMEOUT
    ).clusters
    assert len(listed) == 1
    got = client.clusters.GetCluster(cluster_pb.GetClusterRequest(name=listed[0].name), timeout=TIMEOUT)
    assert got == listed[0]
    assert got.name == f"clusters/{got.id}" and got.ordinal == 1 and got.evidence


# --- documents -----------------------------------------------------------------------------


def test_documents_and_source_formats(client):
    formats = client.documents.ListSourceFormats(document_pb.ListSourceFormatsRequest(), timeout=TIMEOUT)
    assert [(f.id, f.source_format) for f in formats.source_formats] == [
        ("chinadaily", res.SOURCE_FORMAT_CHINADAILY),
        ("eastmoney", res.SOURCE_FORMAT_EASTMONEY),
    ]
    docs, pages = list_all(client.documents.ListDocuments, document_pb.ListDocumentsRequest, "documents", 2)
    assert len(docs) == 5 and pages == 3, "the five seeds, two per page"
    assert sorted(d.language for d in docs) == ["en", "en", "en", "en", "zh"]
    zh = client.documents.ListDocuments(
        document_pb.ListDocumentsRequest(filter='source_format = EASTMONEY AND language = "zh"'), timeout=TIMEOUT
    ).documents
    assert len(zh) == 1 and "呼和浩特" in zh[0].title
    got = client.documents.GetDocument(document_pb.GetDocumentRequest(name=zh[0].name), timeout=TIMEOUT)
    assert got == zh[0]
    assert got.published_at.seconds > 0 and got.size_bytes > 0


# --- ingest --------------------------------------------------------------------------------


def new_document() -> bytes:
    """A seed with one number changed: new bytes, so a new document, about known parks."""
    seed = (SEEDS / "002_bf2f96a73990e654.txt").read_text(encoding="utf-8")
    assert "13 research institutions" in seed
    return seed.replace("13 research institutions", "14 research institutions").encode("utf-8")


def test_ingest_document(fresh_server):
    c = Client(fresh_server.addr, fresh_server.token)
    try:
        request = document_pb.IngestDocumentRequest(content=new_document(), uri="test://python-client")
        assert_error(lambda: c.documents.IngestDocument(request, timeout=TIMEOUT),
                     grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED")
        err = assert_error(
            lambda: c.documents.IngestDocument(request, timeout=TIMEOUT, metadata=[("authorization", "Bearer nope")]),
            grpc.StatusCode.UNAUTHENTICATED, "UNAUTHENTICATED",
        )
        assert fresh_server.token not in err.details()

        first = c.documents.IngestDocument(request, timeout=TIMEOUT, metadata=c.auth)
        assert first.created
        assert first.document.source_format == res.SOURCE_FORMAT_CHINADAILY
        assert first.document.uri == "test://python-client"
        assert any(s.value.value == "14" for s in first.statistics), [s.value.value for s in first.statistics]
        assert first.parks and len(first.parks[0].sources) == 2, "merged with the seed's park"

        again = c.documents.IngestDocument(request, timeout=TIMEOUT, metadata=c.auth)
        assert not again.created and again.document == first.document
        assert [s.id for s in again.statistics] == [s.id for s in first.statistics]

        docs = c.documents.ListDocuments(document_pb.ListDocumentsRequest(page_size=100), timeout=TIMEOUT).documents
        assert len(docs) == 6
        assert first.document.name in {d.name for d in docs}

        assert_error(
            lambda: c.documents.IngestDocument(
                document_pb.IngestDocumentRequest(content=b"   "), timeout=TIMEOUT, metadata=c.auth),
            grpc.StatusCode.INVALID_ARGUMENT, "EMPTY_DOCUMENT", field="content",
        )
        assert_error(
            lambda: c.documents.IngestDocument(
                document_pb.IngestDocumentRequest(content=bytes([0, 159, 146, 150, 0, 1])), timeout=TIMEOUT,
                metadata=c.auth),
            grpc.StatusCode.INVALID_ARGUMENT, "UNDECODABLE_DOCUMENT", field="content",
        )
        assert_error(
            lambda: c.documents.IngestDocument(
                document_pb.IngestDocumentRequest(content=new_document(), source_format=99), timeout=TIMEOUT,
                metadata=c.auth),
            grpc.StatusCode.INVALID_ARGUMENT, "NO_SUCH_SOURCE_FORMAT", field="source_format",
        )
    finally:
        c.close()


def test_ingest_is_disabled_without_a_token(start_server):
    s = start_server(token=None, name="no-token")
    c = Client(s.addr, "anything")
    try:
        err = assert_error(
            lambda: c.documents.IngestDocument(
                document_pb.IngestDocumentRequest(content=new_document()), timeout=TIMEOUT, metadata=c.auth),
            grpc.StatusCode.FAILED_PRECONDITION, "INGEST_DISABLED",
        )
        assert "auth.ingest_token" in err.details()
    finally:
        c.close()


# --- errors --------------------------------------------------------------------------------


def test_not_found_carries_error_info(client):
    for call in (
        lambda: client.parks.GetPark(park_pb.GetParkRequest(name="parks/no-such-park"), timeout=TIMEOUT),
        lambda: client.clusters.GetCluster(cluster_pb.GetClusterRequest(name="clusters/no-such"), timeout=TIMEOUT),
        lambda: client.statistics.GetStatistic(statistic_pb.GetStatisticRequest(name="statistics/no"), timeout=TIMEOUT),
        lambda: client.documents.GetDocument(document_pb.GetDocumentRequest(name="documents/00"), timeout=TIMEOUT),
    ):
        assert_error(call, grpc.StatusCode.NOT_FOUND, "RESOURCE_NOT_FOUND")


def test_invalid_arguments_carry_bad_request(client):
    stats = client.statistics
    err = assert_error(
        lambda: stats.ListStatistics(statistic_pb.ListStatisticsRequest(filter="colour = red"), timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_FILTER", field="filter",
    )
    assert "colour" in err.details()
    assert_error(
        lambda: stats.ListStatistics(statistic_pb.ListStatisticsRequest(filter='metric = "A" OR unit = CNY'),
                                     timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_FILTER", field="filter",
    )
    assert_error(
        lambda: stats.ListStatistics(statistic_pb.ListStatisticsRequest(page_size=-1), timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PAGE_SIZE", field="page_size",
    )
    assert_error(
        lambda: stats.ListStatistics(statistic_pb.ListStatisticsRequest(page_token="garbage!"), timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN", field="page_token",
    )
    # Page tokens are bound to the listing (collection, filter, order) they came from.
    token = stats.ListStatistics(statistic_pb.ListStatisticsRequest(page_size=1), timeout=TIMEOUT).next_page_token
    assert token
    assert_error(
        lambda: stats.ListStatistics(statistic_pb.ListStatisticsRequest(page_size=1, page_token=token,
                                                                        filter="unit = CNY"), timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN", field="page_token",
    )
    assert_error(
        lambda: client.parks.ListParks(park_pb.ListParksRequest(page_token=token), timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PAGE_TOKEN", field="page_token",
    )
    assert_error(
        lambda: client.documents.GetDocument(document_pb.GetDocumentRequest(name="parks/x"), timeout=TIMEOUT),
        grpc.StatusCode.INVALID_ARGUMENT, "INVALID_RESOURCE_NAME", field="name",
    )


# --- the examples in examples/python -------------------------------------------------------


def run_example(script: str, *args: str, gen_dir: str) -> str:
    import os

    env = dict(os.environ, PYTHONPATH=gen_dir)
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "python" / script), *args],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, f"{script} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_examples(client, server, pytestconfig):
    gen = pytestconfig.parkgraph_gen_dir
    out = run_example("list_parks.py", "--addr", server.addr, "--city", "Hohhot", gen_dir=gen)
    hohhot = client.parks.ListParks(park_pb.ListParksRequest(filter='city = "Hohhot"', page_size=1000),
                                    timeout=TIMEOUT).parks
    for park in hohhot:
        assert park.name in out
    assert len([line for line in out.splitlines() if line.startswith("parks/")]) == len(hohhot)

    # A park with statistics: the subject of a planned-area statistic.
    stat = client.statistics.ListStatistics(
        statistic_pb.ListStatisticsRequest(filter="metric = AREA_PLANNED AND subject_kind = PARK", page_size=1),
        timeout=TIMEOUT,
    ).statistics[0]
    park_name = f"parks/{stat.subject.id}"
    out = run_example("park_statistics.py", "--addr", server.addr, park_name, gen_dir=gen)
    assert "- AREA_PLANNED: " in out
    assert f'"{stat.evidence.quote}"' in out
    park_stats = client.statistics.ListStatistics(
        statistic_pb.ListStatisticsRequest(filter=f'subject_kind = PARK AND subject = "{stat.subject.id}"',
                                           page_size=1000), timeout=TIMEOUT,
    ).statistics
    assert len([line for line in out.splitlines() if line.startswith("- ")]) == len(park_stats)
