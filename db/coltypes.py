"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    PostgreSQL stores it as `timestamptz`; SQLite has no zone, so values are stored as naive
    UTC text (which also keeps text comparison equal to time order for keyset pagination).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class _NumberText(TypeDecorator[Any]):
    """A number stored as the text LL2 sent, read as `number`."""

    impl = String
    number: type = float

    @property
    def python_type(self) -> type:
        return self.number

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(value)


class DecimalText(_NumberText):
    """A decimal number stored as the exact text LL2 sent (pad coordinates, which LL2 sent as
    strings before API 2.3.0), so nothing is rounded in the store; read as a float."""

    cache_ok = True  # (SQLAlchemy reads it from each class itself)

    def process_result_value(self, value: Any, dialect: Dialect) -> float | None:
        return None if value is None else float(value)


class IntText(_NumberText):
    """An integer LL2 sent as text before API 2.3.0 and as a number since (an agency's
    `founding_year`, a configuration's `launch_cost`): stored as the text LL2 sent, read as
    an integer (None for text that is not one)."""

    cache_ok = True
    number = int

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            return None


def python_type(column_type: TypeEngine[Any]) -> type:
    """The Python type of a column's values (decorated types such as SQLModel's AutoString
    report `object`; their underlying type knows)."""
    kind = column_type.python_type
    if kind is object and isinstance(column_type, TypeDecorator):
        return column_type.impl_instance.python_type
    return kind
