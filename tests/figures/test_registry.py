"""Every figure draws, pages show each with real alt text, and its data is right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from bpdocs import plotting
from bpdocs.figures import FIGURES, _collect
from bpdocs.figures import chain_rule as chain_rule_figures
from sitebuild.drawfigures import render_svg
from tests.conftest import by_gid

DOCS = Path(__file__).resolve().parents[2] / "docs"
IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\((?:\.\./)*figures/(?P<name>[A-Za-z0-9_.-]+)\.svg\)"
)


def page_images() -> list[tuple[str, str, str]]:
    """``(page, figure name, alt text)`` for every figure shown on a page."""
    return [
        (p.relative_to(DOCS).as_posix(), m["name"], m["alt"])
        for p in sorted(DOCS.rglob("*.md"))
        for m in IMAGE.finditer(p.read_text("utf8"))
    ]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_draws_to_svg(name):
    fig = FIGURES[name]()
    assert isinstance(fig, Figure)
    assert len(render_svg(fig)) > 5_000


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_is_shown_on_a_page(name):
    assert name in {n for _, n, _ in page_images()}, (
        f"figure {name!r} is drawn but no page shows it"
    )


def test_every_image_names_a_figure_and_says_what_it_shows():
    images = page_images()
    assert images
    for page, name, alt in images:
        assert name in FIGURES, (
            f"{page}: figures/{name}.svg is not in bpdocs.figures.FIGURES"
        )
        assert len(alt.split()) >= 8, (
            f"{page}: the alt text of {name} does not say what it shows: {alt!r}"
        )


def test_duplicate_figure_names_are_an_error():
    with pytest.raises(ValueError, match="'chain-rule-tangent' is defined in"):
        _collect([chain_rule_figures, chain_rule_figures])


def test_by_gid_finds_exactly_one_artist():
    fig, ax = plotting.new_figure()
    line = ax.plot([0, 1], [1, 0], gid="falling", label="falling")[0]
    ax.legend()  # the legend's copy of the line has no gid
    assert by_gid(fig, "falling") is line
    with pytest.raises(LookupError, match="0 artists of the figure have gid 'rising'"):
        by_gid(fig, "rising")
    ax.plot([0, 1], [0, 0], gid="falling")
    with pytest.raises(LookupError, match="2 artists of the figure have gid 'falling'"):
        by_gid(fig, "falling")
