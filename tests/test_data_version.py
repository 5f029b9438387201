"""The data version moves only when stored data changed: an identical re-ingest, a subset
copy, or an ingest of nothing leaves it (and sends no NOTIFY); any changed value, link order,
removed link or owned row moves it. On both stores."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from launchgraph.db.ingest.run import ingest
from launchgraph.db.version import CHANNEL
from launchgraph.db.version import read as read_version
from tests.conftest import Store, need_real
from tests.test_ingest_support import dump, ingest_ok, variant, write_json

LAUNCH = "33333333-3333-4333-8333-333333333333"


def _agency(aid: int, name: str) -> dict[str, Any]:
    return {"id": aid, "url": f"https://ll/agency/{aid}/", "name": name, "type": "Government"}


def _event(**changes: Any) -> dict[str, Any]:
    """A small 2.2.0-shaped event with a launch, programs, agencies, links and updates."""
    event = {
        "id": 9001,
        "url": "https://ll/event/9001/",
        "slug": "test-event",
        "name": "Test event",
        "last_updated": "2025-01-01T00:00:00Z",
        "date": "2025-02-01T12:00:00Z",
        "type": {"id": 2, "name": "Docking"},
        "description": "A docking.",
        "location": "ISS",
        "webcast_live": False,
        "info_urls": [
            {"priority": 10, "title": "One", "url": "https://example.org/1"},
            {"priority": 20, "title": "Two", "url": "https://example.org/2"},
        ],
        "vid_urls": [],
        "updates": [
            {
                "id": 501,
                "comment": "First",
                "created_by": "x",
                "created_on": "2025-01-01T00:00:00Z",
            }
        ],
        "agencies": [_agency(44, "NASA"), _agency(63, "Roscosmos")],
        "program": [
            {"id": 17, "url": "https://ll/program/17/", "name": "ISS", "agencies": []},
            {"id": 18, "url": "https://ll/program/18/", "name": "Artemis", "agencies": []},
        ],
        "launches": [
            {
                "id": LAUNCH,
                "name": "Rocket | Mission",
                "last_updated": "2025-01-01T00:00:00Z",
                "net": "2025-01-31T00:00:00Z",
                "status": {"id": 1, "name": "Go"},
                "launch_service_provider": _agency(44, "NASA"),
            }
        ],
    }
    return variant(event, **changes)


async def _load(store: Store, tmp_path: Path, obj: Any, name: str = "e.json") -> tuple[int, bool]:
    report = await ingest_ok(store.engine, write_json(tmp_path / name, obj))
    assert report.data_version is not None
    return report.data_version, report.changed


async def test_identical_reingest_keeps_the_version(store: Store, tmp_path: Path) -> None:
    first, changed = await _load(store, tmp_path, _event())
    assert changed and first == 1
    rows = await dump(store.engine)
    again, changed = await _load(store, tmp_path, _event(), "again.json")
    assert (again, changed) == (first, False)
    assert await dump(store.engine) == rows


async def test_subset_copy_keeps_the_version(store: Store, tmp_path: Path) -> None:
    """A list page's short copy of what is stored (fewer keys, same values) changes nothing."""
    version, _ = await _load(store, tmp_path, _event())
    short = {k: v for k, v in _event().items() if k not in ("updates", "info_urls", "program")}
    assert await _load(store, tmp_path, short, "short.json") == (version, False)


async def test_empty_ingest_keeps_the_version(store: Store, tmp_path: Path) -> None:
    version, _ = await _load(store, tmp_path, _event())
    page = {"count": 0, "next": None, "previous": None, "results": []}
    report = await ingest_ok(store.engine, write_json(tmp_path / "empty.json", page))
    assert (report.data_version, report.changed) == (version, False)
    report = await ingest(store.engine, [])
    assert report.data_version is None and not report.changed
    async with store.engine.connect() as conn:
        assert await read_version(conn) == version


