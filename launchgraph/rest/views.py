"""What LL2's REST API answers for each endpoint, declared once as data: an LL2 *view* of an
entity lists LL2's keys in LL2's order, each a column of the entity's table or a relation of
db.graph rendered as another view (LL2's nesting). `obj` turns a view into the compiled
path's plan (gql.compiled.plan.Obj), so REST answers come from the same declarations and
the same SQL renderer as GraphQL.

A key is a column of the same name unless given as (key, part): `Column` (another column,
or a decimal as a number), `Url` (the object's `url` on this server), `Inline` (a small
nested object of the row's own columns, such as a link's `type`), or a view through a
relation (`Rel`); `Fixed` is a fixed text.
"""

from __future__ import annotations

from dataclasses import dataclass

from launchgraph.db import graph
from launchgraph.db.graph import Link, Owned, Ref
from launchgraph.db.tables import metadata
from launchgraph.gql.compiled.plan import Concat, Lit, Many, Nested, Obj, One, Stored, Value

T = metadata.tables


@dataclass(frozen=True)
class Column:
    """The column `name` (a DecimalText as a number where `number`)."""

    name: str
    number: bool = False


@dataclass(frozen=True)
class Url:
    """`{base}/{path}/{id}/`: the object's address on this server, as LL2 gives its own."""

    path: str


@dataclass(frozen=True)
class Fixed:
    """A fixed text (2.3.0's `response_mode`)."""

    text: str


@dataclass(frozen=True)
class Inline:
    """A nested object of the row's own columns: [(key, column)]; null where the first
    column is."""

    keys: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class View:
    """An entity (a table) as LL2 renders it in one place."""

    table: str
    keys: tuple[str | tuple[str, Part], ...]


@dataclass(frozen=True)
class Rel:
    """A relation of db.graph, its rows rendered as `view`."""

    relation: Ref | Link | Owned
    view: View


Part = Column | Url | Fixed | Inline | Rel


def view(table: str, *keys: str | tuple[str, Part]) -> View:
    return View(table, keys)


def obj(v: View, base: str) -> Obj:
    """The plan of a view, with `url` fields under `base` (scheme, host and version)."""
    out = Obj(v.table, v.table)
    for item in v.keys:
        key, part = (item, Column(item)) if isinstance(item, str) else item
        out.keys.append((key, _value(part, v.table, base)))
    return out


def _value(part: Part, table: str, base: str) -> Value:
    columns = T[table].c
    if isinstance(part, Column):
        return Stored(columns[part.name], part.number)
    if isinstance(part, Fixed):
        return Lit(part.text)
    if isinstance(part, Url):
        return Concat([Lit(f"{base}/{part.path}/"), Stored(columns.id), Lit("/")])
    if isinstance(part, Inline):
        return Nested([(k, Stored(columns[c])) for k, c in part.keys])
    if isinstance(part.relation, Ref):
        return One(part.relation, obj(part.view, base))
    return Many(part.relation, obj(part.view, base))


# -- API 2.2.0 --------------------------------------------------------------------------------
# Key lists as LL2 2.2.0 serves them (the seeds and the real payloads under tests/ show them).

ID_NAME = ("id", "name")
DESCRIBED = ("id", "name", "abbrev", "description")
EVENT_TYPE = view("event_type", *ID_NAME)
PRECISION = view("date_precision", *DESCRIBED)
LAUNCH_STATUS = view("launch_status", *DESCRIBED)
ORBIT = view("orbit", "id", "name", "abbrev")
PROGRAM_TYPE = view("program_type", *ID_NAME)
STATION_STATUS = view("spacestation_status", *ID_NAME)

