r"""Broadcasting and batches: a gain broadcast over a batch, sum or mean, mini-batches.

The data are points $x \in \mathbb{R}^2$ with a smooth target, drawn from a fixed seed;
the network is ``Sequential(Linear(2, 16), Tanh(), Linear(16, 1))`` under the squared
error, summed or averaged over the rows of a batch.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from bpdocs.layers import Linear, MSELoss, Sequential, Tanh, check_array, unbroadcast


# --8<-- [start:gain]
class Gain:
    r"""$Y = X \odot \gamma$: a gain $\gamma_j$ per feature, broadcast over the rows."""

    def __init__(self, features):
        """$\\gamma = 1$: the layer starts as the identity."""
        self.gamma = np.ones(features)
        self.dgamma = np.zeros(features)
        self.X = None

    def forward(self, X):
        r"""$Y_{ij} = X_{ij}\, \gamma_j$; remembers `X` for backward."""
        check_array(X, "Gain.forward")
        self.X = X
        return X * self.gamma

    def backward(self, dY):
        r"""Store $\partial L / \partial \gamma$, row sums; return $dY \odot \gamma$."""
        self.dgamma = unbroadcast(dY * self.X, self.gamma.shape)
        return dY * self.gamma

    def params(self):
        """`[("gamma", gain, its gradient)]`."""
        return [("gamma", self.gamma, self.dgamma)]


# --8<-- [end:gain]


# --8<-- [start:data]
def regression_data(n=256, seed=0):
    r"""`(X, T)`: `n` points of $\mathbb{R}^2$, targets $\sin 2x_1 + x_2^2 / 2$."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    T = np.sin(2 * X[:, :1]) + X[:, 1:] ** 2 / 2
    return X, T


def network(seed=0):
    """`Sequential(Linear(2, 16), Tanh(), Linear(16, 1))`, its weights from `seed`."""
    return Sequential(Linear(2, 16, rng=seed), Tanh(), Linear(16, 1, rng=seed + 1))


# --8<-- [end:data]


# --8<-- [start:batch_loss]
def batch_loss(net, X, T, reduction="mean"):
    r"""The squared error of the $m$ rows, `"sum"` or `"mean"`; runs backward too."""
    if reduction not in ("sum", "mean"):
        raise ValueError(f"reduction must be 'sum' or 'mean', not {reduction!r}")
    scale = len(X) if reduction == "sum" else 1.0  # MSELoss is the mean: m times it
    mse = MSELoss()
    loss = scale * mse.forward(net.forward(X), T)
    net.backward(scale * mse.backward())  # so every gradient is m times the mean's
    return loss


# --8<-- [end:batch_loss]


# --8<-- [start:descend]
def descend(reduction, lr, m, steps=100, seed=0):
    """Full-batch descent on the first `m` points; the mean loss before each step.

    The run stops early, as diverged, once the mean loss passes 1000 times its start.
    """
    X, T = regression_data()
    X, T = X[:m], T[:m]
    net = network(seed)
    means = []
    for _ in range(steps):
        loss = batch_loss(net, X, T, reduction)
        means.append(loss / m if reduction == "sum" else loss)
        if not means[-1] < 1000 * means[0]:
            break
        net.step(lr)
    return means


def works(means, steps=100):
    """A run works if it ran every step and ended below a tenth of its first loss."""
    return len(means) == steps and means[-1] < means[0] / 10


# --8<-- [end:descend]

#: The learning rates tried: doubling from 2**-14 to 2**3.
RATES = [2.0**k for k in range(-14, 4)]


def largest_working_rate(reduction, m, rates=RATES):
    """The largest rate of `rates` at which `descend(reduction, lr, m)` works."""
    good = [lr for lr in rates if works(descend(reduction, lr, m))]
    return max(good) if good else None


# --8<-- [start:per_example]
def flat_gradient(net):
    """Every parameter's gradient from the latest backward, as one flat vector."""
    return np.concatenate([g.ravel() for _, _, g in net.params()])


def per_example_gradients(net, X, T):
    """Row `i`: the gradient of example `i`'s squared error, every parameter, flat."""
    rows = []
    for i in range(len(X)):
        batch_loss(net, X[i : i + 1], T[i : i + 1])
        rows.append(flat_gradient(net))
    return np.array(rows)


# --8<-- [end:per_example]


# --8<-- [start:spread]
def batch_spread(G, m, draws=400, seed=0):
    r"""$\sqrt{\mathrm{mean}\,\lVert g_B - g \rVert^2}$ over `draws` batches of `m`.

    Each batch is `m` distinct rows of `G` (drawn without replacement); $g_B$ is their
    mean, $g$ the mean of every row: the full gradient.
    """
    rng = np.random.default_rng(seed)
    full = G.mean(axis=0)
    squares = [
        np.sum((G[rng.choice(len(G), m, replace=False)].mean(axis=0) - full) ** 2)
        for _ in range(draws)
    ]
    return float(np.sqrt(np.mean(squares)))


def spread_theory(G, m):
    r"""$\sqrt{\frac{\sigma^2}{m} \frac{n - m}{n - 1}}$, $\sigma^2$ the rows' spread."""
    n = len(G)
    sigma2 = np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1))
    return float(np.sqrt(sigma2 / m * (n - m) / (n - 1)))


# --8<-- [end:spread]


def all_batches_mean(G, m):
    """The mean of $g_B$ over every batch of `m` distinct rows of `G`."""
    return np.mean([G[list(B)].mean(axis=0) for B in combinations(range(len(G)), m)], 0)
