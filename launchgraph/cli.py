"""The `launchgraph` command line.

Failures a user can fix (no database, a busy port, a bad file) are one or two lines on stderr
and a non-zero exit; the traceback only with `--debug`.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from launchgraph.cli_errors import (
    CliError,
    cannot_listen,
    check_sqlite_folder,
    explain,
    unexpected,
)
from launchgraph.db.url import DEFAULT_URL, configured_url

if TYPE_CHECKING:
    from launchgraph.db.ingest.run import Report

# What a command needs is imported in the command (the database layer, Alembic, the server):
# `--help` and each command load only their own (the start of `launchgraph ingest` is part of
# every ingest's time).

DATABASE_HELP = f"""\b
Environment:
  DATABASE_URL  the database: sqlite:///path/to.db or
                postgresql://user@host:5432/dbname
                (default: {DEFAULT_URL}, a file in the working folder)
"""


class _Cli(click.Group):
    """The group turns failures into a short message (or, with --debug, the traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.meta.get("launchgraph.debug"):
                raise
            message = explain(exc, configured_url()) or unexpected(exc)
            click.echo(f"error: {message}", err=True)
            ctx.exit(1)


@click.group(
    cls=_Cli,
    help="LaunchGraph: a GraphQL API over the Launch Library 2 event graph.",
    epilog=DATABASE_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Looked up when asked for: reading the installed metadata cost every command's start 20 ms.
@click.version_option(package_name="launchgraph", message="launchgraph %(version)s")
@click.option("--debug", is_flag=True, help="Show the traceback of a failure.")
@click.pass_context
def app(ctx: click.Context, debug: bool) -> None:
    ctx.meta["launchgraph.debug"] = debug


def sample_path() -> Path:
    """The sample dataset shipped inside the package."""
    return Path(str(resources.files("launchgraph") / "sample" / "events.json"))


async def _ingest(paths: list[Path], show_progress: bool) -> Report:
    """Migrate the store, then ingest, over one engine in one event loop."""
    from launchgraph.db import schema
    from launchgraph.db.engine import make_engine

    engine = make_engine()
    try:
        # The database builds the schema of an empty store (PostgreSQL: 0.45 s of DDL) while
        # a thread imports the ingest, declarations and all (0.5 s), on the other core.
        loaded, _ = await asyncio.gather(
            asyncio.to_thread(importlib.import_module, "launchgraph.db.ingest.run"),
            schema.upgrade(engine=engine),
        )
        ingest = loaded.ingest
        if not show_progress:
            return await ingest(engine, paths)
        from tqdm import tqdm

        with tqdm(unit=" objects", file=sys.stderr) as bar:
            return await ingest(engine, paths, progress=bar.update)
    finally:
        await engine.dispose()


def _migrate() -> None:
    from launchgraph.db import schema

    check_sqlite_folder(configured_url())
    schema.upgrade_sync()


def _run_ingest(paths: list[Path], quiet: bool = False) -> None:
    check_sqlite_folder(configured_url())
    report = asyncio.run(_ingest(paths, show_progress=sys.stderr.isatty() and not quiet))
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if not quiet:
        click.echo(
            f"ingested {report.objects} objects from {report.files} file(s)"
            + (f"; data version {report.data_version}" if report.data_version else "")
        )
    if report.errors:
        click.echo(
            f"{len(report.errors)} file(s) not loaded (nothing of them was stored): fix them "
            "and ingest them again",
            err=True,
        )
        sys.exit(1)


@app.command(epilog=DATABASE_HELP)
def initdb() -> None:
    """Create the schema in DATABASE_URL, or migrate it to the newest version."""
    _migrate()
    click.echo(f"schema is up to date in {_shown_url()}")


@app.command("ingest", epilog=DATABASE_HELP)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PATH..."
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def ingest_command(paths: tuple[Path, ...], quiet: bool) -> None:
    """Upsert LL2 events and launches into DATABASE_URL.

    PATH is an LL2 JSON file (a list page or single objects, API 2.0.0-2.2.0), a JSON Lines
    file, or a folder of them. Each file is one transaction: a bad file is reported with its
    JSON path and left out.
    """
    _run_ingest(list(paths), quiet)


@app.command(epilog=DATABASE_HELP)
def demo() -> None:
    """Load the sample dataset that ships with LaunchGraph into DATABASE_URL."""
    _run_ingest([sample_path()])


@app.command("sync", epilog=DATABASE_HELP)
@click.option(
    "--base-url",
    default="https://ll.thespacedevs.com/2.3.0/",
    show_default=True,
    help="An LL2-compatible API, up to its version.",
)
@click.option(
    "--api-key",
    envvar="LAUNCHGRAPH_LL2_API_KEY",
    help="Your LL2 API key (sent as a token; or LAUNCHGRAPH_LL2_API_KEY).",
)
@click.option(
    "--since",
    metavar="DATETIME",
    help="ISO date-time: take what changed since then, not since the last sync.",
)
@click.option(
    "--every", metavar="DURATION", help="Sync again every DURATION (15m, 1h ...) until stopped."
)
@click.option(
    "--max-requests",
    type=click.IntRange(min=1),
    help="Requests per hour at most (default: LL2's figure, else 15).",
)
def sync_command(
    base_url: str,
    api_key: str | None,
    since: str | None,
    every: str | None,
    max_requests: int | None,
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
        raise click.BadParameter(str(exc)) from None
    try:
        report = command.run(options, interval)
    except command.SyncError as exc:
        raise CliError(str(exc)) from None
    click.echo(command.summary(report))


@app.command(epilog=DATABASE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
@click.option("--demo", is_flag=True, help="Load the sample dataset before serving.")
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Serve the GraphQL API over DATABASE_URL.

    POST and GET /graphql, GraphiQL for browsers at /graphql, GET /healthz.
    """
    import tempfile

    from launchgraph import inflight

    problem = cannot_listen(host, port)
    if problem:
        raise CliError(problem)
    if demo:
        _run_ingest([sample_path()])
    else:
        _migrate()
    click.echo(f"LaunchGraph on http://{host}:{port}/graphql ({_shown_url()})")
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


# How long uvicorn's supervisor waits for a worker to answer its ping before killing it as
# hung. Its default, 5 s, is shorter than a worker's start on a loaded machine (the child
# imports the command line and the schema, 3-5 CPU s, before its ping thread runs): on 2 busy
# cores every worker was killed while starting, again and again, and none ever served. The
# ping is answered by a thread of its own, so a worker busy serving still answers in time.
WORKER_HEALTHCHECK_SECONDS = 60


def uvicorn_settings(host: str, port: int, workers: int) -> dict[str, Any]:
    """How `serve` runs uvicorn (bench/ceiling.py serves its baseline with the same)."""
    from launchgraph import inflight
    from launchgraph.http_protocol import HttpProtocol

    return {
        "host": host,
        "port": port,
        "workers": workers,
        "loop": "auto",
        "http": HttpProtocol,
        "access_log": False,
        "log_config": inflight.log_config(),
        "timeout_worker_healthcheck": WORKER_HEALTHCHECK_SECONDS,
    }


def _uvicorn_run(host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run("launchgraph.app:served_app", factory=True, **uvicorn_settings(host, port, workers))


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
    app(prog_name="launchgraph")
