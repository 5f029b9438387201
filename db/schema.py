"""Create or upgrade the database schema through Alembic migrations."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

from launchgraph.db.url import configured_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config for our migrations folder and a plain or async database URL."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url or configured_url())
    return cfg


def _upgrade(url: str | None) -> None:
    command.upgrade(alembic_config(url), "head")


async def upgrade(url: str | None = None) -> None:
    """Bring the schema to the newest revision (creates every table on an empty database).

    Runs in a worker thread because Alembic's env drives its own event loop.
    """
    await asyncio.to_thread(_upgrade, url)


def upgrade_sync(url: str | None = None) -> None:
    """Synchronous `upgrade`, for the command line."""
    _upgrade(url)
