"""Upsert semantics: idempotency, newer last_updated replaces (with links), older changes
nothing, shared objects stored once, mini copies never blank full ones; the same across
batch boundaries of one file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from launchgraph.db.ingest import run
from launchgraph.db.ingest.memo import Memo
from tests.conftest import Store, need_real, need_seeds
from tests.test_ingest_support import (
    dump,
    ingest_ok,
    seed_event,
    seed_page,
    table_rows,
    variant,
    write_json,
    write_lines,
)

PROGRAM_ISS = 17


def _program(pid: int, name: str) -> dict:
    return {"id": pid, "url": f"https://ll/program/{pid}/", "name": name, "agencies": []}


def _launch(uuid: str, name: str, stamp: str, programs: list[dict]) -> dict:
    return {
        "id": uuid,
        "name": name,
        "last_updated": stamp,
        "net": "2025-10-31T00:00:00Z",
        "status": {"id": 2, "name": "TBD"},
        "program": programs,
    }


L1 = "11111111-1111-4111-8111-111111111111"
L2 = "22222222-2222-4222-8222-222222222222"


def _event(stamp: str, name: str, launches: list[dict], programs: list[dict]) -> dict:
    return variant(seed_event(), last_updated=stamp, name=name, launches=launches, program=programs)


async def test_ingesting_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    seeds = need_seeds()
    files = [seeds / "event-352-2.2.0.json", seeds / "event-upcoming-2.0.0-offset10.json"]
    await ingest_ok(store.engine, *files)
    first = await dump(store.engine)
    await ingest_ok(store.engine, *files)
    assert await dump(store.engine) == first


async def test_real_payloads_twice_change_nothing(store: Store) -> None:
    real = need_real()
    await ingest_ok(store.engine, real / "events.jsonl", real / "launches.jsonl")
    first = await dump(store.engine)
    await ingest_ok(store.engine, real / "events.jsonl", real / "launches.jsonl")
    assert await dump(store.engine) == first


async def test_newer_event_replaces_record_and_links(store: Store, tmp_path: Path) -> None:
    need_seeds()
    old = _event(
        "2024-11-19T11:13:49Z",
        "Old name",
        [
            _launch(L1, "One", "2025-01-01T00:00:00Z", []),
            _launch(L2, "Two", "2025-01-01T00:00:00Z", []),
        ],
        [_program(PROGRAM_ISS, "ISS"), _program(99, "Other")],
    )
    await ingest_ok(store.engine, write_json(tmp_path / "old.json", old))
    rows = await table_rows(store.engine)
    assert [r["name"] for r in rows["event"]] == ["Old name"]
    assert len(rows["event_launch"]) == 2 and len(rows["event_program"]) == 2

    newer = _event(
        "2024-11-20T00:00:00Z",
        "New name",
        [_launch(L2, "Two", "2025-01-01T00:00:00Z", [])],
        [_program(99, "Other")],
    )
    await ingest_ok(store.engine, write_json(tmp_path / "new.json", newer))
    rows = await table_rows(store.engine)
    (event,) = rows["event"]
    assert event["name"] == "New name"
    assert event["last_updated"] == datetime(2024, 11, 20, tzinfo=UTC)
    assert [(r["launch_id"], r["position"]) for r in rows["event_launch"]] == [(L2, 0)]
    assert [(r["program_id"], r["position"]) for r in rows["event_program"]] == [(99, 0)]
    after_newer = await dump(store.engine)

    older = _event(
        "2024-11-18T00:00:00Z",
        "Older name",
        [_launch(L1, "One", "2025-01-01T00:00:00Z", [])],
        [_program(PROGRAM_ISS, "ISS")],
    )
    await ingest_ok(store.engine, write_json(tmp_path / "older.json", older))
    assert await dump(store.engine) == after_newer


async def test_newer_launch_replaces_record_and_links(store: Store, tmp_path: Path) -> None:
    first = _launch(L1, "First", "2025-01-01T00:00:00Z", [_program(1, "A"), _program(2, "B")])
    first["infoURLs"] = [{"url": "https://a"}, {"url": "https://b"}]
    await ingest_ok(store.engine, write_json(tmp_path / "a.json", first))
    rows = await table_rows(store.engine)
    assert [
        r["program_id"] for r in sorted(rows["launch_program"], key=lambda r: r["position"])
    ] == [1, 2]
    assert len(rows["info_url"]) == 2

    newer = _launch(L1, "Newer", "2025-02-01T00:00:00Z", [_program(2, "B")])
    newer["infoURLs"] = [{"url": "https://c"}]
    await ingest_ok(store.engine, write_json(tmp_path / "b.json", newer))
    rows = await table_rows(store.engine)
    assert [r["name"] for r in rows["launch"]] == ["Newer"]
    assert [(r["program_id"], r["position"]) for r in rows["launch_program"]] == [(2, 0)]
    assert [r["url"] for r in rows["info_url"]] == ["https://c"]
    after_newer = await dump(store.engine)

    older = _launch(L1, "Older", "2024-12-01T00:00:00Z", [_program(1, "A")])
    older["infoURLs"] = []
    await ingest_ok(store.engine, write_json(tmp_path / "c.json", older))
    assert await dump(store.engine) == after_newer


async def test_launch_inside_an_event_obeys_its_own_stamp(store: Store, tmp_path: Path) -> None:
    """A newer event may carry an older copy of a launch: the event is replaced, the launch
    (and its programs) stay as the newer launch copy left them."""
    need_seeds()
    launch_new = _launch(L1, "Launch v2", "2025-06-01T00:00:00Z", [_program(2, "B")])
    await ingest_ok(store.engine, write_json(tmp_path / "l.json", launch_new))
    launch_old = _launch(L1, "Launch v1", "2025-01-01T00:00:00Z", [_program(1, "A")])
    event = _event("2024-11-20T00:00:00Z", "Event", [launch_old], [])
    await ingest_ok(store.engine, write_json(tmp_path / "e.json", event))
    rows = await table_rows(store.engine)
    assert [r["name"] for r in rows["launch"]] == ["Launch v2"]
    assert [r["program_id"] for r in rows["launch_program"]] == [2]
    assert [r["launch_id"] for r in rows["event_launch"]] == [L1]


async def test_unstamped_copy_never_replaces_a_stamped_one(store: Store, tmp_path: Path) -> None:
    """API 2.0.0 sends no last_updated: such a copy cannot prove it is newer."""
    need_seeds()
    await ingest_ok(
        store.engine,
        write_json(tmp_path / "a.json", _event("2024-11-19T00:00:00Z", "Stamped", [], [])),
    )
    before = await dump(store.engine)
    unstamped = _event("2024-11-19T00:00:00Z", "Unstamped", [], [_program(1, "A")])
    del unstamped["last_updated"]
    await ingest_ok(store.engine, write_json(tmp_path / "b.json", unstamped))
    assert await dump(store.engine) == before


async def test_shared_launch_is_stored_once(store: Store, tmp_path: Path) -> None:
    need_seeds()
    shared = seed_event()["launches"][0]
    a = variant(seed_event(), id=1, slug="a", name="A")
    b = variant(seed_event(), id=2, slug="b", name="B")
    await ingest_ok(store.engine, write_lines(tmp_path / "ab.jsonl", [a, b]))
    rows = await table_rows(store.engine)
    assert [r["id"] for r in rows["launch"]] == [shared["id"]]
    assert sorted((r["event_id"], r["launch_id"]) for r in rows["event_launch"]) == [
        (1, shared["id"]),
        (2, shared["id"]),
    ]
    # The same from two files.
    c = variant(seed_event(), id=3, slug="c", name="C")
    await ingest_ok(store.engine, write_json(tmp_path / "c.json", c))
    rows = await table_rows(store.engine)
    assert len(rows["launch"]) == 1 and len(rows["event_launch"]) == 3


async def test_mini_copy_does_not_blank_the_full_one(store: Store, tmp_path: Path) -> None:
    """Agency 37 arrives full in event.agencies and mini (id, url, name, type) inside the
    program: only the keys a copy carries are written, whatever the order."""
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-352-2.2.0.json")
    agency = {r["id"]: r for r in (await table_rows(store.engine))["agency"]}[37]
    assert agency["abbrev"] == "JAXA" and agency["total_launch_count"] == 36
    mini = {"id": 37, "url": "u", "name": "JAXA renamed", "type": "Government"}
    # A newer event than the seed's launch (whose stamp the full copy took): see as_of.
    event = variant(
        seed_event(),
        id=5,
        slug="x",
        last_updated="2025-06-01T00:00:00Z",
        program=[_program(77, "P") | {"agencies": [mini]}],
    )
    event["launches"] = []
    event["agencies"] = []
    await ingest_ok(store.engine, write_json(tmp_path / "mini.json", event))
    agency = {r["id"]: r for r in (await table_rows(store.engine))["agency"]}[37]
    assert (agency["name"], agency["url"]) == ("JAXA renamed", "u")
    assert agency["abbrev"] == "JAXA" and agency["total_launch_count"] == 36


async def test_last_copy_in_a_file_wins_even_when_repeated(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unstamped shared objects take the values of the last copy in the file. A repeat of a
    program the file already wrote is skipped only when nothing below it changed since, so
    program P (agency 5 named "A"), then agency 5 named "B", then P again ends with "A"."""
    need_seeds()
    monkeypatch.setattr(run, "BATCH_SIZE", 1)  # and across batch boundaries
    agency_a = {"id": 5, "name": "A"}
    program = _program(50, "P") | {"agencies": [agency_a]}
    base = variant(seed_event(), launches=[], program=[], agencies=[], spacestations=[])
    events = [
        variant(base, id=1, slug="e1", program=[program]),
        variant(base, id=2, slug="e2", agencies=[{"id": 5, "name": "B"}]),
        variant(base, id=3, slug="e3", program=[program]),
    ]
    await ingest_ok(store.engine, write_lines(tmp_path / "e.jsonl", events))
    agencies = {r["id"]: r["name"] for r in (await table_rows(store.engine))["agency"]}
    assert agencies[5] == "A"

    # Without the middle copy, the repeat is indeed skipped (and changes nothing).
    memos: list[Memo] = []
    monkeypatch.setattr(run, "Memo", lambda: memos.append(Memo()) or memos[-1])
    await ingest_ok(store.engine, write_lines(tmp_path / "f.jsonl", [events[1], events[0]]))
    before = await dump(store.engine)
    await ingest_ok(store.engine, write_lines(tmp_path / "g.jsonl", [events[0], events[2]]))
    assert memos[-1].skipped >= 1  # the second event repeats program 50, type, precision
    assert await dump(store.engine) == before


