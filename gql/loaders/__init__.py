"""Per-request DataLoaders: every relation of the graph is batch-loaded, never row by row.

`Loaders` makes each loader on first use and keeps it for the rest of the request, so one
request shares one cache and one batch per relation level. All of them read through the
request's one database connection (gql.loaders.request_db).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiodataloader import DataLoader

from launchgraph.db.graph import Link, Owned, Reverse
from launchgraph.gql.loaders.pages import (
    ListLoader,
    ReverseCountLoader,
    ReversePageLoader,
    RootCountLoader,
    RootPageLoader,
    RowLoader,
)
from launchgraph.gql.loaders.request_db import RequestDB


class Loaders:
    """The loaders of one request."""

    def __init__(self, db: RequestDB) -> None:
        self.db = db
        self._made: dict[tuple[str, Any], DataLoader[Any, Any]] = {}

    def _get(self, kind: str, key: Any, make: Callable[[RequestDB, Any], Any]) -> Any:
        loader = self._made.get((kind, key))
        if loader is None:
            loader = self._made[(kind, key)] = make(self.db, key)
        return loader

    def row(self, table: str) -> RowLoader:
        """id -> row of `table`."""
        return self._get("row", table, RowLoader)

    def list(self, relation: Link | Owned) -> ListLoader:
        """owner id -> rows along a small list (event.launches, event.updates ...)."""
        return self._get("list", relation, ListLoader)

    def page(self, relation: Reverse) -> ReversePageLoader:
        """(owner id, ListQuery) -> Page along a large list (agency.launches ...)."""
        return self._get("page", relation, ReversePageLoader)

    def count(self, relation: Reverse) -> ReverseCountLoader:
        """(owner id, criteria) -> count along a large list."""
        return self._get("count", relation, ReverseCountLoader)

    def root_page(self, listing: str) -> RootPageLoader:
        """ListQuery -> Page of a root list ('event', 'launch' ...)."""
        return self._get("root_page", listing, RootPageLoader)

    def root_count(self, listing: str) -> RootCountLoader:
        """criteria -> count of a root list."""
        return self._get("root_count", listing, RootCountLoader)
