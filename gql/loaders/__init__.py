"""Per-request DataLoaders: every relation of the graph is batch-loaded, never row by row.

`Loaders` makes each loader on first use and keeps it for the rest of the request, so one
request shares one cache and one batch per relation level.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiodataloader import DataLoader
from launchgraph.gql.loaders.links import ListLoader
from launchgraph.gql.loaders.pages import (
    ReverseCountLoader,
    ReversePageLoader,
    RootCountLoader,
    RootPageLoader,
)
from launchgraph.gql.loaders.rows import RowLoader
from sqlalchemy.ext.asyncio import AsyncEngine


class Loaders:
    """The loaders of one request."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._made: dict[tuple[str, str], DataLoader[Any, Any]] = {}

    def _get(self, kind: str, name: str, make: Callable[[AsyncEngine, str], Any]) -> Any:
        key = (kind, name)
        loader = self._made.get(key)
        if loader is None:
            loader = self._made[key] = make(self.engine, name)
        return loader

    def row(self, table: str) -> RowLoader:
        """id -> row of `table`."""
        return self._get("row", table, RowLoader)

    def list(self, relation: str) -> ListLoader:
        """owner id -> rows along a small relation ('event.launches', 'event.updates' ...)."""
        return self._get("list", relation, ListLoader)

    def page(self, relation: str) -> ReversePageLoader:
        """(owner id, ListQuery) -> Page along a large relation ('agency.launches' ...)."""
        return self._get("page", relation, ReversePageLoader)

    def count(self, relation: str) -> ReverseCountLoader:
        """(owner id, criteria) -> count along a large relation."""
        return self._get("count", relation, ReverseCountLoader)

    def root_page(self, listing: str) -> RootPageLoader:
        """ListQuery -> Page of a root list ('event', 'launch' ...)."""
        return self._get("root_page", listing, RootPageLoader)

    def root_count(self, listing: str) -> RootCountLoader:
        """criteria -> count of a root list."""
        return self._get("root_count", listing, RootCountLoader)
