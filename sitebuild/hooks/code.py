"""Build hook: highlighted code that costs the browser less and draws the same.

Inside ``<pre>`` only: the spans of name and whitespace tokens, which Material draws
in the code's own colour, are unwrapped; each ``<code>`` gets its line count
(``--bp-lines``), by which ``extra.css`` sizes a block left undrawn off-screen. Shown
outputs are marked ``data-search-exclude``: search has no use for printed numbers.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

#: Token classes whose span changes nothing on the page.
PLAIN = ("n", "w")
SPAN = re.compile(rf'<span class="(?:{"|".join(PLAIN)})">([^<]*)</span>')
PRE = re.compile(r"<pre\b.*?</pre>", re.S)
CODE = re.compile(r"<code>(.*?)</code>", re.S)


def unwrap_plain_tokens(pre: str) -> str:
    """A ``<pre>`` block without the spans of plain tokens (names, whitespace)."""
    return SPAN.sub(r"\1", pre)


def count_lines(pre: str) -> str:
    """A ``<pre>`` block whose ``<code>`` carries its line count as ``--bp-lines``."""

    def tag(m):
        lines = m[1].count("\n") + (not m[1].endswith("\n"))
        return f'<code style="--bp-lines: {lines}">{m[1]}</code>'

    return CODE.sub(tag, pre, count=1)


#: A shown output: the numbers a block prints, which search has no use for.
OUTPUT = '<div class="language-output highlight">'


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files) -> str:
    """Shown outputs marked ``data-search-exclude``: Material's search skips them."""
    return html.replace(OUTPUT, OUTPUT[:-1] + " data-search-exclude>")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Every ``<pre>`` block of the page, unwrapped and with its line count."""
    return PRE.sub(lambda m: count_lines(unwrap_plain_tokens(m[0])), output)
