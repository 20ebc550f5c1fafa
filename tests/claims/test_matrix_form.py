"""The claims of docs/matrix-form.md, each backed by a computation."""

from __future__ import annotations

import numpy as np

from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import sigmoid
from bpdocs.network import bce_loss, mse_loss, relative_error, source_data
from tests.conftest import claim


def test_dz2_over_m_is_the_cross_entropy_gradient_not_the_mse_one():
    claim(
        "matrix-form.md",
        "That is the gradient, with respect to `z2`, of the mean binary cross-entropy",
    )
    claim(
        "matrix-form.md",
        "not of the mean squared error that `compute_loss` reports.",
    )
    X, y, net = source_data()  # the text's data and its untrained network
    a2 = net.forward(X)
    used = (a2 - y) / X.shape[0]  # the code's dz2 / m
    z2 = net.z2.copy()
    bce = numerical_gradient(lambda z: bce_loss(sigmoid(z), y), z2)
    mse = numerical_gradient(lambda z: mse_loss(sigmoid(z), y), z2)
    assert relative_error(used, bce) < 1e-6
    assert relative_error(used, mse) > 0.4  # off by a factor near 2 before training


def test_the_code_divides_by_m_at_the_end():
    claim("matrix-form.md", "The code divides by $m$ at the end instead of the start")
    X, y, net = source_data()
    a2 = net.forward(X)
    dz2, m = a2 - y, X.shape[0]
    assert np.allclose((net.a1.T @ dz2) / m, net.a1.T @ (dz2 / m), rtol=1e-14)
