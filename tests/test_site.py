"""The strict build: it passes, it is reproducible, and it loads nothing from outside the site."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]   # never -q: it hides warnings


def build(dest: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``config`` into ``dest``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*MKDOCS, "-f", str(config), "-d", str(dest)], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The site built twice, strictly, into two folders."""
    out = []
    for name in ("site-a", "site-b"):
        dest = tmp_path_factory.mktemp(name)
        proc = build(dest)
        assert proc.returncode == 0, f"strict build failed:\n{proc.stdout}\n{proc.stderr}"
        out.append(dest)
    return out[0], out[1]


def tree(root: Path) -> list[str]:
    """Every file under ``root``, as sorted relative paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_two_builds_are_byte_identical(two_builds):
    a, b = two_builds
    assert tree(a) == tree(b)
    _, mismatch, errors = filecmp.cmpfiles(a, b, tree(a), shallow=False)
    assert mismatch == [] and errors == []


def test_every_page_and_figure_is_built(two_builds):
    site, _ = two_builds
    files = tree(site)
    for page in ("index.html", "chain-rule/index.html", "404.html"):
        assert page in files
    svgs = [f for f in files if f.startswith("figures/")]
    assert "figures/chain-rule-tangent.svg" in svgs
    assert not (ROOT / "docs" / "figures").exists(), "figures must never be written into docs/"


EXTERNAL = re.compile(
    r'<(?:script|link|img|source|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?(?:https?:)?//', re.I)
FONT_URL = re.compile(r'url\(\s*["\']?(?:https?:)?//', re.I)


def test_no_page_loads_anything_from_outside(two_builds):
    site, _ = two_builds
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        text = path.read_text("utf8", errors="replace")
        assert not EXTERNAL.search(text), f"{path.relative_to(site)} loads an outside resource"
        assert not FONT_URL.search(text), f"{path.relative_to(site)} loads an outside font"


def test_math_is_typeset_at_build_time(two_builds):
    site, _ = two_builds
    html = (site / "chain-rule" / "index.html").read_text("utf8")
    assert 'class="arithmatex"' not in html, "a formula was left as raw TeX"
    formulas = re.findall(r"<mjx-container[^>]*>(.*?)</mjx-container>", html, re.S)
    assert len(formulas) >= 20
    for f in formulas:
        label = re.match(r'<svg [^>]*aria-label="([^"]+)"', f)
        assert label and "aria-hidden" not in f, f"a formula has no spoken text alternative: {f[:160]}"
        assert re.fullmatch(r'<svg [^>]*><path fill="currentColor" d="[^"]+"></path></svg>', f), \
            f"a formula is not one path: {f[:160]}"
    spoken = dict(re.findall(r'data-tex="([^"]*)"[^>]*><svg [^>]*aria-label="([^"]+)"', html))
    assert spoken["y = f(g(x))"] == "y equals f of g of x", spoken.get("y = f(g(x))")
    assert "mathjax" not in " ".join(re.findall(r"<script[^>]*>", html)).lower(), "no math runs in the browser"


def test_footer_names_what_examples_ran_with(two_builds):
    site, _ = two_builds
    html = (site / "chain-rule" / "index.html").read_text("utf8")
    m = re.search(r'class="provenance">(.*?)</p>', html, re.S)
    assert m, "the provenance line is missing"
    import matplotlib
    import numpy
    assert f"NumPy {numpy.__version__}" in m[1] and f"Matplotlib {matplotlib.__version__}" in m[1]


def test_figures_have_their_size_so_pages_do_not_shift(two_builds):
    site, _ = two_builds
    images = [(p.relative_to(site), tag) for p in site.rglob("*.html")
              for tag in re.findall(r'<img [^>]*figures/[^>]*>', p.read_text("utf8"))]
    assert len(images) >= 10
    for page, tag in images:
        m = re.search(r'width="(\d+)" height="(\d+)"', tag)
        assert m and int(m[1]) > 100 and int(m[2]) > 100, f"{page}: figure without its size: {tag[:120]}"


def test_code_keeps_only_spans_that_draw_something(two_builds):
    """docs/.hooks/code.py unwraps name and whitespace tokens: the theme draws them in the code's
    own colour. If Material ever colours them, this fails and the hook must keep them."""
    site, _ = two_builds
    css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).read_text("utf8")
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in css
    assert ".highlight .n{color:var(--md-code-hl-name-color)}" in css
    assert not re.search(r"\.highlight \.w\b", css)
    html = (site / "chain-rule" / "index.html").read_text("utf8")
    blocks = re.findall(r"<pre\b.*?</pre>", html, re.S)
    assert len(blocks) >= 5
    for block in blocks:
        assert '<span class="n">' not in block and '<span class="w">' not in block
        code = re.search(r'<code style="--bp-lines: (\d+)">(.*?)</code>', block, re.S)
        assert code, f"a code block without its line count: {block[:120]}"
        assert int(code[1]) == code[2].rstrip("\n").count("\n") + 1
    assert '<span class="kn">import</span> <span class="p">(</span>' in html, "coloured tokens keep their spans"


def hook(name: str):
    """A build hook of docs/.hooks, imported as a module."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "docs" / ".hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_palette_switch_does_not_restyle_every_element(two_builds):
    """docs/.hooks/palette.py removes Material's ``[data-md-color-switching] *`` rule."""
    site, _ = two_builds
    css = next((site / "assets" / "stylesheets").glob("palette.*.min.css")).read_text("utf8")
    assert "data-md-color-switching" not in css and "--md-primary-fg-color" in css


