"""Exercises of the chapter on vanishing and exploding gradients."""

import math

import numpy as np

from bpdocs.examples.depth import local_derivative
from bpdocs.exercises import Option, choice, expression, numeric

EXERCISES = (
    numeric(
        "vanishing-gradients-1",
        r"What is the largest value of the sigmoid's derivative $\sigma'(z)$?",
        float(local_derivative("sigmoid", np.linspace(-5, 5, 1001)).max()),
        tol=5e-4,
        by_hand=lambda: 0.25,
        solution=(
            r"$\sigma' = \sigma(1 - \sigma)$, a product of two numbers that sum "
            r"to 1: largest when both are $\frac{1}{2}$, at $z = 0$.",
        ),
    ),
    numeric(
        "vanishing-gradients-2",
        r"The gradient through 10 sigmoid layers picks up 10 factors "
        r"$\sigma'(z)$. At best, with every $z = 0$, what is their product? Give "
        r"$\log_{10}$ of it.",
        math.log10(float(np.prod(local_derivative("sigmoid", np.zeros(10))))),
        tol=5e-3,
        by_hand=lambda: 10 * math.log10(0.25),
        solution=(
            r"$(\frac{1}{4})^{10}$, and $\log_{10}$ of it is $10\log_{10}0.25$, "
            r"about $-6$: a millionth, before any weight.",
        ),
    ),
    numeric(
        "vanishing-gradients-3",
        r"What is the derivative of $\tanh$ at $z = 0$?",
        float(local_derivative("tanh", 0.0)),
        tol=5e-4,
        by_hand=lambda: 1 - math.tanh(0) ** 2,
        solution=(r"$\tanh' = 1 - \tanh^2$, and $\tanh 0 = 0$.",),
    ),
    choice(
        "vanishing-gradients-4",
        r"Why does a deep ReLU network, well initialised, keep its gradient "
        r"where a deep sigmoid network loses it?",
        (
            Option(
                r"ReLU's derivative is 1 where a unit is active, so a layer does "
                r"not shrink the gradient by its derivative.",
                r"the sigmoid's factor is at most $\frac{1}{4}$ at every layer; "
                r"ReLU's is 0 or 1, and the weights can keep the scale.",
                right=True,
            ),
            Option(
                r"ReLU is smooth everywhere.",
                r"it has a kink at 0; smoothness is not what keeps the gradient.",
            ),
            Option(
                r"ReLU's outputs are bounded.",
                r"they are not bounded above, while the sigmoid's are.",
            ),
        ),
        solution=(
            r"Through $n$ layers, the gradient is multiplied by $n$ local "
            r"derivatives and $n$ weight matrices.",
            r"With sigmoids, the local factors alone bring at most $4^{-n}$.",
        ),
    ),
    expression(
        "vanishing-gradients-5",
        r"Two $\tanh$ layers: $y = \tanh(\tanh x)$. Type $\frac{dy}{dx}$ as an "
        r"expression in $x$.",
        lambda x: x.tanh().tanh(),
        "x",
        ("x",),
        [(0,), (0.5,), (-1,), (2,)],
        closed_form="(1 - tanh(tanh(x))**2)*(1 - tanh(x)**2)",
        solution=(
            r"Inner $u = \tanh x$ with $\frac{du}{dx} = 1 - \tanh^2 x$; outer "
            r"$y = \tanh u$ with $\frac{dy}{du} = 1 - \tanh^2 u$.",
            r"Multiply, the outer at $u = \tanh x$: $\frac{dy}{dx} = "
            r"(1 - \tanh^2(\tanh x))(1 - \tanh^2 x)$. Each factor is at most 1.",
        ),
    ),
)
