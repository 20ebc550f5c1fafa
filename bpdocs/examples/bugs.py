"""Eight broken backward passes, each with one plausible mistake, and each fixed.

Every bug is a loss ``f(x)`` of one array and two gradient functions of it, the
broken one and the fixed one, so that `bpdocs.gradcheck.gradcheck` can hold each
against central differences. The data are small and drawn with a fixed seed.
"""

from __future__ import annotations

import numpy as np

from bpdocs.autodiff import Value, topological_order
from bpdocs.gradcheck import numerical_gradient, relative_error
from bpdocs.layers import sigmoid

rng = np.random.default_rng(19)
X = rng.standard_normal((4, 3))  # a batch of 4 rows, 3 features
T = rng.standard_normal((4, 3))  # targets
W0 = rng.standard_normal((3, 3))  # a square weight matrix: its transpose fits too
x0 = rng.standard_normal(3)  # a point for the elementwise losses


# --8<-- [start:worst_error]
def worst_error(f, grad_f, x):
    """The largest relative error between `grad_f(x)` and central differences."""
    analytic = np.asarray(grad_f(x), dtype=float)
    if analytic.shape != x.shape:
        raise ValueError(f"grad_f returned shape {analytic.shape}, not x's {x.shape}")
    return float(relative_error(analytic, numerical_gradient(f, x)).max())


# --8<-- [end:worst_error]


# --8<-- [start:fork]
def fork_loss(x):
    r"""$L = \sum_i x_i \tanh x_i$: each $x_i$ forks, into the tanh and the product."""
    return float(np.sum(x * np.tanh(x)))


def fork_grad_broken(x):
    """The backward pass of `fork_loss`, with `=` where the fork needs `+=`."""
    u = np.tanh(x)
    dx = u * 1.0  # from the product, as the factor beside u
    du = x * 1.0  # from the product, as the factor beside x
    dx = (1 - u**2) * du  # BUG: overwrites the product's share of dx
    return dx


# --8<-- [end:fork]


# --8<-- [start:fork_fixed]
def fork_grad_fixed(x):
    """The backward pass of `fork_loss`: both paths' shares added at the fork."""
    u = np.tanh(x)
    dx = u * 1.0
    du = x * 1.0
    dx += (1 - u**2) * du  # the tanh path's share, added to the product's
    return dx


# --8<-- [end:fork_fixed]


# --8<-- [start:reset]
def backward_no_reset(root):
    """`Value.backward`, without resetting the interior nodes' grads first."""
    root.grad = 1.0  # BUG: no reset loop, so interior grads keep the last pass's
    for node in reversed(topological_order(root)):
        node._backward()


def twice(backward):
    r"""The gradient of $L = \sum_i (2 x_i)^2$ by two backward passes of one graph.

    A training loop that zeroes its parameters' grads, as it should, and runs the
    backward pass again (to log, say) before the step.
    """

    def grad(x):
        leaves = [Value(v) for v in x]
        loss = sum((2 * v) ** 2 for v in leaves)
        for _ in range(2):
            for v in leaves:
                v.grad = 0.0  # zero the parameters' grads, as a training loop does
            backward(loss)
        return np.array([v.grad for v in leaves])

    return grad


def reset_loss(x):
    r"""$L = \sum_i (2 x_i)^2$, the loss of `twice`."""
    return float(np.sum((2 * x) ** 2))


# --8<-- [end:reset]


# --8<-- [start:reset_fixed]
def backward_reset(root):
    """`Value.backward` as bpdocs writes it: every grad set to 0 first."""
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        node._backward()


# --8<-- [end:reset_fixed]


# --8<-- [start:transpose]
def linear_loss(W):
    r"""$L = \frac{1}{2}\lVert X W - T\rVert^2$ for the batch `X` and targets `T`."""
    return float(0.5 * np.sum((X @ W - T) ** 2))


def linear_grad_broken(W):
    r"""$\partial L/\partial W$ with the Jacobian's product the wrong way round."""
    dY = X @ W - T
    return dY.T @ X  # BUG: the transpose of X.T @ dY; W is square, so it fits


# --8<-- [end:transpose]


# --8<-- [start:transpose_fixed]
def linear_grad_fixed(W):
    r"""$\partial L/\partial W = X^\top (XW - T)$: shape (in, out), as W's."""
    dY = X @ W - T
    return X.T @ dY


# --8<-- [end:transpose_fixed]


# --8<-- [start:mean]
def mean_loss(W):
    r"""$L = \frac{1}{2m}\lVert X W - T\rVert^2$: the mean over the $m$ rows."""
    m = X.shape[0]
    return float(0.5 * np.sum((X @ W - T) ** 2) / m)


