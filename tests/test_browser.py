"""The site as a reader gets it: every page of the built site, loaded in a real headless Chromium.

The site is built once per session (strict, into a temporary folder), served on an ephemeral
127.0.0.1 port, and every page found in the built tree (each ``index.html``, and ``404.html``) is
loaded in Debian's ``/usr/bin/chromium`` driven by Playwright (never ``playwright install``;
``--no-sandbox`` only as root). One browser serves the session, two pages at a time; each page
gets a fresh context at desktop size (1280×800), then another at phone size (390×844). Every
finding is collected per page and check (the ``audit`` fixture), and each test below reports one
check for all pages at once, naming page, element and rule.

How each check works:

1. **Math** (``test_math_is_typeset``). Formulas are typeset at build time into
   ``<mjx-container>`` SVG (``docs/.hooks/math.py``). On the loaded page: no text node outside
   code, scripts and formulas still holds TeX delimiters (``\\(``, ``\\)``, ``\\[``, ``\\]``,
   ``$$``, ``\\begin{``) or a ``$...$`` holding TeX (``\\ ^ _ { } =``), anywhere in the body, the
   navigation and the table of contents included; no formula holds a MathJax error (``merror``);
   and the number of ``mjx-container`` in the page's content equals the number of formulas
   counted in its source, with pymdownx.arithmatex's own patterns (``$...$``, ``$$...$$``,
   ``\\(...\\)``, ``\\[...\\]``, ``\\begin{env}...\\end{env}``) outside code fences, code spans and
   comments, admonition and tab titles included: in ``docs/<page>.md``, or in the markdown cells of
   ``docs/<page>.ipynb``. A page built from docstrings (a ``::: module`` line: the API page) has
   formulas its Markdown does not hold: there the expected count comes from the built search
   index, written before the math hook typesets, so it still holds each formula as ``\\(...\\)``
   or ``\\[...\\]``. That count is independent of the typesetting but not of the build.
2. **Figures** (``test_figures_load``). Every ``<img>`` of the page has loaded (``complete`` and
   ``naturalWidth > 0``) and every figure shown (each ``img``, and each inline ``svg`` of the
   content that is not a formula or an icon) has a non-zero rendered size.
3. **No outside requests** (``test_no_outside_requests``, ``test_console_is_clean``). Every
   request of each browser context is recorded (``route`` and the ``request`` event); one whose
   host is not 127.0.0.1 is blocked and fails. A console message of type ``error``, or an uncaught
   page error, fails. Also (``test_internal_links_resolve``): every same-site link of the loaded
   page points to a built file and, where it has a ``#fragment``, to an id in that file.
4. **Copy** (``test_copy_buttons_copy_runnable_code``). Each code block's Material copy button
   (``content.code.copy``) is clicked, after opening its ``<details>`` or selecting its content
   tab and scrolling it into view as a reader would (Material mounts the button when the block is
   first seen, ``content.lazy``), and the clipboard read (clipboard permissions granted for the site's
   origin; one page copies at a time). On a Markdown page the rendered blocks pair one to one, in
   page order, with the source's fences (parsed by ``tests/snippet_harness.py``, ``--8<--``
   includes expanded), and the clipboard must equal the fence's text; on a page built from
   docstrings it must equal the block's visible text, and the block's ``language-*`` class gives
   its language. Copied Python blocks (not ``output``, not ``notest``, not other languages) run in
   a fresh ``python`` (this interpreter, bpdocs installed), with ``MPLBACKEND=Agg``, in a temporary
   folder, with a time limit, and must exit 0; a ``continuation`` block runs in the same process
   after the blocks it continues, in page order. Notebook cells have no Material copy button
   (mkdocs-jupyter renders ``<pre>`` without ``<code>``): check 6 runs the notebook instead.
5. **Search** (``test_search_finds_*``). The query is typed into Material's search box.
   "chain rule" must show ``chain-rule/`` among the first three pages of the results.
   "gradient check" must show ``gradient-checking/``, and link one of its parts whose text (in the
   built search index) speaks of gradient checks.
6. **Notebook** (``test_notebook_download``). Each notebook page must link its ``.ipynb``; the
   file served there must pass ``nbformat.validate``, and ``nbclient`` must execute it without
   error.
7. **Dark palette** (``test_dark_palette_keeps_figures_legible``). The header's palette toggle is
   clicked and the body must switch to ``data-md-color-scheme="slate"``. Each figure shown is then
   screenshotted *as rendered in the dark palette* and its pixels measured: the background is the
   figure's most common colour, and at least 0.2% of its pixels ("ink": lines, text) must have a
   WCAG contrast ratio of at least 4.5:1 against it. A transparent figure with dark text shows the
   dark page through it, so its text sits dark on dark (about 1.3:1) and fails; a figure on its
   own opaque card (``docs/stylesheets/extra.css``) keeps its contrast. This measures what the
   reader sees, whatever made it legible. The page's ``<meta name="color-scheme">`` must then say
   ``dark`` (and only that), and again after a reload, which must start in the saved dark palette
   (``docs/.hooks/palette.py`` adds that meta only when the scheme is not light).
8. **Accessibility** (``test_axe_finds_no_serious_violation``, ``test_figures_have_alt_text``).
   axe-core (``node_modules/axe-core/axe.min.js``, pinned in ``package.json``) is injected and run
   on the whole page in the light palette, and its colour-contrast rule again in the dark palette;
   any violation of impact ``serious`` or ``critical`` fails, named by rule and element. Every
   ``img`` needs a non-empty ``alt`` (nbconvert's placeholder "No description has been provided
   for this image" does not count), and every figure ``svg`` an accessible name.
9. **Mobile** (``test_mobile_has_no_horizontal_overflow``). On a 390×844 touch phone: the page is
   no wider than the screen (``scrollWidth`` and ``innerWidth`` at most 390 + 1: a mobile browser
   widens its layout viewport to fit wide content, so ``innerWidth`` alone would hide it); no
   element of the content sticks out of the screen unless it sits in a box that scrolls
   horizontally (``overflow-x`` auto or scroll); and no code block, formula or table is wider than
   its box unless that box scrolls.
   Also (``test_table_of_contents_entries_fit_their_panel``): with the drawer and its table of
   contents open on the phone, and in the sidebar on the desktop, no entry's text reaches past the
   right edge of its panel (the entries have no ellipsis: ``docs/.overrides/partials/toc-item.html``).
   Where the page has entries in the sidebar (desktop) or the drawer (phone), some must be laid
   out. (Material puts no table of contents in the drawer of a section's index page, such as
   ``api/``.)
10. **Budgets** (``test_cold_visit_within_transfer_and_layout_shift_budgets``). On the desktop
    visit, which is cold (a fresh context), everything transferred until the network is idle
    (compressed, as served; theme, search index and all) must be at most 300 KiB, and the
    cumulative layout shift at most 0.01 (``bpdocs.sitebench.BUDGETS``). The ready-time budget
    is measured by ``make bench``, not here: on a 2-core machine it moves too much between runs.
11. **Code blocks drawn late** (``test_code_blocks_drawn_late_keep_height_and_focus``). Code
    blocks off screen are drawn only when the reader nears them (``content-visibility: auto``).
    The page is scrolled through, at desktop and phone width; each block must then take exactly the
    height it held before it was drawn (nothing shifts), and, where the device can hover (Material
    gives focus only there), each that scrolls sideways must take keyboard focus
    (``tabindex="0"``). axe runs after this read-through.
    Also (``test_runs_of_blocks_drawn_late_are_drawn``): the runs of blocks between headings that
    ``docs/.hooks/sections.py`` wraps to be drawn late must be ``content-visibility: auto`` once the
    page has loaded, and each must be drawn when the read-through brings it into view; a third
    visit, with scripts off, finds every run ``auto`` too (the hook's ``<noscript>`` style).
12. **Screenshots** (``test_screenshots_written``). A full-page screenshot of each page at
    desktop and at phone width goes to ``screenshots/desktop/`` and ``screenshots/mobile/``
    (git ignores ``screenshots/``), named after the page, for a person to look at.

Byte-identical builds are checked in ``tests/test_site.py``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html as htmllib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt
from playwright.async_api import Error as PlaywrightError
from pymdownx import arithmatex

from bpdocs import sitebench
from tests.snippet_harness import PYTHON, PageParser, flatten_containers
from tests.test_site import build

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHROMIUM = sitebench.CHROMIUM
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
SNIPPET_TIMEOUT = 120      # seconds for one copied block (and what it continues) to run
NOTEBOOK_TIMEOUT = 300     # seconds for the downloaded notebook to execute
ALT_PLACEHOLDER = "No description has been provided for this image"
PARALLEL_PAGES = 2         # pages in flight at once, in the one browser (the machine has 2 cores)
SEARCHES = ("chain rule", "gradient check")


# ---------------------------------------------------------------------------------------------
# Counting the formulas of a page's source
# ---------------------------------------------------------------------------------------------

_BLOCKS = [re.compile(p) for p in (arithmatex.RE_DOLLAR_BLOCK, arithmatex.RE_BRACKET_BLOCK,
                                   arithmatex.RE_TEX_BLOCK)]
_INLINE = [re.compile(arithmatex.RE_SMART_DOLLAR_INLINE), re.compile(arithmatex.RE_BRACKET_INLINE)]
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


_CONTAINER_TITLE = re.compile(r'^ *(?:!!!|\?\?\?\+?|===\+?) *[^"\n]*?"(?P<title>[^"\n]*)"')


def strip_code(markdown: str) -> str:
    """``markdown`` with fenced code (admonitions and tabs too), code spans and comments blanked.

    The titles of admonitions and content tabs are kept (appended): they are Markdown too.
    """
    titles = [m["title"] for m in map(_CONTAINER_TITLE.match, markdown.split("\n")) if m]
    text = flatten_containers(markdown)
    lines = text.split("\n") + [""] + titles
    for tok in MarkdownIt("commonmark").parse(text):
        if tok.type == "fence" and tok.map:
            for i in range(tok.map[0], tok.map[1]):
                lines[i] = ""
    text = "\n".join(lines)
    text = _COMMENT.sub(" ", text)
    return _CODE_SPAN.sub(" ", text)


def count_formulas(markdown: str) -> int:
    """How many formulas pymdownx.arithmatex finds in ``markdown``, code left out."""
    text, n = strip_code(markdown), 0
    for rx in _BLOCKS:
        text, k = rx.subn(" ", text)
        n += k
    for rx in _INLINE:
        n += sum(1 for m in rx.finditer(text) if m.group(2))
    return n


def source_of(page: str) -> Path | None:
    """The docs/ source of a built page (``chain-rule/index.html`` -> ``docs/chain-rule.md``)."""
    if page == "404.html":
        return None
    stem = page[:-len("index.html")].rstrip("/")
    candidates = [DOCS / "index.md", DOCS / "README.md"] if not stem else [
        DOCS / f"{stem}.md", DOCS / stem / "index.md", DOCS / stem / "README.md", DOCS / f"{stem}.ipynb"]
    return next((c for c in candidates if c.is_file()), None)


def notebook_markdown(path: Path) -> str:
    nb = json.loads(path.read_text("utf8"))
    return "\n\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                       for c in nb.get("cells", []) if c.get("cell_type") == "markdown")


def search_index_formulas(site: Path, page: str) -> int:
    """Formulas of ``page`` as the search index holds them: ``\\(..\\)`` and ``\\[..\\]``, untypeset."""
    loc = "" if page == "index.html" else page[:-len("index.html")]
    docs = json.loads((site / "search" / "search_index.json").read_text("utf8"))["docs"]
    n = 0
    for entry in docs:
        if entry["location"].split("#")[0] == loc:
            text = entry.get("title", "") + "\n" + entry.get("text", "")
            n += len(re.findall(r"\\\((?:.|\n)+?\\\)", text)) + len(re.findall(r"\\\[(?:.|\n)+?\\\]", text))
    return n


def expected_formulas(site: Path, page: str) -> tuple[int, str]:
    """The number of formulas ``page`` must show, and where that number came from."""
    src = source_of(page)
    if src is None:
        return 0, "no source page"
    if src.suffix == ".ipynb":
        return count_formulas(notebook_markdown(src)), f"markdown cells of {src.relative_to(ROOT)}"
    text = src.read_text("utf8")
    if re.search(r"^\s*::: ", text, re.M):   # mkdocstrings: formulas come from docstrings
        return search_index_formulas(site, page), "the built search index (docstrings)"
    return count_formulas(text), str(src.relative_to(ROOT))


# ---------------------------------------------------------------------------------------------
# Session fixtures: the build, the server, the browser
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("browser-site")
    proc = build(dest)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


def built_pages(site: Path) -> list[str]:
    """Every page of the built tree (``bpdocs.sitebench.pages``, as files), and ``404.html``."""
    pages = [url + "index.html" for url in sitebench.pages(site)]
    if (site / "404.html").is_file():
        pages.append("404.html")
    return pages


@pytest.fixture(scope="session")
def server(site):
    """``site`` served on an ephemeral 127.0.0.1 port, gzip-compressed as a static host serves it
    (``bpdocs.sitebench.serve``, which ``make bench`` uses too); yields the base URL."""
    with sitebench.serve(site) as base:
        yield base


def slug(page: str) -> str:
    name = page[:-len("index.html")].strip("/") if page.endswith("index.html") else page[:-5]
    return name.replace("/", "__") or "index"


def url_of(base: str, page: str) -> str:
    return base + (page[:-len("index.html")] if page.endswith("index.html") else page)


# ---------------------------------------------------------------------------------------------
# What the browser does on each page
# ---------------------------------------------------------------------------------------------

# Material's scripts have run: its copy buttons are in place (or the page has no code block)
# Material has run: its bundle swaps the html's no-js class for js, and every code block in view
# has its copy button (a block is given one when first seen: content.lazy).
MATERIAL_READY = """() => document.readyState === 'complete' && document.documentElement.classList.contains('js')
  && [...document.querySelectorAll('.md-content pre > code')].every((c) => {
    const r = c.getBoundingClientRect();
    return r.height === 0 || r.bottom < 0 || r.top > innerHeight || !!c.parentElement.querySelector('button');
  })"""

JS_DESCRIBE = """
window.__describe = (el) => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let s = e.tagName.toLowerCase();
    if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
    const cls = [...e.classList].slice(0, 2).join('.');
    if (cls) s += '.' + cls;
    parts.unshift(s);
  }
  return parts.join(' > ');
};
"""

JS_MATH = r"""
() => {
  const skip = 'code, pre, script, style, textarea, mjx-container, .md-search-result';
  const raw = /\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|(?<![\w\\$])\$(?=\S)[^$\n]{0,200}?[\\^_{}=][^$\n]*?(?<=\S)\$/;
  const rawHits = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest(skip)) continue;
    const m = n.nodeValue.match(raw);
    if (m) {
      const t = n.nodeValue.trim().replace(/\s+/g, ' ');
      rawHits.push(`raw TeX ${JSON.stringify(t.slice(0, 100))} in ${__describe(el)}`);
    }
  }
  const content = document.querySelector('.md-content') || document.body;
  const errors = [...document.querySelectorAll(
      'mjx-container [data-mml-node="merror"], mjx-merror, mjx-container merror')]
    .map(e => `MathJax error in ${__describe(e.closest('mjx-container') || e)}: ` +
               JSON.stringify((e.closest('mjx-container')?.getAttribute('data-tex') || '').slice(0, 80)));
  return {raw: rawHits, errors, typeset: content.querySelectorAll('mjx-container').length};
}
"""

JS_FIGURES = r"""
async () => {
  const ICON = 'mjx-container, .twemoji, .md-icon, .md-code__nav, button, .md-header, .md-footer, .md-nav, .md-source, .md-button, .headerlink';
  const imgs = [...document.querySelectorAll('img')];
  for (const img of imgs) img.loading = 'eager';
  await Promise.all(imgs.map(img => img.complete ? null :
    Promise.race([new Promise(r => { img.addEventListener('load', r); img.addEventListener('error', r); }),
                  new Promise(r => setTimeout(r, 10000))])));
  const shown = (el) => el.getClientRects().length > 0 && !el.closest('details:not([open]), [hidden]');
  const out = [];
  const svgs = [...document.querySelectorAll('.md-content svg')]
    .filter(s => !s.closest(ICON) && !(s.parentElement && s.parentElement.closest('.md-content svg')));
  for (const el of [...imgs, ...svgs]) {
    const r = el.getBoundingClientRect();
    const isImg = el.tagName === 'IMG';
    let name = '';
    if (isImg) name = el.getAttribute('alt') || '';
    else name = el.getAttribute('aria-label') ||
      (el.getAttribute('aria-labelledby') || '').split(/\s+/).map(id => document.getElementById(id)?.textContent || '').join(' ') ||
      el.querySelector(':scope > title')?.textContent || '';
    out.push({
      what: __describe(el) + (isImg ? ` src=${JSON.stringify(el.getAttribute('src').slice(0, 80))}` : ''),
      img: isImg, inContent: !!el.closest('.md-content'),
      loaded: isImg ? (el.complete && el.naturalWidth > 0) : true,
      width: r.width, height: r.height, shown: shown(el),
      decorative: el.getAttribute('aria-hidden') === 'true' || el.getAttribute('role') === 'presentation',
      name: name.trim(),
      id: out.length,
    });
    el.setAttribute('data-bpdocs-figure', String(out.length - 1));
  }
  return out;
}
"""

JS_REVEAL = r"""
(pre) => {
  // what a reader does to see a block: open its <details>, select its content tab
  for (let el = pre; el; el = el.parentElement) {
    if (el.tagName === 'DETAILS' && !el.open) el.open = true;
    if (el.classList && el.classList.contains('tabbed-block')) {
      const set = el.closest('.tabbed-set');
      const blocks = [...el.parentElement.children];
      const inputs = [...set.querySelectorAll(':scope > input')];
      const input = inputs[blocks.indexOf(el)];
      if (input && !input.checked) { input.checked = true; input.dispatchEvent(new Event('change', {bubbles: true})); }
    }
  }
  pre.scrollIntoView({block: 'center'});
}
"""

JS_LINKS = r"""
() => [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, raw: a.getAttribute('href'), where: __describe(a)}))
"""

JS_TOC = r"""
(shown) => {
  // every entry of every table of contents that is laid out: its text's right edge against its
  // panel's; the copy inside `shown` (the sidebar on a desktop, the drawer on a phone) must be
  // laid out, or nothing would be checked
  const problems = [], entries = document.querySelectorAll('[data-md-component=toc] .md-nav__link');
  const expected = document.querySelectorAll(`${shown} [data-md-component=toc] .md-nav__link`).length;
  let measured = 0;
  for (const a of entries) {
    const panel = a.closest('.md-nav--secondary');
    const range = document.createRange();
    range.selectNodeContents(a);
    const r = range.getBoundingClientRect(), b = panel.getBoundingClientRect();
    if (r.width === 0 || b.width === 0) continue;
    measured++;
    if (r.right > b.right + 1)
      problems.push(`table of contents entry "${a.textContent.trim()}" ends ${Math.round(r.right - b.left)}px into its ${Math.round(b.width)}px panel`);
  }
  if (expected && !measured)
    problems.push(`none of the ${expected} table of contents entries in ${shown} is laid out, so none was checked`);
  return problems;
}
"""

OPEN_DRAWER_TOC = "for (const id of ['__drawer', '__toc']) { const c = document.getElementById(id); if (c) c.checked = true; }"

JS_MOBILE = r"""
(vw) => {
  // vw is the phone's width: a mobile browser widens its layout viewport (innerWidth) to fit
  // content that is too wide, and zooms out, so innerWidth itself would hide an overflow
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const scroller = (el) => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return a; return null; };
  const problems = [];
  const doc = document.scrollingElement.scrollWidth;
  if (doc > vw + 1 || window.innerWidth > vw + 1)
    problems.push(`the document is ${Math.max(doc, window.innerWidth)}px wide on a ${vw}px screen`);
  const content = document.querySelector('.md-content');
  if (!content) return problems;
  const out = new Set();
  for (const el of content.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= vw + 1 && r.left >= -1) continue;
    if (scroller(el)) continue;
    if (out.has(el.parentElement)) { out.add(el); continue; }
    out.add(el);
    problems.push(`${__describe(el)} sticks out of the viewport (left ${Math.round(r.left)}, right ${Math.round(r.right)}, viewport ${vw})`);
  }
  for (const el of content.querySelectorAll('pre, pre > code, mjx-container, table, .md-typeset__table, .highlight, .jp-OutputArea-output')) {
    if (el.scrollWidth > el.clientWidth + 1 && !scrolls(el) && !scroller(el))
      problems.push(`${__describe(el)} is ${el.scrollWidth}px wide in a ${el.clientWidth}px box that does not scroll (overflow-x: ${getComputedStyle(el).overflowX})`);
  }
  return problems.map(String);
}
"""


def contrast(l1: float, l2: float) -> float:
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def legibility(png: bytes) -> tuple[float, float, float]:
    """(background luminance, share of pixels with >= 4.5:1 contrast to it, best contrast)."""
    from PIL import Image
    img = Image.open(BytesIO(png)).convert("RGB")
    if img.width * img.height > 400_000:       # measure a smaller copy of a big figure
        scale = (400_000 / (img.width * img.height)) ** 0.5
        img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))), Image.NEAREST)
    lut = [((c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4) for c in range(256)]
    colours = img.getcolors(maxcolors=1 << 24)
    bg = max(colours)[1]
    lum = lambda rgb: 0.2126 * lut[rgb[0]] + 0.7152 * lut[rgb[1]] + 0.0722 * lut[rgb[2]]
    lb = lum(bg)
    total = sum(n for n, _ in colours)
    ink = sum(n for n, rgb in colours if contrast(lum(rgb), lb) >= 4.5)
    best = max(contrast(lum(rgb), lb) for _, rgb in colours)
    return lb, ink / total, best


@dataclass
class PageReport:
    page: str
    url: str
    problems: dict = field(default_factory=lambda: defaultdict(list))
    notes: list = field(default_factory=list)
    notebook_links: list = field(default_factory=list)
    runs: list = field(default_factory=list)      # (description, future)
    timing: dict = field(default_factory=dict)    # phase -> seconds

    def lap(self, phase: str, since: float) -> float:
        now = time.monotonic()
        self.timing[phase] = round(now - since, 2)
        return now

    def add(self, check: str, message: str):
        self.problems[check].append(message)


@dataclass
class Audit:
    site: Path
    base: str
    pages: list
    reports: dict
    searches: dict      # query -> result links, or what went wrong
    seconds: float


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").rstrip().split("\n"))


def _fences(src: Path):
    if src is None or src.suffix != ".md":
        return None
    return PageParser(ROOT).fences(src.read_text("utf8"))


def run_python(code: str) -> subprocess.CompletedProcess | str:
    """Run ``code`` in a fresh Python, as a reader pasting it would; a timeout returns a message."""
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory(prefix="bpdocs-copy-") as cwd:
        try:
            return subprocess.run([sys.executable, "-"], input=code, text=True, capture_output=True,
                                  cwd=cwd, env=env, timeout=SNIPPET_TIMEOUT)
        except subprocess.TimeoutExpired:
            return f"did not finish within {SNIPPET_TIMEOUT} s"


def outside(url: str) -> bool:
    """Whether ``url`` asks anything of a host other than the local server."""
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.hostname != "127.0.0.1"


async def _new_context(browser, base: str, report: PageReport, label: str, **kwargs):
    """A fresh context that records every request and blocks any not to the local server."""
    ctx = await browser.new_context(**kwargs)
    seen = set()

    def record(url: str, kind: str):
        if url not in seen:
            seen.add(url)
            report.add("requests", f"[{label}] {kind} request to {url[:160]}")

    async def route(r):
        if outside(r.request.url):
            record(r.request.url, r.request.resource_type)
            await r.abort()
        else:
            await r.continue_()

    await ctx.route("**/*", route)
    ctx.on("request", lambda req: record(req.url, req.resource_type) if outside(req.url) else None)
    await ctx.add_init_script(JS_DESCRIBE)
    ctx.set_default_timeout(15_000)
    return ctx


def _watch_console(page, report: PageReport, label: str):
    def on_console(msg):
        if msg.type == "error":
            loc = msg.location or {}
            report.add("console", f"[{label}] console error: {msg.text[:300]} "
                                  f"({loc.get('url', '')}:{loc.get('lineNumber', '')})")
    page.on("console", on_console)
    page.on("pageerror", lambda err: report.add("console", f"[{label}] uncaught error: {str(err)[:300]}"))
    page.on("websocket", lambda ws: report.add("requests", f"[{label}] websocket to {ws.url[:160]}")
            if outside(ws.url) else None)


class _Files:
    """Ids of built HTML files, to check link fragments."""

    def __init__(self, site: Path):
        self.site = site
        self.ids: dict[Path, set] = {}

    def resolve(self, path: str) -> Path | None:
        rel = unquote(path).lstrip("/")
        target = self.site / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            return target
        if (target / "index.html").is_file():
            return target / "index.html"
        return None

    def has_id(self, target: Path, frag: str) -> bool:
        if target not in self.ids:
            text = target.read_text("utf8", errors="replace") if target.suffix == ".html" else ""
            self.ids[target] = {htmllib.unescape(m) for m in re.findall(r'\b(?:id|name)="([^"]+)"', text)}
        return unquote(frag) in self.ids[target]


async def check_links(page, report: PageReport, base: str, files: _Files):
    for link in await page.evaluate(JS_LINKS):
        parts = urlsplit(link["href"])
        if parts.scheme not in ("http", "https") or not link["href"].startswith(base):
            continue
        path = parts.path
        target = files.resolve(path)
        if target is None:
            report.add("links", f"{link['where']} links to {link['raw']!r}, which the site does not have")
        elif parts.fragment and not files.has_id(target, parts.fragment):
            report.add("links", f"{link['where']} links to {link['raw']!r}: no id {parts.fragment!r} there")
        if path.endswith(".ipynb"):
            report.notebook_links.append(link["href"])


async def check_math(page, report: PageReport, site: Path):
    result = await page.evaluate(JS_MATH)
    for msg in result["raw"] + result["errors"]:
        report.add("math", msg)
    expected, where = expected_formulas(site, report.page)
    if result["typeset"] != expected:
        report.add("math", f"{result['typeset']} formulas typeset in the content, but {where} has {expected}")


async def check_figures(page, report: PageReport) -> list:
    figures = await page.evaluate(JS_FIGURES)
    for fig in figures:
        if not fig["loaded"]:
            report.add("figures", f"{fig['what']} did not load")
        if fig["shown"] and (fig["width"] <= 0 or fig["height"] <= 0):
            report.add("figures", f"{fig['what']} has no size ({fig['width']}×{fig['height']})")
        if fig["inContent"] or fig["img"]:
            if fig["decorative"] and not fig["img"]:
                continue
            if not fig["name"] or fig["name"] == ALT_PLACEHOLDER:
                report.add("alt", f"{fig['what']} has no alt text" +
                           (f" (only nbconvert's placeholder {ALT_PLACEHOLDER!r})" if fig["name"] else ""))
    return figures


async def check_budgets(page, report: PageReport, finished: list):
    """The reader budgets that hold in every run: what a cold visit transfers, and layout shift."""
    sizes = [await r.sizes() for r in finished]
    kib = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024
    cls = await page.evaluate("window.__cls")
    if kib > sitebench.BUDGETS["kib"]:
        report.add("budget", f"a cold visit transferred {kib:.0f} KiB (budget {sitebench.BUDGETS['kib']:.0f})")
    if cls > sitebench.BUDGETS["cls"]:
        report.add("budget", f"the layout shifted by {cls:.3f} while loading (budget {sitebench.BUDGETS['cls']})")
    report.notes.append(f"cold visit: {kib:.0f} KiB, CLS {cls:.3f}")


JS_READ_THROUGH = r"""
async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const codes = [...document.querySelectorAll('pre > code')];
  const before = codes.map(c => c.getBoundingClientRect().height);
  const problems = [];
  // runs of blocks drawn late (docs/.hooks/sections.py): `auto` once loaded, drawn when in view
  const runs = [...document.querySelectorAll('.bp-lazy')];
  const runName = (r, i) => `run #${i} of blocks (from ${__describe(r.firstElementChild || r)})`;
  runs.forEach((r, i) => {
    const cv = getComputedStyle(r).contentVisibility;
    if (cv !== 'auto') problems.push(`${runName(r, i)} is content-visibility: ${cv} after load, not auto`);
  });
  const drawn = new Set();
  for (let y = 0; y < document.scrollingElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
    runs.forEach((r, i) => {
      const b = r.getBoundingClientRect();
      if (b.bottom > 0 && b.top < innerHeight && r.firstElementChild
          && r.firstElementChild.checkVisibility({contentVisibilityAuto: true})) drawn.add(i);
    });
  }
  await frame();
  runs.forEach((r, i) => { if (!drawn.has(i)) problems.push(`${runName(r, i)} was scrolled through but never drawn`); });
  codes.forEach((c, i) => {
    const what = `code block #${c.closest('pre').id || i}`;
    const h = c.getBoundingClientRect().height;
    if (Math.abs(h - before[i]) > 1)
      problems.push(`${what} held ${before[i].toFixed(1)}px before it was drawn and takes ${h.toFixed(1)}px: the page shifts`);
    if (matchMedia('(hover)').matches && c.scrollWidth > c.clientWidth + 1 && c.getAttribute('tabindex') !== '0')
      problems.push(`${what} scrolls sideways (${c.scrollWidth}px in ${c.clientWidth}px) but takes no keyboard focus`);
  });
  window.scrollTo(0, 0);
  await frame();
  return problems;
}
"""


async def check_read_through(page, report: PageReport, where: str = "desktop"):
    """Scroll the page through as a reader does; code blocks drawn late keep their height and focus."""
    for problem in await page.evaluate(JS_READ_THROUGH):
        report.add("runs" if problem.startswith("run #") else "code", f"[{where}] {problem}")


JS_RUNS_WITHOUT_SCRIPT = """() => [...document.querySelectorAll('.bp-lazy')]
  .map((r) => getComputedStyle(r).contentVisibility)
  .flatMap((cv, i) => cv === 'auto' ? [] : [`with scripts off, run #${i} of blocks is content-visibility: ${cv}, not auto`])"""


async def check_without_script(browser, base: str, url: str, report: PageReport):
    """With scripts off, the runs of blocks drawn late are still drawn (the hook's <noscript> style)."""
    ctx = await _new_context(browser, base, report, "no script", viewport=DESKTOP, java_script_enabled=False)
    try:
        page = await ctx.new_page()
        await page.goto(url, wait_until="load")
        for problem in await page.evaluate(JS_RUNS_WITHOUT_SCRIPT):
            report.add("runs", problem)
    finally:
        await ctx.close()


async def check_axe(page, report: PageReport, palette: str, only: list | None = None):
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    result = await page.evaluate("(o) => axe.run(document, o)", options)
    for v in result["violations"]:
        if v.get("impact") not in ("serious", "critical"):
            if v.get("impact"):
                report.notes.append(f"axe ({palette}) {v['impact']}: {v['id']} ({len(v['nodes'])} elements)")
            continue
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
        more = f" and {len(v['nodes']) - 4} more" if len(v["nodes"]) > 4 else ""
        detail = ""
        if v["nodes"] and v["nodes"][0].get("failureSummary"):
            detail = " — " + v["nodes"][0]["failureSummary"].replace("\n", " ")[:200]
        report.add("axe", f"[{palette}] {v['impact']} {v['id']}: {v['help']} — at {targets}{more}{detail}")


JS_BLOCKS = r"""
() => {
  // every code block of the content, outermost .highlight only, in page order
  const all = [...document.querySelectorAll('.md-content div.highlight')]
    .filter(d => !d.parentElement.closest('div.highlight'));
  return all.map((d, i) => {
    d.setAttribute('data-bpdocs-block', String(i));
    const pre = d.querySelector('pre:has(> code)') || d.querySelector('pre');
    const code = pre && pre.querySelector(':scope > code');
    const lang = ([...d.classList].find(c => c.startsWith('language-')) || '').slice('language-'.length);
    return {
      index: i, lang, notebook: d.classList.contains('highlight-ipynb'),
      text: code ? code.textContent : (pre ? pre.textContent : ''),
      title: d.querySelector('.filename')?.textContent || null,
      where: __describe(d),
    };
  });
}
"""

SENTINEL = "\u0000nothing copied"


NO_BUTTON = "\u0000no copy button"


async def _copy(page, block_index: int) -> str | None:
    """Click the copy button of block ``block_index`` as a reader would; return the clipboard.

    The reader first brings the block into view: Material mounts a block's copy button when the
    block is first seen (``content.lazy``). ``NO_BUTTON`` if none appears within 2 s.
    """
    block = page.locator(f"[data-bpdocs-block='{block_index}']")
    await block.evaluate(JS_REVEAL)
    button = block.locator("button[data-md-type='copy'], button.md-clipboard").first
    try:
        await button.wait_for(state="visible", timeout=2000)
    except PlaywrightError:          # playwright's TimeoutError derives from it
        return NO_BUTTON
    await page.evaluate("(s) => navigator.clipboard.writeText(s)", SENTINEL)
    await button.click()
    for _ in range(40):
        copied = await page.evaluate("navigator.clipboard.readText()")
        if copied != SENTINEL:
            return copied
        await asyncio.sleep(0.05)
    return None


async def check_copy(page, report: PageReport, pool, clipboard: asyncio.Lock):
    """Click every copy button, compare the clipboard with the source, queue the Python runs.

    On a Markdown page the rendered blocks pair one to one with the source's fences, which say
    each block's language, options (``continuation``, ``notest``) and title. Elsewhere (a page
    built from docstrings) the block's ``language-*`` class says its language, and each Python
    block runs on its own. The browser has one clipboard, so one page copies at a time.
    """
    blocks = await page.evaluate(JS_BLOCKS)
    src = source_of(report.page)
    fences = _fences(src)
    if fences is not None and re.search(r"^\s*::: ", src.read_text("utf8"), re.M):
        fences = None          # mkdocstrings blocks come from docstrings, not from the Markdown
    md = [b for b in blocks if not b["notebook"]]
    nb = [b for b in blocks if b["notebook"]]
    if nb:
        report.notes.append(f"{len(nb)} notebook cells have no copy button (mkdocs-jupyter renders <pre> "
                            f"without <code>); the notebook is checked by downloading and executing it")
    if fences is not None and len(md) != len(fences):
        report.add("copy", f"the page shows {len(md)} code blocks but {src.relative_to(ROOT)} has "
                           f"{len(fences)} fences; cannot pair them")
        fences = None
    copied_blocks = []
    for k, b in enumerate(md):
        fence = fences[k] if fences is not None else None
        lang = fence.lang if fence else b["lang"]
        options = fence.options if fence else set()
        title = fence.title if fence else b["title"]
        where = (f"block {k + 1}" + (f" (line {fence.line - 1}" if fence else f" ({b['where']}")
                 + f", {lang or 'no language'}" + (f", title {title!r}" if title else "") + ")")
        async with clipboard:
            copied = await _copy(page, b["index"])
        if copied == NO_BUTTON:
            report.add("copy", f"{where} has no copy button, 2 s after it was brought into view")
            continue
        if copied is None:
            report.add("copy", f"{where}: its copy button put nothing on the clipboard")
            continue
        expected = fence.content if fence else b["text"]
        if _norm(copied) != _norm(expected):
            report.add("copy", f"{where}: the clipboard differs from the block "
                               f"({len(_norm(copied))} characters copied, {len(_norm(expected))} expected): "
                               f"{_norm(copied)[:80]!r} vs {_norm(expected)[:80]!r}")
        copied_blocks.append((where, lang, options, copied))
    groups: list[list[tuple]] = []
    for where, lang, options, copied in copied_blocks:
        if lang not in PYTHON or "notest" in options:
            continue
        if "continuation" in options and groups:
            groups[-1].append((where, copied))
        else:
            groups.append([(where, copied)])
    for group in groups:
        code = "\n\n".join(copied for _, copied in group)
        desc = group[-1][0] + (f", after the {len(group) - 1} block(s) it continues" if len(group) > 1 else "")
        report.runs.append((desc, pool.submit(run_python, code)))


JS_COLOR_SCHEME_METAS = "[...document.querySelectorAll('meta[name=color-scheme]')].map((m) => m.content)"


async def check_dark(page, report: PageReport, figures: list) -> bool:
    toggles = page.locator("form[data-md-component='palette'] label:not([hidden])")
    if await toggles.count() == 0:
        report.add("dark", "no palette toggle in the header")
        return False
    await page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    await toggles.first.click()
    try:
        await page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'",
                                     timeout=5000)
    except Exception:
        scheme = await page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        report.add("dark", f"the palette toggle did not switch to the dark scheme (data-md-color-scheme={scheme!r})")
        return False
    # docs/.hooks/palette.py adds the color-scheme meta only when the scheme is not light
    metas = await page.evaluate(JS_COLOR_SCHEME_METAS)
    if metas != ["dark"]:
        report.add("dark", f"after the toggle to the dark palette the page's color-scheme metas are {metas}, not ['dark']")
    for fig in figures:
        if not fig["inContent"] or not fig["shown"] or fig["width"] < 8 or fig["height"] < 8:
            continue
        el = page.locator(f"[data-bpdocs-figure='{fig['id']}']")
        try:
            png = await el.screenshot(animations="disabled")
        except Exception as err:
            report.add("dark", f"{fig['what']}: could not screenshot it in the dark palette ({err})")
            continue
        lb, ink, best = legibility(png)
        if ink < 0.002:
            report.add("dark", f"{fig['what']} is not legible in the dark palette: its background "
                               f"(luminance {lb:.2f}) has {ink:.2%} of pixels at 4.5:1 contrast or more "
                               f"(best {best:.1f}:1)")
    # the saved choice: reloaded, the page starts dark, its color-scheme meta says so
    await page.reload(wait_until="load")
    await page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    await page.wait_for_function(MATERIAL_READY)
    scheme = await page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    metas = await page.evaluate(JS_COLOR_SCHEME_METAS)
    if scheme != "slate" or metas != ["dark"]:
        report.add("dark", f"reloaded after the toggle, the page has scheme {scheme!r} and color-scheme metas "
                           f"{metas}, not 'slate' and ['dark']")
    return True


