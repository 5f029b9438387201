"""The counters LL2 keeps on agencies, launcher configurations and families, stored as given."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class LaunchCounters(SQLModel):
    """LL2's launch figures of an agency or a launcher configuration."""

    total_launch_count: int | None = Field(default=None, description="Launches, all time (LL2).")
    consecutive_successful_launches: int | None = Field(
        default=None, description="Current streak of successful launches (LL2)."
    )
    successful_launches: int | None = Field(default=None, description="Successful launches (LL2).")
    failed_launches: int | None = Field(default=None, description="Failed launches (LL2).")
    pending_launches: int | None = Field(default=None, description="Upcoming launches (LL2).")


class LandingCounters(SQLModel):
    """LL2's landing figures of a launcher configuration or family (API 2.3.0 on)."""

    attempted_landings: int | None = Field(default=None, description="Landing attempts (LL2).")
    successful_landings: int | None = Field(default=None, description="Landings (LL2).")
    failed_landings: int | None = Field(default=None, description="Failed landings (LL2).")
    consecutive_successful_landings: int | None = Field(
        default=None, description="Current streak of landings (LL2)."
    )
