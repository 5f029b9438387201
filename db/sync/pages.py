"""An LL2 list page checked, and where the next request starts.

Requests are keyset requests on `last_updated`: `last_updated__gte` the newest stamp
committed, `offset` the number of committed objects that carry exactly that stamp. LL2's
`next` is followed for everything else it says (its other query parameters), but its offset
is not: an object updated while a sync pages through an offset-paged list moves to the end
and shifts every later object back by one, so the one at the page boundary would be skipped.
Anchored on the last stamp, such a shift only touches objects of the same stamp.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.scalars import as_datetime
from launchgraph.db.sync.errors import SyncError


@dataclass(frozen=True)
class Mark:
    """How far an endpoint was read: the newest stamp committed, and how many committed
    objects carry exactly it."""

    last_updated: datetime | None = None
    ties: int = 0

    def after(self, stamps: list[datetime]) -> Mark:
        """The mark once objects with these stamps (in order) are committed too."""
        mark = self
        for stamp in stamps:
            mark = Mark(stamp, mark.ties + 1) if stamp == mark.last_updated else Mark(stamp, 1)
        return mark


@dataclass(frozen=True)
class Page:
    url: str
    count: int | None
    next: str | None
    results: list[Any]
    stamps: list[datetime]


def _stamp_text(stamp: datetime) -> str:
    return stamp.astimezone(UTC).isoformat().replace("+00:00", "Z")


def request_url(url: str, mark: Mark, page_size: int) -> str:
    """`url` (an endpoint, or LL2's `next`) asking for what follows `mark`, newest last."""
    target = httpx.URL(url)
    params = target.params.set("ordering", "last_updated").set("mode", "detailed")
    params = params.set("limit", str(page_size)).set("offset", str(mark.ties))
    if mark.last_updated is None:
        params = params.remove("last_updated__gte")
    else:
        params = params.set("last_updated__gte", _stamp_text(mark.last_updated))
    return str(target.copy_with(params=params))


def _fail(message: str, path: str, url: str) -> SyncError:
    return SyncError(message, url, path)


def parse(doc: Any, url: str, mark: Mark) -> Page:
    """The page, checked: an object with a `results` list, each result stamped with a
    `last_updated` no older than `mark` and no older than the one before it (what the
    keyset requests rely on). A SyncError names the URL and the JSON path."""
    if type(doc) is not dict:
        raise _fail(f"expected a list page object, got {type(doc).__name__}", "$", url)
    results = doc.get("results")
    if type(results) is not list:
        raise _fail(f"expected a list, got {type(results).__name__}", "$.results", url)
    count = doc.get("count")
    if count is not None and type(count) is not int:
        raise _fail(f"expected an integer, got {type(count).__name__}", "$.count", url)
    following = doc.get("next")
    if following is not None and type(following) is not str:
        raise _fail(f"expected a URL, got {type(following).__name__}", "$.next", url)
    stamps: list[datetime] = []
    previous = mark.last_updated
    for i, obj in enumerate(results):
        path = f"$.results[{i}]"
        if type(obj) is not dict:
            raise _fail(f"expected an object, got {type(obj).__name__}", path, url)
        path += ".last_updated"
        try:
            stamp = as_datetime(obj.get("last_updated"))
        except IngestError as exc:
            raise _fail(exc.message, path, url) from None
        if stamp is None:
            raise _fail(
                "missing last_updated (a list-mode page? sync asks for detailed)", path, url
            )
        if previous is not None and stamp < previous:
            raise _fail(
                f"{_stamp_text(stamp)} is older than {_stamp_text(previous)}: the page is not "
                "ordered by last_updated from last_updated__gte",
                path,
                url,
            )
        stamps.append(stamp)
        previous = stamp
    return Page(url, count, following, results, stamps)
