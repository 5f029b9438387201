"""Every accepted input shape: JSON Lines, folders, a plain array, a list page, a single
object; big pages and arrays are streamed, not loaded whole."""

from __future__ import annotations

import json
from pathlib import Path

from launchgraph.db.ingest import sources
from tests.conftest import Store, need_seeds
from tests.test_ingest_support import (
    dump,
    ingest_ok,
    seed_event,
    seed_page,
    variant,
    write_json,
    write_lines,
)


def _events(n: int, start: int = 1) -> list[dict]:
    return [variant(seed_event(), id=i, slug=f"e{i}") for i in range(start, start + n)]


async def _event_ids(store: Store) -> list[int]:
    return [row[0] for row in (await dump(store.engine))["event"]]


async def test_single_object(store: Store) -> None:
    seeds = need_seeds()
    report = await ingest_ok(store.engine, seeds / "event-352-2.2.0.json")
    assert (report.files, report.objects) == (1, 1)
    assert await _event_ids(store) == [352]


async def test_list_page(store: Store) -> None:
    seeds = need_seeds()
    report = await ingest_ok(store.engine, seeds / "event-upcoming-2.0.0-offset10.json")
    assert report.objects == 10
    assert sorted(await _event_ids(store)) == sorted(e["id"] for e in seed_page()["results"])


async def test_plain_array_of_events_and_launches(store: Store, tmp_path: Path) -> None:
    need_seeds()
    launch = variant(seed_event()["launches"][0], id="AAAAAAAA-0000-4000-8000-000000000001")
    report = await ingest_ok(store.engine, write_json(tmp_path / "a.json", [*_events(2), launch]))
    assert report.objects == 3
    assert await _event_ids(store) == [1, 2]
    launches = [row[0] for row in (await dump(store.engine))["launch"]]
    assert "aaaaaaaa-0000-4000-8000-000000000001" in launches  # ids are stored lower-case


async def test_json_lines(store: Store, tmp_path: Path) -> None:
    need_seeds()
    path = write_lines(tmp_path / "e.jsonl", _events(3))
    path.write_text(path.read_text() + "\n\n")  # blank lines are skipped
    report = await ingest_ok(store.engine, path)
    assert report.objects == 3 and await _event_ids(store) == [1, 2, 3]


async def test_json_lines_of_list_pages(store: Store, tmp_path: Path) -> None:
    need_seeds()
    pages = [{"count": 4, "next": None, "previous": None, "results": _events(2, s)} for s in (1, 3)]
    report = await ingest_ok(store.engine, write_lines(tmp_path / "pages.ndjson", pages))
    assert report.objects == 4 and await _event_ids(store) == [1, 2, 3, 4]


async def test_folder(store: Store, tmp_path: Path) -> None:
    need_seeds()
    (tmp_path / "sub").mkdir()
    write_json(tmp_path / "one.json", _events(1, 1)[0])
    write_lines(tmp_path / "sub" / "two.jsonl", _events(2, 2))
    write_json(tmp_path / "sub" / "page.json", {"count": 1, "results": _events(1, 4)})
    (tmp_path / "notes.txt").write_text("not LL2")
    report = await ingest_ok(store.engine, tmp_path)
    assert (report.files, report.objects) == (3, 4)
    assert await _event_ids(store) == [1, 2, 3, 4]


def test_folder_expands_to_json_files_sorted(tmp_path: Path) -> None:
    for name in ("b.json", "a.jsonl", "c.ndjson", "d.txt", "e.JSON.bak"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in sources.expand([tmp_path])] == ["a.jsonl", "b.json", "c.ndjson"]


def _broken_tail(path: Path, document: str) -> Path:
    """The document with its last part cut off: only a streaming reader gets anything out."""
    path.write_text(document[: len(document) - 200])
    return path


def test_list_page_is_streamed(tmp_path: Path) -> None:
    need_seeds()
    page = {"count": 300, "next": None, "previous": None, "results": _events(300)}
    path = _broken_tail(tmp_path / "page.json", json.dumps(page))
    items = sources.read(path)
    first = next(items)
    assert (first.obj["id"], first.path, first.source) == (1, "$.results[0]", str(path))
    # Read well past the first item, before the parser ever reaches the broken end.
    assert [next(items).obj["id"] for _ in range(100)] == list(range(2, 102))


def test_plain_array_is_streamed(tmp_path: Path) -> None:
    need_seeds()
    path = _broken_tail(tmp_path / "array.json", json.dumps(_events(300)))
    items = sources.read(path)
    assert [next(items).path for _ in range(3)] == ["$[0]", "$[1]", "$[2]"]


def test_page_streaming_goes_through_ijson(tmp_path: Path, monkeypatch) -> None:
    """Pages are parsed item by item by ijson (with floats as floats), never loaded whole."""
    need_seeds()
    import ijson

    calls: list[str] = []
    real_items = ijson.items

    def spy(fh, prefix, **kwargs):
        calls.append(prefix)
        return real_items(fh, prefix, **kwargs)

    monkeypatch.setattr(sources.ijson, "items", spy)
    monkeypatch.setattr(sources.orjson, "loads", lambda *_: (_ for _ in ()).throw(AssertionError))
    path = write_json(tmp_path / "page.json", {"count": 2, "results": _events(2)})
    assert [item.obj["id"] for item in sources.read(path)] == [1, 2]
    assert calls == ["results.item"]


def test_object_whose_first_key_is_not_a_page_key_is_one_object(tmp_path: Path) -> None:
    """An event that happens to have a `results` key later is still one object."""
    need_seeds()
    event = _events(1)[0] | {"results": []}
    (item,) = sources.read(write_json(tmp_path / "e.json", event))
    assert (item.obj["id"], item.path) == (1, "$")
