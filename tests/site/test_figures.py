"""The figures hook (``sitebuild/hooks/figures.py``): each figure drawn into the site
with its size, loaded lazily below the introduction; a figure that cannot draw fails."""

from __future__ import annotations

import os
import re

from tests.conftest import build, hook, tiny_project

CONFIG = """\
site_name: figures
theme:
  name: material
  font: false
hooks:
  - {root}/sitebuild/hooks/figures.py
extra:
  bpdocs_figures: harnessfigs
"""

FIGS = '''\
from bpdocs.plotting import new_figure


def fine():
    """A line."""
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    return fig


def broken():
    """Raises."""
    raise RuntimeError("cannot draw the contours")


FIGURES = {"fine": fine, "broken": broken}
'''


def test_figures_have_their_size_so_pages_do_not_shift(site):
    images = [
        (p.relative_to(site), tag)
        for p in site.rglob("*.html")
        for tag in re.findall(r"<img [^>]*figures/[^>]*>", p.read_text("utf8"))
    ]
    assert len(images) >= 10
    for page, tag in images:
        m = re.search(r'width="(\d+)" height="(\d+)"', tag)
        assert m and int(m[1]) > 100 and int(m[2]) > 100, (
            f"{page}: figure without its size: {tag[:120]}"
        )


def test_figures_of_the_introduction_load_with_the_page():
    """The hook alone decides ``loading``: lazy only after the first <h2>."""
    figures = hook("figures")
    figures._SIZES.update({"a": (600, 300), "b": (500, 200)})
    page = (
        '<h1>T</h1><img alt="x" src="figures/a.svg"><h2 id="s">S</h2>'
        '<img alt="y" src="../figures/b.svg">'
    )
    out = figures.on_post_page(page, page=None, config=None)
    first, second = out.split("<h2")
    assert '<img width="600" height="300" decoding="async" alt="x"' in first
    assert (
        '<img width="500" height="200" loading="lazy" decoding="async" alt="y"'
        in second
    )


def test_figure_cache_keeps_recent_drawings_and_drops_what_killed_builds_left(
    tmp_path,
):
    """The newest KEEP folders stay; a private ``<key>.<random>`` goes when stale."""
    figures = hook("figures")
    now = 1_000_000.0
    for i in range(figures.KEEP + 2):  # drawings, one a minute, oldest first
        (tmp_path / f"key{i}").mkdir()
        os.utime(tmp_path / f"key{i}", (now - 60 * (10 - i),) * 2)
    (tmp_path / "old.abc123").mkdir()  # left by a build killed two hours ago
    os.utime(tmp_path / "old.abc123", (now - 7200,) * 2)
    (tmp_path / "new.def456").mkdir()  # a build drawing right now
    os.utime(tmp_path / "new.def456", (now - 5,) * 2)
    figures._prune(tmp_path, keep=figures.KEEP, now=now)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(
        [f"key{i}" for i in range(2, figures.KEEP + 2)] + ["new.def456"]
    )


def test_build_fails_on_a_raising_figure_naming_figure_function_and_page(tmp_path):
    config = tiny_project(
        tmp_path,
        CONFIG,
        "![A figure that cannot be drawn at all.](figures/broken.svg)\n",
        harnessfigs=FIGS,
    )
    proc = build(tmp_path / "site", config)  # from the root: sitebuild importable
    assert proc.returncode != 0
    assert (
        "figure 'broken' (used by index.md) failed: harnessfigs.broken() raised"
        in proc.stderr
    )
    assert "RuntimeError: cannot draw the contours" in proc.stderr


def test_build_fails_on_a_link_to_a_missing_figure(tmp_path):
    config = tiny_project(
        tmp_path,
        CONFIG + "validation:\n  links:\n    not_found: warn\n",
        "![A figure nobody defined.](figures/absent.svg)\n",
        harnessfigs=FIGS.replace('"broken": broken', ""),
    )
    proc = build(tmp_path / "site", config)  # from the root: sitebuild importable
    assert proc.returncode != 0
    assert "figures/absent.svg" in proc.stderr and "index.md" in proc.stderr
