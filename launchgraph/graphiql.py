"""The GraphiQL page served at GET /graphql to browsers, and its assets at /graphiql/{name}.

The assets (GraphiQL and its explorer plugin, built from npm by graphiql/build.mjs) ship inside
the package, so the page needs nothing but this server: it works offline and under the
`Content-Security-Policy: default-src 'self'` it is sent with (no inline script or style; the
first tab's query travels in a data attribute).
"""

from __future__ import annotations

import gzip
import hashlib
import html
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

ASSETS_PATH = "/graphiql"
CSP = "default-src 'self'"
# Asset URLs change with their content (a hash in the URL), so browsers may keep them for ever.
IMMUTABLE = "public, max-age=31536000, immutable"

WELCOME_QUERY = """\
# LaunchGraph: the Launch Library 2 event graph.
# Run this query with the button or Ctrl-Enter;
# the docs and the explorer are in the left bar.
query UpcomingEvents {
  upcomingEvents(first: 5) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      name
      date
      type { name }
      launches {
        name
        net
        status { abbrev }
        rocket { configuration { fullName } }
        pad { name location { name } }
      }
    }
  }
}
"""

_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
# Text compresses well (the script from 1.5 MB to under 0.5 MB); fonts and images are already
# compressed.
_COMPRESSED = {".js", ".css", ".txt", ".svg"}


@dataclass(frozen=True)
class Asset:
    """One file of the page, held in memory with its gzip form."""

    body: bytes
    gzipped: bytes | None
    media_type: str
    version: str


@cache
def assets() -> dict[str, Asset]:
    """The built files in launchgraph/static/graphiql, by file name."""
    found: dict[str, Asset] = {}
    folder = resources.files("launchgraph") / "static" / "graphiql"
    for entry in folder.iterdir():
        suffix = PurePosixPath(entry.name).suffix
        if suffix not in _MEDIA_TYPES:
            continue
        body = entry.read_bytes()
        found[entry.name] = Asset(
            body=body,
            gzipped=gzip.compress(body, mtime=0) if suffix in _COMPRESSED else None,
            media_type=_MEDIA_TYPES[suffix],
            version=hashlib.sha256(body).hexdigest()[:12],
        )
    return found


def _url(name: str) -> str:
    return f"{ASSETS_PATH}/{name}?v={assets()[name].version}"


@cache
def graphiql_html() -> str:
    """The page: LaunchGraph's title and first tab, LaunchGraph's own copy of GraphiQL."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LaunchGraph · GraphiQL</title>
<link rel="icon" href="{_url("favicon.svg")}">
<link rel="stylesheet" href="{_url("graphiql.css")}">
<script defer src="{_url("graphiql.js")}"></script>
</head>
<body>
<div id="graphiql" data-title="LaunchGraph" data-query="{html.escape(WELCOME_QUERY)}">
Loading GraphiQL…</div>
</body>
</html>
"""


def graphiql_page() -> HTMLResponse:
    return HTMLResponse(
        graphiql_html(),
        headers={"content-security-policy": CSP, "cache-control": "no-cache"},
    )


async def graphiql_asset(request: Request) -> Response:
    """GET /graphiql/{name}: a built asset, gzipped when the client accepts it."""
    asset = assets().get(request.path_params["name"])
    if asset is None:
        return PlainTextResponse("Not found.", status_code=404)
    headers = {"cache-control": IMMUTABLE, "x-content-type-options": "nosniff"}
    if asset.gzipped is not None:
        headers["vary"] = "accept-encoding"
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(asset.gzipped, media_type=asset.media_type, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)
