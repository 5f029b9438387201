"""LaunchGraph uses only the public APIs of Strawberry and graphql-core: an upgrade of
either that changes their internals must not silently change how queries run."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("strawberry", "graphql")


def _sources() -> list[Path]:
    return [p for top in ("gql", "db", "launchgraph") for p in (ROOT / top).rglob("*.py")]


def test_no_private_names_of_strawberry_or_graphql_core() -> None:
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(LIBRARIES):
                parts = (node.module or "").split(".")
                names = [a.name for a in node.names]
                if any(p.startswith("_") for p in parts + names):
                    found.append(f"{path.name}: from {node.module} import {names}")
                imported |= {a.asname or a.name for a in node.names}
            # e.g. schema._schema: a private attribute read off a library object
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in {"schema", "strawberry", "graphql", *imported}
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    assert found == []
