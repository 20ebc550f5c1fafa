"""The comparisons that docs/implementation.md makes, each checked by computing it.

Each test first asserts, with ``claim``, that the page still says it, then recomputes
the comparison, so it fails if the page drops the sentence or the outcome reverses.
"""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.network import (
    PARAMS,
    bce_loss,
    decision_grid,
    run_source_example,
    source_data,
    sweep,
)
from tests.conftest import claim

PAGE = "implementation.md"
SIZES = (2, 4, 8, 16)


@pytest.fixture(scope="module")
def results():
    """The page's sweep: 3 activations times 4 hidden sizes, 1000 epochs each."""
    return sweep(hidden_sizes=SIZES, activations=("sigmoid", "tanh", "relu"))


def halving_epoch(losses):
    """The first epoch whose loss is below half the first one, or None."""
    return next((e for e, loss in enumerate(losses) if loss < losses[0] / 2), None)


def largest_gap(results, activation, a, b):
    """The largest distance between the loss curves of sizes ``a`` and ``b``."""
    return np.abs(
        np.subtract(results[activation, a].losses, results[activation, b].losses)
    ).max()


def test_the_printed_loss_barely_moves_then_falls_quickly():
    claim(
        PAGE,
        "The printed loss barely moves for the first few hundred epochs, then falls "
        "quickly.",
    )
    losses = run_source_example().losses
    assert losses[300] > 0.93 * losses[0]  # 0.2352 against 0.2510
    assert losses[900] < 0.2 * losses[300]  # 0.0458 against 0.2352


def test_the_learned_boundary_lies_just_beside_the_true_one():
    claim(
        PAGE,
        "the grid points the network puts on the wrong side are all within 0.15 of the "
        "line $x_1 + x_2 = 0$",
    )
    x1, x2, p = decision_grid(run_source_example().net, lim=3.0, n=121)
    X1, X2 = np.meshgrid(x1, x2)
    wrong = (p > 0.5) != (X1 + X2 > 0)
    assert 0 < wrong.mean() < 0.02
    assert np.abs(X1 + X2)[wrong].max() == pytest.approx(0.15, abs=5e-3)


def test_the_sigmoid_activation_network_takes_the_text_steps(results):
    claim(
        PAGE,
        "its parameters end within 1e-13 of that run's (its hidden sigmoid is the one "
        "of `bpdocs.layers`, which rounds differently), while the loss it reports is a "
        "different number, 0.1694 at epoch 999 where `compute_loss` gives 0.0380.",
    )
    text, ours = run_source_example(), results["sigmoid", 4]
    for p in PARAMS:
        np.testing.assert_allclose(
            getattr(ours.net, p), getattr(text.net, p), rtol=0, atol=1e-13
        )
    assert f"{ours.losses[-1]:.4f}" == "0.1694" and f"{text.losses[-1]:.4f}" == "0.0380"


def test_tanh_and_relu_halve_the_loss_several_times_sooner(results):
    claim(
        PAGE,
        "At the same size, the loss halves 3 to 5 times sooner with tanh than with the "
        "sigmoid, and, from 4 units on, about 3 times sooner with ReLU.",
    )
    for h in SIZES:
        sigmoid = halving_epoch(results["sigmoid", h].losses)
        assert 3 <= sigmoid / halving_epoch(results["tanh", h].losses) <= 5
        if h >= 4:
            ratio = sigmoid / halving_epoch(results["relu", h].losses)
            assert ratio == pytest.approx(3, abs=0.25)


def test_the_activation_matters_more_than_the_size(results):
    claim(PAGE, "The activation matters more than the size.")
    claim(
        PAGE,
        "Every tanh run, and every ReLU run from 4 units on, ends with a lower loss "
        "than the best sigmoid run.",
    )
    best_sigmoid = min(results["sigmoid", h].losses[-1] for h in SIZES)
    for h in SIZES:
        assert results["tanh", h].losses[-1] < best_sigmoid
        if h >= 4:
            assert results["relu", h].losses[-1] < best_sigmoid


def test_size_helps_less_each_doubling_saving_fewer_epochs(results):
    claim(
        PAGE,
        "Going from 2 to 16 hidden units lowers the sigmoid's final loss and speeds up "
        "tanh and ReLU, but for tanh and ReLU each doubling saves fewer epochs than "
        "the one before.",
    )
    final = [results["sigmoid", h].losses[-1] for h in SIZES]
    assert final[-1] < final[0] and final == sorted(final, reverse=True)
    for activation in ("tanh", "relu"):
        epochs = [halving_epoch(results[activation, h].losses) for h in SIZES]
        epochs = [np.inf if e is None else e for e in epochs]  # 2 ReLU units: never
        saved = -np.diff(epochs)
        assert np.all(saved > 0), (activation, epochs)
        assert np.all(np.diff(saved) < 0), (activation, epochs)


def test_8_and_16_units_nearly_coincide_within_each_activation(results):
    claim(
        PAGE,
        "Within each of these two activations, the curves of 8 and 16 units nearly "
        "coincide: they are never more than 0.030 apart with tanh and 0.013 with ReLU, "
        "against a fall of about 0.65 over training.",
    )
    assert largest_gap(results, "tanh", 8, 16) <= 0.030
    assert largest_gap(results, "relu", 8, 16) <= 0.013
    for activation in ("tanh", "relu"):
        for h in (8, 16):
            losses = results[activation, h].losses
            assert losses[0] - losses[-1] == pytest.approx(0.65, abs=0.01)
            assert largest_gap(results, activation, 8, 16) < 0.05 * (
                losses[0] - losses[-1]
            )
    # but not from 4 units on with ReLU: 4 and 8 are far further apart
    assert largest_gap(results, "relu", 4, 8) > 5 * largest_gap(results, "relu", 8, 16)


def test_with_tanh_4_and_8_units_are_about_as_close(results):
    claim(PAGE, "With tanh, those of 4 and 8 units are about as close (0.031).")
    gap = largest_gap(results, "tanh", 4, 8)
    assert round(gap, 3) == 0.031
    assert gap < 1.1 * largest_gap(results, "tanh", 8, 16)


def test_two_relu_units_end_on_the_line_of_a_net_that_ignores_its_input(results):
    claim(
        PAGE,
        "Their loss ends on the dotted line of a network that ignores its input, and "
        "the accuracy is the share of the larger class.",
    )
    _, y, _ = source_data()
    stuck = results["relu", 2]
    base_rate = bce_loss(np.full_like(y, y.mean()), y)
    assert stuck.losses[-1] == pytest.approx(base_rate, rel=1e-6)
    assert stuck.accuracy == pytest.approx(max(y.mean(), 1 - y.mean()))
