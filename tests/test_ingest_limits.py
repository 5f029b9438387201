"""Ingest refuses what no LL2 file holds: nesting deeper than 64 levels (refused while
streaming, in constant memory), values larger than their columns, and a list page whose
`results` is not a list. Each error names the file and the JSON path; nothing changes."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from launchgraph.cli import sample_path
from launchgraph.db.ingest.depth import DepthScanner, TooDeep
from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.run import ingest
from tests.conftest import Store
from tests.test_ingest_support import dump, ingest_ok

EVENTS: list[dict[str, Any]] = json.loads(sample_path().read_text())["results"]


def page(*results: Any) -> dict[str, Any]:
    return {"count": len(results), "next": None, "previous": None, "results": list(results)}


def nest(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = {"a": [value]}
    return value


def event(**changes: Any) -> dict[str, Any]:
    obj = copy.deepcopy(EVENTS[0])
    obj.update(changes)
    return obj


async def refused(store: Store, path: Path) -> IngestError:
    """The file is refused with one error and the database (data version included) is as
    it was."""
    await ingest_ok(store.engine, sample_path())
    before = await dump(store.engine, with_version=True)
    report = await ingest(store.engine, [path])
    assert (report.files, report.objects) == (0, 0)
    (error,) = report.errors
    assert await dump(store.engine, with_version=True) == before
    assert error.source.startswith(str(path))
    return error


async def test_100000_nested_brackets(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "brackets.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    error = await refused(store, path)
    assert (error.json_path, error.message) == ("$[0]", "nested deeper than 64 levels")


async def test_a_deep_item_of_a_page_is_named(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    # 2 levels for the page and its results, 2 for the event and its field, 62 below.
    path.write_text(json.dumps(page(event(), event(id=999_001, slug="deep", extra=nest(31)))))
    error = await refused(store, path)
    assert error.json_path == "$.results[1]"
    assert "nested deeper than 64" in str(error)
    # One level less is accepted (the unknown key is ignored).
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(page(event(), event(id=999_001, slug="deep", extra=nest(30)))))
    report = await ingest(store.engine, [ok])
    assert not report.errors and report.objects == 2


async def test_deep_single_objects_and_lines(store: Store, tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps(event(extra=nest(40))))
    assert (await refused(store, single)).json_path == "$"
    lines = tmp_path / "events.jsonl"
    lines.write_text(json.dumps(event()) + "\n" + json.dumps(event(extra=nest(40))) + "\n")
    error = await refused(store, lines)
    assert (error.source, error.json_path) == (f"{lines}:2", "$")
    assert "nested deeper than 64" in error.message


async def test_values_larger_than_their_columns(store: Store, tmp_path: Path) -> None:
    cases = {
        "name": (event(name="x" * 10_000_000), "$.results[0].name", "10,000,000 characters"),
        "description": (
            event(description="y" * 100_000),
            "$.results[0].description",
            "at most 65,536",
        ),
        "id": (event(id=2**40), "$.results[0].id", str(2**40)),
        "nested id": (
            event(type={"id": 2**31, "name": "Docking"}),
            "$.results[0].type.id",
            str(2**31),
        ),
    }
    for label, (obj, json_path, detail) in cases.items():
        path = tmp_path / f"{label}.json"
        path.write_text(json.dumps(page(obj)))
        error = await refused(store, path)
        assert error.json_path == json_path, label
        assert "value too large for its column" in error.message and detail in error.message


async def test_results_that_are_not_a_list(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"count": 1, "results": {"id": 1}}))
    error = await refused(store, path)
    assert str(error) == f"{path}: $.results: expected a list"


def _random_json(rng: random.Random, depth: int) -> Any:
    # Strings full of what could fool a byte scanner: brackets, quotes, backslashes.
    if depth == 0:
        return rng.choice(["x]]", "[[{", 'a\\"]', "\\\\", '"', "\\", '"[', ']"', "é[", "\n{"])
    if rng.random() < 0.5:
        return [_random_json(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["k[", "k}", 'k"\\', ""]): _random_json(rng, depth - 1) for _ in range(3)}


def _depth_of(value: Any) -> int:
    if isinstance(value, dict | list):
        children = value.values() if isinstance(value, dict) else value
        return 1 + max((_depth_of(c) for c in children), default=0)
    return 0


def _passes(text: bytes, chunk: int, limit: int) -> bool:
    scanner = DepthScanner(limit)
    try:
        for start in range(0, len(text), chunk):
            scanner.feed(text[start : start + chunk])
    except TooDeep:
        return False
    return True


def test_the_byte_scanner_measures_depth_exactly_across_chunks() -> None:
    rng = random.Random(9)
    for _ in range(300):
        value = _random_json(rng, rng.randint(1, 8))
        text = json.dumps(value, ensure_ascii=rng.random() < 0.5).encode()
        depth = _depth_of(value)
        for chunk in (1, 2, 3, 7, 64, 1 << 16):
            assert _passes(text, chunk, depth), (chunk, text)
            assert depth == 0 or not _passes(text, chunk, depth - 1), (chunk, text)
