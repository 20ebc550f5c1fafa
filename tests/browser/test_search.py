"""Search: Material's search box finds the pages that teach what the reader types.

The query is typed into the search box of the home page, at desktop size, and the links
of the results read once Material says how many match (``js/search.js``). "chain rule"
must show ``chain-rule/`` among the first three pages of the results. "gradient check"
must show ``gradient-checking/``, and link one of its parts whose text (in the built
search index) speaks of gradient checks. The search may ask nothing of another host
either.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from tests.browser.browse import DESKTOP, Seen, js, new_context, new_page


async def search(chromium, base: str, query: str) -> tuple[list[str], Seen]:
    """The result links for ``query`` (``page/#part``), in order; what was seen."""
    seen = Seen()
    ctx = await new_context(chromium, seen, "search", viewport=DESKTOP)
    try:
        page = await new_page(ctx, seen, "search")
        await page.goto(base, wait_until="load")
        await page.wait_for_function(js("material_ready"))
        box = page.locator("input.md-search__input")
        await box.click()
        await box.press_sequentially(query, delay=20)
        await page.wait_for_function(js("search"), timeout=15_000)
        await page.wait_for_timeout(300)  # the results of the last keystroke
        hrefs = await page.evaluate(js("search"))
    finally:
        await ctx.close()
    root = urlsplit(base).path
    links = []
    for href in hrefs:
        parts = urlsplit(href)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        links.append(parts.path[len(root) :] + fragment)
    return links, seen


def results(browser, site, query: str) -> list[str]:
    """The result links for ``query``, asserting the search asked nothing outside."""
    links, seen = browser.run(search(browser, site.base, query))
    assert not seen.outside + seen.console, "\n".join(seen.outside + seen.console)
    return links


def pages(links: list[str]) -> list[str]:
    """The result pages, best first, each once."""
    return list(dict.fromkeys(link.split("#")[0] for link in links))


def test_search_finds_chain_rule_page(browser, site):
    """ "chain rule" shows chain-rule/ among the first three pages."""
    shown = pages(results(browser, site, "chain rule"))
    assert "chain-rule/" in shown[:3], (
        f"'chain rule' shows {shown[:5]}: chain-rule/ is not among the first three"
    )


def test_search_finds_gradient_check_page(browser, site):
    """gradient-checking/ teaches gradient checking: search shows it, and its text."""
    page = "gradient-checking/"
    index = site.root / "search" / "search_index.json"
    teaching = [
        d["location"]
        for d in json.loads(index.read_text("utf8"))["docs"]
        if d["location"].split("#")[0] == page
        and re.search(
            r"gradient[\s-]+check",
            re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]),
            re.I,
        )
    ]
    assert teaching, (
        f"{page} does not mention 'gradient check' in the built search index, "
        "so search cannot find it there"
    )
    links = results(browser, site, "gradient check")
    shown = pages(links)
    assert page in shown, f"'gradient check' shows {shown}, not {page}"
    hits = [link for link in links if link.split("#")[0] == page and link in teaching]
    assert hits, (
        f"'gradient check' shows {page} (page {shown.index(page) + 1} of "
        f"{len(shown)}) but none of its parts that teach it ({teaching})"
    )
