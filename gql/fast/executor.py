"""Execute a validated query level by level: one SQL statement per relation per level."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import strawberry
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from graphql.execution.values import get_argument_values, get_directive_values, get_variable_values
from launchgraph.db.queries import pages
from launchgraph.db.queries.json_objects import json_by_id, json_column
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.queries.relations import LINKED, OWNED, REVERSE, rows_by_id
from launchgraph.db.tables import metadata
from launchgraph.gql.context import Context
from launchgraph.gql.errors import UserError
from launchgraph.gql.fast.model import FieldSpec, TypeModel, build, unwrap
from launchgraph.gql.fast.shapes import build_shape
from launchgraph.gql.loaders.keys import NO_CRITERIA
from launchgraph.gql.pagination import connection, window
from launchgraph.gql.resolvers.lists import PlannedList
from launchgraph.gql.resolvers.lookup import PlannedRow
from launchgraph.gql.types.base import TYPES, Many, One, Pages
from sqlalchemy.ext.asyncio import AsyncConnection
from strawberry.relay.utils import to_base64
from strawberry.types.arguments import convert_arguments

log = logging.getLogger("launchgraph.fast")
_UNSET = object()


class Unsupported(Exception):
    """This query needs graphql-core (introspection, an unmodelled field ...)."""


@dataclass
class _Info:
    """What root resolvers read from `info`: the request context, and whether to return only
    the plan of a root list (gql.resolvers.lists.PlannedList)."""

    context: Context
    plan_only: bool = False


@dataclass
class _Request:
    variables: Any
    fragments: dict[str, FragmentDefinitionNode]
    context: Context
    conn: AsyncConnection
    # PostgreSQL renders entity subtrees as JSON itself (db.queries.json_objects).
    sql_json: bool = False
    # Whether the document uses @skip/@include (selections then depend on variables).
    directives: bool = False


class FastExecutor:
    """Runs queries the model covers; returns None for anything it hands back."""

    def __init__(self, schema: strawberry.Schema, sql_json: bool = True) -> None:
        self.sql_json = sql_json
        self._shapes: dict[tuple[Any, ...], tuple[tuple[FieldNode, ...], Any]] = {}
        self.schema = schema
        self.gschema = schema._schema
        self.models: dict[str, TypeModel] = build(schema)
        query = schema.get_type_by_name(self.gschema.query_type.name)
        self.root_fields = {
            schema.config.name_converter.get_graphql_name(f): f
            for f in query.fields  # type: ignore[union-attr]
        }
        self.scalars = schema.schema_converter.scalar_registry

    async def run(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        context: Context,
    ) -> dict[str, Any] | None:
        operation = _operation(document, operation_name)
        if operation is None or operation.operation is not OperationType.QUERY:
            return None
        coerced = get_variable_values(
            self.gschema, operation.variable_definitions or (), variables or {}
        )
        if isinstance(coerced, list):
            return None
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        if any(f.variable_definitions for f in fragments.values()):
            return None
        try:
            async with context.engine.connect() as conn:
                req = _Request(
                    coerced,
                    fragments,
                    context,
                    conn,
                    sql_json=self.sql_json and conn.dialect.name == "postgresql",
                    directives=_has_directives(document),
                )
                data = await self._root(req, operation.selection_set)
        except (Unsupported, UserError):
            # graphql-core answers these: it alone shapes errors and partial data.
            return None
        except Exception:
            # Anything unexpected is answered by graphql-core too, which turns it into a
            # located GraphQL error (and logs it) instead of a failed request.
            log.warning("fast executor failed; answering through graphql-core", exc_info=True)
            return None
        return {"data": data}

    # -- field collection --------------------------------------------------------------

    def _included(self, node: Any, req: _Request) -> bool:
        if not node.directives:
            return True
        skip = get_directive_values(GraphQLSkipDirective, node, req.variables)
        if skip and skip.get("if"):
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, req.variables)
        return not (include is not None and not include.get("if"))

    def _applies(self, condition: str | None, type_name: str) -> bool:
        if condition is None or condition == type_name:
            return True
        abstract = self.gschema.get_type(condition)
        concrete = self.gschema.get_type(type_name)
        if abstract is None or not isinstance(concrete, GraphQLObjectType):
            return False
        return self.gschema.is_sub_type(abstract, concrete)  # type: ignore[arg-type]

    def _collect(
        self,
        selection_sets: Sequence[SelectionSetNode],
        type_name: str,
        req: _Request,
    ) -> dict[str, list[FieldNode]]:
        out: dict[str, list[FieldNode]] = {}

        def walk(sel_set: SelectionSetNode) -> None:
            for sel in sel_set.selections:
                if not self._included(sel, req):
                    continue
                if isinstance(sel, FieldNode):
                    key = sel.alias.value if sel.alias else sel.name.value
                    out.setdefault(key, []).append(sel)
                elif isinstance(sel, InlineFragmentNode):
                    cond = sel.type_condition.name.value if sel.type_condition else None
                    if self._applies(cond, type_name):
                        walk(sel.selection_set)
                elif isinstance(sel, FragmentSpreadNode):
                    frag = req.fragments[sel.name.value]
                    if self._applies(frag.type_condition.name.value, type_name):
                        walk(frag.selection_set)

        for sel_set in selection_sets:
            walk(sel_set)
        return out

    # -- the root ----------------------------------------------------------------------

    async def _root(self, req: _Request, selection_set: SelectionSetNode) -> dict[str, Any]:
        query_type = self.gschema.query_type
        fields = self._collect([selection_set], query_type.name, req)
        data: dict[str, Any] = {}
        for key, nodes in fields.items():
            name = nodes[0].name.value
            if name == "__typename":
                data[key] = query_type.name
                continue
            sfield = self.root_fields.get(name)
            if sfield is None or sfield.base_resolver is None:
                raise Unsupported(name)
            gfield = query_type.fields[name]
            raw = get_argument_values(gfield, nodes[0], req.variables)
            kwargs = convert_arguments(
                raw, sfield.arguments, scalar_registry=self.scalars, config=self.schema.config
            )
            resolve = sfield.base_resolver.wrapped_func
            target, is_list = unwrap(gfield.type)
            value: Any = _UNSET
            if req.sql_json and not is_list:
                plan = await resolve(_Info(req.context, plan_only=True), **kwargs)
                if isinstance(plan, PlannedList):
                    planned = await self._planned(req, plan, target.name, nodes)
                    value = _UNSET if planned is None else planned
                elif isinstance(plan, PlannedRow):
                    shape = self._shape(req, target.name, nodes)
                    if shape is not None:
                        found = await json_by_id(req.conn, shape, [plan.key])
                        text = found.get(plan.key)
                        data[key] = None if text is None else orjson.Fragment(text)
                        continue
                else:
                    value = plan  # a resolver without a plan mode answered directly
            if value is _UNSET:
                value = await resolve(_Info(req.context), **kwargs)
            if is_list:
                data[key] = (
                    None
                    if value is None
                    else await self._objects(req, list(value), target.name, nodes)
                )
            else:
                data[key] = (await self._objects(req, [value], target.name, nodes))[0]
        return data

    async def _planned(
        self, req: _Request, plan: PlannedList, type_name: str, nodes: list[FieldNode]
    ) -> Any:
        """A root list whose page and node JSON come from one statement; None when the
        selection does not allow it (no nodes asked, or nodes and edges asked differently)."""
        model = self.models[type_name]
        node_type = model.fields["nodes"].target.name
        edge_type = model.fields["edges"].target.name
        groups: list[list[FieldNode]] = []
        conn_fields = self._collect(
            [n.selection_set for n in nodes if n.selection_set], type_name, req
        )
        for fnodes in conn_fields.values():
            name = fnodes[0].name.value
            if name == "nodes":
                groups.append(fnodes)
            elif name == "edges":
                edge_sets = [n.selection_set for n in fnodes if n.selection_set]
                for enodes in self._collect(edge_sets, edge_type, req).values():
                    if enodes[0].name.value == "node":
                        groups.append(enodes)
        shapes = {self._shape(req, node_type, group) for group in groups}
        if len(shapes) != 1 or None in shapes:
            return None
        shape = shapes.pop()
        listing = LISTINGS[plan.listing]
        table = listing.table
        names = dict.fromkeys([*(k.column.name for k in plan.keys), "id"])
        columns = [*(table.c[n] for n in names), json_column(shape)]
        page = await pages.page(
            req.conn,
            table,
            columns,
            listing.where(plan.query.criteria.values),
            plan.keys,
            plan.query.window,
        )
        return connection(page, plan.keys, lambda row: orjson.Fragment(row._json), plan.count)

    # -- values ------------------------------------------------------------------------

    async def _objects(
        self, req: _Request, objs: list[Any], type_name: str, nodes: list[FieldNode]
    ) -> list[dict[str, Any] | None]:
        """Render objects of one GraphQL type (or of an interface: grouped by concrete type)."""
        if objs and all(o is None or isinstance(o, orjson.Fragment) for o in objs):
            return objs  # rendered by the database already
        gtype = self.gschema.get_type(type_name)
        if not isinstance(gtype, GraphQLObjectType):
            return await self._abstract(req, objs, nodes)
        model = self.models.get(type_name)
        if model is None:
            raise Unsupported(type_name)
        live = [o for o in objs if o is not None]
        if req.sql_json and live:
            rendered = await self._as_json(req, objs, live, type_name, nodes)
            if rendered is not None:
                return rendered
        outs: list[dict[str, Any]] = [{} for _ in live]
        sel_sets = [n.selection_set for n in nodes if n.selection_set]
        for key, fnodes in self._collect(sel_sets, type_name, req).items():
            name = fnodes[0].name.value
            if name == "__typename":
                for out in outs:
                    out[key] = type_name
                continue
            spec = model.fields.get(name)
            if spec is None:
                raise Unsupported(f"{type_name}.{name}")
            values = await self._field(req, live, type_name, spec, fnodes)
            for out, value in zip(outs, values, strict=True):
                out[key] = value
        it = iter(outs)
        return [None if o is None else next(it) for o in objs]

    async def _as_json(
        self,
        req: _Request,
        objs: list[Any],
        live: list[Any],
        type_name: str,
        nodes: list[FieldNode],
    ) -> list[Any] | None:
        """The objects rendered by PostgreSQL, whole subtrees at once; None when the
        selection holds something only Python can produce."""
        shape = self._shape(req, type_name, nodes)
        if shape is None:
            return None
        texts = await json_by_id(req.conn, shape, list({o.ll2_id for o in live}))
        return [None if o is None else orjson.Fragment(texts[o.ll2_id]) for o in objs]

    def _shape(self, req: _Request, type_name: str, nodes: list[FieldNode]) -> Any:
        # Selections without @skip/@include give the same shape on every request of the
        # same (cached, so identical) document: remember it. The key holds the nodes
        # themselves, so their ids cannot be reused while the entry lives.
        key = (type_name, *map(id, nodes))
        hit = self._shapes.get(key)
        if hit is not None:
            return hit[1]
        shape = build_shape(
            type_name, nodes, self.models, lambda sets, name: self._collect(sets, name, req)
        )
        if not req.directives:
            if len(self._shapes) > 4096:
                self._shapes.clear()
            self._shapes[key] = (tuple(nodes), shape)
        return shape

    async def _abstract(
        self, req: _Request, objs: list[Any], nodes: list[FieldNode]
    ) -> list[dict[str, Any] | None]:
        groups: dict[str, list[int]] = {}
        for i, obj in enumerate(objs):
            if obj is not None:
                groups.setdefault(type(obj).__strawberry_definition__.name, []).append(i)
        out: list[dict[str, Any] | None] = [None] * len(objs)
        for type_name, idx in groups.items():
            rendered = await self._objects(req, [objs[i] for i in idx], type_name, nodes)
            for i, value in zip(idx, rendered, strict=True):
                out[i] = value
        return out

    async def _field(
        self,
        req: _Request,
        objs: list[Any],
        type_name: str,
        spec: FieldSpec,
        nodes: list[FieldNode],
    ) -> list[Any]:
        if spec.kind == "node_id":
            return [to_base64(type_name, o.ll2_id) for o in objs]
        if spec.kind == "attr":
            values = [getattr(o, spec.python_name) for o in objs]
        elif spec.kind == "method":
            values = [getattr(o, spec.python_name)() for o in objs]
            if values and inspect.isawaitable(values[0]):
                values = list(await asyncio.gather(*values))
        else:
            values = await self._relation(req, objs, spec, nodes)
        if isinstance(spec.target, GraphQLObjectType) or spec.target.name == "Node":
            return await self._children(req, values, spec, nodes)
        ser = spec.serialize
        if ser is None:
            return values
        if spec.is_list:
            return [None if v is None else [ser(x) for x in v] for v in values]
        return [None if v is None else ser(v) for v in values]

    async def _children(
        self, req: _Request, values: list[Any], spec: FieldSpec, nodes: list[FieldNode]
    ) -> list[Any]:
        if not spec.is_list:
            return await self._objects(req, values, spec.target.name, nodes)
        flat = [item for v in values if v is not None for item in v]
        rendered = await self._objects(req, flat, spec.target.name, nodes)
        out: list[Any] = []
        i = 0
        for v in values:
            if v is None:
                out.append(None)
            else:
                out.append(rendered[i : i + len(v)])
                i += len(v)
        return out

    async def _relation(
        self, req: _Request, objs: list[Any], spec: FieldSpec, nodes: list[FieldNode]
    ) -> list[Any]:
        rel = spec.relation
        conn = req.conn
        if isinstance(rel, One):
            keys = {getattr(o, rel.fk) for o in objs} - {None}
            rows = await rows_by_id(conn, metadata.tables[rel.table], list(keys)) if keys else {}
            make = TYPES[rel.table].from_row
            built = {k: make(r) for k, r in rows.items()}
            return [built.get(getattr(o, rel.fk)) for o in objs]
        if isinstance(rel, Many):
            relation = LINKED.get(rel.relation) or OWNED[rel.relation]
            owners = list({o.ll2_id for o in objs})
            found = await relation.fetch(conn, owners) if owners else {}
            table = relation.target.name if rel.relation in LINKED else relation.table.name
            make = TYPES[table].from_row
            return [[make(r) for r in found.get(o.ll2_id, [])] for o in objs]
        assert isinstance(rel, Pages)
        return await self._pages(req, objs, spec, rel, nodes)

    async def _pages(
        self, req: _Request, objs: list[Any], spec: FieldSpec, rel: Pages, nodes: list[FieldNode]
    ) -> list[Any]:
        reverse = REVERSE[rel.relation]
        raw = get_argument_values(spec.gfield, nodes[0], req.variables)
        args = convert_arguments(
            raw,
            spec.strawberry_field.arguments,  # type: ignore[union-attr]
            scalar_registry=self.scalars,
            config=self.schema.config,
        )
        keys = reverse.listing.keys(None)
        win = window(
            keys, args.get("first"), args.get("after"), args.get("last"), args.get("before")
        )
        owners = list({o.ll2_id for o in objs})
        listing = reverse.listing
        found = await pages.pages_by_owner(
            req.conn,
            reverse.source,
            reverse.owner,
            owners,
            list(listing.table.c),
            listing.where(NO_CRITERIA.values),
            keys,
            win,
        )
        counts = _Counts(req.conn, reverse, owners)
        make = TYPES[listing.table.name].from_row
        return [connection(found[o.ll2_id], keys, make, counts.thunk(o.ll2_id)) for o in objs]


class _Counts:
    """totalCount of a reverse connection for all owners of a level, in one GROUP BY, run
    only if some owner's totalCount is asked for."""

    def __init__(self, conn: AsyncConnection, reverse: Any, owners: list[Any]) -> None:
        self.conn, self.reverse, self.owners = conn, reverse, owners
        self._task: asyncio.Future[dict[Any, int]] | None = None

    def thunk(self, owner: Any) -> Any:
        async def count() -> int:
            if self._task is None:
                self._task = asyncio.ensure_future(
                    pages.counts_by_owner(
                        self.conn,
                        self.reverse.source,
                        self.reverse.owner,
                        self.owners,
                        self.reverse.listing.where(NO_CRITERIA.values),
                    )
                )
            return (await self._task)[owner]

        return count


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return ops[0] if len(ops) == 1 else None
    return next((o for o in ops if o.name and o.name.value == name), None)


def _has_directives(document: DocumentNode) -> bool:
    source = document.loc.source.body if document.loc else None
    return source is None or "@" in source
