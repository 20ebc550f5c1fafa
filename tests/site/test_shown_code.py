"""Every line of code a page shows fits the desktop article: at most 88 columns."""

from __future__ import annotations

import html
import re

WIDTH = 88  # ruff's line length, and what the desktop article shows without scrolling
PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.S)
TAG = re.compile(r"<[^>]+>")


def shown_lines(page_html: str) -> list[str]:
    """The text of every line of every ``<pre>`` block of a built page."""
    return [
        line
        for block in PRE.findall(page_html)
        for line in html.unescape(TAG.sub("", block)).split("\n")
    ]


def test_shown_lines_are_read_as_the_reader_sees_them():
    page = (
        '<pre><code><span class="k">def</span> f():\n'
        "    <b>return</b> 1 &lt; 2</code></pre>"
    )
    assert shown_lines(page) == ["def f():", "    return 1 < 2"]


def test_no_shown_line_is_wider_than_the_article(two_builds):
    site, _ = two_builds
    wide = [
        f"{page.relative_to(site)}: {len(line)} columns: {line[:60]}..."
        for page in sorted(site.rglob("*.html"))
        for line in shown_lines(page.read_text("utf8"))
        if len(line) > WIDTH
    ]
    assert wide == [], "\n".join(wide)
