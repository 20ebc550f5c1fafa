"""Tests for bpdocs.examples.initialisation: symmetry, variance, residuals, clipping.

What the page says about the runs is tested in tests/claims/test_initialisation.py.
"""

import math

import numpy as np
import pytest

from bpdocs.examples.depth import deep_mlp, gradient_norms, run_depth
from bpdocs.examples.initialisation import (
    DIVERGED,
    PROFILES,
    VARIANCES,
    mean_ratio,
    one_layer_factors,
    residual_mlp,
    run_residual,
    steep_net,
    train_clipped,
    train_two_layer,
    variance_profile,
    wave_data,
)
from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import Linear, Residual, Sequential


def test_wave_data_is_seeded_and_in_the_square():
    X, T = wave_data()
    assert X.shape == (40, 2) and T.shape == (40, 1)
    assert np.all(np.abs(X) <= 2)
    np.testing.assert_allclose(T[:, 0], np.sin(X[:, 0]) * np.cos(X[:, 1]))
    np.testing.assert_array_equal(wave_data()[0], X)


def test_equal_starts_stay_equal_for_any_number_of_steps_and_units():
    for steps in (1, 7, 50):
        net, _ = train_two_layer("equal", hidden=3, steps=steps)
        W1, W2 = net.layers[0].W, net.layers[2].W
        assert np.all(W1 == W1[:, :1]) and np.all(W2 == W2[0])
        assert np.all(net.layers[0].b == net.layers[0].b[0])
        assert not np.all(W1 == 0.5)  # they did move


def test_the_zero_start_has_exactly_zero_weight_gradients():
    net, _ = train_two_layer("zeros", steps=3)
    X, T = wave_data()
    for linear in (net.layers[0], net.layers[2]):
        assert np.all(linear.W == 0)
    assert np.all(net.layers[0].b == 0) and net.layers[2].b[0] != 0
    assert np.all(net.layers[2].dW == 0) and np.all(net.layers[0].dW == 0)


def test_bad_start_is_named():
    with pytest.raises(ValueError, match="start must be 'zeros', 'equal' or 'random'"):
        train_two_layer("ones")


def test_the_schemes_variances():
    assert VARIANCES["LeCun"](100, 300) == 1 / 100
    assert VARIANCES["Glorot"](100, 300) == 2 / 400
    assert VARIANCES["He"](100, 300) == 2 / 100
    assert VARIANCES["Glorot"](64, 64) == VARIANCES["LeCun"](64, 64)


@pytest.mark.parametrize("scheme", sorted(VARIANCES))
def test_one_layer_gains_are_fan_in_and_fan_out_times_var(scheme):
    var = VARIANCES[scheme](80, 200)
    for seed in (1, 2):
        forward, backward = one_layer_factors(scheme, 80, 200, batch=1000, seed=seed)
        assert forward == pytest.approx(80 * var, rel=0.05)
        assert backward == pytest.approx(200 * var, rel=0.05)


def test_variance_profile_reads_the_right_arrays():
    fwd, bwd = variance_profile("relu", 2.0, depth=3, width=8, batch=5, seed=4)
    assert fwd.shape == (3,) and bwd.shape == (4,)
    rng = np.random.default_rng(4)
    X, G = rng.standard_normal((5, 8)), rng.standard_normal((5, 8))
    net = deep_mlp("relu", 3, 8, gain=math.sqrt(2.0), seed=5)
    z1 = net.layers[0].forward(X)
    assert fwd[0] == pytest.approx(np.mean(z1**2), rel=1e-14)
    assert bwd[-1] == pytest.approx(np.mean(G**2), rel=1e-14)
    net.forward(X)
    assert bwd[0] == pytest.approx(np.mean(net.backward(G) ** 2), rel=1e-14)


def test_mean_ratio():
    assert mean_ratio([1.0, 2.0, 8.0]) == pytest.approx((2 + 4) / 2)


def test_profiles_are_the_ones_the_page_names():
    assert PROFILES == {
        "ReLU, 0.5/n: too small": ("relu", 0.5),
        "ReLU, 1/n: LeCun": ("relu", 1.0),
        "ReLU, 2/n: He": ("relu", 2.0),
        "ReLU, 4/n: too large": ("relu", 4.0),
        "tanh, 1/n: Glorot (= LeCun here)": ("tanh", 1.0),
    }


def test_residual_mlp_wraps_the_same_weights():
    plain = deep_mlp("tanh", depth=3, width=4, seed=2)
    res = residual_mlp("tanh", depth=3, width=4, seed=2)
    assert all(isinstance(layer, Residual) for layer in res.layers)
    for block, linear in zip(res.layers, plain.layers[::2], strict=True):
        np.testing.assert_array_equal(block.block.layers[0].W, linear.W)


def test_residual_gradient_norms_are_norms_of_the_true_gradients():
    rng = np.random.default_rng(1)
    X, G = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    net = residual_mlp("sigmoid", depth=3, width=4, seed=2)
    norms = gradient_norms(net, X, G)
    h = X
    for k in range(3):
        h = net.layers[k].forward(h)
        rest = Sequential(*net.layers[k + 1 :])
        numeric = numerical_gradient(
            lambda H, rest=rest: float(np.sum(G * rest.forward(H))), h.copy()
        )
        assert norms[k] == pytest.approx(np.linalg.norm(numeric), rel=1e-6)


def test_run_residual_uses_run_depths_inputs():
    res, plain = run_residual("relu", depth=4), run_depth("relu", depth=4)
    assert res.norms[-1] == pytest.approx(1.0) == plain.norms[-1]
    first = res.net.layers[0].block.layers[0].W
    np.testing.assert_array_equal(first, plain.net.layers[0].W)


def test_steep_net_is_a_scaled_relu_net_with_a_read_out():
    net = steep_net()
    assert isinstance(net.layers[-1], Linear) and net.layers[-1].W.shape == (16, 1)
    assert len(net.layers) == 21
    ref = deep_mlp("relu", 10, 16, gain=1.0, seed=1)
    np.testing.assert_allclose(net.layers[0].W, 1.5 * math.sqrt(2) * ref.layers[0].W)


def test_train_clipped_stops_when_diverged_and_records_pre_clip_norms():
    plain = train_clipped(None, lr=0.03, steps=50)
    assert plain.diverged() and plain.losses[-1] > DIVERGED
    assert len(plain.norms) == len(plain.losses) - 1
    clipped = train_clipped(10.0, lr=0.03, steps=5)
    assert not clipped.diverged() and len(clipped.losses) == len(clipped.norms) == 5
    assert clipped.norms[0] == plain.norms[0] > 10  # the same first gradient
    assert clipped.losses[0] == plain.losses[0]
