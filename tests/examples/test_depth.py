"""Tests for bpdocs.examples.depth: deep MLPs and the norms of their gradients.

The sigmoid itself, and its bound sigma' <= 1/4, are tested with bpdocs.layers; what
the page says about the runs, in tests/claims/test_vanishing_gradients.py.
"""

import math

import numpy as np
import pytest

from bpdocs.examples.calculus import central_difference
from bpdocs.examples.depth import (
    ACTIVATIONS,
    SETUPS,
    deep_mlp,
    gradient_norms,
    local_derivative,
    run_depth,
)
from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import Linear, Sequential, sigmoid_prime

# ---------------------------------------------------------------- the local derivatives


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_local_derivative_matches_central_differences(activation):
    z = np.array([-3.0, -0.7, -0.1, 0.2, 0.9, 2.5])  # away from ReLU's kink at 0

    def f(t):
        return float(ACTIVATIONS[activation]().forward(np.array([[t]]))[0, 0])

    expected = [central_difference(f, t) for t in z]
    np.testing.assert_allclose(
        local_derivative(activation, z), expected, rtol=1e-7, atol=1e-12
    )


def test_local_derivative_closed_forms_and_shape():
    z = np.linspace(-5, 5, 41).reshape(1, 41)
    np.testing.assert_allclose(
        local_derivative("sigmoid", z), sigmoid_prime(z), atol=1e-15
    )
    np.testing.assert_allclose(
        local_derivative("tanh", z), 1 - np.tanh(z) ** 2, atol=1e-15
    )
    np.testing.assert_array_equal(local_derivative("relu", z), (z > 0).astype(float))
    assert local_derivative("tanh", z).shape == z.shape
    assert local_derivative("tanh", 0.0) == 1.0


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match="unknown activation 'gelu'"):
        local_derivative("gelu", 0.0)
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        deep_mlp("softplus")


@pytest.mark.parametrize(
    "kwargs", [{"depth": 0}, {"width": 0}, {"gain": 0.0}, {"gain": float("nan")}]
)
def test_bad_sizes_are_named(kwargs):
    with pytest.raises(ValueError, match="need depth >= 1, width >= 1 and gain > 0"):
        deep_mlp("relu", **kwargs)


# ----------------------------------------------------------- the deep MLP and its norms


def test_deep_mlp_structure_and_gain():
    net = deep_mlp("tanh", depth=4, width=5, gain=1.0, seed=3)
    assert repr(net) == "Sequential(" + ", ".join(["Linear(5, 5), Tanh()"] * 4) + ")"
    scaled = deep_mlp("tanh", depth=4, width=5, gain=2.5, seed=3)
    for a, b in zip(net.layers[::2], scaled.layers[::2], strict=True):
        np.testing.assert_allclose(b.W, 2.5 * a.W, rtol=1e-15)
    # LeCun init: variance 1 / width, so a wide layer's weights have that spread
    wide = deep_mlp("relu", depth=1, width=400, gain=math.sqrt(2), seed=0).layers[0].W
    assert wide.var() == pytest.approx(2 / 400, rel=0.02)


def test_gradient_norms_are_norms_of_the_true_gradients():
    # a small net: dL/dh_l from backprop must be the numerical gradient of L in h_l
    rng = np.random.default_rng(1)
    X, G = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    net = deep_mlp("sigmoid", depth=3, width=4, seed=2)
    norms = gradient_norms(net, X, G)
    assert norms.shape == (3,)
    assert norms[-1] == pytest.approx(np.linalg.norm(G))
    h = X
    for k in range(3):  # h = output of block k + 1
        h = net.layers[2 * k + 1].forward(net.layers[2 * k].forward(h))
        rest = Sequential(*net.layers[2 * k + 2 :])
        numeric = numerical_gradient(
            lambda H, rest=rest: float(np.sum(G * rest.forward(H))), h.copy()
        )
        assert norms[k] == pytest.approx(np.linalg.norm(numeric), rel=1e-6)


def test_runs_are_deterministic():
    a, b = run_depth("tanh", seed=3), run_depth("tanh", seed=3)
    np.testing.assert_array_equal(a.norms, b.norms)
    assert not np.array_equal(a.norms, run_depth("tanh", seed=4).norms)


def test_setup_default_shape_and_starting_norm():
    run = run_depth("relu", math.sqrt(2))
    assert run.norms.shape == (30,)
    assert run.norms[-1] == pytest.approx(1.0)  # |G| = 1 at the output end
    assert len([layer for layer in run.net.layers if isinstance(layer, Linear)]) == 30
    assert run.net.layers[0].W.shape == (32, 32)


def test_setups_are_the_ones_the_page_names():
    assert SETUPS == {
        "sigmoid, LeCun init": ("sigmoid", 1.0),
        "tanh, LeCun init": ("tanh", 1.0),
        "ReLU, LeCun init": ("relu", 1.0),
        "ReLU, He init": ("relu", math.sqrt(2)),
        "ReLU, 1.5 × He init": ("relu", 1.5 * math.sqrt(2)),
    }
