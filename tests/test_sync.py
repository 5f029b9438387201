"""`launchgraph sync` against a fake LL2 server (tests/fake_ll2.py) on both stores: a first
sync stores what a direct ingest of the same pages stores; a second fetches only what
changed; a stop resumes without fetching committed objects again; 429 / 500 / dropped
connections are retried; the hourly budget holds; a malformed page stops the sync with its
URL and JSON path and leaves the committed pages."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from launchgraph.db.ingest.run import ingest
from launchgraph.db.sync import state
from launchgraph.db.sync.errors import SyncError
from launchgraph.db.sync.pages import Mark
from launchgraph.db.sync.run import PageDone, SyncOptions, SyncReport, forever, sync
from launchgraph.db.version import read as read_version
from tests.conftest import Store, open_store
from tests.fake_ll2 import FakeClock, FakeLL2, event, launch, populate, serve, stamp
from tests.test_ingest_support import dump


@pytest.fixture
async def fake() -> AsyncIterator[FakeLL2]:
    ll2 = FakeLL2(FakeClock())
    server, task = await serve(ll2)
    yield ll2
    server.should_exit = True
    await task


@asynccontextmanager
async def other_store(store: Store, request: pytest.FixtureRequest, tmp_path: Path):
    postgres = request.getfixturevalue("postgres")
    template = request.getfixturevalue("sqlite_template")
    fresh, pg_name = await open_store(store.backend, postgres, template, tmp_path)
    try:
        yield fresh
    finally:
        await fresh.engine.dispose()
        if pg_name:
            await postgres.drop(pg_name)


def _options(fake: FakeLL2, **kw: Any) -> SyncOptions:
    kw.setdefault("max_requests", 1000)
    return SyncOptions(base_url=fake.base_url, **kw)


async def _sync(store: Store, fake: FakeLL2, **kw: Any) -> SyncReport:
    return await sync(store.engine, _options(fake, **kw), clock=fake.clock)


async def _direct(engine: Any, tmp_path: Path, objects: dict[str, list[dict]]) -> None:
    """Ingest the objects as list pages, events first (the sync's order)."""
    files = []
    for endpoint in ("events", "launches"):
        page = {"count": 0, "next": None, "previous": None, "results": objects[endpoint]}
        path = tmp_path / f"direct-{endpoint}.json"
        path.write_text(json.dumps(page))
        files.append(path)
    report = await ingest(engine, files)
    assert not report.errors, [str(e) for e in report.errors]


def _by_stamp(objects: list[dict]) -> list[dict]:
    return sorted(objects, key=lambda o: o["last_updated"])  # stable: ties in server order


def _list_requests(fake: FakeLL2, endpoint: str | None = None) -> list:
    return [s for s in fake.log if endpoint is None or s.endpoint == endpoint]


async def test_first_sync_equals_a_direct_ingest(
    store: Store, fake: FakeLL2, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    populate(fake, events=45, launches=130)
    report = await _sync(store, fake, page_size=20)
    assert report.objects == {"events": 45, "launches": 130}
    assert report.pages == 3 + 7
    for served in fake.log:
        assert served.query["ordering"] == "last_updated"
        assert served.query["mode"] == "detailed"
        assert served.query["limit"] == "20"
        assert served.authorization is None
    async with other_store(store, request, tmp_path) as direct:
        expected = {k: _by_stamp(v) for k, v in fake.data.items()}
        await _direct(direct.engine, tmp_path, expected)
        assert await dump(store.engine) == await dump(direct.engine)
    async with store.engine.connect() as conn:
        last = _by_stamp(fake.data["launches"])[-1]["last_updated"]
        mark = await state.read(conn, fake.base_url + "launches/")
        assert mark.last_updated is not None
        assert mark.last_updated.isoformat().replace("+00:00", "Z") == last


async def test_second_sync_fetches_only_what_changed(
    store: Store, fake: FakeLL2, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    populate(fake, events=30, launches=60)
    await _sync(store, fake, page_size=25)
    async with store.engine.connect() as conn:
        version = await read_version(conn)
    # Nothing changed: one request per endpoint, only the objects at the marks' stamps come
    # back (skipped by the offset), and the data version stays.
    fake.log.clear()
    report = await _sync(store, fake, page_size=25)
    assert [s.endpoint for s in fake.log] == ["events", "launches"]
    assert all(s.ids == [] for s in fake.log), [s.ids for s in fake.log]
    assert report.rows_written == 0 and report.data_version == version
    # Three edits on LL2: only they are fetched, and the store ends as a direct ingest does.
    fake.put("launches", launch(7, 10_000, name="Renamed"))
    fake.put("launches", launch(8, 10_001))
    fake.put("events", event(3, 10_002, [launch(7, 10_000, name="Renamed")]))
    fake.log.clear()
    report = await _sync(store, fake, page_size=25)
    served = {s.endpoint: s.ids for s in fake.log}
    assert served == {"events": [3], "launches": [launch(7, 0)["id"], launch(8, 0)["id"]]}
    assert report.data_version == version + 2  # one page per endpoint changed data
    async with other_store(store, request, tmp_path) as direct:
        await _direct(direct.engine, tmp_path, {k: _by_stamp(v) for k, v in fake.data.items()})
        assert await dump(store.engine) == await dump(direct.engine)


async def test_edits_during_a_sync_lose_nothing(store: Store, fake: FakeLL2) -> None:
    """An object edited on LL2 while the sync pages moves to the end of the list; with plain
    offsets every later object would shift back by one and one would be skipped."""
    populate(fake, events=0, launches=50)
    edited = False

    def edit_after_first_page(page: PageDone) -> None:
        nonlocal edited
        if page.endpoint == "launches" and not edited:
            edited = True
            fake.put("launches", launch(2, 99_999, name="Edited"))

    await sync(store.engine, _options(fake, page_size=10), fake.clock, edit_after_first_page)
    stored = await dump(store.engine)
    assert len(stored["launch"]) == 50
    assert any("Edited" in row for row in stored["launch"])


class Stop(Exception):
    pass


async def test_interrupted_sync_resumes_without_refetching(
    store: Store, fake: FakeLL2, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    populate(fake, events=10, launches=95, tie_every=3)  # many ties across page edges
    committed: list[Any] = []

    def stop_after_three(page: PageDone) -> None:
        served = fake.log[-1]
        committed.extend(served.ids)
        if page.endpoint == "launches" and len(_list_requests(fake, "launches")) == 3:
            raise Stop

    with pytest.raises(Stop):
        await sync(store.engine, _options(fake, page_size=10), fake.clock, stop_after_three)
    first_run = len(fake.log)
    await _sync(store, fake, page_size=10)
    again = [i for s in fake.log[first_run:] for i in s.ids]
    assert not set(again) & set(committed)
    assert set(again) | set(committed) == {o["id"] for v in fake.data.values() for o in v}
    async with other_store(store, request, tmp_path) as direct:
        await _direct(direct.engine, tmp_path, {k: _by_stamp(v) for k, v in fake.data.items()})
        assert await dump(store.engine) == await dump(direct.engine)


async def test_stop_inside_a_page_commits_nothing_of_it(store: Store, fake: FakeLL2) -> None:
    """A task cancelled while a page is being written (Ctrl-C, a container stop) leaves the
    store and the marks at the previous page."""
    populate(fake, events=0, launches=30)
    seen: list[PageDone] = []
    task = asyncio.create_task(
        sync(store.engine, _options(fake, page_size=10), fake.clock, seen.append)
    )
    while not any(page.endpoint == "launches" for page in seen):
        await asyncio.sleep(0.001)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with store.engine.connect() as conn:
        mark = await state.read(conn, fake.base_url + "launches/")
    stored = await dump(store.engine)
    assert mark.last_updated is not None
    stamps = sorted(o["last_updated"] for o in fake.data["launches"])
    done = len(stored["launch"])
    assert done in (10, 20, 30) and mark.last_updated.isoformat()[:19] == stamps[done - 1][:19]


async def test_faults_are_retried(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=5, launches=40)
    fake.faults = {1: "429", 2: "500", 4: "drop", 5: "500"}
    report = await _sync(store, fake, page_size=10)
    assert report.objects == {"events": 5, "launches": 40}
    statuses = [s.status for s in fake.log]
    assert statuses[:5] == [429, 500, 200, -1, 500] and set(statuses[5:]) == {200}
    # The 429's Retry-After was waited for, on the (fake) clock.
    assert fake.log[1].at - fake.log[0].at >= fake.retry_after
    assert len((await dump(store.engine))["launch"]) == 40


async def test_gives_up_after_repeated_failures(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=3, launches=0)
    fake.faults = {n: "500" for n in range(1, 50)}
    with pytest.raises(SyncError) as info:
        await _sync(store, fake)
    assert "gave up after" in str(info.value) and "/events/" in str(info.value)


def _max_in_window(times: list[float], window: float) -> int:
    return max(sum(1 for u in times if t - window < u <= t) for t in times)


async def test_hourly_budget_is_respected(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=10, launches=120)
    await _sync(store, fake, page_size=10, max_requests=5)
    times = [s.at for s in fake.log]
    assert len(times) == 1 + 12  # events, then launches' pages
    assert _max_in_window(times, 3600) <= 5
    assert times[-1] >= 2 * 3600  # it waited for the budget rather than be refused


async def test_budget_from_api_throttle(store: Store, fake: FakeLL2) -> None:
    """LL2's api-throttle figures win: its limit (below --max-requests) and the requests it
    already counted, free in next_use_secs."""
    populate(fake, events=10, launches=30)
    fake.throttle = {
        "your_request_limit": 3,
        "limit_frequency_secs": 3600,
        "current_use": 3,
        "next_use_secs": 600,
        "ident": "127.0.0.1",
    }
    await _sync(store, fake, page_size=10, max_requests=50)
    times = [s.at for s in fake.log]
    assert times[0] >= 600
    assert _max_in_window(times, 3600) <= 3


async def test_api_key_is_sent_as_a_token(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=1, launches=1)
    await _sync(store, fake, api_key="s3cret")
    assert {s.authorization for s in fake.log} == {"Token s3cret"}


async def test_since_starts_there(store: Store, fake: FakeLL2) -> None:
    from datetime import datetime

    populate(fake, events=0, launches=20, tie_every=100)
    since = datetime.fromisoformat(stamp(15))
    report = await _sync(store, fake, since=since)
    assert {s.query.get("last_updated__gte") for s in fake.log} == {stamp(15)}
    assert report.objects["launches"] == 6  # minutes 15..20


async def test_malformed_page_stops_with_url_and_path(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=0, launches=35, tie_every=100)
    bad = launch(30, 0)
    bad["last_updated"] = _by_stamp(fake.data["launches"])[24]["last_updated"]
    bad["pad"]["location"]["id"] = "ten"
    fake.put("launches", bad)  # now the 6th object of the 3rd page
    with pytest.raises(SyncError) as info:
        await _sync(store, fake, page_size=10)
    text = str(info.value)
    assert "/launches/?" in text and "offset=" in text
    assert "$.results[5].pad.location.id" in text, text
    stored = await dump(store.engine)
    assert len(stored["launch"]) == 20  # two pages committed, the third not at all
    async with store.engine.connect() as conn:
        mark = await state.read(conn, fake.base_url + "launches/")
    expected = _by_stamp(fake.data["launches"])[19]["last_updated"]
    assert mark == Mark(mark.last_updated, 1)
    assert mark.last_updated is not None and mark.last_updated.isoformat()[:19] == expected[:19]


async def test_page_out_of_order_or_not_a_page(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=0, launches=5)
    # A server that ignores ordering=last_updated: caught at the first step back in time.
    fake.data["launches"].reverse()
    original = fake._ordered
    fake._ordered = lambda endpoint, ordering: list(fake.data[endpoint])  # type: ignore
    with pytest.raises(SyncError) as info:
        await _sync(store, fake)
    assert "$.results[1].last_updated" in str(info.value)
    assert "not ordered by last_updated" in str(info.value)
    fake._ordered = original  # type: ignore
    assert len((await dump(store.engine))["launch"]) == 0


async def test_every_runs_again(store: Store, fake: FakeLL2) -> None:
    populate(fake, events=2, launches=2)
    runs: list[Any] = []
    done = asyncio.Event()

    def on_run(outcome: Any) -> None:
        runs.append((fake.clock.now(), outcome))
        if len(runs) == 3:
            done.set()
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await forever(store.engine, _options(fake), 900, fake.clock, on_run=on_run)
    starts = sorted({s.at for s in fake.log if s.endpoint == "events"})
    assert [round(b - a) for a, b in itertools.pairwise(starts)] == [900, 900]
    assert all(isinstance(o, SyncReport) for _, o in runs)


async def _cli(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Run `launchgraph sync` in a subprocess (the fake server keeps serving meanwhile)."""
    import os
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "launchgraph",
        "sync",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


async def test_command_logs_a_line_per_page(fake: FakeLL2, tmp_path: Path) -> None:
    populate(fake, events=3, launches=250)
    code, out, err = await _cli(tmp_path, "--base-url", fake.base_url, "--max-requests", "100")
    assert code == 0, err
    assert "synced 3 events, 250 launches in 4 page(s)" in out
    pages = [line for line in err.splitlines() if " objects (" in line]
    assert len(pages) == 4, err
    assert "launches: 100 objects (100 of 250)" in pages[1]
    code, out, err = await _cli(tmp_path, "--base-url", fake.base_url, "--max-requests", "100")
    assert code == 0 and "0 rows written" in out, out + err


async def test_command_reports_errors(fake: FakeLL2, tmp_path: Path) -> None:
    populate(fake, events=0, launches=3)
    fake.data["launches"][1]["net"] = 12
    code, _out, err = await _cli(tmp_path, "--base-url", fake.base_url, "--max-requests", "100")
    assert code == 1
    assert "error: http://127.0.0.1:" in err and "$.results[1].net" in err, err
    assert "Traceback" not in err
    code, _out, err = await _cli(tmp_path, "--every", "soon")
    assert code == 2 and "not a duration" in err


def test_durations_and_retry_after() -> None:
    from launchgraph.db.sync.client import retry_after
    from launchgraph.sync_command import parse_duration

    assert parse_duration("15m") == 900 and parse_duration("1h30m") == 5400
    assert parse_duration("90") == 90
    for bad in ("", "soon", "0s", "15 minutes"):
        with pytest.raises(ValueError):
            parse_duration(bad)
    assert retry_after("120") == 120 and retry_after(None) is None and retry_after("x") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # a date in the past


def test_budget_eta() -> None:
    from launchgraph.db.sync.budget import RequestBudget

    budget = RequestBudget(15, FakeClock())
    assert budget.eta(15) == 0
    assert budget.eta(16) == 3600 and budget.eta(31) == 7200
