"""bpdocs/examples/batches.py: the gain, sum against mean, and mini-batch gradients."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from bpdocs.autodiff import Value
from bpdocs.examples.batches import (
    RATES,
    Gain,
    all_batches_mean,
    batch_loss,
    batch_spread,
    descend,
    flat_gradient,
    largest_working_rate,
    network,
    per_example_gradients,
    regression_data,
    spread_theory,
    works,
)
from bpdocs.gradcheck import gradcheck


def test_gain_backward_against_central_differences_and_the_engine():
    rng = np.random.default_rng(4)
    X, dY = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    layer = Gain(3)
    layer.gamma = rng.normal(size=3)

    def loss(gamma):  # L = sum(dY * Y): its upstream gradient is dY
        layer.gamma = gamma
        return float(np.sum(dY * layer.forward(X)))

    def grad(gamma):
        layer.gamma = gamma
        layer.forward(X)
        layer.backward(dY)
        return layer.dgamma

    assert gradcheck(loss, grad, layer.gamma.copy()) < 1e-8
    g = [Value(v) for v in layer.gamma]
    L = sum(dY[i, j] * X[i, j] * g[j] for i in range(6) for j in range(3))
    L.backward()
    np.testing.assert_allclose(grad(layer.gamma), [v.grad for v in g], rtol=1e-12)
    dX = layer.backward(dY)
    np.testing.assert_array_equal(dX, dY * layer.gamma)
    assert layer.params()[0][0] == "gamma"


def test_gain_starts_as_the_identity_and_refuses_bad_input():
    X = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(Gain(3).forward(X), X)
    with pytest.raises(ValueError, match="Gain.forward: input has non-finite value"):
        Gain(3).forward(np.array([[np.inf, 1.0, 2.0]]))


def test_the_sum_is_m_times_the_mean_loss_and_gradient():
    X, T = regression_data(n=32)
    grads = {}
    for reduction in ("sum", "mean"):
        net = network()
        grads[reduction] = (batch_loss(net, X, T, reduction), flat_gradient(net))
    (ls, gs), (lm, gm) = grads["sum"], grads["mean"]
    assert ls == pytest.approx(32 * lm, rel=1e-14)
    np.testing.assert_allclose(gs, 32 * gm, rtol=1e-12, atol=1e-14)
    with pytest.raises(
        ValueError, match="reduction must be 'sum' or 'mean', not 'avg'"
    ):
        batch_loss(network(), X, T, "avg")


def test_descend_stops_a_diverging_run_and_works_judges_it():
    diverged = descend("mean", 8.0, 16)
    assert len(diverged) < 100 and not diverged[-1] < 1000 * diverged[0]
    assert not works(diverged)
    good = descend("mean", 0.25, 16)
    assert len(good) == 100 and works(good)
    assert not works(descend("mean", 2.0**-14, 16))  # too small: not a tenth in 100
    assert largest_working_rate("mean", 16) == 0.25
    assert largest_working_rate("mean", 16, rates=[8.0]) is None
    assert RATES[0] == 2.0**-14 and RATES[-1] == 8.0 and len(RATES) == 18


def test_the_mean_of_the_per_example_gradients_is_the_full_gradient():
    X, T = regression_data(n=12)
    net = network()
    G = per_example_gradients(net, X, T)
    batch_loss(net, X, T)
    np.testing.assert_allclose(G.mean(axis=0), flat_gradient(net), atol=1e-14)
    assert G.shape == (12, sum(p.size for _, p, _ in net.params())) == (12, 65)


def test_every_batch_averaged_is_the_full_gradient_and_the_spread_formula_is_exact():
    X, T = regression_data(n=8)
    G = per_example_gradients(network(), X, T)
    g = G.mean(axis=0)
    for m in (1, 3, 8):
        np.testing.assert_allclose(all_batches_mean(G, m), g, atol=1e-13)
        exact = np.mean(
            [np.sum((G[list(B)].mean(0) - g) ** 2) for B in combinations(range(8), m)]
        )
        assert spread_theory(G, m) ** 2 == pytest.approx(exact, rel=1e-10, abs=1e-24)


def test_batch_spread_is_deterministic_and_zero_for_the_whole_data():
    X, T = regression_data(n=40)
    G = per_example_gradients(network(), X, T)
    assert batch_spread(G, 5, draws=50) == batch_spread(G, 5, draws=50)
    assert batch_spread(G, 5, draws=50, seed=1) != batch_spread(G, 5, draws=50)
    assert batch_spread(G, 40, draws=5) == pytest.approx(0, abs=1e-12)
    assert spread_theory(G, 40) == 0
    # sampled, it lands near the formula
    assert batch_spread(G, 5, draws=2000) == pytest.approx(spread_theory(G, 5), rel=0.1)
