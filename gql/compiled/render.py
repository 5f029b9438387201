"""A plan (gql.compiled.plan) rendered as one SQL statement whose single value is the
response's `data`, as JSON text built by the database.

The statement is a list of common table expressions, one pair per list of the plan (a
*frame*): top-down, which rows the frame holds (the root page; the rows its parent frame's
relation reaches), and bottom-up, each row's JSON, with its children joined in by key (a
list's array, a connection's page; a to-one child's row itself, see `joined_one`). So every
list level is read once for all the rows of its parent level, as the reference path's
loaders do, and the SQL stays flat: SQLite's parser allows only a few levels of nested
subqueries.
"""

from __future__ import annotations

import functools
import operator
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CTE,
    BigInteger,
    ColumnElement,
    FromClause,
    Integer,
    Select,
    String,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    select,
    true,
    union_all,
)

from launchgraph.db.coltypes import DecimalText, IntText, python_type
from launchgraph.db.queries.json_sql import MAX_KEYS, JsonSQL
from launchgraph.db.queries.keyset import SortKey, after, seek, signature
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.queries.pages import Window, bounds
from launchgraph.db.queries.relations import list_keys, reverse_source
from launchgraph.db.tables import metadata
from launchgraph.gql.compiled import plan as pl

T = metadata.tables
# To-one relations joined into one frame at most; deeper ones get frames of their own, so
# that a frame's FROM stays well under SQLite's 64 tables in a join (a list or a count
# joins a table each too).
INLINE_JOINS = 24
# The parameters that stand for root lists' counts in a statement given them.
GIVEN_COUNT = "given_count_"
# `AS MATERIALIZED` is SQLite's from 3.35.
_SQLITE_MATERIALIZES = sqlite3.sqlite_version_info >= (3, 35)


def _pk(table: str) -> ColumnElement[Any]:
    (column,) = T[table].primary_key.columns
    return column


def _shows_cursors(conn: pl.Conn) -> bool:
    """Whether a connection's selection shows a cursor: an edge's, or the page's first or
    last."""
    for _key, part in conn.keys:
        if not isinstance(part, tuple):
            continue
        kind, parts = part
        if kind == "pageInfo" and any(p in ("startCursor", "endCursor") for _k, p in parts):
            return True
        if kind == "edges" and any(not isinstance(p, pl.Obj | pl.Lit) for _k, p in parts):
            return True
    return False


