"""The one error ingest raises for bad input: it names the file and the JSON path."""

from __future__ import annotations


class IngestError(Exception):
    """Bad input: `source` is the file (and line, for JSON Lines), `json_path` the bad value.

    Errors raised deep inside an object start with a relative path ("" or ".id") and gain a
    segment per level as they propagate (`inside`), so the hot path never builds path strings.
    """

    def __init__(self, message: str, json_path: str = "$", source: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.json_path = json_path
        self.source = source

    def inside(self, segment: str) -> IngestError:
        """Prefix the path with the segment the error came through (".pad", "[3]", "$")."""
        self.json_path = segment + self.json_path
        return self

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.json_path}: {self.message}"