AGENCY_MINI = view("agency", "id", ("url", Url("agencies")), "name", "type")
_AGENCY_ABOUT = (
    "id",
    ("url", Url("agencies")),
    "name",
    "featured",
    "type",
    "country_code",
    "abbrev",
    "description",
    "administrator",
    "founding_year",
    "launchers",
    "spacecraft",
)
_AGENCY_FIGURES = (
    "launch_library_url",
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
    "consecutive_successful_landings",
    "successful_landings",
    "failed_landings",
    "attempted_landings",
    "info_url",
    "wiki_url",
    "logo_url",
    "image_url",
    "nation_url",
)
# An event's agencies.
AGENCY_SERIALIZED = view("agency", *_AGENCY_ABOUT, "parent", "image_url", "logo_url")
# A mission's agencies.
AGENCY_DETAILED = view("agency", *_AGENCY_ABOUT, *_AGENCY_FIGURES)
# /agencies/{id}/ (LL2 adds launcher_list and spacecraft_list, which LaunchGraph does not hold).
AGENCY_ENDPOINT = view("agency", *_AGENCY_ABOUT, "parent", *_AGENCY_FIGURES)

_LINK = (
    "priority",
    "source",
    "title",
    "description",
    "feature_image",
    "url",
    ("type", Inline((("id", "type_id"), ("name", "type_name")))),
    (
        "language",
        Inline((("id", "language_id"), ("name", "language_name"), ("code", "language_code"))),
    ),
)
INFO_URL = view("info_url", *_LINK)
VID_URL = view("vid_url", "priority", "title", "description", "feature_image", "url")

PATCH = view(
    "mission_patch",
    "id",
    "name",
    "priority",
    "image_url",
    ("agency", Rel(graph.PATCH_AGENCY, AGENCY_MINI)),
)
PROGRAM = view(
    "program",
    "id",
    ("url", Url("program")),
    "name",
    "description",
    ("agencies", Rel(graph.PROGRAM_AGENCIES, AGENCY_MINI)),
    "image_url",
    "start_date",
    "end_date",
    "info_url",
    "wiki_url",
    ("mission_patches", Rel(graph.PROGRAM_PATCHES, PATCH)),
    ("type", Rel(graph.PROGRAM_TYPE, PROGRAM_TYPE)),
)

LOCATION = view(
    "location",
    "id",
    ("url", Url("location")),
    "name",
    "country_code",
    "description",
    "map_image",
    "timezone_name",
    "total_launch_count",
    "total_landing_count",
)
PAD = view(
    "pad",
    "id",
    ("url", Url("pad")),
    "agency_id",
    "name",
    "description",
    "info_url",
    "wiki_url",
    "map_url",
    "latitude",
    "longitude",
    ("location", Rel(graph.PAD_LOCATION, LOCATION)),
    "country_code",
    "map_image",
    "total_launch_count",
    "orbital_launch_attempt_count",
)

CONFIG_MINI = view(
    "launcher_config",
    "id",
    ("url", Url("config/launcher")),
    "name",
    "family",
    "full_name",
    "variant",
)
ROCKET = view("rocket", "id", ("configuration", Rel(graph.ROCKET_CONFIGURATION, CONFIG_MINI)))
MISSION = view(
    "mission",
    "id",
    "name",
    "description",
    "launch_designator",
    "type",
    ("orbit", Rel(graph.MISSION_ORBIT, ORBIT)),
    ("agencies", Rel(graph.MISSION_AGENCIES, AGENCY_DETAILED)),
    ("info_urls", Rel(graph.MISSION_INFO_URLS, INFO_URL)),
    ("vid_urls", Rel(graph.MISSION_VID_URLS, VID_URL)),
)

_COUNTS = (
    "orbital_launch_attempt_count",
    "location_launch_attempt_count",
    "pad_launch_attempt_count",
    "agency_launch_attempt_count",
    "orbital_launch_attempt_count_year",
    "location_launch_attempt_count_year",
    "pad_launch_attempt_count_year",
    "agency_launch_attempt_count_year",
)
LAUNCH = view(
    "launch",
    "id",
    ("url", Url("launch")),
    "slug",
    "name",
    ("status", Rel(graph.LAUNCH_STATUS, LAUNCH_STATUS)),
    "last_updated",
    "net",
    "window_end",
    "window_start",
    ("net_precision", Rel(graph.LAUNCH_PRECISION, PRECISION)),
    "probability",
    "weather_concerns",
    "holdreason",
    "failreason",
    "hashtag",
    ("launch_service_provider", Rel(graph.LAUNCH_PROVIDER, AGENCY_MINI)),
    ("rocket", Rel(graph.LAUNCH_ROCKET, ROCKET)),
    ("mission", Rel(graph.LAUNCH_MISSION, MISSION)),
    ("pad", Rel(graph.LAUNCH_PAD, PAD)),
    "webcast_live",
    ("image", Column("image_url")),
    "infographic",
    ("program", Rel(graph.LAUNCH_PROGRAMS, PROGRAM)),
    *_COUNTS,
    "type",
)

