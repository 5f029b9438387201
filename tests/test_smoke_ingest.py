from sqlalchemy import func, select

from db.ingest.run import ingest
from db.tables import Event
from tests.conftest import Store, need_seeds


async def test_seeds_ingest(store: Store) -> None:
    seeds = need_seeds()
    report = await ingest(store.engine, [seeds / "event-352-2.2.0.json"])
    assert not report.errors
    async with store.engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(Event))).scalar() == 1
