"""The math hook (``sitebuild/hooks/math.py``), its node script
(``sitebuild/tex2svg.cjs``) and `sitebuild.svgpath.join_math`.

The script speaks each formula into its ``aria-label``; ``join_math`` joins MathJax's
nested groups and glyph paths into one ``<path>``. Here every formula of the site's
pages is drawn both ways, MathJax's own markup and the joined path, in Chromium at a
large size (the formulas of the Markdown pages and of the docstrings the API pages
show): the two drawings must agree pixel for pixel, up to anti-aliasing. One with a
glyph missing must not. The built site has every formula typeset, and a formula that
cannot be typeset fails the build.
"""

from __future__ import annotations

import html
import importlib
import inspect
import json
import re
import subprocess
from io import BytesIO

import markdown
import numpy as np
import pytest
from PIL import Image

from sitebuild.svgpath import join_math
from tests.conftest import ROOT, build, hook, tiny_project

#: The pattern the math hook finds formulas with, in the HTML that arithmatex leaves.
MATH = hook("math").MATH

SCRIPT = ROOT / "sitebuild" / "tex2svg.cjs"


def api_docstrings() -> list[str]:
    """The docstrings the API pages show, as Markdown.

    Every ``::: module`` of ``docs/api/*.md``, its classes, functions and methods: what
    mkdocstrings renders.
    """
    docs = []
    for page in sorted((ROOT / "docs" / "api").glob("*.md")):
        for name in re.findall(r"^::: ([\w.]+)", page.read_text("utf8"), re.M):
            module = importlib.import_module(name)
            todo = [module]
            while todo:
                obj = todo.pop()
                docs.append(inspect.getdoc(obj) or "")
                for member in vars(obj).values():
                    if (
                        inspect.isclass(member) or inspect.isfunction(member)
                    ) and member.__module__ == name:
                        todo.append(member)
    return docs


def site_formulas() -> list[tuple[str, bool]]:
    """Every distinct formula of the pages, as (TeX, display).

    Found as arithmatex finds them: in the Markdown pages, and in the docstrings that
    the API pages show.
    """
    md = markdown.Markdown(
        extensions=["pymdownx.arithmatex", "pymdownx.superfences"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    found = {}
    texts = [
        page.read_text("utf8") for page in sorted((ROOT / "docs").glob("*.md"))
    ] + api_docstrings()
    for text in texts:
        for m in MATH.finditer(md.reset().convert(text)):
            found.setdefault(
                (html.unescape(m["tex"]).strip(), m["open"] == "\\["), None
            )
    return list(found)


def typeset(requests: list[dict]) -> list[dict]:
    """Run the node script once over ``requests``; its replies, in order."""
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    out = subprocess.run(
        ["node", str(SCRIPT)],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    ).stdout.splitlines()
    assert "css" in json.loads(out[0])
    return [json.loads(line) for line in out[1:]]


@pytest.fixture(scope="module")
def both_ways():
    formulas = site_formulas()
    assert len(formulas) > 100, "the pages' formulas were not found"
    replies = typeset([{"tex": t, "display": d} for t, d in formulas])
    for r in replies:
        assert "error" not in r, r
    raw = [r["html"] for r in replies]
    return formulas, [join_math(h) for h in raw], raw


def test_every_formula_of_the_pages_is_one_path(both_ways):
    """Except where MathJax clips stretched pieces with a nested ``<svg>`` (long braces,
    big delimiters): a single path cannot clip, so those keep MathJax's markup."""
    formulas, joined, raw = both_ways
    kept = [
        (tex, h)
        for (tex, _), j, h in zip(formulas, joined, raw, strict=True)
        if j is None
    ]
    for tex, h in kept:
        assert h.count("<svg") > 1, (
            f"left as MathJax's groups without a nested svg: {tex!r}"
        )
    assert len(kept) <= len(formulas) // 50, (
        f"{len(kept)} of {len(formulas)} formulas are not one path"
    )
    for j in joined:
        if j is not None:
            assert re.fullmatch(
                r"<mjx-container [^>]*><svg [^>]*>"
                r'<path fill="currentColor" d="[^"]+"></path></svg></mjx-container>',
                j,
            ), j[:200]


def test_a_formula_with_colour_keeps_mathjax_markup():
    """What one path cannot draw (a colour) keeps MathJax's groups, still spoken."""
    (reply,) = typeset([{"tex": r"\color{red}{x} + y", "display": False}])
    assert join_math(reply["html"]) is None and 'fill="red"' in reply["html"]
    assert 'aria-label="x plus y"' in reply["html"]


def test_speech_is_the_formula_read_aloud():
    (reply,) = typeset(
        [{"tex": r"\frac{\partial L}{\partial w} = x^2", "display": True}]
    )
    assert reply["speech"] == (
        "the fraction with numerator partial differential L and denominator "
        "partial differential w equals x squared"
    )
    assert (
        f'aria-label="{reply["speech"]}"' in reply["html"]
        and "aria-hidden" not in reply["html"]
    )


def test_a_tex_error_is_reported_not_drawn():
    (reply,) = typeset([{"tex": r"\frac{1", "display": True}])
    assert reply == {"error": "Missing close brace"}


PAGE = """<!doctype html><html><head><style>
body {{ margin: 0; font-size: 40px; color: #000; background: #fff; }}
.cell {{ height: {h}px; overflow: hidden; padding: 4px 8px; }}
mjx-container[display="true"] {{ display: block; margin: 0; }}
</style></head><body>{cells}</body></html>"""


def draw(htmls: list[str], cell: int, chunk: int = 100) -> np.ndarray:
    """The formulas drawn one to a ``cell`` pixels high cell in Chromium, in grey.

    Drawn ``chunk`` formulas to a screenshot, so that no image grows past Pillow's
    size limit.
    """
    from playwright.sync_api import sync_playwright

    from bench.sitebench import launch

    parts = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 800})
        for start in range(0, len(htmls), chunk):
            part = htmls[start : start + chunk]
            page.set_content(
                PAGE.format(
                    h=cell, cells="".join(f'<div class="cell">{h}</div>' for h in part)
                )
            )
            png = page.screenshot(full_page=True)
            grey = np.asarray(Image.open(BytesIO(png)).convert("L"))
            parts.append(
                grey[: len(part) * (cell + 8)]
            )  # a short page is padded to the viewport
        browser.close()
    return np.vstack(parts)