_STATION_HEAD = (
    "id",
    ("url", Url("spacestation")),
    "name",
    ("status", Rel(graph.STATION_STATUS, STATION_STATUS)),
)
STATION_MINI = view("spacestation", *_STATION_HEAD, "orbit", "image_url")
STATION = view("spacestation", *_STATION_HEAD, "founded", "description", "orbit", "image_url")
EXPEDITION = view(
    "expedition",
    "id",
    ("url", Url("expedition")),
    "name",
    "start",
    "end",
    ("spacestation", Rel(graph.EXPEDITION_STATION, STATION_MINI)),
)
UPDATE = view(
    "event_update", "id", "profile_image", "comment", "info_url", "created_by", "created_on"
)
EVENT = view(
    "event",
    "id",
    ("url", Url("event")),
    "slug",
    "name",
    ("updates", Rel(graph.EVENT_UPDATES, UPDATE)),
    "last_updated",
    ("type", Rel(graph.EVENT_TYPE, EVENT_TYPE)),
    "description",
    "webcast_live",
    "location",
    "news_url",
    "video_url",
    ("info_urls", Rel(graph.EVENT_INFO_URLS, INFO_URL)),
    ("vid_urls", Rel(graph.EVENT_VID_URLS, VID_URL)),
    "feature_image",
    "date",
    ("date_precision", Rel(graph.EVENT_PRECISION, PRECISION)),
    "duration",
    ("agencies", Rel(graph.EVENT_AGENCIES, AGENCY_SERIALIZED)),
    ("launches", Rel(graph.EVENT_LAUNCHES, LAUNCH)),
    ("expeditions", Rel(graph.EVENT_EXPEDITIONS, EXPEDITION)),
    ("spacestations", Rel(graph.EVENT_STATIONS, STATION)),
    ("program", Rel(graph.EVENT_PROGRAMS, PROGRAM)),
)
# /config/launcher/{id}/ (of LL2's detailed configuration, the fields LaunchGraph holds).
CONFIG = view(
    "launcher_config",
    "id",
    ("url", Url("config/launcher")),
    "name",
    "description",
    "family",
    "full_name",
    ("manufacturer", Rel(graph.CONFIG_MANUFACTURER, AGENCY_DETAILED)),
    "variant",
    "alias",
    "min_stage",
    "max_stage",
    "length",
    "diameter",
    "maiden_flight",
    "launch_mass",
    "leo_capacity",
    "gto_capacity",
    "to_thrust",
    "apogee",
    "vehicle_range",
    "image_url",
    "info_url",
    "wiki_url",
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
)


# -- API 2.3.0 --------------------------------------------------------------------------------
# Key lists in the order of LL2's 2.3.0 schema (shared/ll2/v2.3.0/SHAPES.md), per mode. A
# 2.3.0 key the tables do not hold yet (Image objects, countries, agency and station types,
# families, celestial bodies, the launch's designator, timeline, stages ...) is left out
# (see MISSING_2_3_0) rather than invented.


def mode(name: str) -> tuple[str, Part]:
    return ("response_mode", Fixed(name))


MISSING_2_3_0 = {
    "event": (),
    "launch": ("timeline",),
    "agency": (
        "type",
        "country",
        "founding_year",
        "image",
        "logo",
        "social_logo",
        "*_landings_spacecraft",
        "*_landings_payload",
        "social_media_links",
    ),
    "launcher_config": (
        "families",
        "active",
        "is_placeholder",
        "program",
        "reusable",
        "image",
        "launch_cost",
        "geo_capacity",
        "sso_capacity",
        "attempted_landings",
        "successful_landings",
        "failed_landings",
        "consecutive_successful_landings",
        "fastest_turnaround",
    ),
    "rocket": (),
    "mission": ("image",),
    "orbit": ("celestial_body",),
    "pad": ("active", "agencies", "image", "country", "fastest_turnaround"),
    "location": ("celestial_body", "active", "country", "image", "longitude", "latitude"),
    "program": ("image",),
    "spacestation": ("image", "deorbited", "type"),
    "expedition": ("mission_patches", "spacewalks"),
}

