"""A malformed file leaves the database exactly as it was, and the error names the file and
the JSON path of the bad value; the other files of the same ingest still land."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from launchgraph.db.ingest import run
from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.run import ingest
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

ROOT = Path(__file__).resolve().parents[1]


async def _refused(store: Store, path: Path) -> IngestError:
    """Ingest a bad file into a store holding the seed event: nothing may change (not even
    the data version), and exactly one error comes back."""
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-352-2.2.0.json")
    before = await dump(store.engine, with_version=True)
    report = await ingest(store.engine, [path])
    assert report.files == 0 and report.objects == 0
    (error,) = report.errors
    assert await dump(store.engine, with_version=True) == before
    return error


def _truncate(path: Path, source: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


async def test_truncated_object(store: Store, tmp_path: Path) -> None:
    seeds = need_seeds()
    bad = _truncate(tmp_path / "cut.json", seeds / "event-352-2.2.0.json")
    error = await _refused(store, bad)
    assert error.source == str(bad) and error.json_path == "$"
    assert "malformed JSON" in error.message
    assert str(error).startswith(f"{bad}: $: malformed JSON")


async def test_truncated_list_page(store: Store, tmp_path: Path) -> None:
    """The page is streamed: the results before the cut were already flattened (and, in a
    small batch, written) when the parser hits it; all of it is rolled back."""
    seeds = need_seeds()
    bad = _truncate(tmp_path / "cut-page.json", seeds / "event-upcoming-2.0.0-offset10.json", 0.8)
    error = await _refused(store, bad)
    assert error.source == str(bad)
    assert error.json_path.startswith("$.results[") and "malformed JSON" in error.message


async def test_truncated_json_lines(store: Store, tmp_path: Path) -> None:
    event = seed_event()
    bad = tmp_path / "cut.jsonl"
    write_lines(bad, [variant(event, id=1, slug="a"), variant(event, id=2, slug="b")])
    bad.write_bytes(bad.read_bytes()[:-200])
    error = await _refused(store, bad)
    assert error.source == f"{bad}:2" and error.json_path == "$"


async def test_wrong_type_in_a_nested_field(store: Store, tmp_path: Path) -> None:
    event = seed_event()
    event["launches"][0]["pad"]["location"]["id"] = "26"
    bad = write_json(tmp_path / "bad.json", event)
    error = await _refused(store, bad)
    assert error.json_path == "$.launches[0].pad.location.id"
    assert error.source == str(bad)
    assert "expected an integer id, got a string" in error.message


async def test_wrong_type_in_a_list_page(store: Store, tmp_path: Path) -> None:
    page = seed_page()
    page["results"][4]["launches"][0]["pad"]["location"]["id"] = "27"
    bad = write_json(tmp_path / "page.json", page)
    error = await _refused(store, bad)
    assert error.json_path == "$.results[4].launches[0].pad.location.id"


@pytest.mark.parametrize(
    ("where", "value", "path", "message"),
    [
        (("launches", 0, "net"), "soon", "$.launches[0].net", "ISO 8601"),
        (("launches", 0, "pad", "latitude"), "north", "$.launches[0].pad.latitude", "decimal"),
        (("program", 0, "agencies"), {"id": 1}, "$.program[0].agencies", "expected a list"),
        (("agencies", 0), "JAXA", "$.agencies[0]", "expected an object"),
        (("webcast_live",), "no", "$.webcast_live", "expected a boolean"),
        (("launches", 0, "probability"), 1.5, "$.launches[0].probability", "an integer"),
        (("launches", 0, "id"), "not-a-uuid", "$.launches[0].id", "launch uuid"),
        (("info_urls",), [{"type": {"id": "x"}}], "$.info_urls[0].type.id", "an integer"),
    ],
)
async def test_wrong_types_are_named_by_path(
    store: Store, tmp_path: Path, where: tuple, value: object, path: str, message: str
) -> None:
    event = seed_event()
    target = event
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    error = await _refused(store, write_json(tmp_path / "bad.json", event))
    assert (error.json_path, message in error.message) == (path, True), str(error)


async def test_missing_ids(store: Store, tmp_path: Path) -> None:
    event = seed_event()
    del event["id"]
    error = await _refused(store, write_json(tmp_path / "a.json", event))
    assert (error.json_path, error.message) == ("$.id", "missing id")

    event = seed_event()
    del event["launches"][0]["mission"]["id"]
    error = await _refused(store, write_json(tmp_path / "b.json", event))
    assert (error.json_path, error.message) == ("$.launches[0].mission.id", "missing id")

    page = seed_page()
    del page["results"][2]["id"]
    error = await _refused(store, write_json(tmp_path / "c.json", page))
    assert (error.json_path, error.message) == ("$.results[2].id", "missing id")


async def test_missing_required_name(store: Store, tmp_path: Path) -> None:
    event = seed_event()
    event["launches"][0]["pad"]["name"] = None
    error = await _refused(store, write_json(tmp_path / "a.json", event))
    assert error.json_path == "$.launches[0].pad.name"


async def test_not_an_ll2_object(store: Store, tmp_path: Path) -> None:
    error = await _refused(store, write_lines(tmp_path / "x.jsonl", [{"id": 1, "hello": 2}]))
    assert error.source.endswith("x.jsonl:1") and "not an LL2 event or launch" in error.message


async def test_failure_in_a_later_batch_rolls_back_the_earlier_ones(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One object per batch: the first batches were handed to the database (and applied)
    before the bad one is read; the file's transaction takes them all back."""
    monkeypatch.setattr(run, "BATCH_SIZE", 1)
    event = seed_event()
    good = [variant(event, id=i, slug=f"e{i}", name=f"Event {i}") for i in range(1, 5)]
    bad = variant(event, id=9, slug="e9")
    bad["launches"][0]["pad"]["location"]["id"] = "26"
    path = write_lines(tmp_path / "late.jsonl", [*good, bad])
    error = await _refused(store, path)
    assert error.source == f"{path}:5"
    assert error.json_path == "$.launches[0].pad.location.id"


