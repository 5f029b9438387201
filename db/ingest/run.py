"""Ingest files into a database: each file one transaction, in batches of objects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from db.ingest import sources
from db.ingest.batch import Batch
from db.ingest.errors import IngestError
from db.ingest.shapes import kind_of
from db.ingest.writer import bump_data_version, stored_stamps, write_batch

BATCH_SIZE = 500


@dataclass
class Report:
    """What an ingest did: objects taken per file, and the files it refused."""

    objects: int = 0
    files: int = 0
    errors: list[IngestError] = field(default_factory=list)
    data_version: int | None = None


def _batches(items: Iterator[sources.Item], size: int) -> Iterator[list[sources.Item]]:
    chunk: list[sources.Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _kind(item: sources.Item) -> str:
    kind = kind_of(item.obj) if type(item.obj) is dict else None
    if kind is None:
        raise IngestError("not an LL2 event or launch object", item.path, item.source)
    return kind


async def ingest_file(
    engine: AsyncEngine, path: Path, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Upsert every object of one file in one transaction; returns (objects, data version).

    Any IngestError rolls the whole file back.
    """
    count = 0
    async with engine.begin() as conn:
        for chunk in _batches(sources.read(path), BATCH_SIZE):
            typed = [(_kind(item), item) for item in chunk]
            batch = Batch(await stored_stamps(conn, [(k, it.obj) for k, it in typed]))
            for kind, item in typed:
                try:
                    batch.add(kind, item.obj, item.path)
                except IngestError as exc:
                    exc.source = exc.source or item.source
                    raise
            await write_batch(conn, batch)
            count += len(chunk)
            if progress:
                progress(len(chunk))
        version = await bump_data_version(conn)
    return count, version


async def ingest(
    engine: AsyncEngine,
    paths: list[Path],
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Ingest files and folders; a bad file is reported and skipped, the others still land."""
    report = Report()
    try:
        files = sources.expand(paths)
    except IngestError as exc:
        report.errors.append(exc)
        return report
    for path in files:
        try:
            count, version = await ingest_file(engine, path, progress)
        except IngestError as exc:
            exc.source = exc.source or str(path)
            report.errors.append(exc)
            continue
        report.objects += count
        report.files += 1
        report.data_version = version
    return report
