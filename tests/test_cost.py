"""Query cost, computed from the document alone: depth, aliases, root fields, directives and
the GitHub-style node estimate, and the errors each limit raises."""

from __future__ import annotations

from typing import Any

import graphql
import pytest

from launchgraph.gql.cost import Cost, CostLimits, check, coerce_variables, measure
from launchgraph.gql.schema import schema

SCHEMA = graphql.build_schema(schema.as_str())


def cost(query: str, variables: dict[str, Any] | None = None, **limits: Any) -> Cost:
    document = graphql.parse(query)
    assert graphql.validate(SCHEMA, document) == []
    coerced = coerce_variables(SCHEMA, document, None, variables)
    assert coerced is not None
    found = measure(SCHEMA, document, None, coerced, CostLimits(**limits))
    assert found is not None
    return found


def test_depth_counts_fields_not_fragments() -> None:
    assert cost("{ events { totalCount } }").depth == 2
    nested = "{ events { nodes { launches { rocket { configuration { fullName } } } } } }"
    assert cost(nested).depth == 6
    via = "{ ...A } fragment A on Query { events { ...B } } fragment B on EventConnection {"
    via += " nodes { ... on Event { name } } }"
    assert cost(via).depth == 3


def test_introspection_is_left_out_of_depth() -> None:
    found = cost(graphql.get_introspection_query(descriptions=True))
    assert found.depth == 0
    assert check(found) == []
    # Nested introspection is refused by graphql-core's validation, before any cost.
    bomb = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    assert graphql.validate(SCHEMA, graphql.parse(bomb)) != []


def test_nodes_multiply_page_sizes_along_each_path() -> None:
    # 50 events, 10 programs assumed per event, one event per program.
    query = "{ events(first: 50) { nodes { programs { events(first: 1) { totalCount } } } } }"
    assert cost(query, list_size=10).nodes == 50 + 50 * 10 + 50 * 10 * 1
    assert cost(query).nodes == 50 + 50 * 1 + 50 * 1 * 1
    # A connection's edges and nodes are its page, counted once.
    assert cost("{ events(first: 7) { edges { node { name } } nodes { name } } }").nodes == 7


def test_page_size_comes_from_variables_defaults_and_last() -> None:
    query = "query($n: Int = 30) { events(first: $n) { totalCount } }"
    assert cost(query).nodes == 30
    assert cost(query, {"n": 3}).nodes == 3
    assert cost("{ events { totalCount } }").nodes == 20
    assert cost("{ events { totalCount } }", default_page_size=5).nodes == 5
    assert cost("{ events(last: 4) { totalCount } }").nodes == 4


def test_plain_lists_count_their_known_size() -> None:
    assert cost('{ nodes(ids: ["a", "b", "c"]) { id } }').nodes == 3
    assert cost("{ event(ll2Id: 1) { launches { name } } }").nodes == 1
    assert cost("{ event(ll2Id: 1) { launches { name } } }", list_size=2).nodes == 2
    sized = cost("{ event(ll2Id: 1) { launches { name } } }", list_sizes={"Event.launches": 4})
    assert sized.nodes == 4


def test_aliases_root_fields_and_directives_follow_spreads() -> None:
    query = """
      query Q { a: events { totalCount } ...F ...F }
      fragment F on Query { b: events @include(if: true) { totalCount } c: event(ll2Id: 1) { id } }
    """
    found = cost(query)
    assert (found.aliases, found.root_fields, found.directives) == (5, 5, 2)


def test_fragment_bomb_is_measured_without_expanding_it() -> None:
    # F0 spreads F1 twice, F1 spreads F2 twice ...: 2**40 copies of the innermost field.
    levels = 40
    frags = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)] + [
        f"fragment F{levels} on Query {{ events(first: 1) {{ totalCount }} }}"
    ]
    found = cost("{ ...F0 } " + " ".join(frags))
    assert found.root_fields == 2**levels
    assert found.nodes == 2**levels


def test_points_are_one_per_hundred_nodes() -> None:
    assert Cost(nodes=0).points == 1
    assert Cost(nodes=100).points == 1
    assert Cost(nodes=101).points == 2


