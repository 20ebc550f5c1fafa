"""Reader pages speak of the subject: they link the text they cite, and keep quiet
about the machinery.

In the built site, every paragraph, list item or table cell of a lesson that mentions
the annotated text ("the source", "the text's", "§4") links to the text's page
(``source/``); a heading may name it, and the paragraph under it links it. No lesson
speaks of tests, hooks, make targets, byte-identity or budgets: ``checks/`` ("How
this site checks itself") is the one page that does. The API reference and the text's
own page are not lessons.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

BLOCK = re.compile(r"<(p|li|td|th|h[1-6]|figcaption|summary)\b[^>]*>(.*?)</\1>", re.S)
MENTION = re.compile(r"\b(?:the source|source's|source text|the text's)|§\s?\d", re.I)
MACHINERY = re.compile(
    r"\bpytest\b|\btests?/|\btest suite|\bthe tests?\b(?! inputs?\b| predictions)"
    r"|\bhooks?\b|\bmake (?:test|serve|site|bench)\b|\bbyte[- ]identical"
    r"|\bbudgets?\b|\bthe build\b|\bCI\b",
    re.I,
)
NOT_LESSONS = ("source", "checks", "api")


def lessons(site: Path) -> dict[str, str]:
    """The article of each lesson of the built site, by its URL path."""
    out = {}
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).parent.as_posix()
        if rel.split("/")[0] in NOT_LESSONS or rel.startswith("assets"):
            continue
        text = page.read_text("utf8")
        out[rel if rel != "." else "home"] = text[
            text.find("<article") : text.find("</article>")
        ]
    return out


def blocks(article: str):
    """Each text block of an article: its tag, its HTML and its plain text."""
    for m in BLOCK.finditer(article):
        yield m[1], m[2], html.unescape(re.sub(r"<[^>]+>", "", m[2]))


def test_every_mention_of_the_text_links_to_it(site):
    unlinked = [
        f"{page}: {plain[:100]!r}"
        for page, article in lessons(site).items()
        for tag, inner, plain in blocks(article)
        if MENTION.search(plain) and "source/" not in inner and tag[0] != "h"
    ]
    assert len(lessons(site)) >= 17
    assert not unlinked, "mentions of the text without a link to it:\n" + "\n".join(
        unlinked
    )


def test_no_lesson_speaks_of_the_machinery(site):
    found = [
        f"{page}: {m[0]!r} in {plain[:100]!r}"
        for page, article in lessons(site).items()
        for _, _, plain in blocks(article)
        for m in [MACHINERY.search(plain)]
        if m
    ]
    assert not found, "lessons that speak of the machinery:\n" + "\n".join(found)


def test_the_checks_fail_on_a_page_that_breaks_them():
    article = (
        "<p>As the source says, the tests pass.</p>"
        '<p>See <a href="../source/#7-summary">the text\'s summary</a>.</p>'
    )
    found = [(MENTION.search(p), MACHINERY.search(p)) for _, _, p in blocks(article)]
    assert found[0][0] and found[0][1] and found[1][0] and not found[1][1]
