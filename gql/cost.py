"""What a query will cost, known from its text before any SQL runs.

`measure` walks one operation of a validated document against the schema and counts:

- depth: the deepest chain of fields (fragments add no level). Introspection (`__schema`,
  `__type`), answered from memory, is left out: GraphiQL's own introspection query is 15
  levels deep, and graphql-core's validation (MaxIntrospectionDepthRule) already refuses
  introspection nested deep enough to grow exponentially;
- aliases, root fields and directives;
- nodes, in the style of GitHub's node limit: every field that returns many objects counts
  the product of the page sizes along its path. A paged field (`first`/`last`) counts its
  page size (the default page size when neither is given); a connection's own lists
  (`edges`, `nodes`) count nothing more; any other list counts its known maximum, from
  `list_sizes` or from the length of a list argument (`nodes(ids:)`), else `list_size`
  (default 1: like GitHub, only pages multiply; LL2's plain lists, such as an event's
  launches, hold a few objects each, and every cycle of the graph passes through a page).

Spreads are followed through a memo per fragment, so a document whose fragments spread one
another twice over (a 'fragment bomb') is measured in linear time; validation has already
refused cycles. `check` turns the figures into GraphQL errors with stable codes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
    VariableValues,
    get_argument_values,
    get_named_type,
    get_nullable_type,
    get_variable_values,
    is_composite_type,
)

# Stable codes: clients branch on these, so never rename one.
MAX_DEPTH_EXCEEDED = "MAX_DEPTH_EXCEEDED"
MAX_ALIASES_EXCEEDED = "MAX_ALIASES_EXCEEDED"
MAX_ROOT_FIELDS_EXCEEDED = "MAX_ROOT_FIELDS_EXCEEDED"
MAX_DIRECTIVES_EXCEEDED = "MAX_DIRECTIVES_EXCEEDED"
MAX_NODES_EXCEEDED = "MAX_NODES_EXCEEDED"

_INTROSPECTION = {"__schema", "__type"}
_PAGE_ARGS = ("first", "last")


@dataclass(frozen=True)
class CostLimits:
    """The largest query accepted, and the sizes assumed where a query does not say."""

    max_depth: int = 10
    max_aliases: int = 30
    max_root_fields: int = 20
    max_directives: int = 50
    max_nodes: int = 50_000
    default_page_size: int = 20
    list_size: int = 1
    # Known maxima of plain list fields, by "Type.field".
    list_sizes: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Cost:
    """A query's figures; `points` is what a rate limiter charges (GitHub's rule: one point
    per hundred nodes, at least one)."""

    depth: int = 0
    aliases: int = 0
    root_fields: int = 0
    directives: int = 0
    nodes: int = 0

    @property
    def points(self) -> int:
        return max(1, math.ceil(self.nodes / 100))

    def as_extension(self) -> dict[str, int]:
        """The figures as reported in a response's `extensions.cost`."""
        return {
            "depth": self.depth,
            "aliases": self.aliases,
            "rootFields": self.root_fields,
            "directives": self.directives,
            "nodes": self.nodes,
            "points": self.points,
        }


