"""Shared pytest fixtures for the client suites (clients/python, clients/grpcurl).

Every test talks to the real `parkgraph` binary: the fixtures start it on an ephemeral port
(`127.0.0.1:0`, the bound address is read from the server's JSON log), with a temporary sled
store, the five documents of `seeds/` loaded and an ingest token set, wait until
`parkgraph healthcheck` reports SERVING, and stop it with SIGTERM at the end, checking that it
exits cleanly.

Environment:
  PARKGRAPH_BIN   the server binary (default: target/debug/parkgraph in the repository)
"""

from __future__ import annotations

import json
import os
import pathlib
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
PROTO_DIR = REPO / "proto"
SEEDS_DIR = REPO / "seeds"
README = REPO / "README.md"

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 20.0


def server_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("PARKGRAPH_BIN", REPO / "target" / "debug" / "parkgraph"))
    if not path.is_file():
        pytest.fail(
            f"server binary {path} not found: build it with "
            "`cargo build -p parkgraph-server --bin parkgraph` or set PARKGRAPH_BIN",
            pytrace=False,
        )
    return path


class Server:
    """One running `parkgraph serve` process."""

    def __init__(self, *, token: str | None, seeds: bool = True, name: str = "server"):
        self.token = token
        self.binary = server_binary()
        self.store = tempfile.mkdtemp(prefix=f"parkgraph-{name}-store-")
        self.log_path = pathlib.Path(tempfile.mkstemp(prefix=f"parkgraph-{name}-", suffix=".log")[1])
        self.addr: str | None = None
        self._addr_found = threading.Event()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARKGRAPH__")}
        env.update(
            {
                "PARKGRAPH__SERVER__ADDR": "127.0.0.1:0",
                "PARKGRAPH__SERVER__DRAIN_SECONDS": "2",
                "PARKGRAPH__STORE__PATH": self.store,
                "PARKGRAPH__SEEDS__DIR": str(SEEDS_DIR),
                "PARKGRAPH__SEEDS__LOAD": "true" if seeds else "false",
                "PARKGRAPH__LOG__FORMAT": "json",
                "PARKGRAPH__LOG__LEVEL": "info",
                "RUST_LOG": "info",
            }
        )
        if token is not None:
            env["PARKGRAPH__AUTH__INGEST_TOKEN"] = token
        self.proc = subprocess.Popen(
            [str(self.binary), "serve"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()
        try:
            self._wait_serving()
        except BaseException:
            self.stop(check=False)
            raise

    def _read_log(self) -> None:
        assert self.proc.stderr is not None
        with open(self.log_path, "wb") as log:
            for raw in self.proc.stderr:
                log.write(raw)
                log.flush()
                if self.addr is None:
                    try:
                        record = json.loads(raw)
                    except ValueError:
                        continue
                    if isinstance(record, dict) and record.get("message") == "listening" and record.get("addr"):
                        self.addr = str(record["addr"])
                        self._addr_found.set()

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _wait_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._addr_found.wait(0.05):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"parkgraph did not start (exit code {self.proc.poll()}); log:\n{self.log_tail()}"
                )
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"parkgraph exited with {self.proc.returncode} while starting (seed loading?); "
                    f"log:\n{self.log_tail()}"
                )
            check = subprocess.run(
                [str(self.binary), "healthcheck", "--addr", self.addr],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
            )
            if check.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"parkgraph at {self.addr} never reported SERVING; log:\n{self.log_tail()}")
            time.sleep(0.1)

    def stop(self, check: bool = True) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                if check:
                    raise AssertionError(f"parkgraph ignored SIGTERM for {STOP_TIMEOUT_S}s; log:\n{self.log_tail()}")
        self._reader.join(5)
        shutil.rmtree(self.store, ignore_errors=True)
        if check and self.proc.returncode != 0:
            raise AssertionError(
                f"parkgraph exited with {self.proc.returncode} on SIGTERM; log:\n{self.log_tail()}"
            )
        if not check or self.proc.returncode == 0:
            self.log_path.unlink(missing_ok=True)


def new_token() -> str:
    return "test-" + secrets.token_hex(16)


@pytest.fixture(scope="session")
def server():
    """A server with the seeds loaded, shared by the read-only tests of one pytest run."""
    s = Server(token=new_token(), name="shared")
    yield s
    s.stop()


@pytest.fixture
def fresh_server():
    """A server of its own, for tests that write (ingest) or need a pristine store."""
    s = Server(token=new_token(), name="fresh")
    yield s
    s.stop()


@pytest.fixture
def start_server():
    """A factory for servers with other settings (e.g. no ingest token); stopped at the end."""
    started = []

    def start(**kwargs) -> Server:
        s = Server(**kwargs)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def pytest_report_header(config):
    return [f"parkgraph binary: {os.environ.get('PARKGRAPH_BIN', REPO / 'target' / 'debug' / 'parkgraph')}",
            f"python: {sys.version.split()[0]}"]