IMAGE_VARIANT_3 = view(
    "image_variant", "id", ("type", Inline((("id", "type_id"), ("name", "type_name")))), "image_url"
)
IMAGE_3 = view(
    "image",
    "id",
    "name",
    "image_url",
    "thumbnail_url",
    "credit",
    (
        "license",
        Inline(
            (
                ("id", "license_id"),
                ("name", "license_name"),
                ("priority", "license_priority"),
                ("link", "license_link"),
            )
        ),
    ),
    "single_use",
    ("variants", Rel(graph.IMAGE_VARIANTS, IMAGE_VARIANT_3)),
)

AGENCY_MINI_3 = view("agency", mode("list"), "id", ("url", Url("agencies")), "name", "abbrev")
AGENCY_DETAILED_3 = view(
    "agency",
    mode("normal"),
    "id",
    ("url", Url("agencies")),
    "name",
    "abbrev",
    "featured",
    "description",
    "administrator",
    "launchers",
    "spacecraft",
    "parent",
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
    "consecutive_successful_landings",
    "successful_landings",
    "failed_landings",
    "attempted_landings",
    "info_url",
    "wiki_url",
)
INFO_URL_3 = INFO_URL
VID_URL_3 = view(
    "vid_url",
    "priority",
    "source",
    "publisher",
    "title",
    "description",
    "feature_image",
    "url",
    ("type", Inline((("id", "type_id"), ("name", "type_name")))),
    (
        "language",
        Inline((("id", "language_id"), ("name", "language_name"), ("code", "language_code"))),
    ),
    "start_time",
    "end_time",
    "live",
)
PATCH_3 = view(
    "mission_patch",
    "id",
    "name",
    "priority",
    "image_url",
    ("agency", Rel(graph.PATCH_AGENCY, AGENCY_MINI_3)),
    mode("normal"),
)
PROGRAM_3 = view(
    "program",
    mode("normal"),
    "id",
    ("url", Url("programs")),
    "name",
    "info_url",
    "wiki_url",
    "description",
    ("agencies", Rel(graph.PROGRAM_AGENCIES, AGENCY_MINI_3)),
    "start_date",
    "end_date",
    ("mission_patches", Rel(graph.PROGRAM_PATCHES, PATCH_3)),
    ("type", Rel(graph.PROGRAM_TYPE, PROGRAM_TYPE)),
)
LOCATION_3 = view(
    "location",
    mode("normal"),
    "id",
    ("url", Url("locations")),
    "name",
    "description",
    "map_image",
    "timezone_name",
    "total_launch_count",
    "total_landing_count",
)
PAD_3 = view(
    "pad",
    "id",
    ("url", Url("pads")),
    "name",
    "description",
    "info_url",
    "wiki_url",
    "map_url",
    ("latitude", Column("latitude", number=True)),
    ("longitude", Column("longitude", number=True)),
    "map_image",
    "total_launch_count",
    "orbital_launch_attempt_count",
    ("location", Rel(graph.PAD_LOCATION, LOCATION_3)),
)
_CONFIG_HEAD_3 = ("id", ("url", Url("launcher_configurations")), "name", "full_name", "variant")
CONFIG_LIST_3 = view("launcher_config", mode("list"), *_CONFIG_HEAD_3)
CONFIG_DETAILED_3 = view(
    "launcher_config",
    mode("detailed"),
    *_CONFIG_HEAD_3,
    ("manufacturer", Rel(graph.CONFIG_MANUFACTURER, AGENCY_DETAILED_3)),
    "info_url",
    "wiki_url",
    "description",
    "alias",
    "min_stage",
    "max_stage",
    "length",
    "diameter",
    "maiden_flight",
    "launch_mass",
    "leo_capacity",
    "gto_capacity",
    "to_thrust",
    "apogee",
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
)
ROCKET_NORMAL_3 = view(
    "rocket", "id", ("configuration", Rel(graph.ROCKET_CONFIGURATION, CONFIG_LIST_3))
)
ID_NAME_OF_TYPE = Inline((("id", "type_id"), ("name", "type_name")))
LANDING_LOCATION_3 = view(
    "landing_location",
    "id",
    "name",
    "active",
    "abbrev",
    "description",
    ("location", Rel(graph.LANDING_SITE, LOCATION_3)),
    ("longitude", Column("longitude", number=True)),
    ("latitude", Column("latitude", number=True)),
    ("image", Rel(graph.LANDING_SITE_IMAGE, IMAGE_3)),
    "successful_landings",
    "attempted_landings",
    "failed_landings",
)
LANDING_3 = view(
    "landing",
    "id",
    ("url", Url("landings")),
    "attempt",
    "success",
    "description",
    "downrange_distance",
    ("landing_location", Rel(graph.LANDING_LOCATION, LANDING_LOCATION_3)),
    ("type", Rel(graph.LANDING_TYPE, view("landing_type", *DESCRIBED))),
)
LAUNCHER_3 = view(
    "launcher",
    mode("normal"),
    "id",
    ("url", Url("launchers")),
    "flight_proven",
    "serial_number",
    "is_placeholder",
    ("status", Inline((("id", "status_id"), ("name", "status")))),
    ("image", Rel(graph.LAUNCHER_IMAGE, IMAGE_3)),
    "details",
    "successful_landings",
    "attempted_landings",
    "flights",
    "last_launch_date",
    "first_launch_date",
    "fastest_turnaround",
)
STAGE_3 = view(
    "launcher_stage",
    "id",
    "type",
    "reused",
    "launcher_flight_number",
    ("launcher", Rel(graph.STAGE_LAUNCHER, LAUNCHER_3)),
    "previous_flight_date",
    "turn_around_time",
    ("landing", Rel(graph.STAGE_LANDING, LANDING_3)),
    (
        "previous_flight",
        Inline(
            (
                ("id", "previous_flight_id"),
                ("url", "previous_flight_url"),
                ("name", "previous_flight_name"),
            )
        ),
    ),
)
CREW_3 = view(
    "astronaut_flight",
    "id",
    ("role", Inline((("id", "role_id"), ("role", "role"), ("priority", "role_priority")))),
    (
        "astronaut",
        Rel(
            graph.CREW_ASTRONAUT,
            view(
                "astronaut",
                mode("detailed"),
                "id",
                ("url", Url("astronauts")),
                "name",
                ("status", Inline((("id", "status_id"), ("name", "status_name")))),
                ("agency", Rel(graph.ASTRONAUT_AGENCY, AGENCY_MINI_3)),
                ("image", Rel(graph.ASTRONAUT_IMAGE, IMAGE_3)),
                ("type", ID_NAME_OF_TYPE),
                "age",
                "bio",
                "in_space",
                "time_in_space",
                "eva_time",
                "date_of_birth",
                "date_of_death",
                "wiki",
                "last_flight",
                "first_flight",
            ),
        ),
    ),
)
SPACECRAFT_3 = view(
    "spacecraft",
    mode("detailed"),
    "id",
    ("url", Url("spacecraft")),
    "name",
    "serial_number",
    "is_placeholder",
    "in_space",
    "time_in_space",
    "time_docked",
    "flights_count",
    "mission_ends_count",
    ("status", Inline((("id", "status_id"), ("name", "status_name")))),
    "description",
    (
        "spacecraft_config",
        Rel(
            graph.SPACECRAFT_CONFIG,
            view(
                "spacecraft_config",
                mode("list"),
                "id",
                ("url", Url("spacecraft_configurations")),
                "name",
                ("type", ID_NAME_OF_TYPE),
                ("agency", Rel(graph.SPACECRAFT_CONFIG_AGENCY, AGENCY_MINI_3)),
                "in_use",
                ("image", Rel(graph.SPACECRAFT_CONFIG_IMAGE, IMAGE_3)),
            ),
        ),
    ),
    ("image", Rel(graph.SPACECRAFT_IMAGE, IMAGE_3)),
    "fastest_turnaround",
)
SPACECRAFT_FLIGHT_3 = view(
    "spacecraft_flight",
    mode("detailed"),
    "id",
    ("url", Url("spacecraft_flights")),
    "destination",
    "mission_end",
    ("spacecraft", Rel(graph.FLIGHT_SPACECRAFT, SPACECRAFT_3)),
    ("landing", Rel(graph.FLIGHT_LANDING, LANDING_3)),
    "duration",
    "turn_around_time",
    ("launch_crew", Rel(graph.LAUNCH_CREW, CREW_3)),
    ("onboard_crew", Rel(graph.ONBOARD_CREW, CREW_3)),
    ("landing_crew", Rel(graph.LANDING_CREW, CREW_3)),
)
PAYLOAD_FLIGHT_3 = view(
    "payload_flight",
    mode("detailed"),
    "id",
    ("url", Url("payload_flights")),
    "destination",
    "amount",
    (
        "payload",
        Rel(
            graph.PAYLOAD_FLIGHT_PAYLOAD,
            view(
                "payload",
                mode("detailed"),
                "id",
                "name",
                ("type", ID_NAME_OF_TYPE),
                ("manufacturer", Rel(graph.PAYLOAD_MANUFACTURER, AGENCY_DETAILED_3)),
                ("operator", Rel(graph.PAYLOAD_OPERATOR, AGENCY_DETAILED_3)),
                ("image", Rel(graph.PAYLOAD_IMAGE, IMAGE_3)),
                "wiki_link",
                "info_link",
                ("program", Rel(graph.PAYLOAD_PROGRAMS, PROGRAM_3)),
                ("cost", Column("cost", number=True)),
                ("mass", Column("mass", number=True)),
                "description",
            ),
        ),
    ),
    ("landing", Rel(graph.PAYLOAD_FLIGHT_LANDING, LANDING_3)),
)
ROCKET_DETAILED_3 = view(
    "rocket",
    "id",
    ("configuration", Rel(graph.ROCKET_CONFIGURATION, CONFIG_DETAILED_3)),
    ("launcher_stage", Rel(graph.ROCKET_LAUNCHER_STAGES, STAGE_3)),
    ("spacecraft_stage", Rel(graph.ROCKET_SPACECRAFT_STAGES, SPACECRAFT_FLIGHT_3)),
    ("payloads", Rel(graph.ROCKET_PAYLOADS, PAYLOAD_FLIGHT_3)),
)
MISSION_3 = view(
    "mission",
    "id",
    "name",
    "type",
    "description",
    ("orbit", Rel(graph.MISSION_ORBIT, ORBIT)),
    ("agencies", Rel(graph.MISSION_AGENCIES, AGENCY_DETAILED_3)),
    ("info_urls", Rel(graph.MISSION_INFO_URLS, INFO_URL_3)),
    ("vid_urls", Rel(graph.MISSION_VID_URLS, VID_URL_3)),
)

