"""Tests for bpdocs.examples.depth: what the page says about gradients through depth.

The sigmoid itself, and its bound sigma' <= 1/4, are tested with bpdocs.layers.
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
from bpdocs.layers import Linear, Sequential, Sigmoid, sigmoid_prime

SEEDS = range(5)


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
    # standard init: variance 1 / width, so a wide layer's weights have that spread
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
        "sigmoid, standard init": ("sigmoid", 1.0),
        "tanh, standard init": ("tanh", 1.0),
        "ReLU, standard init": ("relu", 1.0),
        "ReLU, He init": ("relu", math.sqrt(2)),
        "ReLU, 1.5 × He init": ("relu", 1.5 * math.sqrt(2)),
    }


# ------------------------------------------------ the page's claims, over several seeds


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_vanishes_by_more_than_four_per_layer(seed):
    run = run_depth("sigmoid", seed=seed)
    assert (
        0.2 < run.per_layer_factor() < 0.25
    )  # shrinks by at least x4 per layer, near the 1/4 cap
    assert run.norms[0] < 1e-15  # "by layer 1 almost nothing is left"
    assert np.all(np.diff(run.norms) > 0)  # it shrinks at every single layer


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_net_sits_near_the_maximum_and_obeys_the_bound(seed):
    run = run_depth("sigmoid", seed=seed)
    slopes = np.concatenate(
        [(s.Y * (1 - s.Y)).ravel() for s in run.net.layers if isinstance(s, Sigmoid)]
    )
    assert 0.2 < slopes.mean() <= 0.25 and slopes.max() <= 0.25
    linears = [layer for layer in run.net.layers if isinstance(layer, Linear)]
    ratios = run.norms[:-1] / run.norms[1:]
    bounds = np.array([np.linalg.norm(layer.W, 2) / 4 for layer in linears[1:]])
    assert np.all(ratios <= bounds)
    assert np.all(
        bounds < 1
    )  # so with these weights every sigmoid layer must shrink the gradient


@pytest.mark.parametrize("seed", SEEDS)
def test_relu_with_standard_init_fades_by_about_root_half(seed):
    run = run_depth("relu", 1.0, seed=seed)
    assert run.per_layer_factor() == pytest.approx(math.sqrt(0.5), abs=0.05)
    assert run.norms[0] < 1e-3


@pytest.mark.parametrize("seed", SEEDS)
def test_relu_with_he_init_roughly_preserves_the_norm(seed):
    run = run_depth("relu", math.sqrt(2), seed=seed)
    assert 0.9 < run.per_layer_factor() < 1.1
    assert 0.1 < run.norms[0] < 10  # "within an order of magnitude of where it started"
    assert run.norms.min() > 0.1 and run.norms.max() < 10


@pytest.mark.parametrize("seed", SEEDS)
def test_tanh_with_standard_init_fades_slowly(seed):
    run = run_depth("tanh", 1.0, seed=seed)
    assert 0.9 < run.per_layer_factor() < 1.0  # "just below one"
    assert 0.1 < run.norms[0] < 1.0  # "less than an order of magnitude" over 30 layers


@pytest.mark.parametrize("seed", SEEDS)
def test_too_large_an_init_explodes(seed):
    run = run_depth("relu", 1.5 * math.sqrt(2), seed=seed)
    assert 1.3 < run.per_layer_factor() < 1.6  # about the extra gain of 1.5
    assert run.norms[0] > 1e3


def test_the_order_of_the_setups_at_layer_one():
    first = {label: run_depth(a, g).norms[0] for label, (a, g) in SETUPS.items()}
    assert (
        first["sigmoid, standard init"]
        < first["ReLU, standard init"]
        < first["tanh, standard init"]
        < first["ReLU, He init"]
        < 1
        < first["ReLU, 1.5 × He init"]
    )
