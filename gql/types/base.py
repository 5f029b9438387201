"""What every entity type shares: construction from a row, the Relay Node identity, and the
three ways a relation is resolved (one row, a small list, a connection) through loaders.

Types register under their table's name, so a relation names only its table and the type
that renders its rows is found here, without import cycles between type modules.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Self

import strawberry
from launchgraph.db.queries.relations import LINKED, OWNED, REVERSE
from launchgraph.gql.loaders.keys import NO_CRITERIA, ListQuery
from launchgraph.gql.pagination import Connection, connection, window
from sqlalchemy import Row
from strawberry import relay
from strawberry.types import Info

TYPES: dict[str, type[Any]] = {}


class FromRow:
    """A type built from one table row: fields named as the table's columns are copied, and
    the row's `id` becomes `ll2_id` where the type has one."""

    table: ClassVar[str]
    _row_fields: ClassVar[tuple[str, ...] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "table" in cls.__dict__:
            TYPES[cls.table] = cls

    @classmethod
    def from_row(cls, row: Row[Any] | Mapping[str, Any]) -> Self:
        mapping = row._mapping if isinstance(row, Row) else row
        names = cls.__dict__.get("_row_fields")
        if names is None:
            fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
            names = tuple(n for n in fields if n in mapping and n != "ll2_id")
            cls._row_fields = names
        values = {n: mapping[n] for n in names}
        if "ll2_id" in cls.__dataclass_fields__:  # type: ignore[attr-defined]
            values["ll2_id"] = mapping["id"]
        return cls(**values)


@strawberry.type
class LL2Node(FromRow, relay.Node):
    """Base of every entity: a global Relay `id`, and LL2's own id as `ll2Id`."""

    @classmethod
    def resolve_id(cls, root: Self, *, info: Info) -> str:  # type: ignore[override]
        return str(root.ll2_id)  # type: ignore[attr-defined]


async def one(info: Info, table: str, key: Any) -> Any:
    """The entity of `table` with id `key`, or None."""
    if key is None:
        return None
    row = await info.context.loaders.row(table).load(key)
    return None if row is None else TYPES[table].from_row(row)


async def many(info: Info, relation: str, owner: Any) -> list[Any]:
    """The small list `relation` of `owner` (e.g. 'event.launches'), in LL2's order."""
    rel = LINKED.get(relation)
    table = rel.target.name if rel else OWNED[relation].table.name
    make = TYPES[table].from_row
    return [make(row) for row in await info.context.loaders.list(relation).load(owner)]


async def reverse(
    info: Info,
    relation: str,
    owner: Any,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Any]:
    """A connection over the large relation `relation` of `owner`, in its default order."""
    loaders = info.context.loaders
    listing = REVERSE[relation].listing
    keys = listing.keys(None)
    query = ListQuery(NO_CRITERIA, (), window(keys, first, after, last, before))
    page = await loaders.page(relation).load((owner, query))
    return connection(
        page,
        keys,
        TYPES[listing.table.name].from_row,
        lambda: loaders.count(relation).load((owner, NO_CRITERIA)),
    )


FIRST = strawberry.argument(description="Page size from the start, or after `after` (max 100).")
AFTER = strawberry.argument(description="Start after this cursor (from `pageInfo.endCursor`).")
LAST = strawberry.argument(description="Page size from the end, or before `before` (max 100).")
BEFORE = strawberry.argument(description="End before this cursor (from `pageInfo.startCursor`).")

# The arguments of every connection field (Relay's), given to each by `to_pages`.
PAGE_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
    for name, annotation in (
        ("first", Annotated[int | None, FIRST]),
        ("after", Annotated[str | None, AFTER]),
        ("last", Annotated[int | None, LAST]),
        ("before", Annotated[str | None, BEFORE]),
    )
]


@dataclass(frozen=True)
class One:
    """A field holding the row of `table` whose id is in the attribute `fk`."""

    table: str
    fk: str


@dataclass(frozen=True)
class Many:
    """A field holding the small list `relation` (db.queries.relations LINKED / OWNED)."""

    relation: str


@dataclass(frozen=True)
class Pages:
    """A connection over the large relation `relation` (db.queries.relations REVERSE)."""

    relation: str


Relation = One | Many | Pages
Stub = Callable[..., Awaitable[Any]]


def _resolving(stub: Stub, relation: Relation, body: Stub) -> Stub:
    # The stub gives the signature and return type Strawberry reads; the body does the work,
    # and `relation` tells the fast executor (gql.fast) how to batch the same field.
    resolver = functools.wraps(stub)(body)
    resolver.relation = relation  # type: ignore[attr-defined]
    return resolver


def to_one(table: str, fk: str) -> Callable[[Stub], Stub]:
    """Resolve the decorated field as the `table` row whose id is `self.<fk>`."""

    def decorate(stub: Stub) -> Stub:
        async def body(self: Any, info: Info) -> Any:
            return await one(info, table, getattr(self, fk))

        return _resolving(stub, One(table, fk), body)

    return decorate


def to_many(relation: str) -> Callable[[Stub], Stub]:
    """Resolve the decorated field as the small list `relation` of this object."""

    def decorate(stub: Stub) -> Stub:
        async def body(self: Any, info: Info) -> list[Any]:
            return await many(info, relation, self.ll2_id)

        return _resolving(stub, Many(relation), body)

    return decorate


def to_pages(relation: str) -> Callable[[Stub], Stub]:
    """Resolve the decorated field as a connection over the large list `relation`."""

    def decorate(stub: Stub) -> Stub:
        async def body(
            self: Any,
            info: Info,
            first: int | None = None,
            after: str | None = None,
            last: int | None = None,
            before: str | None = None,
        ) -> Connection[Any]:
            return await reverse(info, relation, self.ll2_id, first, after, last, before)

        resolver = _resolving(stub, Pages(relation), body)
        # The stub declares only (self, info) and the return type; the Relay arguments are
        # the same for every connection, so they are added here.
        signature = inspect.signature(stub)
        resolver.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *PAGE_PARAMETERS]
        )
        return resolver

    return decorate