def differing_cells(
    a: np.ndarray, b: np.ndarray, cell: int, level: float = 96, pixels: int = 8
) -> list[int]:
    """The cells where over ``pixels`` pixels differ by more than ``level`` greys.

    Anti-aliasing moves edge pixels by a few levels; a glyph moved or missing changes
    whole strokes.
    """
    rows = min(a.shape[0], b.shape[0]) // (cell + 8)
    out = []
    for i in range(rows):
        band = slice(i * (cell + 8), (i + 1) * (cell + 8))
        if (np.abs(a[band].astype(np.int16) - b[band]) > level).sum() > pixels:
            out.append(i)
    return out


def test_joined_paths_draw_what_mathjax_draws(both_ways):
    formulas, joined, raw = both_ways
    cell = 160
    a = draw([j or h for j, h in zip(joined, raw, strict=True)], cell)
    b = draw(raw, cell)
    assert a.shape == b.shape
    assert (a < 128).sum() > 1000, "nothing was drawn"
    bad = differing_cells(a, b, cell)
    assert not bad, f"drawn differently: {[formulas[i][0] for i in bad][:5]}"


def test_the_comparison_sees_a_missing_glyph(both_ways):
    """The pixel check can fail: drop the last glyph of a joined path; it sees it."""
    formulas, joined, raw = both_ways
    i = next(k for k, (tex, display) in enumerate(formulas) if display and joined[k])
    broken = re.sub(r'(d="[^"]*)M[^M"]*"', r'\1"', joined[i])  # drop the last glyph
    assert broken != joined[i]
    cell = 160
    bad = differing_cells(draw([broken], cell), draw([raw[i]], cell), cell)
    assert bad == [0]


def test_math_is_typeset_at_build_time(site):
    html = (site / "chain-rule" / "index.html").read_text("utf8")
    assert 'class="arithmatex"' not in html, "a formula was left as raw TeX"
    formulas = re.findall(r"<mjx-container[^>]*>(.*?)</mjx-container>", html, re.S)
    assert len(formulas) >= 20
    for f in formulas:
        label = re.match(r'<svg [^>]*aria-label="([^"]+)"', f)
        assert label and "aria-hidden" not in f, (
            f"a formula has no spoken text alternative: {f[:160]}"
        )
        assert re.fullmatch(
            r'<svg [^>]*><path fill="currentColor" d="[^"]+"></path></svg>', f
        ), f"a formula is not one path: {f[:160]}"
    spoken = dict(
        re.findall(r'data-tex="([^"]*)"[^>]*><svg [^>]*aria-label="([^"]+)"', html)
    )
    assert spoken["y = f(g(x))"] == "y equals f of g of x", spoken.get("y = f(g(x))")
    scripts = " ".join(re.findall(r"<script[^>]*>", html)).lower()
    assert "mathjax" not in scripts, "no math runs in the browser"


CONFIG = """\
site_name: math
theme:
  name: material
  font: false
markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
hooks:
  - {root}/sitebuild/hooks/math.py
"""


def test_build_fails_on_a_formula_that_does_not_typeset(tmp_path):
    config = tiny_project(
        tmp_path, CONFIG, "# Page\n\nFine $x^2$, broken $\\frac{a$ here.\n"
    )
    proc = build(tmp_path / "site", config)  # from the root: sitebuild importable
    assert proc.returncode != 0
    assert (
        "math: index.md: cannot typeset '\\\\frac{a': Missing close brace"
        in proc.stderr
    )


def test_build_fails_on_tex_left_raw_in_a_heading(tmp_path):
    config = tiny_project(tmp_path, CONFIG, "# Page\n\n## The slope $f'(x)$\n\nText.\n")
    proc = build(tmp_path / "site", config)  # from the root: sitebuild importable
    assert proc.returncode != 0
    assert (
        "math: index.md: a formula is left as raw TeX" in proc.stderr
        and "\\(f'(x)\\)" in proc.stderr
    )
