"""What LL2's REST API answers for each endpoint, declared once as data: an LL2 *view* of an
entity lists LL2's keys in LL2's order, each a column of the entity's table or a relation of
db.graph rendered as another view (LL2's nesting). `obj` turns a view into the compiled
path's plan (gql.compiled.plan.Obj), so REST answers come from the same declarations and
the same SQL renderer as GraphQL.

A key is a column of the same name unless given as (key, part): `Column` (another column,
or a decimal as a number), `Url` (the object's `url` on this server), `Inline` (a small
nested object of the row's own columns, such as a link's `type`), `Via` (a column of a
related row, flattened), a view through a relation (`Rel`: an object through a Ref, a list
through a Link or Owned), or the one object of a list relation (`Single`); `Fixed` is a
fixed text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from launchgraph.db import graph
from launchgraph.db.graph import Link, Owned, Ref
from launchgraph.db.tables import metadata
from launchgraph.gql.compiled.plan import (
    Concat,
    First,
    Lit,
    Many,
    Nested,
    Obj,
    One,
    Stored,
    Through,
    Value,
)

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
class Via:
    """The column `column` of the row reached along `path` (Ref relations), flattened into
    the owner as LL2 2.2.0's list mode does (`lsp_name`, `pad`, `location`)."""

    path: tuple[Ref, ...]
    column: str


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


@dataclass(frozen=True)
class Single:
    """A list relation (Link, Owned) rendered as its one object, or null where it has none:
    LL2 2.2.0's `spacecraft_stage`, one object where 2.3.0 has a list (should the list hold
    more, its first in the relation's order)."""

    relation: Link | Owned
    view: View


Part = Column | Url | Fixed | Inline | Via | Rel | Single


def view(table: str, *keys: str | tuple[str, Part]) -> View:
    return View(table, keys)


@functools.cache
def weight(v: View) -> int:
    """The objects one row of the view renders: its nodes, as GraphQL's cost counts them
    (a nested list as one object, as gql.cost counts plain lists)."""
    parts = (item[1] for item in v.keys if not isinstance(item, str))
    return 1 + sum(weight(part.view) for part in parts if isinstance(part, Rel | Single))


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
    if isinstance(part, Via):
        value: Stored | Through = Stored(T[part.path[-1].target].c[part.column])
        for rel in reversed(part.path):
            value = Through(rel, value)
        return value
    if isinstance(part, Single):
        return First(part.relation, obj(part.view, base))
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
_LINK_TYPE_LANGUAGE = _LINK[-2:]
# Late 2.2.0's (older 2.2.0 answers had only priority, title, description, feature_image
# and url).
_VID_URL = (
    "priority",
    "source",
    "publisher",
    "title",
    "description",
    "feature_image",
    "url",
    *_LINK_TYPE_LANGUAGE,
    "start_time",
    "end_time",
)
VID_URL = view("vid_url", *_VID_URL)

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
_LAUNCH_STATUS = ("status", Rel(graph.LAUNCH_STATUS, LAUNCH_STATUS))
# A 2.2.0 launch's times and outlook.
_NET_PRECISION = ("net_precision", Rel(graph.LAUNCH_PRECISION, PRECISION))
_LAUNCH_CHANCES = ("probability", "weather_concerns", "holdreason", "failreason", "hashtag")
# A normal 2.2.0 launch gives the window before the NET's precision; a detailed one after it.
_LAUNCH_OUTLOOK = ("net", "window_end", "window_start", _NET_PRECISION, *_LAUNCH_CHANCES)
_LAUNCH_OUTLOOK_DETAILED = ("net", _NET_PRECISION, "window_end", "window_start", *_LAUNCH_CHANCES)
_LAUNCH_PLACES = (
    ("mission", Rel(graph.LAUNCH_MISSION, MISSION)),
    ("pad", Rel(graph.LAUNCH_PAD, PAD)),
)
_LAUNCH_PICTURES = (
    ("image", Column("image_url")),
    "infographic",
    ("program", Rel(graph.LAUNCH_PROGRAMS, PROGRAM)),
    *_COUNTS,
)
LAUNCH = view(
    "launch",
    "id",
    ("url", Url("launch")),
    "slug",
    "name",
    _LAUNCH_STATUS,
    "last_updated",
    *_LAUNCH_OUTLOOK,
    ("launch_service_provider", Rel(graph.LAUNCH_PROVIDER, AGENCY_MINI)),
    ("rocket", Rel(graph.LAUNCH_ROCKET, ROCKET)),
    *_LAUNCH_PLACES,
    "webcast_live",
    *_LAUNCH_PICTURES,
    "type",
)

