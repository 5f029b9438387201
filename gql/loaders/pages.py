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


class RootPageLoader(DataLoader[ListQuery, Page]):
    """ListQuery -> a page of one root list (events, launches ...)."""

    def __init__(self, db: RequestDB, listing: str) -> None:
        super().__init__()
        self.db = db
        self.listing = LISTINGS[listing]

    async def batch_load_fn(self, keys: Sequence[ListQuery]) -> list[Page]:
        lst = self.listing
        out = []
        async with self.db.connection() as conn:
            for q in keys:
                out.append(
                    await pages.page(
                        conn,
                        lst.table,
                        _columns(lst),
                        lst.where(q.criteria.values),
                        lst.keys(list(q.order)),
                        q.window,
                    )
                )
        return out


class RootCountLoader(DataLoader[Criteria, int]):
    """Frozen criteria -> how many rows of one root list match."""

    def __init__(self, db: RequestDB, listing: str) -> None:
        super().__init__()
        self.db = db
        self.listing = LISTINGS[listing]

    async def batch_load_fn(self, keys: Sequence[Criteria]) -> list[int]:
        out = []
        async with self.db.connection() as conn:
            for criteria in keys:
                lst = self.listing
                out.append(await pages.count(conn, lst.table, lst.where(criteria.values)))
        return out


class ReversePageLoader(DataLoader[tuple[Any, ListQuery], Page]):
    """(owner, ListQuery) -> that owner's page; one statement per distinct ListQuery."""

    def __init__(self, db: RequestDB, relation: Reverse) -> None:
        super().__init__()
        self.db = db
        self.listing = LISTINGS[relation.target]
        self.source, self.owner = reverse_source(relation)

    async def batch_load_fn(self, keys: Sequence[tuple[Any, ListQuery]]) -> list[Page]:
        by_query: dict[ListQuery, set[Any]] = defaultdict(set)
        for owner, q in keys:
            by_query[q].add(owner)
        found: dict[tuple[Any, ListQuery], Page] = {}
        async with self.db.connection() as conn:
            for q, owners in by_query.items():
                result = await pages.pages_by_owner(
                    conn,
                    self.source,
                    self.owner,
                    list(owners),
                    _columns(self.listing),
                    self.listing.where(q.criteria.values),
                    self.listing.keys(list(q.order)),
                    q.window,
                )
                for owner, pg in result.items():
                    found[(owner, q)] = pg
        return [found[k] for k in keys]


class ReverseCountLoader(DataLoader[tuple[Any, Criteria], int]):
    """(owner, frozen criteria) -> how many rows point at the owner; one GROUP BY per criteria."""

    def __init__(self, db: RequestDB, relation: Reverse) -> None:
        super().__init__()
        self.db = db
        self.listing = LISTINGS[relation.target]
        self.source, self.owner = reverse_source(relation)

    async def batch_load_fn(self, keys: Sequence[tuple[Any, Criteria]]) -> list[int]:
        lst = self.listing
        by_criteria: dict[Criteria, set[Any]] = defaultdict(set)
        for owner, criteria in keys:
            by_criteria[criteria].add(owner)
        found: dict[tuple[Any, Criteria], int] = {}
        async with self.db.connection() as conn:
            for criteria, owners in by_criteria.items():
                result = await pages.counts_by_owner(
                    conn, self.source, self.owner, list(owners), lst.where(criteria.values)
                )
                for owner, n in result.items():
                    found[(owner, criteria)] = n
        return [found[k] for k in keys]
