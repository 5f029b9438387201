"""`launchgraph sync` on a terminal or in a log: arguments, progress, one run or forever."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from datetime import UTC, datetime

from tqdm import tqdm

from launchgraph import metrics
from launchgraph.db import schema
from launchgraph.db.engine import make_engine
from launchgraph.db.sync.budget import human_duration
from launchgraph.db.sync.errors import SyncError
from launchgraph.db.sync.run import PageDone, SyncOptions, SyncReport, forever, sync

log = logging.getLogger("launchgraph.sync")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_duration(text: str) -> float:
    """Seconds in '15m', '1h30m', '90s', '2d' or a plain number of seconds."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        seconds = float(text)
    elif re.fullmatch(rf"(?:{_DURATION.pattern})+", text):
        seconds = sum(float(n) * _UNITS[unit] for n, unit in _DURATION.findall(text))
    else:
        raise ValueError(f"not a duration: {text!r} (try 15m, 1h, 90s)")
    if seconds <= 0:
        raise ValueError("the duration must be positive")
    return seconds


def parse_since(text: str) -> datetime:
    """An ISO 8601 date or date-time; UTC when it names no zone."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not an ISO 8601 date-time: {text!r}") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class Progress:
    """A bar per endpoint (objects, with the budget's ETA) on a terminal; else a log line per
    page."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.bars: dict[str, tqdm] = {}

    def page(self, page: PageDone) -> None:
        metrics.record_sync_page(page.endpoint, page.objects, page.done, page.total, page.eta)
        eta = human_duration(page.eta)
        if not self.terminal:
            log.info(
                "%s: %d objects (%d of %d), %d rows written, data version %d, ETA %s; %s",
                page.endpoint,
                page.objects,
                page.done,
                page.total,
                page.rows_written,
                page.data_version,
                eta,
                page.url,
            )
            return
        bar = self.bars.get(page.endpoint)
        if bar is None:
            bar = self.bars[page.endpoint] = tqdm(
                desc=page.endpoint,
                unit=" objects",
                file=sys.stderr,
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {postfix}",
            )
        bar.total = page.total
        bar.update(page.objects)
        bar.set_postfix_str(f"ETA {eta}")

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()

    def run(self, outcome: SyncReport | SyncError) -> None:
        self.close()
        if isinstance(outcome, SyncReport):
            log.info("%s", summary(outcome))


def summary(report: SyncReport) -> str:
    objects = ", ".join(f"{n} {endpoint}" for endpoint, n in report.objects.items())
    return (
        f"synced {objects or 'nothing'} in {report.pages} page(s); "
        f"{report.rows_written} rows written; data version {report.data_version}"
    )


async def _main(options: SyncOptions, every: float | None, progress: Progress) -> SyncReport:
    engine = make_engine()
    try:
        if every is None:
            return await sync(engine, options, on_page=progress.page)
        await forever(engine, options, every, on_page=progress.page, on_run=progress.run)
        raise AssertionError("unreachable: forever returns only by cancellation")
    finally:
        progress.close()
        await engine.dispose()


def run(options: SyncOptions, every: float | None) -> SyncReport:
    """Migrate the store, then sync once (returns its report) or forever (never returns).
    Raises SyncError when a run cannot go on."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    schema.upgrade_sync()
    metrics.serve_from_env()
    return asyncio.run(_main(options, every, Progress(terminal=sys.stderr.isatty())))
