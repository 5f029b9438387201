"""The one error a sync stops with."""

from __future__ import annotations


class SyncError(Exception):
    """The sync cannot go on: `url` is the request, `json_path` the bad value, if any."""

    def __init__(self, message: str, url: str, json_path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.json_path = json_path

    def __str__(self) -> str:
        where = f"{self.url}: {self.json_path}: " if self.json_path else f"{self.url}: "
        return where + self.message