def test_palette_meta_is_added_only_when_needed(two_builds):
    """docs/.hooks/palette.py edits Material's bundle: no color-scheme meta is added on a light load."""
    site, _ = two_builds
    js = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text("utf8")
    palette = hook("palette")
    for old, new in palette.META_EDITS:
        assert new in js
    assert 'name:"color-scheme"});document.head.appendChild(o)' not in js


def test_palette_hook_fails_loudly_when_material_changes():
    from mkdocs.exceptions import PluginError
    palette = hook("palette")
    with pytest.raises(PluginError, match=r"palette\.new\.min\.css holds Material's .* 0 times"):
        palette.remove_switching_rule("body{color:red}", "palette.new.min.css")
    original = "".join(old for old, _ in palette.META_EDITS)
    assert palette.defer_color_scheme_meta(original, "b.js") == "".join(new for _, new in palette.META_EDITS)
    with pytest.raises(PluginError, match=r"bundle\.new\.min\.js holds Material's .* 0 times"):
        palette.defer_color_scheme_meta(original.replace("appendChild(o)", "append(o)"), "bundle.new.min.js")
    with pytest.raises(PluginError, match=r"2 times"):
        palette.defer_color_scheme_meta(original + original, "bundle.new.min.js")


def test_figure_cache_keeps_recent_drawings_and_drops_what_killed_builds_left(tmp_path):
    """docs/.hooks/figures.py: the newest KEEP folders stay; a private ``<key>.<random>`` folder goes when stale."""
    import os
    figures = hook("figures")
    now = 1_000_000.0
    for i in range(figures.KEEP + 2):                       # drawings, one a minute, oldest first
        (tmp_path / f"key{i}").mkdir()
        os.utime(tmp_path / f"key{i}", (now - 60 * (10 - i),) * 2)
    (tmp_path / "old.abc123").mkdir()                       # left by a build killed two hours ago
    os.utime(tmp_path / "old.abc123", (now - 7200,) * 2)
    (tmp_path / "new.def456").mkdir()                       # a build drawing right now
    os.utime(tmp_path / "new.def456", (now - 5,) * 2)
    figures._prune(tmp_path, keep=figures.KEEP, now=now)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([f"key{i}" for i in range(2, figures.KEEP + 2)] + ["new.def456"])
