"""GraphiQL is served by LaunchGraph itself: the page references only its own origin, has no
inline script or style (it must work under its `default-src 'self'` policy), its assets are
cached for ever and shipped in the package, and its first tab's query answers as is."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from launchgraph.graphiql import CSP, IMMUTABLE, WELCOME_QUERY, assets
from tests.conftest import Store
from tests.gql_helpers import SAMPLE, Api, load

ROOT = Path(__file__).resolve().parents[1]
BROWSER = {"accept": "text/html,application/xhtml+xml"}


class Page(HTMLParser):
    """The page's external references, and anything inline a strict CSP would block."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[str] = []
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "style" or "style" in found or any(k.startswith("on") for k in found):
            self.inline.append(tag)
        if tag == "script":
            if not found.get("src"):
                self.inline.append("script")
            else:
                self.urls.append(found["src"] or "")
        if tag == "link":
            self.urls.append(found.get("href") or "")
        if found.get("id") == "graphiql":
            self.root = found


@pytest.fixture
async def api(store: Store) -> Api:
    await load(store, SAMPLE)
    return Api(store)


async def page(api: Api) -> tuple[Page, dict[str, str]]:
    resp = await api.get("/graphql", headers=BROWSER)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    parsed = Page()
    parsed.feed(resp.text)
    assert "<title>LaunchGraph" in resp.text
    return parsed, dict(resp.headers)


async def test_page_is_self_contained_under_a_strict_policy(api: Api) -> None:
    parsed, headers = await page(api)
    assert headers["content-security-policy"] == CSP == "default-src 'self'"
    assert parsed.inline == []
    assert sorted(u.split("?")[0] for u in parsed.urls) == [
        "/graphiql/favicon.svg",
        "/graphiql/graphiql.css",
        "/graphiql/graphiql.js",
    ]
    assert parsed.root["data-title"] == "LaunchGraph"
    assert parsed.root["data-query"] == WELCOME_QUERY


async def test_assets_are_served_with_long_lived_caching(api: Api) -> None:
    parsed, _ = await page(api)
    async with api.client() as client:
        for url in parsed.urls:
            resp = await client.get(url, headers={"accept-encoding": "gzip"})
            assert resp.status_code == 200, url
            assert resp.headers["cache-control"] == IMMUTABLE
            assert resp.headers["content-encoding"] == "gzip"
            # the URL names the content: another build, another URL
            assert url.endswith("?v=" + assets()[url.split("/")[-1].split("?")[0]].version)
        css = (await client.get("/graphiql/graphiql.css")).text
        referenced = set(re.findall(r"url\(([^)]+)\)", css))
        assert referenced, "the stylesheet's fonts and images"
        for name in referenced:
            assert not name.startswith(("data:", "http:", "https:", "//")), name
            resp = await client.get(f"/graphiql/{name}")
            assert resp.status_code == 200, name
            assert resp.headers["cache-control"] == IMMUTABLE
        assert (await client.get("/graphiql/nothing.js")).status_code == 404
        assert (await client.get("/graphiql/LICENSES.txt")).status_code == 200


def test_script_makes_no_request_elsewhere() -> None:
    """No asset loads code or styles from another origin (the browser test checks the page's
    requests; this catches an import from a CDN already in the build)."""
    for name, asset in assets().items():
        if name.endswith((".js", ".css")):
            text = asset.body.decode()
            assert not re.search(r"""@import|import\(\s*["']https?:""", text), name
            assert "unpkg.com" not in text and "jsdelivr" not in text, name


async def test_welcome_query_answers_as_is(api: Api) -> None:
    data = await api.data(WELCOME_QUERY)
    assert data["upcomingEvents"]["totalCount"] > 0
    assert data["upcomingEvents"]["nodes"][0]["name"]


def test_assets_and_licences_ship_in_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "static/graphiql/*" in config["package-data"]["launchgraph"]
    names = set(assets())
    assert {"graphiql.js", "graphiql.css", "LICENSES.txt"} <= names
    licences = assets()["LICENSES.txt"].body.decode()
    for package in ("graphiql@", "@graphiql/plugin-explorer@", "react@", "react-dom@"):
        assert f"\n{package}" in licences, package
