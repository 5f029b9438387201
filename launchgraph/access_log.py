"""The `Observed` ASGI middleware: one JSON line per request on the `launchgraph.access`
logger (operation, cost, duration, cache, SQL statements, status), and the request metrics
(`record`, which a response-cache hit answered before the middleware calls too)."""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from launchgraph import metrics, observe
from launchgraph.loop_turns import TurnBuffer

log = logging.getLogger("launchgraph.access")

# Paths with a name of their own in logs and metrics; anything else is "other", so a scanner
# probing random paths cannot blow up the metrics' label sets.
ENDPOINTS = {
    "/graphql": "graphql",
    "/calendar.ics": "calendar",
    "/healthz": "healthz",
    "/metrics": "metrics",
}


class _Stdout(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stdout is at the time (test runners swap it)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stdout

    @stream.setter
    def stream(self, _: Any) -> None:
        pass


def enable_stdout() -> None:
    """Print access lines on standard output (the server's default; one JSON object a line)."""
    if not any(getattr(h, "launchgraph_access", False) for h in log.handlers):
        handler = _Stdout()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.launchgraph_access = True  # type: ignore[attr-defined]
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def line(obs: observe.Observation, scope: Scope, status: int, seconds: float) -> dict[str, Any]:
    return {
        "time": _timestamp(time.time()),
        "method": scope.get("method"),
        "path": scope.get("path"),
        "status": status,
        "duration_ms": round(seconds * 1000, 3),
        "endpoint": obs.endpoint,
        "operation": obs.operation,
        "operation_type": obs.operation_type,
        "outcome": obs.outcome,
        "cost": obs.cost,
        "cache": obs.cache,
        "sql_statements": obs.statements,
    }


def _timestamp(now: float) -> str:
    """`now` as ISO 8601 in UTC to the millisecond, as `datetime.isoformat` writes it."""
    # Rounded to the microsecond first, as datetime.fromtimestamp does.
    seconds = int(now)
    micros = round((now - seconds) * 1_000_000)
    if micros == 1_000_000:
        seconds, micros = seconds + 1, 0
    return _second_text(seconds) + _MILLISECONDS[micros // 1000]


# The text after the second, per millisecond: looked up, not formatted, on every line.
_MILLISECONDS = tuple(f".{ms:03d}+00:00" for ms in range(1000))


@functools.lru_cache(maxsize=1)
def _second_text(epoch: int) -> str:
    # Made once a second, not once a line.
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")


class Observed:
    """Times each HTTP request, then logs and counts what it did."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        obs, token = observe.begin(ENDPOINTS.get(scope.get("path", ""), "other"))
        status = 500  # what the client gets if the app fails before answering
        start = time.perf_counter()

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            observe.end(token)
            record(obs, scope, status, time.perf_counter() - start)


def record(obs: observe.Observation, scope: Scope, status: int, seconds: float) -> None:
    """Count a finished request in the metrics and write its access line (`Observed` calls
    this for every request; a response-cache hit answered before it, for its own)."""
    metrics.record_request(obs, status, seconds)
    if log.isEnabledFor(logging.INFO):
        message = orjson.dumps(line(obs, scope, status, seconds)).decode()
        if _only_stdout():
            # The server's own setting (enable_stdout) and nothing else listening: the line
            # written as its handler would write it, without a LogRecord and the handler's
            # formatting (about 5 % of a response-cache hit's samples).
            _batch.add(message)
        else:
            # The record made directly: Logger.info would look for the caller's source line
            # in the stack first, for a field the line does not print.
            entry = log.makeRecord(log.name, logging.INFO, __file__, 0, message, (), None)
            log.handle(entry)


def _only_stdout() -> bool:
    """Whether the access log goes to standard output only, as enable_stdout set it up: its
    one handler ours, no filters, not passed on to other loggers."""
    handlers = log.handlers
    return (
        len(handlers) == 1
        and isinstance(handlers[0], _Stdout)
        and not handlers[0].filters
        and handlers[0].level <= logging.INFO
        and not log.filters
        and not log.propagate
    )


def _write_lines(lines: list[str]) -> None:
    _write("\n".join(lines))


# The lines of one turn of the loop, written together; a turn that ends more requests than
# this writes them then and there.
_batch = TurnBuffer(_write_lines, most=256)


def flush() -> None:
    """Write the access lines not yet written (the server's shutdown calls this)."""
    _batch.flush()


def _write(message: str) -> None:
    """Write one or more lines (joined by newlines) as the stdout handler would."""
    handler = log.handlers[0] if log.handlers else None
    try:
        with handler.lock if handler and handler.lock else contextlib.nullcontext():
            stream = sys.stdout
            stream.write(message + "\n")
            stream.flush()
    except Exception:
        # Reported as logging reports a handler's failure (and the request goes on).
        record = log.makeRecord(log.name, logging.INFO, __file__, 0, message, (), None)
        if handler is not None:
            handler.handleError(record)