# ?mode=list: the short form, related objects flattened into their names (LL2 also gives
# `landing`, `landing_success` and `launcher`, a booster's, which LaunchGraph does not hold).
LAUNCH_LIST = view(
    "launch",
    "id",
    ("url", Url("launch")),
    "slug",
    "name",
    _LAUNCH_STATUS,
    "last_updated",
    "net",
    ("net_precision", Rel(graph.LAUNCH_PRECISION, PRECISION)),
    "window_end",
    "window_start",
    ("lsp_name", Via((graph.LAUNCH_PROVIDER,), "name")),
    ("mission", Via((graph.LAUNCH_MISSION,), "name")),
    ("mission_type", Via((graph.LAUNCH_MISSION,), "type")),
    ("pad", Via((graph.LAUNCH_PAD,), "name")),
    ("location", Via((graph.LAUNCH_PAD, graph.PAD_LOCATION), "name")),
    ("orbit", Via((graph.LAUNCH_MISSION, graph.MISSION_ORBIT), "name")),
    ("image", Column("image_url")),
    ("type", Fixed("list")),
)
TIMELINE = view(
    "launch_timeline",
    (
        "type",
        Inline((("id", "type_id"), ("abbrev", "type_abbrev"), ("description", "type_description"))),
    ),
    "relative_time",
)
LAUNCH_UPDATE = view(
    "launch_update", "id", "profile_image", "comment", "info_url", "created_by", "created_on"
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
# /config/launcher/{id}/ and a detailed launch's configuration (LL2's LauncherConfigDetail;
# the real detailed launches of tests/fixtures/rest/launches-detailed-2.2.0.jsonl show it).
CONFIG = view(
    "launcher_config",
    "id",
    ("url", Url("config/launcher")),
    "name",
    "active",
    "reusable",
    "description",
    "family",
    "full_name",
    ("manufacturer", Rel(graph.CONFIG_MANUFACTURER, AGENCY_DETAILED)),
    ("program", Rel(graph.CONFIG_PROGRAMS, PROGRAM)),
    "variant",
    "alias",
    "min_stage",
    "max_stage",
    "length",
    "diameter",
    "maiden_flight",
    "launch_cost",
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
    "attempted_landings",
    "successful_landings",
    "failed_landings",
    "consecutive_successful_landings",
)

# A detailed 2.2.0 rocket's boosters and spacecraft, as LL2's 2.2.0 schema orders them
# (FirstStage, Landing, SpacecraftFlightDetailedSerializerNoLaunch ...).
LAUNCHER = view(
    "launcher",
    "id",
    ("url", Url("launcher")),
    "details",
    "flight_proven",
    "serial_number",
    "status",
    "image_url",
    "successful_landings",
    "attempted_landings",
    "flights",
    "last_launch_date",
    "first_launch_date",
)
LANDING_LOCATION = view(
    "landing_location",
    "id",
    "name",
    "abbrev",
    "description",
    ("location", Rel(graph.LANDING_SITE, LOCATION)),
    "successful_landings",
)
LANDING = view(
    "landing",
    "id",
    "attempt",
    "success",
    "description",
    "downrange_distance",
    ("location", Rel(graph.LANDING_LOCATION, LANDING_LOCATION)),
    ("type", Rel(graph.LANDING_TYPE, view("landing_type", *DESCRIBED))),
)
STAGE = view(
    "launcher_stage",
    "id",
    "type",
    "reused",
    "launcher_flight_number",
    ("launcher", Rel(graph.STAGE_LAUNCHER, LAUNCHER)),
    ("landing", Rel(graph.STAGE_LANDING, LANDING)),
    "previous_flight_date",
    "turn_around_time_days",
    ("previous_flight", Inline((("id", "previous_flight_id"), ("name", "previous_flight_name")))),
)
_ID_NAME_STATUS = ("status", Inline((("id", "status_id"), ("name", "status_name"))))
_ID_NAME_TYPE = ("type", Inline((("id", "type_id"), ("name", "type_name"))))
ASTRONAUT = view(
    "astronaut",
    "id",
    ("url", Url("astronaut")),
    "name",
    _ID_NAME_TYPE,
    "in_space",
    "time_in_space",
    _ID_NAME_STATUS,
    ("agency", Rel(graph.ASTRONAUT_AGENCY, AGENCY_MINI)),
    "date_of_birth",
    "date_of_death",
    "nationality",
    "twitter",
    "instagram",
    "bio",
    "profile_image",
    "wiki",
    "last_flight",
    "first_flight",
)
CREW = view(
    "astronaut_flight",
    "id",
    ("role", Inline((("id", "role_id"), ("role", "role"), ("priority", "role_priority")))),
    ("astronaut", Rel(graph.CREW_ASTRONAUT, ASTRONAUT)),
)
SPACECRAFT_CONFIG = view(
    "spacecraft_config",
    "id",
    ("url", Url("config/spacecraft")),
    "name",
    _ID_NAME_TYPE,
    ("agency", Rel(graph.SPACECRAFT_CONFIG_AGENCY, AGENCY_SERIALIZED)),
    "in_use",
    "capability",
    "history",
    "details",
    "maiden_flight",
    "height",
    "diameter",
    "human_rated",
    "crew_capacity",
    "payload_capacity",
    "flight_life",
    "image_url",
    "nation_url",
    "wiki_link",
    "info_link",
)
SPACECRAFT = view(
    "spacecraft",
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
    _ID_NAME_STATUS,
    "description",
    ("spacecraft_config", Rel(graph.SPACECRAFT_CONFIG, SPACECRAFT_CONFIG)),
)
DOCKING_EVENT = view(
    "docking_event",
    ("spacestation", Rel(graph.DOCKING_STATION, STATION)),
    "docking",
    "departure",
    (
        "docking_location",
        Rel(
            graph.DOCKING_LOCATION,
            view(
                "docking_location",
                "id",
                "name",
                (
                    "spacestation",
                    Rel(
                        graph.DOCKING_LOCATION_STATION,
                        view("spacestation", "id", ("url", Url("spacestation")), "name"),
                    ),
                ),
            ),
        ),
    ),
)
SPACECRAFT_FLIGHT = view(
    "spacecraft_flight",
    "id",
    ("url", Url("spacecraft/flight")),
    "mission_end",
    "destination",
    ("launch_crew", Rel(graph.LAUNCH_CREW, CREW)),
    ("onboard_crew", Rel(graph.ONBOARD_CREW, CREW)),
    ("landing_crew", Rel(graph.LANDING_CREW, CREW)),
    ("spacecraft", Rel(graph.FLIGHT_SPACECRAFT, SPACECRAFT)),
    ("landing", Rel(graph.FLIGHT_LANDING, LANDING)),
    ("docking_events", Rel(graph.FLIGHT_DOCKINGS, DOCKING_EVENT)),
)
ROCKET_DETAILED = view(
    "rocket",
    "id",
    ("configuration", Rel(graph.ROCKET_CONFIGURATION, CONFIG)),
    ("launcher_stage", Rel(graph.ROCKET_LAUNCHER_STAGES, STAGE)),
    # One object or null in 2.2.0; 2.3.0 made it a list (ROCKET_DETAILED_3).
    ("spacecraft_stage", Single(graph.ROCKET_SPACECRAFT_STAGES, SPACECRAFT_FLIGHT)),
)
# ?mode=detailed (and LL2 2.2.0's launch detail with it): full objects, the launch's updates,
# links, timeline and patches, the rocket's stages (LL2 also gives `r_spacex_api_id`, which
# LaunchGraph does not hold).
LAUNCH_DETAILED = view(
    "launch",
    "id",
    ("url", Url("launch")),
    "slug",
    "flightclub_url",
    "name",
    _LAUNCH_STATUS,
    "last_updated",
    ("updates", Rel(graph.LAUNCH_UPDATES, LAUNCH_UPDATE)),
    *_LAUNCH_OUTLOOK_DETAILED,
    ("launch_service_provider", Rel(graph.LAUNCH_PROVIDER, AGENCY_DETAILED)),
    ("rocket", Rel(graph.LAUNCH_ROCKET, ROCKET_DETAILED)),
    *_LAUNCH_PLACES,
    ("infoURLs", Rel(graph.LAUNCH_INFO_URLS, INFO_URL)),
    ("vidURLs", Rel(graph.LAUNCH_VID_URLS, VID_URL)),
    "webcast_live",
    ("timeline", Rel(graph.LAUNCH_TIMELINE, TIMELINE)),
    *_LAUNCH_PICTURES,
    "pad_turnaround",
    ("mission_patches", Rel(graph.LAUNCH_PATCHES, PATCH)),
    ("type", Fixed("detailed")),
)
LAUNCH_MODES = {"list": LAUNCH_LIST, "normal": LAUNCH, "detailed": LAUNCH_DETAILED}


# -- API 2.3.0 --------------------------------------------------------------------------------
# Key lists in the order of LL2's 2.3.0 schema (shared/ll2/v2.3.0/SHAPES.md) and of its real
# objects, per mode. A 2.3.0 key the tables do not hold would be left out (listed in
# MISSING_2_3_0) rather than invented: only a docking event's targets other than a station
# and the vehicles a docking port is on, today.


def mode(name: str) -> tuple[str, Part]:
    return ("response_mode", Fixed(name))


MISSING_2_3_0 = {
    "event": (),
    "launch": (),
    "agency": (),
    "launcher_config": (),
    "launcher_family": (),
    "rocket": (),
    "mission": (),
    "orbit": (),
    "pad": (),
    "location": (),
    "program": (),
    "spacestation": (),
    "expedition": (),
    "payload_flight": (),
    "spacecraft_flight": (),
    "docking_event": ("flight_vehicle_target", "payload_flight_target"),
    "docking_location": ("spacecraft", "payload"),
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
COUNTRY_3 = view(
    "country",
    "id",
    "name",
    "alpha_2_code",
    "alpha_3_code",
    "nationality_name",
    "nationality_name_composed",
)
# 2.3.0's `type` objects kept in the row's columns ({id, name}).
_AGENCY_TYPE_3 = ("type", Inline((("id", "type_id"), ("name", "type"))))
_TYPE_3 = ("type", Inline((("id", "type_id"), ("name", "type_name"))))

SOCIAL_MEDIA_LINK_3 = view(
    "social_media_link",
    "id",
    (
        "social_media",
        Rel(
            graph.SOCIAL_LINK_MEDIA,
            view(
                "social_media",
                "id",
                "name",
                "url",
                ("logo", Rel(graph.SOCIAL_MEDIA_LOGO, IMAGE_3)),
            ),
        ),
    ),
    "url",
)
_AGENCY_HEAD_3 = ("id", ("url", Url("agencies")), "name", "abbrev", _AGENCY_TYPE_3)
AGENCY_MINI_3 = view("agency", mode("list"), *_AGENCY_HEAD_3)
_AGENCY_NORMAL_3 = (
    *_AGENCY_HEAD_3,
    "featured",
    ("country", Rel(graph.AGENCY_COUNTRIES, COUNTRY_3)),
    "description",
    "administrator",
    ("founding_year", Column("founding_year", number=True)),
    "launchers",
    "spacecraft",
    "parent",
    ("image", Rel(graph.AGENCY_IMAGE, IMAGE_3)),
    ("logo", Rel(graph.AGENCY_LOGO, IMAGE_3)),
    ("social_logo", Rel(graph.AGENCY_SOCIAL_LOGO, IMAGE_3)),
)
AGENCY_NORMAL_3 = view("agency", mode("normal"), *_AGENCY_NORMAL_3)
# LL2 tags its detailed agencies "normal" too (SHAPES.md section 4).
AGENCY_DETAILED_3 = view(
    "agency",
    mode("normal"),
    *_AGENCY_NORMAL_3,
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
    "consecutive_successful_landings",
    "successful_landings",
    "failed_landings",
    "attempted_landings",
    "successful_landings_spacecraft",
    "failed_landings_spacecraft",
    "attempted_landings_spacecraft",
    "successful_landings_payload",
    "failed_landings_payload",
    "attempted_landings_payload",
    "info_url",
    "wiki_url",
    ("social_media_links", Rel(graph.AGENCY_SOCIAL_MEDIA_LINKS, SOCIAL_MEDIA_LINK_3)),
)
INFO_URL_3 = INFO_URL
VID_URL_3 = view("vid_url", *_VID_URL, "live")
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
    ("image", Rel(graph.PROGRAM_IMAGE, IMAGE_3)),
    "info_url",
    "wiki_url",
    "description",
    ("agencies", Rel(graph.PROGRAM_AGENCIES, AGENCY_MINI_3)),
    "start_date",
    "end_date",
    ("mission_patches", Rel(graph.PROGRAM_PATCHES, PATCH_3)),
    ("type", Rel(graph.PROGRAM_TYPE, PROGRAM_TYPE)),
)
BODY_MINI_3 = view("celestial_body", mode("list"), "id", "name")
# LL2 tags its detailed bodies "normal" (SHAPES.md section 6).
BODY_3 = view(
    "celestial_body",
    mode("normal"),
    "id",
    "name",
    _TYPE_3,
    "diameter",
    "mass",
    "gravity",
    "length_of_day",
    "atmosphere",
    ("image", Rel(graph.BODY_IMAGE, IMAGE_3)),
    "description",
    "wiki_url",
    "total_attempted_launches",
    "successful_launches",
    "failed_launches",
    "total_attempted_landings",
    "successful_landings",
    "failed_landings",
)
LOCATION_3 = view(
    "location",
    mode("normal"),
    "id",
    ("url", Url("locations")),
    "name",
    ("celestial_body", Rel(graph.LOCATION_BODY, BODY_3)),
    "active",
    ("country", Rel(graph.LOCATION_COUNTRY, COUNTRY_3)),
    "description",
    ("image", Rel(graph.LOCATION_IMAGE, IMAGE_3)),
    "map_image",
    ("longitude", Column("longitude", number=True)),
    ("latitude", Column("latitude", number=True)),
    "timezone_name",
    "total_launch_count",
    "total_landing_count",
)
PAD_3 = view(
    "pad",
    "id",
    ("url", Url("pads")),
    "active",
    ("agencies", Rel(graph.PAD_AGENCIES, AGENCY_NORMAL_3)),
    "name",
    ("image", Rel(graph.PAD_IMAGE, IMAGE_3)),
    "description",
    "info_url",
    "wiki_url",
    "map_url",
    ("latitude", Column("latitude", number=True)),
    ("longitude", Column("longitude", number=True)),
    ("country", Rel(graph.PAD_COUNTRY, COUNTRY_3)),
    "map_image",
    "total_launch_count",
    "orbital_launch_attempt_count",
    "fastest_turnaround",
    ("location", Rel(graph.PAD_LOCATION, LOCATION_3)),
)
_LAUNCH_FIGURES_3 = (
    "total_launch_count",
    "consecutive_successful_launches",
    "successful_launches",
    "failed_launches",
    "pending_launches",
    "attempted_landings",
    "successful_landings",
    "failed_landings",
    "consecutive_successful_landings",
)
FAMILY_MINI_3 = view("launcher_family", mode("list"), "id", "name")
FAMILY_NORMAL_3 = view(
    "launcher_family",
    mode("normal"),
    "id",
    "name",
    ("manufacturer", Rel(graph.FAMILY_MANUFACTURERS, AGENCY_NORMAL_3)),
    ("parent", Rel(graph.FAMILY_PARENT, FAMILY_MINI_3)),
)
FAMILY_DETAILED_3 = view(
    "launcher_family",
    mode("detailed"),
    "id",
    "name",
    ("manufacturer", Rel(graph.FAMILY_MANUFACTURERS, AGENCY_DETAILED_3)),
    ("parent", Rel(graph.FAMILY_PARENT, FAMILY_NORMAL_3)),
    "description",
    "active",
    "maiden_flight",
    *_LAUNCH_FIGURES_3,
)
_CONFIG_HEAD_3 = ("id", ("url", Url("launcher_configurations")), "name")
_CONFIG_NAMES_3 = ("full_name", "variant")
CONFIG_LIST_3 = view(
    "launcher_config",
    mode("list"),
    *_CONFIG_HEAD_3,
    ("families", Rel(graph.CONFIG_FAMILIES, FAMILY_MINI_3)),
    *_CONFIG_NAMES_3,
)


def _config_3(name: str, family: View, maker: View, *tail: str | tuple[str, Part]) -> View:
    """LL2's normal (LauncherConfigNormal) or detailed configuration: they differ in their
    families' and maker's forms and the detailed one's figures (`tail`)."""
    return view(
        "launcher_config",
        mode(name),
        *_CONFIG_HEAD_3,
        ("families", Rel(graph.CONFIG_FAMILIES, family)),
        *_CONFIG_NAMES_3,
        "active",
        "is_placeholder",
        ("manufacturer", Rel(graph.CONFIG_MANUFACTURER, maker)),
        ("program", Rel(graph.CONFIG_PROGRAMS, PROGRAM_3)),
        "reusable",
        ("image", Rel(graph.CONFIG_IMAGE, IMAGE_3)),
        "info_url",
        "wiki_url",
        *tail,
    )


CONFIG_NORMAL_3 = _config_3("normal", FAMILY_NORMAL_3, AGENCY_NORMAL_3)
CONFIG_DETAILED_3 = _config_3(
    "detailed",
    FAMILY_DETAILED_3,
    AGENCY_DETAILED_3,
    "description",
    "alias",
    "min_stage",
    "max_stage",
    "length",
    "diameter",
    "maiden_flight",
    ("launch_cost", Column("launch_cost", number=True)),
    "launch_mass",
    "leo_capacity",
    "gto_capacity",
    "geo_capacity",
    "sso_capacity",
    "to_thrust",
    "apogee",
    *_LAUNCH_FIGURES_3,
    "fastest_turnaround",
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
STATION_3 = view(
    "spacestation",
    "id",
    ("url", Url("space_stations")),
    "name",
    ("image", Rel(graph.STATION_IMAGE, IMAGE_3)),
    ("status", Rel(graph.STATION_STATUS, STATION_STATUS)),
    "founded",
    "deorbited",
    "description",
    "orbit",
    _TYPE_3,
)
STATION_MINI_3 = view(
    "spacestation",
    "id",
    ("url", Url("space_stations")),
    "name",
    ("image", Rel(graph.STATION_IMAGE, IMAGE_3)),
)
DOCKING_EVENT_3 = view(
    "docking_event",
    "id",
    ("url", Url("docking_events")),
    "docking",
    "departure",
    (
        "docking_location",
        Rel(
            graph.DOCKING_LOCATION,
            view(
                "docking_location",
                "id",
                "name",
                ("spacestation", Rel(graph.DOCKING_LOCATION_STATION, STATION_MINI_3)),
            ),
        ),
    ),
    ("space_station_target", Rel(graph.DOCKING_STATION, STATION_3)),
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
    ("docking_events", Rel(graph.FLIGHT_DOCKINGS, DOCKING_EVENT_3)),
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
    ("docking_events", Rel(graph.PAYLOAD_FLIGHT_DOCKINGS, DOCKING_EVENT_3)),
)
ROCKET_DETAILED_3 = view(
    "rocket",
    "id",
    ("configuration", Rel(graph.ROCKET_CONFIGURATION, CONFIG_DETAILED_3)),
    ("launcher_stage", Rel(graph.ROCKET_LAUNCHER_STAGES, STAGE_3)),
    ("spacecraft_stage", Rel(graph.ROCKET_SPACECRAFT_STAGES, SPACECRAFT_FLIGHT_3)),
    ("payloads", Rel(graph.ROCKET_PAYLOADS, PAYLOAD_FLIGHT_3)),
)
ORBIT_3 = view(
    "orbit", "id", "name", "abbrev", ("celestial_body", Rel(graph.ORBIT_BODY, BODY_MINI_3))
)
MISSION_3 = view(
    "mission",
    "id",
    "name",
    "type",
    "description",
    ("image", Rel(graph.MISSION_IMAGE, IMAGE_3)),
    ("orbit", Rel(graph.MISSION_ORBIT, ORBIT_3)),
    ("agencies", Rel(graph.MISSION_AGENCIES, AGENCY_DETAILED_3)),
    ("info_urls", Rel(graph.MISSION_INFO_URLS, INFO_URL_3)),
    ("vid_urls", Rel(graph.MISSION_VID_URLS, VID_URL_3)),
)
TIMELINE_3 = TIMELINE

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


LAUNCH_UPDATE_3 = LAUNCH_UPDATE
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
    ("timeline", Rel(graph.LAUNCH_TIMELINE, TIMELINE_3)),
    "pad_turnaround",
    ("mission_patches", Rel(graph.LAUNCH_PATCHES, PATCH_3)),
)

SPACEWALK_3 = view(
    "spacewalk",
    mode("list"),
    "id",
    ("url", Url("spacewalks")),
    "name",
    "start",
    "end",
    "duration",
    "location",
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
    ("mission_patches", Rel(graph.EXPEDITION_PATCHES, PATCH_3)),
    ("spacewalks", Rel(graph.EXPEDITION_SPACEWALKS, SPACEWALK_3)),
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

# The other 2.3.0 resources' modes (lists answer `normal` by default, as events and launches).
AGENCY_MODES_3 = {"list": AGENCY_MINI_3, "normal": AGENCY_NORMAL_3, "detailed": AGENCY_DETAILED_3}
CONFIG_MODES_3 = {
    "list": CONFIG_LIST_3,
    "normal": CONFIG_NORMAL_3,
    "detailed": CONFIG_DETAILED_3,
}
