"""Build hook: the parts of a page far from the viewport are drawn when the reader comes near them.

A browser styles and lays out a whole page before it has loaded, the parts a reader will only
see after scrolling included; on a long page of formulas and code that was most of its load time.
This hook wraps each run of blocks between two headings of the table of contents, below the
first screen, in ``<div class="bp-lazy">``. ``extra.css`` gives those
``content-visibility: auto``, with a placeholder height estimated here (``--bp-h``), so the
browser draws a run only when it nears the viewport (and keeps its real height once drawn).

Chromium still lays out a ``content-visibility: auto`` element that the page's scripts measure
before it has been laid out once (Material's script does, while the page is being read). So the
runs start ``content-visibility: hidden``, and a line of script here makes them ``auto`` at
``DOMContentLoaded``, after that first measurement; a ``<noscript>`` style makes them ``auto``
when scripts are off. The headings the table of contents lists (and blocks that hold one) are
never wrapped: Material measures them to mark the reader's place. Other headings (the API
pages' methods) may be. Find-in-page, a link to an id and the keyboard reach a wrapped run's
content as they reach any other: the browser draws the run first.

The first screen is the other way round: its figures lose ``loading="lazy"`` (given by
``figures.py``), so the browser fetches them with the page instead of after its first layout,
which held up the load of a page with a figure at the top.
"""

from __future__ import annotations

import collections
import html as htmllib
import math
import re

from mkdocs.exceptions import PluginError

#: The article of a Material page, whose content is wrapped.
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*)(</article>)', re.S)
#: Height estimated for the first screen: blocks above it are never wrapped, so it draws at once.
FOLD_PX = 1200
#: Runs estimated shorter than this are not worth a wrapper.
MIN_RUN_PX = 60
#: A run is cut into wrappers of about this height, so that nearing one draws only that one.
CHUNK_PX = 700
HEADING = re.compile(r"h[1-6]$")
LAZY_IMG = re.compile(r'<img\b[^>]*?( loading="lazy")')
TAG = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)\s*>""", re.S)
ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
RAW = {"script", "style"}
UNSEEN = {"script", "style", "template", "noscript", "input"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SWITCH = ('<noscript><style>.md-typeset .bp-lazy{content-visibility:auto!important}</style></noscript>'
          '<script>addEventListener("DOMContentLoaded",()=>document.documentElement.classList.add("bp-ready"))</script>')


class Node:
    """An element of the article: its tag, where it starts and ends in the HTML, and its children."""

    def __init__(self, tag: str, raw: str, start: int, end: int = -1):
        self.tag, self.raw, self.start, self.end = tag, raw, start, end
        self.children: list[Node] = []
        self.chars = 0          # its own text characters, outside <pre>
        self.lines = 0          # for a <pre>: its lines
        self._attrs = None

    @property
    def attrs(self) -> dict:
        """Its attributes (read from its start tag when first asked for)."""
        if self._attrs is None:
            self._attrs = _attrs(self.raw)
        return self._attrs

    def is_anchor(self, keep: set[str] | None = None) -> bool:
        """Whether this is a heading the table of contents links to (``keep``: its ids; None: any)."""
        return bool(HEADING.match(self.tag)) and (keep is None or self.tag == "h1" or self.attrs.get("id") in keep)

    def holds_anchor(self, keep: set[str] | None = None) -> bool:
        """Whether this element is, or holds, such a heading."""
        return self.is_anchor(keep) or any(c.holds_anchor(keep) for c in self.children)


def parse(html: str) -> Node:
    """The elements of an HTML fragment, with their offsets in it, under one root (tags found by a regex)."""
    root = Node("#root", "", 0, len(html))
    stack, pos, in_pre = [root], 0, 0
    open_tags = collections.Counter()
    while (m := TAG.search(html, pos)) is not None:
        if not in_pre:
            stack[-1].chars += len(html[pos:m.start()].strip())
        pos = m.end()
        if m[2] is None:                                    # a comment
            continue
        tag = m[2].lower()
        if not m[1]:                                        # a start tag
            node = Node(tag, m[3], m.start())
            stack[-1].children.append(node)
            if tag in VOID or m[3].endswith("/"):
                node.end = m.end()
            elif tag in RAW:                                # script, style: text up to its end tag
                close = re.compile(rf"</{tag}\s*>", re.I).search(html, pos)
                if close is None:
                    raise ValueError(f"<{tag}> at {_where(html, m.start())} is never closed")
                node.end = pos = close.end()
            else:
                stack.append(node)
                open_tags[tag] += 1
                in_pre += tag == "pre"
            continue
        if not open_tags[tag]:
            raise ValueError(f"</{tag}> at {_where(html, m.start())} closes no open element")
        while True:                                         # an end tag closes what it must
            node = stack.pop()
            open_tags[node.tag] -= 1
            node.end = m.end()
            if node.tag == "pre":
                node.lines = html.count("\n", node.start, node.end) + 1
                in_pre -= 1
            if node.tag == tag:
                break
    if len(stack) > 1:
        raise ValueError(f"<{stack[-1].tag}> at {_where(html, stack[-1].start)} is never closed")
    return root


def _where(html: str, offset: int) -> str:
    """``line L, column C`` of an offset."""
    return f"line {html.count(chr(10), 0, offset) + 1}, column {offset - html.rfind(chr(10), 0, offset) - 1}"


def _attrs(text: str) -> dict:
    """The attributes of a start tag's text."""
    return {m[1].lower(): htmllib.unescape(next((v for v in m.groups()[1:] if v is not None), ""))
            for m in ATTR.finditer(text)}


