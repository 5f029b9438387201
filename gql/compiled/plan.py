"""A validated query, with its variables, worked out against the graph's declarations.

The plan says, for every key of the response, where its value comes from: a column, a
relation (db.graph), a root list or lookup (gql.resolvers.roots). Arguments are checked by
the same functions the reference path uses (gql.resolvers.lists.plan_list, the lookups), so
both paths read them alike. Anything the plan cannot express, and any argument error, raises
`Fallback`: the reference path then answers (and reports the error its own way).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
)
from graphql.execution import get_argument_values, get_directive_values, get_variable_values
from graphql.utilities import get_operation_ast
from sqlalchemy import Column

from launchgraph.db.graph import Link, Owned, Ref, Reverse
from launchgraph.db.queries.keyset import SortKey
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.queries.pages import Window
from launchgraph.gql.errors import UserError
from launchgraph.gql.pagination import window
from launchgraph.gql.resolvers.lists import ListPlan, plan_list
from launchgraph.gql.resolvers.lookup import exactly_one, key_for, ll2_key, node_key
from launchgraph.gql.resolvers.nodes import check_ids
from launchgraph.gql.resolvers.roots import ROOTS, RootList, RootLookup
from launchgraph.gql.types.base import graphql_name
from launchgraph.gql.types.entities import FIELDS, TYPES


class Fallback(Exception):
    """The reference path must answer this request."""


# -- the plan --------------------------------------------------------------------------------


@dataclass
class Obj:
    """An object of `table`, rendered as the GraphQL type `type_name`."""

    table: str
    type_name: str
    keys: list[tuple[str, Value]] = field(default_factory=list)


@dataclass
class Col:
    column: Column[Any]


@dataclass
class Lit:
    value: str


@dataclass
class Stored:
    """A column as LL2's REST API writes it: keys keep their type (numbers stay numbers),
    a number LL2 once sent as text (DecimalText, IntText) keeps that text (as a number where
    `number`), instants end in Z."""

    column: Column[Any]
    number: bool = False


@dataclass
class Concat:
    """Text joined from literal parts and the row's column values (a `url` of this server)."""

    parts: list[Lit | Col | Stored]


@dataclass
class GlobalId:
    type_name: str


@dataclass
class One:
    rel: Ref
    obj: Obj


@dataclass
class Many:
    rel: Link | Owned
    obj: Obj


@dataclass
class First:
    """The first row of a list relation as one object, null where it has none: LL2 2.2.0's
    `spacecraft_stage`, one object where 2.3.0 has a list (rendered as Many's list, its
    first element taken)."""

    rel: Link | Owned
    obj: Obj


@dataclass
class Through:
    """One value of the row a relation reaches (LL2 2.2.0's list mode flattens a launch's
    provider, pad and mission into their names): `value` is read in the target's row;
    null where there is none."""

    rel: Ref
    value: Stored | Through


@dataclass
class Conn:
    """The selection on a connection: (key, part) where part is 'totalCount', a Lit, or
    ('pageInfo', [(key, name)]), ('edges', [(key, 'cursor' | Lit | Obj)]), ('nodes', Obj)."""

    keys: list[tuple[str, Any]]


@dataclass
class Pages:
    """A page of a large relation of each owner."""

    rel: Reverse
    keys: list[SortKey]
    window: Window
    conn: Conn


@dataclass
class Nested:
    """An object of the row's own values (a small LL2 object kept in columns, such as a
    link's `type`); null where its first value is."""

    keys: list[tuple[str, Value]]


Value = Col | Lit | Stored | Concat | Nested | GlobalId | One | Many | First | Through | Pages


@dataclass
class ListRoot:
    plan: ListPlan
    conn: Conn


@dataclass
class ObjRoot:
    """One object by key (null when there is none)."""

    key: Any
    obj: Obj


@dataclass
class NodesRoot:
    """Objects by global id, in order (null where there is none)."""

    items: list[ObjRoot]


@dataclass
class OffsetPage:
    """Rows of a listing as a limit/offset page (LL2's, Django REST framework's):
    {"count", "next", "previous", "results"}; `next_url` shows only where rows lie beyond
    the page, `previous_url` (None: null) as given."""

    listing: str
    criteria: dict[str, Any]
    keys: list[SortKey]
    limit: int
    offset: int
    obj: Obj
    next_url: str
    previous_url: str | None