def mean_grad_broken(W):
    r"""$\partial L/\partial W$ of the mean loss, the factor $1/m$ left out."""
    return X.T @ (X @ W - T)  # BUG: the gradient of the sum, not of the mean


# --8<-- [end:mean]


# --8<-- [start:mean_fixed]
def mean_grad_fixed(W):
    r"""$\partial L/\partial W = \frac{1}{m} X^\top (XW - T)$."""
    m = X.shape[0]
    return X.T @ (X @ W - T) / m


# --8<-- [end:mean_fixed]


# --8<-- [start:loss]
def sigmoid_mse(z):
    r"""$L = \sum_i \frac{1}{2}(\sigma(z_i) - t_i)^2$: a sigmoid, squared error."""
    return float(0.5 * np.sum((sigmoid(z) - T[0]) ** 2))


def sigmoid_mse_grad_broken(z):
    r"""$\partial L/\partial z$ written as $a - t$: the cross-entropy's, not MSE's."""
    a = sigmoid(z)
    return a - T[0]  # BUG: right for binary cross-entropy; MSE has a factor more


# --8<-- [end:loss]


# --8<-- [start:loss_fixed]
def sigmoid_mse_grad_fixed(z):
    r"""$\partial L/\partial z = (a - t)\,a(1 - a)$ for the squared error."""
    a = sigmoid(z)
    return (a - T[0]) * a * (1 - a)


# --8<-- [end:loss_fixed]


# --8<-- [start:sign]
def cos_loss(x):
    r"""$L = \sum_i \cos(x_i)\, x_i$."""
    return float(np.sum(np.cos(x) * x))


def cos_grad_broken(x):
    r"""$\partial L/\partial x_i$ with the derivative of cos taken as $+\sin$."""
    return np.sin(x) * x + np.cos(x)  # BUG: d cos x / dx is -sin x


# --8<-- [end:sign]


# --8<-- [start:sign_fixed]
def cos_grad_fixed(x):
    r"""$\partial L/\partial x_i = -\sin(x_i)\, x_i + \cos x_i$."""
    return -np.sin(x) * x + np.cos(x)


# --8<-- [end:sign_fixed]


# --8<-- [start:local]
def tanh_layer_loss(W):
    r"""$L = \frac{1}{2}\lVert \tanh(XW) - T\rVert^2$: a tanh layer."""
    return float(0.5 * np.sum((np.tanh(X @ W) - T) ** 2))


def tanh_layer_grad_broken(W):
    r"""$\partial L/\partial W$ that passes the gradient straight through the tanh."""
    A = np.tanh(X @ W)
    dA = A - T
    dZ = dA  # BUG: the tanh's local derivative 1 - A**2 is missing
    return X.T @ dZ


# --8<-- [end:local]


# --8<-- [start:local_fixed]
def tanh_layer_grad_fixed(W):
    r"""$\partial L/\partial W = X^\top\big((A - T) \odot (1 - A^2)\big)$."""
    A = np.tanh(X @ W)
    dA = A - T
    dZ = dA * (1 - A**2)
    return X.T @ dZ


# --8<-- [end:local_fixed]


# --8<-- [start:broadcast]
def bias_loss(b):
    r"""$L = \frac{1}{2}\lVert X W_0 + b - T\rVert^2$: $b$ added to every row."""
    return float(0.5 * np.sum((X @ W0 + b - T) ** 2))


def bias_grad_broken(b):
    r"""$\partial L/\partial b$ left with one row per example, not summed."""
    dY = X @ W0 + b - T
    return dY  # BUG: b was copied to every row; its gradient is the rows' sum


# --8<-- [end:broadcast]


# --8<-- [start:broadcast_fixed]
def bias_grad_fixed(b):
    r"""$\partial L/\partial b = \sum_{\text{rows}} (X W_0 + b - T)$."""
    dY = X @ W0 + b - T
    return dY.sum(axis=0)


# --8<-- [end:broadcast_fixed]

#: each bug: (loss, broken gradient, fixed gradient, a point to check at)
BUGS = {
    "fork": (fork_loss, fork_grad_broken, fork_grad_fixed, x0),
    "reset": (reset_loss, twice(backward_no_reset), twice(backward_reset), x0),
    "transpose": (linear_loss, linear_grad_broken, linear_grad_fixed, W0),
    "mean": (mean_loss, mean_grad_broken, mean_grad_fixed, W0),
    "loss": (sigmoid_mse, sigmoid_mse_grad_broken, sigmoid_mse_grad_fixed, x0),
    "sign": (cos_loss, cos_grad_broken, cos_grad_fixed, x0),
    "local": (tanh_layer_loss, tanh_layer_grad_broken, tanh_layer_grad_fixed, W0),
    "broadcast": (bias_loss, bias_grad_broken, bias_grad_fixed, x0),
}
