"""The one error ingest raises for bad input: it names the file and the JSON path."""

from __future__ import annotations


class IngestError(Exception):
    """Bad input: `source` is the file (and line, for JSON Lines), `json_path` the bad value."""

    def __init__(self, message: str, json_path: str = "$", source: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.json_path = json_path
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.json_path}: {self.message}"
