"""Stream LL2 objects out of files: JSON (a list page, an array, or one object), JSON Lines,
and folders of them. Large files are never loaded whole.

Input nested deeper than MAX_DEPTH (LL2 nests about ten levels) is refused: the text is
measured as it is read, before the parser sees it (depth.py), so a file of 100,000 nested
brackets is refused after its first chunk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import ijson
import orjson

from launchgraph.db.ingest.decode import decode
from launchgraph.db.ingest.depth import DepthGuard, TooDeep, check_line
from launchgraph.db.ingest.errors import IngestError

_LINE_SUFFIXES = {".jsonl", ".ndjson"}
_SUFFIXES = {".json", *_LINE_SUFFIXES}
_PAGE_KEYS = {"count", "next", "previous", "results"}
MAX_DEPTH = 64
# Nesting change of each ijson event.
_NESTING = dict.fromkeys(
    ("null", "boolean", "integer", "double", "number", "string", "map_key"), 0
) | {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}


@dataclass(frozen=True)
class Item:
    """One top-level LL2 object, with where it came from for error messages."""

    obj: Any
    path: str
    source: str


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and the JSON / JSON Lines files inside folders named (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
            )
        elif path.exists():
            files.append(path)
        else:
            raise IngestError("no such file or folder", source=str(path))
    return files


# Read buffer: an LL2 event is a line of about 9 KB, longer than the default 8 KB buffer,
# which made reading each line several reads and copies.
_BUFFER = 1 << 16


def read(path: Path) -> Iterator[Item]:
    """Every top-level object of one file, streamed."""
    with path.open("rb", buffering=_BUFFER) as fh:
        if path.suffix in _LINE_SUFFIXES:
            yield from _lines(fh, str(path))
        else:
            yield from _json(fh, str(path))


def _deep_item(fh: BinaryIO, item_depth: int, base: str) -> str:
    """The path of the first top-level item nested too deep (read again, slowly: only once a
    file is refused)."""
    depth, index = 0, -1
    for event, _ in ijson.basic_parse(fh, use_float=True):
        step = _NESTING[event]
        if step > 0:
            depth += 1
            if depth == item_depth + 1:
                index += 1
            if depth > MAX_DEPTH:
                break
        elif step < 0:
            depth -= 1
        elif depth == item_depth and event != "map_key":
            index += 1
    return f"{base}[{index}]" if item_depth else base


def _too_deep_error(path: str, source: str) -> IngestError:
    return IngestError(f"nested deeper than {MAX_DEPTH} levels", path, source)


def _unpage(obj: Any, path: str, source: str) -> Iterator[Item]:
    if type(obj) is dict and "results" in obj and set(obj) <= _PAGE_KEYS:
        results = obj["results"]
        if type(results) is not list:
            raise IngestError("expected a list", f"{path}.results", source)
        for i, item in enumerate(results):
            yield Item(item, f"{path}.results[{i}]", source)
    elif type(obj) is list:
        for i, item in enumerate(obj):
            yield Item(item, f"{path}[{i}]", source)
    else:
        yield Item(obj, path, source)


def _lines(fh: BinaryIO, name: str) -> Iterator[Item]:
    for number, line in enumerate(fh, start=1):
        if not line or line.isspace():  # without copying the line, as strip() would
            continue
        source = f"{name}:{number}"
        try:
            marks = check_line(line, MAX_DEPTH)
        except TooDeep:
            raise _too_deep_error("$", source) from None
        obj = decode(line, marks)
        if obj is not None:
            yield Item(obj, "$", source)  # an event or launch, shared objects as text
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise IngestError(f"malformed JSON: {exc}", "$", source) from None
        if type(obj) is dict and "results" not in obj:
            yield Item(obj, "$", source)  # one object a line: what _unpage would yield
        else:
            yield from _unpage(obj, "$", source)


def _is_page(fh: BinaryIO, name: str) -> bool:
    """Whether the document is an object whose top-level keys are those of an LL2 list page;
    decided from the first keys, without reading the rest. A page whose `results` is not a
    list is refused (it would otherwise ingest nothing, silently)."""
    depth = 0
    try:
        # basic_parse, not parse: parse's path strings grow with the nesting (see above).
        events = ijson.basic_parse(fh, use_float=True)
        for event, value in events:
            if depth == 0 and event != "start_map":
                return False
            if depth == 1 and event == "map_key":
                if value not in _PAGE_KEYS:
                    return False
                if value == "results":
                    if next(events)[0] != "start_array":
                        raise IngestError("expected a list", "$.results", name)
                    return True
            depth += _NESTING[event]
            if depth == 0:
                return False
    except (ijson.JSONError, StopIteration):
        return False
    return False


def _json(fh: BinaryIO, name: str) -> Iterator[Item]:
    head = fh.read(64).lstrip()
    fh.seek(0)
    streamed = head.startswith(b"[") or _is_page(fh, name)
    fh.seek(0)
    guarded = DepthGuard(fh, MAX_DEPTH)
    if not streamed:
        try:
            obj = orjson.loads(guarded.read())
        except orjson.JSONDecodeError as exc:
            raise IngestError(f"malformed JSON: {exc}", "$", name) from None
        except TooDeep:
            raise _too_deep_error("$", name) from None
        yield from _unpage(obj, "$", name)
        return
    prefix, base = ("item", "$") if head.startswith(b"[") else ("results.item", "$.results")
    index = -1
    try:
        for index, item in enumerate(ijson.items(guarded, prefix, use_float=True)):
            yield Item(item, f"{base}[{index}]", name)
    except ijson.JSONError as exc:
        raise IngestError(f"malformed JSON: {exc}", f"{base}[{index + 1}]", name) from None
    except TooDeep:
        fh.seek(0)
        item_depth = 1 if head.startswith(b"[") else 2
        raise _too_deep_error(_deep_item(fh, item_depth, base), name) from None
