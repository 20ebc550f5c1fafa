"""Build hook: highlighted code that is cheap for the browser, drawn the same.

A long page's code blocks are most of its elements, and a browser styles and lays out every one
before the page has loaded. Two changes, both inside ``<pre>`` only:

- **Fewer spans.** Pygments wraps every token in a ``<span>``. Two token classes draw nothing of
  their own in Material's theme: names (``n``, coloured ``--md-code-hl-name-color``, which is the
  code's own colour ``--md-code-fg-color``) and whitespace (``w``). Their spans are unwrapped;
  every other token keeps its span. ``tests/test_site.py`` checks that the theme still draws
  names in the code colour.
- **Off-screen blocks wait.** Each ``<pre><code>`` gets its line count (``--bp-lines``), and
  ``extra.css`` gives it ``content-visibility: auto`` with a placeholder of exactly that many
  lines, so a block far from the viewport is styled and laid out only when the reader scrolls
  near it, and nothing shifts when it is. ``tests/test_browser.py`` checks the heights agree.
"""

from __future__ import annotations

import re

#: Token classes whose span changes nothing on the page.
PLAIN = ("n", "w")
SPAN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN))
PRE = re.compile(r"<pre\b.*?</pre>", re.S)
CODE = re.compile(r"<code>(.*?)</code>", re.S)


def unwrap_plain_tokens(pre: str) -> str:
    """A ``<pre>`` block without the spans of plain tokens (names, whitespace)."""
    return SPAN.sub(r"\1", pre)


def count_lines(pre: str) -> str:
    """A ``<pre>`` block whose ``<code>`` carries its number of lines as ``--bp-lines``."""
    def tag(m):
        lines = m[1].count("\n") + (not m[1].endswith("\n"))
        return f'<code style="--bp-lines: {lines}">{m[1]}</code>'
    return CODE.sub(tag, pre, count=1)


def on_post_page(output, page, config):
    return PRE.sub(lambda m: count_lines(unwrap_plain_tokens(m[0])), output)
