"""Shared tools of the GraphQL API tests: an HTTP client on the real app, LL2 payloads and an
independent Python model of them, the LL2-vs-GraphQL comparer, page walkers, and a SQL
statement counter.

Every request goes through the real ASGI app (Starlette, GraphQL-over-HTTP, executor,
loaders, SQL) on the test's own database, with a fixed clock.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

from launchgraph.app import create_app
from launchgraph.db import statements
from launchgraph.db.ingest.run import ingest
from launchgraph.gql.schema import schema
from launchgraph.graphql_http import EXECUTOR_HEADER
from launchgraph.settings import Settings
from tests.conftest import Store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "launchgraph" / "sample" / "events.json"
SCHEMA = schema._schema

# 'now' of most tests: between the sample's events (two of them are dated 2026-07-31T00:00Z,
# exactly one day before, so they sit on the upcoming list's boundary).
FIXED_NOW = datetime(2026, 8, 1, tzinfo=UTC)


# --- LL2 payloads -------------------------------------------------------------------------


def read_ll2(path: Path) -> list[dict[str, Any]]:
    """The LL2 objects of a file: a list page's results, a detail object, or JSON Lines."""
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    data = json.loads(path.read_text())
    return data["results"] if isinstance(data, dict) and "results" in data else [data]


def write_page(path: Path, results: list[dict[str, Any]]) -> Path:
    """Write `results` as an LL2 list page."""
    page = {"count": len(results), "next": None, "previous": None, "results": results}
    path.write_text(json.dumps(page))
    return path


def sample_with_nulls(folder: Path) -> Path:
    """The sample dataset with `last_updated` null on every event whose id is a multiple of 4,
    as API 2.0.0 payloads have it; so orderings meet NULLs among duplicates."""
    events = read_ll2(SAMPLE)
    for ev in events:
        if ev["id"] % 4 == 0:
            ev["last_updated"] = None
    return write_page(folder / "sample-with-nulls.json", events)


async def load(store: Store, *paths: Path) -> None:
    """Ingest files into the store; any refused file fails the test."""
    report = await ingest(store.engine, list(paths))
    assert not report.errors, report.errors
    assert report.files == len(paths)


def instant(text: str | None) -> datetime | None:
    """An LL2 or GraphQL timestamp as an aware datetime."""
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- The API over HTTP --------------------------------------------------------------------

GRAPHQL_RESPONSE = "application/graphql-response+json"


class Api:
    """The real application on one store, reached through httpx's ASGI transport."""

    def __init__(self, store: Store, now: datetime = FIXED_NOW) -> None:
        settings = Settings(database_url=store.url, executor=store.executor)
        self.app = create_app(settings, engine=store.engine, clock=lambda: now)
        # The execution path of every answer, in order (the launchgraph-executor header).
        self.paths: list[str | None] = []

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://test"
        )

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        async with self.client() as c:
            return await c.get(path, **kwargs)

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        body: dict[str, Any] = {"query": query}
        if variables:
            body["variables"] = variables
        async with self.client() as c:
            resp = await c.post("/graphql", json=body, headers=headers)
        self.paths.append(resp.headers.get(EXECUTOR_HEADER))
        return resp

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        """The `data` of a query that must succeed."""
        resp = await self.post(query, variables)
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"].startswith("application/json")
        body = resp.json()
        assert "errors" not in body, body["errors"]
        return native_ll2_ids(body["data"])


