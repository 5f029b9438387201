"""trigram indexes for the launch search (PostgreSQL only)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 12:20:00

A launch search (`search: "starlink"`) is a case-insensitive substring of the launch's and its
mission's names, among others: without these indexes PostgreSQL reads all of both tables, twice
per request (the page and totalCount). pg_trgm is a trusted extension: the database's owner may
create it. SQLite has no such index: nothing to do there.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (("ix_launch_name_trgm", "launch"), ("ix_mission_name_trgm", "mission"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        op.create_index(
            name,
            table,
            ["name"],
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The extension stays: something else in the database may use it.
    for name, table in INDEXES:
        op.drop_index(name, table_name=table)
