r"""What backprop stores, counted from the layers' caches, with and without checkpoints.

The net is `deep_mlp("tanh", blocks, width)` of `bpdocs.examples.depth`: `2 * blocks`
layers, `Linear` and `Tanh` in turn. `instrument` wraps every layer's `forward` and
`backward` so that each call is counted and, after it, the floats held for the
backward pass are summed from the arrays themselves (`bpdocs.checkpoint`). The loss is
a fixed random read-out, $L = \sum G \odot h$, as in the depth experiment.
"""

from __future__ import annotations

# --8<-- [start:instrument]
from dataclasses import dataclass

import numpy as np

from bpdocs.checkpoint import Checkpointed, cached_arrays, stored_floats
from bpdocs.examples.depth import deep_mlp


@dataclass
class Counts:
    """Layer forward calls, and the most floats held for backward after any call."""

    forward_calls: int = 0
    peak_floats: int = 0


def instrument(layers, stored):
    """Count the layers' forward calls; note the peak of `stored()` after each call."""
    counts = Counts()

    def watch(method, is_forward):
        def counted(A):
            counts.forward_calls += is_forward
            out = method(A)
            counts.peak_floats = max(counts.peak_floats, stored_floats(stored()))
            return out

        return counted

    for layer in layers:  # instance attributes shadow the class's methods
        layer.forward = watch(layer.forward, True)
        layer.backward = watch(layer.backward, False)
    return counts


# --8<-- [end:instrument]


# --8<-- [start:measure]
@dataclass
class Measured:
    """One backward pass: its counts, the input's gradient, the layers' gradients."""

    n_layers: int
    every: int | None
    counts: Counts
    dX: np.ndarray
    grads: list

    def recomputed(self):
        """Layer forward evaluations beyond the first forward pass's one per layer."""
        return self.counts.forward_calls - self.n_layers


def measure(blocks=32, every=None, width=16, batch=8, seed=0):
    """Backprop through `deep_mlp("tanh", blocks, width)`: plain, or checkpointed."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((batch, width))
    G = rng.standard_normal((batch, width))
    net = deep_mlp("tanh", depth=blocks, width=width, seed=seed + 1)
    if every is None:  # plain backprop: Sequential keeps every layer's caches
        runner = net

        def stored():
            return [a for layer in net.layers for a in cached_arrays(layer)]

    else:
        runner = Checkpointed(net, every)
        stored = runner.stored
    counts = instrument(net.layers, stored)
    runner.forward(X)
    dX = runner.backward(G)
    grads = [g.copy() for _, _, g in net.params()]
    return Measured(len(net.layers), every, counts, dX, grads)


# --8<-- [end:measure]
