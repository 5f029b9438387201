"""The relations of the LL2 graph, each declared once.

An entity is a table of db.tables: its LL2 fields are the table's described columns (the
description is the field's documentation everywhere). How entities hang together is declared
here, and read by every layer that needs it: ingest (which nested LL2 key fills which table),
the read queries (db.queries.relations), the GraphQL types (gql.types) and the SQL compiler
(gql.compiled).

- `Ref`: one related row, whose id the owner holds in a column (launch.pad).
- `Link`: a small ordered list through a link table (event.launches, in LL2's order).
- `Owned`: rows that belong to the owner alone (event.updates, launch.info_urls).
- `Reverse`: a possibly large list pointing back at the owner along other relations
  (agency.launches is the inverse of launch.launch_service_provider), read as pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Column, Table

from launchgraph.db.tables import metadata

T = metadata.tables


@dataclass(frozen=True)
class Ref:
    """owner.name: the `target` row whose id is in the owner's column `fk`."""

    owner: str
    name: str
    target: str
    fk: str
    description: str
    # Older spellings of the key (a landing's `location`, `landing_location` from 2.3.0).
    aliases: tuple[str, ...] = ()

    @property
    def ll2(self) -> tuple[str, ...]:
        """The LL2 keys that carry it in a payload."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Link:
    """owner.name: `target` rows through the link table `via` (owner_col, target_col,
    position), in LL2's order, or by the target columns `order` when the positions belong to
    the other side's list."""

    owner: str
    name: str
    target: str
    via: str
    owner_col: str
    target_col: str
    description: str
    ll2: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    # Whether LL2 also sends the list as one object (or null): older API versions did so
    # for what 2.3.0 made a list (a rocket's `spacecraft_stage`).
    also_one: bool = False

    def reversed(self, name: str, description: str, order: tuple[str, ...]) -> Link:
        """The same link table read from the target's side (not carried by payloads)."""
        return Link(
            self.target,
            name,
            self.owner,
            self.via,
            self.target_col,
            self.owner_col,
            description,
            (),
            order,
        )


@dataclass(frozen=True)
class Owned:
    """owner.name: rows of `target` whose column `owner_col` holds the owner's id, in
    position order; a newer owner replaces them all."""

    owner: str
    name: str
    target: str
    owner_col: str
    description: str
    ll2: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reverse:
    """owner.name: the `target` rows that reach the owner along `path`, a chain of Ref or
    Link relations starting at the target (launch.rocket then rocket.configuration for a
    launcher configuration's launches), as keyset pages in the target's default order."""

    owner: str
    name: str
    target: str
    path: tuple[Ref | Link, ...]
    description: str


Relation = Ref | Link | Owned | Reverse


def _ref(owner: str, name: str, target: str, description: str, fk: str = "", *aliases: str) -> Ref:
    return Ref(owner, name, target, fk or f"{name}_id", description, aliases)


def _link(
    owner: str,
    name: str,
    target: str,
    via: str,
    description: str,
    ll2: str = "",
    also_one: bool = False,
) -> Link:
    return Link(
        owner,
        name,
        target,
        via,
        f"{owner}_id",
        f"{target}_id",
        description,
        (ll2 or name,),
        also_one=also_one,
    )


def _owned(owner: str, name: str, target: str, description: str, *ll2: str) -> Owned:
    return Owned(owner, name, target, f"{owner}_id", description, ll2 or (name,))


# -- to-one ----------------------------------------------------------------------------------

