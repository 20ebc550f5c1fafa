"""bpdocs/examples/pytorch.py: the three ways agree, with autograd and differences.

The functions that need PyTorch run in ``make bench``, where PyTorch is installed
(``bench.run.check_pytorch_page``); ``tests/bench/test_run.py`` tests that check.
"""

from __future__ import annotations

import copy

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad

from bpdocs.examples.pytorch import (
    bpdocs_step,
    largest_difference,
    layer_gradients,
    small_network,
    value_gradients,
    value_loss,
    vjp_gradients,
)
from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import MSELoss, ReLU

WAYS = [value_gradients, layer_gradients, vjp_gradients]
NAMES = {"0.W", "0.b", "2.W", "2.b", "X"}


def autograd_loss(X, T):
    """The small network's loss in autograd.numpy, of `(W1, b1, W2, b2, X)`."""

    def loss(args):
        W1, b1, W2, b2, X_ = args
        Y = anp.tanh(X_ @ W1 + b1) @ W2 + b2
        return anp.mean((Y - T) ** 2)

    return loss


@pytest.mark.parametrize("hidden, rows, seed", [(3, 4, 0), (1, 1, 1), (5, 3, 2)])
def test_the_three_ways_give_autograds_gradients(hidden, rows, seed):
    net, X, T = small_network(hidden, rows, seed)
    params = [p for _, p, _ in net.params()]
    oracle = grad(autograd_loss(X, T))([*params, X])
    expected = dict(zip(["0.W", "0.b", "2.W", "2.b", "X"], oracle, strict=True))
    loss, _ = value_loss(net, X, T)
    assert loss.data == pytest.approx(MSELoss().forward(net.forward(X), T), rel=1e-14)
    for way in WAYS:
        got = way(net, X, T)
        assert got.keys() == NAMES
        for name in NAMES:
            assert got[name].shape == expected[name].shape, (way.__name__, name)
        assert largest_difference(got, expected) < 1e-13, way.__name__


def test_the_gradients_match_central_differences():
    net, X, T = small_network()
    got = layer_gradients(net, X, T)

    def loss_at(X_):
        return MSELoss().forward(net.forward(X_), T)

    for name, p, _ in net.params():
        numeric = numerical_gradient(lambda _: loss_at(X), p)
        np.testing.assert_allclose(got[name], numeric, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(got["X"], numerical_gradient(loss_at, X), atol=1e-9)


def test_the_network_is_seeded_and_its_biases_are_not_zero():
    a, b = small_network(), small_network()
    for (_, p, _), (_, q, _) in zip(a[0].params(), b[0].params(), strict=True):
        np.testing.assert_array_equal(p, q)
    np.testing.assert_array_equal(a[1], b[1])
    assert repr(a[0]) == "Sequential(Linear(2, 3), Tanh(), Linear(3, 1))"
    assert a[1].shape == (4, 2) and a[2].shape == (4, 1)
    assert np.all(a[0].layers[0].b != 0) and np.all(a[0].layers[2].b != 0)


def test_the_step_is_backward_then_descent_and_returns_the_loss_before_it():
    net, X, T = small_network()
    before = copy.deepcopy(net)
    grads = layer_gradients(before, X, T)
    value = bpdocs_step(net, X, T, lr=0.1)
    assert value == MSELoss().forward(before.forward(X), T)
    for (name, p, _), (_, q, _) in zip(net.params(), before.params(), strict=True):
        np.testing.assert_allclose(p, q - 0.1 * grads[name], rtol=1e-15, atol=1e-16)


def test_largest_difference_and_its_errors():
    a = {"x": np.array([1.0, 2.0]), "y": np.array(3.0)}
    b = {"x": np.array([1.5, 2.0]), "y": np.array(1.0)}
    assert largest_difference(a, b) == 2.0 and largest_difference(a, a) == 0.0
    with pytest.raises(ValueError, match=r"different names: \['x', 'y'\] and \['x'\]"):
        largest_difference(a, {"x": a["x"]})
    with pytest.raises(ValueError, match=r"x: shapes \(2,\) and \(3,\) differ"):
        largest_difference(a, {"x": np.zeros(3), "y": a["y"]})


def test_bad_inputs_are_named():
    net, X, T = small_network()
    with pytest.raises(ValueError, match="prediction shape .4, 1. and target shape"):
        value_loss(net, X, T[:2])
    for way in WAYS:  # a target that would broadcast is refused, not stretched
        with pytest.raises(ValueError, match=r"target shape \(4,\) differ"):
            way(net, X, T.ravel())
    with pytest.raises(ValueError, match="non-finite value nan at index .0, 1."):
        X[0, 1] = np.nan
        value_gradients(net, X, T)
    net.layers[1] = ReLU()
    with pytest.raises(TypeError, match=r"value_loss: no scalar rule for ReLU\(\)"):
        value_loss(net, np.zeros((4, 2)), T)
