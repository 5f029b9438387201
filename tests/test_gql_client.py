"""Python's `gql` client (PyPI), installed beside LaunchGraph, runs every example against a
live server (`launchgraph serve --demo` on loopback) after validating it against the
introspected schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.test_gql_examples import examples

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """`launchgraph serve --demo` on a fresh SQLite file, until the test ends."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/demo.db"}
    cmd = [sys.executable, "-m", "launchgraph", "serve", "--demo", "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "the server stopped"
            time.sleep(0.1)
        yield f"{base}/graphql"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gql_client_runs_every_example(live_server: str) -> None:
    result = subprocess.run(
        [sys.executable, "-P", str(ROOT / "tests" / "gql_client_run.py"), live_server],
        cwd=ROOT.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"operations": sorted(examples())}
