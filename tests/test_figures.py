"""Every figure draws, the pages use each one with real alt text, and the plotted data is right."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from bpdocs import calculus
from bpdocs.figures import FIGURES, _collect
from bpdocs.figures import chain_rule as chain_rule_figures
from bpdocs.plotting import render_svg

DOCS = Path(__file__).resolve().parents[1] / "docs"
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?:\.\./)*figures/(?P<name>[A-Za-z0-9_.-]+)\.svg\)")


def page_images() -> list[tuple[str, str, str]]:
    """``(page, figure name, alt text)`` for every figure shown on a page."""
    return [(p.relative_to(DOCS).as_posix(), m["name"], m["alt"])
            for p in sorted(DOCS.rglob("*.md")) for m in IMAGE.finditer(p.read_text("utf8"))]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_draws_to_svg(name):
    fig = FIGURES[name]()
    assert isinstance(fig, Figure)
    assert len(render_svg(fig)) > 5_000


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_is_shown_on_a_page(name):
    assert name in {n for _, n, _ in page_images()}, f"figure {name!r} is drawn but no page shows it"


def test_every_image_names_a_figure_and_says_what_it_shows():
    images = page_images()
    assert images
    for page, name, alt in images:
        assert name in FIGURES, f"{page}: figures/{name}.svg is not in bpdocs.figures.FIGURES"
        assert len(alt.split()) >= 8, f"{page}: the alt text of {name} does not say what it shows: {alt!r}"


def test_duplicate_figure_names_are_an_error():
    with pytest.raises(ValueError, match="'chain-rule-tangent' is defined in"):
        _collect([chain_rule_figures, chain_rule_figures])


def test_tangent_has_the_chain_rule_slope():
    x0 = 0.5
    fig = chain_rule_figures.composite_and_tangent(x0)
    tangent = fig.axes[1].lines[1]
    xs, ys = tangent.get_xdata(), tangent.get_ydata()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(6 * (3 * x0 + 1))
    assert slope == pytest.approx(calculus.central_difference(calculus.f_of_g, x0), rel=1e-8)
    curve = fig.axes[1].lines[0]
    assert np.allclose(curve.get_ydata(), (3 * curve.get_xdata() + 1) ** 2)


def test_home_graph_carries_the_chain_rule_gradient():
    from bpdocs.autodiff import trace
    from bpdocs.figures.home import chain_rule_graph_root

    for x0 in (-1.0, 0.5, 2.0):
        root = chain_rule_graph_root(x0)
        nodes, _ = trace(root)
        x = next(n for n in nodes if n.label == "x")
        assert x.grad == pytest.approx(calculus.chain_rule_derivative(x0))
        assert root.data == pytest.approx(calculus.f_of_g(x0))
        labels = {n.label for n in nodes}
        assert {"x", "3x", "u", "y"} <= labels
