"""The comparisons on docs/broadcasting.md, each computed with bpdocs."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from bpdocs.examples.batches import (
    RATES,
    batch_loss,
    batch_spread,
    descend,
    flat_gradient,
    largest_working_rate,
    network,
    per_example_gradients,
    regression_data,
    spread_theory,
)
from bpdocs.layers import Linear, unbroadcast
from bpdocs.network import BCENetwork, MSENetwork, both_losses, source_data
from tests.conftest import claim

PAGE = "broadcasting.md"
SIZES = [16, 64, 256]


@pytest.fixture(scope="module")
def spread():
    """The per-example gradients of the 256 examples, and the page's spreads."""
    X, T = regression_data()
    G = per_example_gradients(network(), X, T)
    return G, {m: batch_spread(G, m, draws=2000) for m in [1, 4, 16, 64, 128, 256]}


def test_a_broadcast_parameter_gets_the_sum_over_the_broadcast_axis():
    claim(
        PAGE,
        "A parameter that is broadcast over an axis gets its gradient summed over that "
        "axis.",
    )
    layer = Linear(3, 4, rng=0)
    X, dY = np.ones((5, 3)), np.arange(20.0).reshape(5, 4)
    layer.forward(X)
    layer.backward(dY)
    np.testing.assert_array_equal(layer.db, unbroadcast(dY, (4,)))
    np.testing.assert_array_equal(layer.db, dY.sum(axis=0))


def test_a_larger_batch_needs_a_smaller_rate_with_a_sum_and_the_same_with_a_mean():
    claim(PAGE, "a larger batch needs a smaller rate")
    claim(
        PAGE,
        "With the mean, the largest rate that works is the same at every batch size.",
    )
    claim(
        PAGE,
        "it falls fourfold each time the batch grows fourfold: it shrinks as $1/m$",
    )
    claim(PAGE, "lets one learning rate serve every batch size")
    by_sum = [largest_working_rate("sum", m) for m in SIZES]
    by_mean = [largest_working_rate("mean", m) for m in SIZES]
    assert by_mean == [0.25] * 3
    assert [m * lr for m, lr in zip(SIZES, by_sum, strict=True)] == [0.25] * 3
    assert by_sum[0] > by_sum[1] > by_sum[2] and by_sum[0] / by_sum[1] == 4
    # the next rate up fails: these are the largest of the grid, not only working ones
    for m, lr in zip(SIZES, by_sum, strict=True):
        assert 2 * lr in RATES and largest_working_rate("sum", m, [2 * lr]) is None


def test_the_sum_at_rate_eta_over_m_takes_the_steps_of_the_mean_for_the_whole_run():
    claim(PAGE, "a step on the mean at rate $m\\eta$")
    claim(PAGE, "so here the match holds for the whole run, to round-off")
    for m in SIZES:
        by_mean, by_sum = descend("mean", 0.25, m), descend("sum", 0.25 / m, m)
        assert len(by_mean) == len(by_sum) == 100
        np.testing.assert_allclose(by_sum, by_mean, rtol=1e-12)


def test_the_sum_grows_with_m_and_the_mean_stays_put():
    claim(
        PAGE,
        "the sum adds $m$ gradients of about the same size, so its size grows with "
        "$m$, while the mean's stays put.",
    )
    X, T = regression_data()
    sizes = {}
    for r in ("sum", "mean"):
        for m in SIZES:
            net = network()
            batch_loss(net, X[:m], T[:m], r)
            sizes[r, m] = np.linalg.norm(flat_gradient(net))
    for m in SIZES:
        assert sizes["sum", m] == pytest.approx(m * sizes["mean", m], rel=1e-12)
    assert sizes["sum", 16] < sizes["sum", 64] < sizes["sum", 256]
    means = [sizes["mean", m] for m in SIZES]
    assert max(means) / min(means) < 1.5


def test_the_squared_errors_factor_halves_steps_and_twice_the_rate_matches_at_first():
    claim(PAGE, "close to\n$\\frac12$ at the start")
    claim(PAGE, "at the same rate its steps were half as long as the cross-entropy's")
    claim(PAGE, "twice the rate gave practically the same first steps")
    claim(PAGE, "so there the match held only at first")
    X, y, net = source_data(factory=MSENetwork)
    a2 = net.forward(X)
    assert np.all(np.abs(2 * a2 * (1 - a2) - 0.5) < 1e-3)
    bce, twice = both_losses(BCENetwork), both_losses(MSENetwork, lr=0.2)
    gap = np.abs(np.subtract(twice.mse, bce.mse))
    assert gap[:50].max() < 1e-4  # the first steps: practically the same
    assert gap[-1] > 100 * gap[:50].max()  # not at the end


def test_a_batch_costs_m_examples_work_and_each_example_is_in_m_over_n_of_batches():
    claim(PAGE, "It costs $m$ examples' work instead of $n$.")
    claim(PAGE, "each example is in the same fraction $\\frac{m}{n}$ of the batches")
    n, m = 10, 3
    batches = list(combinations(range(n), m))
    counts = np.bincount(np.concatenate(batches), minlength=n)
    assert np.all(counts / len(batches) == m / n)
    layer = Linear(2, 16, rng=0)
    X, _ = regression_data(n=256)
    assert layer.forward(X[:m]).shape[0] == m  # one row of work per example


def test_the_correction_is_1_at_m_1_and_0_at_m_n_and_only_matters_for_big_batches(
    spread,
):
    claim(PAGE, "it is 1 for $m = 1$ and 0 for $m = n$")
    claim(PAGE, "The correction matters only\nwhen the batch is a sizeable part")
    claim(PAGE, "$\\sqrt{128/255} \\approx 0.71$")
    G, measured = spread
    n, sigma = len(G), spread_theory(G, 1)
    factor = [spread_theory(G, m) / (sigma / np.sqrt(m)) for m in (1, 16, 128, 256)]
    assert factor[0] == pytest.approx(1) and factor[-1] == 0
    assert factor[1] > 0.97 and round(factor[2], 2) == 0.71
    assert factor[2] == pytest.approx(np.sqrt(128 / 255))
    assert measured[256] == pytest.approx(0, abs=1e-12) and n == 256


def test_the_measured_spread_is_within_5_percent_and_halves_for_four_times_the_batch(
    spread,
):
    claim(PAGE, "The measured spread lies within 5% of the formula at every size.")
    claim(PAGE, "four times the batch about halves it")
    claim(PAGE, "halving the spread costs four times the work")
    claim(PAGE, "Batches on this page are drawn without replacement")
    G, measured = spread
    for m, value in measured.items():
        if m < len(G):
            assert value == pytest.approx(spread_theory(G, m), rel=0.05)
    for m in (1, 4, 16):
        assert measured[m] / measured[4 * m] == pytest.approx(2, rel=0.15)
    # at m = 128 the measured spread follows the correction, not sigma / sqrt(m)
    plain = spread_theory(G, 1) / np.sqrt(128)
    assert abs(measured[128] - spread_theory(G, 128)) < 0.1 * (plain - measured[128])
