#!/usr/bin/env python3
"""Ingest benchmark: nested LL2 events per second into SQLite and PostgreSQL.

    python bench/ingest.py                       # 20,000 events, both stores
    python bench/ingest.py --events 2000 --only sqlite
    python bench/ingest.py --profile prof.out    # cProfile of the ingest, per store
    python bench/ingest.py --phases              # wall time of each stage, no profiler
    python bench/ingest.py --cli                 # also time `launchgraph ingest` end to end
    python bench/ingest.py --cli --anchor        # and the reference loader (anchor/load.py)
    python bench/ingest.py --cli --anchor --rounds 2   # alternate everything twice
    python bench/ingest.py --cli --before SRC    # and `launchgraph ingest` of another version

Generates the data with shared/bench/gen_ll2.py when the file is missing, ingests it into a
scratch SQLite file and a scratch PostgreSQL database (created and dropped here), and prints
events/s for the ingest alone and with the migration of the empty database; --cli also times
the `launchgraph ingest` command itself (interpreter start, migration, ingest) into another
scratch store, with the command's CPU seconds; --anchor also times the reference kit's
loader (`anchor/load.py`, COPY into a normalised schema) on the same file into a scratch
PostgreSQL database, in the same run.
The kit is found beside the repository (../shared/bench) or at SHARED_BENCH. `--before SRC`
also times `launchgraph ingest` of another version of the package in each round, alternated
with this one (SRC: a folder with a `launchgraph` package laid out as installed, first on
PYTHONPATH). Scratch PostgreSQL databases are named by `--db-prefix` (lg_bench_*).
The machine's load (`uptime`) is printed before and after, and a summary of the rounds at the
end (events/s, and `launchgraph ingest` over the kit's loader in the same round).
A benchmark, not a test: the figures go into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from launchgraph.db import schema  # noqa: E402
from launchgraph.db.engine import make_engine  # noqa: E402
from launchgraph.db.ingest import run as ingest_run  # noqa: E402
from launchgraph.db.ingest import sinks, sources  # noqa: E402
from launchgraph.db.ingest.run import ingest  # noqa: E402
from launchgraph.db.tables.events import Event  # noqa: E402
from launchgraph.db.tables.launches import Launch  # noqa: E402

KIT = Path(os.environ.get("SHARED_BENCH", ROOT.parent / "shared" / "bench"))
GEN = KIT / "gen_ll2.py"
PG_ADMIN = os.environ.get(
    "LAUNCHGRAPH_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def ensure_data(path: Path, events: int) -> None:
    if path.exists():
        return
    if not GEN.exists():
        sys.exit(f"{path} is missing and the generator {GEN} is not there to make it")
    print(f"generating {events} events into {path} ...", flush=True)
    subprocess.run(
        [sys.executable, str(GEN), "--events", str(events), "--out", str(path)], check=True
    )


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class Phases:
    """Wall time of each stage of an ingest, by wrapping the stages' functions (no profiler,
    so the figures are not inflated): what Python does, and what is left, which is waiting
    for the database to apply the batches it was handed (the two overlap, see run.py)."""

    STAGES = {
        "read and parse (sources.read)": "read",
        "flatten (run._flatten)": "flatten",
        "plan the writes (writer.plan_writes)": "plan",
        "stamps lookup (run._lookup)": "lookup",
        "hand a batch to the driver (sink.submit)": "submit",
        "keys set aside / added back (PostgreSQL)": "keys",
        "statistics (run.refresh_statistics)": "stats",
    }

    def __init__(self) -> None:
        self.spent: dict[str, float] = dict.fromkeys(self.STAGES.values(), 0.0)
        self.undo: list[tuple[object, str, object]] = []

    def _patch(self, owner: object, name: str, wrapper: object) -> None:
        self.undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, wrapper)

    def _sync(self, owner: object, name: str, stage: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - start

        self._patch(owner, name, timed)

    def _async(self, owner: object, name: str, stage: str) -> None:
        inner = getattr(owner, name)

        async def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return await inner(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - start

        self._patch(owner, name, timed)

    def __enter__(self) -> Phases:
        read = sources.read

        def timed_read(path: Path) -> object:
            items = read(path)
            while True:
                start = time.perf_counter()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.spent["read"] += time.perf_counter() - start
                yield item

        self._patch(sources, "read", timed_read)
        self._sync(ingest_run, "_flatten", "flatten")
        self._sync(ingest_run, "plan_writes", "plan")
        self._async(ingest_run, "_lookup", "lookup")
        self._async(ingest_run, "refresh_statistics", "stats")
        for sink in (sinks.SqliteSink, sinks.PostgresSink):
            self._async(sink, "submit", "submit")
        self._async(sinks.PostgresSink, "set_keys_aside", "keys")
        self._async(sinks.PostgresSink, "finish", "keys")
        return self

    def __exit__(self, *_exc: object) -> None:
        for owner, name, original in reversed(self.undo):
            setattr(owner, name, original)

    def table(self, total: float) -> str:
        lines = ["| stage | seconds | share |", "| --- | ---: | ---: |"]
        for label, stage in self.STAGES.items():
            spent = self.spent[stage]
            lines.append(f"| {label} | {spent:.2f} | {spent / total:.0%} |")
        rest = total - sum(self.spent.values())
        lines.append(
            f"| waiting for the database, commit, other | {rest:.2f} | {rest / total:.0%} |"
        )
        lines.append(f"| total | {total:.2f} | 100% |")
        return "\n".join(lines)


async def _ingest_timed(
    url: str, data: Path, profile: Path | None, phases: bool = False
) -> tuple[float, int, int]:
    engine = make_engine(url)
    prof = cProfile.Profile() if profile else None
    timer = Phases() if phases else None
    try:
        start = time.perf_counter()
        if prof:
            prof.enable()
        if timer:
            with timer:
                report = await ingest(engine, [data])
        else:
            report = await ingest(engine, [data])
        if prof:
            prof.disable()
        elapsed = time.perf_counter() - start
        if timer:
            print(f"{engine.dialect.name}: where the time went\n{timer.table(elapsed)}")
        if report.errors:
            raise SystemExit(f"ingest failed: {report.errors[0]}")
        async with engine.connect() as conn:
            events = (await conn.execute(select(func.count()).select_from(Event))).scalar_one()
            launches = (await conn.execute(select(func.count()).select_from(Launch))).scalar_one()
    finally:
        await engine.dispose()
    if prof and profile:
        prof.dump_stats(profile)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return elapsed, events, launches


class ScratchStore:
    """An empty database of one backend: a file in a temporary folder, or a PostgreSQL
    database created here and dropped on exit."""

    prefix = "lg_bench"

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.tmp = tempfile.TemporaryDirectory()
        self.pg_name: str | None = None
        if backend == "sqlite":
            self.url = f"sqlite:///{self.tmp.name}/bench.db"
        else:
            self.pg_name = f"{self.prefix}_{uuid.uuid4().hex[:10]}"
            asyncio.run(_pg_admin(f'CREATE DATABASE "{self.pg_name}"'))
            url = make_url(PG_ADMIN).set(database=self.pg_name)
            self.url = url.render_as_string(hide_password=False)

    def __enter__(self) -> ScratchStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.pg_name:
            asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)'))
        self.tmp.cleanup()


def run_store(
    backend: str, data: Path, lines: int, profile: Path | None, phases: bool = False
) -> float:
    with ScratchStore(backend) as store:
        start = time.perf_counter()
        schema.upgrade_sync(store.url)
        migrate = time.perf_counter() - start
        prof = profile.with_suffix(f".{backend}.prof") if profile else None
        elapsed, events, launches = asyncio.run(_ingest_timed(store.url, data, prof, phases))
    print(
        f"{backend:10s} {lines} events in {elapsed:6.2f} s = {lines / elapsed:7.0f} events/s "
        f"(with migration {migrate:.2f} s: {lines / (elapsed + migrate):7.0f} events/s); "
        f"stored {events} events, {launches} launches",
        flush=True,
    )
    return lines / elapsed


def run_cli(backend: str, data: Path, lines: int, src: Path | None = None) -> float:
    """`launchgraph ingest -q FILE` as a user runs it, timed from outside (of the package
    in `src` when given)."""
    with ScratchStore(backend) as store:
        env = {**os.environ, "DATABASE_URL": store.url}
        if src:
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
        command = [sys.executable, "-m", "launchgraph", "ingest", "-q", str(data)]
        used = _children_cpu()
        start = time.perf_counter()
        # `-m` puts the working folder first on sys.path: the other version's, when given.
        subprocess.run(command, cwd=src or ROOT, env=env, check=True)
        elapsed = time.perf_counter() - start
        cpu = _children_cpu() - used
    label = "launchgraph ingest" + (" (before)" if src else "")
    print(
        f"{backend:10s} {label}: {lines} events in {elapsed:6.2f} s = "
        f"{lines / elapsed:7.0f} events/s (interpreter start, migration and ingest); "
        f"its CPU {cpu:.2f} s",
        flush=True,
    )
    return lines / elapsed


def _children_cpu() -> float:
    """CPU seconds (user and system) of the child processes waited for so far (the database
    server's share on PostgreSQL is not in it)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_anchor(data: Path, lines: int) -> float:
    """The reference kit's loader (anchor/load.py: COPY into schema ll2, then ANALYZE)."""
    with ScratchStore("postgresql") as store:
        command = [sys.executable, str(KIT / "anchor" / "load.py"), "--db", store.url, str(data)]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    print(
        f"{'postgresql':10s} anchor/load.py: {lines} events in {elapsed:6.2f} s = "
        f"{lines / elapsed:7.0f} events/s (interpreter start, schema, COPY, ANALYZE)",
        flush=True,
    )
    return lines / elapsed


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "(uptime not available)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--data", type=Path, help="JSON Lines file (default /tmp/evNk.jsonl)")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--profile", type=Path, help="write cProfile stats to PATH.<store>.prof")
    parser.add_argument("--cli", action="store_true", help="also time `launchgraph ingest`")
    parser.add_argument("--anchor", action="store_true", help="also time the kit's load.py")
    parser.add_argument("--rounds", type=int, default=1, help="repeat everything, alternating")
    parser.add_argument("--phases", action="store_true", help="time each stage of the ingest")
    parser.add_argument("--before", type=Path, help="also `launchgraph ingest` of this package")
    parser.add_argument("--db-prefix", default="lg_bench", help="scratch database names")
    parser.add_argument("--no-alone", action="store_true", help="skip the in-process ingest")
    args = parser.parse_args()
    ScratchStore.prefix = args.db_prefix
    data = args.data or Path(tempfile.gettempdir()) / f"ev{args.events // 1000}k.jsonl"
    ensure_data(data, args.events)
    with data.open("rb") as fh:
        lines = sum(1 for line in fh if line.strip())
    print(f"load before: {uptime()}", flush=True)
    rows: list[tuple[int, str, float, float | None, float | None]] = []
    anchors: dict[int, float] = {}
    for number in range(1, args.rounds + 1):
        for backend in args.only or ["sqlite", "postgresql"]:
            alone = 0.0
            if not args.no_alone:
                alone = run_store(backend, data, lines, args.profile, args.phases)
            whole = before = None
            # Before and after alternate: which goes first changes with the round.
            if args.before and number % 2:
                before = run_cli(backend, data, lines, args.before)
            if args.cli:
                whole = run_cli(backend, data, lines)
            if args.before and not number % 2:
                before = run_cli(backend, data, lines, args.before)
            rows.append((number, backend, alone, whole, before))
        if args.anchor:
            anchors[number] = run_anchor(data, lines)
    print(f"load after: {uptime()}", flush=True)
    print(
        "\nround store       ingest alone  launchgraph ingest  anchor/load.py  ours/anchor"
        + ("  before  before/anchor  after/before" if args.before else "")
    )
    for number, backend, alone, whole, before in rows:
        anchor = anchors.get(number)
        ratio = f"{whole / anchor:11.2f}" if whole and anchor else f"{'-':>11}"
        line = (
            f"{number:5d} {backend:10s} {alone:13,.0f} "
            f"{whole or 0:19,.0f} {anchor or 0:15,.0f} {ratio}"
        )
        if before:
            old = f"{before / anchor:14.2f}" if anchor else f"{'-':>14}"
            new = f"{whole / before:13.2f}" if whole else f"{'-':>13}"
            line += f" {before:7,.0f} {old} {new}"
        print(line)


if __name__ == "__main__":
    main()