EVENT_TYPE = _ref("event", "type", "event_type", "The kind of event.")
EVENT_PRECISION = _ref("event", "date_precision", "date_precision", "How precise `date` is.")
LAUNCH_STATUS = _ref("launch", "status", "launch_status", "The launch status.")
LAUNCH_PRECISION = _ref("launch", "net_precision", "date_precision", "How precise `net` is.")
LAUNCH_PROVIDER = _ref(
    "launch", "launch_service_provider", "agency", "The agency that provides the launch."
)
LAUNCH_ROCKET = _ref(
    "launch", "rocket", "rocket", "The rocket, and through it the launcher configuration."
)
LAUNCH_MISSION = _ref("launch", "mission", "mission", "The mission flown.")
LAUNCH_PAD = _ref("launch", "pad", "pad", "The launch pad.")
ROCKET_CONFIGURATION = _ref(
    "rocket", "configuration", "launcher_config", "The launcher configuration."
)
CONFIG_MANUFACTURER = _ref("launcher_config", "manufacturer", "agency", "Who builds it.")
MISSION_ORBIT = _ref("mission", "orbit", "orbit", "The target orbit.")
PATCH_AGENCY = _ref("mission_patch", "agency", "agency", "The agency the patch belongs to.")
PROGRAM_TYPE = _ref("program", "type", "program_type", "The kind of program.")
PAD_LOCATION = _ref("pad", "location", "location", "The launch site the pad belongs to.")
STATION_STATUS = _ref("spacestation", "status", "spacestation_status", "The station's status.")
EXPEDITION_STATION = _ref("expedition", "spacestation", "spacestation", "The station.")

# API 2.3.0 on: images, countries, celestial bodies. (Older versions sent images as URLs and
# countries as codes: the owners' text_of columns keep those, see db.tables.eras.)
_IMAGE = "Its image (API 2.3.0 on; older versions give only the URL field)."
LAUNCH_IMAGE = _ref("launch", "image", "image", _IMAGE)
EVENT_IMAGE = _ref("event", "image", "image", _IMAGE)
PROGRAM_IMAGE = _ref("program", "image", "image", _IMAGE)
STATION_IMAGE = _ref("spacestation", "image", "image", _IMAGE)
CONFIG_IMAGE = _ref("launcher_config", "image", "image", _IMAGE)
PAD_IMAGE = _ref("pad", "image", "image", _IMAGE)
LOCATION_IMAGE = _ref("location", "image", "image", _IMAGE)
MISSION_IMAGE = _ref("mission", "image", "image", _IMAGE)
ASTRONAUT_IMAGE = _ref("astronaut", "image", "image", "Portrait.")
BODY_IMAGE = _ref("celestial_body", "image", "image", "Picture of the body.")
AGENCY_IMAGE = _ref("agency", "image", "image", _IMAGE)
AGENCY_LOGO = _ref("agency", "logo", "image", "Its logo (API 2.3.0 on; before: logoUrl).")
AGENCY_SOCIAL_LOGO = _ref(
    "agency", "social_logo", "image", "Its social-media logo (API 2.3.0 on; before: nationUrl)."
)
PAD_COUNTRY = _ref("pad", "country", "country", "Country of the pad (API 2.3.0 on).")
LOCATION_COUNTRY = _ref("location", "country", "country", "Country of the site (API 2.3.0 on).")
LOCATION_BODY = _ref(
    "location", "celestial_body", "celestial_body", "The body the site is on (API 2.3.0 on)."
)
ORBIT_BODY = _ref("orbit", "celestial_body", "celestial_body", "The body orbited (API 2.3.0 on).")
ASTRONAUT_AGENCY = _ref("astronaut", "agency", "agency", "The astronaut's agency.")

