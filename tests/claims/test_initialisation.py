"""The comparisons on docs/initialisation.md, each computed with bpdocs."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples.depth import run_depth
from bpdocs.examples.initialisation import (
    PROFILES,
    VARIANCES,
    mean_ratio,
    one_layer_factors,
    run_residual,
    train_clipped,
    train_two_layer,
    variance_profile,
    wave_data,
)
from tests.conftest import claim

PAGE = "initialisation.md"
RATES = [1e-5, 1e-4, 2e-4, 1e-3, 1e-2, 3e-2]  # the page's sweep


@pytest.fixture(scope="module")
def sweep():
    """`{rate: (plain run, clipped run)}` over the page's learning rates."""
    return {lr: (train_clipped(None, lr), train_clipped(10.0, lr)) for lr in RATES}


@pytest.fixture(scope="module")
def profiles():
    return {label: variance_profile(a, s) for label, (a, s) in PROFILES.items()}


def test_equal_starts_compute_one_units_function_and_random_ends_far_lower():
    claim(PAGE, "Gradient descent never breaks the symmetry")
    claim(PAGE, "the network still computes what one hidden unit computes")
    claim(PAGE, "its loss ends more than thirty times lower")
    X, _ = wave_data()
    for start in ("zeros", "equal"):
        net, _ = train_two_layer(start)
        W1, b1 = net.layers[0].W, net.layers[0].b
        W2, b2 = net.layers[2].W, net.layers[2].b
        one_unit = 4 * W2[0, 0] * np.tanh(X @ W1[:, :1] + b1[0]) + b2
        np.testing.assert_allclose(net.forward(X), one_unit, rtol=1e-12, atol=1e-15)
    _, equal = train_two_layer("equal")
    _, random = train_two_layer("random")
    assert random * 30 < equal


def test_from_zeros_neither_weight_matrix_moves_and_the_net_is_a_constant():
    claim(PAGE, "Neither weight matrix ever moves; only the output bias $b_2$ learns")
    claim(PAGE, "With equal *nonzero* weights the units do move, but together.")
    net, _ = train_two_layer("zeros")
    X, T = wave_data()
    assert np.all(net.layers[0].W == 0) and np.all(net.layers[2].W == 0)
    out = net.forward(X)
    assert np.all(out == out[0]) and out[0, 0] == pytest.approx(T.mean(), abs=1e-6)
    moved, _ = train_two_layer("equal")
    assert np.all(moved.layers[0].W != 0.5)


def test_lecun_keeps_forward_glorot_in_between():
    claim(PAGE, "LeCun keeps the forward pass and triples the backward one")
    claim(PAGE, "Glorot halves the one and multiplies the other by 1.5")
    for seed in range(2):
        f, b = one_layer_factors("LeCun", seed=seed)
        assert f == pytest.approx(1, rel=0.03) and b == pytest.approx(3, rel=0.03)
        f, b = one_layer_factors("Glorot", seed=seed)
        assert f == pytest.approx(0.5, rel=0.03) and b == pytest.approx(1.5, rel=0.03)
    assert VARIANCES["Glorot"](100, 300) * 100 == 0.5


def test_the_relu_factor_is_s_over_2_within_a_few_percent(profiles):
    claim(PAGE, "is $s/2$ for every ReLU")
    claim(PAGE, "scale, within a few percent, forward and backward alike")
    for label, (activation, s) in PROFILES.items():
        if activation == "relu":
            fwd, bwd = profiles[label]
            assert mean_ratio(fwd) == pytest.approx(s / 2, rel=0.05)
            assert mean_ratio(bwd[::-1]) == pytest.approx(s / 2, rel=0.05)


def test_he_is_the_one_scale_near_one_and_lecun_leaves_1e_minus_8(profiles):
    claim(PAGE, "He's $2/n$ is the one scale that keeps")
    claim(PAGE, "both near 1")
    claim(PAGE, "halvings leave a few times $10^{-8}$")
    for label, (fwd, bwd) in profiles.items():
        near_one = all(0.1 < v < 10 for v in (*fwd, *bwd))
        assert near_one == (label == "ReLU, 2/n: He")
    fwd, bwd = profiles["ReLU, 1/n: LeCun"]
    assert 1e-8 < fwd[-1] < 1e-7 and 1e-8 < bwd[0] < 1e-7


