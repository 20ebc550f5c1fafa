"""The claims of docs/backpropagation.md, each backed by a computation."""

from __future__ import annotations

import numpy as np

from bpdocs.examples.twolayer import backward, forward, random_instance
from bpdocs.network import SimpleNeuralNetwork, backprop
from tests.conftest import claim


def test_the_same_network_in_both_conventions_gives_the_same_numbers():
    """Rows of the code's arrays are the math's columns, for distinct examples too."""
    claim(
        "backpropagation.md",
        "The same network in both conventions gives the same numbers, the transposes "
        "included.",
    )
    n, h, k, m = 3, 5, 2, 4
    params, _, _ = random_instance(n, h, k, seed=3)
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((m, n)), rng.uniform(size=(m, k))  # Y: the code's y
    net = SimpleNeuralNetwork(input_size=n, hidden_size=h, output_size=k)
    net.W1, net.b1 = params["W"].T, params["b"].ravel()
    net.W2, net.b2 = params["V"].T, params["c"].ravel()
    a2 = net.forward(X)
    assert (net.W1.shape, net.b1.shape, net.W2.shape, net.b2.shape) == (
        (n, h),
        (h,),
        (h, k),
        (k,),
    )
    assert (X.shape, net.a1.shape, a2.shape, Y.shape) == (
        (m, n),
        (m, h),
        (m, k),
        (m, k),
    )
    mean_dW = np.zeros((h, n))
    for i in range(m):
        x, t = X[i : i + 1].T, Y[i : i + 1].T  # one example as a column; t = code's y
        math = forward(params, x, t)
        assert np.allclose(net.a1[i], math["a"].T[0], rtol=1e-12)
        assert np.allclose(a2[i], math["y"].T[0], rtol=1e-12)
        mean_dW += backward(params, math)["W"] / m
    dz2 = (a2 - Y) * a2 * (1 - a2)  # this page's delta2, one row per example
    code = backprop(net, X, dz2, net.a1 * (1 - net.a1))
    assert code["W1"].shape == (n, h)
    assert np.allclose(code["W1"], mean_dW.T, rtol=1e-12)  # transposed and averaged
