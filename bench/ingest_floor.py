#!/usr/bin/env python3
"""How fast could `launchgraph ingest` be? Each store's own work for a load, beside the command.

    python bench/ingest_floor.py --data bench/out/events-20000.jsonl --rounds 3

Issue 11 asks for 8,000 nested events/s end to end: 2.5 s for the 20,000 generated events.
This measures, per round and store, what no change to the ingest's Python can take away:

- the fixed cost: `launchgraph ingest -q` of an empty file into an empty store (interpreter
  start, imports, migration), timed from outside;
- the database's own work for the rows:
  - SQLite: the statements the ingest sends (captured in process, by wrapping
    `SqliteSink.submit`) replayed through `sqlite3` into another freshly migrated store with
    the engine's pragmas and the sink's page cache, in one transaction, then ANALYZE, as the
    ingest does. SQLite works on the ingest's own thread's GIL-free time: it is the part no
    Python flattener could overlap away.
  - PostgreSQL: the CPU time of the store's backends while `launchgraph ingest` loads the
    file (from /proc, so the server must run on this machine; sampled every 20 ms through
    pg_stat_activity, a backend's last few ms may be missed). The busiest backend is the
    load's transaction, which one connection runs from the first row to the commit (plus
    its share of the VACUUM after); the others ran the VACUUM beside it.
- the floor: the fixed cost plus that serial database work (the empty run's backends taken
  off on PostgreSQL): the command's time if its Python cost nothing and overlapped
  perfectly.
- `--anchor`: the kit's COPY loader (anchor/load.py) on the same file, in each round.

Prints each round and a summary (medians) with the machine's load. A benchmark, not a test:
the figures go into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import pickle
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest import PG_ADMIN, ScratchStore, ensure_data, run_anchor, uptime  # noqa: E402

from launchgraph.db import schema  # noqa: E402
from launchgraph.db.engine import make_engine  # noqa: E402
from launchgraph.db.ingest import sinks  # noqa: E402
from launchgraph.db.ingest.run import ingest  # noqa: E402

TICK = 0.02
CLOCK = 100  # /proc/<pid>/stat counts CPU time in clock ticks of 1/100 s (USER_HZ)


async def _cli(url: str, data: Path, db: str | None) -> tuple[float, dict[int, float]]:
    """Wall seconds of `launchgraph ingest -q data` into `url`, and (PostgreSQL: `db`) the
    CPU seconds of each backend of that database meanwhile."""
    env = {"DATABASE_URL": url, "PATH": str(Path(sys.executable).parent)}
    command = [sys.executable, "-m", "launchgraph", "ingest", "-q", str(data)]
    admin = await asyncpg.connect(PG_ADMIN) if db else None
    cpu: dict[int, float] = {}
    try:
        start = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(*command, env=env)
        while proc.returncode is None:
            if admin:
                pids = await admin.fetch("SELECT pid FROM pg_stat_activity WHERE datname = $1", db)
                for (pid,) in pids:
                    cpu[pid] = _cpu(pid, cpu.get(pid, 0.0))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), TICK)
        wall = time.perf_counter() - start
    finally:
        if admin:
            await admin.close()
    if proc.returncode:
        raise SystemExit(f"launchgraph ingest failed ({proc.returncode})")
    return wall, cpu


def _cpu(pid: int, last: float) -> float:
    """User and system CPU seconds of a process so far (`last` once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return last
    return (int(fields[11]) + int(fields[12])) / CLOCK  # utime, stime (fields 14 and 15)


def cli(backend: str, data: Path) -> tuple[float, dict[int, float]]:
    with ScratchStore(backend) as store:
        return asyncio.run(_cli(store.url, data, store.pg_name))


async def _capture(url: str, data: Path) -> list[tuple[str, list[Any]]]:
    captured: list[tuple[str, list[Any]]] = []
    submit = sinks.SqliteSink.submit

    async def recording(self: sinks.SqliteSink, ops: list[sinks.Op]) -> Any:
        for op in ops:
            captured.extend((sql, list(params)) for sql, params in self._statements(op))
        return await submit(self, ops)

    sinks.SqliteSink.submit = recording  # type: ignore[method-assign]
    engine = make_engine(url)
    try:
        report = await ingest(engine, [data])
    finally:
        sinks.SqliteSink.submit = submit  # type: ignore[method-assign]
        await engine.dispose()
    if report.errors:
        raise SystemExit(f"ingest failed: {report.errors[0]}")
    return captured


def sqlite_work(data: Path) -> float:
    """Seconds SQLite takes for the statements an ingest of `data` sends, then ANALYZE."""
    with ScratchStore("sqlite") as source:
        schema.upgrade_sync(source.url)
        # Through pickle, as the replay must not share a single object with the ingest.
        statements = pickle.loads(pickle.dumps(asyncio.run(_capture(source.url, data))))
    with ScratchStore("sqlite") as target:
        schema.upgrade_sync(target.url)
        path = target.url.removeprefix("sqlite:///")
        conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("PRAGMA cache_size=-65536")  # as SqliteSink's connection
        start = time.perf_counter()
        conn.execute("BEGIN")
        for sql, params in statements:
            conn.execute(sql, params)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        spent = time.perf_counter() - start
        conn.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("bench/out/events-20000.jsonl"))
    parser.add_argument("--events", type=int, default=20000, help="if --data must be made")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--db-prefix", default="lg_floor", help="scratch database names")
    parser.add_argument("--anchor", action="store_true", help="also time the kit's load.py")
    args = parser.parse_args()
    ScratchStore.prefix = args.db_prefix
    ensure_data(args.data, args.events)
    with args.data.open("rb") as fh:
        lines = sum(1 for line in fh if line.strip())
    empty = Path(tempfile.mkdtemp()) / "empty.jsonl"
    empty.write_bytes(b"")
    print(f"load before: {uptime()}", flush=True)
    budget = lines / 8000
    results: dict[str, list[tuple[float, float, float]]] = {}
    anchors: list[float] = []  # seconds
    for number in range(1, args.rounds + 1):
        for backend in args.only or ["sqlite", "postgresql"]:
            fixed, idle = cli(backend, empty)
            wall, busy = cli(backend, args.data)
            if backend == "sqlite":
                work = sqlite_work(args.data)
                detail = f"SQLite's statements, commit and ANALYZE {work:.2f} s"
            else:
                load = max(busy.values()) - max(idle.values(), default=0.0)
                beside = sum(busy.values()) - max(busy.values())
                work = load
                detail = (
                    f"the load's backend {load:.2f} s beyond the empty run's, "
                    f"VACUUM beside it {beside:.2f} s"
                )
            floor = fixed + work
            results.setdefault(backend, []).append((wall, fixed, floor))
            print(
                f"round {number} {backend:10s} launchgraph ingest {wall:5.2f} s "
                f"({lines / wall:,.0f} events/s); empty file {fixed:.2f} s; {detail}; "
                f"floor {floor:.2f} s ({lines / floor:,.0f} events/s)",
                flush=True,
            )
        if args.anchor:
            anchors.append(lines / run_anchor(args.data, lines))
    print(f"load after: {uptime()}", flush=True)
    print(f"\n8,000 events/s for {lines:,} events: {budget:.2f} s end to end\n")
    print(
        "| store | launchgraph ingest | empty file | database's own work | floor "
        "| floor events/s |\n| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for backend, rounds in results.items():
        wall, fixed, floor = (statistics.median(r[i] for r in rounds) for i in range(3))
        print(
            f"| {backend} | {wall:.2f} s | {fixed:.2f} s | {floor - fixed:.2f} s "
            f"| {floor:.2f} s | {lines / floor:,.0f} |"
        )
    if anchors:
        anchor = statistics.median(anchors)
        print(f"\nthe kit's COPY loader: {anchor:.2f} s ({lines / anchor:,.0f} events/s), median")


if __name__ == "__main__":
    main()
