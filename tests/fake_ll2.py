"""A fake LL2 API for the sync tests (no tests here): a Starlette app served by uvicorn on a
free loopback port, in the tests' own event loop, serving generated API 2.3.0 objects.

It serves `events/` and `launches/` list pages the way LL2 (Django REST Framework) does:
`ordering` (by `last_updated` or by id), `last_updated__gte`, `limit` (at most 100) /
`offset` pages with `count`, `next` and `previous`, and `api-throttle/`. Faults come on a
schedule, by the number of the list request: "429" (with Retry-After), "500", and "drop"
(the connection closes halfway through the body). Every list request is logged with the
fake clock's time, its query and the ids it served.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

MAX_LIMIT = 100


class FakeClock:
    """Time that passes only when someone sleeps: hours of budget waits take no time."""

    def __init__(self) -> None:
        self.t = 0.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += max(0.0, seconds)
        await asyncio.sleep(0)


@dataclass
class Served:
    """One list request as the server saw it."""

    at: float
    endpoint: str
    query: dict[str, str]
    status: int
    ids: list[Any] = field(default_factory=list)
    authorization: str | None = None


class FakeLL2:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.data: dict[str, list[dict[str, Any]]] = {"events": [], "launches": []}
        self.faults: dict[int, str] = {}
        self.retry_after = 7
        self.log: list[Served] = []
        self.throttle: dict[str, Any] | None = None  # api-throttle's answer; None: 404
        self.base_url = ""
        self.app = Starlette(
            routes=[
                Route("/2.3.0/api-throttle/", self._throttle),
                Route("/2.3.0/{endpoint}/", self._list),
            ]
        )

    def put(self, endpoint: str, obj: dict[str, Any]) -> None:
        """Add or replace (by id) an object, as an edit on LL2 would."""
        items = self.data[endpoint]
        items[:] = [o for o in items if o["id"] != obj["id"]]
        items.append(obj)

    async def _throttle(self, request: Request) -> Response:
        if self.throttle is None:
            return JSONResponse({"detail": "Not found."}, status_code=404)
        return JSONResponse(self.throttle)

    def _ordered(self, endpoint: str, ordering: str | None) -> list[dict[str, Any]]:
        items = list(self.data[endpoint])  # insertion order breaks ties, as a stable index
        if ordering and ordering.lstrip("-") == "last_updated":
            items.sort(key=lambda o: o["last_updated"], reverse=ordering.startswith("-"))
        else:
            items.sort(key=lambda o: str(o["id"]))
        return items

    async def _list(self, request: Request) -> Response:
        endpoint = request.path_params["endpoint"]
        if endpoint not in self.data:
            return JSONResponse({"detail": "Not found."}, status_code=404)
        query = dict(request.query_params)
        number = len(self.log) + 1
        fault = self.faults.get(number)
        served = Served(
            self.clock.now(),
            endpoint,
            query,
            200,
            authorization=request.headers.get("authorization"),
        )
        self.log.append(served)
        if fault == "429":
            served.status = 429
            return JSONResponse(
                {"detail": f"Request was throttled. Expected available in {self.retry_after} s."},
                status_code=429,
                headers={"Retry-After": str(self.retry_after)},
            )
        if fault == "500":
            served.status = 500
            return Response("Internal Server Error", status_code=500)
        items = self._ordered(endpoint, query.get("ordering"))
        since = query.get("last_updated__gte")
        if since:
            items = [o for o in items if _instant(o["last_updated"]) >= _instant(since)]
        limit = min(int(query.get("limit", 10)), MAX_LIMIT)
        offset = int(query.get("offset", 0))
        page = items[offset : offset + limit]
        served.ids = [o["id"] for o in page]
        url = request.url
        body = {
            "count": len(items),
            "next": str(url.include_query_params(limit=limit, offset=offset + limit))
            if offset + limit < len(items)
            else None,
            "previous": str(url.include_query_params(limit=limit, offset=max(0, offset - limit)))
            if offset > 0
            else None,
            "results": page,
        }
        if fault == "drop":
            served.status = -1
            return StreamingResponse(_dropped(body), media_type="application/json")
        return JSONResponse(body)


def _instant(text: str) -> str:
    """Comparable UTC text of an ISO 8601 instant (the fake data is all in Z, seconds)."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(text).astimezone(UTC).isoformat()


