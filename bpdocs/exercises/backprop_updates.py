"""Exercises of the chapter on the update and its cost (backprop-updates.md)."""

import numpy as np

from bpdocs.examples.descent import step
from bpdocs.exercises import Option, choice, numeric
from bpdocs.gradcheck import numerical_gradient


def calls_to_nudge(n):
    """How many times `numerical_gradient` calls the loss for `n` parameters."""
    calls = []

    def f(v):
        calls.append(1)
        return float(np.sum(v**2))

    numerical_gradient(f, np.ones(n))
    return len(calls)


EXERCISES = (
    numeric(
        "backprop-updates-1",
        r"$L(w, b) = (wx + b - y)^2$ with $x = 2$, $y = 3$, at $w = 0.5$, "
        r"$b = 0.1$. After one step $w \leftarrow w - \eta\frac{\partial L}"
        r"{\partial w}$ with $\eta = 0.01$, what is $w$?",
        step(0.5, 0.1, 2.0, 3.0, 0.01)[0],
        tol=5e-5,
        by_hand=lambda: 0.5 - 0.01 * 2 * (0.5 * 2 + 0.1 - 3) * 2,
        solution=(
            r"$\frac{\partial L}{\partial w} = 2(wx + b - y)x = 2(-1.9)(2) = -7.6$.",
            r"$w \leftarrow 0.5 - 0.01 \cdot (-7.6)$.",
        ),
    ),
    numeric(
        "backprop-updates-2",
        r"Nudging each parameter up and down, one at a time: how many evaluations "
        r"of the loss does the gradient of 10 parameters take?",
        calls_to_nudge(10),
        tol=0.5,
        by_hand=lambda: 2 * 10,
        solution=(
            r"A central difference takes $f(x + h)$ and $f(x - h)$: two "
            r"evaluations per parameter.",
            r"One backward pass gives all 10 at once, for a fixed multiple of one "
            r"forward pass.",
        ),
    ),
    choice(
        "backprop-updates-3",
        r"Why must every gradient be computed before any parameter is updated?",
        (
            Option(
                r"The backward pass uses the weights, such as $V$ in $V^\top "
                r"\delta_2$; updating $V$ first would give the hidden layer the "
                r"gradient at another point.",
                r"every gradient must be of the same loss at the same parameters.",
                right=True,
            ),
            Option(
                r"It is only faster that way.",
                r"the order changes the numbers, not only the time.",
            ),
            Option(
                r"The learning rate would be applied twice.",
                r"each parameter is updated once either way; what changes is the "
                r"point its gradient was taken at.",
            ),
        ),
        solution=(
            r"$\frac{\partial L}{\partial a} = V^\top \delta_2$ reads $V$. If $V$ "
            r"had already moved, $\frac{\partial L}{\partial W}$ would mix two "
            r"points.",
        ),
    ),
)
