"""Columns that keep one LL2 value across the API versions that changed its JSON type.

API 2.3.0 turned several strings into objects: a launch's `image` URL became an Image object,
an agency's `type` name became `{id, name}`, a pad's `country_code` became a Country. A
`text_of` column holds the text in every era: the string itself where LL2 sends one (2.0.0
to 2.2.0), the object's `part` where it sends an object (2.3.0), so one field serves both
eras' data. The object itself is stored by the relation or flattened columns that read the
same key.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Field


def text_of(key: str, part: str, description: str, **kwargs: Any) -> Any:
    """A column filled from LL2 `key`: its value when a string, its `part` when an object.

    When `key` is the column's own name, the column is read only this way; otherwise it is
    also read from its own key (an older spelling of the same value)."""
    return Field(
        default=None,
        description=description,
        sa_column_kwargs={"info": {"ll2_text": (key, part)}},
        **kwargs,
    )