@pytest.mark.parametrize(
    ("query", "code", "value"),
    [
        (
            "{ events { nodes { launches { rocket { configuration { fullName } } } } } }",
            "MAX_DEPTH_EXCEEDED",
            6,
        ),
        ("{ a: events { totalCount } b: events { totalCount } }", "MAX_ALIASES_EXCEEDED", 2),
        ("{ events { totalCount } eventTypes { totalCount } }", "MAX_ROOT_FIELDS_EXCEEDED", 2),
        ("{ events @skip(if: false) { totalCount } }", "MAX_DIRECTIVES_EXCEEDED", 1),
        ("{ events(first: 9) { totalCount } }", "MAX_NODES_EXCEEDED", 9),
    ],
)
def test_each_limit_refuses_with_its_code_and_figures(query: str, code: str, value: int) -> None:
    tight = CostLimits(max_depth=5, max_aliases=1, max_root_fields=1, max_directives=0, max_nodes=8)
    errors = check(cost(query), tight)
    assert [e.extensions for e in errors if e.extensions["code"] == code] == [
        {"code": code, "limit": getattr(tight, _limit_of(code)), "value": value}
    ]
    assert str(value) in errors[0].message or code != errors[0].extensions["code"]


def _limit_of(code: str) -> str:
    return {
        "MAX_DEPTH_EXCEEDED": "max_depth",
        "MAX_ALIASES_EXCEEDED": "max_aliases",
        "MAX_ROOT_FIELDS_EXCEEDED": "max_root_fields",
        "MAX_DIRECTIVES_EXCEEDED": "max_directives",
        "MAX_NODES_EXCEEDED": "max_nodes",
    }[code]


def test_defaults_accept_a_normal_page_query() -> None:
    normal = """{ upcomingEvents(first: 10) { totalCount pageInfo { hasNextPage endCursor }
      nodes { name date type { name } launches { name net status { abbrev }
        rocket { configuration { fullName } } pad { name location { name } } }
        programs { name agencies { abbrev } } } } }"""
    assert check(cost(normal)) == []


def test_unknown_operation_has_no_cost() -> None:
    document = graphql.parse("query A { events { totalCount } }")
    assert measure(SCHEMA, document, "B") is None


def test_an_executor_measures_a_repeated_request_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost of a query with the same operation and variables is measured once and kept
    on the prepared query; other variables are measured for themselves."""
    from launchgraph.gql import execute

    calls: list[Any] = []

    def counted(*args: Any, **kwargs: Any) -> Cost | None:
        calls.append(args)
        return measure(*args, **kwargs)

    monkeypatch.setattr(execute, "measure", counted)
    executor = execute.Executor(schema, "reference")
    query = "query Q($n: Int) { events(first: $n) { nodes { launches { name } } } }"
    prepared = executor.prepare(query)
    small = executor._cost(prepared, None, {"n": 2})
    assert executor._cost(prepared, None, {"n": 2}) == small
    assert len(calls) == 1
    large = executor._cost(prepared, None, {"n": 50})
    assert len(calls) == 2
    assert small is not None and large is not None and large.nodes > small.nodes
    assert executor._cost(prepared, "Q", {"n": 2}) == small  # another key: measured again
    assert len(calls) == 3
    for n in range(20):  # a bounded number of variable sets per query
        executor._cost(prepared, None, {"n": n})
    assert len(prepared.costs) <= execute._COSTS_KEPT


def test_a_document_past_its_shape_limits_is_refused_before_validation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Depth, aliases, root fields and directives come from the syntax: a document past one
    of them is refused without being validated (1,000 aliases: half a second of graphql-core)
    and without its variables being read, and its repeats are refused from the cache."""
    import asyncio

    from launchgraph.gql import execute

    validated: list[Any] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        validated.append(args)
        return graphql.validate(*args, **kwargs)

    monkeypatch.setattr(execute, "validate", counted)
    monkeypatch.setattr(execute, "measure", lambda *_a, **_k: pytest.fail("measured"))
    executor = execute.Executor(schema, "reference")
    fields = " ".join(f"a{i}: events(first: $n) {{ totalCount }}" for i in range(40))
    query = "query($n: Int) { " + fields + " }"
    for n in range(3):
        result = asyncio.run(executor.run(query, {"n": n}, None, None))
        assert result.request_error
        assert [e["extensions"]["code"] for e in result.body["errors"]] == [
            "MAX_ALIASES_EXCEEDED",
            "MAX_ROOT_FIELDS_EXCEEDED",
        ]
        assert result.body["errors"][0]["message"] == "The query has 40 aliases; the limit is 30."
        assert result.body["extensions"]["cost"] == {
            "depth": 2,
            "aliases": 40,
            "rootFields": 40,
            "directives": 0,
        }
    assert validated == []
    # Under the limits, a document is validated as before (and a fragment cycle, which the
    # shape walk skips, is refused there).
    cycle = executor.prepare("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
    assert cycle.document is None and len(validated) == 1
    assert cycle.errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