def test_tanh_keeps_far_more_than_relu_but_its_factor_stays_below_one(profiles):
    claim(PAGE, "Tanh with Glorot (here $2/(128 + 128) = 1/128$, LeCun's) keeps")
    claim(
        PAGE, "far more than ReLU with the same weights, but its factor stays below 1"
    )
    claim(PAGE, "so on average the variance falls a little")
    tanh_f, tanh_b = profiles["tanh, 1/n: Glorot (= LeCun here)"]
    relu_f, relu_b = profiles["ReLU, 1/n: LeCun"]
    assert tanh_f[-1] > 1e5 * relu_f[-1] and tanh_b[0] > 1e5 * relu_b[0]
    assert 0.8 < mean_ratio(tanh_f) < 1 and 0.8 < mean_ratio(tanh_b[::-1]) < 1
    assert tanh_f[-1] < tanh_f[0] / 10 and tanh_b[0] < tanh_b[-1] / 10
    assert VARIANCES["Glorot"](128, 128) == 1 / 128


def test_residual_sigmoid_arrives_near_one_tanh_and_relu_grow():
    claim(PAGE, "arrives at layer 1 with a norm of about 1")
    claim(PAGE, "instead of $3 \\times 10^{-19}$")
    claim(PAGE, "make the residual net's")
    claim(
        PAGE, "gradient grow on the way down, the ReLU one by more than a thousandfold"
    )
    for seed in range(3):
        assert run_depth("sigmoid", seed=seed).norms[0] < 1e-17
        assert 0.9 < run_residual("sigmoid", seed=seed).norms[0] < 1.5
        assert run_residual("tanh", seed=seed).norms[0] > 1
        assert run_residual("relu", seed=seed).norms[0] > 1000
    assert f"{run_depth('sigmoid').norms[0]:.0e}" == "3e-19"


def test_plain_descent_diverges_from_2e_4_up_and_clipping_never(sweep):
    claim(PAGE, "Plain descent diverges at every rate from $2 \\times 10^{-4}$ up")
    claim(PAGE, "the rates small enough to be")
    claim(PAGE, "safe end far above what clipping reaches")
    claim(PAGE, "no rate of")
    claim(
        PAGE, "the sweep diverges, and at rate 0.03 it reaches a loss far below plain"
    )
    for lr, (plain, clipped) in sweep.items():
        assert plain.diverged() == (lr >= 2e-4)
        assert not clipped.diverged()
    best_plain = min(p.losses[-1] for p, _ in sweep.values() if not p.diverged())
    assert sweep[3e-2][1].losses[-1] * 10 < best_plain


def test_clipping_acts_only_in_the_first_steps_and_is_slower_at_small_rates(sweep):
    claim(PAGE, "at rate 0.03, in 20 of the 300 steps, all among the first 22")
    claim(PAGE, "At small rates it is slower than plain descent")
    norms = np.array(sweep[3e-2][1].norms)
    above = np.flatnonzero(norms > 10)
    assert len(norms) == 300 and len(above) == 20 and above.max() == 21
    for lr in (1e-5, 1e-4):
        plain, clipped = sweep[lr]
        assert clipped.losses[-1] > plain.losses[-1]
        assert all(n > 10 for n in clipped.norms)  # clipped at every step


def test_the_figures_alt_texts():
    claim(PAGE, "the same weights give norms between 1 and 12 at every layer")
    claim(PAGE, "plain descent at rate 0.03 jumps to about 1e29 at its first step")
    claim(PAGE, "descent clipped to 10 at rate 0.03 ends lowest")
    for activation in ("sigmoid", "tanh"):
        norms = run_residual(activation).norms
        assert norms.min() >= 1 - 1e-12 and norms.max() < 12
    jump = train_clipped(None, 0.03)
    assert len(jump.losses) == 2 and 1e28 < jump.losses[1] < 1e30
    clipped = train_clipped(10.0, 0.03).losses[-1]
    assert clipped < train_clipped(None, 1e-4).losses[-1]
