"""The `launchgraph` command line."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from launchgraph.db import schema
from launchgraph.db.engine import make_engine
from launchgraph.db.ingest.run import Report, ingest
from launchgraph.db.url import configured_url

app = typer.Typer(
    help="LaunchGraph: a GraphQL API over the Launch Library 2 event graph.",
    no_args_is_help=True,
    add_completion=False,
)


def sample_path() -> Path:
    """The sample dataset shipped inside the package."""
    return Path(str(resources.files("launchgraph") / "sample" / "events.json"))


async def _ingest(paths: list[Path], show_progress: bool) -> Report:
    engine = make_engine()
    bar = tqdm(unit=" objects", disable=not show_progress, file=sys.stderr)
    try:
        return await ingest(engine, paths, progress=bar.update)
    finally:
        bar.close()
        await engine.dispose()


def _run_ingest(paths: list[Path], quiet: bool = False) -> None:
    schema.upgrade_sync()
    report = asyncio.run(_ingest(paths, show_progress=sys.stderr.isatty() and not quiet))
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    if not quiet:
        typer.echo(
            f"ingested {report.objects} objects from {report.files} file(s)"
            + (f"; data version {report.data_version}" if report.data_version else "")
        )
    if report.errors:
        raise typer.Exit(code=1)


@app.command()
def initdb() -> None:
    """Create the schema, or migrate it to the newest version, in DATABASE_URL."""
    schema.upgrade_sync()
    typer.echo(f"schema is up to date in {_shown_url()}")


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(help="LL2 JSON files, JSON Lines files, or folders of them.")
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Upsert LL2 events and launches (list pages or single objects, API 2.0.0-2.2.0).

    Each file is one transaction: a bad file is reported with its JSON path and left out.
    """
    _run_ingest(paths, quiet)


@app.command()
def demo() -> None:
    """Load the sample dataset that ships with LaunchGraph."""
    _run_ingest([sample_path()])


@app.command("sync")
def sync_command(
    base_url: Annotated[
        str, typer.Option(help="An LL2-compatible API, up to its version.")
    ] = "https://ll.thespacedevs.com/2.3.0/",
    api_key: Annotated[
        str | None,
        typer.Option(envvar="LAUNCHGRAPH_LL2_API_KEY", help="Your LL2 API key (sent as a token)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="ISO date-time: take what changed since then, not since the last sync."),
    ] = None,
    every: Annotated[
        str | None, typer.Option(help="Sync again every DURATION (15m, 1h ...) until stopped.")
    ] = None,
    max_requests: Annotated[
        int | None,
        typer.Option(min=1, help="Requests per hour at most (default: LL2's figure, else 15)."),
    ] = None,
) -> None:
    """Fetch what changed on LL2 (events, then launches) into DATABASE_URL, page by page.

    Resumes where the last sync stopped; keeps within the hourly request budget.
    """
    from launchgraph import sync_command as command

    try:
        options = command.SyncOptions(
            base_url=base_url,
            api_key=api_key,
            since=command.parse_since(since) if since else None,
            max_requests=max_requests,
        )
        interval = command.parse_duration(every) if every else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        report = command.run(options, interval)
    except command.SyncError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(command.summary(report))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    demo: Annotated[
        bool, typer.Option("--demo", help="Load the sample dataset before serving.")
    ] = False,
) -> None:
    """Serve the GraphQL API (POST/GET /graphql, GraphiQL in a browser, GET /healthz)."""
    import tempfile

    from launchgraph import inflight

    if demo:
        _run_ingest([sample_path()])
    else:
        schema.upgrade_sync()
    typer.echo(f"LaunchGraph on http://{host}:{port}/graphql ({_shown_url()})")
    # Workers note their running requests here, so a worker's death is told with them.
    folder = tempfile.mkdtemp(prefix="launchgraph-inflight-")
    os.environ[inflight.ENV] = folder
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Workers count metrics in files here, and /metrics in any worker adds them up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="launchgraph-metrics-")
    try:
        _uvicorn_run(host, port, workers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _uvicorn_run(host: str, port: int, workers: int) -> None:
    import uvicorn

    from launchgraph import inflight

    uvicorn.run(
        "launchgraph.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="auto",
        http="auto",
        access_log=False,
        log_config=inflight.log_config(),
    )


@app.command("export-schema")
def export_schema() -> None:
    """Print the GraphQL schema (SDL), as committed in schema.graphql."""
    from launchgraph.gql.schema import sdl

    sys.stdout.write(sdl())


def _shown_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(configured_url()).render_as_string(hide_password=True)


def main() -> None:
    """Entry point for `python -m launchgraph`."""
    app()
