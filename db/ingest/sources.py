"""Stream LL2 objects out of files: JSON (a list page, an array, or one object), JSON Lines,
and folders of them. Large files are never loaded whole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import ijson
import orjson

from launchgraph.db.ingest.errors import IngestError

_LINE_SUFFIXES = {".jsonl", ".ndjson"}
_SUFFIXES = {".json", *_LINE_SUFFIXES}
_PAGE_KEYS = {"count", "next", "previous", "results"}


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


def read(path: Path) -> Iterator[Item]:
    """Every top-level object of one file, streamed."""
    with path.open("rb") as fh:
        if path.suffix in _LINE_SUFFIXES:
            yield from _lines(fh, str(path))
        else:
            yield from _json(fh, str(path))


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
        if not line.strip():
            continue
        source = f"{name}:{number}"
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise IngestError(f"malformed JSON: {exc}", "$", source) from None
        yield from _unpage(obj, "$", source)


def _is_page(fh: BinaryIO) -> bool:
    """Whether the document is an object whose top-level keys are those of an LL2 list page;
    decided from the first keys, without reading the rest."""
    try:
        for prefix, event, value in ijson.parse(fh):
            if prefix == "" and event == "map_key":
                if value not in _PAGE_KEYS:
                    return False
                if value == "results":
                    return True
            elif prefix == "" and event in ("start_array", "end_map"):
                return False
    except ijson.JSONError:
        return False
    return False


def _json(fh: BinaryIO, name: str) -> Iterator[Item]:
    head = fh.read(64).lstrip()
    fh.seek(0)
    streamed = head.startswith(b"[") or _is_page(fh)
    fh.seek(0)
    if not streamed:
        try:
            obj = orjson.loads(fh.read())
        except orjson.JSONDecodeError as exc:
            raise IngestError(f"malformed JSON: {exc}", "$", name) from None
        yield from _unpage(obj, "$", name)
        return
    prefix, base = ("item", "$") if head.startswith(b"[") else ("results.item", "$.results")
    index = -1
    try:
        for index, item in enumerate(ijson.items(fh, prefix, use_float=True)):
            yield Item(item, f"{base}[{index}]", name)
    except ijson.JSONError as exc:
        raise IngestError(f"malformed JSON: {exc}", f"{base}[{index + 1}]", name) from None
