"""The comparisons that docs/implementation-loss.md makes, each checked by computing it.

Each test first asserts, with ``claim``, that the page still says it, then recomputes
the comparison, so it fails if the page drops the sentence or the outcome reverses.
"""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.network import (
    PARAMS,
    RATES,
    BCENetwork,
    MSENetwork,
    SimpleNeuralNetwork,
    both_losses,
    confidently_wrong,
    loss_gradient_check,
    rate_sweep,
    relative_error,
    run_source_example,
    source_data,
    source_gradients,
)
from tests.conftest import claim

PAGE = "implementation-loss.md"


@pytest.fixture(scope="module")
def sweeps():
    """Both networks at every rate of the sweep, from the text's initial weights."""
    return {cls: rate_sweep(cls) for cls in (BCENetwork, MSENetwork)}


@pytest.fixture(scope="module")
def wrong_start():
    """Both networks at every rate of the sweep, from the confidently wrong start."""
    nets = (BCENetwork, MSENetwork)
    return {cls: rate_sweep(cls, start=confidently_wrong) for cls in nets}


def final(run):
    """The MSE and the BCE of a run's last epoch."""
    return np.array([run.mse[-1], run.bce[-1]])


def epochs_to_90(run):
    """The first epoch at which the accuracy is 90% or more, or None."""
    return next((e for e, a in enumerate(run.accuracies) if a >= 0.9), None)


def test_a_gradient_twice_the_true_one_is_off_by_one_half():
    claim(PAGE, "Under it, a gradient twice the true one is off by 0.50.")
    rng = np.random.default_rng(0)
    for shape in ((4,), (2, 4), (4, 1)):
        g = rng.normal(size=shape)
        assert relative_error(2 * g, g) == pytest.approx(0.5, rel=1e-15)


def test_the_text_gradients_are_off_the_mse_ones_by_43_to_83_percent():
    claim(PAGE, "Against the mean squared error they are off by 43 to 83 percent.")
    X, y, untrained = source_data()
    errors = [
        loss_gradient_check(net, X, y).rel_err_mse[p]
        for net in (untrained, run_source_example().net)
        for p in PARAMS
    ]
    assert round(min(errors), 2) == 0.43 and round(max(errors), 2) == 0.83


def test_at_the_same_rate_mse_first_steps_are_half_as_long():
    claim(
        PAGE,
        "So at the same learning rate $\\eta$ its first steps are half as long as the "
        "others'.",
    )
    X, y, net = source_data(factory=MSENetwork)
    mse, text = net.gradients(X, y), source_gradients(net, X, y)
    for p in PARAMS:
        np.testing.assert_allclose(mse[p], 0.5 * text[p], rtol=1e-3)


def test_at_this_rate_mse_network_ends_far_behind_on_both_losses():
    claim(PAGE, "At this learning rate `MSENetwork` ends far behind on both losses")
    text, mse = both_losses(SimpleNeuralNetwork), both_losses(MSENetwork)
    assert np.all(final(mse) > 3 * final(text))


def test_at_twice_the_rate_mse_network_follows_for_200_epochs_then_falls_behind():
    claim(
        PAGE,
        "At $\\eta = 0.2$, `MSENetwork` stays within 0.001 of the curves of "
        "`SimpleNeuralNetwork` on both losses for the first 200 epochs, then falls "
        "behind",
    )
    claim(
        PAGE,
        "the factor $2 a_2 (1 - a_2)$ shrinks, to a mean of 0.27 over the samples by "
        "the last epoch, and its steps with it.",
    )
    text, twice = both_losses(SimpleNeuralNetwork), both_losses(MSENetwork, lr=0.2)
    for losses in ("mse", "bce"):
        gap = np.subtract(getattr(twice, losses), getattr(text, losses))
        assert np.abs(gap[:201]).max() < 1e-3, losses
        assert gap[-1] > 0.01, losses  # behind at the end
    X, _, _ = source_data()
    a2 = twice.net.forward(X)  # after the last update, within rounding of epoch 999
    assert round(float(np.mean(2 * a2 * (1 - a2))), 2) == 0.27


def test_mse_network_at_0_4_beats_bce_network_at_0_1(sweeps):
    claim(
        PAGE,
        "`MSENetwork` at 0.4 ends below `BCENetwork` at 0.1 on both losses (the third "
        "row against the first).",
    )
    assert np.all(final(sweeps[MSENetwork][0.4]) < final(sweeps[BCENetwork][0.1]))


