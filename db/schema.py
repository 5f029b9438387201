"""Create or upgrade the database schema: an empty store gets the migrations' head schema at
once (`head_schema`), a store at the head is left alone, any other goes through Alembic."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db import head_schema
from launchgraph.db.engine import make_engine
from launchgraph.db.url import configured_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config for our migrations folder and a plain or async database URL."""
    # Imported here: Alembic is needed only when a store must be migrated (a tenth of a second
    # of every command's start otherwise).
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url or configured_url())
    return cfg


def alembic_upgrade(url: str | None = None) -> None:
    """Run Alembic's migrations up to the head, whatever the store holds (it drives an event
    loop of its own: call it outside one, or in a thread)."""
    from alembic import command

    command.upgrade(alembic_config(url), "head")


async def upgrade(url: str | None = None, engine: AsyncEngine | None = None) -> None:
    """Bring the schema to the newest revision (creates every table on an empty database).

    `engine`, when given, is the one the caller goes on with (the command line's ingest), so
    the store is opened once; else one is made for `url` here.
    """
    own = engine is None
    engine = engine or make_engine(url)
    try:
        async with engine.begin() as conn:
            done = await head_schema.bring_to_head(conn)
    finally:
        if own:
            await engine.dispose()
    if not done:
        target = url if own else engine.url.render_as_string(hide_password=False)
        await asyncio.to_thread(alembic_upgrade, target)


def upgrade_sync(url: str | None = None) -> None:
    """Synchronous `upgrade`, for the command line."""
    asyncio.run(upgrade(url))