async def test_every_kind_of_change_moves_the_version(store: Store, tmp_path: Path) -> None:
    base = _event()
    version, _ = await _load(store, tmp_path, base)
    programs, infos, agencies = base["program"], base["info_urls"], base["agencies"]
    changes: dict[str, dict[str, Any]] = {
        "a scalar": {"name": "Renamed"},
        "a nested object's value": {"type": {"id": 2, "name": "Docking (renamed)"}},
        "link order": {"program": programs[::-1]},
        "a link removed": {"program": programs[:1]},
        "a link added back": {"program": programs},
        "an owned row's value": {"info_urls": [infos[0], {**infos[1], "title": "Deux"}]},
        "owned rows reordered": {"info_urls": infos[::-1]},
        "an owned row removed": {"info_urls": infos[:1]},
        "all links removed": {"agencies": []},
        "links back": {"agencies": agencies},
        "an update's text": {"updates": [{**base["updates"][0], "comment": "Edited"}]},
    }
    for n, (what, change) in enumerate(changes.items()):
        expected = _event(**change)
        now, changed = await _load(store, tmp_path, expected, f"c{n}.json")
        assert changed and now == version + 1, what
        version = now
        # The same again is no change, and the store holds what a fresh load of it holds.
        assert await _load(store, tmp_path, expected, f"d{n}.json") == (version, False), what


async def test_stored_rows_match_a_fresh_load_after_changes(
    store: Store, tmp_path: Path, postgres: Any, sqlite_template: Path
) -> None:
    """Replacing links and owned rows by difference ends where a fresh load of the last copy
    ends (surrogate keys aside)."""
    from tests.conftest import open_store

    final = _event(
        program=_event()["program"][::-1],
        info_urls=[{"priority": 5, "title": "Only", "url": "https://example.org/9"}],
        updates=[],
        agencies=[_agency(63, "Roscosmos")],
    )
    await _load(store, tmp_path, _event())
    await _load(store, tmp_path, final, "final.json")
    fresh, pg_name = await open_store(store.backend, postgres, sqlite_template, tmp_path)
    try:
        await _load(fresh, tmp_path, final, "fresh.json")
        expected = await dump(fresh.engine)
    finally:
        await fresh.engine.dispose()
        if pg_name:
            await postgres.drop(pg_name)
    got = await dump(store.engine)
    # Rows no longer referenced (the update, the dropped agency's row) stay, as in any upsert.
    for name in ("event_update", "agency"):
        got.pop(name), expected.pop(name)
    assert got == expected


async def test_real_payloads_again_write_nothing(store: Store) -> None:
    # Each file twice in a row: the two files hold different snapshots of shared objects
    # (agencies, pads ...), so alternating them is a real change each time.
    real = need_real()
    for path in [real / "events.jsonl", real / "launches.jsonl"]:
        first = await ingest_ok(store.engine, path)
        assert first.changed
        again = await ingest_ok(store.engine, path)
        assert (again.data_version, again.changed) == (first.data_version, False), path


async def test_no_notify_without_a_change(store: Store, tmp_path: Path) -> None:
    if store.backend != "postgresql":
        return  # SQLite servers read the version per request; there is no NOTIFY
    version, _ = await _load(store, tmp_path, _event())
    url = make_url(store.url).set(drivername="postgresql").render_as_string(hide_password=False)
    listener = await asyncpg.connect(url)
    heard: asyncio.Queue[str] = asyncio.Queue()
    await listener.add_listener(CHANNEL, lambda *args: heard.put_nowait(args[-1]))
    try:
        assert await _load(store, tmp_path, _event(), "same.json") == (version, False)
        assert await _load(store, tmp_path, _event(name="New"), "new.json") == (version + 1, True)
        # The first notification heard is the changed ingest's: the identical one sent none.
        assert await asyncio.wait_for(heard.get(), timeout=30) == str(version + 1)
    finally:
        await listener.close()