def _ex(length: str | None) -> float:
    """A MathJax length such as ``"2.262ex"`` in ex (0 when absent)."""
    m = re.match(r"(-?[\d.]+)ex$", length or "")
    return float(m[1]) if m else 0.0


def estimate_px(node: Node) -> float:
    """A rough height of one block, in CSS pixels at a desktop width (only the placeholder's)."""
    if node.tag == "pre":
        return 16 * node.lines + 36
    if node.tag == "mjx-container" and node.attrs.get("display") == "true":
        svg = next((c for c in node.children if c.tag == "svg"), None)
        return 7 * _ex(svg.attrs.get("height") if svg else None) + 26
    if node.tag == "img":
        return float(node.attrs.get("height") or 300) + 26
    if node.tag == "mjx-container" or node.tag in UNSEEN:
        return 0.0                # inline math: its line is counted by the text around it
    shown = node.children
    if node.tag == "details" and "open" not in node.attrs:
        shown = [c for c in shown if c.tag == "summary"]
    # the raw test first: most elements are never asked for their attributes
    if "tabbed-content" in node.raw and "tabbed-content" in (node.attrs.get("class") or "").split():
        shown = shown[:1]         # one tab is shown at a time
    own = 21 * math.ceil(node.chars / 95) + (13 if node.chars else 0)
    if node.tag == "tr":
        own = max(own, 32)
    return own + sum(estimate_px(c) for c in shown)


def wrap(html: str, fold_px: float = FOLD_PX, min_run_px: float = MIN_RUN_PX, chunk_px: float = CHUNK_PX,
         keep: set[str] | None = None) -> str:
    """``html`` with each run of blocks below ``fold_px`` between headings (those whose ids are in
    ``keep``, or all) in a ``bp-lazy`` div, and the figures above it loaded at once."""
    root = parse(html)
    edits = []                      # (start, end, text): html[start:end] becomes text
    seen = 0.0                      # estimated height above the current block

    def flush(run, height):
        if run and height >= min_run_px:
            edits.append((run[0].start, run[0].start, f'<div class="bp-lazy" style="--bp-h: {round(height)}px">'))
            edits.append((run[-1].end, run[-1].end, "</div>"))

    def visit(container):
        nonlocal seen
        run, height = [], 0.0
        for child in container.children:
            if child.holds_anchor(keep):
                flush(run, height)
                run, height = [], 0.0
                if child.is_anchor(keep):
                    seen += 40
                else:
                    visit(child)
                continue
            px = estimate_px(child)
            if seen < fold_px:
                seen += px
                edits.extend((m.start(1), m.end(1), "") for m in LAZY_IMG.finditer(html, child.start, child.end))
                continue
            if run and height + px > chunk_px:
                flush(run, height)
                run, height = [], 0.0
            run.append(child)
            height += px
        flush(run, height)

    visit(root)
    # from the end; where one run closes as the next opens, the close must come first
    for start, _, end, text in sorted(((s, i, e, t) for i, (s, e, t) in enumerate(edits)), reverse=True):
        html = html[:start] + text + html[end:]
    return html


def toc_ids(toc) -> set[str]:
    """The ids a page's table of contents links to."""
    return {i for item in toc for i in (item.id, *toc_ids(item.children))}


def on_post_page(output, page, config):
    m = ARTICLE.search(output)
    if m is None:
        raise PluginError(f"{page.file.src_uri}: no <article class=\"md-content__inner md-typeset\"> to wrap")
    try:
        content = wrap(m[2], keep=toc_ids(page.toc))
    except ValueError as e:
        raise PluginError(f"{page.file.src_uri}: its content is not well-formed HTML: {e}") from None
    return output[:m.start()] + m[1] + content + m[3] + SWITCH + output[m.end():]
