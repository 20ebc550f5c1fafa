"""Exercises of the chapter on broadcasting and batches (broadcasting.md)."""

import numpy as np

from bpdocs.exercises import Option, choice, numeric
from bpdocs.layers import MSELoss, unbroadcast

dY = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-1.0, 1.0, 1.0], [2.0, 3.0, 0.0]])


def sum_over_mean_gradient(m):
    """The gradient of the summed squared error over `MSELoss`'s (the mean's)."""
    y, t = np.linspace(0.0, 1.0, m)[:, None], np.zeros((m, 1))
    loss = MSELoss()
    loss.forward(y, t)
    return float((2 * (y - t))[-1, 0] / loss.backward()[-1, 0])


EXERCISES = (
    numeric(
        "broadcasting-1",
        r"A bias $b$ of 3 entries is added to each of 4 rows; "
        r"$\frac{\partial L}{\partial Y}$ is "
        r"$\begin{pmatrix}0.5&-1&2\\1.5&0&-0.5\\-1&1&1\\2&3&0\end{pmatrix}$. "
        r"What is $\frac{\partial L}{\partial b_1}$?",
        unbroadcast(dY, (3,))[0],
        tol=5e-4,
        by_hand=lambda: 0.5 + 1.5 - 1.0 + 2.0,
        solution=(
            r"The broadcast copies $b$ to every row, and the backward pass of a "
            r"copy sums the copies' gradients.",
            r"$\frac{\partial L}{\partial b_1}$ is the sum of column 1: "
            r"$0.5 + 1.5 - 1 + 2$.",
        ),
    ),
    numeric(
        "broadcasting-2",
        r"A loss that is the mean over a batch of $m = 32$ instead of the sum: by "
        r"what factor is its gradient smaller?",
        sum_over_mean_gradient(32),
        tol=5e-4,
        by_hand=lambda: 32,
        solution=(
            r"$\frac{1}{m}\sum_r L_r$ has gradient $\frac{1}{m}$ times that of "
            r"$\sum_r L_r$.",
            r"So the mean's gradient is $m = 32$ times smaller, and the same step "
            r"needs a learning rate 32 times larger.",
        ),
    ),
    choice(
        "broadcasting-3",
        r"A gain $g$ of shape (1, 3) multiplies every row of $X$, of shape "
        r"(4, 3): $Y = g \odot X$. Which is $\frac{\partial L}{\partial g}$?",
        (
            Option(
                r"The sum over the rows of $\frac{\partial L}{\partial Y} \odot X$, "
                r"kept as shape (1, 3)",
                r"each entry $g_j$ is used in all 4 rows, and each use hands it "
                r"$\frac{\partial L}{\partial Y_{rj}} X_{rj}$.",
                right=True,
            ),
            Option(
                r"$\frac{\partial L}{\partial Y} \odot X$, of shape (4, 3)",
                r"that is one gradient per copy; the parameter has 3 entries, and "
                r"its gradient is the copies' sum.",
            ),
            Option(
                r"The mean over the rows of $\frac{\partial L}{\partial Y} \odot X$",
                r"the chain rule sums the paths; a mean would be 4 times too small.",
            ),
        ),
        solution=(
            r"$Y_{rj} = g_j X_{rj}$, so $\frac{\partial L}{\partial g_j} = \sum_r "
            r"\frac{\partial L}{\partial Y_{rj}} X_{rj}$.",
        ),
    ),
)
