"""Argument descriptions shared by the root fields."""

from __future__ import annotations

import strawberry

FILTER = strawberry.argument(description="Filters; all must hold.")
ORDER = strawberry.argument(description="Ordering components; the id always breaks ties.")
GID = strawberry.argument(description="The global (Relay) id.")
LL2ID = strawberry.argument(description="LL2's own id.")
SLUG = strawberry.argument(description="The slug.")
