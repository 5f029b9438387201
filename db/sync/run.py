"""Sync a store with an LL2 API: both list endpoints, page by page, one transaction each.

Each page's objects, the endpoint's new mark and (if a row changed) the data version bump go
in one transaction: a stop at any moment loses at most the page in flight, and the next run
asks for what follows the last committed object.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db.changes import publish_local
from launchgraph.db.ingest import run as ingest_run
from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.sources import Item
from launchgraph.db.sync import pages, state
from launchgraph.db.sync.budget import FREE_TIER, Clock, RequestBudget, SystemClock
from launchgraph.db.sync.client import LL2Client
from launchgraph.db.sync.errors import SyncError

log = logging.getLogger("launchgraph.sync")

DEFAULT_BASE_URL = "https://ll.thespacedevs.com/2.3.0/"
ENDPOINTS = ("events", "launches")
# LL2's largest page.
PAGE_SIZE = 100
# Rows a run must write before the planner statistics are refreshed (a first sync, not the
# few rows of a sync every quarter hour, which autovacuum / ANALYZE thresholds cover).
REFRESH_AFTER_ROWS = 10_000


@dataclass(frozen=True)
class PageDone:
    """One committed page, for progress displays."""

    endpoint: str
    url: str
    objects: int
    done: int  # objects of this endpoint committed in this run
    total: int  # done + what the server says is still to come
    rows_written: int
    data_version: int
    eta: float  # seconds until the endpoint's remaining pages can have been requested


@dataclass
class SyncReport:
    pages: int = 0
    objects: dict[str, int] = field(default_factory=dict)
    rows_written: int = 0
    data_version: int | None = None


@dataclass(frozen=True)
class SyncOptions:
    base_url: str = DEFAULT_BASE_URL
    api_key: str | None = None
    since: datetime | None = None  # start here instead of from the stored marks
    max_requests: int | None = None  # per hour; LL2's own figure (or the free tier) when None
    page_size: int = PAGE_SIZE
    endpoints: tuple[str, ...] = ENDPOINTS


class Syncer:
    """A client and its request budget, kept across the runs of `forever`."""

    def __init__(
        self, engine: AsyncEngine, options: SyncOptions, clock: Clock | None = None
    ) -> None:
        self.engine = engine
        self.options = options
        self.clock = clock or SystemClock()
        self.budget = RequestBudget(options.max_requests or FREE_TIER, self.clock)
        self.client = LL2Client(options.base_url, self.budget, self.clock, options.api_key)
        self._adopted = False

    async def aclose(self) -> None:
        await self.client.aclose()

    async def run(self, on_page: Callable[[PageDone], None] | None = None) -> SyncReport:
        """Read every endpoint from its mark to its end."""
        if not self._adopted:
            throttle = await self.client.throttle()
            if throttle is not None:
                self.budget.adopt(throttle, self.options.max_requests)
                log.info(
                    "LL2 allows %d requests per %d s; %d used",
                    self.budget.limit,
                    self.budget.window,
                    throttle.used,
                )
            self._adopted = True
        report = SyncReport()
        for endpoint in self.options.endpoints:
            await self._endpoint(endpoint, report, on_page)
        if report.rows_written >= REFRESH_AFTER_ROWS:
            await ingest_run.refresh_statistics(self.engine)
        return report

    async def _endpoint(
        self, endpoint: str, report: SyncReport, on_page: Callable[[PageDone], None] | None
    ) -> None:
        source = self.client.endpoint(endpoint)
        if self.options.since is not None:
            mark = pages.Mark(self.options.since, 0)
        else:
            async with self.engine.connect() as conn:
                mark = await state.read(conn, source)
        url = pages.request_url(source, mark, self.options.page_size)
        done = 0
        report.objects.setdefault(endpoint, 0)
        while True:
            page = pages.parse(await self.client.get_json(url), url, mark)
            asked_from = mark.ties
            mark = mark.after(page.stamps)
            last = not page.next or not page.results
            rows, version = await self._commit(source, page, mark, last)
            done += len(page.results)
            report.pages += 1
            report.objects[endpoint] += len(page.results)
            report.rows_written += rows
            report.data_version = version
            remaining = max(0, (page.count or 0) - asked_from - len(page.results))
            if on_page is not None:
                eta = self.budget.eta(math.ceil(remaining / self.options.page_size))
                on_page(
                    PageDone(
                        endpoint, url, len(page.results), done, done + remaining, rows, version, eta
                    )
                )
            if last:
                return
            url = pages.request_url(page.next or source, mark, self.options.page_size)

    async def _commit(
        self, source: str, page: pages.Page, mark: pages.Mark, finished: bool
    ) -> tuple[int, int]:
        """Store a page's objects and the endpoint's mark in one transaction; returns the
        rows written and the data version after it."""
        items = (Item(obj, f"$.results[{i}]", page.url) for i, obj in enumerate(page.results))
        try:
            async with self.engine.begin() as conn:
                loaded = await ingest_run.load(conn, items)
                await state.save(conn, source, mark if page.results else None, finished)
                version = await ingest_run.commit_version(conn, loaded)
            publish_local(self.engine, loaded.changes)  # SQLite subscribers, after the commit
        except IngestError as exc:
            raise SyncError(exc.message, page.url, exc.json_path) from exc
        except Exception as exc:
            if ingest_run.refused(exc):
                raise SyncError(f"the database refused the data: {exc}", page.url, "$") from exc
            raise
        return loaded.rows_written, version


async def sync(
    engine: AsyncEngine,
    options: SyncOptions,
    clock: Clock | None = None,
    on_page: Callable[[PageDone], None] | None = None,
) -> SyncReport:
    """One run: every endpoint from its stored mark (or `options.since`) to its end."""
    syncer = Syncer(engine, options, clock)
    try:
        return await syncer.run(on_page)
    finally:
        await syncer.aclose()


async def forever(
    engine: AsyncEngine,
    options: SyncOptions,
    every: float,
    clock: Clock | None = None,
    on_page: Callable[[PageDone], None] | None = None,
    on_run: Callable[[SyncReport | SyncError], None] | None = None,
) -> None:
    """A run every `every` seconds (from the start of one to the start of the next), until
    cancelled. A failed run is logged and the next one tries again: the sync resumes from
    the last committed page."""
    syncer = Syncer(engine, options, clock)
    try:
        while True:
            started = syncer.clock.now()
            try:
                outcome: SyncReport | SyncError = await syncer.run(on_page)
            except SyncError as exc:
                log.error("sync failed: %s", exc)
                outcome = exc
            if on_run is not None:
                on_run(outcome)
            # A later run starts from the stored marks, not from --since again.
            if syncer.options.since is not None:
                syncer.options = SyncOptions(**{**syncer.options.__dict__, "since": None})
            await syncer.clock.sleep(max(0.0, started + every - syncer.clock.now()))
    finally:
        await syncer.aclose()
