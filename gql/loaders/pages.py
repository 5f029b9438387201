"""The loaders: rows by id, small lists, and keyset pages and counts of root lists and of
reverse relations, each read for many keys at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader
from sqlalchemy import Row

from launchgraph.db.graph import Link, Owned, Reverse
from launchgraph.db.queries import pages
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.queries.pages import Page
from launchgraph.db.queries.relations import list_rows, reverse_source, rows_by_id
from launchgraph.db.tables import metadata
from launchgraph.gql.loaders.keys import Criteria, ListQuery
from launchgraph.gql.loaders.request_db import RequestDB


def _columns(listing: Any) -> list[Any]:
    return list(listing.table.c)


class RowLoader(DataLoader[Any, Row[Any] | None]):
    """id -> row of one table (None where no such id)."""

    def __init__(self, db: RequestDB, table: str) -> None:
        super().__init__()
        self.db = db
        self.table = metadata.tables[table]

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Row[Any] | None]:
        async with self.db.connection() as conn:
            found = await rows_by_id(conn, self.table, list(set(keys)))
        return [found.get(k) for k in keys]


class ListLoader(DataLoader[Any, list[Row[Any]]]):
    """owner id -> its rows along one small list, in the list's order."""

    def __init__(self, db: RequestDB, relation: Link | Owned) -> None:
        super().__init__()
        self.db = db
        self.relation = relation

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[list[Row[Any]]]:
        async with self.db.connection() as conn:
            found = await list_rows(conn, self.relation, list(set(keys)))
        return [found.get(k, []) for k in keys]


class _RootLoader(DataLoader[Any, Any]):
    """Loads from one root list, one statement per distinct key (`read`)."""

    def __init__(self, db: RequestDB, listing: str) -> None:
        super().__init__()
        self.db = db
        self.listing = LISTINGS[listing]

    async def read(self, conn: Any, key: Any) -> Any:
        raise NotImplementedError

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Any]:
        async with self.db.connection() as conn:
            return [await self.read(conn, key) for key in keys]


class RootPageLoader(_RootLoader):
    """ListQuery -> a page of one root list (events, launches ...)."""

    async def read(self, conn: Any, q: ListQuery) -> Page:
        lst = self.listing
        where = lst.where(q.criteria.values)
        keys = lst.keys(list(q.order))
        return await pages.page(conn, lst.table, _columns(lst), where, keys, q.window)


class RootCountLoader(_RootLoader):
    """Frozen criteria -> how many rows of one root list match."""

    async def read(self, conn: Any, criteria: Criteria) -> int:
        return await pages.count(conn, self.listing.table, self.listing.where(criteria.values))


class _ReverseLoader(DataLoader[tuple[Any, Any], Any]):
    """Loads along a large relation for (owner, query) keys: the owners that share a query
    are read in one statement (`read`)."""

    def __init__(self, db: RequestDB, relation: Reverse) -> None:
        super().__init__()
        self.db = db
        self.listing = LISTINGS[relation.target]
        self.source, self.owner = reverse_source(relation)

    async def read(self, conn: Any, query: Any, owners: list[Any]) -> dict[Any, Any]:
        raise NotImplementedError

    async def batch_load_fn(self, keys: Sequence[tuple[Any, Any]]) -> list[Any]:
        by_query: dict[Any, set[Any]] = defaultdict(set)
        for owner, query in keys:
            by_query[query].add(owner)
        found: dict[tuple[Any, Any], Any] = {}
        async with self.db.connection() as conn:
            for query, owners in by_query.items():
                for owner, value in (await self.read(conn, query, list(owners))).items():
                    found[(owner, query)] = value
        return [found[k] for k in keys]


class ReversePageLoader(_ReverseLoader):
    """(owner, ListQuery) -> that owner's page; one statement per distinct ListQuery."""

    async def read(self, conn: Any, query: ListQuery, owners: list[Any]) -> dict[Any, Page]:
        lst = self.listing
        where = lst.where(query.criteria.values)
        keys = lst.keys(list(query.order))
        return await pages.pages_by_owner(
            conn, self.source, self.owner, owners, _columns(lst), where, keys, query.window
        )


class ReverseCountLoader(_ReverseLoader):
    """(owner, frozen criteria) -> how many rows point at the owner; one GROUP BY per criteria."""

    async def read(self, conn: Any, criteria: Criteria, owners: list[Any]) -> dict[Any, int]:
        where = self.listing.where(criteria.values)
        return await pages.counts_by_owner(conn, self.source, self.owner, owners, where)
