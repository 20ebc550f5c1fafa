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
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(dest: Path, config: Path = ROOT / "mkdocs.yml", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build of ``config`` into ``dest``."""
    return subprocess.run([*MKDOCS, "-f", str(config), "-d", str(dest)], cwd=cwd, env=ENV,
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


WRAPPER = re.compile(r'<div class="bp-lazy" style="--bp-h: (\d+)px">')
#: A table of contents entry: the id it links to, and Material's ellipsis span if it has one.
TOC_LINK = re.compile(r'<a href="#([^"]*)" class="md-nav__link">\s*(<span class="md-ellipsis">)?')
PARA = "<p>" + "word " * 40 + "</p>\n"      # 200 characters: three lines, 76 px estimated


def test_sections_wrap_runs_below_the_fold_between_headings():
    """docs/.hooks/sections.py: runs of blocks below the fold, between headings, each in a wrapper
    of at most ``chunk_px``; headings and the first screen stay as they are; nothing else changes."""
    sections = hook("sections")
    assert sections.estimate_px(sections.parse(PARA).children[0]) == 76
    html = "<h1>T</h1>\n" + PARA * 30 + "<h2 id='a'>A</h2>\n" + PARA * 30
    out = sections.wrap(html, fold_px=300, min_run_px=60, chunk_px=400)
    assert re.sub(WRAPPER.pattern + "|</div>", "", out) == html
    top = sections.parse(out).children
    assert [c.tag for c in top[:6]] == ["h1", "p", "p", "p", "p", "div"]    # 40 + 4 × 76 px ≥ 300
    wrappers = [c for c in top if c.tag == "div"]
    assert all(c.attrs["class"] == "bp-lazy" and {g.tag for g in c.children} == {"p"} for c in wrappers)
    assert sum(len(c.children) for c in wrappers) == 56                   # every paragraph below the fold
    heights = [int(h) for h in WRAPPER.findall(out)]
    assert heights == [len(c.children) * 76 for c in wrappers] and max(heights) <= 400
    assert [c.tag for c in top].count("h2") == 1                           # at the top, not in a run
    assert "<p>" not in out.split("<h2")[0].split("</div>")[-1]            # the run before it closes first


def test_sections_fetch_the_first_screens_figures_at_once():
    """A figure above the fold loses ``loading="lazy"``; one below keeps it."""
    sections = hook("sections")
    img = '<p><img width="600" height="300" loading="lazy" src="a.svg"></p>\n'
    out = sections.wrap("<h1>T</h1>\n" + img + PARA * 10 + img, fold_px=300)
    assert out.count('loading="lazy"') == 1 and out.index('loading="lazy"') > out.index("bp-lazy")
    assert '<img width="600" height="300" src="a.svg">' in out.split("bp-lazy")[0]


def test_sections_wrap_headings_the_table_of_contents_does_not_list():
    """With the table of contents' ids given, a heading it does not list (an API method) may be drawn late."""
    sections = hook("sections")
    html = "<h2 id='cls'>C</h2>\n<h4 id='m'>m</h4>\n" + PARA * 3 + "<h2 id='next'>N</h2>\n"
    assert sections.wrap(html, fold_px=0, keep={"cls", "next"}) == html.replace(
        "<h4", '<div class="bp-lazy" style="--bp-h: 262px"><h4').replace("</p>\n<h2 id='next'", "</p></div>\n<h2 id='next'")
    assert "bp-lazy" not in sections.wrap(html, fold_px=0, keep={"cls", "m", "next"}, min_run_px=300)
    toc = [type("A", (), {"id": "cls", "children": [type("A", (), {"id": "m", "children": []})()]})()]
    assert sections.toc_ids(toc) == {"cls", "m"}


def test_sections_recurse_into_blocks_that_hold_headings():
    """An API page's ``div.doc`` holds its heading: the body beside the heading is wrapped, not the heading."""
    sections = hook("sections")
    body = "<div class='body'>" + PARA * 3 + "</div>"
    html = "<div class='doc'><h3 id='f'>f</h3>" + body + "</div>"
    out = sections.wrap(html, fold_px=0, min_run_px=60)
    assert out == html.replace(body, '<div class="bp-lazy" style="--bp-h: 228px">' + body + "</div>")
    assert sections.wrap(html, fold_px=0, min_run_px=300) == html          # too short to be worth it


def test_sections_estimate_what_is_shown():
    """Code by its lines, display math by its height, a figure by its height; scripts, closed
    details and hidden tabs by what shows of them."""
    sections = hook("sections")
    est = lambda html: sections.estimate_px(sections.parse(html))
    assert est("<pre><code>a\nb\nc</code></pre>") == 16 * 3 + 36
    svg = '<mjx-container display="true"><svg height="4ex"><path d="M0 0"/></svg></mjx-container>'
    assert est(svg) == 7 * 4 + 26
    assert est(svg.replace(' display="true"', "")) == 0                   # inline: counted by its line
    assert est('<img height="365" src="a.svg">') == 365 + 26
    assert est("<script>" + "x" * 5000 + "</script>") == 0
    assert est("<details><summary>More</summary>" + PARA * 5 + "</details>") == 34
    assert est("<details open><summary>More</summary>" + PARA * 5 + "</details>") == 34 + 5 * 76
    tabs = '<div class="tabbed-content"><div>' + PARA + "</div><div>" + PARA * 4 + "</div></div>"
    assert est(tabs) == 76


def test_sections_fail_loudly_on_broken_html():
    from mkdocs.exceptions import PluginError
    sections = hook("sections")
    with pytest.raises(ValueError, match=r"</span> at line 2, column 8 closes no open element"):
        sections.wrap("<div>\n<p>x</p></span></div>")
    with pytest.raises(ValueError, match=r"<div> at line 2, column 4 is never closed"):
        sections.wrap("<p>\n</p><div><p>x</p>")

    class Page:
        toc = []

        class file:
            src_uri = "broken.md"
    with pytest.raises(PluginError, match=r"broken\.md: its content is not well-formed HTML: </em>"):
        sections.on_post_page('<article class="md-content__inner md-typeset"><p>x</em></article>', Page, {})
    with pytest.raises(PluginError, match=r"broken\.md: no <article"):
        sections.on_post_page("<main></main>", Page, {})


def test_sections_in_the_built_site(two_builds):
    """Every long page has runs drawn late, none holds a heading, and each page has the switch once."""
    site, _ = two_builds
    sections = hook("sections")
    for page in ("autodiff", "backward-pass", "multivariable", "implementation-notebook", "api/layers"):
        html = (site / page / "index.html").read_text("utf8")
        assert html.count(sections.SWITCH) == 1
        article = sections.ARTICLE.search(html)[2]
        wrappers = [n for n in _walk(sections.parse(article)) if n.attrs.get("class") == "bp-lazy"]
        assert len(wrappers) >= 3, page
        listed = {target for target, _ in TOC_LINK.findall(html)}
        assert listed, page
        for w in wrappers:
            assert not w.holds_anchor(listed), f"{page}: a heading of its table of contents drawn late"


def _walk(node):
    for c in node.children:
        yield c
        yield from _walk(c)


def test_notebook_page_drops_what_it_hides(two_builds):
    """docs/.hooks/notebook.py removes the prompts and collapse bars, which the page does not show."""
    site, _ = two_builds
    html = (site / "implementation-notebook" / "index.html").read_text("utf8")
    assert html.count('<div class="jp-Cell ') >= 10
    assert not re.search(r'class="jp-(?:InputPrompt|OutputPrompt|Collapser)', html)


def test_table_of_contents_entries_have_no_ellipsis(two_builds):
    """docs/.overrides/partials/toc-item.html: Material's script watches each ``.md-ellipsis``."""
    site, _ = two_builds
    entries = {p.parent.relative_to(site).as_posix(): TOC_LINK.findall(p.read_text("utf8"))
               for p in site.rglob("index.html")}
    assert len(entries["api/measuring"]) >= 60        # two copies of each entry: sidebar and drawer
    spans = {page: sum(bool(span) for _, span in n) for page, n in entries.items()}
    assert {page: k for page, k in spans.items() if k} == {}


def test_toc_item_override_is_materials_own_without_the_ellipsis():
    """A new Material whose partial differs fails here: redo the override from its partial."""
    import material

    def norm(text: str) -> str:
        return " ".join(re.sub(r"\{#-.*?-#\}", "", text, flags=re.S).split())

    theirs = norm((Path(material.__file__).parent / "templates" / "partials" / "toc-item.html").read_text("utf8"))
    ours = norm((ROOT / "docs" / ".overrides" / "partials" / "toc-item.html").read_text("utf8"))
    expected = re.sub(r'<span class="md-ellipsis"> (.*) </span> </a>', r"\1 </a>", theirs)
    assert expected != theirs, "Material's toc-item.html no longer wraps the title in .md-ellipsis"
    assert ours == expected


def test_jinja_cache_keeps_templates_compiled_with_other_settings_apart(tmp_path):
    """docs/.hooks/templates.py: a template compiled under other settings, or since edited, is not reused."""
    import jinja2
    templates = hook("templates")
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "a.html"
    page.write_text("{% if x %}\n  yes\n{% endif %}\n")
    cache = templates.bytecode_cache(tmp_path / "cache")

    def render(**settings):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "t"), bytecode_cache=cache, **settings)
        return env.get_template("a.html").render(x=True)

    assert render() == "\n  yes\n"
    assert render(trim_blocks=True, lstrip_blocks=True) == "  yes\n"
    assert len(list((tmp_path / "cache").iterdir())) == 2
    assert render() == "\n  yes\n"                           # each from its own cached code
    assert render(trim_blocks=True, lstrip_blocks=True) == "  yes\n"
    page.write_text("{% if x %}edited{% endif %}")
    assert render() == "edited"