_LAUNCH_LIST_3 = (
    "id",
    ("url", Url("launches")),
    "name",
)
_LAUNCH_BASIC_3 = (
    "slug",
    "launch_designator",
    ("status", Rel(graph.LAUNCH_STATUS, LAUNCH_STATUS)),
    "last_updated",
    "net",
    ("net_precision", Rel(graph.LAUNCH_PRECISION, PRECISION)),
    "window_end",
    "window_start",
    ("image", Rel(graph.LAUNCH_IMAGE, IMAGE_3)),
    "infographic",
)


def _launch_3(name: str, provider: View, rocket: View, *tail: str | tuple[str, Part]) -> View:
    rest: tuple[str | tuple[str, Part], ...] = ()
    if name != "list":
        rest = (
            "probability",
            "weather_concerns",
            "failreason",
            "hashtag",
            ("launch_service_provider", Rel(graph.LAUNCH_PROVIDER, provider)),
            ("rocket", Rel(graph.LAUNCH_ROCKET, rocket)),
            ("mission", Rel(graph.LAUNCH_MISSION, MISSION_3)),
            ("pad", Rel(graph.LAUNCH_PAD, PAD_3)),
            "webcast_live",
            ("program", Rel(graph.LAUNCH_PROGRAMS, PROGRAM_3)),
            *_COUNTS,
            *tail,
        )
    return view("launch", *_LAUNCH_LIST_3, mode(name), *_LAUNCH_BASIC_3, *rest)


