"""Build hook: the copy button of an excerpt of bpdocs gives code that runs as copied.

A Python block titled "from bpdocs/x.py" shows an excerpt of that module. Material
copies the ``data-copy`` text of a block's element when it has one; this hook sets
it, on the block's ``div``, to the excerpt after the imports it needs
(``sitebuild/excerpts.py``).
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.excerpts import ExcerptError, copy_text

BLOCK = re.compile(
    r'<div class="language-python highlight">'
    r'<span class="filename">from (?P<module>bpdocs/[\w/]+\.py)(?P<rest>[^<]*)</span>'
    r"(?P<pre><pre\b.*?</pre>)",
    re.S,
)
CODE = re.compile(r"<code\b[^>]*>(.*?)</code>", re.S)
TAG = re.compile(r"<[^>]+>")


def block_text(pre: str) -> str:
    """The text of a highlighted ``<pre>`` block, as the reader sees it."""
    return html.unescape(TAG.sub("", CODE.search(pre)[1]))


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Each excerpt block of the page, with its runnable copy text as ``data-copy``."""

    def attach(m: re.Match) -> str:
        try:
            text = copy_text(block_text(m["pre"]), m["module"])
        except ExcerptError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None
        head = m[0][: m[0].index(">")]
        return head + f' data-copy="{html.escape(text)}"' + m[0][len(head) :]

    return BLOCK.sub(attach, output)
