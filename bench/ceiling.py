"""The ceiling of a cached answer: a raw ASGI app that reads the request body and answers fixed
bytes, served by uvicorn with `launchgraph serve`'s own settings (`cli.uvicorn_settings`). No
Python app under those settings answers faster, so bench/cache.sh measures the response
cache's hits against it: what is left is the app's own work per request.

    CEILING_ANSWERS=DIR python bench/ceiling.py --port 8003 --workers 1

POST /NAME answers the bytes of DIR/NAME.json (bench/cache.sh saves LaunchGraph's answers
there), as application/json; anything else is a 404.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import uvicorn

from launchgraph.cli import uvicorn_settings

ANSWERS = {
    f"/{path.stem}": path.read_bytes()
    for path in Path(os.environ.get("CEILING_ANSWERS", ".")).glob("*.json")
}
HEADERS = {
    path: [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    for path, body in ANSWERS.items()
}
MISSING = [(b"content-length", b"0")]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    path = scope["path"]
    status = 200 if path in ANSWERS else 404
    await send(
        {"type": "http.response.start", "status": status, "headers": HEADERS.get(path, MISSING)}
    )
    await send({"type": "http.response.body", "body": ANSWERS.get(path, b"")})


def main() -> None:
    parser = argparse.ArgumentParser(description="The ceiling of a cached answer.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    uvicorn.run(
        "ceiling:app",
        app_dir=str(Path(__file__).resolve().parent),
        **uvicorn_settings(args.host, args.port, args.workers),
    )


if __name__ == "__main__":
    main()
