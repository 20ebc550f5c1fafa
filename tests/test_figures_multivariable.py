"""The data plotted on the multivariable and matrix-form pages is what those pages say it is."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.quiver import Quiver

from bpdocs import multivariable as mv
from bpdocs.calculus import central_difference
from bpdocs.figures import FIGURES
from bpdocs.figures import matrix_form as mf_figures
from bpdocs.figures import multivariable as mv_figures


def test_both_modules_are_registered():
    for module in (mv_figures, mf_figures):
        for name, fn in module.FIGURES.items():
            assert FIGURES[name] is fn


def test_path_lies_on_t_squared_sin_t():
    ax = mv_figures.path_over_contours().axes[0]
    path, marked = ax.lines[0], ax.lines[1]
    for line in (path, marked):
        x, y = line.get_xdata(), line.get_ydata()
        t = np.sign(y) * np.sqrt(x)  # |t| < pi, so sin t has the sign of t
        assert np.allclose(y, np.sin(t), rtol=0, atol=1e-14)
    x, y = marked.get_xdata(), marked.get_ydata()
    t = np.array(mv_figures.MARKED_T)
    assert np.allclose(x, t**2) and np.allclose(y, np.sin(t))


def test_path_arrows_are_the_velocity():
    ax = mv_figures.path_over_contours().axes[0]
    (quiver,) = [c for c in ax.collections if isinstance(c, Quiver)]
    t = np.array(mv_figures.MARKED_T)
    assert np.allclose(quiver.U, 2 * t) and np.allclose(quiver.V, np.cos(t))
    assert np.allclose(quiver.X, t**2) and np.allclose(quiver.Y, np.sin(t))


def test_contours_are_levels_of_f():
    ax = mv_figures.path_over_contours().axes[0]
    contour = ax.collections[0]
    for level, path in zip(contour.levels, contour.get_paths()):
        xy = path.vertices
        assert len(xy) > 10
        assert np.allclose(mv.f(xy[:, 0], xy[:, 1]), level, rtol=2e-3)


def test_path_terms_sum_to_the_numerical_derivative():
    ax = mv_figures.path_terms().axes[0]
    via_x, via_y, total, markers = ax.lines[:4]
    t = via_x.get_xdata()
    assert np.allclose(via_x.get_ydata(), 4 * t**3, rtol=1e-14, atol=1e-14)
    assert np.allclose(via_y.get_ydata(), 2 * np.sin(t) * np.cos(t), rtol=1e-14, atol=1e-14)
    assert np.allclose(total.get_ydata(), via_x.get_ydata() + via_y.get_ydata(), rtol=1e-15, atol=1e-15)
    tm, numeric = markers.get_xdata(), np.asarray(markers.get_ydata())
    assert len(tm) >= 10
    assert np.allclose(numeric, [central_difference(mv.f_of_t, ti) for ti in tm], rtol=0, atol=0)
    via_x_m, via_y_m = mv.path_terms(tm)
    assert np.allclose(via_x_m + via_y_m, numeric, rtol=1e-8, atol=1e-8)


def test_shape_diagram_draws_each_matrix_with_its_shape():
    m, n, k = 6, 4, 3
    ax = mf_figures.shape_diagram(m, n, k).axes[0]
    boxes = [(round(p.get_height()), round(p.get_width())) for p in ax.patches if isinstance(p, Rectangle)]
    assert boxes == [(n, k), (n, m), (m, k),   # dL/dW = X^T @ dL/dZ
                     (1, k), (1, m), (m, k),   # dL/db = 1^T @ dL/dZ
                     (m, n), (m, k), (k, n)]   # dL/dX = dL/dZ @ W^T


def test_shape_diagram_data_is_the_linear_backward():
    a = mf_figures.linear_gradients(6, 4, 3)
    assert np.allclose(a["dW"], a["X^T"] @ a["dZ"])
    assert np.allclose(a["db"], a["1^T"] @ a["dZ"])
    assert np.allclose(a["dX"], a["dZ"] @ a["W^T"])


def test_jacobian_figure_shows_x_times_identity():
    m, n, k = 2, 4, 3
    X, W, b, J = mf_figures.tiny_jacobian(m, n, k)
    assert J.shape == (m, k, n, k)
    assert np.allclose(J, np.einsum("ip,jq->ijpq", X, np.eye(k)), rtol=1e-8, atol=1e-9)
    ax = mf_figures.jacobian_pattern(m, n, k).axes[0]
    (image,) = [im for im in ax.images if isinstance(im, AxesImage)]
    shown = image.get_array()
    assert shown.shape == (m * k, n * k)
    assert np.allclose(shown.filled(0.0), J.reshape(m * k, n * k))
    assert int(np.count_nonzero(~shown.mask)) == m * n * k
    assert f"{m * k * n * k} entries, {m * n * k} nonzero" in ax.get_title()


@pytest.mark.parametrize("name", sorted({**mv_figures.FIGURES, **mf_figures.FIGURES}))
def test_figures_are_deterministic(name):
    from bpdocs.plotting import render_svg

    assert render_svg(FIGURES[name]()) == render_svg(FIGURES[name]())


def test_jacobian_figure_draws_the_layer_of_the_page_snippet():
    """docs/matrix-form-check.md builds its tiny layer with default_rng(1) and m, n, k = 2, 4, 3."""
    rng = np.random.default_rng(1)
    X, W, b, _ = mf_figures.tiny_jacobian()
    assert np.array_equal(X, rng.standard_normal((2, 4)))
    assert np.array_equal(W, rng.standard_normal((4, 3)))
    assert np.array_equal(b, rng.standard_normal(3))