async def test_stamps_hold_across_batches_of_one_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one object per batch, a later batch still sees what earlier ones wrote: an
    older copy later in the file is ignored, a newer one replaces."""
    monkeypatch.setattr(run, "BATCH_SIZE", 1)
    copies = [
        _launch(L1, "v2", "2025-02-01T00:00:00Z", [_program(2, "B")]),
        _launch(L1, "v1", "2025-01-01T00:00:00Z", [_program(1, "A")]),
        _launch(L2, "other", "2025-01-01T00:00:00Z", []),
        _launch(L2, "other v3", "2025-03-01T00:00:00Z", [_program(3, "C")]),
    ]
    await ingest_ok(store.engine, write_lines(tmp_path / "l.jsonl", copies))
    rows = await table_rows(store.engine)
    assert {r["id"]: r["name"] for r in rows["launch"]} == {L1: "v2", L2: "other v3"}
    assert sorted((r["launch_id"], r["program_id"]) for r in rows["launch_program"]) == [
        (L1, 2),
        (L2, 3),
    ]


async def test_batch_size_does_not_change_the_result(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 2.0.0 page ingested whole equals the same page ingested one event per batch."""
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-upcoming-2.0.0-offset10.json")
    whole = await dump(store.engine)
    page = seed_page()
    monkeypatch.setattr(run, "BATCH_SIZE", 1)
    renamed = [variant(e, name=e["name"] + " (again)") for e in page["results"]]
    await ingest_ok(store.engine, write_lines(tmp_path / "renamed.jsonl", renamed))
    await ingest_ok(store.engine, seeds / "event-upcoming-2.0.0-offset10.json")
    assert await dump(store.engine) == whole