async def visit(browser, base: str, site: Path, page_name: str, files: _Files, pool,
                clipboard: asyncio.Lock) -> PageReport:
    url = url_of(base, page_name)
    report = PageReport(page_name, url)
    t = time.monotonic()
    # desktop, light palette
    ctx = await _new_context(browser, base, report, "desktop", viewport=DESKTOP, color_scheme="light")
    try:
        await ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        await ctx.add_init_script(sitebench.CLS_OBSERVER)
        page = await ctx.new_page()
        _watch_console(page, report, "desktop")
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        await page.goto(url, wait_until="load")
        await page.wait_for_load_state("networkidle")
        await check_budgets(page, report, list(finished))
        await page.wait_for_function(MATERIAL_READY)
        t = report.lap("load", t)
        await check_links(page, report, base, files)
        for problem in await page.evaluate(JS_TOC, ".md-sidebar--secondary"):
            report.add("toc", f"desktop: {problem}")
        await check_math(page, report, site)
        figures = await check_figures(page, report)
        t = report.lap("dom checks", t)
        await page.screenshot(path=str(SHOTS / "desktop" / f"{slug(page_name)}.png"), full_page=True)
        t = report.lap("screenshot", t)
        await check_read_through(page, report)
        t = report.lap("read through", t)
        await check_axe(page, report, "light palette")
        t = report.lap("axe", t)
        await check_copy(page, report, pool, clipboard)
        t = report.lap("copy", t)
        await page.evaluate("window.scrollTo(0, 0)")
        if await check_dark(page, report, figures):
            t = report.lap("dark", t)
            await check_axe(page, report, "dark palette", only=["color-contrast"])
            t = report.lap("axe dark", t)
    except Exception as err:
        report.add("load", f"desktop visit failed: {type(err).__name__}: {str(err)[:400]}")
    finally:
        await ctx.close()
    # phone
    ctx = await _new_context(browser, base, report, "phone", viewport=MOBILE, is_mobile=True, has_touch=True,
                             device_scale_factor=1, color_scheme="light")
    try:
        page = await ctx.new_page()
        _watch_console(page, report, "phone")
        await page.goto(url, wait_until="load")
        await page.wait_for_function(MATERIAL_READY)
        for problem in await page.evaluate(JS_MOBILE, MOBILE["width"]):
            report.add("mobile", problem)
        await page.screenshot(path=str(SHOTS / "mobile" / f"{slug(page_name)}.png"), full_page=True)
        await check_read_through(page, report, "phone")
        await page.evaluate(OPEN_DRAWER_TOC)
        for problem in await page.evaluate(JS_TOC, ".md-nav--primary"):
            report.add("toc", f"phone: {problem}")
        t = report.lap("mobile", t)
    except Exception as err:
        report.add("load", f"mobile visit failed: {type(err).__name__}: {str(err)[:400]}")
    finally:
        await ctx.close()
    try:
        await check_without_script(browser, base, url, report)
    except Exception as err:
        report.add("load", f"visit without scripts failed: {type(err).__name__}: {str(err)[:400]}")
    return report


