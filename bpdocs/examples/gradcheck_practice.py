"""Gradient checking in practice: the error against the step, float32, and the traps.

The error curve is the central difference of $f(x) = 1/x$ at 200 points $x$ in
$[1, 2)$, each with the step $h x$ (relative to $x$), computed in float64 or in
float32, scored by `bpdocs.gradcheck.relative_error` against $f'(x) = -1/x^2$.
The traps use small networks of `bpdocs.layers`, drawn from fixed seeds.
"""

from __future__ import annotations

import numpy as np

from bpdocs.gradcheck import central_difference, relative_error
from bpdocs.layers import Linear, MSELoss, Sequential, Tanh, check_array

#: 200 points in [1, 2), where the error is measured; the median is taken over them.
POINTS = 1 + np.arange(200) / 200
#: The relative steps h of the sweep: 8 a decade, from 1e-12 to 1e-1.
STEPS = np.logspace(-12, -1, 89)


# --8<-- [start:reciprocal]
def reciprocal(x):
    r"""$f(x) = 1/x$, in the precision of `x`."""
    return 1 / x


def reciprocal_prime(x):
    r"""$f'(x) = -1/x^2$, the exact derivative, in float64."""
    return -1 / np.asarray(x, dtype=float) ** 2


def step_errors(dtype, steps=STEPS, x=POINTS):
    """The median over `x` of the central difference's relative error, for each step.

    Each point is nudged by `h * x`; `x`, the step and every operation are in `dtype`.
    """
    x = np.asarray(x, dtype=dtype)
    exact = reciprocal_prime(x)
    return np.array(
        [
            np.median(
                relative_error(
                    exact, central_difference(reciprocal, x, h * x.astype(float), dtype)
                )
            )
            for h in steps
        ]
    )


# --8<-- [end:reciprocal]


# --8<-- [start:model]
def error_bound(h, dtype):
    r"""$h^2 + \epsilon / h$: truncation plus rounding, for $1/x$ at the step $hx$."""
    eps = float(np.finfo(dtype).eps)
    return h**2 + eps / h


def best_step(dtype):
    r"""$h^* = (\epsilon/2)^{1/3}$, where $2h = \epsilon/h^2$: the bound's minimum."""
    return (float(np.finfo(dtype).eps) / 2) ** (1 / 3)


# --8<-- [end:model]


# --8<-- [start:small_net]
def small_net(dtype=np.float64, seed=0):
    """`(loss, params, grads)`: `Linear(3, 4)`, Tanh, `Linear(4, 1)`, MSE, in `dtype`.

    `loss(_)` is the loss at the parameters' current values; `grads` is backprop's.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((8, 3)).astype(dtype)
    T = rng.standard_normal((8, 1)).astype(dtype)
    net = Sequential(Linear(3, 4, rng=seed + 1), Tanh(), Linear(4, 1, rng=seed + 2))
    for layer in (net.layers[0], net.layers[2]):
        layer.W, layer.b = layer.W.astype(dtype), layer.b.astype(dtype)
    mse = MSELoss()

    def loss(_=None):
        """The loss at whatever values the parameters hold now."""
        return mse.forward(net.forward(X), T)

    loss()
    net.backward(mse.backward())
    return loss, {n: p for n, p, _ in net.params()}, {n: g for n, _, g in net.params()}


# --8<-- [end:small_net]


# --8<-- [start:wide_net]
def wide_net(seed=0):
    """`(loss, W, dW)`: the 2048 weights of `Linear(64, 32)`, Tanh, `Linear(32, 1)`."""
    rng = np.random.default_rng(seed)
    X, T = rng.standard_normal((16, 64)), rng.standard_normal((16, 1))
    net = Sequential(Linear(64, 32, rng=seed + 1), Tanh(), Linear(32, 1, rng=seed + 2))
    mse = MSELoss()

    def loss(_=None):
        """The loss at whatever values the weights hold now."""
        return mse.forward(net.forward(X), T)

    loss()
    net.backward(mse.backward())
    return loss, net.layers[0].W, net.layers[0].dW.copy()


# --8<-- [end:wide_net]


def catch_chance(bad, total, k):
    """The chance that `k` distinct entries drawn from `total` include one of `bad`."""
    miss = 1.0
    for j in range(k):  # draw j misses the bad entries, given the j before it did
        miss *= (total - bad - j) / (total - j)
    return 1 - miss


# --8<-- [start:dropout]
def dropout_loss(w, X, T, rng, p=0.5):
    r"""$L = \mathrm{mean}\,(\mathrm{drop}(X w) - T)^2$, a dropout mask from `rng`.

    `drop` zeroes each row with probability `p` and scales the rest by $1/(1 - p)$.
    """
    check_array(w, "dropout_loss", "w")
    keep = (rng.random((X.shape[0], 1)) >= p) / (1 - p)  # a fresh mask at every call
    return float(np.mean((X @ w * keep - T) ** 2))


def dropout_gradient(w, X, T, rng, p=0.5):
    r"""$\partial L / \partial w$, with a dropout mask of its own drawn from `rng`."""
    keep = (rng.random((X.shape[0], 1)) >= p) / (1 - p)
    return X.T @ (2 * (X @ w * keep - T) * keep / len(X))


# --8<-- [end:dropout]