# Builds the site in a process of its own with the hook's cache swapped for one that records each
# template it is asked for, and by which environment; prints them as JSON.
RECORD_BUILD = r"""
import functools, json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir=sys.argv[1])
hook = config["hooks"]["docs/.hooks/templates.py"]
asked = []

class Recording(hook.BytecodeCache):
    def get_bucket(self, environment, name, filename, source):
        asked.append([name, id(environment)])
        return super().get_bucket(environment, name, filename, source)

hook.BytecodeCache = Recording                  # what the hook's own bytecode_cache() makes
hook.bytecode_cache = functools.partial(hook.bytecode_cache, Path(sys.argv[2]))
build(config)
print(json.dumps(asked))
"""


def test_a_real_build_keeps_both_environments_templates_in_the_cache(tmp_path):
    """docs/.hooks/templates.py: in a real build, the theme's and mkdocstrings' templates go through the cache.

    MkDocs and mkdocstrings each make a new Jinja environment every build; if either stopped using
    the one the hook gave its cache to, every rebuild would compile its templates again.
    """
    import json
    proc = subprocess.run([sys.executable, "-c", RECORD_BUILD, str(tmp_path / "site"), str(tmp_path / "jinja")],
                          cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    asked = json.loads(proc.stdout.strip().splitlines()[-1])
    names = {name for name, _ in asked}
    theme = {e for name, e in asked if name == "main.html"}
    docstrings = {e for name, e in asked if name.endswith(".jinja")}
    assert theme, f"the theme's main.html never went through the cache; asked for: {sorted(names)[:20]}"
    assert docstrings, f"no mkdocstrings template went through the cache; asked for: {sorted(names)[:20]}"
    assert theme.isdisjoint(docstrings)
    assert len(list((tmp_path / "jinja").iterdir())) >= len(names)   # each one compiled and kept