# Boosters, spacecraft and payloads (detailed launches only).
STAGE_LAUNCHER = _ref("launcher_stage", "launcher", "launcher", "The booster flown.")
STAGE_LANDING = _ref("launcher_stage", "landing", "landing", "The booster's landing attempt.")
LAUNCHER_IMAGE = _ref("launcher", "image", "image", _IMAGE)
LANDING_LOCATION = _ref(
    "landing",
    "landing_location",
    "landing_location",
    "Where it landed (LL2 `landing_location`, `location` before 2.3.0).",
    "",
    "location",
)
LANDING_TYPE = _ref("landing", "type", "landing_type", "How it landed.")
LANDING_SITE = _ref("landing_location", "location", "location", "The launch site it belongs to.")
LANDING_SITE_BODY = _ref(
    "landing_location", "celestial_body", "celestial_body", "The body it is on (API 2.3.0 on)."
)
LANDING_SITE_COUNTRY = _ref("landing_location", "country", "country", "Its country.")
LANDING_SITE_IMAGE = _ref("landing_location", "image", "image", "Its picture (API 2.3.0 on).")
FLIGHT_SPACECRAFT = _ref("spacecraft_flight", "spacecraft", "spacecraft", "The spacecraft flown.")
FLIGHT_LANDING = _ref("spacecraft_flight", "landing", "landing", "The spacecraft's landing.")
SPACECRAFT_CONFIG = _ref(
    "spacecraft", "spacecraft_config", "spacecraft_config", "The spacecraft's model."
)
SPACECRAFT_IMAGE = _ref("spacecraft", "image", "image", _IMAGE)
SPACECRAFT_CONFIG_AGENCY = _ref("spacecraft_config", "agency", "agency", "Who builds it.")
SPACECRAFT_CONFIG_IMAGE = _ref("spacecraft_config", "image", "image", _IMAGE)
CREW_ASTRONAUT = _ref("astronaut_flight", "astronaut", "astronaut", "The astronaut.")
PAYLOAD_FLIGHT_PAYLOAD = _ref("payload_flight", "payload", "payload", "The payload flown.")
PAYLOAD_FLIGHT_LANDING = _ref("payload_flight", "landing", "landing", "The payload's landing.")
PAYLOAD_MANUFACTURER = _ref("payload", "manufacturer", "agency", "Who built it.")
PAYLOAD_OPERATOR = _ref("payload", "operator", "agency", "Who operates it.")
PAYLOAD_IMAGE = _ref("payload", "image", "image", "Its picture.")
SOCIAL_MEDIA_LOGO = _ref("social_media", "logo", "image", "The network's logo.")
SOCIAL_LINK_MEDIA = _ref("social_media_link", "social_media", "social_media", "The network.")
DOCKING_LOCATION = _ref(
    "docking_event", "docking_location", "docking_location", "The port it docked at."
)
DOCKING_STATION = _ref(
    "docking_event", "space_station_target", "spacestation", "The station it docked at."
)
DOCKING_LOCATION_STATION = _ref(
    "docking_location", "spacestation", "spacestation", "The station the port is on."
)
FAMILY_PARENT = _ref("launcher_family", "parent", "launcher_family", "The family it belongs to.")

# -- small lists -----------------------------------------------------------------------------

EVENT_LAUNCHES = _link(
    "event", "launches", "launch", "event_launch", "Launches related to the event, in LL2's order."
)
EVENT_AGENCIES = _link(
    "event", "agencies", "agency", "event_agency", "Agencies involved, in LL2's order."
)
EVENT_PROGRAMS = _link(
    "event",
    "programs",
    "program",
    "event_program",
    "Programs the event belongs to (LL2 `program`).",
    ll2="program",
)
EVENT_STATIONS = _link(
    "event", "spacestations", "spacestation", "event_spacestation", "Space stations involved."
)
EVENT_EXPEDITIONS = _link(
    "event", "expeditions", "expedition", "event_expedition", "Expeditions involved."
)
LAUNCH_PROGRAMS = _link(
    "launch",
    "programs",
    "program",
    "launch_program",
    "Programs the launch belongs to (LL2 `program`).",
    ll2="program",
)
# The events a launch is in, by date as every event list (positions order event.launches).
LAUNCH_EVENTS = EVENT_LAUNCHES.reversed(
    "events", "Events related to this launch, by date.", ("date", "id")
)
PROGRAM_AGENCIES = _link(
    "program", "agencies", "agency", "program_agency", "Agencies taking part, in LL2's order."
)
PROGRAM_PATCHES = _link(
    "program",
    "mission_patches",
    "mission_patch",
    "program_mission_patch",
    "Mission patches of the program.",
)
MISSION_AGENCIES = _link(
    "mission",
    "agencies",
    "agency",
    "mission_agency",
    "Agencies behind the mission, in LL2's order.",
)

