"""Links and requests: the page asks nothing of another host, logs no error, links home.

Every request of each visit's browser context is recorded (``route`` and the ``request``
event); one whose host is not 127.0.0.1 is blocked and fails
(``test_no_outside_requests``). A console message of type ``error``, or an uncaught page
error, fails (``test_console_is_clean``). Every same-site link of the loaded page must
point to a built file and, where it has a ``#fragment``, to an id in that file
(``test_internal_links_resolve``). And the pages tested are the pages built.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench import sitebench
from tests.browser.conftest import PAGES, page_id

IDS = re.compile(r'\b(?:id|name)="([^"]+)"')


def target(site: Path, path: str) -> Path | None:
    """The built file a link's URL path serves, or None."""
    file = site / unquote(path).lstrip("/")
    for candidate in (file, file / "index.html"):
        if candidate.is_file():
            return candidate
    return None


@cache
def ids(file: Path) -> set[str]:
    """The ids (and anchor names) of the built HTML file ``file``."""
    if file.suffix != ".html":
        return set()
    text = file.read_text("utf8", errors="replace")
    return {html.unescape(m) for m in IDS.findall(text)}


def test_the_pages_tested_are_the_pages_built(site):
    """PAGES (from docs/) are exactly the pages the build wrote."""
    built = sitebench.pages(site.root)
    if (site.root / "404.html").is_file():
        built.append("404.html")
    untested, unbuilt = sorted(set(built) - set(PAGES)), sorted(set(PAGES) - set(built))
    assert not untested and not unbuilt, (
        f"built but not tested: {untested}; tested but not built: {unbuilt} "
        "(docs_pages in tests/browser/conftest.py)"
    )
    assert {"", "chain-rule/", "404.html"} <= set(PAGES)


def test_no_outside_requests(page, desktop, phone):
    """Neither visit asked anything of a host other than 127.0.0.1."""
    asked = desktop.outside + phone.outside
    assert not asked, f"{page_id(page)}: " + "\n".join(asked)


def test_console_is_clean(page, desktop, phone):
    """Neither visit logged a console error or an uncaught error."""
    errors = desktop.console + phone.console
    assert not errors, f"{page_id(page)}: " + "\n".join(errors)


def test_internal_links_resolve(page, desktop, site):
    """Every same-site link points to a built file, and to an id in it."""
    problems = []
    for link in desktop.links:
        if not link["href"].startswith(site.base):
            continue
        parts = urlsplit(link["href"])
        file = target(site.root, parts.path)
        where = f"{link['where']} links to {link['raw']!r}"
        if file is None:
            problems.append(f"{where}, which the site does not have")
        elif parts.fragment and unquote(parts.fragment) not in ids(file):
            problems.append(f"{where}: no id {parts.fragment!r} in {file.name}")
    assert desktop.links, f"{page_id(page)}: the page has no link at all"
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
