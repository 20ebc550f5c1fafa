"""Exercises of the chapter on which loss the backward pass differentiates.

The page is docs/implementation-loss.md.
"""

import math

from bpdocs.exercises import Option, choice, engine_gradient, numeric


def sig(z):
    """The sigmoid of a float."""
    return 1 / (1 + math.exp(-z))


def mse_logit_gradient(z, t):
    r"""$\partial/\partial z$ of $\frac{1}{2}(\sigma(z) - t)^2$, by the engine."""
    return engine_gradient(lambda z: 0.5 * (z.sigmoid() - t) ** 2, z)[0]


def bce_logit_gradient(z, t):
    r"""$\partial/\partial z$ of $-t\log\sigma(z) - (1-t)\log(1-\sigma(z))$."""
    return engine_gradient(
        lambda z: -t * z.sigmoid().log() - (1 - t) * (1 - z.sigmoid()).log(), z
    )[0]


EXERCISES = (
    numeric(
        "implementation-loss-1",
        r"For one output $a = \sigma(z)$ with $z = 1.5$ and target $t = 0$, what "
        r"is $\frac{\partial L}{\partial z}$ of the binary cross-entropy "
        r"$L = -t\log a - (1 - t)\log(1 - a)$?",
        bce_logit_gradient(1.5, 0.0),
        tol=5e-4,
        by_hand=lambda: sig(1.5) - 0.0,
        solution=(
            r"$\frac{\partial L}{\partial a} = \frac{a - t}{a(1 - a)}$, and "
            r"$\frac{\partial a}{\partial z} = a(1 - a)$.",
            r"They cancel: $\frac{\partial L}{\partial z} = a - t = \sigma(1.5)$.",
        ),
    ),
    numeric(
        "implementation-loss-2",
        r"Same $z = 1.5$, $t = 0$, with the squared error "
        r"$L = \frac{1}{2}(a - t)^2$ instead. What is "
        r"$\frac{\partial L}{\partial z}$?",
        mse_logit_gradient(1.5, 0.0),
        tol=5e-4,
        by_hand=lambda: (sig(1.5) - 0.0) * sig(1.5) * (1 - sig(1.5)),
        solution=(
            r"$\frac{\partial L}{\partial a} = a - t$, times "
            r"$\frac{\partial a}{\partial z} = a(1 - a)$, with nothing to cancel.",
        ),
    ),
    choice(
        "implementation-loss-3",
        r"`dz2 = a2 - y` with a sigmoid output is the exact gradient of which loss?",
        (
            Option(
                r"The binary cross-entropy",
                r"its $\frac{1}{a(1 - a)}$ cancels the sigmoid's derivative, "
                r"leaving $a - y$.",
                right=True,
            ),
            Option(
                r"The squared error the network prints",
                r"the squared error's gradient keeps the factor $a(1 - a)$.",
            ),
            Option(
                r"Any loss, at a sigmoid output",
                r"the cancellation is the cross-entropy's alone.",
            ),
        ),
        solution=(
            r"The first two exercises: the cross-entropy gives $a - t$, the "
            r"squared error $(a - t)\,a(1 - a)$.",
        ),
    ),
)