AGENCY_COUNTRIES = _link(
    "agency",
    "country",
    "country",
    "agency_country",
    "Countries of the agency (a list, as LL2 gives it from API 2.3.0 on), in LL2's order.",
)
PAD_AGENCIES = _link("pad", "agencies", "agency", "pad_agency", "Agencies operating the pad.")
LAUNCH_PATCHES = _link(
    "launch",
    "mission_patches",
    "mission_patch",
    "launch_mission_patch",
    "Mission patches of the launch.",
)
CONFIG_FAMILIES = _link(
    "launcher_config",
    "families",
    "launcher_family",
    "launcher_config_launcher_family",
    "Families of the configuration (API 2.3.0 on; before, the `family` name).",
)
CONFIG_PROGRAMS = _link(
    "launcher_config",
    "programs",
    "program",
    "launcher_config_program",
    "Programs the configuration belongs to (LL2 `program`).",
    ll2="program",
)
EXPEDITION_PATCHES = _link(
    "expedition",
    "mission_patches",
    "mission_patch",
    "expedition_mission_patch",
    "Mission patches of the expedition.",
)
EXPEDITION_SPACEWALKS = _link(
    "expedition", "spacewalks", "spacewalk", "expedition_spacewalk", "Spacewalks made."
)
IMAGE_VARIANTS = _link(
    "image", "variants", "image_variant", "image_image_variant", "Other renditions of the image."
)
EVENT_ASTRONAUTS = _link(
    "event", "astronauts", "astronaut", "event_astronaut", "Astronauts involved (API 2.3.0 on)."
)

ROCKET_LAUNCHER_STAGES = _link(
    "rocket",
    "launcher_stages",
    "launcher_stage",
    "rocket_launcher_stage",
    "Boosters and first stages flown, with their landings (LL2 `launcher_stage`).",
    ll2="launcher_stage",
)
ROCKET_SPACECRAFT_STAGES = _link(
    "rocket",
    "spacecraft_stages",
    "spacecraft_flight",
    "rocket_spacecraft_flight",
    "Spacecraft flown, with crews (LL2 `spacecraft_stage`: one object before 2.3.0).",
    ll2="spacecraft_stage",
    also_one=True,
)
ROCKET_PAYLOADS = _link(
    "rocket",
    "payloads",
    "payload_flight",
    "rocket_payload_flight",
    "Payloads flown (API 2.3.0 on).",
)
PAYLOAD_PROGRAMS = _link(
    "payload",
    "programs",
    "program",
    "payload_program",
    "Programs the payload belongs to (LL2 `program`).",
    ll2="program",
)
FAMILY_MANUFACTURERS = _link(
    "launcher_family",
    "manufacturer",
    "agency",
    "launcher_family_agency",
    "Who builds the family's launchers (API 2.3.0 on).",
)
AGENCY_SOCIAL_MEDIA_LINKS = _link(
    "agency",
    "social_media_links",
    "social_media_link",
    "agency_social_media_link",
    "The agency's social-media accounts (API 2.3.0 on).",
)
FLIGHT_DOCKINGS = _link(
    "spacecraft_flight",
    "docking_events",
    "docking_event",
    "spacecraft_flight_docking_event",
    "Its dockings at space stations, in LL2's order.",
)
PAYLOAD_FLIGHT_DOCKINGS = _link(
    "payload_flight",
    "docking_events",
    "docking_event",
    "payload_flight_docking_event",
    "Its dockings at space stations, in LL2's order (API 2.3.0 on).",
)

# A flight's three crews: seats (which may be in several of them) through three link tables.
LAUNCH_CREW, ONBOARD_CREW, LANDING_CREW = (
    Link(
        "spacecraft_flight",
        f"{crew}_crew",
        "astronaut_flight",
        f"{crew}_crew",
        "spacecraft_flight_id",
        "astronaut_flight_id",
        description,
        (f"{crew}_crew",),
    )
    for crew, description in (
        ("launch", "Crew at launch."),
        ("onboard", "Crew on board."),
        ("landing", "Crew at landing."),
    )
)

