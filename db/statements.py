"""Every SQL statement an engine runs, told to whoever listens: the one hook for counting them.

Statements run through SQLAlchemy are seen by its `before_cursor_execute` event; a statement
run on the driver itself (the compiled path's repeated requests on asyncpg: `driver_fetchval`)
is not, so it is told here by the code that runs it. Listeners (the metrics, the per-request
statement count of the access log, tests) subscribe here and hear of both kinds alike.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

Listener = Callable[[str], None]

# Per engine (its sync core), its listeners, in the order they subscribed.
_listeners: weakref.WeakKeyDictionary[Engine, list[Listener]] = weakref.WeakKeyDictionary()


def _sync(engine: AsyncEngine | Engine) -> Engine:
    return engine.sync_engine if isinstance(engine, AsyncEngine) else engine


def listen(engine: AsyncEngine | Engine, listener: Listener) -> None:
    """Call `listener` with the SQL of every statement `engine` runs (once, however often it
    is subscribed)."""
    core = _sync(engine)
    listeners = _listeners.get(core)
    if listeners is None:
        listeners = _listeners[core] = []

        def told(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            for each in tuple(listeners):
                each(statement)

        event.listen(core, "before_cursor_execute", told)
    if listener not in listeners:
        listeners.append(listener)


def remove(engine: AsyncEngine | Engine, listener: Listener) -> None:
    """Stop calling `listener` for `engine`'s statements."""
    listeners = _listeners.get(_sync(engine))
    if listeners is not None and listener in listeners:
        listeners.remove(listener)


def ran(engine: AsyncEngine | Engine, statement: str) -> None:
    """Tell the listeners of a statement run on the driver, outside SQLAlchemy's execution."""
    for each in tuple(_listeners.get(_sync(engine), ())):
        each(statement)


async def driver_fetchval(
    engine: AsyncEngine, driver: Any, statement: str, parameters: tuple[Any, ...]
) -> Any:
    """The first value of `statement`'s first row, run by asyncpg itself on `driver` (a
    connection of `engine`'s pool, see gql.loaders.request_db.RequestDB.driver), prepared once
    per connection in asyncpg's statement cache (`make_engine` makes it hold statements of the
    compiled path's sizes).

    SQLAlchemy's execution around the same call (the execution context, its result, the
    isolation level switched for a single read and back) cost as much CPU as asyncpg's own
    work (bench/RESULTS.md, issue 11). The statement runs in the connection's transaction if
    SQLAlchemy began one, else on its own (asyncpg starts none), and is told to the
    listeners like any other."""
    ran(engine, statement)
    return await driver.fetchval(statement, *parameters)
