"""Math: every formula of the page is typeset, and none is left as TeX.

Formulas are typeset at build time into ``<mjx-container>`` SVG
(``sitebuild/hooks/math.py``). On the loaded page (``js/math.js``): no text node outside
code, scripts and formulas still holds TeX delimiters (``\\(``, ``\\)``, ``\\[``,
``\\]``, ``$$``, ``\\begin{``) or a ``$...$`` holding TeX (``\\ ^ _ { } =``), navigation
and table of contents included; no formula holds a MathJax error (``merror``); and the
content shows as many ``mjx-container`` as its source has formulas, counted with
pymdownx.arithmatex's own patterns outside code fences, code spans and comments
(admonition and tab titles included), in ``docs/<page>.md`` or in the markdown cells of
``docs/<page>.ipynb``. A page built from docstrings (a ``::: module`` line) counts them
in the built search index instead, written before the math hook typesets, so it still
holds each formula as ``\\(...\\)`` or ``\\[...\\]``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markdown_it import MarkdownIt
from pymdownx import arithmatex

from tests.browser.conftest import PAGES, from_docstrings, page_id
from tests.conftest import ROOT, hook
from tests.snippets.harness import expand_page_includes, flatten_containers

BLOCKS = [
    re.compile(p)
    for p in (
        arithmatex.RE_DOLLAR_BLOCK,
        arithmatex.RE_BRACKET_BLOCK,
        arithmatex.RE_TEX_BLOCK,
    )
]
INLINE = [
    re.compile(arithmatex.RE_SMART_DOLLAR_INLINE),
    re.compile(arithmatex.RE_BRACKET_INLINE),
]
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
CONTAINER_TITLE = re.compile(
    r'^ *(?:!!!|\?\?\?\+?|===\+?) *[^"\n]*?"(?P<title>[^"\n]*)"'
)


def strip_code(markdown: str) -> str:
    """``markdown`` without fences, code spans and comments; container titles kept."""
    lines = markdown.split("\n")
    titles = [m["title"] for m in map(CONTAINER_TITLE.match, lines) if m]
    text = flatten_containers(markdown)
    lines = text.split("\n") + [""] + titles
    for tok in MarkdownIt("commonmark").parse(text):
        if tok.type == "fence" and tok.map:
            for i in range(*tok.map):
                lines[i] = ""
    return CODE_SPAN.sub(" ", COMMENT.sub(" ", "\n".join(lines)))


MATH_FENCE = re.compile(r"^ *```math *$", re.M)
EXERCISES = hook("exercises")  # the build turns its markers into exercises


def count_formulas(markdown: str) -> int:
    """How many formulas arithmatex finds in ``markdown``, math fences included."""
    text, n = strip_code(markdown), len(MATH_FENCE.findall(markdown))
    for rx in BLOCKS:
        text, k = rx.subn(" ", text)
        n += k
    for rx in INLINE:
        n += sum(1 for m in rx.finditer(text) if m.group(2))
    return n


def notebook_markdown(path: Path) -> str:
    """The markdown cells of the notebook at ``path``, one after the other."""
    cells = json.loads(path.read_text("utf8")).get("cells", [])
    sources = [c["source"] for c in cells if c.get("cell_type") == "markdown"]
    return "\n\n".join(s if isinstance(s, str) else "".join(s) for s in sources)


def search_index_formulas(site: Path, page: str) -> int:
    """Formulas of ``page`` in the built search index: ``\\(..\\)``, ``\\[..\\]``."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf8"))
    n = 0
    for entry in index["docs"]:
        if entry["location"].split("#")[0] == page:
            text = entry.get("title", "") + "\n" + entry.get("text", "")
            n += len(re.findall(r"\\\((?:.|\n)+?\\\)", text))
            n += len(re.findall(r"\\\[(?:.|\n)+?\\\]", text))
    return n


def expected_formulas(site: Path, page: str) -> tuple[int, str]:
    """The number of formulas ``page`` must show, and where that number came from."""
    src = PAGES[page]
    if src is None:
        return 0, "a page without a source"
    if src.suffix == ".ipynb":
        where = f"the markdown cells of {src.relative_to(ROOT)}"
        return count_formulas(notebook_markdown(src)), where
    if from_docstrings(page):
        return search_index_formulas(site, page), "the built search index (docstrings)"
    text = expand_page_includes(src.read_text("utf8"), ROOT)  # the text's own page
    text = EXERCISES.expand(text, src.name)[0]  # with the exercises the build adds
    return count_formulas(text), str(src.relative_to(ROOT))


def test_math_is_typeset(page, desktop, site):
    """No raw TeX, no MathJax error, and as many formulas as the source has."""
    math = desktop.math
    problems = math["raw"] + math["errors"]
    expected, where = expected_formulas(site.root, page)
    if math["typeset"] != expected:
        typeset = math["typeset"]
        problems.append(f"{typeset} formulas typeset, but {where} has {expected}")
    assert not problems, f"{page_id(page)}: " + "\n".join(problems)
