"""Operations: GET /metrics (Prometheus text, parsed back) and the JSON access log."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

from launchgraph import access_log, metrics
from launchgraph import app as app_module
from launchgraph.app import create_app, served_app
from launchgraph.cli import sample_path
from launchgraph.db.engine import POOL_SIZE, make_engine
from launchgraph.db.ingest.run import ingest
from launchgraph.graphql_http import EXECUTOR_HEADER
from launchgraph.observe import Observation
from launchgraph.settings import Settings
from tests.conftest import Store
from tests.test_response_cache import _until_version_known

COUNT = "query Count { events { totalCount } }"


@contextlib.asynccontextmanager
async def served(store: Store, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        Settings(database_url=store.url, **settings),
        engine=store.engine,
        clock=lambda: datetime(2026, 1, 1, tzinfo=UTC),
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def scrape(client: httpx.AsyncClient) -> dict[tuple[str, tuple[Any, ...]], float]:
    """{(sample name, sorted labels): value} of GET /metrics."""
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def delta(before: dict[Any, float], after: dict[Any, float], name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


@contextlib.contextmanager
def access_lines() -> Iterator[list[dict[str, Any]]]:
    lines: list[dict[str, Any]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(record.getMessage()))

    logger = logging.getLogger("launchgraph.access")
    handler = Keep()
    logger.addHandler(handler)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)


async def test_metrics_count_requests_cache_hits_statements_and_data(store: Store) -> None:
    report = await ingest(store.engine, [sample_path()])
    async with served(store) as client:
        if store.backend == "postgresql":
            await _until_version_known(client)
        before = await scrape(client)
        for _ in range(3):
            assert (await client.post("/graphql", json={"query": COUNT})).status_code == 200
        await client.post("/graphql", json={"query": "{ nope }"})
        after = await scrape(client)
    counted = delta(
        before,
        after,
        "launchgraph_requests_total",
        endpoint="graphql",
        operation="Count",
        outcome="ok",
    )
    assert counted == 3
    refused = delta(
        before,
        after,
        "launchgraph_requests_total",
        endpoint="graphql",
        operation="",
        outcome="request_error",
    )
    assert refused == 1
    # The first Count may have been cached already (warm-up on PostgreSQL); the rest hit.
    assert delta(before, after, "launchgraph_response_cache_total", result="memory") >= 2
    latency = delta(
        before,
        after,
        "launchgraph_request_duration_seconds_count",
        endpoint="graphql",
        operation_type="query",
    )
    assert latency == 3
    assert delta(before, after, "launchgraph_sql_statements_total") >= 1
    assert after[("launchgraph_data_version", ())] == report.data_version
    entries = (("cache", "response"), ("measure", "entries"))
    assert after[("launchgraph_cache_size", entries)] >= 1
    assert after[("launchgraph_data_changed_timestamp_seconds", ())] > 0


async def test_metrics_can_be_turned_off(store: Store) -> None:
    async with served(store, metrics=False) as client:
        assert (await client.get("/metrics")).status_code == 404


async def test_one_json_line_per_request(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store) as client:
        if store.backend == "postgresql":
            await _until_version_known(client)
        await client.post(
            "/graphql", json={"query": "query Fresh { events(first: 2) { nodes { name } } }"}
        )
        with access_lines() as lines:
            await client.post(
                "/graphql", json={"query": "query Miss { events(first: 3) { nodes { name } } }"}
            )
            await client.post(
                "/graphql", json={"query": "query Miss { events(first: 3) { nodes { name } } }"}
            )
            await client.post("/graphql", json={"query": "{ events(first: "})
            await client.get("/healthz")
            await client.get("/nowhere")
    assert len(lines) == 5
    miss, hit, broken, health, nowhere = lines
    assert miss["operation"] == "Miss" and miss["operation_type"] == "query"
    assert miss["cache"] == "miss" and miss["outcome"] == "ok" and miss["status"] == 200
    assert miss["sql_statements"] >= 1
    assert hit["cache"] == "memory" and hit["outcome"] == "ok"
    # A hit reads no data (SQLite reads the data version; PostgreSQL is told of it).
    assert hit["sql_statements"] <= (1 if store.backend == "sqlite" else 0)
    assert broken["outcome"] == "request_error" and broken["operation"] is None
    assert health["endpoint"] == "healthz" and health["status"] == 200
    assert nowhere["endpoint"] == "other" and nowhere["status"] == 404
    for entry in lines:
        assert entry["duration_ms"] >= 0
        assert set(entry) >= {"operation", "cost", "duration_ms", "cache", "status", "path"}


async def test_lines_on_standard_output_count_each_statement(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """The server's own setting (standard output, nothing else listening) gets the same lines,
    and a repeated compiled request, which runs its statement on the driver itself on
    PostgreSQL, still counts that statement."""
    await ingest(store.engine, [sample_path()])
    query = {"query": "query Again { events(first: 3) { nodes { name } } }"}
    async with served(store, response_cache=False) as client:
        capsys.readouterr()
        for _ in range(3):
            response = await client.post("/graphql", json=query)
            assert response.headers[EXECUTOR_HEADER] == "compiled"
    lines = [json.loads(text) for text in capsys.readouterr().out.splitlines()]
    assert [line["operation"] for line in lines] == ["Again"] * 3
    assert [line["sql_statements"] for line in lines] == [1, 1, 1]
    assert all(line["status"] == 200 and line["cache"] is None for line in lines)


async def test_lines_of_one_turn_of_the_loop_are_written_together(
    store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests that end in the same turn of the event loop share one write of their lines;
    a lone request's line is written when its turn ends, not held for later traffic."""
    writes: list[str] = []
    write = access_log._write

    def counted(message: str) -> None:
        writes.append(message)
        write(message)

    monkeypatch.setattr(access_log, "_write", counted)
    await ingest(store.engine, [sample_path()])
    async with served(store) as client:
        # The server's own setting: its standard output handler alone (pytest adds its own).
        own = [h for h in access_log.log.handlers if isinstance(h, access_log._Stdout)]
        monkeypatch.setattr(access_log.log, "handlers", own)
        if store.backend == "postgresql":
            await _until_version_known(client)
        await client.get("/healthz")
        await asyncio.sleep(0)
        capsys.readouterr()
        writes.clear()
        await client.get("/nowhere")
        await asyncio.sleep(0)  # the turn of the loop ends
        assert len(writes) == 1
        assert json.loads(capsys.readouterr().out)["path"] == "/nowhere"
        writes.clear()
        await asyncio.gather(*(client.get("/nowhere") for _ in range(20)))
        await asyncio.sleep(0)
    lines = [json.loads(text) for text in capsys.readouterr().out.splitlines()]
    assert [line["path"] for line in lines] == ["/nowhere"] * 20
    assert 1 <= len(writes) < 20