async def search(browser, base: str, query: str) -> list[str] | str:
    """The links of Material's search results for ``query``, as site paths with their #section,
    in the order shown (each page group's own link first, then its sections); or what went wrong."""
    report = PageReport("search", base)
    ctx = await _new_context(browser, base, report, "search", viewport=DESKTOP)
    try:
        page = await ctx.new_page()
        await page.goto(base, wait_until="load")
        await page.wait_for_function(MATERIAL_READY)
        box = page.locator("input.md-search__input")
        if await box.is_visible():
            await box.click()
        else:                   # a narrow screen shows a search button instead of the box
            await page.locator("label[for='__search']").first.click()
        await box.press_sequentially(query, delay=20)
        await page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && /match/i.test(m.textContent); }", timeout=15_000)
        await page.wait_for_timeout(300)
        hrefs = await page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                                "els => els.map(a => a.href)")
    except Exception as err:
        return f"searching {query!r} failed: {type(err).__name__}: {str(err)[:400]}"
    finally:
        await ctx.close()
    if report.problems["requests"]:
        return f"searching {query!r} asked outside hosts: {report.problems['requests']}"
    root = urlsplit(base).path
    out = []
    for h in hrefs:
        parts = urlsplit(h)
        out.append(parts.path[len(root):] + (f"#{parts.fragment}" if parts.fragment else ""))
    return out