LAUNCH_UPDATE_3 = view(
    "launch_update", "id", "profile_image", "comment", "info_url", "created_by", "created_on"
)
LAUNCH_LIST_3 = _launch_3("list", AGENCY_MINI_3, ROCKET_NORMAL_3)
LAUNCH_NORMAL_3 = _launch_3("normal", AGENCY_MINI_3, ROCKET_NORMAL_3)
LAUNCH_DETAILED_3 = _launch_3(
    "detailed",
    AGENCY_DETAILED_3,
    ROCKET_DETAILED_3,
    "flightclub_url",
    ("updates", Rel(graph.LAUNCH_UPDATES, LAUNCH_UPDATE_3)),
    ("info_urls", Rel(graph.LAUNCH_INFO_URLS, INFO_URL_3)),
    ("vid_urls", Rel(graph.LAUNCH_VID_URLS, VID_URL_3)),
    "pad_turnaround",
    ("mission_patches", Rel(graph.LAUNCH_PATCHES, PATCH_3)),
)

STATION_3 = view(
    "spacestation",
    "id",
    ("url", Url("space_stations")),
    "name",
    ("status", Rel(graph.STATION_STATUS, STATION_STATUS)),
    "founded",
    "description",
    "orbit",
)
EXPEDITION_3 = view(
    "expedition",
    "id",
    ("url", Url("expeditions")),
    "name",
    "start",
    "end",
    mode("normal"),
    ("spacestation", Rel(graph.EXPEDITION_STATION, STATION_3)),
)


