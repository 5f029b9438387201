"""The distribution installs gql/ and db/ inside the launchgraph namespace, and ships every
package folder of the repository (pyproject lists them by hand, because of that mapping)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMESPACE = {"launchgraph": "launchgraph", "gql": "launchgraph.gql", "db": "launchgraph.db"}


def test_every_package_folder_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = set()
    for top, name in NAMESPACE.items():
        for init in (ROOT / top).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / top).parts
            found.add(".".join((name, *parts)))
    assert sorted(config["packages"]) == sorted(found)
    assert config["package-dir"] == {v: k for k, v in NAMESPACE.items()}


def test_no_top_level_gql_or_db_module() -> None:
    # The PyPI GraphQL client is called `gql`: LaunchGraph must not shadow it.
    import launchgraph.db
    import launchgraph.gql

    assert launchgraph.gql.__name__ == "launchgraph.gql"
    assert launchgraph.db.__name__ == "launchgraph.db"
