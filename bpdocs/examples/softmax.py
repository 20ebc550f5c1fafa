"""A three-class example for softmax and cross-entropy: 2-D points, a small network.

The data are three clouds of points in the plane, one per class, drawn with a fixed
seed; the network is ``Sequential(Linear(2, h), Tanh(), Linear(h, 3))``, whose three
outputs are the logits, trained by full-batch gradient descent on
``SoftmaxCrossEntropyLoss``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bpdocs.layers import Linear, Sequential, SoftmaxCrossEntropyLoss, Tanh, softmax

#: The centre of each class's cloud of points.
CENTERS = np.array([[0.0, 1.6], [-1.5, -1.0], [1.5, -1.0]])


# --8<-- [start:data]
def three_clouds(n_per_class=40, spread=0.8, seed=0):
    """`(X, labels, Y)`: points around `CENTERS`, their classes, and one-hot rows."""
    rng = np.random.default_rng(seed)
    k = len(CENTERS)
    X = np.concatenate(
        [c + spread * rng.standard_normal((n_per_class, 2)) for c in CENTERS]
    )
    labels = np.repeat(np.arange(k), n_per_class)
    return X, labels, np.eye(k)[labels]


# --8<-- [end:data]


@dataclass
class Run:
    """A training run: the trained network and the loss and accuracy at each epoch."""

    net: Sequential
    losses: list[float]
    accuracies: list[float]


# --8<-- [start:train]
def train_classifier(hidden=8, lr=0.5, epochs=300, seed=0):
    """Gradient descent on the softmax cross-entropy of the three clouds' points."""
    X, labels, Y = three_clouds()
    net = Sequential(
        Linear(2, hidden, rng=seed), Tanh(), Linear(hidden, 3, rng=seed + 1)
    )
    loss = SoftmaxCrossEntropyLoss()
    losses, accuracies = [], []
    for _ in range(epochs):
        Z = net.forward(X)  # logits, one row per point
        losses.append(loss.forward(Z, Y))
        accuracies.append(float(np.mean(Z.argmax(axis=1) == labels)))
        net.backward(loss.backward())  # starts from (P - Y) / m
        net.step(lr)
    return Run(net, losses, accuracies)


# --8<-- [end:train]


def class_grid(net, lim=3.5, n=141):
    """`(x1, x2, classes, confidence)` over a square grid of the input plane."""
    x1, x2 = np.meshgrid(np.linspace(-lim, lim, n), np.linspace(-lim, lim, n))
    P = softmax(net.forward(np.column_stack([x1.ravel(), x2.ravel()])))
    classes = P.argmax(axis=1).reshape(x1.shape)
    return x1, x2, classes, P.max(axis=1).reshape(x1.shape)
