"""The data plotted on the multivariable and matrix-form pages is what the pages say."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples import multivariable as mv
from bpdocs.examples.calculus import central_difference
from bpdocs.figures import FIGURES
from bpdocs.figures import matrix_form as mf_figures
from bpdocs.figures import multivariable as mv_figures
from tests.conftest import by_gid


def test_both_modules_are_registered():
    for module in (mv_figures, mf_figures):
        for name, fn in module.FIGURES.items():
            assert FIGURES[name] is fn


def test_path_lies_on_t_squared_sin_t():
    fig = mv_figures.path_over_contours()
    path, marked = by_gid(fig, "path"), by_gid(fig, "marked")
    for line in (path, marked):
        x, y = line.get_xdata(), line.get_ydata()
        t = np.sign(y) * np.sqrt(x)  # |t| < pi, so sin t has the sign of t
        assert np.allclose(y, np.sin(t), rtol=0, atol=1e-14)
    x, y = marked.get_xdata(), marked.get_ydata()
    t = np.array(mv_figures.MARKED_T)
    assert np.allclose(x, t**2) and np.allclose(y, np.sin(t))


def test_path_arrows_are_the_velocity():
    quiver = by_gid(mv_figures.path_over_contours(), "velocity")
    t = np.array(mv_figures.MARKED_T)
    assert np.allclose(quiver.U, 2 * t) and np.allclose(quiver.V, np.cos(t))
    assert np.allclose(quiver.X, t**2) and np.allclose(quiver.Y, np.sin(t))


def test_contours_are_levels_of_f():
    contour = by_gid(mv_figures.path_over_contours(), "contours")
    assert list(contour.levels) == [0.25, 0.5, 1, 2, 3, 4, 5, 6]
    for level, path in zip(contour.levels, contour.get_paths(), strict=True):
        xy = path.vertices
        assert len(xy) > 10
        assert np.allclose(mv.f(xy[:, 0], xy[:, 1]), level, rtol=2e-3)


def test_path_terms_sum_to_the_numerical_derivative():
    fig = mv_figures.path_terms()
    via_x, via_y = by_gid(fig, "via-x"), by_gid(fig, "via-y")
    total, markers = by_gid(fig, "df-dt"), by_gid(fig, "central-difference")
    t = via_x.get_xdata()
    assert np.allclose(via_x.get_ydata(), 4 * t**3, rtol=1e-14, atol=1e-14)
    assert np.allclose(
        via_y.get_ydata(), 2 * np.sin(t) * np.cos(t), rtol=1e-14, atol=1e-14
    )
    assert np.allclose(
        total.get_ydata(), via_x.get_ydata() + via_y.get_ydata(), rtol=1e-15, atol=1e-15
    )
    tm, numeric = markers.get_xdata(), np.asarray(markers.get_ydata())
    assert len(tm) >= 10
    assert np.allclose(
        numeric, [central_difference(mv.f_of_t, ti) for ti in tm], rtol=0, atol=0
    )
    via_x_m, via_y_m = mv.path_terms(tm)
    assert np.allclose(via_x_m + via_y_m, numeric, rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("name", sorted({**mv_figures.FIGURES, **mf_figures.FIGURES}))
def test_figures_are_deterministic(name):
    from sitebuild.drawfigures import render_svg

    assert render_svg(FIGURES[name]()) == render_svg(FIGURES[name]())
