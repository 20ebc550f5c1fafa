"""The site as a reader gets it: fixtures for the tests of every page in Chromium.

The session's one strict build (``strict_build``, shared with ``tests/site/``) is
served on an ephemeral 127.0.0.1 port, gzip-compressed as a static host serves it
(``site``); ``browser`` is Debian's Chromium driven by Playwright
(``tests/browser/browse.py``). ``fresh_envs`` are the reader's fresh environments
(``tests/freshenv.py``), made once, in parallel, from the wheel that the served home
page links; when a selected test needs them, their making starts with the site.

A test that takes ``page`` runs once per page of the site (``PAGES``: each page docs/
builds, by its URL path, and ``404.html``), the page as its id: ``test_x[chain-rule/]``,
``test_x[home]``. A test that takes ``desktop`` or ``phone`` gets what that visit of its
page collected. Each page is visited once per viewport in a session, the first time a
test asks, and kept: ``pytest tests/browser -k "math and chain-rule"`` visits one page,
at desktop size.
"""

from __future__ import annotations

import os
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import sitebench
from tests.browser.browse import SHOTS, Chromium, Desktop, Phone, Visits
from tests.conftest import ROOT
from tests.freshenv import PINS, FreshEnv, make_env

DOCS = ROOT / "docs"
VISIT_ORDER = pytest.StashKey[list]()
NEEDS_FRESH = pytest.StashKey[bool]()  # some selected test runs in fresh environments
FRESH_MADE = pytest.StashKey[dict]()  # (end, figures) -> future of its FreshEnv
API = re.compile(r"^\s*::: ", re.M)  # a mkdocstrings line: the page shows docstrings


def docs_pages() -> dict[str, Path | None]:
    """Each page of the site by URL path (``""``, ``chain-rule/``): its docs/ source."""
    pages = {}
    for src in DOCS.rglob("*"):
        rel = src.relative_to(DOCS)
        hidden = any(part.startswith(".") for part in rel.parts)
        if hidden or src.suffix not in (".md", ".ipynb"):
            continue
        stem = rel.with_suffix("")
        folder = stem.parent if stem.name in ("index", "README") else stem
        pages["" if folder == Path(".") else f"{folder.as_posix()}/"] = src
    home_first = dict(sorted(pages.items(), key=lambda kv: (kv[0] != "", kv[0])))
    return {**home_first, "404.html": None}


PAGES = docs_pages()


def from_docstrings(page: str) -> bool:
    """Whether ``page`` shows docstrings (its source has a ``::: module`` line)."""
    src = PAGES[page]
    return src is not None and bool(API.search(src.read_text("utf8")))


def page_id(page: str) -> str:
    """A page's test id: its URL path, ``home`` for the home page."""
    return page or "home"


def pytest_generate_tests(metafunc):
    """Run each test that takes ``page`` (and picks no pages itself) on every page."""
    chosen = {m.args[0] for m in metafunc.definition.iter_markers("parametrize")}
    if "page" in metafunc.fixturenames and "page" not in chosen:
        metafunc.parametrize("page", list(PAGES), ids=page_id)


def pytest_collection_finish(session):
    """Note the visits the selected tests ask for, in order: the next starts early."""
    order = {}
    for item in session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        for kind in ("desktop", "phone"):
            if "page" in params and kind in getattr(item, "fixturenames", ()):
                order[kind, params["page"]] = None
    session.config.stash[VISIT_ORDER] = list(order)
    session.config.stash[NEEDS_FRESH] = any(
        "fresh_envs" in getattr(item, "fixturenames", ()) for item in session.items
    )


@dataclass(frozen=True)
class Site:
    """The built site: its folder, and the URL it is served at."""

    root: Path
    base: str  # http://127.0.0.1:PORT/


@pytest.fixture(scope="session")
def site(request, strict_build, tmp_path_factory) -> Site:
    """The session's strict build (``tests/conftest.py``), served on 127.0.0.1.

    When a selected test runs in the fresh environments, their making starts here, in
    the background, while the first pages are visited.
    """
    with sitebench.serve(strict_build) as base:
        served = Site(strict_build, base)
        with ThreadPoolExecutor(max_workers=len(FRESH_KEYS)) as pool:
            if request.config.stash.get(NEEDS_FRESH, False):
                request.config.stash[FRESH_MADE] = start_fresh_envs(
                    pool, wheel_url(served), tmp_path_factory.mktemp("fresh")
                )
            yield served


@pytest.fixture(scope="session")
def browser() -> Chromium:
    """Headless Chromium for the session."""
    if not os.access(sitebench.CHROMIUM, os.X_OK):
        pytest.fail(f"{sitebench.CHROMIUM} is missing: run 'make browser'")
    chromium = Chromium()
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def visits(request, site, browser) -> Visits:
    """The session's store of visits, each made the first time a test asks for it."""
    for kind in ("desktop", "mobile"):
        (SHOTS / kind).mkdir(parents=True, exist_ok=True)
    store = Visits(browser, site.base, request.config.stash.get(VISIT_ORDER, []))
    yield store
    store.cancel()


@pytest.fixture
def desktop(visits, page) -> Desktop:
    """What the desktop visit of ``page`` collected."""
    return visits.get("desktop", page)


@pytest.fixture
def phone(visits, page) -> Phone:
    """What the phone visit of ``page`` collected."""
    return visits.get("phone", page)


FRESH_KEYS = [(end, figures) for end in PINS for figures in (False, True)]


def wheel_url(site: Site) -> str:
    """The address of the wheel that the served home page links."""
    with urllib.request.urlopen(site.base, timeout=30) as resp:
        home = resp.read().decode("utf8")
    found = re.findall(r'href="(download/bpdocs-[^"]+\.whl)"', home)
    assert found, "the home page links no wheel under download/"
    return site.base + found[0]


def start_fresh_envs(pool, url: str, root: Path) -> dict:
    """Start making the fresh environments from the wheel at ``url``, in ``pool``."""
    return {
        (end, figures): pool.submit(
            make_env, root / f"{end}-{int(figures)}", end, url, figures
        )
        for end, figures in FRESH_KEYS
    }


@pytest.fixture(scope="session")
def fresh_envs(request, site, tmp_path_factory) -> dict[tuple[str, bool], FreshEnv]:
    """The four fresh environments: ``(end, figures)`` -> env, end oldest or newest."""
    made = request.config.stash.get(FRESH_MADE, None)
    if made is not None:  # started with the site
        return {key: future.result() for key, future in made.items()}
    with ThreadPoolExecutor(max_workers=len(FRESH_KEYS)) as pool:
        made = start_fresh_envs(pool, wheel_url(site), tmp_path_factory.mktemp("fresh"))
        return {key: future.result() for key, future in made.items()}
