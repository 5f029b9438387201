"""Objects LL2 never stamps (pads, agencies, boosters ...) are as new as the launch or event
they came in: an older snapshot never overwrites what a newer one stored, whichever file
comes first; it only fills values the stored copy lacks."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.conftest import Store
from tests.gql_helpers import load

DETAILED = Path(__file__).parent / "fixtures" / "ll2-2.3.0" / "launch-stages.json"


def _set_everywhere(value: Any, agency: int, key: str, to: Any) -> None:
    """Set `key` on every copy of the agency nested in a payload (LL2 repeats it)."""
    if isinstance(value, list):
        for item in value:
            _set_everywhere(item, agency, key, to)
    elif isinstance(value, dict):
        if value.get("id") == agency and key in value:
            value[key] = to
        for item in value.values():
            _set_everywhere(item, agency, key, to)


def _two_snapshots() -> tuple[dict[str, Any], dict[str, Any]]:
    """Two launches sharing a pad: an older one whose pad and provider say something else,
    and the detailed one (newer). A null in the newer copy is a gap the older one may fill
    (no per-column stamps tell "unknown" from "removed")."""
    newer = json.loads(DETAILED.read_text())
    newer["pad"]["description"] = "The newer description."
    newer["pad"]["map_image"] = "https://example.org/map.png"
    _set_everywhere(newer, newer["launch_service_provider"]["id"], "administrator", "Someone now")
    older = copy.deepcopy(newer)
    older["id"] = "00000000-0000-4000-8000-000000000001"
    older["last_updated"] = "2020-01-01T00:00:00Z"
    older["pad"]["description"] = "An old description."
    older["pad"]["map_image"] = None
    _set_everywhere(older, older["launch_service_provider"]["id"], "administrator", "Before")
    return older, newer


async def _pad_and_provider(store: Store, pad: int, agency: int) -> tuple[Any, ...]:
    async with store.engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT pad.description, pad.map_image, agency.administrator"
                    " FROM pad, agency WHERE pad.id = :pad AND agency.id = :agency"
                ),
                {"pad": pad, "agency": agency},
            )
        ).one()
    return tuple(row)


async def _ingest(store: Store, folder: Path, *launches: dict[str, Any]) -> None:
    for i, launch in enumerate(launches):
        path = folder / f"launch-{i}.json"
        path.write_text(json.dumps(launch))
        await load(store, path)


async def test_newer_then_older_keeps_the_newer(store: Store, tmp_path: Path) -> None:
    older, newer = _two_snapshots()
    await _ingest(store, tmp_path, newer, older)
    got = await _pad_and_provider(store, newer["pad"]["id"], newer["launch_service_provider"]["id"])
    assert got == (
        newer["pad"]["description"],
        newer["pad"]["map_image"],
        newer["launch_service_provider"]["administrator"],
    )


async def test_older_then_newer_keeps_the_newer(store: Store, tmp_path: Path) -> None:
    older, newer = _two_snapshots()
    await _ingest(store, tmp_path, older, newer)
    got = await _pad_and_provider(store, newer["pad"]["id"], newer["launch_service_provider"]["id"])
    assert got == (
        newer["pad"]["description"],
        newer["pad"]["map_image"],
        newer["launch_service_provider"]["administrator"],
    )


async def test_both_in_one_file_keep_the_newer(store: Store, tmp_path: Path) -> None:
    older, newer = _two_snapshots()
    for pair in ((newer, older), (older, newer)):
        path = tmp_path / "both.json"
        path.write_text(json.dumps(list(pair)))
        await load(store, path)
        got = await _pad_and_provider(
            store, newer["pad"]["id"], newer["launch_service_provider"]["id"]
        )
        assert got[0] == newer["pad"]["description"]


async def test_an_older_copy_fills_what_the_newer_lacks(store: Store, tmp_path: Path) -> None:
    older, newer = _two_snapshots()
    newer = copy.deepcopy(newer)
    older["pad"]["map_image"] = "https://example.org/old-map.png"
    newer["pad"]["map_image"] = None
    await _ingest(store, tmp_path, newer, older)
    got = await _pad_and_provider(store, newer["pad"]["id"], newer["launch_service_provider"]["id"])
    assert got[:2] == (newer["pad"]["description"], "https://example.org/old-map.png")