ASTRONAUT_3 = view(
    "astronaut",
    "id",
    ("url", Url("astronauts")),
    "name",
    ("status", Inline((("id", "status_id"), ("name", "status_name")))),
    ("agency", Rel(graph.ASTRONAUT_AGENCY, AGENCY_MINI_3)),
    ("image", Rel(graph.ASTRONAUT_IMAGE, IMAGE_3)),
)


def _event_3(name: str) -> View:
    head: tuple[str | tuple[str, Part], ...] = (
        "id",
        ("url", Url("events")),
        "name",
        ("info_urls", Rel(graph.EVENT_INFO_URLS, INFO_URL_3)),
        ("vid_urls", Rel(graph.EVENT_VID_URLS, VID_URL_3)),
        ("image", Rel(graph.EVENT_IMAGE, IMAGE_3)),
        "date",
        "slug",
        ("type", Rel(graph.EVENT_TYPE, EVENT_TYPE)),
        "description",
        "webcast_live",
        "location",
        ("date_precision", Rel(graph.EVENT_PRECISION, PRECISION)),
        mode(name),
        "duration",
    )
    normal = (("updates", Rel(graph.EVENT_UPDATES, UPDATE)), "last_updated")
    detailed = (
        ("agencies", Rel(graph.EVENT_AGENCIES, AGENCY_MINI_3)),
        ("launches", Rel(graph.EVENT_LAUNCHES, LAUNCH_LIST_3)),
        ("expeditions", Rel(graph.EVENT_EXPEDITIONS, EXPEDITION_3)),
        ("spacestations", Rel(graph.EVENT_STATIONS, STATION_3)),
        ("program", Rel(graph.EVENT_PROGRAMS, PROGRAM_3)),
        ("astronauts", Rel(graph.EVENT_ASTRONAUTS, ASTRONAUT_3)),
    )
    if name == "list":
        return view("event", *head)
    if name == "normal":
        return view("event", *head, *normal)
    return view("event", *head, *normal, *detailed)


EVENT_MODES_3 = {m: _event_3(m) for m in ("list", "normal", "detailed")}
LAUNCH_MODES_3 = {"list": LAUNCH_LIST_3, "normal": LAUNCH_NORMAL_3, "detailed": LAUNCH_DETAILED_3}
