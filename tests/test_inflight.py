"""A worker's death is logged at WARNING with the requests it was running."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest

from launchgraph import inflight


def _died(pid: int) -> logging.LogRecord:
    return logging.LogRecord(
        "uvicorn.error", logging.INFO, __file__, 1, f"Child process [{pid}] died", (), None
    )


def test_a_death_becomes_a_warning_naming_the_running_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(inflight.ENV, str(tmp_path))
    now = time.time()
    (tmp_path / "4242.json").write_text(json.dumps([[now - 31, "POST /graphql '{ deep }'"]]))
    record = _died(4242)
    assert inflight.WorkerDeathFilter().filter(record)
    assert record.levelno == logging.WARNING
    assert "worker [4242]" in record.getMessage()
    assert "POST /graphql '{ deep }' (for 31" in record.getMessage()
    idle = _died(7)
    assert inflight.WorkerDeathFilter().filter(idle)
    assert "running no request" in idle.getMessage()


def test_other_supervisor_chatter_is_dropped() -> None:
    chatter = logging.LogRecord(
        "uvicorn.error", logging.INFO, __file__, 1, "Waiting for child process", (), None
    )
    assert not inflight.WorkerDeathFilter().filter(chatter)
    error = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "boom", (), None)
    assert inflight.WorkerDeathFilter().filter(error)


def test_running_requests_reach_the_workers_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(inflight.ENV, str(tmp_path))
    monkeypatch.setattr(inflight, "_writer", None)
    path = tmp_path / f"{os.getpid()}.json"
    with inflight.running("POST /graphql '{ slow }'"):
        for _ in range(50):
            if path.exists() and "slow" in path.read_text():
                break
            time.sleep(0.1)
        assert "running 1 request(s): POST /graphql '{ slow }'" in inflight.describe(os.getpid())
    for _ in range(50):
        if json.loads(path.read_text()) == []:
            break
        time.sleep(0.1)
    assert inflight.describe(os.getpid()) == "it was running no request"
