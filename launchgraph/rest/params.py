"""LL2's query parameters, each mapped to a criterion of db.queries.listings (so a filter
means the same on REST as on GraphQL), and read as LL2 reads them: comma-separated ids,
ISO 8601 instants, `ordering` with `-` for descending, `limit` / `offset` pages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from launchgraph.gql.errors import UserError
from launchgraph.gql.inputs import criteria

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
# LL2's ids are 32-bit integers (GraphQL's Int too); an offset beyond any table stays within
# the databases' 64-bit LIMIT/OFFSET.
MAX_ID = 2**31 - 1
MAX_OFFSET = 2**62


class BadParam(Exception):
    """A query parameter LL2 would refuse: answered 400 {param: [message]}."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


def _small(value: int) -> int:
    if abs(value) > MAX_ID:
        raise ValueError(f"Ensure this value is at most {MAX_ID} in size.")
    return value


def whole(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("Enter a whole number.") from None
    return _small(value)


def _integers(text: str, message: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(message) from None
    return [_small(v) for v in values]


def ids(text: str) -> list[int]:
    return _integers(text, "Enter a comma-separated list of whole numbers.")


def numbers(text: str) -> list[int]:
    """LL2 2.3.0's number lists (`day=1,15`), with its message for a bad one."""
    return _integers(text, "Enter a number.")


def texts(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def instant(text: str) -> datetime:
    """An ISO 8601 date or instant; without an offset it is UTC (LL2's time zone)."""
    try:
        value = datetime.fromisoformat(text.strip().replace(" ", "+").replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("Enter a valid date/time.") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ValueError("Enter true or false.")


def plain(text: str) -> str:
    return text


@dataclass(frozen=True)
class Param:
    """One LL2 parameter: the criterion it sets and how its text reads; `convert` maps the
    value read to the criterion's value (include_suborbital=false -> suborbital: False)."""

    criterion: str
    read: Callable[[str], Any]
    convert: Callable[[Any], Any] | None = None


RANGE_OPS = ("gt", "gte", "lt", "lte")


@dataclass(frozen=True)
class Filters:
    """The parameters of one list: plain ones, ranges (`{name}__gt` ... over the range
    criterion of the same name), and LL2's names of its orderings."""

    params: Mapping[str, Param]
    ranges: tuple[str, ...]
    orderings: Mapping[str, str]

    def criteria(self, query: Mapping[str, str]) -> dict[str, Any]:
        """The criteria of a request's parameters (others are ignored, as LL2 does)."""
        out: dict[str, Any] = {}
        origin: dict[str, str] = {}
        for name, text in query.items():
            target, value = self._read(name, text)
            if target is None:
                continue
            if isinstance(value, dict):
                value = {**out.get(target, {}), **value}
            elif isinstance(value, list) and isinstance(out.get(target), list):
                value = [v for v in out[target] if v in value]
            out[target] = value
            origin[target] = name
        try:
            return criteria(out)
        except UserError as exc:
            # The same checks as GraphQL's; the message names the criterion's field.
            bad = next((origin[c] for c in origin if f"`{c}`" in str(exc)), "query")
            raise BadParam(bad, str(exc).replace("`", "")) from None

    def _read(self, name: str, text: str) -> tuple[str | None, Any]:
        base, _, op = name.rpartition("__")
        try:
            if base in self.ranges and op in RANGE_OPS:
                return base, {op: instant(text)}
            param = self.params.get(name)
            if param is None:
                return None, None
            value = param.read(text)
            return param.criterion, param.convert(value) if param.convert else value
        except ValueError as exc:
            raise BadParam(name, str(exc)) from None

    def ordering(self, text: str | None) -> list[tuple[str, bool]]:
        """LL2's `ordering` (`-net,name`) as [(FIELD, ascending)]; unknown fields are
        dropped, as LL2 drops them."""
        out = []
        for part in (text or "").split(","):
            part = part.strip()
            field = self.orderings.get(part.removeprefix("-"))
            if field and all(f != field for f, _ in out):
                out.append((field, not part.startswith("-")))
        return out


def page(query: Mapping[str, str]) -> tuple[int, int]:
    """(limit, offset) as LL2's paginator reads them: a bad or missing limit is the default,
    a large one the maximum; a bad offset is 0."""
    try:
        limit = int(query.get("limit", ""))
        limit = min(limit, MAX_LIMIT) if limit > 0 else DEFAULT_LIMIT
    except ValueError:
        limit = DEFAULT_LIMIT
    try:
        offset = min(max(int(query.get("offset", "")), 0), MAX_OFFSET)
    except ValueError:
        offset = 0
    return limit, offset


_DATED = {
    "day": Param("day", whole),
    "month": Param("month", whole),
    "year": Param("year", whole),
}

EVENTS = Filters(
    params={
        "id": Param("ids", ids),
        "type": Param("type_ids", ids),
        "type__ids": Param("type_ids", ids),
        "program": Param("program_ids", ids),
        "agency__ids": Param("agency_ids", ids),
        "slug": Param("slug", plain),
        "video_url": Param("video_url", plain),
        "search": Param("search", plain),
        **_DATED,
    },
    ranges=("date", "last_updated"),
    orderings={"date": "DATE", "last_updated": "LAST_UPDATED", "name": "NAME", "id": "ID"},
)

LAUNCHES = Filters(
    params={
        "id": Param("ids", texts),
        "name": Param("name", plain),
        "slug": Param("slug", plain),
        "status": Param("status_ids", ids),
        "status__ids": Param("status_ids", ids),
        "lsp__id": Param("provider_ids", ids),
        "lsp__ids": Param("provider_ids", ids),
        "lsp__name": Param("provider_name", plain),
        "launcher_config__id": Param("configuration_ids", ids),
        "rocket__configuration__id": Param("configuration_ids", ids),
        "pad": Param("pad_ids", ids),
        "pad__ids": Param("pad_ids", ids),
        "pad__location": Param("location_ids", ids),
        "location__ids": Param("location_ids", ids),
        "mission__agency__ids": Param("mission_agency_ids", ids),
        "mission__orbit__name": Param("orbit_name", plain),
        "mission__orbit__name__icontains": Param("orbit_name_contains", plain),
        "serial_number": Param("serial_numbers", texts),
        "rocket__spacecraftflight__spacecraft__id": Param("spacecraft_ids", ids),
        "rocket__spacecraftflight__spacecraft__name": Param("spacecraft_name", plain),
        "rocket__spacecraftflight__spacecraft__name__icontains": Param(
            "spacecraft_name_contains", plain
        ),
        "spacecraft_config__ids": Param("spacecraft_config_ids", ids),
        "program": Param("program_ids", ids),
        # LL2 lists suborbital launches unless told not to.
        "include_suborbital": Param(
            "suborbital", boolean, lambda include: None if include else False
        ),
        "is_crewed": Param("crewed", boolean),
        "search": Param("search", plain),
        **_DATED,
    },
    ranges=("net", "window_start", "window_end", "last_updated"),
    orderings={"net": "NET", "last_updated": "LAST_UPDATED", "name": "NAME", "id": "ID"},
)


# API 2.3.0 reads `day`, `month` and `year` as comma-separated lists, and adds launch
# filters on the COSPAR designator and on celestial bodies.
_DATED_3 = {name: Param(name, numbers) for name in _DATED}
EVENTS_3 = replace(EVENTS, params={**EVENTS.params, **_DATED_3})
LAUNCHES_3 = replace(
    LAUNCHES,
    params={
        **LAUNCHES.params,
        **_DATED_3,
        "launch_designator": Param("launch_designators", texts),
        "pad__location__celestial_body__id": Param("location_celestial_body_ids", ids),
        "mission__orbit__celestial_body__id": Param("orbit_celestial_body_ids", ids),
    },
)

# The lists of the other resources: LL2's parameters that name a criterion LaunchGraph has.
_ID_SEARCH = {"id": Param("ids", ids), "search": Param("search", plain)}
AGENCIES = Filters(
    params={
        **_ID_SEARCH,
        "name": Param("name", plain),
        "abbrev": Param("abbrev", plain),
        "featured": Param("featured", boolean),
        "type": Param("type", plain),
        "country_code": Param("country_code", plain),
    },
    ranges=(),
    orderings={"name": "NAME", "id": "ID"},
)
PROGRAMS = Filters(
    params={
        **_ID_SEARCH,
        "name": Param("name", plain),
        "type": Param("type_ids", ids),
        "agency": Param("agency_ids", ids),
        "agency__ids": Param("agency_ids", ids),
    },
    ranges=("start_date",),
    orderings={"name": "NAME", "start_date": "START_DATE", "id": "ID"},
)
PADS = Filters(
    params={
        **_ID_SEARCH,
        "name": Param("name", plain),
        "location": Param("location_ids", ids),
        "location__id": Param("location_ids", ids),
        "location__ids": Param("location_ids", ids),
        "agency_id": Param("agency_ids", ids),
        "country_code": Param("country_code", plain),
    },
    ranges=(),
    orderings={"name": "NAME", "id": "ID"},
)
LOCATIONS = Filters(
    params={
        **_ID_SEARCH,
        "name": Param("name", plain),
        "country_code": Param("country_code", plain),
    },
    ranges=(),
    orderings={"name": "NAME", "id": "ID"},
)
STATIONS = Filters(
    params={
        **_ID_SEARCH,
        "status": Param("status_ids", ids),
        "status__ids": Param("status_ids", ids),
    },
    ranges=(),
    orderings={"name": "NAME", "founded": "FOUNDED", "id": "ID"},
)
EXPEDITIONS = Filters(
    params={
        **_ID_SEARCH,
        "space_station": Param("spacestation_ids", ids),
        "spacestation": Param("spacestation_ids", ids),
        "space_station__ids": Param("spacestation_ids", ids),
    },
    ranges=("start",),
    orderings={"start": "START", "name": "NAME", "id": "ID"},
)
CONFIGS = Filters(
    params={
        **_ID_SEARCH,
        "family": Param("family", plain),
        "manufacturer__id": Param("manufacturer_ids", ids),
        "active": Param("active", boolean),
        "reusable": Param("reusable", boolean),
    },
    ranges=(),
    orderings={"name": "NAME", "id": "ID"},
)
