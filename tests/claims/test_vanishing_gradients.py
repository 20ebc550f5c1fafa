"""The comparisons on docs/vanishing-gradients.md, computed with bpdocs on 5 seeds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bpdocs.examples.depth import SETUPS, run_depth
from bpdocs.layers import Linear, ReLU, Sigmoid, sigmoid_prime
from tests.conftest import claim

PAGE = "vanishing-gradients.md"
SEEDS = range(5)
HE = math.sqrt(2)


def factors(run, seed):
    """Per block, from the top: how much W^T and f' each change the gradient's norm.

    Returns (weight ratios, activation ratios, fraction of ReLU units passing), each
    a ratio of Frobenius norms after/before one layer's backward.
    """
    rng = np.random.default_rng(seed)  # the X and G that run_depth drew
    X, G = rng.standard_normal((64, 32)), rng.standard_normal((64, 32))
    G /= np.linalg.norm(G)
    run.net.forward(X)
    weights, activations, passing, grad = [], [], [], G
    for layer in reversed(run.net.layers):
        new = layer.backward(grad)
        ratio = np.linalg.norm(new) / np.linalg.norm(grad)
        (weights if isinstance(layer, Linear) else activations).append(ratio)
        if isinstance(layer, ReLU):
            passing.append(float(np.mean(layer.backward(np.ones_like(grad)))))
        grad = new
    return np.array(weights), np.array(activations), np.array(passing)


def test_lecun_normal_is_the_init_of_bpdocs_linear():
    claim(PAGE, "Gain 1 is *LeCun initialisation*, variance $1/\\text{fan-in}$,")
    claim(PAGE, "drawn from a normal distribution: the one bpdocs' `Linear` uses")
    W = Linear(400, 300, rng=0).W
    assert abs(W.mean()) < 3 * (1 / math.sqrt(400)) / math.sqrt(W.size)  # mean 0
    assert W.var() == pytest.approx(1 / 400, rel=0.02)  # 1 / fan-in
    z = W.ravel() * math.sqrt(400)  # standardised: should be N(0, 1)
    assert np.mean(np.abs(z) < 1) == pytest.approx(0.6827, abs=0.01)
    assert np.mean(np.abs(z) < 2) == pytest.approx(0.9545, abs=0.005)
    assert np.abs(z).max() > 4  # a plain normal: not truncated at 2 sigma
    assert np.all(Linear(3, 2, rng=0).b == 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_keeps_a_fraction_close_to_the_quarter_cap(seed):
    claim(
        PAGE,
        "each layer leaves only a fraction of the gradient, close to the $\\frac14$",
    )
    claim(PAGE, "By layer 1 almost nothing is left.")
    run = run_depth("sigmoid", seed=seed)
    assert 0.2 < run.per_layer_factor() < 0.25
    assert np.all(np.diff(run.norms) > 0)  # it shrinks at every single layer
    assert run.norms[0] < 1e-15


@pytest.mark.parametrize("seed", SEEDS)
def test_sigmoid_slopes_sit_close_to_the_maximum(seed):
    claim(
        PAGE, "The pre-activations stay near zero, so every $\\sigma'(z)$ sits close to"
    )
    run = run_depth("sigmoid", seed=seed)
    sigmoids = [layer for layer in run.net.layers if isinstance(layer, Sigmoid)]
    slopes = np.concatenate([(s.Y * (1 - s.Y)).ravel() for s in sigmoids])
    assert 0.2 < slopes.mean() <= 0.25 and slopes.max() <= 0.25
    Y = np.concatenate([s.Y.ravel() for s in sigmoids])
    z = np.log(Y) - np.log1p(-Y)  # the pre-activations, back from sigma(z)
    assert np.mean(np.abs(z)) < 0.5
    assert sigmoid_prime(0.0) == 0.25


@pytest.mark.parametrize("seed", SEEDS)
def test_the_random_weights_leave_the_norm_roughly_unchanged(seed):
    claim(PAGE, "the random weights leave the norm roughly unchanged")
    weights, _, _ = factors(run_depth("sigmoid", seed=seed), seed)
    assert np.all((0.75 < weights) & (weights < 1.25))
    assert np.exp(np.log(weights).mean()) == pytest.approx(1, abs=0.05)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_bound_holds_and_every_sigmoid_layer_must_shrink(seed):
    claim(PAGE, "The bound above holds at every layer")
    claim(PAGE, "Unless the weights stretch some direction by a factor of four or more")
    claim(PAGE, "a sigmoid layer *must* shrink the gradient")
    run = run_depth("sigmoid", seed=seed)
    linears = [layer for layer in run.net.layers if isinstance(layer, Linear)]
    ratios = run.norms[:-1] / run.norms[1:]  # Frobenius norms of dL/dh
    spectral = np.array([np.linalg.norm(layer.W, 2) for layer in linears[1:]])
    assert np.all(ratios <= spectral / 4)
    assert np.all(spectral < 4) and np.all(ratios < 1)
    # the spectral norm is the one the bound needs: the Frobenius norm is larger
    frobenius = np.array([np.linalg.norm(layer.W) for layer in linears[1:]])
    assert np.all(frobenius > spectral)


def test_the_bound_needs_the_spectral_norm_of_w():
    claim(PAGE, "$\\lVert W_l \\rVert_2$ is its spectral norm, the operator norm for")
    claim(
        PAGE, "the most it can stretch any vector, which is its largest singular value"
    )
    rng = np.random.default_rng(0)
    W = rng.standard_normal((32, 32)) / math.sqrt(32)
    spectral = np.linalg.norm(W, 2)
    assert spectral == pytest.approx(np.linalg.svd(W, compute_uv=False).max())
    rows = rng.standard_normal((500, 32))
    stretch = np.linalg.norm(rows @ W.T, axis=1) / np.linalg.norm(rows, axis=1)
    assert stretch.max() <= spectral * (1 + 1e-12)
    top = np.linalg.svd(W)[2][0]  # the row direction that W^T stretches most
    assert np.linalg.norm(top @ W.T) == pytest.approx(spectral)


@pytest.mark.parametrize("seed", SEEDS)
def test_relu_with_lecun_init_fades_more_slowly_by_about_root_half(seed):
    claim(PAGE, "**ReLU with LeCun init fades too**, more slowly.")
    claim(PAGE, "each layer multiplies the norm by about $\\sqrt{1/2}$")
    run = run_depth("relu", 1.0, seed=seed)
    assert run_depth("sigmoid", seed=seed).per_layer_factor() < run.per_layer_factor()
    assert run.per_layer_factor() == pytest.approx(math.sqrt(0.5), abs=0.05)
    assert run.norms[0] < 1e-3


@pytest.mark.parametrize("seed", SEEDS)
def test_relu_zeroes_half_and_the_weights_keep_the_squared_norm(seed):
    claim(PAGE, "on average it zeroes half of the gradient's entries, which halves its")
    claim(PAGE, "$W^\\top$ keeps the squared norm on average")
    weights, activations, passing = factors(run_depth("relu", 1.0, seed=seed), seed)
    assert passing.mean() == pytest.approx(0.5, abs=0.03)
    assert np.mean(activations**2) == pytest.approx(0.5, abs=0.03)
    assert np.mean(weights**2) == pytest.approx(1.0, abs=0.06)


@pytest.mark.parametrize("seed", SEEDS)
def test_he_init_makes_up_for_the_halving(seed):
    claim(PAGE, "Doubling the weights' variance (gain $\\sqrt 2$) makes up for")
    claim(PAGE, "reaches layer 1 within an order of magnitude of where it")
    run = run_depth("relu", HE, seed=seed)
    weights, activations, _ = factors(run, seed)
    assert np.mean(weights**2) == pytest.approx(2.0, abs=0.12)
    assert np.mean(weights**2 * activations**2) == pytest.approx(1.0, abs=0.1)
    assert 0.9 < run.per_layer_factor() < 1.1
    assert 0.1 < run.norms[0] < 10
    assert run.norms.min() > 0.1 and run.norms.max() < 10


@pytest.mark.parametrize("seed", SEEDS)
def test_tanh_fades_slowly_and_still_fades_over_120_layers(seed):
    claim(PAGE, "Its factor per layer is just below one; over thirty layers that")
    claim(PAGE, "costs less than an order of magnitude")
    claim(PAGE, "over 120 layers, less than 3 % of the gradient is left")
    run = run_depth("tanh", 1.0, seed=seed)
    assert 0.9 < run.per_layer_factor() < 1.0
    assert 0.1 < run.norms[0] < 1.0
    assert run_depth("tanh", 1.0, depth=120, seed=seed).norms[0] < 0.03


@pytest.mark.parametrize("seed", SEEDS)
def test_too_large_an_init_explodes_by_about_the_extra_gain(seed):
    claim(PAGE, "each ReLU layer multiplies the gradient norm by")
    claim(PAGE, "about that extra gain")
    run = run_depth("relu", 1.5 * HE, seed=seed)
    assert run.per_layer_factor() == pytest.approx(1.5, abs=0.15)
    assert run.norms[0] > 1e3


def test_the_order_of_the_setups_at_layer_one():
    claim(
        PAGE, "with sigmoid it vanishes to almost nothing, ReLU with LeCun init fades"
    )
    claim(PAGE, "tanh with LeCun init and ReLU with He init stay within an order of")
    runs = {label: run_depth(a, g) for label, (a, g) in SETUPS.items()}
    first = {label: run.norms[0] for label, run in runs.items()}
    for label in ["tanh, LeCun init", "ReLU, He init"]:
        assert 0.1 < runs[label].norms.min() and runs[label].norms.max() < 10
    assert (
        first["sigmoid, LeCun init"]
        < first["ReLU, LeCun init"]
        < 0.1
        < first["tanh, LeCun init"]
        < first["ReLU, He init"]
        < 1
        < 10
        < first["ReLU, 1.5 × He init"]
    )


def test_scaled_inits_make_the_factor_close_to_one():
    claim(PAGE, "initialisations scaled to the activation make the typical")
    claim(PAGE, "factor close to 1: He for ReLU, as above, and Glorot for tanh")
    claim(PAGE, "is, for these square layers, LeCun's $1/32$ of the tanh row")
    fan_in = fan_out = 32
    assert 2 / (fan_in + fan_out) == 1 / fan_in
    for seed in SEEDS:
        for activation, gain in [("relu", HE), ("tanh", 1.0)]:
            factor = run_depth(activation, gain, seed=seed).per_layer_factor()
            assert abs(1 - factor) < 0.1
            # closer to 1 than the same activation with the wrong scale
            wrong = run_depth(activation, {HE: 1.0, 1.0: 2.0}[gain], seed=seed)
            assert abs(1 - factor) < abs(1 - wrong.per_layer_factor())
