"""Optional tracing: off by default; on, Strawberry's OpenTelemetry extension records spans."""

from __future__ import annotations

import pytest
import strawberry

from launchgraph.settings import Settings
from launchgraph.tracing import extensions


def test_tracing_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAUNCHGRAPH_TRACING", raising=False)
    assert extensions(Settings()) == []


async def test_tracing_records_spans_of_graphql_execution() -> None:
    pytest.importorskip("opentelemetry.sdk", reason="install launchgraph[tracing]")
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from launchgraph.gql.schema import schema

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)  # the provider is chosen: extensions() keeps it
    traced = strawberry.Schema(query=schema.query, extensions=extensions(Settings(tracing=True)))
    result = await traced.execute("query Probe { __typename }")
    assert result.errors is None
    names = [span.name for span in exporter.get_finished_spans()]
    assert "GraphQL Query: Probe" in names, names
