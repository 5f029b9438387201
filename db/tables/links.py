"""Many-to-many link tables.

Each has a composite primary key (owner, target), an index on the reverse column, and the
position the target held in LL2's list, so lists read back in LL2's order. They differ only
in the two tables they link, so one function makes them.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel


def _link(owner: str, target: str, name: str = "") -> Any:
    """The table `{owner}_{target}` (or `name`, when an owner has several lists of the same
    target) linking owner rows to target rows (launch ids are UUID text, the others
    integers)."""
    owner_col, target_col = f"{owner}_id", f"{target}_id"
    table = name or f"{owner}_{target}"
    namespace = {
        "__module__": __name__,
        "__doc__": f"Links a {owner} to its {target}s, in LL2's order.",
        "__tablename__": table,
        "__annotations__": {
            owner_col: str if owner == "launch" else int,
            target_col: str if target == "launch" else int,
            "position": int,
        },
        owner_col: Field(foreign_key=f"{owner}.id", primary_key=True),
        target_col: Field(foreign_key=f"{target}.id", primary_key=True, index=True),
        "position": 0,
    }
    class_name = "".join(word.title() for word in table.split("_"))
    return type(class_name, (SQLModel,), namespace, table=True)


# Each owner's linked targets. Since API 2.3.0: event astronauts, launch and expedition
# mission patches, expedition spacewalks, and all the links of agencies, pads, launcher
# configurations and images.
LINKS: dict[str, tuple[str, ...]] = {
    "event": ("launch", "agency", "program", "spacestation", "expedition", "astronaut"),
    "launch": ("program", "mission_patch"),
    "program": ("agency", "mission_patch"),
    "mission": ("agency",),
    "agency": ("country", "social_media_link"),
    "pad": ("agency",),
    "launcher_config": ("launcher_family", "program"),
    "expedition": ("mission_patch", "spacewalk"),
    # A link, not owned rows, so that images (and every object nesting one) stay memoizable
    # in ingest.
    "image": ("image_variant",),
    "rocket": ("launcher_stage", "spacecraft_flight", "payload_flight"),
    "payload": ("program",),
    "launcher_family": ("agency",),
    "spacecraft_flight": ("docking_event",),
    "payload_flight": ("docking_event",),
}
TABLES = {f"{o}_{t}": _link(o, t) for o, targets in LINKS.items() for t in targets}
# A flight's crews: a seat may be in several crews of a flight (launched and landed with it).
TABLES |= {
    f"{crew}_crew": _link("spacecraft_flight", "astronaut_flight", name=f"{crew}_crew")
    for crew in ("launch", "onboard", "landing")
}