Root = Lit | ListRoot | ObjRoot | NodesRoot | OffsetPage


@dataclass
class Plan:
    roots: list[tuple[str, Root]]
    # Whether the answer depends on the clock (a timeline was asked for).
    used_now: bool = False

    @property
    def counts(self) -> list[tuple[str, str]]:
        """Where each root list's totalCount sits in `data` ((root key, count key)), in the
        order the renderer meets them: the counts a statement may be given instead of
        counting (gql.compiled.executor)."""
        return [
            (key, part_key)
            for key, root in self.roots
            if isinstance(root, ListRoot)
            for part_key, part in root.conn.keys
            if part == "totalCount"
        ]


# -- planning --------------------------------------------------------------------------------

ROOT_BY_NAME = {graphql_name(root.name): root for root in ROOTS}
TABLE_OF = {cls.__name__: table for table, cls in TYPES.items()}
_CAPITAL = re.compile(r"([A-Z])")


def _snake(name: str) -> str:
    return _CAPITAL.sub(lambda m: "_" + m.group(1).lower(), name)


def _named(gtype: Any) -> Any:
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        gtype = gtype.of_type
    return gtype


class Planner:
    """Plans one operation of a validated document."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: dict[str, Any],
        now: Callable[[], datetime],
    ) -> None:
        self.schema = schema
        self.variables = variables
        self._now = now
        self.used_now = False
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }

    def now(self) -> datetime:
        self.used_now = True
        return self._now()

    # -- selections ---------------------------------------------------------------------

    def _included(self, node: Any) -> bool:
        if not node.directives:
            return True
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip.get("if"):
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include is not None and not include.get("if"))

    def _applies(self, condition: Any, gtype: GraphQLObjectType) -> bool:
        if condition is None:
            return True
        named = self.schema.get_type(condition.name.value)
        if named is gtype:
            return True
        return isinstance(named, GraphQLInterfaceType) and self.schema.is_sub_type(named, gtype)

    def collect(
        self, sets: Iterable[SelectionSetNode | None], gtype: GraphQLObjectType
    ) -> dict[str, list[FieldNode]]:
        """Response key -> the field nodes merged under it, fragments expanded."""
        out: dict[str, list[FieldNode]] = {}

        def walk(selection_set: SelectionSetNode | None) -> None:
            for sel in selection_set.selections if selection_set else ():
                if not self._included(sel):
                    continue
                if isinstance(sel, FieldNode):
                    key = sel.alias.value if sel.alias else sel.name.value
                    out.setdefault(key, []).append(sel)
                elif isinstance(sel, InlineFragmentNode):
                    if self._applies(sel.type_condition, gtype):
                        walk(sel.selection_set)
                elif isinstance(sel, FragmentSpreadNode):
                    frag = self.fragments[sel.name.value]
                    if self._applies(frag.type_condition, gtype):
                        walk(frag.selection_set)

        for selection_set in sets:
            walk(selection_set)
        return out

    def _args(self, gtype: GraphQLObjectType, node: FieldNode) -> dict[str, Any]:
        return get_argument_values(gtype.fields[node.name.value], node, self.variables)

    # -- objects ------------------------------------------------------------------------

    def obj(self, type_name: str, nodes: list[FieldNode]) -> Obj:
        table = TABLE_OF.get(type_name)
        gtype = self.schema.get_type(type_name)
        if table is None or not isinstance(gtype, GraphQLObjectType):
            raise Fallback(f"not an entity type: {type_name}")
        fields = FIELDS[type_name]
        out = Obj(table, type_name)
        for key, fnodes in self.collect((n.selection_set for n in nodes), gtype).items():
            name = fnodes[0].name.value
            if name == "__typename":
                out.keys.append((key, Lit(type_name)))
                continue
            if name == "id" and "ll2Id" in fields:
                out.keys.append((key, GlobalId(type_name)))
                continue
            source = fields.get(name)
            if source is None:
                raise Fallback(f"{type_name}.{name} is not modelled")
            out.keys.append((key, self._value(source, gtype, fnodes)))
        return out

    def _value(self, source: Any, gtype: GraphQLObjectType, fnodes: list[FieldNode]) -> Value:
        if isinstance(source, Column):
            return Col(source)
        target = _named(gtype.fields[fnodes[0].name.value].type).name
        if isinstance(source, Ref):
            return One(source, self.obj(target, fnodes))
        if isinstance(source, Link | Owned):
            return Many(source, self.obj(target, fnodes))
        args = self._args(gtype, fnodes[0])
        keys = LISTINGS[source.target].keys(None)
        win = window(
            keys, args.get("first"), args.get("after"), args.get("last"), args.get("before")
        )
        return Pages(source, keys, win, self.conn(target, fnodes))

    def conn(self, conn_name: str, nodes: list[FieldNode]) -> Conn:
        """The selection on the connection type `conn_name`."""
        ctype = self.schema.get_type(conn_name)
        assert isinstance(ctype, GraphQLObjectType)
        edge_type = _named(ctype.fields["edges"].type)
        node_name = _named(edge_type.fields["node"].type).name
        info_type = _named(ctype.fields["pageInfo"].type)
        out = Conn([])
        for key, fnodes in self.collect((n.selection_set for n in nodes), ctype).items():
            name = fnodes[0].name.value
            if name == "__typename":
                out.keys.append((key, Lit(conn_name)))
            elif name == "totalCount":
                out.keys.append((key, "totalCount"))
            elif name == "nodes":
                out.keys.append((key, ("nodes", self.obj(node_name, fnodes))))
            elif name == "pageInfo":
                parts = [
                    (k, Lit(info_type.name) if f[0].name.value == "__typename" else f[0].name.value)
                    for k, f in self.collect((n.selection_set for n in fnodes), info_type).items()
                ]
                out.keys.append((key, ("pageInfo", parts)))
            elif name == "edges":
                edge: list[tuple[str, Any]] = []
                for k, f in self.collect((n.selection_set for n in fnodes), edge_type).items():
                    part = f[0].name.value
                    if part == "node":
                        edge.append((k, self.obj(node_name, f)))
                    else:
                        edge.append((k, Lit(edge_type.name) if part == "__typename" else part))
                out.keys.append((key, ("edges", edge)))
            else:
                raise Fallback(f"{conn_name}.{name} is not modelled")
        return out

    # -- roots --------------------------------------------------------------------------

    def root(self, query: GraphQLObjectType, nodes: list[FieldNode]) -> Root:
        name = nodes[0].name.value
        if name == "__typename":
            return Lit(query.name)
        if name.startswith("__"):
            raise Fallback("introspection")
        args = self._args(query, nodes[0])
        target = _named(query.fields[name].type)
        if name == "node":
            return self._node(args["id"], nodes)
        if name == "nodes":
            check_ids(args["ids"])
            return NodesRoot([self._node(i, nodes) for i in args["ids"]])
        root = ROOT_BY_NAME.get(name)
        if isinstance(root, RootList):
            filter_values = {_snake(k): v for k, v in (args.get("filter") or {}).items()}
            order = args.get("orderBy")
            pairs = (
                None if order is None else [(o["field"], o["direction"] == "ASC") for o in order]
            )
            plan = plan_list(
                root,
                filter_values,
                pairs,
                args.get("first"),
                args.get("after"),
                args.get("last"),
                args.get("before"),
                self.now,
            )
            return ListRoot(plan, self.conn(target.name, nodes))
        if isinstance(root, RootLookup):
            given = {"id": args.get("id"), "ll2Id": args.get("ll2Id")}
            if root.slug:
                given["slug"] = args.get("slug")
            which = exactly_one(**given)
            if which == "slug":
                raise Fallback("lookups by slug run on the reference path")
            table = root.table
            key = key_for(table, args["id"]) if which == "id" else ll2_key(table, args["ll2Id"])
            return ObjRoot(key, self.obj(target.name, nodes))
        raise Fallback(f"root field {name} is not modelled")

    def _node(self, global_id: str, nodes: list[FieldNode]) -> ObjRoot:
        table, key = node_key(global_id)
        return ObjRoot(key, self.obj(TYPES[table].__name__, nodes))


def plan(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    now: Callable[[], datetime],
) -> Plan:
    """The plan of the operation `operation_name` of a validated document."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY:
        raise Fallback("not a query")
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(coerced, list):
        raise Fallback("variables do not coerce")
    planner = Planner(schema, document, coerced, now)
    query = schema.query_type
    assert query is not None
    try:
        roots = [
            (key, planner.root(query, nodes))
            for key, nodes in planner.collect([operation.selection_set], query).items()
        ]
    except UserError as exc:
        raise Fallback(str(exc)) from None
    return Plan(roots, planner.used_now)
