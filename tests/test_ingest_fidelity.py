"""Every field of the seed payloads reads back from the tables exactly as LL2 sent it, and
the real captured payloads all ingest."""

from __future__ import annotations

import json

from sqlalchemy import text

from launchgraph.db.ingest.run import ingest
from tests.conftest import Store, need_real, need_seeds
from tests.test_ingest_support import Walker, count, ingest_ok, seed_event, seed_page, table_rows


async def _walk(store: Store, kind: str, objects: list[dict]) -> Walker:
    walker = Walker(await table_rows(store.engine))
    for i, obj in enumerate(objects):
        walker.entity(kind, obj, f"$[{i}]")
    walker.finish()
    return walker


async def test_event_detail_2_2_0_reads_back_field_by_field(store: Store) -> None:
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-352-2.2.0.json")
    walker = await _walk(store, "event", [seed_event()])
    assert walker.problems == []
    # The walk reached the whole graph: event, launch, status, precision, provider, rocket
    # and configuration, mission and orbit and agencies, pad and location, programs with
    # their type and agencies, the station and its status.
    reached = {table for table, _key in walker.covered}
    assert reached >= {
        "event",
        "event_type",
        "date_precision",
        "agency",
        "launch",
        "launch_status",
        "rocket",
        "launcher_config",
        "mission",
        "orbit",
        "pad",
        "location",
        "program",
        "program_type",
        "spacestation",
        "spacestation_status",
    }
    assert walker.checked > 200


async def test_event_page_2_0_0_reads_back_field_by_field(store: Store) -> None:
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-upcoming-2.0.0-offset10.json")
    page = seed_page()
    walker = await _walk(store, "event", page["results"])
    assert walker.problems == []
    assert await count(store.engine, "event") == len(page["results"])
    assert walker.checked > 300


async def test_2_0_0_payload_invents_nothing(store: Store) -> None:
    """Keys 2.0.0 lacks stay NULL: no last_updated, webcast_live, date_precision ... on its
    events, no net_precision or last_updated on its launches (the walker's finish() checks
    every column; these are spelled out for the reader)."""
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-upcoming-2.0.0-offset10.json")
    rows = await table_rows(store.engine)
    for event in rows["event"]:
        for col in ("last_updated", "webcast_live", "date_precision_id", "duration"):
            assert event[col] is None, (event["id"], col)
    for launch in rows["launch"]:
        for col in ("last_updated", "net_precision_id", "weather_concerns", "type"):
            assert launch[col] is None, (launch["id"], col)
    assert rows["event_update"] == [] and rows["info_url"] == [] and rows["vid_url"] == []
    assert rows["event_agency"] == []


async def test_coordinates_are_kept_as_exact_text(store: Store) -> None:
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-352-2.2.0.json")
    async with store.engine.connect() as conn:
        # Untyped SQL: the stored text itself, not DecimalText's float.
        raw = (await conn.execute(text("SELECT latitude, longitude FROM pad"))).one()
    assert tuple(raw) == ("30.400938", "130.97564")


async def test_real_payloads_all_ingest(store: Store) -> None:
    real = need_real()
    events = [json.loads(line) for line in (real / "events.jsonl").open() if line.strip()]
    launches = [json.loads(line) for line in (real / "launches.jsonl").open() if line.strip()]
    report = await ingest(store.engine, [real / "events.jsonl", real / "launches.jsonl"])
    assert [str(e) for e in report.errors] == []
    assert report.objects == len(events) + len(launches)
    event_ids = {e["id"] for e in events}
    launch_ids = {la["id"].lower() for la in launches}
    launch_ids |= {la["id"].lower() for e in events for la in e.get("launches") or []}
    assert len(event_ids) == 33
    assert len({la["id"] for la in launches}) == 55
    assert await count(store.engine, "event") == len(event_ids)
    assert await count(store.engine, "launch") == len(launch_ids)


async def test_real_launches_alone_read_back(store: Store) -> None:
    """launches.jsonl (de-duplicated by id) into a fresh store: every launch's own fields
    and links read back. Nested shared objects (agencies, pads ...) are snapshots of
    different dates there, so only the launch rows themselves are walked."""
    real = need_real()
    launches = [json.loads(line) for line in (real / "launches.jsonl").open() if line.strip()]
    await ingest_ok(store.engine, real / "launches.jsonl")
    rows = await table_rows(store.engine)
    walker = Walker(rows)
    for i, launch in enumerate(launches):
        # Only the launch's scalars: nested objects are checked by id, not content.
        flat = {k: v for k, v in launch.items() if type(v) not in (dict, list)}
        walker.entity("launch", flat, f"$[{i}]")
        stored = walker.by_id["launch"][launch["id"].lower()]
        for key, value in launch.items():
            if type(value) is dict and f"{key}_id" in stored:
                assert stored[f"{key}_id"] == value["id"], (launch["id"], key)
        programs = sorted(
            (r for r in rows["launch_program"] if r["launch_id"] == launch["id"].lower()),
            key=lambda r: r["position"],
        )
        assert [r["program_id"] for r in programs] == [p["id"] for p in launch.get("program", [])]
        infos = [r for r in rows["info_url"] if r["launch_id"] == launch["id"].lower()]
        assert len(infos) == len(launch.get("infoURLs") or launch.get("info_urls") or [])
    assert walker.problems == []


async def test_walker_catches_differences(store: Store) -> None:
    """The walker is not vacuous: a changed value, a value nobody sent, a swapped link order
    and a missing owned row are each reported."""
    seeds = need_seeds()
    await ingest_ok(store.engine, seeds / "event-352-2.2.0.json")
    event = seed_event()
    event["launches"][0]["probability"] = None
    event["program"][0]["agencies"].reverse()

    rows = await table_rows(store.engine)
    rows["pad"][0]["latitude"] = "30.40094"  # rounded
    rows["location"][0]["timezone_name"] = None
    walker = Walker(rows)
    walker.entity("event", event, "$")
    walker.finish()
    text = "\n".join(walker.problems)
    assert "$.launches[0].pad.latitude: stored '30.40094'" in text
    assert "$.launches[0].pad.location.timezone_name: stored None" in text
    assert "$.program[0].agencies: program_agency holds" in text
    assert len(walker.problems) == 3

    rows["launch"][0]["probability"] = 70  # a value no JSON key carried
    rows["event_update"].append({"id": 9, "event_id": 352, "position": 0})
    walker = Walker(rows)
    del event["launches"][0]["probability"]
    event["program"][0]["agencies"].reverse()
    walker.entity("event", event, "$")
    walker.finish()
    text = "\n".join(walker.problems)
    assert "probability=70 but no JSON key carried it" in text
    assert "$.updates: 1 event_update rows, JSON lists 0" in text
