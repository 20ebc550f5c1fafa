r"""Initialisation, residual connections and clipping, measured on bpdocs' layers.

Four experiments: a two-layer net whose hidden units start equal and stay equal; the
variance of activations and gradients through a deep net, layer by layer, for several
weight scales; the 30-layer nets of `bpdocs.examples.depth` with a residual connection
round every block; and a deep net with too large an init, trained with and without
clipping the gradient's norm. Every array is drawn from an explicit seed.
"""

from __future__ import annotations

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np

from bpdocs.examples.depth import deep_mlp, run_depth
from bpdocs.layers import (
    Linear,
    MSELoss,
    Residual,
    Sequential,
    Tanh,
    clip_by_global_norm,
    global_norm,
)

# --8<-- [end:imports]


# --8<-- [start:symmetry]
def wave_data(n=40, seed=0):
    r"""`(X, T)`: `n` points of $[-2, 2]^2$ and targets $\sin x_1 \cos x_2$."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2.0, 2.0, (n, 2))
    return X, np.sin(X[:, :1]) * np.cos(X[:, 1:])


def train_two_layer(start, hidden=4, lr=0.1, steps=2000, seed=0):
    """Fit `wave_data` with `Linear(2, hidden), Tanh(), Linear(hidden, 1)`.

    `start` is `"zeros"` (every weight 0), `"equal"` (every weight 0.5) or
    `"random"` (bpdocs' own init). Returns the trained net and its final loss.
    """
    X, T = wave_data(seed=seed)
    net = Sequential(
        Linear(2, hidden, rng=seed + 1), Tanh(), Linear(hidden, 1, rng=seed + 2)
    )
    if start in ("zeros", "equal"):
        for linear in (net.layers[0], net.layers[2]):
            linear.W[...] = 0.0 if start == "zeros" else 0.5  # the biases start at 0
    elif start != "random":
        raise ValueError(f"start must be 'zeros', 'equal' or 'random', got {start!r}")
    loss = MSELoss()
    for _ in range(steps):
        loss.forward(net.forward(X), T)
        net.backward(loss.backward())
        net.step(lr)
    return net, loss.forward(net.forward(X), T)


# --8<-- [end:symmetry]


# --8<-- [start:variance]
#: Var(W) of each scheme, for a layer from `fan_in` to `fan_out` units.
VARIANCES = {
    "LeCun": lambda fan_in, fan_out: 1 / fan_in,
    "Glorot": lambda fan_in, fan_out: 2 / (fan_in + fan_out),
    "He": lambda fan_in, fan_out: 2 / fan_in,
}


def one_layer_factors(scheme, fan_in=100, fan_out=300, batch=2000, seed=0):
    r"""The forward gain $\mathrm{E}[z^2]/\mathrm{E}[x^2]$ and the backward gain.

    One `Linear(fan_in, fan_out)`, $W$ drawn with the scheme's variance, $x$ and
    $dz = \partial L/\partial z$ standard normal; the backward gain is
    $\mathrm{E}[dx^2]/\mathrm{E}[dz^2]$.
    """
    rng = np.random.default_rng(seed)
    layer = Linear(fan_in, fan_out, rng=seed + 1)
    layer.W = rng.standard_normal((fan_in, fan_out)) * np.sqrt(
        VARIANCES[scheme](fan_in, fan_out)
    )
    x = rng.standard_normal((batch, fan_in))
    dz = rng.standard_normal((batch, fan_out))
    forward = np.mean(layer.forward(x) ** 2) / np.mean(x**2)
    backward = np.mean(layer.backward(dz) ** 2) / np.mean(dz**2)
    return float(forward), float(backward)


# --8<-- [end:variance]


# --8<-- [start:profile]
#: label: (activation, s), with Var(W) = s / width for square layers.
PROFILES = {
    "ReLU, 0.5/n: too small": ("relu", 0.5),
    "ReLU, 1/n: LeCun": ("relu", 1.0),
    "ReLU, 2/n: He": ("relu", 2.0),
    "ReLU, 4/n: too large": ("relu", 4.0),
    "tanh, 1/n: Glorot (= LeCun here)": ("tanh", 1.0),
}


def variance_profile(activation, s, depth=24, width=128, batch=64, seed=0):
    r"""Mean squares of $z_l$ (forward) and of $\partial L/\partial h_l$ (backward).

    `forward[l-1]` is $\mathrm{E}[z_l^2]$ for $l = 1, \dots,$ `depth`; `backward[l]` is
    $\mathrm{E}[(\partial L/\partial h_l)^2]$ for $l = 0, \dots,$ `depth` ($h_0 = x$).
    $x$ and the top gradient $G$ are standard normal.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((batch, width))
    G = rng.standard_normal((batch, width))
    net = deep_mlp(activation, depth, width, gain=np.sqrt(s), seed=seed + 1)
    forward, h = [], X
    for layer in net.layers:
        h = layer.forward(h)
        if isinstance(layer, Linear):  # h is z_l
            forward.append(np.mean(h**2))
    backward, grad = [], G
    for layer in reversed(net.layers):
        if not isinstance(layer, Linear):  # grad is dL/dh_l
            backward.append(np.mean(grad**2))
        grad = layer.backward(grad)
    backward.append(np.mean(grad**2))  # dL/dx
    return np.array(forward), np.array(backward[::-1])


def mean_ratio(values):
    """The mean, over successive pairs, of `values[l + 1] / values[l]`."""
    values = np.asarray(values)
    return float(np.mean(values[1:] / values[:-1]))


# --8<-- [end:profile]


# --8<-- [start:residual]
def residual_mlp(activation, depth=30, width=32, gain=1.0, seed=0):
    r"""`deep_mlp`'s blocks and weights, each made $h_l = h_{l-1} + F_l(h_{l-1})$."""
    plain = deep_mlp(activation, depth, width, gain, seed)
    pairs = zip(plain.layers[::2], plain.layers[1::2], strict=True)
    return Sequential(*[Residual(Sequential(lin, act)) for lin, act in pairs])


def run_residual(activation, gain=1.0, depth=30, width=32, batch=64, seed=0):
    """`run_depth` with a residual connection: the same `X`, `G` and weights."""
    return run_depth(activation, gain, depth, width, batch, seed, build=residual_mlp)


# --8<-- [end:residual]


@dataclass
class ClipRun:
    """A training run: the loss before each step, the gradient's norm at each step."""

    losses: list[float]
    norms: list[float]

    def diverged(self):
        """True if the loss passed `DIVERGED` (the run stopped there)."""
        return self.losses[-1] > DIVERGED


#: A loss above this counts as diverged, and the run stops.
DIVERGED = 1e12


# --8<-- [start:clipping]
def steep_net(depth=10, width=16, seed=1):
    r"""A ReLU net with too large an init, $1.5 \times$ He, and a linear read-out."""
    net = deep_mlp("relu", depth, width, gain=1.5 * np.sqrt(2.0), seed=seed)
    net.layers.append(Linear(width, 1, rng=seed + 1))
    return net


def train_clipped(max_norm=None, lr=0.03, steps=300, seed=0):
    """Gradient descent on `steep_net`, clipping the gradient to `max_norm` if given."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((32, 16))
    T = np.sin(X[:, :1])
    net, loss = steep_net(seed=seed + 1), MSELoss()
    losses, norms = [], []
    for _ in range(steps):
        losses.append(loss.forward(net.forward(X), T))
        if losses[-1] > DIVERGED:
            break
        net.backward(loss.backward())
        grads = [g for _, _, g in net.params()]
        if max_norm is None:
            norms.append(global_norm(grads))
        else:
            clipped, norm = clip_by_global_norm(grads, max_norm)
            for g, c in zip(grads, clipped, strict=True):
                g[...] = c  # the layers' own gradients, which step() uses
            norms.append(norm)
        net.step(lr)
    return ClipRun(losses, norms)


# --8<-- [end:clipping]
