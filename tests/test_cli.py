"""The command line's failures are one or two lines a person can act on, with a non-zero exit
(the traceback only with --debug); its help names DATABASE_URL and shows plain types."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, url: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url or "sqlite:///unused.db"}
    return subprocess.run(
        [sys.executable, "-m", "launchgraph", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def short_failure(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2, result.stderr
    assert lines[0].startswith("error: ")
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.postgres
def test_missing_postgres_database_says_createdb() -> None:
    url = make_url(PG_URL).set(database="lg_test_never_created")
    result = run("initdb", url=url.render_as_string(hide_password=False))
    short_failure(result, '"lg_test_never_created" does not exist', "createdb -h ")
    assert "lg_test_never_created" in result.stderr.splitlines()[1]


def test_postgres_that_does_not_answer() -> None:
    result = run("initdb", url=f"postgresql://postgres@127.0.0.1:{free_port()}/x")
    short_failure(result, "no PostgreSQL answers on 127.0.0.1:", "connection refused")


@pytest.mark.parametrize("url", ["not a url", "mysql://root@localhost/x"])
def test_bad_database_url(url: str) -> None:
    short_failure(run("initdb", url=url), "DATABASE_URL is not a database URL", "sqlite:///")


def test_sqlite_file_in_a_missing_folder(tmp_path: Path) -> None:
    result = run("demo", url=f"sqlite:///{tmp_path}/no/such/folder/x.db")
    short_failure(result, "cannot open the SQLite file", "DATABASE_URL=")


def test_debug_shows_the_traceback() -> None:
    result = run("--debug", "initdb", url="not a url")
    assert result.returncode != 0
    assert "Traceback (most recent call last)" in result.stderr


def test_missing_ingest_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = run("ingest", "-q", str(missing), url=f"sqlite:///{tmp_path}/x.db")
    short_failure(result, f"error: {missing}", "no such file")


def test_busy_port_fails_before_announcing(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--port", str(port), url=f"sqlite:///{tmp_path}/x.db")
    short_failure(result, f"port {port} on 127.0.0.1 is already in use", "--port")
    assert "LaunchGraph on" not in result.stdout


def test_version_and_plain_help() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("launchgraph ")
    for command in ([], ["serve"], ["ingest"], ["initdb"], ["demo"]):
        result = run(*command, "--help")
        assert result.returncode == 0, result.stderr
        assert "DATABASE_URL" in result.stdout, command
        assert "<" not in result.stdout and "{" not in result.stdout, result.stdout
    serve = run("serve", "--help").stdout
    assert "--port INTEGER" in serve and "[default: 8000]" in serve
    assert "Usage: launchgraph ingest [OPTIONS] PATH..." in run("ingest", "--help").stdout
