"""Schemathesis against the GraphQL endpoint: generated queries for every root field, with
generated arguments, must never get a server error (a short run; bench/schemathesis.sh is
the long one)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis.graphql import from_asgi

from launchgraph.app import create_app
from launchgraph.request_limits import RequestLimits
from launchgraph.settings import Settings


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('st') / 'demo.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "launchgraph", "demo"], check=True, env=env)
    return url


def test_no_server_errors(demo_db: str) -> None:
    # No rate limit: the generated requests all come from one client.
    app = create_app(Settings(database_url=demo_db, limits=RequestLimits(rate_limit="0")))
    schema = from_asgi("/graphql", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10  # one per root field

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, response.text
            errors = response.json().get("errors") or []
            codes = [e.get("extensions", {}).get("code") for e in errors]
            assert "INTERNAL_SERVER_ERROR" not in codes, response.text

        no_server_error()
