"""Optional OpenTelemetry tracing of GraphQL execution, through Strawberry's extension.

Off by default; LAUNCHGRAPH_TRACING=1 turns it on (install `launchgraph[tracing]`). Spans go
to the tracer provider already set up (by `opentelemetry-instrument`, say), or else to an
OTLP/HTTP exporter configured by the standard OTEL_* variables (OTEL_EXPORTER_OTLP_ENDPOINT,
OTEL_SERVICE_NAME ...).
"""

from __future__ import annotations

from typing import Any

from launchgraph.settings import Settings

INSTALL_HINT = "LAUNCHGRAPH_TRACING=1 needs OpenTelemetry: pip install 'launchgraph[tracing]'"


class TracingUnavailable(RuntimeError):
    """Tracing was asked for but OpenTelemetry is not installed."""


def extensions(settings: Settings) -> list[Any]:
    """The Strawberry schema extensions tracing needs: none unless tracing is on."""
    if not settings.tracing:
        return []
    try:
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError as exc:
        raise TracingUnavailable(INSTALL_HINT) from exc
    configure_provider()
    return [OpenTelemetryExtension]


def configure_provider() -> None:
    """Send spans over OTLP/HTTP, unless a tracer provider is set up already."""
    from opentelemetry import trace

    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        return  # someone (opentelemetry-instrument, a test) chose the provider already
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import SERVICE_NAME, Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as exc:
        raise TracingUnavailable(INSTALL_HINT) from exc
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: "launchgraph"}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
