"""A LaunchGraph server for the hardening benchmarks: generated LL2 data in a scratch store,
`launchgraph serve` in a subprocess, stopped (and the store dropped) on exit."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "bench" / "gen_ll2.py"
CLI = [sys.executable, "-m", "launchgraph"]


def generated(events: int) -> Path:
    """Generated LL2 events as JSON Lines (made once, kept in /tmp)."""
    path = Path(tempfile.gettempdir()) / f"ev{events // 1000}k.jsonl"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(GEN), "--events", str(events), "--out", str(path)], check=True
        )
    return path


@contextlib.contextmanager
def scratch_store(postgres: str | None) -> Iterator[str]:
    """A DATABASE_URL of an empty scratch store: a PostgreSQL database under `postgres`
    (dropped afterwards), or a SQLite file."""
    if not postgres:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    admin = make_url(postgres)
    name = f"lg_hard_{uuid.uuid4().hex[:8]}"

    def run(sql: str) -> None:
        async def go() -> None:
            conn = await asyncpg.connect(admin.render_as_string(hide_password=False))
            try:
                await conn.execute(sql)
            finally:
                await conn.close()

        import asyncio

        asyncio.run(go())

    run(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ingest(url: str, path: Path) -> subprocess.Popen[bytes]:
    """`launchgraph ingest -q path` into `url`, started in the background."""
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen([*CLI, "ingest", "-q", str(path)], env=env)


@contextlib.contextmanager
def server(url: str, port: int, workers: int, **settings: str) -> Iterator[str]:
    """`launchgraph serve` on `url`; yields the /graphql address once /healthz answers."""
    env = {**os.environ, "DATABASE_URL": url, **settings}
    log = Path(tempfile.mkstemp(prefix="lg-serve-", suffix=".log")[1])
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit(f"the server did not start: {log.read_text()}")
        yield f"{base}/graphql"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        text = log.read_text().strip()
        if text:
            print(f"--- server log ({log}) ---\n{text}", file=sys.stderr)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