def test_at_each_best_rate_bce_network_ends_48_and_8_times_lower(sweeps):
    claim(
        PAGE,
        "at each network's best rate of the sweep, the largest for both (on these "
        "data, which a line separates, the loss of either network keeps falling as the "
        "rate doubles), `BCENetwork` ends with an MSE 48 times smaller and a BCE 8 "
        "times smaller than `MSENetwork`'s;",
    )
    for cls, own in ((BCENetwork, 1), (MSENetwork, 0)):  # the loss each one descends
        losses = [final(sweeps[cls][lr]) for lr in RATES]
        assert np.all(np.diff(losses, axis=0) < 0), cls  # both losses fall, every time
        assert min(RATES, key=lambda lr: final(sweeps[cls][lr])[own]) == RATES[-1]
    mse_ratio, bce_ratio = final(sweeps[MSENetwork][25.6]) / final(
        sweeps[BCENetwork][25.6]
    )
    assert round(mse_ratio) == 48 and int(bce_ratio) == 8


def test_bce_network_beats_mse_network_at_the_same_and_at_twice_the_rate(sweeps):
    claim(
        PAGE,
        "at every rate of the sweep, `BCENetwork` ends below `MSENetwork` on both "
        "losses, even when `MSENetwork` is given twice the rate.",
    )
    for lr in RATES:
        for rate in (lr, 2 * lr):
            if rate in sweeps[MSENetwork]:
                mse = final(sweeps[MSENetwork][rate])
                assert np.all(final(sweeps[BCENetwork][lr]) < mse), (lr, rate)


def test_the_more_surely_wrong_the_output_the_smaller_its_mse_gradient():
    claim(
        PAGE,
        "On a wrong one it is a trap: the more surely wrong the output, the smaller "
        "its MSE gradient.",
    )
    claim(
        PAGE,
        "on the 68 samples that are wrong by more than 0.99 the factor is below 0.02",
    )
    claim(
        PAGE,
        "its gradient $a_2 - y$ is largest where the output is most wrong, while the "
        "squared error's vanishes there.",
    )
    X, y, bce_net = confidently_wrong(BCENetwork)
    _, _, mse_net = confidently_wrong(MSENetwork)
    a2 = bce_net.forward(X)
    mse_net.forward(X)
    wrongness = np.abs(a2 - y)[:, 0]
    bce_delta = np.abs(bce_net.output_delta(y))[:, 0]
    mse_delta = np.abs(mse_net.output_delta(y))[:, 0]
    bins = [(0.5, 0.9), (0.9, 0.99), (0.99, 1.0)]
    means = [
        [d[(wrongness > lo) & (wrongness <= hi)].mean() for lo, hi in bins]
        for d in (bce_delta, mse_delta)
    ]
    assert means[0] == sorted(means[0]) and means[1] == sorted(means[1], reverse=True)
    very_wrong = wrongness > 0.99
    assert very_wrong.sum() == 68
    assert (2 * a2 * (1 - a2))[very_wrong, 0].max() < 0.02
    assert mse_delta[very_wrong].mean() < 0.01 * bce_delta[very_wrong].mean()


def test_from_the_wrong_start_only_bce_network_recovers(wrong_start):
    claim(
        PAGE,
        "At every rate of the sweep, `BCENetwork` recovers within 49 epochs, and "
        "`MSENetwork` does not recover in 1000.",
    )
    for lr in RATES:
        bce, mse = wrong_start[BCENetwork][lr], wrong_start[MSENetwork][lr]
        assert epochs_to_90(bce) <= 49 and bce.accuracy == 1.0
        assert epochs_to_90(mse) is None and mse.accuracy < 0.5
    assert epochs_to_90(wrong_start[BCENetwork][0.1]) == 49


def test_the_text_training_is_the_better_of_the_two_choices(sweeps, wrong_start):
    claim(
        PAGE,
        "*training* is the better of the two choices: on these data it ends lower on "
        "both losses than `MSENetwork`, at every rate of the sweep and from either "
        "start.",
    )
    # BCENetwork takes the text's steps (its parameters are the text's, exactly)
    text, bce = both_losses(SimpleNeuralNetwork), both_losses(BCENetwork)
    for p in PARAMS:
        np.testing.assert_array_equal(getattr(text.net, p), getattr(bce.net, p))
    for runs in (sweeps, wrong_start):
        for lr in RATES:
            assert np.all(final(runs[BCENetwork][lr]) < final(runs[MSENetwork][lr]))
