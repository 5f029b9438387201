"""The plan nodes the REST views use, rendered on both stores: Stored (LL2's JSON of a
column), Concat (a url of this server), OffsetPage (a limit/offset page with its count) and
Nested (a small object of the row's own columns) and Statement.document (one root as the
whole answer)."""

from __future__ import annotations

import json
from typing import Any

from launchgraph.cli import sample_path
from launchgraph.db.graph import LAUNCH_PAD
from launchgraph.db.ingest.run import ingest
from launchgraph.db.queries.json_sql import JsonSQL
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.tables import metadata
from launchgraph.gql.compiled.plan import (
    Concat,
    Lit,
    Nested,
    Obj,
    ObjRoot,
    OffsetPage,
    One,
    Root,
    Stored,
)
from launchgraph.gql.compiled.render import Statement
from tests.conftest import Store

T = metadata.tables


async def document(store: Store, root: Root) -> Any:
    await ingest(store.engine, [sample_path()])
    async with store.engine.connect() as conn:
        statement = Statement(JsonSQL(conn.dialect.name)).document(root)
        text = (await conn.execute(statement)).scalar_one()
    return None if text is None else json.loads(text)


def pad_obj() -> Obj:
    pad = T["pad"]
    return Obj(
        "pad",
        "Pad",
        [
            ("id", Stored(pad.c.id)),
            ("url", Concat([Lit("http://x/pad/"), Stored(pad.c.id), Lit("/")])),
            ("latitude", Stored(pad.c.latitude)),
            ("longitude", Stored(pad.c.longitude, number=True)),
        ],
    )


def launch_obj() -> Obj:
    launch = T["launch"]
    return Obj(
        "launch",
        "Launch",
        [
            ("id", Stored(launch.c.id)),
            ("net", Stored(launch.c.net)),
            ("pad", One(LAUNCH_PAD, pad_obj())),
        ],
    )


async def test_a_lookup_renders_ll2_values(store: Store) -> None:
    got = await document(store, ObjRoot(87, pad_obj()))
    assert got == {
        "id": 87,
        "url": "http://x/pad/87/",
        "latitude": "28.60822681",
        "longitude": -80.60428186,
    }
    assert await document(store, ObjRoot(-1, pad_obj())) is None


async def test_a_nested_object_of_the_rows_columns(store: Store) -> None:
    pad = T["pad"]
    both = Nested([("id", Stored(pad.c.id)), ("name", Stored(pad.c.name))])
    none = Nested([("info", Stored(pad.c.info_url)), ("id", Stored(pad.c.id))])
    got = await document(store, ObjRoot(87, Obj("pad", "Pad", [("a", both), ("b", none)])))
    assert got == {"a": {"id": 87, "name": "Launch Complex 39A"}, "b": None}


async def test_an_offset_page_counts_and_links(store: Store) -> None:
    keys = LISTINGS["launch"].keys([("NET", False)])
    page = OffsetPage("launch", {}, keys, 3, 2, launch_obj(), "NEXT", "PREV")
    got = await document(store, page)
    assert list(got) == ["count", "next", "previous", "results"]
    assert got["next"] == "NEXT" and got["previous"] == "PREV"
    nets = [r["net"] for r in got["results"]]
    assert len(nets) == 3 and nets == sorted(nets, reverse=True)
    assert all(n.endswith("Z") for n in nets)
    assert all(isinstance(r["pad"]["id"], int) for r in got["results"])
    whole = await document(store, OffsetPage("launch", {}, keys, 100, 0, launch_obj(), "N", None))
    assert whole["count"] == len(whole["results"]) == got["count"]
    assert whole["next"] is None and whole["previous"] is None
    assert [r["id"] for r in whole["results"][2:5]] == [r["id"] for r in got["results"]]
    far = OffsetPage("launch", {}, keys, 5, 10_000, launch_obj(), "N", "P")
    beyond = await document(store, far)
    assert beyond["results"] == [] and beyond["next"] is None