@dataclass
class _Tally:
    """Figures of one selection set, per unit of the multiplier it is reached with."""

    depth: int = 0
    aliases: int = 0
    fields: int = 0  # fields at the top level of the set (root fields, at the root)
    directives: int = 0
    nodes: int = 0

    def add(self, other: _Tally, times: int = 1) -> None:
        self.depth = max(self.depth, other.depth)
        self.aliases += other.aliases
        self.fields += other.fields
        self.directives += other.directives
        self.nodes += other.nodes * times


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: VariableValues | None,
        limits: CostLimits,
        count_nodes: bool = True,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        # Without nodes no argument is read (that is most of the walk's time), so the other
        # figures can be had before validation; spreads then follow unchecked fragments.
        self.count_nodes = count_nodes
        self.memo: dict[tuple[str, bool], _Tally] = {}
        self.open: set[tuple[str, bool]] = set()

    def selections(
        self, node: SelectionSetNode, parent: GraphQLNamedType, introspection: bool
    ) -> _Tally:
        tally = _Tally()
        for sel in node.selections:
            tally.directives += len(sel.directives or ())
            if isinstance(sel, FieldNode):
                tally.add(self.field(sel, parent, introspection))
                tally.fields += 1
            elif isinstance(sel, InlineFragmentNode):
                cond = self._type(sel.type_condition.name.value) if sel.type_condition else None
                tally.add(self.selections(sel.selection_set, cond or parent, introspection))
            elif isinstance(sel, FragmentSpreadNode):
                tally.add(self.spread(sel.name.value, introspection))
        return tally

    def spread(self, name: str, introspection: bool) -> _Tally:
        key = (name, introspection)
        hit = self.memo.get(key)
        if hit is None:
            frag = self.fragments.get(name)
            if frag is None or key in self.open:
                return _Tally()  # unknown or cyclic: validation refuses the document
            self.open.add(key)
            cond = self._type(frag.type_condition.name.value)
            hit = self.selections(frag.selection_set, cond, introspection) if cond else _Tally()
            self.open.discard(key)
            self.memo[key] = hit
        return hit

    def field(self, node: FieldNode, parent: GraphQLNamedType, introspection: bool) -> _Tally:
        defn = self._field_def(parent, node.name.value)
        tally = _Tally(aliases=1 if node.alias else 0)
        introspection = introspection or node.name.value in _INTROSPECTION
        if defn is None or node.selection_set is None:
            below = _Tally()
            times: int | None = None
        else:
            times = self._multiplier(defn, node, parent) if self.count_nodes else None
            below = self.selections(node.selection_set, get_named_type(defn.type), introspection)
        tally.depth = below.depth + (0 if introspection else 1)
        tally.aliases += below.aliases
        tally.directives += below.directives
        tally.nodes = (times if times is not None else 0) + below.nodes * (times or 1)
        return tally

    def _multiplier(
        self, defn: GraphQLField, node: FieldNode, parent: GraphQLNamedType
    ) -> int | None:
        """How many objects the field returns per parent object; None: one, not counted."""
        if any(name in defn.args for name in _PAGE_ARGS):
            args = self._args(defn, node)
            sizes = [args[n] for n in _PAGE_ARGS if isinstance(args.get(n), int)]
            return max(0, *sizes) if sizes else self.limits.default_page_size
        if not isinstance(get_nullable_type(defn.type), GraphQLList):
            return None
        if isinstance(parent, GraphQLObjectType) and "pageInfo" in parent.fields:
            return None  # a connection's edges/nodes: its page was counted on the field above
        known = self.limits.list_sizes.get(f"{parent.name}.{node.name.value}")
        if known is not None:
            return known
        args = self._args(defn, node)
        lengths = [len(v) for v in args.values() if isinstance(v, list)]
        return max(lengths) if lengths else self.limits.list_size

    def _args(self, defn: GraphQLField, node: FieldNode) -> dict[str, Any]:
        try:
            return get_argument_values(defn, node, self.variables)
        except GraphQLError:
            return {}  # execution reports bad arguments; the defaults are counted here

    def _type(self, name: str) -> GraphQLNamedType | None:
        found = self.schema.get_type(name)
        return found if found is not None and is_composite_type(found) else None

    def _field_def(self, parent: GraphQLNamedType, name: str) -> GraphQLField | None:
        if name == "__typename":
            return TypeNameMetaFieldDef
        if name == "__schema" and parent is self.schema.query_type:
            return SchemaMetaFieldDef
        if name == "__type" and parent is self.schema.query_type:
            return TypeMetaFieldDef
        fields = getattr(parent, "fields", None)
        return fields.get(name) if fields else None


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            name is None or (definition.name is not None and definition.name.value == name)
        ):
            return definition
    return None


def coerce_variables(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    raw: dict[str, Any] | None,
) -> VariableValues | None:
    """The operation's variables as execution will see them (defaults applied); None when
    they do not coerce (execution then reports why, before running anything)."""
    op = _operation(document, operation_name)
    if op is None:
        return None
    found = get_variable_values(schema, op.variable_definitions or (), raw or {})
    return found if isinstance(found, VariableValues) else None


def shape(schema: GraphQLSchema, document: DocumentNode) -> Cost | None:
    """The figures of a document's one operation that neither its variables nor its page
    sizes change (depth, aliases, root fields, directives; no nodes), from its syntax alone:
    cheap enough to refuse a document before it is validated (graphql-core validates 1,000
    aliases in half a second). None for a document of no operation or of several."""
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(ops) != 1:
        return None
    return measure(schema, document, count_nodes=False)


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: VariableValues | None = None,
    limits: CostLimits | None = None,
    count_nodes: bool = True,
) -> Cost | None:
    """The cost of the operation `operation_name` of a validated document, with its coerced
    variables; None when the document has no such operation (execution says so). Without
    `count_nodes`, nodes are left at 0 and the document need not have been validated."""
    limits = limits or CostLimits()
    op = _operation(document, operation_name)
    if op is None:
        return None
    root = schema.get_root_type(op.operation)
    if root is None:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    walker = _Walker(schema, fragments, variables, limits, count_nodes)
    try:
        tally = walker.selections(op.selection_set, root, False)
    except RecursionError:
        # Spreads nested past the interpreter's stack: deeper than any limit is meant to allow.
        return Cost(depth=2**31)
    tally.directives += len(op.directives or ())
    return Cost(
        depth=tally.depth,
        aliases=tally.aliases,
        root_fields=tally.fields,
        directives=tally.directives,
        nodes=tally.nodes,
    )


def check(cost: Cost, limits: CostLimits | None = None) -> list[GraphQLError]:
    """One error per limit the cost exceeds, each naming the limit and the figure."""
    limits = limits or CostLimits()
    rules = (
        (cost.depth, limits.max_depth, MAX_DEPTH_EXCEEDED, "The query is {} levels deep"),
        (cost.aliases, limits.max_aliases, MAX_ALIASES_EXCEEDED, "The query has {} aliases"),
        (
            cost.root_fields,
            limits.max_root_fields,
            MAX_ROOT_FIELDS_EXCEEDED,
            "The query has {} root fields",
        ),
        (
            cost.directives,
            limits.max_directives,
            MAX_DIRECTIVES_EXCEEDED,
            "The query has {} directives",
        ),
        (cost.nodes, limits.max_nodes, MAX_NODES_EXCEEDED, "The query may return {} nodes"),
    )
    return [
        GraphQLError(
            what.format(f"{value:,}") + f"; the limit is {limit:,}.",
            extensions={"code": code, "limit": limit, "value": value},
        )
        for value, limit, code, what in rules
        if value > limit
    ]
