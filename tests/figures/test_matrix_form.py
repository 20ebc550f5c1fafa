"""bpdocs/figures/matrix_form.py: the shapes of the linear layer and its Jacobian."""

from __future__ import annotations

import numpy as np

from bpdocs.figures import matrix_form as mf_figures
from tests.conftest import by_gid


def test_shape_diagram_draws_each_matrix_with_its_shape():
    m, n, k = 6, 4, 3
    fig = mf_figures.shape_diagram(m, n, k)
    expected = {
        "dW": {"dW": (n, k), "Xt": (n, m), "dZ": (m, k)},  # dL/dW = X^T @ dL/dZ
        "db": {"db": (1, k), "ones": (1, m), "dZ": (m, k)},  # dL/db = 1^T @ dL/dZ
        "dX": {"dX": (m, n), "dZ": (m, k), "Wt": (k, n)},  # dL/dX = dL/dZ @ W^T
    }
    for row, shapes in expected.items():
        for name, shape in shapes.items():
            box = by_gid(fig, f"matrix-{row}-{name}")
            assert (round(box.get_height()), round(box.get_width())) == shape, name


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
    image = by_gid(mf_figures.jacobian_pattern(m, n, k), "jacobian")
    shown = image.get_array()
    assert shown.shape == (m * k, n * k)
    assert np.allclose(shown.filled(0.0), J.reshape(m * k, n * k))
    assert int(np.count_nonzero(~shown.mask)) == m * n * k
    assert f"{m * k * n * k} entries, {m * n * k} nonzero" in image.axes.get_title()


def test_jacobian_figure_draws_the_layer_of_the_page_snippet():
    """docs/matrix-form-check.md's tiny layer: default_rng(1) and m, n, k = 2, 4, 3."""
    rng = np.random.default_rng(1)
    X, W, b, _ = mf_figures.tiny_jacobian()
    assert np.array_equal(X, rng.standard_normal((2, 4)))
    assert np.array_equal(W, rng.standard_normal((4, 3)))
    assert np.array_equal(b, rng.standard_normal(3))
