#!/usr/bin/env python3
"""CPU microseconds of one response-cache hit through LaunchGraph's served ASGI app, in process
(no HTTP server, no socket): the app's own share of a hit, beside a trivial ASGI app driven the
same way (what the driving itself costs). Best of five rounds.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lg_bench LAUNCHGRAPH_RATE_LIMIT=0 \\
        python bench/hit_cost.py bench/queries/q2.json 20000 >/dev/null

Standard output takes the access lines (send it to /dev/null, as above); the figures go to
standard error. LAUNCHGRAPH_ACCESS_LOG=0 leaves the access log out. A benchmark, not a test.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["LAUNCHGRAPH_RESPONSE_CACHE"] = "1"

from asgi_requests import _one

from launchgraph import app as app_module


async def _trivial(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await receive()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _per_request(app: Any, body: bytes, n: int) -> float:
    for _ in range(300):  # the first answer is kept; the rest are hits
        await _one(app, body)
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(n):
            await _one(app, body)
        best = min(best, 1e6 * (time.process_time() - start) / n)
    return best


async def main(body: bytes, n: int) -> None:
    app = app_module.served_app()
    async with app.router.lifespan_context(app):
        trivial = await _per_request(_trivial, body, n)
        ours = await _per_request(app, body, n)
    print(f"trivial app {trivial:.1f} us, LaunchGraph hit {ours:.1f} us", file=sys.stderr)


if __name__ == "__main__":
    uvloop.run(main(Path(sys.argv[1]).read_bytes(), int(sys.argv[2])))
