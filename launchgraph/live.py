"""GraphQL subscriptions over websockets (graphql-transport-ws) on /graphql.

Strawberry's ASGI view speaks the protocol; around it, a limit of open connections per client
address. Keep-alives: the protocol's ping/pong, answered by Strawberry, and uvicorn's websocket
pings (every 20 s by default). On shutdown uvicorn closes every websocket (code 1012, "service
restart": clients reconnect, through the load balancer, to another instance) and the change
feed stops, which completes every subscription.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from launchgraph.db.changes import ChangeFeed
from launchgraph.gql.subscriptions import LiveContext

# Closing a websocket before accepting it answers the handshake with HTTP 403.
TOO_MANY = 1013  # "try again later"


class LiveGraphQL(GraphQL):  # type: ignore[type-arg]
    """Strawberry's view, for websockets only, with the live context."""

    def __init__(
        self,
        schema: strawberry.Schema,
        engine: AsyncEngine,
        feed: ChangeFeed,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
        )
        self.engine = engine
        self.feed = feed
        self.clock = clock

    async def get_context(self, request: Any, response: Any) -> LiveContext:
        return LiveContext(self.engine, self.feed, self.clock)


class LiveEndpoint:
    """The websocket side of /graphql: at most `per_client` connections per client address."""

    def __init__(self, app: LiveGraphQL, per_client: int) -> None:
        self.app = app
        self.per_client = per_client
        self.open: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = (scope.get("client") or ("unknown",))[0]
        if self.open[client] >= self.per_client:
            await send({"type": "websocket.close", "code": TOO_MANY})
            return
        self.open[client] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.open[client] -= 1
            if not self.open[client]:
                del self.open[client]
