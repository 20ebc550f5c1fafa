r"""What the backward pass keeps in memory, and checkpointing, which keeps less.

A layer's `forward` caches what its `backward` needs: `Linear` its input `X`, an
activation its input `X` and output `Y`. Those caches are the memory backprop costs.
`Checkpointed` runs a `Sequential` so that only the input of every `every`-th layer
is kept (a *checkpoint*); during the backward pass each segment of layers between two
checkpoints is run forward again from its checkpoint, and its caches are dropped as
soon as its backward is done. The gradients are the same floats as plain backprop's:
the same operations run on the same inputs.
"""

import math

# --8<-- [start:caches]
#: The attributes in which bpdocs' layers cache arrays for their backward.
CACHES = ("X", "Y")


def cached_arrays(layer):
    """The arrays `layer` is holding for its backward (none before forward)."""
    return [a for name in CACHES if (a := getattr(layer, name, None)) is not None]


def stored_floats(arrays):
    """The number of floats in `arrays`, each array counted once however often held."""
    unique = {id(a): a for a in arrays}  # Linear's X is often the activation's Y
    return sum(a.size for a in unique.values())


def forget(layer):
    """Drop what `layer` cached, so that its memory can be freed."""
    for name in CACHES:
        if getattr(layer, name, None) is not None:
            setattr(layer, name, None)


# --8<-- [end:caches]


# --8<-- [start:checkpointed]
class Checkpointed:
    """Run `net` keeping only every `every`-th layer's input; recompute the rest."""

    def __init__(self, net, every):
        """Wrap the `Sequential` `net`; segments of `every` layers, the last shorter."""
        if not (isinstance(every, int) and every >= 1):
            raise ValueError(f"every must be an integer >= 1, got {every!r}")
        self.net, self.every = net, every
        self.checkpoints = []

    def segments(self):
        """The layers in runs of `every`: `[[layer, ...], ...]`, first to last."""
        layers = self.net.layers
        return [layers[i : i + self.every] for i in range(0, len(layers), self.every)]

    def forward(self, X):
        """Run every layer; keep each segment's input, and the last segment's caches."""
        segments = self.segments()
        self.checkpoints = []
        for s, segment in enumerate(segments):
            self.checkpoints.append(X)
            for layer in segment:
                X = layer.forward(X)
                if s < len(segments) - 1:
                    forget(layer)  # recomputed when backward reaches this segment
        return X

    def backward(self, dY):
        """Last segment first: rerun it from its checkpoint, then backward it."""
        segments = self.segments()
        if len(self.checkpoints) != len(segments):
            raise RuntimeError("Checkpointed.backward: forward must be called first")
        for s in reversed(range(len(segments))):
            X = self.checkpoints.pop()
            if s < len(segments) - 1:  # the last segment still has its caches
                for layer in segments[s]:
                    X = layer.forward(X)
            for layer in reversed(segments[s]):
                dY = layer.backward(dY)
                forget(layer)
        return dY

    def stored(self):
        """The arrays held now: the checkpoints and every layer's caches."""
        caches = [a for layer in self.net.layers for a in cached_arrays(layer)]
        return self.checkpoints + caches


def sqrt_schedule(n_layers):
    r"""$k = \mathrm{round}(\sqrt{n})$: $n/k + k$ is least at $k = \sqrt n$."""
    if n_layers < 1:
        raise ValueError(f"need at least one layer, got {n_layers}")
    return max(1, round(math.sqrt(n_layers)))


# --8<-- [end:checkpointed]
