"""The whole strict build: it passes, repeats byte for byte, builds every page and
figure, loads nothing from outside the site, and ships Material's assets unpatched."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import material

from bpdocs.figures import FIGURES
from tests.conftest import ROOT, built_page

#: The theme's own assets, as installed; the build copies them to ``assets/``.
MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"
#: What the build adds to ``assets/`` itself: the math hook's and mkdocstrings' styles.
OWN_ASSETS = {"stylesheets/mathjax.css", "_mkdocstrings.css"}


def tree(root: Path) -> list[str]:
    """Every file under ``root``, as sorted relative paths."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
    )


def test_two_builds_are_byte_identical(two_builds):
    a, b = two_builds
    assert tree(a) == tree(b)
    _, mismatch, errors = filecmp.cmpfiles(a, b, tree(a), shallow=False)
    assert mismatch == [] and errors == []


def test_every_page_and_figure_is_built(site):
    files = set(tree(site))
    sources = [p for p in (ROOT / "docs").rglob("*") if p.suffix in (".md", ".ipynb")]
    assert len(sources) >= 20
    for source in sources:
        assert built_page(source) in files, f"{source.relative_to(ROOT)} was not built"
    assert "404.html" in files
    svgs = sorted(f for f in files if f.startswith("figures/"))
    assert svgs == sorted(f"figures/{name}.svg" for name in FIGURES)
    assert not (ROOT / "docs" / "figures").exists(), (
        "figures must never be written into docs/"
    )


EXTERNAL = re.compile(
    r"<(?:script|link|img|source|iframe)\b[^>]*\b(?:src|href)\s*=\s*"
    r"[\"']?(?:https?:)?//",
    re.I,
)
FONT_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.I)


def test_no_page_loads_anything_from_outside(site):
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        text = path.read_text("utf8", errors="replace")
        where = path.relative_to(site)
        assert not EXTERNAL.search(text), f"{where} loads an outside resource"
        assert not FONT_URL.search(text), f"{where} loads an outside font"


def test_material_assets_are_the_installed_theme_unpatched(site):
    """Every file of ``assets/`` but the site's own is Material's, byte for byte."""
    built = set(tree(site / "assets")) - OWN_ASSETS
    shipped = set(tree(MATERIAL_ASSETS))
    assert len(shipped) >= 30 and built == shipped, (
        f"only in the site: {sorted(built - shipped)}; "
        f"only in Material: {sorted(shipped - built)}"
    )
    _, mismatch, errors = filecmp.cmpfiles(
        site / "assets", MATERIAL_ASSETS, sorted(built), shallow=False
    )
    assert mismatch == [] and errors == [], (
        f"assets/ differ from {MATERIAL_ASSETS}: {mismatch + errors}"
    )
