"""bpdocs/figures/chain_rule.py: the tangent of the chain rule page."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples import calculus
from bpdocs.figures import chain_rule as chain_rule_figures
from tests.conftest import by_gid


def test_tangent_has_the_chain_rule_slope():
    x0 = 0.5
    fig = chain_rule_figures.composite_and_tangent(x0)
    tangent = by_gid(fig, "tangent")
    assert tangent.axes is by_gid(fig, "composite")
    xs, ys = tangent.get_xdata(), tangent.get_ydata()
    slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
    assert slope == pytest.approx(6 * (3 * x0 + 1))
    assert slope == pytest.approx(
        calculus.central_difference(calculus.f_of_g, x0), rel=1e-8
    )
    curve = by_gid(fig, "f-of-g")
    assert np.allclose(curve.get_ydata(), (3 * curve.get_xdata() + 1) ** 2)
    inner = by_gid(fig, "g")
    assert inner.axes is by_gid(fig, "inner")
    assert np.allclose(inner.get_ydata(), 3 * inner.get_xdata() + 1)
    point = by_gid(fig, "x0")
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (x0, calculus.f_of_g(x0))