async def run_browser(site: Path, base: str, pages: list[str], pool) -> tuple[dict, dict]:
    """One browser for the session: every page (two at a time), then the searches."""
    from playwright.async_api import async_playwright
    files = _Files(site)
    clipboard = asyncio.Lock()
    slots = asyncio.Semaphore(PARALLEL_PAGES)
    async with async_playwright() as pw:
        browser = await sitebench.launch(pw)
        try:
            async def one(name):
                async with slots:
                    return await visit(browser, base, site, name, files, pool, clipboard)
            reports = await asyncio.gather(*(one(name) for name in pages))
            searches = {q: await search(browser, base, q) for q in SEARCHES}
        finally:
            await browser.close()
    return dict(zip(pages, reports)), searches


@pytest.fixture(scope="session")
def audit(site, server) -> Audit:
    """Every page visited once at desktop and once at phone size; every finding, per page."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run 'make browser' (apt-get install chromium)")
    start = time.monotonic()
    for kind in ("desktop", "mobile"):
        shutil.rmtree(SHOTS / kind, ignore_errors=True)
        (SHOTS / kind).mkdir(parents=True)
    pages = built_pages(site)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        reports, searches = asyncio.run(run_browser(site, server, pages, pool))
        for report in reports.values():
            for desc, future in report.runs:
                result = future.result()
                if isinstance(result, str):
                    report.add("copy", f"{desc}, copied and run: {result}")
                elif result.returncode != 0:
                    tail = "\n".join(result.stderr.strip().split("\n")[-6:])
                    report.add("copy", f"{desc}, copied and run in a fresh python, exited "
                                       f"{result.returncode}:\n{tail}")
    return Audit(site, server, pages, reports, searches, time.monotonic() - start)


def findings(audit: Audit, *checks: str) -> list[str]:
    return [f"{r.page}: {msg}" for r in audit.reports.values() for c in checks for msg in r.problems[c]]


def assert_none(audit: Audit, *checks: str):
    found = findings(audit, *checks)
    assert not found, f"{len(found)} finding(s):\n" + "\n".join(found)


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------

def test_pages_are_found_and_load(audit):
    assert "index.html" in audit.pages and "404.html" in audit.pages and "chain-rule/index.html" in audit.pages
    assert len(audit.pages) >= 3
    assert_none(audit, "load")


def test_math_is_typeset(audit):
    assert_none(audit, "math")


def test_figures_load(audit):
    assert_none(audit, "figures")


def test_no_outside_requests(audit):
    assert_none(audit, "requests")


def test_console_is_clean(audit):
    assert_none(audit, "console")


def test_internal_links_resolve(audit):
    assert_none(audit, "links")


def test_copy_buttons_copy_runnable_code(audit):
    assert_none(audit, "copy")


def test_dark_palette_keeps_figures_legible(audit):
    assert_none(audit, "dark")


def test_cold_visit_within_transfer_and_layout_shift_budgets(audit):
    assert_none(audit, "budget")


def test_code_blocks_drawn_late_keep_height_and_focus(audit):
    assert_none(audit, "code")


def test_runs_of_blocks_drawn_late_are_drawn(audit):
    assert_none(audit, "runs")


def test_axe_finds_no_serious_violation(audit):
    assert_none(audit, "axe")


def test_figures_have_alt_text(audit):
    assert_none(audit, "alt")


def test_mobile_has_no_horizontal_overflow(audit):
    assert_none(audit, "mobile")


def test_table_of_contents_entries_fit_their_panel(audit):
    assert_none(audit, "toc")


def test_screenshots_written(audit):
    for page in audit.pages:
        for kind in ("desktop", "mobile"):
            shot = SHOTS / kind / f"{slug(page)}.png"
            assert shot.is_file() and shot.stat().st_size > 1000, f"no {kind} screenshot of {page}"


def _pages(results: list[str]) -> list[str]:
    """The result pages, best first, each once."""
    return list(dict.fromkeys(r.split("#")[0] for r in results))


def _results(audit: Audit, query: str) -> list[str]:
    results = audit.searches[query]
    assert not isinstance(results, str), results
    return results


def test_search_finds_chain_rule_page(audit):
    pages = _pages(_results(audit, "chain rule"))
    assert "chain-rule/" in pages[:3], f"'chain rule' shows {pages[:5]}: chain-rule/ is not among the first three"


def test_search_finds_gradient_check_page(audit):
    """gradient-checking/ teaches gradient checking: search must show it, and lead to its text."""
    page = "gradient-checking/"
    docs = json.loads((audit.site / "search" / "search_index.json").read_text("utf8"))["docs"]
    teaching = [d["location"] for d in docs if d["location"].split("#")[0] == page
                and re.search(r"gradient[\s-]+check", re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]), re.I)]
    assert teaching, (f"{page} does not mention 'gradient check' in the built search index, "
                      "so search cannot find it there")
    results = _results(audit, "gradient check")
    pages = _pages(results)
    assert page in pages, f"'gradient check' shows {pages}, not {page}"
    hits = [r for r in results if r.split("#")[0] == page and r in teaching]
    assert hits, (f"'gradient check' shows {page} (page {pages.index(page) + 1} of "
                  f"{len(pages)}) but none of its parts that teach it ({teaching})")


def test_notebook_download(audit, tmp_path):
    import nbformat
    from nbclient import NotebookClient
    notebook_pages = [p for p in audit.pages if (src := source_of(p)) is not None and src.suffix == ".ipynb"]
    assert notebook_pages, "no notebook page was built"
    for page in notebook_pages:
        links = sorted(set(audit.reports[page].notebook_links))
        assert links, (f"{page}: no link to download the notebook (an <a href='....ipynb'>); mkdocs-jupyter's "
                       f"include_source copies the file beside the page but Material shows no link to it")
        for link in links:
            with urllib.request.urlopen(link, timeout=30) as resp:
                raw = resp.read().decode("utf8")
            nb = nbformat.reads(raw, as_version=4)
            nbformat.validate(nb)
            NotebookClient(nb, timeout=NOTEBOOK_TIMEOUT, kernel_name="python3",
                           resources={"metadata": {"path": str(tmp_path)}}).execute()


def test_every_page_was_measured(audit):
    """Every page's cold visit was measured, so the budget check above ran on all of them; prints
    what was seen but is not a failure, and the time the visits took."""
    unmeasured = [r.page for r in audit.reports.values() if not any(n.startswith("cold visit:") for n in r.notes)]
    assert len(audit.reports) >= 20 and not unmeasured, f"pages whose cold visit was not measured: {unmeasured}"
    notes = sorted({f"{r.page}: {n}" for r in audit.reports.values() for n in r.notes})
    print(f"\n{len(audit.pages)} pages visited in {audit.seconds:.1f} s")
    for r in audit.reports.values():
        print(f"  {r.page}: {r.timing}")
    print("\n".join(notes))