async def test_data_the_database_refuses(store: Store, tmp_path: Path) -> None:
    """Two events with one slug (unique in the schema): the file is refused as a whole."""
    event = seed_event()
    path = write_lines(
        tmp_path / "dup.jsonl",
        [variant(event, id=1, slug="same"), variant(event, id=2, slug="same")],
    )
    error = await _refused(store, path)
    assert error.source == str(path) and "the database refused the data" in error.message


async def test_other_files_still_land(store: Store, tmp_path: Path) -> None:
    seeds = need_seeds()
    bad = _truncate(tmp_path / "cut.json", seeds / "event-352-2.2.0.json")
    report = await ingest(store.engine, [bad, seeds / "event-upcoming-2.0.0-offset10.json"])
    assert report.files == 1 and report.objects == 10
    assert [e.source for e in report.errors] == [str(bad)]
    assert len((await dump(store.engine))["event"]) == 10


async def test_a_missing_path_ingests_nothing(store: Store, tmp_path: Path) -> None:
    """A path that does not exist is a mistake in the command, not bad data: nothing runs."""
    seeds = need_seeds()
    report = await ingest(store.engine, [seeds / "event-352-2.2.0.json", tmp_path / "missing"])
    assert report.files == 0
    assert [(e.source, e.message) for e in report.errors] == [
        (str(tmp_path / "missing"), "no such file or folder")
    ]
    assert (await dump(store.engine))["event"] == []


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "launchgraph", "ingest", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_cli_reports_a_bad_file_and_exits_non_zero(store: Store, tmp_path: Path) -> None:
    seeds = need_seeds()
    ok = await asyncio.to_thread(_cli, store.url, str(seeds / "event-352-2.2.0.json"))
    assert ok.returncode == 0, ok.stderr
    assert "ingested 1 objects from 1 file(s)" in ok.stdout
    before = await dump(store.engine, with_version=True)

    event = seed_event()
    event["launches"][0]["pad"]["location"]["id"] = "26"
    bad = write_json(tmp_path / "bad.json", event)
    result = await asyncio.to_thread(_cli, store.url, str(bad))
    assert result.returncode == 1
    assert f"error: {bad}: $.launches[0].pad.location.id: expected an integer id" in result.stderr
    assert await dump(store.engine, with_version=True) == before

    cut = _truncate(tmp_path / "cut.json", seeds / "event-352-2.2.0.json")
    result = await asyncio.to_thread(_cli, store.url, "-q", str(cut))
    assert result.returncode == 1 and f"error: {cut}: $: malformed JSON" in result.stderr
    assert result.stdout == ""
    assert await dump(store.engine, with_version=True) == before
