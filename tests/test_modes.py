"""bpdocs.modes against HIPS autograd: JVPs, VJPs and whole Jacobians, random nets.

(The first tests of bpdocs.modes, against central differences, are in test_forward.py.)
"""

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import jacobian

from bpdocs.layers import Linear, ReLU, Sequential, Sigmoid, Tanh
from bpdocs.modes import jacobian_forward, jacobian_reverse, jvp, mlp, vjp

ACTIVATIONS = {
    Tanh: anp.tanh,
    Sigmoid: lambda z: 1 / (1 + anp.exp(-z)),
    ReLU: lambda z: anp.where(z > 0, z, 0.0),
}


def random_net(rng):
    """Linear and activation layers of random widths, with biases that are not 0."""
    widths = rng.integers(1, 5, size=rng.integers(2, 5))
    layers = []
    for a, b in zip(widths[:-1], widths[1:], strict=True):
        linear = Linear(int(a), int(b), rng)
        linear.b = rng.standard_normal(int(b))
        layers += [linear, list(ACTIVATIONS)[rng.integers(3)]()]
    return Sequential(*layers)


def as_autograd(layer):
    """The layer as a function of its input in autograd.numpy."""
    if isinstance(layer, Sequential):
        fns = [as_autograd(each) for each in layer.layers]

        def run(X):
            for fn in fns:
                X = fn(X)
            return X

        return run
    if isinstance(layer, Linear):
        return lambda X: X @ layer.W + layer.b
    return ACTIVATIONS[type(layer)]


@pytest.mark.parametrize("seed", range(25))
def test_jvp_vjp_and_both_jacobians_are_autograds(seed):
    rng = np.random.default_rng(seed)
    net = random_net(rng)
    n, rows = net.layers[0].in_features, int(rng.integers(1, 4))
    X = rng.standard_normal((rows, n))
    Y = net.forward(X)
    J = jacobian(as_autograd(net))(X).reshape(Y.size, X.size)  # outputs by inputs
    v, u = rng.standard_normal(X.shape), rng.standard_normal(Y.shape)
    for layer in [net, *net.layers[:2]]:  # the whole net, a Linear, an activation
        x = X if layer is net or layer is net.layers[0] else net.layers[0].forward(X)
        Jl = J if layer is net else jacobian(as_autograd(layer))(x)
        Jl = Jl.reshape(-1, x.size)
        d = rng.standard_normal(x.shape)
        y, Jd = jvp(layer, x, d)
        c = rng.standard_normal(y.shape)
        y2, cJ = vjp(layer, x, c)
        np.testing.assert_allclose(y, as_autograd(layer)(x), rtol=1e-14, atol=1e-15)
        np.testing.assert_array_equal(y2, y)
        np.testing.assert_allclose(Jd.ravel(), Jl @ d.ravel(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(cJ.ravel(), c.ravel() @ Jl, rtol=1e-12, atol=1e-14)
    J_fwd, fwd = jacobian_forward(net, X)
    J_rev, rev = jacobian_reverse(net, X)
    assert (fwd, rev) == (X.size, Y.size)
    np.testing.assert_allclose(J_fwd, J, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(J_rev, J, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(jvp(net, X, v)[1].ravel(), J @ v.ravel(), atol=1e-13)
    np.testing.assert_allclose(vjp(net, X, u)[1].ravel(), u.ravel() @ J, atol=1e-13)


@pytest.mark.parametrize("n, m", [(1, 6), (6, 1), (4, 3)])
def test_the_modes_mlp_jacobian_is_autograds(n, m):
    net = mlp(n, m, hidden=5, seed=n + m)
    x = np.random.default_rng(m).standard_normal((1, n))
    J = jacobian(as_autograd(net))(x).reshape(m, n)
    assert np.abs(J).max() > 1e-3  # a real Jacobian, not zeros
    np.testing.assert_allclose(jacobian_forward(net, x)[0], J, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(jacobian_reverse(net, x)[0], J, rtol=1e-12, atol=1e-14)
