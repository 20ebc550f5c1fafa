"""docs/broken-backward-passes.md: each comparative sentence, quoted and computed."""

from __future__ import annotations

import numpy as np

from bpdocs.examples import bugs
from bpdocs.gradcheck import relative_error
from bpdocs.layers import sigmoid
from tests.conftest import claim

PAGE = "broken-backward-passes.md"


def test_the_cross_entropys_gradient_is_at_least_4_times_the_squared_errors():
    claim(PAGE, "so $a - t$ is at least 4 times too large, entry by entry")
    z = np.linspace(-8, 8, 401)
    t = 0.3
    broken = sigmoid(z) - t
    fixed = (sigmoid(z) - t) * sigmoid(z) * (1 - sigmoid(z))
    assert np.all(np.abs(broken) >= 4 * np.abs(fixed))
    ratio = bugs.sigmoid_mse_grad_broken(bugs.x0) / bugs.sigmoid_mse_grad_fixed(bugs.x0)
    assert np.all(ratio >= 4)


def test_a_relative_error_above_1_means_opposite_signs():
    claim(PAGE, "A relative error above 1 means the two gradients have opposite signs")
    rng = np.random.default_rng(0)
    a, n = rng.standard_normal(1000), rng.standard_normal(1000)
    err = relative_error(a, n, floor=1e-300)
    assert np.array_equal(err > 1, np.sign(a) != np.sign(n))
    sign = bugs.cos_grad_broken(bugs.x0) * bugs.cos_grad_fixed(bugs.x0)
    assert np.any(sign < 0)


def test_the_missing_tanh_derivative_is_nearly_right_near_zero():
    claim(PAGE, "Where the tanh is nearly linear ($A$ near 0) the broken gradient is")
    small = 1e-3 * bugs.W0
    X, T = bugs.X, bugs.T
    # near A = 0 with targets scaled down too, the missing 1 - A**2 changes little
    near = relative_error(
        bugs.tanh_layer_grad_broken(small), bugs.tanh_layer_grad_fixed(small)
    ).max()
    far = relative_error(
        bugs.tanh_layer_grad_broken(bugs.W0), bugs.tanh_layer_grad_fixed(bugs.W0)
    ).max()
    assert near < 1e-4 < 0.5 < far
    assert np.abs(np.tanh(X @ small)).max() < 0.01 and T.shape == X.shape


def test_the_mean_bugs_error_is_one_minus_a_quarter():
    claim(PAGE, "so the relative error is $1 - \\frac{1}{4} = 0.75$")
    err = bugs.worst_error(bugs.mean_loss, bugs.mean_grad_broken, bugs.W0.copy())
    assert abs(err - 0.75) < 1e-6