async def _dropped(body: dict[str, Any]) -> AsyncIterator[bytes]:
    import json

    text = json.dumps(body).encode()
    yield text[: len(text) // 2]
    raise ConnectionResetError("fake LL2 drops the connection")


async def serve(fake: FakeLL2) -> tuple[uvicorn.Server, asyncio.Task[None]]:
    """Serve `fake` on a free loopback port; sets fake.base_url (ending in /2.3.0/)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(fake.app, log_level="critical", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    fake.base_url = f"http://127.0.0.1:{port}/2.3.0/"
    return server, task


# --- generated LL2 objects (API 2.3.0, detailed mode) --------------------------------------


def stamp(minutes: int) -> str:
    """A last_updated some minutes after 2025-01-01T00:00:00Z."""
    from datetime import UTC, datetime, timedelta

    at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    return at.isoformat().replace("+00:00", "Z")


def image(iid: int) -> dict[str, Any]:
    return {
        "id": iid,
        "name": f"Image {iid}",
        "image_url": f"https://img.example/{iid}.jpg",
        "thumbnail_url": f"https://img.example/{iid}_thumb.jpg",
        "credit": None,
        "license": {"id": 1, "name": "Unknown", "priority": 9, "link": None},
        "single_use": True,
        "variants": [],
    }


def agency(aid: int) -> dict[str, Any]:
    """An AgencyMini, as 2.3.0 nests it."""
    return {
        "response_mode": "list",
        "id": aid,
        "url": f"https://ll/2.3.0/agencies/{aid}/",
        "name": f"Agency {aid}",
        "abbrev": f"A{aid}",
        "type": {"id": 1, "name": "Government"},
    }


def launch(n: int, minutes: int, name: str | None = None) -> dict[str, Any]:
    """A detailed-mode launch, trimmed to the keys this test needs."""
    pad = 80 + n % 5
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "url": f"https://ll/2.3.0/launches/{n}/",
        "name": name or f"Rocket | Mission {n}",
        "response_mode": "detailed",
        "slug": f"launch-{n}",
        "launch_designator": f"2025-{n:03d}",
        "status": {"id": 1 + n % 3, "name": f"Status {1 + n % 3}"},
        "last_updated": stamp(minutes),
        "net": stamp(100_000 + n * 60),
        "window_end": stamp(100_000 + n * 60 + 30),
        "window_start": stamp(100_000 + n * 60),
        "image": image(3000 + n % 7),
        "launch_service_provider": agency(100 + n % 4),
        "pad": {
            "id": pad,
            "url": f"https://ll/2.3.0/pads/{pad}/",
            "active": True,
            "agencies": [],
            "name": f"Pad {pad}",
            "image": None,
            "latitude": 28.5 + n % 5,
            "longitude": -80.6,
            "country": {
                "id": 2,
                "name": "United States of America",
                "alpha_2_code": "US",
                "alpha_3_code": "USA",
                "nationality_name": "American",
                "nationality_name_composed": "Americano",
            },
            "location": {
                "response_mode": "normal",
                "id": 10 + n % 2,
                "url": "https://ll/2.3.0/locations/",
                "name": "Site",
            },
        },
        "mission": {
            "id": 5000 + n,
            "name": f"Mission {n}",
            "description": "Generated.",
            "type": "Test",
            "image": None,
            "orbit": {
                "id": 8,
                "name": "Low Earth Orbit",
                "abbrev": "LEO",
                "celestial_body": {"response_mode": "list", "id": 1, "name": "Earth"},
            },
        },
        "program": [],
        "timeline": [
            {
                "type": {"id": 2, "abbrev": "Liftoff", "description": "Liftoff"},
                "relative_time": "P0D",
            }
        ],
    }


def event(n: int, minutes: int, launches: list[dict[str, Any]], name: str | None = None) -> dict:
    """A detailed-mode event; its launches nested in list mode, as 2.3.0 does."""
    basic = (
        "id",
        "url",
        "name",
        "slug",
        "launch_designator",
        "status",
        "last_updated",
        "net",
        "window_end",
        "window_start",
        "image",
    )
    return {
        "id": n,
        "url": f"https://ll/2.3.0/events/{n}/",
        "name": name or f"Event {n}",
        "info_urls": [{"priority": 1, "title": "Page", "url": f"https://example.org/{n}"}],
        "vid_urls": [],
        "image": image(4000 + n % 3),
        "date": stamp(200_000 + n * 60),
        "slug": f"event-{n}",
        "type": {"id": 1 + n % 4, "name": f"Type {1 + n % 4}"},
        "description": "Generated.",
        "webcast_live": False,
        "location": "Somewhere",
        "response_mode": "detailed",
        "duration": None,
        "updates": [],
        "last_updated": stamp(minutes),
        "agencies": [agency(100 + n % 4)],
        "launches": [{"response_mode": "list", **{k: la[k] for k in basic}} for la in launches],
        "program": [],
        "astronauts": [],
    }


def populate(fake: FakeLL2, events: int, launches: int, tie_every: int = 7) -> None:
    """Generated objects; every `tie_every`-th shares its predecessor's last_updated, so
    pages cut through groups of equal stamps."""
    minute = 0
    made: list[dict[str, Any]] = []
    for n in range(launches):
        minute += 0 if n % tie_every == tie_every - 1 else 1
        made.append(launch(n, minute))
        fake.put("launches", made[-1])
    for n in range(events):
        minute += 0 if n % tie_every == tie_every - 1 else 1
        nested = [made[n % len(made)]] if made else []
        fake.put("events", event(n + 1, minute, nested))
