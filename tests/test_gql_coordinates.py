"""Pad coordinates come back through GraphQL as LL2 sent them, to the last digit: SQLite's
JSON writes a real with 15 significant digits, and LL2 sends some with 16 (Starbase's pad
longitude -97.15503099856647 in four of the real launches)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Store
from tests.gql_helpers import Api, read_ll2
from tests.test_ll2_2_3_0 import load_objects

FIXTURES = Path(__file__).parent / "fixtures"
LONGITUDE = "-97.15503099856647"


@pytest.mark.parametrize(
    "source,sent",
    [
        # API 2.0.0 sent coordinates as text, 2.3.0 as numbers.
        (FIXTURES / "real" / "stages.jsonl", LONGITUDE),
        (FIXTURES / "ll2-2.3.0" / "launch-stages.json", float(LONGITUDE)),
    ],
)
async def test_sixteen_digit_longitude_comes_back_exactly(
    store: Store, source: Path, sent: str | float
) -> None:
    launch = read_ll2(source)[0]
    launch["pad"]["longitude"] = sent
    await load_objects(store, [launch])
    query = f'{{ launch(ll2Id: "{launch["id"]}") {{ pad {{ longitude }} }} }}'
    resp = await Api(store).post(query)
    assert resp.status_code == 200, resp.text
    # The body's own text: a float parsed back from 15 digits would already differ.
    assert json.loads(resp.text)["data"]["launch"]["pad"]["longitude"] == float(LONGITUDE)
