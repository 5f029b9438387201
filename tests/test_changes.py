"""What an ingest reports as changed, and how the change feed hands it to subscribers."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

from launchgraph.cli import sample_path
from launchgraph.db.changes import MAX_PAYLOAD, ChangeFeed, Changes, parse, payloads
from launchgraph.db.ingest.run import ingest
from tests.conftest import Store


def launch(launch_id: str, updated: str, name: str = "Electron | Change") -> dict[str, Any]:
    return {
        "id": launch_id,
        "url": f"https://ll.thespacedevs.com/2.2.0/launch/{launch_id}/",
        "name": name,
        "last_updated": updated,
        "net": "2099-01-01T00:00:00Z",
    }


def write(tmp_path: Path, *objects: dict[str, Any]) -> Path:
    path = tmp_path / f"{uuid.uuid4().hex}.json"
    path.write_text(json.dumps({"count": len(objects), "results": list(objects)}))
    return path


async def test_an_ingest_reports_exactly_what_it_changed(store: Store, tmp_path: Path) -> None:
    sample = json.loads(sample_path().read_text())["results"]
    first = await ingest(store.engine, [sample_path()])
    assert first.changes.ids["event"] == {e["id"] for e in sample}
    assert first.changes.ids["launch"] == {la["id"] for e in sample for la in e["launches"]}

    again = await ingest(store.engine, [sample_path()])
    assert not again.changes, "the same data again changes nothing"

    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    await ingest(
        store.engine,
        [write(tmp_path, launch(a, "2025-01-01T00:00:00Z"), launch(b, "2025-01-01T00:00:00Z"))],
    )
    newer = await ingest(
        store.engine,
        [
            write(
                tmp_path,
                launch(a, "2025-02-01T00:00:00Z", "Electron | Moved"),  # newer: changed
                launch(b, "2024-12-01T00:00:00Z", "Electron | Stale"),  # older: ignored
            )
        ],
    )
    assert newer.changes.ids == {"event": set(), "launch": {a}}


async def test_a_refused_file_announces_nothing(store: Store, tmp_path: Path) -> None:
    feed = ChangeFeed(store.engine)
    await feed.start()
    received: list[Changes] = []

    async def listen() -> None:
        async for changes in feed.subscribe():
            received.append(changes)

    task = asyncio.create_task(listen())
    await asyncio.wait_for(feed.ready.wait(), 10)
    good = str(uuid.uuid4())
    bad = launch(str(uuid.uuid4()), "2025-01-01T00:00:00Z")
    bad["net"] = "not a date"
    report = await ingest(
        store.engine, [write(tmp_path, launch(str(uuid.uuid4()), "2025-01-01T00:00:00Z"), bad)]
    )
    assert report.errors and not report.changes
    await ingest(store.engine, [write(tmp_path, launch(good, "2025-01-01T00:00:00Z"))])
    for _ in range(200):  # PostgreSQL delivers the NOTIFY right after the commit
        if received:
            break
        await asyncio.sleep(0.01)
    await feed.stop()
    await task
    assert [c.ids for c in received] == [{"event": set(), "launch": {good}}]


def test_large_changes_are_split_under_the_notify_limit() -> None:
    changes = Changes(
        {"event": set(range(2000)), "launch": {str(uuid.uuid4()) for _ in range(900)}}
    )
    parts = payloads(changes)
    assert len(parts) > 1
    assert all(len(p.encode()) < MAX_PAYLOAD for p in parts)
    merged = Changes()
    for part in parts:
        merged.merge(parse(part))
    assert merged.ids == changes.ids