async def test_counts_of_one_turn_of_the_loop_are_added_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The requests a turn of the loop ends add to each counter once when it ends, by how
    many they were; a scrape within the turn sees them all the same."""
    added: list[float] = []
    child = metrics._requests("graphql", "Counted", "ok")
    inc = child.inc

    def counted(amount: float = 1) -> None:
        added.append(amount)
        inc(amount)

    monkeypatch.setattr(child, "inc", counted)
    obs = Observation("graphql", "Counted", "query", outcome="ok")
    for _ in range(3):
        metrics.record_request(obs, 200, 0.001)
    assert added == []
    body, _ = metrics.exposition()
    assert added == [3]
    assert b'operation="Counted"' in body
    metrics.record_request(obs, 200, 0.001)
    await asyncio.sleep(0)  # the turn of the loop ends
    assert added == [3, 1]


@pytest.mark.parametrize(
    "now", [1700000000.0, 1700000000.9999, 1632609054.0829995, 1755681072.4449995]
)
def test_access_line_times_read_as_isoformat_would(now: float) -> None:
    expected = datetime.fromtimestamp(now, UTC).isoformat(timespec="milliseconds")
    assert access_log._timestamp(now) == expected


def test_the_served_clock_is_now_in_whole_seconds() -> None:
    from launchgraph.app import _utcnow

    before = datetime.now(UTC).replace(microsecond=0)
    now = _utcnow()
    assert now.tzinfo is UTC and now.microsecond == 0
    assert before <= now <= datetime.now(UTC)


@pytest.mark.parametrize("flag", ["0", "1"])
def test_access_log_follows_its_setting(monkeypatch: pytest.MonkeyPatch, flag: str) -> None:
    monkeypatch.setenv("LAUNCHGRAPH_ACCESS_LOG", flag)
    assert Settings().access_log is (flag == "1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_metrics_add_up_over_worker_processes(tmp_path: Path) -> None:
    """`serve --workers 2`: whichever worker answers /metrics reports every worker's counts."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env["LAUNCHGRAPH_ACCESS_LOG"] = "0"
    cmd = [sys.executable, "-m", "launchgraph", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            time.sleep(0.1)
        sent = 30
        for _ in range(sent):  # one connection each, so both workers get some
            with httpx.Client() as client:
                assert client.post(f"{base}/graphql", json={"query": COUNT}).status_code == 200
        for _ in range(4):
            samples = {
                (s.name, s.labels.get("operation")): s.value
                for family in text_string_to_metric_families(httpx.get(f"{base}/metrics").text)
                for s in family.samples
            }
            assert samples[("launchgraph_requests_total", "Count")] == sent
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_sync_progress_is_served_by_the_sidecar(monkeypatch: pytest.MonkeyPatch) -> None:
    """`launchgraph sync` has no HTTP server: LAUNCHGRAPH_METRICS_PORT gives it /metrics, and
    every committed page shows there."""
    port = _free_port()
    monkeypatch.setenv(metrics.PORT_ENV, str(port))
    assert metrics.serve_from_env() == port
    metrics.record_sync_page("launches", 100, 300, 1000, 42.0)
    text = httpx.get(f"http://127.0.0.1:{port}/metrics").text
    samples = {
        (s.name, s.labels.get("endpoint")): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    assert samples[("launchgraph_sync_remaining_objects", "launches")] == 700
    assert samples[("launchgraph_sync_eta_seconds", "launches")] == 42
    assert samples[("launchgraph_sync_pages_total", "launches")] >= 1
    assert samples[("launchgraph_sync_last_page_timestamp_seconds", None)] > 0


def test_pool_size_follows_its_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAUNCHGRAPH_POOL_SIZE", raising=False)
    assert Settings().pool_size == POOL_SIZE
    monkeypatch.setenv("LAUNCHGRAPH_POOL_SIZE", "3")
    assert Settings().pool_size == 3
    for bad in ("0", "-2"):
        monkeypatch.setenv("LAUNCHGRAPH_POOL_SIZE", bad)
        with pytest.raises(ValueError, match="LAUNCHGRAPH_POOL_SIZE"):
            Settings()


def test_the_server_engines_get_the_pool_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both engines of a server (DATABASE_URL's and DATABASE_READ_URL's) keep the setting's
    number of PostgreSQL connections."""
    made: list[AsyncEngine] = []

    def keep(*args: Any, **kwargs: Any) -> AsyncEngine:
        made.append(make_engine(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(app_module, "make_engine", keep)
    url = "postgresql://user@127.0.0.1:1/none"  # never connected to: the pool is lazy
    create_app(Settings(database_url=url, database_read_url=url, pool_size=3))
    assert len(made) == 2
    for engine in made:
        pool = engine.pool
        assert isinstance(pool, QueuePool)
        assert pool.size() == 3


async def test_a_served_app_freezes_its_heap_once_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve`'s workers run `served_app`: what startup made is frozen out of the cyclic
    garbage collector's walks; an app built by `create_app` (tests) leaves the heap alone."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'f.db'}")
    monkeypatch.setenv("LAUNCHGRAPH_ACCESS_LOG", "0")
    gc.unfreeze()
    try:
        plain = create_app()
        async with plain.router.lifespan_context(plain):
            assert gc.get_freeze_count() == 0
        app = served_app()
        assert gc.get_freeze_count() == 0
        async with app.router.lifespan_context(app):
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_serve_runs_the_served_app_with_a_patient_worker_healthcheck(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    from launchgraph import cli

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    cli._uvicorn_run("127.0.0.1", 1, 2)
    [(app, options)] = calls
    assert app == "launchgraph.app:served_app" and options["factory"] is True
    assert options["workers"] == 2
    # uvicorn's own 5 s killed every worker while it started on a loaded machine.
    assert options["timeout_worker_healthcheck"] >= 30
