"""Exercises of the chapter on initialisation, and a path for the gradient."""

import math

import numpy as np

from bpdocs.examples.initialisation import VARIANCES
from bpdocs.exercises import Option, choice, numeric
from bpdocs.layers import Linear, Residual, Sequential, Tanh, clip_by_global_norm


def residual_slope(w, h):
    """$dY/dX$ of `Residual(Linear(1, 1) with weight w, then Tanh)` at one input `h`."""
    block = Linear(1, 1)
    block.W = np.array([[w]])
    layer = Residual(Sequential(block, Tanh()))
    layer.forward(np.array([[h]]))
    return float(layer.backward(np.ones((1, 1)))[0, 0])


EXERCISES = (
    numeric(
        "initialisation-1",
        r"He initialisation draws weights with variance $2/n_\text{in}$. What is "
        r"their standard deviation for a layer with $n_\text{in} = 50$ inputs?",
        math.sqrt(VARIANCES["He"](50, 20)),
        tol=5e-4,
        by_hand=lambda: math.sqrt(2 / 50),
        solution=(r"$\sqrt{2/50} = \sqrt{0.04}$.",),
    ),
    numeric(
        "initialisation-2",
        r"A residual block $y = h + \tanh(wh)$ with $w = 2$: what is "
        r"$\frac{dy}{dh}$ at $h = 0.5$?",
        residual_slope(2.0, 0.5),
        tol=5e-4,
        by_hand=lambda: 1 + 2 * (1 - math.tanh(1.0) ** 2),
        solution=(
            r"The identity path gives 1; the block gives "
            r"$w(1 - \tanh^2(wh))$.",
            r"$1 + 2(1 - \tanh^2 1)$: never less than the identity's 1 here.",
        ),
    ),
    numeric(
        "initialisation-3",
        r"Gradients $g_1 = (3, 0)$ and $g_2 = (4,)$ clipped to a global norm of "
        r"at most $1$: what does the entry $4$ become?",
        float(clip_by_global_norm([np.array([3.0, 0.0]), np.array([4.0])], 1)[0][1][0]),
        tol=5e-4,
        by_hand=lambda: 4 * 1 / 5,
        solution=(
            r"The global norm is $\sqrt{3^2 + 0^2 + 4^2} = 5$.",
            r"Every entry is scaled by $\min(1, 1/5)$: $4 \cdot \frac{1}{5}$.",
        ),
    ),
    choice(
        "initialisation-4",
        r"Why can a network not start with all its weights equal, say all 0.5?",
        (
            Option(
                r"Every hidden unit then computes the same thing and gets the same "
                r"gradient, so they stay equal: the layer acts as one unit.",
                r"equal weights make the units' forward values equal, and their "
                r"gradients too; each step keeps them equal.",
                right=True,
            ),
            Option(
                r"Because 0.5 is too large.",
                r"any equal value has the same trouble, small or large.",
            ),
            Option(
                r"Because the gradient is then zero.",
                r"with equal nonzero weights the gradient is not zero; it is equal "
                r"across units.",
            ),
        ),
        solution=(
            r"Swapping two hidden units changes nothing, so at a symmetric start "
            r"their gradients are equal, and gradient descent never breaks the tie.",
        ),
    ),
)
