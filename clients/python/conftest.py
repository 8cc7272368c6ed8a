"""Generates the Python client from proto/ with grpcio-tools into a temporary directory, once
per run, before the test modules are imported (nothing generated is kept in the repository).

`google.type.Decimal` comes from googleapis-common-protos, which ships the same
`google/type/decimal.proto` that proto/ vendors; the parkgraph files are generated here.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
PROTO_DIR = REPO / "proto"

_GEN_DIR: str | None = None


def generate(out: str) -> None:
    protos = sorted(str(p.relative_to(PROTO_DIR)) for p in PROTO_DIR.glob("parkgraph/v1/*.proto"))
    assert protos, f"no .proto files under {PROTO_DIR}/parkgraph/v1"
    subprocess.run(
        [
            sys.executable, "-m", "grpc_tools.protoc",
            f"-I{PROTO_DIR}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            f"--grpc_python_out={out}",
            *protos,
        ],
        cwd=PROTO_DIR,
        check=True,
    )


def pytest_configure(config):
    global _GEN_DIR
    _GEN_DIR = tempfile.mkdtemp(prefix="parkgraph-pygen-")
    generate(_GEN_DIR)
    sys.path.insert(0, _GEN_DIR)
    config.parkgraph_gen_dir = _GEN_DIR


def pytest_unconfigure(config):
    if _GEN_DIR:
        shutil.rmtree(_GEN_DIR, ignore_errors=True)
