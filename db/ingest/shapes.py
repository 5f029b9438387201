"""How each LL2 object maps to rows: its scalar fields, references, lists and owned children.

One `Entity` per table. Keys absent from a payload (older API versions send fewer) are left
untouched in the database; keys present with null are stored as null; unknown keys are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from launchgraph.db.ingest import scalars as s
from launchgraph.db.ingest.scalars import Coercer


@dataclass(frozen=True)
class Ref:
    """A nested object stored in its own table and referenced by a foreign-key column."""

    column: str
    entity: str


@dataclass(frozen=True)
class Link:
    """A nested list stored through a link table (owner_col, target_col, position)."""

    table: str
    owner_col: str
    target_col: str
    entity: str


@dataclass(frozen=True)
class Owned:
    """A nested list of objects that belong to the owner alone (no LL2 id of their own, or
    ids meaningful only inside the owner); a newer owner replaces them all."""

    table: str
    owner_col: str
    entity: str


@dataclass(frozen=True)
class Entity:
    """The mapping of one LL2 object type to one table."""

    table: str
    key: str = "id"
    key_coercer: Coercer = s.as_id
    scalars: dict[str, Coercer] = field(default_factory=dict)
    refs: dict[str, Ref] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    owned: dict[str, Owned] = field(default_factory=dict)
    # Nested {id, name[, code]} objects flattened into prefix_id / prefix_name columns.
    flattened: dict[str, dict[str, Coercer]] = field(default_factory=dict)
    # Entities with LL2's last_updated: an older copy never replaces a newer one.
    stamped: bool = False
    required: tuple[str, ...] = ()


def _all(coercer: Coercer, *names: str) -> dict[str, Coercer]:
    return dict.fromkeys(names, coercer)


_URL_FIELDS = {
    **_all(s.as_int, "priority"),
    **_all(s.as_str, "source", "title", "description", "feature_image", "url"),
}

_URL_PARTS = {
    "type": {"id": s.as_int, "name": s.as_str},
    "language": {"id": s.as_int, "name": s.as_str, "code": s.as_str},
}

ENTITIES: dict[str, Entity] = {
    "date_precision": Entity(
        "date_precision", scalars=_all(s.as_str, "name", "abbrev", "description")
    ),
    "event_type": Entity("event_type", scalars=_all(s.as_str, "name")),
    "launch_status": Entity(
        "launch_status", scalars=_all(s.as_str, "name", "abbrev", "description")
    ),
    "orbit": Entity("orbit", scalars=_all(s.as_str, "name", "abbrev")),
    "program_type": Entity("program_type", scalars=_all(s.as_str, "name")),
    "spacestation_status": Entity("spacestation_status", scalars=_all(s.as_str, "name")),
    "agency": Entity(
        "agency",
        scalars={
            **_all(
                s.as_str,
                "url",
                "name",
                "type",
                "country_code",
                "abbrev",
                "description",
                "administrator",
                "founding_year",
                "launchers",
                "spacecraft",
                "parent",
                "launch_library_url",
                "info_url",
                "wiki_url",
                "logo_url",
                "image_url",
                "nation_url",
            ),
            "featured": s.as_bool,
            **_all(
                s.as_int,
                "total_launch_count",
                "consecutive_successful_launches",
                "successful_launches",
                "failed_launches",
                "pending_launches",
                "consecutive_successful_landings",
                "successful_landings",
                "failed_landings",
                "attempted_landings",
            ),
        },
        required=("name",),
    ),
    "location": Entity(
        "location",
        scalars={
            **_all(
                s.as_str,
                "url",
                "name",
                "country_code",
                "description",
                "map_image",
                "timezone_name",
            ),
            **_all(s.as_int, "total_launch_count", "total_landing_count"),
        },
        required=("name",),
    ),
    "pad": Entity(
        "pad",
        scalars={
            **_all(
                s.as_str,
                "url",
                "name",
                "description",
                "info_url",
                "wiki_url",
                "map_url",
                "country_code",
                "map_image",
            ),
            **_all(s.as_decimal_text, "latitude", "longitude"),
            **_all(s.as_int, "agency_id", "total_launch_count", "orbital_launch_attempt_count"),
        },
        refs={"location": Ref("location_id", "location")},
        required=("name",),
    ),
    "launcher_config": Entity(
        "launcher_config",
        scalars={
            **_all(
                s.as_str,
                "url",
                "name",
                "family",
                "full_name",
                "variant",
                "alias",
                "description",
                "maiden_flight",
                "image_url",
                "info_url",
                "wiki_url",
            ),
            **_all(
                s.as_int,
                "launch_library_id",
                "min_stage",
                "max_stage",
                "launch_mass",
                "leo_capacity",
                "gto_capacity",
                "to_thrust",
                "apogee",
                "vehicle_range",
                "total_launch_count",
                "consecutive_successful_launches",
                "successful_launches",
                "failed_launches",
                "pending_launches",
            ),
            **_all(s.as_float, "length", "diameter"),
        },
        refs={"manufacturer": Ref("manufacturer_id", "agency")},
        required=("name",),
    ),
    "rocket": Entity("rocket", refs={"configuration": Ref("configuration_id", "launcher_config")}),
    "mission": Entity(
        "mission",
        scalars={
            **_all(s.as_str, "name", "description", "launch_designator", "type"),
            "launch_library_id": s.as_int,
        },
        refs={"orbit": Ref("orbit_id", "orbit")},
        links={"agencies": Link("mission_agency", "mission_id", "agency_id", "agency")},
        owned={
            "info_urls": Owned("info_url", "mission_id", "info_url"),
            "vid_urls": Owned("vid_url", "mission_id", "vid_url"),
        },
    ),
    "mission_patch": Entity(
        "mission_patch",
        scalars={**_all(s.as_str, "name", "image_url"), "priority": s.as_int},
        refs={"agency": Ref("agency_id", "agency")},
    ),
    "program": Entity(
        "program",
        scalars={
            **_all(s.as_str, "url", "name", "description", "image_url", "info_url", "wiki_url"),
            **_all(s.as_datetime, "start_date", "end_date"),
        },
        refs={"type": Ref("type_id", "program_type")},
        links={
            "agencies": Link("program_agency", "program_id", "agency_id", "agency"),
            "mission_patches": Link(
                "program_mission_patch", "program_id", "mission_patch_id", "mission_patch"
            ),
        },
        required=("name",),
    ),
    "spacestation": Entity(
        "spacestation",
        scalars={
            **_all(s.as_str, "url", "name", "description", "orbit", "image_url"),
            "founded": s.as_date,
        },
        refs={"status": Ref("status_id", "spacestation_status")},
        required=("name",),
    ),
    "expedition": Entity(
        "expedition",
        scalars={**_all(s.as_str, "url", "name"), **_all(s.as_datetime, "start", "end")},
        refs={"spacestation": Ref("spacestation_id", "spacestation")},
        required=("name",),
    ),
    "event_update": Entity(
        "event_update",
        scalars={
            **_all(s.as_str, "profile_image", "comment", "info_url", "created_by"),
            "created_on": s.as_datetime,
        },
    ),
    "info_url": Entity(
        "info_url",
        key="",
        scalars=_URL_FIELDS,
        flattened=_URL_PARTS,
    ),
    "vid_url": Entity(
        "vid_url",
        key="",
        scalars={
            **_URL_FIELDS,
            "publisher": s.as_str,
            "live": s.as_bool,
            **_all(s.as_datetime, "start_time", "end_time"),
        },
        flattened=_URL_PARTS,
    ),
    "launch": Entity(
        "launch",
        key_coercer=s.as_uuid,
        scalars={
            **_all(
                s.as_str,
                "url",
                "slug",
                "name",
                "weather_concerns",
                "holdreason",
                "failreason",
                "hashtag",
                "image",
                "infographic",
                "type",
            ),
            **_all(s.as_datetime, "last_updated", "net", "window_end", "window_start"),
            **_all(
                s.as_int,
                "launch_library_id",
                "probability",
                "orbital_launch_attempt_count",
                "location_launch_attempt_count",
                "pad_launch_attempt_count",
                "agency_launch_attempt_count",
                "orbital_launch_attempt_count_year",
                "location_launch_attempt_count_year",
                "pad_launch_attempt_count_year",
                "agency_launch_attempt_count_year",
            ),
            **_all(s.as_bool, "webcast_live", "inhold", "tbdtime", "tbddate"),
        },
        refs={
            "status": Ref("status_id", "launch_status"),
            "net_precision": Ref("net_precision_id", "date_precision"),
            "launch_service_provider": Ref("launch_service_provider_id", "agency"),
            "rocket": Ref("rocket_id", "rocket"),
            "mission": Ref("mission_id", "mission"),
            "pad": Ref("pad_id", "pad"),
        },
        links={"program": Link("launch_program", "launch_id", "program_id", "program")},
        owned={
            "info_urls": Owned("info_url", "launch_id", "info_url"),
            "vid_urls": Owned("vid_url", "launch_id", "vid_url"),
            "infoURLs": Owned("info_url", "launch_id", "info_url"),
            "vidURLs": Owned("vid_url", "launch_id", "vid_url"),
        },
        stamped=True,
        required=("name",),
    ),
    "event": Entity(
        "event",
        scalars={
            **_all(
                s.as_str,
                "url",
                "slug",
                "name",
                "description",
                "location",
                "news_url",
                "video_url",
                "feature_image",
                "duration",
            ),
            **_all(s.as_datetime, "date", "last_updated"),
            "webcast_live": s.as_bool,
        },
        refs={
            "type": Ref("type_id", "event_type"),
            "date_precision": Ref("date_precision_id", "date_precision"),
        },
        links={
            "launches": Link("event_launch", "event_id", "launch_id", "launch"),
            "agencies": Link("event_agency", "event_id", "agency_id", "agency"),
            "program": Link("event_program", "event_id", "program_id", "program"),
            "spacestations": Link(
                "event_spacestation", "event_id", "spacestation_id", "spacestation"
            ),
            "expeditions": Link("event_expedition", "event_id", "expedition_id", "expedition"),
        },
        owned={
            "updates": Owned("event_update", "event_id", "event_update"),
            "info_urls": Owned("info_url", "event_id", "info_url"),
            "vid_urls": Owned("vid_url", "event_id", "vid_url"),
        },
        stamped=True,
        required=("name",),
    ),
}

# Parents before children, so foreign keys hold at every insert.
TABLE_ORDER = [
    "date_precision",
    "event_type",
    "launch_status",
    "orbit",
    "program_type",
    "spacestation_status",
    "agency",
    "location",
    "pad",
    "launcher_config",
    "rocket",
    "mission",
    "mission_patch",
    "program",
    "spacestation",
    "expedition",
    "launch",
    "event",
]
LINK_TABLES = [
    "mission_agency",
    "program_agency",
    "program_mission_patch",
    "launch_program",
    "event_launch",
    "event_agency",
    "event_program",
    "event_spacestation",
    "event_expedition",
]
OWNED_TABLES = ["event_update", "info_url", "vid_url"]


def kind_of(obj: dict) -> str | None:
    """'launch' or 'event' for a top-level LL2 object, None when it is neither."""
    if "net" in obj or "rocket" in obj or "launch_service_provider" in obj:
        return "launch"
    if "date" in obj or "launches" in obj:
        return "event"
    return None
