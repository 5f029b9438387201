"""Which requests a worker was running when it died, told at WARNING by the supervisor.

uvicorn's supervisor kills a worker whose health check times out (a request holding the
event loop) and logs that at INFO only. Here each worker keeps its running requests in
memory; a daemon thread (which still runs while the event loop is stuck) writes them to
`<dir>/<pid>.json` twice a second, when they changed. In the supervisor, `WorkerDeathFilter`
turns uvicorn's "Child process [N] died" into a WARNING naming what worker N was running,
and keeps the rest of uvicorn's INFO chatter out of the log. `serve` sets the folder
(LAUNCHGRAPH_INFLIGHT_DIR) and the logging configuration.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import re
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

from starlette.requests import Request

ENV = "LAUNCHGRAPH_INFLIGHT_DIR"
_INTERVAL = 0.5
_running: dict[int, tuple[float, str]] = {}
_ids = itertools.count()
_writer: threading.Thread | None = None
_DIED = re.compile(r"Child process \[(\d+)\] died")
log = logging.getLogger("launchgraph.inflight")
Answer = TypeVar("Answer")


def _folder() -> Path | None:
    value = os.environ.get(ENV)
    return Path(value) if value else None


@contextlib.contextmanager
def running(description: str) -> Iterator[None]:
    """Mark a request as running for as long as the block lasts."""
    _start_writer()
    token = next(_ids)
    _running[token] = (time.time(), description[:500])
    try:
        yield
    finally:
        _running.pop(token, None)


async def _disconnected(request: Request) -> None:
    """Returns when the client goes away (the body has been read by then)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def watched(
    request: Request, work: Coroutine[Any, Any, Answer], description: str
) -> tuple[bool, Answer | None]:
    """Run a request's `work`, marked as running, while watching its client: (True, the
    answer), or (False, None) when the client went away first, the work then cancelled
    rather than left to run on for nobody (GraphQL and REST requests alike)."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        with running(description):
            await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not task.done():
            task.cancel()
            log.info("client disconnected; request cancelled: %.200s", description)
    if not task.done() or task.cancelled():
        return False, None
    return True, task.result()


def _start_writer() -> None:
    global _writer
    if _writer is not None or _folder() is None:
        return
    _writer = threading.Thread(target=_write_forever, name="inflight", daemon=True)
    _writer.start()


def _write_forever() -> None:
    folder = _folder()
    assert folder is not None
    path = folder / f"{os.getpid()}.json"
    last: list[Any] | None = None
    while True:
        snapshot = sorted(_running.copy().values())
        if snapshot != last:
            tmp = path.with_suffix(".tmp")
            with contextlib.suppress(OSError):
                tmp.write_text(json.dumps(snapshot))
                tmp.replace(path)
            last = snapshot
        time.sleep(_INTERVAL)


def describe(pid: int, folder: Path | None = None, now: float | None = None) -> str:
    """What worker `pid` was running when last seen, in one line."""
    folder = folder or _folder()
    if folder is None:
        return "its requests are unknown"
    try:
        requests = json.loads((folder / f"{pid}.json").read_text())
    except (OSError, ValueError):
        return "it was running no request"
    if not requests:
        return "it was running no request"
    now = now or time.time()
    shown = "; ".join(f"{text} (for {now - started:.1f}s)" for started, text in requests)
    return f"it was running {len(requests)} request(s): {shown}"


class WorkerDeathFilter(logging.Filter):
    """On uvicorn's supervisor logger: a worker's death becomes a WARNING with its requests;
    other INFO records are dropped (serve shows warnings and errors only)."""

    def filter(self, record: logging.LogRecord) -> bool:
        found = _DIED.search(record.getMessage())
        if found:
            pid = int(found.group(1))
            record.msg = f"worker [{pid}] died or was killed; {describe(pid)}"
            record.args = ()
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            return True
        return record.levelno >= logging.WARNING


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration for `serve`: warnings and errors, and worker deaths."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"deaths": {"()": WorkerDeathFilter}},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn.error": {
                "handlers": ["stderr"],
                "level": "INFO",
                "filters": ["deaths"],
                "propagate": False,
            },
            "launchgraph": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        },
    }
