"""The counters LL2 keeps on agencies, launcher configurations and families, celestial bodies
and launches, stored as given: optional integers, declared as {name: description}."""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel


def _counters(class_name: str, doc: str, described: dict[str, str]) -> Any:
    """A mixin of optional integer columns, {name: description}, in that order."""
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__doc__": doc,
        "__annotations__": dict.fromkeys(described, int | None),
    }
    for name, description in described.items():
        namespace[name] = Field(default=None, description=description)
    return type(class_name, (SQLModel,), namespace)


LaunchCounters = _counters(
    "LaunchCounters",
    "LL2's launch figures of an agency or a launcher configuration.",
    {
        "total_launch_count": "Launches, all time (LL2).",
        "consecutive_successful_launches": "Current streak of successful launches (LL2).",
        "successful_launches": "Successful launches (LL2).",
        "failed_launches": "Failed launches (LL2).",
        "pending_launches": "Upcoming launches (LL2).",
    },
)
LandingCounters = _counters(
    "LandingCounters",
    "LL2's landing figures of an agency, a launcher configuration or family.",
    {
        "attempted_landings": "Attempted landings (LL2).",
        "successful_landings": "Successful landings (LL2).",
        "failed_landings": "Failed landings (LL2).",
        "consecutive_successful_landings": "Current streak of successful landings (LL2).",
    },
)
BodyCounters = _counters(
    "BodyCounters",
    "LL2's launch and landing figures of a celestial body.",
    {
        "total_attempted_launches": "Launches attempted from it (LL2).",
        "successful_launches": "Successful launches (LL2).",
        "failed_launches": "Failed launches (LL2).",
        "total_attempted_landings": "Landings attempted on it (LL2).",
        "successful_landings": "Successful landings (LL2).",
        "failed_landings": "Failed landings (LL2).",
    },
)


def _landings_of(kind: str) -> Any:
    return _counters(
        f"{kind.title()}LandingCounters",
        f"LL2's figures of an agency's {kind} landings.",
        {
            f"{outcome}_landings_{kind}": f"{outcome.title()} {kind} landings (LL2)."
            for outcome in ("successful", "failed", "attempted")
        },
    )


SpacecraftLandingCounters = _landings_of("spacecraft")
PayloadLandingCounters = _landings_of("payload")

# LL2's running counts on a launch: {scope: what is counted}, all time and within the year.
_ATTEMPTS = {
    "orbital": "Orbital launch attempts worldwide",
    "location": "Launch attempts from this location",
    "pad": "Launch attempts from this pad",
    "agency": "Launch attempts by this provider",
}
AttemptCounters = _counters(
    "AttemptCounters",
    "LL2's counts of the launch attempts up to a launch (all time, then this year).",
    {
        **{f"{s}_launch_attempt_count": f"{d} up to this one (LL2)." for s, d in _ATTEMPTS.items()},
        **{
            f"{s}_launch_attempt_count_year": f"{d} this year up to this one (LL2)."
            for s, d in _ATTEMPTS.items()
        },
    },
)
