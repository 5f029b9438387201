"""The root Query type: every entry point of the graph, each resolved in its own module."""

from __future__ import annotations

import strawberry
from launchgraph.gql.resolvers import catalog as r_catalog
from launchgraph.gql.resolvers import events as r_events
from launchgraph.gql.resolvers import launches as r_launches
from launchgraph.gql.resolvers import nodes as r_nodes


def _root(resolver, description: str):  # type: ignore[no-untyped-def]
    return strawberry.field(resolver=resolver, description=description)


@strawberry.type(description="Entry points of the Launch Library 2 event graph.")
class Query:
    node = _root(r_nodes.node, "Any object by its global id (Relay refetch).")
    nodes = _root(r_nodes.nodes, "Objects by global ids, in order (Relay refetch).")

    event = _root(r_events.event, "One event by exactly one of `id`, `ll2Id` or `slug`.")
    events = _root(r_events.events, "All events, filtered and ordered (default: date, id).")
    upcoming_events = _root(
        r_events.upcoming_events,
        "LL2's upcoming events: date at or after now minus one day, by date then id.",
    )
    previous_events = _root(
        r_events.previous_events, "LL2's previous events: date at or before now, newest first."
    )
    event_types = _root(r_events.event_types, "All event types.")

    launch = _root(r_launches.launch, "One launch by exactly one of `id`, `ll2Id` or `slug`.")
    launches = _root(r_launches.launches, "All launches, filtered and ordered (default: NET, id).")
    upcoming_launches = _root(
        r_launches.upcoming_launches, "Launches with NET at or after now minus one day, by NET."
    )
    previous_launches = _root(
        r_launches.previous_launches, "Launches with NET at or before now, newest first."
    )

    agency = _root(r_catalog.agency, "One agency by exactly one of `id` or `ll2Id`.")
    agencies = _root(r_catalog.agencies, "All agencies, filtered and ordered (default: id).")
    program = _root(r_catalog.program, "One program by exactly one of `id` or `ll2Id`.")
    programs = _root(r_catalog.programs, "All programs, filtered and ordered (default: id).")
    pad = _root(r_catalog.pad, "One pad by exactly one of `id` or `ll2Id`.")
    pads = _root(r_catalog.pads, "All pads, filtered and ordered (default: id).")
    location = _root(r_catalog.location, "One location by exactly one of `id` or `ll2Id`.")
    locations = _root(r_catalog.locations, "All locations, filtered and ordered (default: id).")
    spacestation = _root(
        r_catalog.spacestation, "One space station by exactly one of `id` or `ll2Id`."
    )
    spacestations = _root(r_catalog.spacestations, "All space stations (default order: id).")
    expedition = _root(r_catalog.expedition, "One expedition by exactly one of `id` or `ll2Id`.")
    expeditions = _root(r_catalog.expeditions, "All expeditions (default order: id).")
    launcher_config = _root(
        r_catalog.launcher_config, "One launcher configuration by exactly one of `id` or `ll2Id`."
    )
    launcher_configs = _root(
        r_catalog.launcher_configs, "All launcher configurations (default order: id)."
    )
