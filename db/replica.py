"""The data version of a read replica (DATABASE_READ_URL).

A replica applies the primary's transactions in order, and every ingest bumps the version in
the same transaction as the data, so the version a replica holds is the version of the data it
serves. Cached answers are keyed by it: an answer read from a replica that lags behind an
ingest is never filed under the newer version. NOTIFY does not reach a standby, so the version
is read per request (one primary-key read), as on SQLite.
"""

from __future__ import annotations

from launchgraph.db.version import VersionWatcher, read


class ReplicaVersion(VersionWatcher):
    """Knows the data version of what one (replica) engine reads."""

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def version(self) -> int | None:
        try:
            async with self.engine.connect() as conn:
                return await read(conn)
        except Exception:  # a replica down: no version, so no cache use; the query will say
            return None