class Statement:
    """Renders one plan; holds its frames (CTEs) as they are made."""

    def __init__(self, j: JsonSQL, given_counts: bool = False) -> None:
        self.j = j
        self.count = 0
        self.joined = 0  # to-one relations joined into the frame being made
        # Whether root lists' totalCounts are parameters (GIVEN_COUNT + n, in Plan.counts'
        # order) rather than counted by the statement.
        self.given_counts = given_counts
        self.given = 0

    def cte(self, query: Select[Any]) -> CTE:
        self.count += 1
        frame = query.cte(f"f{self.count}")
        if not self.j.pg and _SQLITE_MATERIALIZES:
            # Left to itself, SQLite folds a frame read once into its reader as a subquery;
            # each frame computed once instead, a 40,000-node query ran 3.5x faster, q1 and
            # q3 1.7-2.3x, with the same JSON (bench/RESULTS.md, issue 9).
            frame = frame.prefix_with("MATERIALIZED")
        return frame

    def object(self, pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> ColumnElement[Any]:
        if self.j.pg and len(pairs) > MAX_KEYS:
            raise pl.Fallback("an object with more keys than json_build_object takes")
        return self.j.object(pairs)

    def flag(self, value: bool) -> ColumnElement[Any]:
        return literal(value) if self.j.pg else func.json("true" if value else "false")

    def string(self, value: str) -> ColumnElement[Any]:
        return literal(value, String)

    # -- roots ----------------------------------------------------------------------------

    def data(self, plan: pl.Plan) -> Select[Any]:
        pairs = [(key, self.root(root)) for key, root in plan.roots]
        return select(cast(self.object(pairs), Text).label("data"))

    def document(self, root: pl.Root) -> Select[Any]:
        """One root alone as the whole document (JSON text; SQL NULL where a lookup finds
        nothing)."""
        return select(cast(self.root(root), Text).label("data"))

    def root(self, root: pl.Root) -> ColumnElement[Any]:
        if isinstance(root, pl.Lit):
            return self.string(root.value)
        if isinstance(root, pl.ListRoot):
            lst = LISTINGS[root.plan.listing]
            where = lst.where(root.plan.query.criteria.values)
            win = root.plan.query.window
            rows = self.cte(self.page(lst.table, where, root.plan.keys, win))
            one_row = select(literal(1).label("one")).subquery()
            source, value = self.connection(
                one_row,
                None,
                rows,
                lst.table,
                where,
                root.plan.keys,
                root.plan.keys,
                win,
                root.conn,
            )
            return self.j.embed(select(value).select_from(source).scalar_subquery())
        if isinstance(root, pl.ObjRoot):
            return self.lookup(root)
        if isinstance(root, pl.OffsetPage):
            return self.offset_page(root)
        return self.j.array_of([self.lookup(item) for item in root.items])

    def lookup(self, root: pl.ObjRoot) -> ColumnElement[Any]:
        pk = _pk(root.obj.table)
        ids = self.cte(select(pk.label("id")).where(pk == root.key))
        frame = self.frame(ids, [root.obj])
        return self.j.embed(select(frame.c.j0).scalar_subquery())

    def offset_page(self, root: pl.OffsetPage) -> ColumnElement[Any]:
        lst = LISTINGS[root.listing]
        where = lst.where(root.criteria)
        order = [k.order_by() for k in root.keys]
        chosen = (
            select(lst.table.c.id.label("id"), func.row_number().over(order_by=order).label("rn"))
            .where(*where)
            .order_by(*order)
            .limit(root.limit)
            .offset(root.offset)
        )
        frame = self.frame(self.cte(chosen), [root.obj])
        results = self.cte(
            self.j.grouped(None, [frame.c.rn], {"a": (self.j.embed(frame.c.j0), None)})
        )
        total = select(func.count()).select_from(lst.table).where(*where).scalar_subquery()
        shown = literal(root.offset + root.limit, BigInteger)
        more = case((total > shown, self.string(root.next_url)), else_=null())
        previous = null() if root.previous_url is None else self.string(root.previous_url)
        page = self.object(
            [
                ("count", total),
                ("next", more),
                ("previous", previous),
                ("results", self.j.or_empty(self.j.embed(select(results.c.a).scalar_subquery()))),
            ]
        )
        return page

    # -- frames ---------------------------------------------------------------------------

    def frame(
        self, ids: CTE, objects: Sequence[pl.Obj], extra: Sequence[Any] = (), bare: bool = False
    ) -> CTE:
        """The JSON of each row of `ids` (its `id` column: the table's key) as each of
        `objects` (columns j0, j1 ...), beside the columns of `ids`; `extra` adds more
        columns computed over the row; `bare`: the value of each object's one key, not an
        object."""
        table = objects[0].table
        row = T[table].alias()
        source: FromClause = ids.join(row, row.c[_pk(table).name] == ids.c.id)
        columns: list[Any] = list(ids.c)
        outer, self.joined = self.joined, 0
        for i, obj in enumerate(objects):
            pairs = []
            for key, value in obj.keys:
                source, expr = self.value(value, table, row, select(ids.c.id), source)
                pairs.append((key, expr))
            columns.append((pairs[0][1] if bare else self.object(pairs)).label(f"j{i}"))
        self.joined = outer
        columns += [make(row, ids) for make in extra]
        return self.cte(select(*columns).select_from(source))

    def value(
        self,
        value: pl.Value,
        table: str,
        row: FromClause,
        owners: Select[Any],
        source: FromClause,
    ) -> tuple[FromClause, ColumnElement[Any]]:
        """(the frame's FROM, with whatever this value joins in; the value's JSON), for a
        row of `table` (the alias `row`), one of the rows whose keys `owners` selects."""
        if isinstance(value, pl.Col):
            column = row.c[value.column.name]
            # ll2Id is an ID: text, whatever the key's type.
            return source, cast(column, Text) if value.column.name == "id" else self.j.typed(column)
        if isinstance(value, pl.Lit):
            return source, self.string(value.value)
        if isinstance(value, pl.Stored):
            return source, self.stored(row.c[value.column.name], value.number)
        if isinstance(value, pl.Concat):
            parts = [
                self.string(p.value) if isinstance(p, pl.Lit) else cast(row.c[p.column.name], Text)
                for p in value.parts
            ]
            return source, functools.reduce(operator.add, parts)
        if isinstance(value, pl.Nested):
            pairs = []
            for key, part in value.keys:
                source, expr = self.value(part, table, row, owners, source)
                pairs.append((key, expr))
            shown = case((pairs[0][1].is_(None), null()), else_=self.object(pairs))
            return source, self.j.embed(shown)
        if isinstance(value, pl.GlobalId):
            return source, self.j.base64(self.string(f"{value.type_name}:") + cast(row.c.id, Text))
        if isinstance(value, pl.One | pl.Through) and self.joined < INLINE_JOINS:
            return self.joined_one(value, table, row, owners, source)
        if isinstance(value, pl.One | pl.Through):
            parent = T[table].alias()
            fk = parent.c[value.rel.fk]
            targets = self.cte(
                select(fk.label("id")).distinct().where(parent.c.id.in_(owners), fk.is_not(None))
            )
            if isinstance(value, pl.Through):
                target = pl.Obj(value.rel.target, value.rel.target, [("v", value.value)])
                child = self.frame(targets, [target], bare=True)
                return source.outerjoin(child, child.c.id == row.c[value.rel.fk]), child.c.j0
            child = self.frame(targets, [value.obj])
            source = source.outerjoin(child, child.c.id == row.c[value.rel.fk])
            return source, self.j.embed(child.c.j0)
        if isinstance(value, pl.Many | pl.First):
            return self.many(value, row, owners, source)
        return self.pages(value, row, owners, source)

    def joined_one(
        self,
        value: pl.One | pl.Through,
        table: str,
        row: FromClause,
        owners: Select[Any],
        source: FromClause,
    ) -> tuple[FromClause, ColumnElement[Any]]:
        """A to-one relation joined into its parent's frame: the target row by its key,
        its JSON (and its own to-ones') built beside the parent's. One statement then holds
        half as many frames for a detail query (q2: 31 -> 17 CTEs, bench/RESULTS.md), each
        frame costing PostgreSQL a scan and a materialisation; its lists are frames keyed by
        the targets the parent rows reach."""
        self.joined += 1
        target = T[value.rel.target].alias()
        key = target.c[_pk(value.rel.target).name]
        source = source.outerjoin(target, key == row.c[value.rel.fk])
        parent = T[table].alias()
        fk = parent.c[value.rel.fk]
        reached = select(fk).where(parent.c.id.in_(owners), fk.is_not(None))
        if isinstance(value, pl.Through):
            # A missing target reads as NULL through its columns.
            return self.value(value.value, value.rel.target, target, reached, source)
        pairs = []
        for name, part in value.obj.keys:
            source, expr = self.value(part, value.rel.target, target, reached, source)
            pairs.append((name, expr))
        return source, self.j.embed(case((key.is_(None), null()), else_=self.object(pairs)))

    def many(
        self, value: pl.Many | pl.First, row: FromClause, owners: Select[Any], source: FromClause
    ) -> tuple[FromClause, ColumnElement[Any]]:
        self.joined += 1
        target = T[value.rel.target].alias()
        links, owner, pk, order = list_keys(value.rel, target)
        ids = select(
            owner.label("owner"),
            pk.label("id"),
            *(c.label(f"o{i}") for i, c in enumerate(order)),
        ).select_from(links)
        frame = self.frame(self.cte(ids.where(owner.in_(owners))), [value.obj])
        sort = [frame.c[f"o{i}"].asc().nulls_last() for i in range(len(order))]
        lists = self.cte(
            self.j.grouped(frame.c.owner, sort, {"a": (self.j.embed(frame.c.j0), None)})
        )
        source = source.outerjoin(lists, lists.c.owner == row.c.id)
        if isinstance(value, pl.First):
            return source, self.j.first(lists.c.a)
        return source, self.j.or_empty(self.j.embed(lists.c.a))

    def pages(
        self, value: pl.Pages, row: FromClause, owners: Select[Any], source: FromClause
    ) -> tuple[FromClause, ColumnElement[Any]]:
        self.joined += 2
        target = T[value.rel.target].alias()
        rows_from, owner = reverse_source(value.rel, target)
        keys = [SortKey(k.name, target.c[k.column.name], k.ascending) for k in value.keys]
        win = value.window
        order = [k.reversed() for k in keys] if win.backwards else keys
        rn = func.row_number().over(partition_by=owner, order_by=[k.order_by() for k in order])
        numbered = (
            select(
                owner.label("owner"),
                target.c.id.label("id"),
                *(k.column.label(f"k{i}") for i, k in enumerate(keys)),
                rn.label("rn"),
            )
            .select_from(rows_from)
            .where(owner.in_(owners), *bounds(keys, win))
            .subquery()
        )
        rows = self.cte(select(numbered).where(numbered.c.rn <= win.size + 1))
        where = [owner.in_(owners)]
        return self.connection(
            source, row, rows, rows_from, where, keys, value.keys, win, value.conn, owner
        )

    def stored(self, column: ColumnElement[Any], number: bool) -> ColumnElement[Any]:
        if isinstance(column.type, DecimalText | IntText) and not number:
            return column
        if python_type(column.type) is datetime:
            return func.replace(self.j.instant(column), "+00:00", "Z")
        value = self.j.typed(column)
        if python_type(column.type) is float and not self.j.pg:
            # LL2 writes a whole number without a fraction (a diameter of 12742000), as
            # PostgreSQL's JSON does; SQLite's would add ".0".
            return case((value == cast(value, Integer), cast(value, Integer)), else_=value)
        return value

    # -- connections ----------------------------------------------------------------------

    def connection(
        self,
        source: FromClause,
        row: FromClause | None,
        rows: CTE,
        rows_from: FromClause,
        where: Sequence[ColumnElement[bool]],
        keys: Sequence[SortKey],
        named_keys: Sequence[SortKey],
        window: Window,
        conn: pl.Conn,
        owner: ColumnElement[Any] | None = None,
    ) -> tuple[FromClause, ColumnElement[Any]]:
        """A connection's JSON, for each owner `row` (None: the one root list), over its
        page `rows` (columns id, k0..., rn, and owner under an owner): `source` joined with
        the page's aggregates and counts, and the connection object."""
        objects: list[pl.Obj] = []
        for _key, part in conn.keys:
            if isinstance(part, tuple) and part[0] == "nodes":
                objects.append(part[1])
            elif isinstance(part, tuple) and part[0] == "edges":
                objects += [p for _k, p in part[1] if isinstance(p, pl.Obj)]
        # Cursors only where the selection shows one: encoding each row's costs more than
        # building its node (q5's page of 50 nodes asks only whether there is a next page).
        extra: list[Any] = []
        if _shows_cursors(conn):
            cursor_keys = [
                SortKey(k.name, rows.c[f"k{i}"], k.ascending) for i, k in enumerate(keys)
            ]
            cursor = self.cursor(cursor_keys, named_keys).label("c")
            extra.append(lambda _row, _ids: cursor)
        if objects:
            frame = self.frame(rows, objects, extra)
        else:
            frame = self.cte(select(rows, *(make(None, None) for make in extra)))
        shown = frame.c.rn <= window.size
        display = [frame.c.rn.desc() if window.backwards else frame.c.rn]

        def node(obj: pl.Obj) -> ColumnElement[Any]:
            return self.j.embed(frame.c[f"j{objects.index(obj)}"])

        arrays: dict[str, tuple[ColumnElement[Any], ColumnElement[bool] | None]] = {}
        if extra:
            arrays["cs"] = (frame.c.c, shown)
        for i, (_key, part) in enumerate(conn.keys):
            if isinstance(part, tuple) and part[0] == "nodes":
                arrays[f"p{i}"] = (node(part[1]), shown)
            elif isinstance(part, tuple) and part[0] == "edges":
                pairs = []
                for k, p in part[1]:
                    if isinstance(p, pl.Obj):
                        pairs.append((k, node(p)))
                    else:
                        pairs.append(
                            (k, self.string(p.value) if isinstance(p, pl.Lit) else frame.c.c)
                        )
                arrays[f"p{i}"] = (self.object(pairs), shown)
        owner_col = frame.c.owner if row is not None else None
        agg = self.cte(self.j.grouped(owner_col, display, arrays, counted=True))
        on = agg.c.owner == row.c.id if row is not None else true()
        source = source.outerjoin(agg, on)
        found = func.coalesce(agg.c.n, 0)

        out: list[tuple[str, ColumnElement[Any]]] = []
        for i, (key, part) in enumerate(conn.keys):
            if isinstance(part, pl.Lit):
                out.append((key, self.string(part.value)))
            elif part == "totalCount":
                if owner is None and self.given_counts:
                    name = f"{GIVEN_COUNT}{self.given}"
                    self.given += 1
                    out.append((key, bindparam(name, None, type_=BigInteger)))
                elif owner is None:
                    total = select(func.count()).select_from(rows_from).where(*where)
                    out.append((key, total.scalar_subquery()))
                else:
                    counts = self.cte(
                        select(owner.label("owner"), func.count().label("n"))
                        .select_from(rows_from)
                        .where(*where)
                        .group_by(owner)
                    )
                    source = source.outerjoin(counts, counts.c.owner == row.c.id)  # type: ignore[union-attr]
                    out.append((key, func.coalesce(counts.c.n, 0)))
            elif part[0] == "pageInfo":
                out.append((key, self.page_info(part[1], agg, found, window)))
            else:
                out.append((key, self.j.or_empty(self.j.embed(agg.c[f"p{i}"]))))
        return source, self.object(out)

    def page_info(
        self, parts: list[tuple[str, Any]], agg: Any, found: Any, window: Window
    ) -> ColumnElement[Any]:
        more = self.j.boolean(found > window.size)

        def value(part: str) -> ColumnElement[Any]:
            if part == "hasNextPage":
                return self.flag(window.before is not None) if window.backwards else more
            if part == "hasPreviousPage":
                return more if window.backwards else self.flag(window.after is not None)
            # The page's cursors are aggregated only when shown (_shows_cursors).
            return self.j.element(self.j.embed(agg.c.cs), 0 if part == "startCursor" else -1)

        return self.object(
            [(k, self.string(p.value) if isinstance(p, pl.Lit) else value(p)) for k, p in parts]
        )

    def page(
        self,
        table: FromClause,
        where: Sequence[ColumnElement[bool]],
        keys: Sequence[SortKey],
        window: Window,
    ) -> Select[Any]:
        """A root list's page: at most size + 1 rows (id, k0..., rn) in reading order.

        The cursor the page starts from is an index range (keyset.seek): a head range on the
        first sort key, and its NULLs as a tail read after it, so a deep page seeks instead
        of filtering from the start."""
        order = [k.reversed() for k in keys] if window.backwards else list(keys)
        start = window.before if window.backwards else window.after
        other = window.after if window.backwards else window.before
        bound = [after([k.reversed() for k in order], other)] if other is not None else []
        limit = window.size + 1
        conditions: list[ColumnElement[bool] | None] = [None]
        if start is not None:
            head, tail = seek(order, start)
            conditions = [head] if tail is None else [head, tail]
        columns = [table.c.id.label("id")]
        columns += [k.column.label(f"k{i}") for i, k in enumerate(keys)]
        parts = []
        for segment, condition in enumerate(conditions):
            part = (
                select(*columns, literal(segment, Integer).label("seg"))
                .select_from(table)
                .where(*where, *bound, *([] if condition is None else [condition]))
                .order_by(*(k.order_by() for k in order))
                .limit(limit)
            )
            parts.append(select(part.subquery()))
        rows = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
        ranked = [rows.c.seg] + [
            SortKey(k.name, rows.c[f"k{i}"], k.ascending).order_by() for i, k in enumerate(order)
        ]
        rn = func.row_number().over(order_by=ranked).label("rn")
        numbered = select(*(c for c in rows.c if c.name != "seg"), rn).subquery()
        return select(numbered).where(numbered.c.rn <= limit)

    def cursor(self, keys: Sequence[SortKey], named_keys: Sequence[SortKey]) -> ColumnElement[Any]:
        """The row's cursor as gql.cursors encodes it: base64url of [ordering, values...],
        dates as {"t": ...} / {"d": ...}."""
        items: list[ColumnElement[Any]] = [self.string(signature(named_keys))]
        for key, named in zip(keys, named_keys, strict=True):
            column = key.column
            kind = python_type(named.column.type)
            if kind is datetime:
                tagged = self.j.object([("t", self.j.instant(column))])
            elif kind is date:
                tagged = self.j.object([("d", cast(column, Text))])
            else:
                items.append(column)
                continue
            items.append(case((column.is_(None), null()), else_=tagged))
        return self.j.base64(cast(self.j.array_of(items), Text), url=True)


class Renderer:
    """Renders plans in one SQL dialect."""

    def __init__(self, dialect: str) -> None:
        self.j = JsonSQL(dialect)

    def statement(self, plan: pl.Plan, given_counts: bool = False) -> Select[Any]:
        """The plan's statement; `given_counts`: its root lists' totalCounts are parameters
        (named GIVEN_COUNT + n, n in Plan.counts' order), not counted."""
        return Statement(self.j, given_counts).data(plan)
