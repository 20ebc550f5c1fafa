"""Exercises of the chapter on the matrix form of the chain rule (matrix-form.md)."""

import numpy as np

from bpdocs.exercises import Option, choice, numeric
from bpdocs.layers import Linear

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # 2 rows, 3 features


def weight_gradient(dY):
    """`dW` of a `Linear(3, 4)` on the rows of `X`, after a backward pass of `dY`."""
    layer = Linear(3, 4, rng=0)
    layer.forward(X)
    layer.backward(dY)
    return layer.dW


EXERCISES = (
    numeric(
        "matrix-form-1",
        r"A linear layer $Y = XW + b$ takes 3 features to 4 outputs. How many "
        r"entries has $\frac{\partial L}{\partial W}$?",
        weight_gradient(np.ones((2, 4))).size,
        tol=0.5,
        by_hand=lambda: 3 * 4,
        solution=(
            r"The gradient of $W$ has $W$'s shape, (in, out) = (3, 4): one entry "
            r"per weight.",
        ),
    ),
    numeric(
        "matrix-form-2",
        r"$X = \begin{pmatrix}1 & 2 & 3\\ 4 & 5 & 6\end{pmatrix}$ and "
        r"$L = \sum_{r,j} Y_{rj}$, so $\frac{\partial L}{\partial Y}$ is all ones. "
        r"What is $\frac{\partial L}{\partial W_{12}}$, the entry of input 1 "
        r"and output 2?",
        weight_gradient(np.ones((2, 4)))[0, 1],
        tol=5e-4,
        by_hand=lambda: 1.0 + 4.0,
        solution=(
            r"$\frac{\partial L}{\partial W} = X^\top \frac{\partial L}"
            r"{\partial Y}$, so entry $(1, 2)$ is $\sum_r X_{r1}\cdot 1$.",
            r"Column 1 of $X$ holds 1 and 4.",
        ),
    ),
    choice(
        "matrix-form-3",
        r"For $Y = XW$ with $X$ of shape (batch, in), which is "
        r"$\frac{\partial L}{\partial X}$?",
        (
            Option(
                r"$\frac{\partial L}{\partial Y} W^\top$, of shape (batch, in)",
                r"(batch, out) times (out, in) gives $X$'s shape, as a gradient "
                r"must.",
                right=True,
            ),
            Option(
                r"$W^\top \frac{\partial L}{\partial Y}$",
                r"(out, in) times (batch, out) does not fit, unless by chance "
                r"in = batch.",
            ),
            Option(
                r"$\frac{\partial L}{\partial Y} W$",
                r"(batch, out) times (in, out) does not fit; $W$ must be "
                r"transposed.",
            ),
        ),
        solution=(
            r"$Y_{rj} = \sum_i X_{ri} W_{ij}$, so $\frac{\partial L}{\partial "
            r"X_{ri}} = \sum_j \frac{\partial L}{\partial Y_{rj}} W_{ij}$.",
            r"That sum over $j$ is the product with $W^\top$.",
        ),
    ),
)
