"""Relations of the graph (db.graph) read for many owners in one statement each.

Small lists (`Link`, `Owned`) come back whole, in their order; a `Reverse` list is read as
keyset pages (db.queries.pages) over the source that `reverse_source` joins along its path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Row, Table, select
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.graph import Link, Owned, Ref, Reverse
from launchgraph.db.tables import metadata

T = metadata.tables


async def rows_by_id(
    conn: AsyncConnection, table: Table, ids: Sequence[Any]
) -> dict[Any, Row[Any]]:
    """Rows of `table` with these ids, keyed by id (missing ids are absent)."""
    result = await conn.execute(select(table).where(table.c.id.in_(ids)))
    return {row.id: row for row in result.all()}


def list_order(rel: Link | Owned, via: FromClause, target: FromClause) -> list[ColumnElement[Any]]:
    """What a small list is sorted by (ascending, NULLs last), for aliases of its link table
    (`via`; the target itself for an owned list) and of its target table."""
    if isinstance(rel, Owned):
        return [target.c.position]
    return [target.c[name] for name in rel.order] or [via.c.position]


def list_from(
    rel: Link | Owned, target: FromClause
) -> tuple[FromClause, ColumnElement[Any], list[ColumnElement[Any]]]:
    """(what to select a small list's rows from: `target`, an alias of the target table,
    joined to an alias of the link table where there is one; the column holding the owner's
    id; the list's sort columns)."""
    if isinstance(rel, Owned):
        return target, target.c[rel.owner_col], list_order(rel, target, target)
    via = T[rel.via].alias()
    source = via.join(target, via.c[rel.target_col] == target.c.id)
    return source, via.c[rel.owner_col], list_order(rel, via, target)


def list_keys(
    rel: Link | Owned, target: FromClause
) -> tuple[FromClause, ColumnElement[Any], ColumnElement[Any], list[ColumnElement[Any]]]:
    """As `list_from`, with the column holding each row's target id: for a reader that
    joins the target table itself (the compiled path's frames). A link list sorted by its
    positions then reads the link table alone, not the target a second time."""
    if isinstance(rel, Link) and not rel.order:
        via = T[rel.via].alias()
        return via, via.c[rel.owner_col], via.c[rel.target_col], list_order(rel, via, target)
    source, owner, order = list_from(rel, target)
    (key,) = target.primary_key
    return source, owner, key, order


async def list_rows(
    conn: AsyncConnection, rel: Link | Owned, owners: Sequence[Any]
) -> dict[Any, list[Row[Any]]]:
    """owner id -> its rows along a small list, in the list's order."""
    target = T[rel.target]
    source, owner, order = list_from(rel, target)
    stmt = (
        select(target, owner.label("_owner"))
        .select_from(source)
        .where(owner.in_(owners))
        .order_by(owner, *(c.asc().nulls_last() for c in order))
    )
    grouped: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in (await conn.execute(stmt)).all():
        grouped[row._owner].append(row)
    return grouped


def reverse_source(
    rev: Reverse, target: FromClause | None = None
) -> tuple[FromClause, ColumnElement[Any]]:
    """(rows to page over: the target table joined along the path, the column that holds
    the owner's id) for a large reverse list. Given `target`, an alias of the target table,
    every table of the path is aliased too (for use inside a larger statement)."""
    aliased = target is not None
    current = target if target is not None else T[rev.target]
    source: FromClause = current
    for step in rev.path[:-1]:
        assert isinstance(step, Ref), "only the last step of a path may be a link"
        nxt = T[step.target].alias() if aliased else T[step.target]
        source = source.join(nxt, current.c[step.fk] == nxt.c.id)
        current = nxt
    last = rev.path[-1]
    if isinstance(last, Ref):
        return source, current.c[last.fk]
    link = T[last.via].alias() if aliased else T[last.via]
    return source.join(link, link.c[last.owner_col] == current.c.id), link.c[last.target_col]