def native_ll2_ids(value: Any) -> Any:
    """`value` with every `ll2Id` (an ID, so a string) back in LL2's own type: an int, or a
    launch's UUID string. Tests compare answers with LL2 JSON, where ids are numbers."""
    if isinstance(value, list):
        return [native_ll2_ids(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: native_ll2_ids(v) for k, v in value.items()}
    key = out.get("ll2Id")
    if isinstance(key, str) and key.lstrip("-").isdigit():
        out["ll2Id"] = int(key)
    return out


def global_id(type_name: str, ll2_id: Any) -> str:
    return base64.b64encode(f"{type_name}:{ll2_id}".encode()).decode()


def decode_global_id(gid: str) -> tuple[str, str]:
    type_name, _, key = base64.b64decode(gid).decode().partition(":")
    return type_name, key


def dig(data: Any, path: Iterable[str]) -> Any:
    for key in path:
        data = data[key]
    return data


# --- Queries built from the schema --------------------------------------------------------

PAGE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"


def connection_query(root: str, selection: str = "ll2Id", with_args: Iterable[str] = ()) -> str:
    """A query of root connection `root` taking `$first $after $last $before` and the other
    arguments named in `with_args` (typed as the schema declares them)."""
    field_def = SCHEMA.query_type.fields[root]
    names = ["first", "after", "last", "before", *with_args]
    decl = ", ".join(f"${n}: {field_def.args[n].type}" for n in names)
    args = ", ".join(f"{n}: ${n}" for n in names)
    return (
        f"query({decl}) {{ {root}({args}) {{ {PAGE} edges {{ cursor node {{ {selection} }} }} }} }}"
    )


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


# --- LL2 JSON against GraphQL output ------------------------------------------------------

# LL2 keys whose GraphQL name is not simply the camelCase of the key.
RENAMED = {"id": "ll2Id", "program": "programs"}

# LL2 objects the schema flattens to one scalar: (GraphQL type, LL2 key) -> (field, sub-key).
FLATTENED = {
    (t, k): v
    for t in ("InfoURL", "VidURL")
    for k, v in {"type": ("typeName", "name"), "language": ("languageCode", "code")}.items()
}

# LL2 keys the schema does not expose, as "GraphQLType.ll2_key.sub_key". Anything else in an
# LL2 payload must be in the response, or the comparison fails.
NOT_EXPOSED = {
    f"{t}.{k}" for t in ("InfoURL", "VidURL") for k in ("type.id", "language.id", "language.name")
}


def _texts() -> dict[tuple[str, str], tuple[str, str]]:
    """(GraphQL type, LL2 key) -> (field, part) for the keys older APIs sent as a string and
    2.3.0 sends as an object (db.tables.eras.text_of): a string value shows in that field."""
    from launchgraph.db.tables import metadata
    from launchgraph.gql.types.entities import TYPES

    out = {}
    for table, cls in TYPES.items():
        for column in metadata.tables[table].c:
            text = column.info.get("ll2_text")
            if text:
                out[(SCHEMA.get_type(cls.__name__).name, text[0])] = (camel(column.name), text[1])
    return out


def _nested_parts() -> dict[tuple[str, str], dict[str, str]]:
    """(GraphQL type, LL2 key) -> {part: field} for small LL2 objects flattened into columns
    (db.tables.urls.nested): an image's licence, a station's type ..."""
    from launchgraph.db.tables import metadata
    from launchgraph.gql.types.entities import TYPES

    out: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for table, cls in TYPES.items():
        for column in metadata.tables[table].c:
            nested = column.info.get("ll2")
            if nested:
                out[(SCHEMA.get_type(cls.__name__).name, nested[0])][nested[1]] = camel(column.name)
    return dict(out)


NESTED_PARTS = _nested_parts()
TEXT_OF = _texts()
for (_type, _key), (_field, _part) in TEXT_OF.items():
    if _field == _key:  # the same key's object is flattened (agency.type: {id, name})
        FLATTENED[(_type, _key)] = (_field, _part)
        NOT_EXPOSED.add(f"{_type}.{_key}.id")


def _unwrap(gtype: Any) -> Any:
    while isinstance(gtype, GraphQLNonNull):
        gtype = gtype.of_type
    return gtype


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _relation_keys() -> dict[tuple[str, str], str]:
    """(GraphQL type, LL2 key) -> field, for relations named otherwise than their LL2 keys
    (db.graph: `launcher_stage` is Rocket.launcherStages)."""
    from launchgraph.db import graph
    from launchgraph.gql.types.entities import TYPES

    return {
        (SCHEMA.get_type(TYPES[r.owner].__name__).name, key): camel(r.name)
        for r in graph.RELATIONS
        if not isinstance(r, graph.Reverse) and r.owner in TYPES
        for key in r.ll2
        if key != r.name
    }


RELATION_KEYS = _relation_keys()


def _ll2_field(type_name: str, key: str) -> tuple[str, Any]:
    """(GraphQL field name, its type) that shows LL2 key `key` of a `type_name` object."""
    name = RENAMED.get(key) or RELATION_KEYS.get((type_name, key)) or camel(key)
    found = SCHEMA.type_map[type_name].fields.get(name)
    assert found is not None, (
        f"LL2 key {key!r} of {type_name} has no GraphQL field {name!r}: expose it, or list it "
        "in NOT_EXPOSED if leaving it out is intended"
    )
    return name, found.type


def selection_for(type_name: str, samples: list[dict[str, Any]]) -> str:
    """A selection set asking for every LL2 key present in `samples` (objects that a
    `type_name` renders), nested objects recursively."""
    keys = list(dict.fromkeys(k for s in samples for k in s))
    parts = []
    for key in keys:
        if (type_name, key) in FLATTENED:
            parts.append(FLATTENED[(type_name, key)][0])
            parts.extend(NESTED_PARTS.get((type_name, key), {}).values())
            continue
        if (type_name, key) in NESTED_PARTS and (type_name, key) not in TEXT_OF:
            parts.extend(NESTED_PARTS[(type_name, key)].values())
            continue
        if (type_name, key) in TEXT_OF and any(
            type(s.get(key)) not in (dict, list) for s in samples
        ):
            parts.append(TEXT_OF[(type_name, key)][0])
            if all(type(s.get(key)) not in (dict, list) for s in samples):
                continue
        if (type_name, key) in TEXT_OF and any(type(s.get(key)) is list for s in samples):
            parts.append(TEXT_OF[(type_name, key)][0])
            if _scalar_field(type_name, key):
                continue
        name, gtype = _ll2_field(type_name, key)
        inner = get_named_type(gtype)
        if isinstance(inner, GraphQLObjectType):
            nested = [x for s in samples for x in _items(s.get(key)) if isinstance(x, dict)]
            parts.append(f"{name} {{ {selection_for(inner.name, nested) or '__typename'} }}")
        else:
            parts.append(name)
    return " ".join(parts)


def _scalar_field(type_name: str, key: str) -> bool:
    """Whether the field named as LL2 key `key` is a scalar (the text itself, no relation)."""
    found = SCHEMA.type_map[type_name].fields.get(RELATION_KEYS.get((type_name, key), camel(key)))
    return found is None or not isinstance(get_named_type(found.type), GraphQLObjectType)


def _same_scalar(want: Any, got: Any, scalar: str) -> bool:
    if scalar == "DateTime":
        return isinstance(got, str) and instant(want) == instant(got)
    if scalar == "Float":  # LL2 sends pad coordinates as decimal strings
        return isinstance(got, int | float) and float(want) == float(got)
    if scalar == "Int":  # founding_year and launch_cost came as text before API 2.3.0
        text = type(want) is str and want.isdigit()
        return type(got) is int and (want == got or (text and int(want) == got))
    if scalar == "ID":  # ll2Id: LL2's id, int or UUID
        return got == want
    return type(got) is type(want) and want == got


def ll2_differences(want: Any, got: Any, type_name: str, path: str = "$") -> list[str]:
    """Every way the GraphQL value `got` (a `type_name`, or a list of them) differs from the
    LL2 JSON `want`; empty when they agree. Lists must hold the same items in LL2's order."""
    out: list[str] = []
    gtype = SCHEMA.type_map[type_name]
    _compare(want, got, GraphQLList(gtype) if isinstance(want, list) else gtype, path, out)
    return out


def _compare(want: Any, got: Any, gtype: Any, path: str, out: list[str]) -> None:
    gtype = _unwrap(gtype)
    if want is None and got == [] and isinstance(gtype, GraphQLList):
        return  # no object where API 2.3.0 sends a list (spacecraft_stage before it)
    if want is None or got is None:
        if want is not got:
            out.append(f"{path}: LL2 {want!r} but GraphQL {got!r}")
        return
    if isinstance(want, list):
        if not isinstance(gtype, GraphQLList) or not isinstance(got, list):
            out.append(f"{path}: LL2 list but GraphQL {got!r}")
        elif len(want) != len(got):
            out.append(f"{path}: LL2 has {len(want)} items, GraphQL {len(got)}")
        else:
            for i, (w, g) in enumerate(zip(want, got, strict=True)):
                _compare(w, g, gtype.of_type, f"{path}[{i}]", out)
        return
    if isinstance(want, dict) and isinstance(gtype, GraphQLList) and isinstance(got, list):
        # One object where API 2.3.0 sends a list (a rocket's spacecraft_stage before it).
        if len(got) != 1:
            out.append(f"{path}: LL2 has one object, GraphQL {len(got)} items")
        else:
            _compare(want, got[0], gtype.of_type, path, out)
        return
    if isinstance(want, dict):
        if not isinstance(gtype, GraphQLObjectType) or not isinstance(got, dict):
            out.append(f"{path}: LL2 object but GraphQL {got!r}")
        else:
            _compare_object(want, got, gtype.name, path, out)
        return
    if not _same_scalar(want, got, gtype.name):
        out.append(f"{path}: LL2 {want!r} but GraphQL {got!r}")


def _compare_object(want: dict, got: dict, type_name: str, path: str, out: list[str]) -> None:
    for key, value in want.items():
        here = f"{path}.{key}"
        if (type_name, key) in FLATTENED:
            name, sub = FLATTENED[(type_name, key)]
            if isinstance(value, list):  # 2.3.0's objects for an older comma-separated text
                value = ",".join(x[sub] for x in value if x.get(sub) is not None)
            elif isinstance(value, dict):
                # The object's other parts, flattened into their own columns (typeId ...).
                columns = NESTED_PARTS.get((type_name, key), {})
                for part, field_name in columns.items():
                    if part in value and part != sub:
                        gtype = _unwrap(SCHEMA.type_map[type_name].fields[field_name].type)
                        _compare(value[part], got.get(field_name), gtype, f"{here}.{part}", out)
                hidden = {
                    k
                    for k in value
                    if k != sub and k not in columns and f"{type_name}.{key}.{k}" not in NOT_EXPOSED
                }
                if hidden:
                    out.append(f"{here}: keys {sorted(hidden)} are neither exposed nor listed")
                value = value.get(sub)
            _compare(value, got.get(name), SCHEMA.type_map["String"], here, out)
            continue
        if (type_name, key) in NESTED_PARTS and (type_name, key) not in TEXT_OF:
            fields = NESTED_PARTS[(type_name, key)]
            value = value if isinstance(value, dict) else {}
            for part in sorted(set(value) - set(fields)):
                out.append(f"{here}.{part}: no field holds it")
            for part, name in fields.items():
                if name not in got:
                    out.append(f"{here}.{part}: {type_name}.{name} missing from the response")
                elif part in value:
                    gtype = _unwrap(SCHEMA.type_map[type_name].fields[name].type)
                    _compare(value[part], got[name], gtype, f"{here}.{part}", out)
            continue
        if (type_name, key) in TEXT_OF and type(value) is list:
            # A list of objects whose parts older versions sent as one text ("FRA,DEU").
            text, part = TEXT_OF[(type_name, key)]
            joined = ",".join(x[part] for x in value if x.get(part) is not None)
            _compare(joined, got.get(text), SCHEMA.type_map["String"], here, out)
            if _scalar_field(type_name, key):
                continue
        elif (type_name, key) in TEXT_OF and type(value) is not dict:
            text = TEXT_OF[(type_name, key)][0]
            _compare(value, got.get(text), SCHEMA.type_map["String"], here, out)
            continue
        try:
            name, gtype = _ll2_field(type_name, key)
        except AssertionError as exc:
            out.append(f"{here}: {exc}")
            continue
        if name not in got:
            out.append(f"{here}: {type_name}.{name} missing from the response")
            continue
        _compare(value, got[name], gtype, here, out)


# --- An independent model of LL2 payloads -------------------------------------------------

# Where each kind of LL2 object nests others: kind -> {key: nested kind}.
NESTED = {
    "event": {
        "type": "event_type",
        "date_precision": "date_precision",
        "launches": "launch",
        "agencies": "agency",
        "program": "program",
        "spacestations": "spacestation",
        "expeditions": "expedition",
        "updates": "event_update",
    },
    "launch": {
        "status": "launch_status",
        "net_precision": "date_precision",
        "launch_service_provider": "agency",
        "rocket": "rocket",
        "mission": "mission",
        "pad": "pad",
        "program": "program",
    },
    "rocket": {"configuration": "launcher_config"},
    "launcher_config": {"manufacturer": "agency"},
    "mission": {"orbit": "orbit", "agencies": "agency"},
    "pad": {"location": "location"},
    "program": {"type": "program_type", "agencies": "agency", "mission_patches": "mission_patch"},
    "mission_patch": {"agency": "agency"},
    "expedition": {"spacestation": "spacestation"},
    "spacestation": {"status": "spacestation_status"},
}


@dataclass
class LL2:
    """Every LL2 object of some event payloads, by kind and id. An object met several times is
    the union of its copies' keys (payloads nest shorter copies of shared objects)."""

    objects: dict[str, dict[Any, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    copies: dict[str, dict[Any, list[dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    @classmethod
    def of(cls, *paths: Path) -> LL2:
        model = cls()
        for path in paths:
            for ev in read_ll2(path):
                model._add("event", ev)
        return model

    def _add(self, kind: str, obj: dict[str, Any]) -> None:
        self.copies[kind][obj["id"]].append(obj)
        self.objects[kind].setdefault(obj["id"], {}).update(obj)
        for key, sub in NESTED.get(kind, {}).items():
            for item in _items(obj.get(key)):
                if isinstance(item, dict):
                    self._add(sub, item)

    def consistent(self, kind: str, key: Any, attr: str) -> bool:
        """Whether every copy of an object that carries `attr` agrees on it."""
        return len({json.dumps(c[attr]) for c in self.copies[kind][key] if attr in c}) <= 1

    @property
    def events(self) -> dict[int, dict[str, Any]]:
        return self.objects["event"]

    @property
    def launches(self) -> dict[str, dict[str, Any]]:
        return self.objects["launch"]

    def events_of_launch(self, launch_id: str) -> list[int]:
        return sorted(e["id"] for e in self.events.values() if launch_id in ids(e.get("launches")))


def ids(items: list[dict[str, Any]] | None) -> list[Any]:
    return [x["id"] for x in items or []]


def ref(obj: dict[str, Any] | None, *path: str) -> Any:
    """The id at the end of a chain of nested objects, or None where a link is missing."""
    for key in path:
        if obj is None:
            return None
        obj = obj.get(key)
    return None if obj is None else obj["id"]


# --- Expected orderings -------------------------------------------------------------------


def ordered(
    rows: Iterable[dict[str, Any]],
    keys: list[tuple[Callable[[dict[str, Any]], Any], bool]],
) -> list[Any]:
    """Ids of `rows` sorted by [(value of row, ascending)], NULL as the greatest value, the
    id last in the direction of the last key (as the API orders)."""
    rows = list(rows)
    keys = [*keys, (lambda r: r["id"], keys[-1][1] if keys else True)]
    for value, ascending in reversed(keys):  # stable sorts, least significant first
        present = [r for r in rows if value(r) is not None]
        missing = [r for r in rows if value(r) is None]
        present.sort(key=value, reverse=not ascending)
        rows = present + missing if ascending else missing + present
    return [r["id"] for r in rows]


def by_instant(key: str) -> Callable[[dict[str, Any]], datetime | None]:
    return lambda row: instant(row.get(key))


# --- Walking connections ------------------------------------------------------------------


@dataclass
class Page:
    ids: list[Any]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    start: str | None
    end: str | None
    total: int | None


def as_page(conn: dict[str, Any], id_field: str = "ll2Id") -> Page:
    info = conn["pageInfo"]
    return Page(
        ids=[e["node"][id_field] for e in conn["edges"]],
        cursors=[e["cursor"] for e in conn["edges"]],
        has_next=info["hasNextPage"],
        has_previous=info["hasPreviousPage"],
        start=info["startCursor"],
        end=info["endCursor"],
        total=conn.get("totalCount"),
    )


async def walk(
    api: Api,
    query: str,
    path: list[str],
    size: int,
    backwards: bool = False,
    **variables: Any,
) -> list[Page]:
    """Every page of a connection, following endCursor forwards (first/after) or startCursor
    backwards (last/before), in the order visited. `query` takes $first $after $last $before."""
    pages: list[Page] = []
    cursor = None
    for _ in range(1000):
        args = {"last": size, "before": cursor} if backwards else {"first": size, "after": cursor}
        page = as_page(dig(await api.data(query, **variables, **args), path))
        pages.append(page)
        more = page.has_previous if backwards else page.has_next
        if not more:
            return pages
        cursor = page.start if backwards else page.end
    raise AssertionError("the connection never ended")


def check_walk(pages: list[Page], expected: list[Any], size: int, backwards: bool) -> None:
    """A walk visited `expected` exactly once, in order, in pages of `size`, with pageInfo
    flags and cursors consistent at each step."""
    seen = [i for p in (reversed(pages) if backwards else pages) for i in p.ids]
    assert seen == expected
    assert len(pages) == max(1, -(-len(expected) // size))
    for n, page in enumerate(pages):
        first_step, last_step = n == 0, n == len(pages) - 1
        assert len(page.ids) == min(size, len(expected) - size * n)
        if backwards:
            assert page.has_previous is not last_step
            assert page.has_next is not first_step
        else:
            assert page.has_next is not last_step
            assert page.has_previous is not first_step
        assert page.start == (page.cursors[0] if page.cursors else None)
        assert page.end == (page.cursors[-1] if page.cursors else None)
        assert page.total == len(expected)


async def fetch_all(api: Api, root: str, selection: str = "ll2Id", **args: Any) -> list[Any]:
    """Every node of root connection `root` under `args` (filter, orderBy ...), page by page."""
    query = connection_query(root, selection, args)
    nodes = []
    cursor = None
    while True:
        conn = (await api.data(query, first=100, after=cursor, **args))[root]
        nodes += [e["node"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            assert conn["totalCount"] == len(nodes)
            return nodes
        cursor = conn["pageInfo"]["endCursor"]


# --- Counting SQL statements --------------------------------------------------------------


@contextmanager
def count_statements(store: Store) -> Iterator[list[str]]:
    """Collects the SQL of every statement the store's engine runs inside the block."""
    seen: list[str] = []
    statements.listen(store.engine, seen.append)
    try:
        yield seen
    finally:
        statements.remove(store.engine, seen.append)