EVENT_UPDATES = _owned(
    "event", "updates", "event_update", "News updates posted on the event, in LL2's order."
)
EVENT_INFO_URLS = _owned("event", "info_urls", "info_url", "Links to information about the event.")
EVENT_VID_URLS = _owned("event", "vid_urls", "vid_url", "Links to videos of the event.")
# API 2.0.0 and 2.1.0 spell them infoURLs / vidURLs.
LAUNCH_INFO_URLS = _owned(
    "launch",
    "info_urls",
    "info_url",
    "Links to information (LL2 `info_urls`, `infoURLs` before 2.2.0).",
    "info_urls",
    "infoURLs",
)
LAUNCH_VID_URLS = _owned(
    "launch",
    "vid_urls",
    "vid_url",
    "Links to videos (LL2 `vid_urls`, `vidURLs` before 2.2.0).",
    "vid_urls",
    "vidURLs",
)
MISSION_INFO_URLS = _owned(
    "mission", "info_urls", "info_url", "Links to information about the mission."
)
MISSION_VID_URLS = _owned("mission", "vid_urls", "vid_url", "Links to videos of the mission.")
LAUNCH_TIMELINE = _owned(
    "launch", "timeline", "launch_timeline", "Steps of the launch timeline, in LL2's order."
)
LAUNCH_UPDATES = _owned(
    "launch", "updates", "launch_update", "News updates posted on the launch, in LL2's order."
)

# -- large lists, as pages -------------------------------------------------------------------

REVERSES = [
    Reverse(
        "agency",
        "launches",
        "launch",
        (LAUNCH_PROVIDER,),
        "Launches this agency provided (as launch service provider).",
    ),
    Reverse(
        "agency",
        "programs",
        "program",
        (PROGRAM_AGENCIES,),
        "Programs this agency takes part in.",
    ),
    Reverse(
        "agency", "events", "event", (EVENT_AGENCIES,), "Events this agency is named in, by date."
    ),
    Reverse(
        "agency",
        "launcher_configs",
        "launcher_config",
        (CONFIG_MANUFACTURER,),
        "Launcher configurations this agency manufactures.",
    ),
    Reverse("program", "events", "event", (EVENT_PROGRAMS,), "Events of the program, by date."),
    Reverse(
        "program", "launches", "launch", (LAUNCH_PROGRAMS,), "Launches of the program, by NET."
    ),
    Reverse("location", "pads", "pad", (PAD_LOCATION,), "The pads at this location."),
    Reverse("pad", "launches", "launch", (LAUNCH_PAD,), "Launches from this pad, by NET."),
    Reverse(
        "launch_status",
        "launches",
        "launch",
        (LAUNCH_STATUS,),
        "Launches with this status, by NET.",
    ),
    Reverse("event_type", "events", "event", (EVENT_TYPE,), "Events of this type, by date."),
    Reverse(
        "spacestation",
        "expeditions",
        "expedition",
        (EXPEDITION_STATION,),
        "Expeditions aboard the station, by start.",
    ),
    Reverse(
        "spacestation",
        "events",
        "event",
        (EVENT_STATIONS,),
        "Events involving the station, by date.",
    ),
    Reverse(
        "launcher_config",
        "launches",
        "launch",
        (LAUNCH_ROCKET, ROCKET_CONFIGURATION),
        "Launches flown with this configuration, by NET.",
    ),
]

RELATIONS: list[Relation] = [
    value for value in list(globals().values()) if isinstance(value, Ref | Link | Owned)
] + REVERSES

# Every relation of each entity, in declaration order.
OF: dict[str, list[Relation]] = defaultdict(list)
for _relation in RELATIONS:
    OF[_relation.owner].append(_relation)


def hidden_columns(table: Table) -> set[str]:
    """Columns that hold relations (foreign keys, owner columns), not LL2 fields."""
    hidden = {r.fk for r in RELATIONS if isinstance(r, Ref) and r.owner == table.name}
    hidden |= {r.owner_col for r in RELATIONS if isinstance(r, Owned) and r.target == table.name}
    return hidden


def description(column: Column) -> str | None:
    """The documentation of an LL2 field; None for a column that is not one (keys of
    relations, positions, surrogate keys)."""
    return column.info.get("description")
