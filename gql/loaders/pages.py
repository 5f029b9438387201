"""Keyset pages and counts: root lists, and reverse relations read for many owners at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader
from launchgraph.db.queries import pages
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.queries.pages import Page
from launchgraph.db.queries.relations import REVERSE
from launchgraph.gql.loaders.keys import Criteria, ListQuery
from sqlalchemy.ext.asyncio import AsyncEngine


def _columns(listing: Any) -> list[Any]:
    return list(listing.table.c)


class RootPageLoader(DataLoader[ListQuery, Page]):
    """ListQuery -> a page of one root list (events, launches ...)."""

    def __init__(self, engine: AsyncEngine, listing: str) -> None:
        super().__init__()
        self.engine = engine
        self.listing = LISTINGS[listing]

    async def batch_load_fn(self, keys: Sequence[ListQuery]) -> list[Page]:
        lst = self.listing
        out = []
        async with self.engine.connect() as conn:
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

    def __init__(self, engine: AsyncEngine, listing: str) -> None:
        super().__init__()
        self.engine = engine
        self.listing = LISTINGS[listing]

    async def batch_load_fn(self, keys: Sequence[Criteria]) -> list[int]:
        out = []
        async with self.engine.connect() as conn:
            for criteria in keys:
                lst = self.listing
                out.append(await pages.count(conn, lst.table, lst.where(criteria.values)))
        return out


class ReversePageLoader(DataLoader[tuple[Any, ListQuery], Page]):
    """(owner, ListQuery) -> that owner's page; one statement per distinct ListQuery."""

    def __init__(self, engine: AsyncEngine, relation: str) -> None:
        super().__init__()
        self.engine = engine
        self.relation = REVERSE[relation]

    async def batch_load_fn(self, keys: Sequence[tuple[Any, ListQuery]]) -> list[Page]:
        rel = self.relation
        by_query: dict[ListQuery, set[Any]] = defaultdict(set)
        for owner, q in keys:
            by_query[q].add(owner)
        found: dict[tuple[Any, ListQuery], Page] = {}
        async with self.engine.connect() as conn:
            for q, owners in by_query.items():
                result = await pages.pages_by_owner(
                    conn,
                    rel.source,
                    rel.owner,
                    list(owners),
                    _columns(rel.listing),
                    rel.listing.where(q.criteria.values),
                    rel.listing.keys(list(q.order)),
                    q.window,
                )
                for owner, pg in result.items():
                    found[(owner, q)] = pg
        return [found[k] for k in keys]


class ReverseCountLoader(DataLoader[tuple[Any, Criteria], int]):
    """(owner, frozen criteria) -> how many rows point at the owner; one GROUP BY per criteria."""

    def __init__(self, engine: AsyncEngine, relation: str) -> None:
        super().__init__()
        self.engine = engine
        self.relation = REVERSE[relation]

    async def batch_load_fn(self, keys: Sequence[tuple[Any, Criteria]]) -> list[int]:
        rel = self.relation
        by_criteria: dict[Criteria, set[Any]] = defaultdict(set)
        for owner, criteria in keys:
            by_criteria[criteria].add(owner)
        found: dict[tuple[Any, Criteria], int] = {}
        async with self.engine.connect() as conn:
            for criteria, owners in by_criteria.items():
                result = await pages.counts_by_owner(
                    conn, rel.source, rel.owner, list(owners), rel.listing.where(criteria.values)
                )
                for owner, n in result.items():
                    found[(owner, criteria)] = n
        return [found[k] for k in keys]
