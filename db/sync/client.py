"""GET JSON from an LL2 API within the request budget, retrying what is worth retrying.

429 waits for `Retry-After` (or LL2's own throttle figure); 5xx answers, timeouts and
dropped connections back off exponentially (tenacity); other 4xx answers and bodies that are
not JSON stop the sync at once. Every attempt is counted against the budget.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import orjson
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from launchgraph.db.sync.budget import Clock, RequestBudget, Throttle, human_duration
from launchgraph.db.sync.errors import SyncError

log = logging.getLogger("launchgraph.sync")

# Attempts per request before the sync gives up (about half an hour of back-off for 5xx).
ATTEMPTS = 10
_BACKOFF = wait_exponential(multiplier=2, max=600) + wait_random(0, 1)


class _Retryable(Exception):
    """An answer worth asking again (429, 5xx), and how long the server asked us to wait."""

    def __init__(self, response: httpx.Response, retry_after: float | None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.status = response.status_code
        self.retry_after = retry_after


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _wait(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, _Retryable) and exc.retry_after is not None:
        return exc.retry_after
    return _BACKOFF(state)


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0
    url = state.args[0] if state.args else "?"
    log.warning(
        "GET %s: %s; attempt %d, retrying in %s",
        url,
        exc or "failed",
        state.attempt_number,
        human_duration(wait),
    )


class LL2Client:
    """An LL2 API at `base_url` (ending in the version, e.g. .../2.3.0/)."""

    def __init__(
        self,
        base_url: str,
        budget: RequestBudget,
        clock: Clock,
        api_key: str | None = None,
        attempts: int = ATTEMPTS,
        timeout: float = 60.0,
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.budget = budget
        self.clock = clock
        self.attempts = attempts
        # LL2 takes its API keys as DRF token authentication.
        headers = {"Authorization": f"Token {api_key}"} if api_key else {}
        headers["Accept"] = "application/json"
        self.http = httpx.AsyncClient(headers=headers, timeout=timeout, follow_redirects=True)

    async def aclose(self) -> None:
        await self.http.aclose()

    def endpoint(self, name: str) -> str:
        return self.base_url + name.strip("/") + "/"

    async def throttle(self) -> Throttle | None:
        """LL2's own account of this client's budget, or None where the API has no such
        endpoint (or answers it oddly). Not counted against the budget."""
        try:
            response = await self.http.get(self.endpoint("api-throttle"))
            if response.status_code != 200:
                return None
            doc = orjson.loads(response.content)
            if isinstance(doc, list) and doc:
                doc = doc[0]
            return Throttle(
                limit=int(doc["your_request_limit"]),
                window=float(doc.get("limit_frequency_secs") or 3600),
                used=int(doc.get("current_use") or 0),
                next_free_in=float(doc.get("next_use_secs") or 0),
            )
        except (httpx.HTTPError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return None

    async def get_json(self, url: str) -> Any:
        """The JSON document at `url`; SyncError when it cannot be had."""
        retrying = AsyncRetrying(
            retry=retry_if_exception_type((httpx.TransportError, _Retryable)),
            wait=_wait,
            stop=stop_after_attempt(self.attempts),
            sleep=self.clock.sleep,
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            response = await retrying(self._get, url)
        except _Retryable as exc:
            raise SyncError(f"gave up after {self.attempts} attempts: {exc}", url) from exc
        except httpx.TransportError as exc:
            raise SyncError(
                f"gave up after {self.attempts} attempts: {type(exc).__name__}: {exc}", url
            ) from exc
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise SyncError(f"malformed JSON: {exc}", url, "$") from None

    async def _get(self, url: str) -> httpx.Response:
        await self.budget.acquire()
        response = await self.http.get(url)
        status = response.status_code
        if status == 429:
            wait = retry_after(response.headers.get("Retry-After"))
            if wait is None:
                throttle = await self.throttle()
                wait = throttle.next_free_in if throttle and throttle.next_free_in else None
            raise _Retryable(response, wait)
        if status >= 500:
            raise _Retryable(response, retry_after(response.headers.get("Retry-After")))
        if status != 200:
            detail = response.text[:200].strip()
            raise SyncError(f"HTTP {status}" + (f": {detail}" if detail else ""), url)
        return response
