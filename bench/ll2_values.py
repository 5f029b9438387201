"""How much of LL2's real data comes back through GraphQL: the share of leaf values.

    .venv/bin/python bench/ll2_values.py [LAUNCHES.jsonl]   (default: /work/shared/ll2/real/)

Every leaf of every launch payload (a scalar, or an empty list or object) counts once. Each
launch is asked for with a selection built from the payload itself (every key it holds, as
the fidelity tests do), and a leaf is lost when the comparer (tests/gql_helpers.py) reports
a difference at it or above it. Two figures:

- together: every launch ingested into one SQLite store. Launches share agencies, pads,
  configurations ... as snapshots of different dates, and one snapshot of each is kept, so
  some values of the other snapshots differ (not lost: overwritten by a newer copy).
- alone: each launch read back from a store holding it alone (a copy of an empty migrated
  store). What is lost here is what LaunchGraph does not serve.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from launchgraph.db.engine import make_engine  # noqa: E402
from launchgraph.db.ingest.run import ingest  # noqa: E402
from launchgraph.db.schema import upgrade  # noqa: E402
from tests.conftest import Store  # noqa: E402
from tests.gql_helpers import Api, ll2_differences, native_ll2_ids, selection_for  # noqa: E402

DEFAULT = Path("/work/shared/ll2/real/launches.jsonl")


def leaves(value: Any, path: str = "$") -> list[str]:
    if isinstance(value, dict) and value:
        return [p for k, v in value.items() for p in leaves(v, f"{path}.{k}")]
    if isinstance(value, list) and value:
        return [p for i, v in enumerate(value) for p in leaves(v, f"{path}[{i}]")]
    return [path]


def lost(paths: list[str], differences: list[str]) -> list[str]:
    where = [d.split(": ", 1)[0] for d in differences]
    return [p for p in paths if any(p == w or p.startswith((w + ".", w + "[")) for w in where)]


UNSERVED: set[str] = set()  # LL2 keys no GraphQL field shows (found as they come)


def without(value: Any, keys: set[str]) -> Any:
    if isinstance(value, list):
        return [without(v, keys) for v in value]
    if isinstance(value, dict):
        return {k: without(v, keys) for k, v in value.items() if k not in keys}
    return value


def selection(launch: dict[str, Any]) -> str:
    """The selection of every key of the payload that the schema serves."""
    while True:
        try:
            return selection_for("Launch", [without(launch, UNSERVED)])
        except AssertionError as exc:
            found = re.search(r"LL2 key '([^']+)'", str(exc))
            if not found:
                raise
            UNSERVED.add(found.group(1))


async def read_back(api: Api, launch: dict[str, Any]) -> list[str]:
    query = f'{{ launch(ll2Id: "{launch["id"]}") {{ {selection(launch)} }} }}'
    resp = await api.post(query)
    body = resp.json()
    if "errors" in body:
        return [f"$: {body['errors']}"]
    return ll2_differences(launch, native_ll2_ids(body["data"]["launch"]), "Launch")


def kind(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


async def main(source: Path) -> None:
    launches = [json.loads(line) for line in source.open() if line.strip()]
    paths = {la["id"]: leaves(la) for la in launches}
    total = sum(len(p) for p in paths.values())
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.db"
        await upgrade(f"sqlite:///{empty}")

        together = Path(folder) / "together.db"
        shutil.copy(empty, together)
        url = f"sqlite:///{together}"
        engine = make_engine(url)
        await ingest(engine, [source])
        api = Api(Store("sqlite", url, engine))
        missed_together = 0
        for launch in launches:
            missed_together += len(lost(paths[launch["id"]], await read_back(api, launch)))
        await engine.dispose()

        missed_alone: Counter[str] = Counter()
        for i, launch in enumerate(launches):
            one = Path(folder) / f"one-{i}.db"
            shutil.copy(empty, one)
            (Path(folder) / "one.json").write_text(json.dumps(launch))
            url = f"sqlite:///{one}"
            engine = make_engine(url)
            await ingest(engine, [Path(folder) / "one.json"])
            api = Api(Store("sqlite", url, engine))
            for path in lost(paths[launch["id"]], await read_back(api, launch)):
                missed_alone[kind(path)] += 1
            await engine.dispose()
            one.unlink()
    alone = sum(missed_alone.values())
    print(f"launches: {len(launches)}, leaf values: {total:,}")
    print(f"together: {total - missed_together:,} come back ({1 - missed_together / total:.2%})")
    print(f"alone:    {total - alone:,} come back ({1 - alone / total:.2%})")
    print(f"keys no field serves: {sorted(UNSERVED)}")
    for path, count in missed_alone.most_common(30):
        print(f"  lost alone: {count:5}  {path}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
