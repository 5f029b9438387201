"""JSON lines decoded with shared objects left as text (db/ingest/decode.py): what it decodes
is what orjson decodes (less keys no plan reads), a line where the two could differ goes to
orjson whole, and a file flattens and ingests to the same rows whichever way its lines go."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from msgspec import Raw

from launchgraph.db.ingest import run, sources
from launchgraph.db.ingest.batch import Batch
from launchgraph.db.ingest.decode import decode as decode_with_marks
from launchgraph.db.ingest.depth import check_line
from launchgraph.db.ingest.memo import Memo
from launchgraph.db.ingest.run import ingest
from tests.conftest import FIXTURES, Store
from tests.test_ingest_support import ingest_ok, seed_event, table_rows, variant, write_lines

LINE_FILES = [
    FIXTURES / "real" / "events.jsonl",
    FIXTURES / "real" / "launches.jsonl",
    FIXTURES / "real" / "stages.jsonl",
    FIXTURES / "ll2-2.3.0" / "launches-real.jsonl",
]


def decode(line: bytes) -> dict[str, Any] | None:
    return decode_with_marks(line, check_line(line, sources.MAX_DEPTH))


def _lines() -> list[bytes]:
    return [line for path in LINE_FILES for line in path.read_bytes().splitlines() if line]


def _expand(value: Any) -> Any:
    if type(value) is Raw:
        return orjson.loads(bytes(value))
    if type(value) is dict:
        return {key: _expand(item) for key, item in value.items()}
    if type(value) is list:
        return [_expand(item) for item in value]
    return value


def _within(part: Any, whole: Any, path: str = "$") -> None:
    """`part` is `whole` less some keys of its objects: every value equal, of the same type."""
    assert type(part) is type(whole), path
    if type(part) is dict:
        for key, item in part.items():
            assert key in whole, f"{path}.{key}"
            _within(item, whole[key], f"{path}.{key}")
    elif type(part) is list:
        assert len(part) == len(whole), path
        for i, (a, b) in enumerate(zip(part, whole, strict=True)):
            _within(a, b, f"{path}[{i}]")
    else:
        assert part == whole, path


def test_decoded_lines_are_what_orjson_reads() -> None:
    lines = _lines()
    assert len(lines) > 90
    for line in lines:
        decoded = decode(line)
        assert decoded is not None  # real LL2 lines take the fast way
        _within(_expand(decoded), orjson.loads(line))
    # Shared objects stay text: a launch's pad, say.
    assert any(type((decode(line) or {}).get("pad")) is Raw for line in lines)


def _flatten(items: list[sources.Item]) -> list[Batch]:
    memo = Memo()
    size = 7  # several batches, so repeats are skipped across them too
    return [run._flatten(items[i : i + size], {}, memo) for i in range(0, len(items), size)]


def _content(batches: list[Batch]) -> list[Any]:
    return [(dict(b.rows), dict(b.links), dict(b.owned), dict(b.stamps)) for b in batches]


@pytest.mark.parametrize("path", LINE_FILES, ids=lambda p: p.name)
def test_both_ways_flatten_to_the_same_rows(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _flatten(list(sources.read(path)))
    monkeypatch.setattr(sources, "decode", lambda line, marks: None)
    slow = _flatten(list(sources.read(path)))
    assert _content(fast) == _content(slow)
    assert sum(len(b.rows["agency"]) for b in fast) > 0


def _line(obj: Any) -> bytes:
    return orjson.dumps(obj)


@pytest.mark.parametrize(
    "text",
    [
        # An integer past 64 bits: orjson reads a float, msgspec an int.
        b'{"id": 1, "date": null, "name": 123456789012345678901234}',
        # A number orjson refuses (infinite) in a key no plan reads, which msgspec skips.
        b'{"id": 1, "date": null, "nobody_reads": 1e999}',
        b'{"id": 1, "date": null, "agencies": [{"id": 2, "name": 2.5E+400}]}',
        # Not UTF-8, inside a shared object msgspec would skip.
        b'{"id": 1, "date": null, "agencies": [{"id": 2, "name": "\xff"}]}',
        # A value of another shape than declared (a list where an object is read).
        b'{"id": "x", "net": null, "mission": []}',
        b'{"id": 1, "date": null, "launches": {"id": 3}}',
        # A list page on one line, and what is not an object.
        b'{"count": 1, "results": [{"id": 1, "date": null}]}',
        b"[1, 2]",
        b'{"id": 1,}',
    ],
)
def test_lines_where_the_decoders_could_differ_go_to_orjson(text: bytes) -> None:
    assert decode(text) is None


def test_uuids_that_look_like_exponents_still_take_the_fast_way() -> None:
    line = b'{"id": "5e123456-1e99-4000-8000-000000000001", "net": "x", "name": "1e999"}'
    assert decode(line) is not None


def test_mutated_lines_decode_as_orjson_does_or_not_at_all() -> None:
    """Bytes of real lines changed at random: whatever the fast way accepts, orjson reads
    alike; the rest goes to orjson (which then accepts or refuses it, as before)."""
    rng = random.Random(11)
    lines = _lines()[:40]
    alphabet = b'{}[]",:0123456789eE+-.\\ \xff\x00tfnul'
    fast = 0
    for _ in range(3000):
        line = bytearray(rng.choice(lines))
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(line))
            action = rng.randrange(3)
            if action == 0:
                line[at] = rng.choice(alphabet)
            elif action == 1:
                line.insert(at, rng.choice(alphabet))
            else:
                del line[at]
        mutated = bytes(line)
        decoded = decode(mutated)
        if decoded is None:
            continue
        fast += 1
        _within(_expand(decoded), orjson.loads(mutated))
    assert fast > 100  # most mutations land in text and stay valid


async def test_repeats_changed_and_changed_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shared objects repeated, changed and changed back between lines, across batches: the
    fast way (the memo recognising a copy by its text) flattens what orjson's way flattens,
    and the last copy of each object wins."""
    monkeypatch.setattr(run, "BATCH_SIZE", 2)
    base = variant(seed_event(), launches=[], spacestations=[])
    agency = {"id": 5, "name": "A", "abbrev": "AA"}
    program = {"id": 50, "name": "P", "agencies": [agency]}
    events = [
        variant(base, id=1, slug="e1", program=[program], agencies=[agency]),
        variant(base, id=2, slug="e2", agencies=[{"id": 5, "name": "B"}]),
        variant(base, id=3, slug="e3", program=[program], agencies=[agency]),
        variant(base, id=4, slug="e4", program=[program], agencies=[{"id": 5}]),
        variant(base, id=5, slug="e5", program=[program], agencies=[agency, agency, None]),
        variant(base, id=6, slug="e6", program=[program], agencies=[agency]),
    ]
    path = write_lines(tmp_path / "e.jsonl", events[:4] + events[5:])
    fast = _flatten(list(sources.read(path)))
    with monkeypatch.context() as slow_way:
        slow_way.setattr(sources, "decode", lambda line, marks: None)
        slow = _flatten(list(sources.read(path)))
    assert _content(fast) == _content(slow)
    await ingest_ok(store.engine, path)
    agencies = {row["id"]: row for row in (await table_rows(store.engine))["agency"]}
    assert (agencies[5]["name"], agencies[5]["abbrev"]) == ("A", "AA")

    # A null in a list of shared objects is refused at its place, as before.
    bad = write_lines(tmp_path / "bad.jsonl", [events[4]])
    report = await ingest(store.engine, [bad])
    assert [(e.json_path, e.message) for e in report.errors] == [
        ("$.agencies[2]", "expected an object, got NoneType")
    ]
