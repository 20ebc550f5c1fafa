r"""Vanishing and exploding gradients: how the gradient's norm changes with depth.

A deep MLP is ``depth`` blocks of ``Linear(width, width)`` followed by an activation,
built from `bpdocs.layers`. The loss is a fixed random linear read-out of the last
block, $L = \sum G \odot h_{\text{depth}}$ with $\lVert G \rVert = 1$, so the gradient
starts with norm 1 at the top and every change of its norm on the way down comes from
the chain rule alone. Everything is drawn from explicit seeds, so each run gives the
same numbers.
"""

from __future__ import annotations

# --8<-- [start:imports]
from dataclasses import dataclass

import numpy as np

from bpdocs.layers import Linear, ReLU, Sequential, Sigmoid, Tanh

ACTIVATIONS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU}
# --8<-- [end:imports]


# --8<-- [start:local_derivative]
def local_derivative(activation, z):
    r"""$f'(z)$ elementwise, read off the layer's own backward fed ones as $dL/dY$."""
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"unknown activation {activation!r}; choose one of {sorted(ACTIVATIONS)}"
        )
    z = np.asarray(z, dtype=float)
    layer = ACTIVATIONS[activation]()
    Z = z.reshape(1, -1)
    layer.forward(Z)
    return layer.backward(np.ones_like(Z)).reshape(z.shape)


# --8<-- [end:local_derivative]


# --8<-- [start:deep_mlp]
def deep_mlp(activation, depth=30, width=32, gain=1.0, seed=0):
    r"""`depth` blocks of `Linear(width, width)` and `activation`, from seed `seed`.

    Each $W \sim \mathcal{N}(0, \text{gain}^2/\text{width})$.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"unknown activation {activation!r}; choose one of {sorted(ACTIVATIONS)}"
        )
    if depth < 1 or width < 1 or not gain > 0:
        raise ValueError(
            f"need depth >= 1, width >= 1 and gain > 0, got {depth=}, {width=}, {gain=}"
        )
    rng = np.random.default_rng(seed)
    layers = []
    for _ in range(depth):
        linear = Linear(width, width, rng=rng)  # W ~ N(0, 1/width): LeCun init
        linear.W *= gain  # gain sqrt(2) is He init, made for ReLU
        layers += [linear, ACTIVATIONS[activation]()]
    return Sequential(*layers)


def gradient_norms(net, X, G):
    r"""$\lVert \partial L/\partial h_l \rVert$ for $l = 1, \dots, \text{depth}$.

    Runs `X` forward, then feeds $\partial L/\partial h_{\text{depth}} = G$ back.
    """
    net.forward(X)
    norms, grad = [], G
    # what Sequential.backward does, noting each norm on the way
    for layer in reversed(net.layers):
        if not isinstance(layer, Linear):  # grad is dL/dh_l, h_l this layer's output
            norms.append(float(np.linalg.norm(grad)))
        grad = layer.backward(grad)
    return np.array(norms[::-1])


# --8<-- [end:deep_mlp]


# --8<-- [start:experiment]
@dataclass
class DepthRun:
    """A deep MLP and its gradient norms, from layer 1 (input) to `depth` (output)."""

    activation: str
    gain: float
    norms: np.ndarray
    net: Sequential

    def per_layer_factor(self):
        r"""The geometric mean, over the net, of the ratio of successive norms.

        The ratio of layer $l$ is $\lVert \partial L/\partial h_{l-1} \rVert$ over
        $\lVert \partial L/\partial h_l \rVert$.
        """
        return float((self.norms[0] / self.norms[-1]) ** (1 / (len(self.norms) - 1)))


def run_depth(
    activation, gain=1.0, depth=30, width=32, batch=64, seed=0, build=deep_mlp
):
    """Draw `X` and a unit-norm `G` from `seed`, a net `build`s from `seed + 1`."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((batch, width))
    G = rng.standard_normal((batch, width))
    G /= np.linalg.norm(G)
    net = build(activation, depth, width, gain, seed=seed + 1)
    return DepthRun(activation, gain, gradient_norms(net, X, G), net)


SETUPS = {
    # label: (activation, gain). Gain 1 is LeCun init N(0, 1/width), the init of
    # bpdocs' Linear; sqrt(2) is He init.
    "sigmoid, LeCun init": ("sigmoid", 1.0),
    "tanh, LeCun init": ("tanh", 1.0),
    "ReLU, LeCun init": ("relu", 1.0),
    "ReLU, He init": ("relu", np.sqrt(2.0)),
    "ReLU, 1.5 × He init": ("relu", 1.5 * np.sqrt(2.0)),
}
# --8<-- [end:experiment]
