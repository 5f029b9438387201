#!/usr/bin/env python3
"""CPU seconds of ingest's Python stages, without a database, and a digest of what it writes.

    python bench/ingest_cpu.py --data FILE                      # this tree
    python bench/ingest_cpu.py --data FILE --before SRC --rounds 2
    python bench/ingest_cpu.py --data FILE --events 5000 --dump ops.txt

Reads, flattens (`run._flatten`, one memo for the file, as a first load sees it: no stored
stamps), plans the writes for SQLite and PostgreSQL (`writer.plan_writes`) and encodes each op
as the sinks do (`Op.json`), batch by batch as `run._load` does, timing each stage with
`time.process_time` (CPU seconds: much less sensitive to a shared machine's load than wall
time). The sha256 of every op (kind, table, columns, conflict, owners, JSON rows) of both
dialects tells whether two versions write the same rows, byte for byte.

`--before SRC` also runs the same measurement on another version of the package, alternated
round by round with this one: SRC is a folder holding a `launchgraph` package laid out as
installed (launchgraph/, with db/ and gql/ inside), put first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

STAGES = ("read", "flatten", "plan sqlite", "plan postgresql", "encode")


def measure(data: Path, events: int | None, dump: Path | None) -> dict[str, object]:
    """One pass over the file: CPU seconds per stage and the digest of the ops."""
    from sqlalchemy.dialects import postgresql, sqlite

    from launchgraph.db.ingest import run, sources
    from launchgraph.db.ingest.gcpause import gc_paused
    from launchgraph.db.ingest.memo import Memo
    from launchgraph.db.ingest.writer import plan_writes

    dialects = {"sqlite": sqlite.dialect(), "postgresql": postgresql.dialect()}
    cpu: dict[str, float] = defaultdict(float)
    digest = hashlib.sha256()
    out = dump.open("wb") if dump else None
    memo = Memo()
    taken = 0
    items = sources.read(data)
    with gc_paused():
        while events is None or taken < events:
            start = time.process_time()
            chunk = []
            for item in items:
                chunk.append(item)
                taken += 1
                if len(chunk) >= run.BATCH_SIZE or taken == events:
                    break
            cpu["read"] += time.process_time() - start
            if not chunk:
                break
            start = time.process_time()
            batch = run._flatten(chunk, {}, memo)
            cpu["flatten"] += time.process_time() - start
            del chunk
            for name, dialect in dialects.items():
                # plan_writes converts the batch's rows in place: each dialect its own copy.
                copy = batch if name == "postgresql" else _copy(batch)
                start = time.process_time()
                ops = plan_writes(copy, dialect)
                cpu[f"plan {name}"] += time.process_time() - start
                start = time.process_time()
                docs = [op.json() for op in ops]
                cpu["encode"] += time.process_time() - start
                for op, doc in zip(ops, docs, strict=True):
                    head = (
                        f"{name} {op.kind} {op.table.name} {op.cols} {op.conflict} "
                        f"{list(op.owners)}\n"
                    ).encode()
                    digest.update(head)
                    digest.update(doc)
                    if out:
                        out.write(head + doc + b"\n")
    if out:
        out.close()
    return {"events": taken, "cpu": dict(cpu), "sha256": digest.hexdigest()}


def _copy(batch: object) -> object:
    """A copy of a batch whose rows plan_writes may convert without touching the original."""
    import copy

    clone = copy.copy(batch)
    clone.rows = {t: {k: dict(r) for k, r in rows.items()} for t, rows in batch.rows.items()}
    clone.owned = {
        t: {k: [dict(r) for r in rows] for k, rows in owned.items()}
        for t, owned in batch.owned.items()
    }
    return clone


def _child(data: Path, events: int | None, src: Path | None) -> dict[str, object]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    command = [sys.executable, __file__, "--data", str(data), "--json"]
    if events:
        command += ["--events", str(events)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="JSON Lines file")
    parser.add_argument("--events", type=int, help="only the first N objects")
    parser.add_argument("--before", type=Path, help="another version to alternate with")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dump", type=Path, help="write every op to PATH (this tree, one pass)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json or args.dump:
        result = measure(args.data, args.events, args.dump)
        print(json.dumps(result) if args.json else result)
        return
    runs: list[tuple[str, dict[str, object]]] = []
    for number in range(1, args.rounds + 1):
        versions = [("before", args.before), ("after", None)] if args.before else [("now", None)]
        if number % 2 == 0:
            versions.reverse()
        for label, src in versions:
            result = _child(args.data, args.events, src)
            runs.append((f"{label} {number}", result))
            print(f"{label} round {number}: {result['events']} objects, sha256 {result['sha256']}")
    print("\n| CPU s | " + " | ".join(name for name, _ in runs) + " |")
    print("| --- |" + " ---: |" * len(runs))
    for stage in STAGES:
        cells = " | ".join(f"{result['cpu'].get(stage, 0):.2f}" for _, result in runs)
        print(f"| {stage} | {cells} |")
    totals = " | ".join(f"{sum(result['cpu'].values()):.2f}" for _, result in runs)
    print(f"| all | {totals} |")


if __name__ == "__main__":
    main()
