"""Exercises of the chapter on deriving the backward pass (backward-pass.md)."""

import math

from bpdocs.exercises import Option, choice, engine_gradient, numeric

# one input, one hidden unit, one output: x, W, b, V, c and the target t
x, W, b, V, c, t = 1.0, 0.5, 0.0, -1.0, 0.2, 1.0


def sig(z):
    """The sigmoid of a float."""
    return 1 / (1 + math.exp(-z))


def loss(W, b, V, c):
    r"""$L = \frac{1}{2}(y - t)^2$ for $y = \sigma(V\sigma(Wx + b) + c)$."""
    a = (W * x + b).sigmoid()
    return 0.5 * ((V * a + c).sigmoid() - t) ** 2


a = sig(W * x + b)
y = sig(V * a + c)
delta2 = (y - t) * y * (1 - y)

EXERCISES = (
    numeric(
        "backward-pass-1",
        r"A network of one unit per layer: $a = \sigma(Wx + b)$, "
        r"$y = \sigma(Va + c)$, $L = \frac{1}{2}(y - t)^2$, with $x = 1$, "
        r"$W = 0.5$, $b = 0$, $V = -1$, $c = 0.2$, $t = 1$. What is "
        r"$\frac{\partial L}{\partial c}$, which is $\delta_2$?",
        engine_gradient(loss, W, b, V, c)[3],
        tol=5e-4,
        by_hand=lambda: delta2,
        solution=(
            r"Forward: $a = \sigma(0.5)$, $y = \sigma(-a + 0.2)$.",
            r"$\delta_2 = (y - t)\,y(1 - y)$, and "
            r"$\frac{\partial L}{\partial c} = \delta_2$.",
        ),
    ),
    numeric(
        "backward-pass-2",
        r"For the same network, what is $\frac{\partial L}{\partial W}$?",
        engine_gradient(loss, W, b, V, c)[0],
        tol=5e-4,
        by_hand=lambda: V * delta2 * a * (1 - a) * x,
        solution=(
            r"Back into the hidden layer: $\frac{\partial L}{\partial a} = "
            r"V\delta_2$.",
            r"Through its sigmoid: $\delta_1 = V\delta_2\, a(1 - a)$.",
            r"$\frac{\partial L}{\partial W} = \delta_1\, x$.",
        ),
    ),
    choice(
        "backward-pass-3",
        r"With $k$ outputs and $h$ hidden units, what shape has "
        r"$\frac{\partial L}{\partial V} = \delta_2 a^\top$?",
        (
            Option(
                r"$k \times h$, the shape of $V$",
                r"a $k \times 1$ column times a $1 \times h$ row; a gradient has "
                r"its parameter's shape.",
                right=True,
            ),
            Option(
                r"$h \times k$",
                r"that is the shape of $V^\top$, which carries $\delta_2$ back to "
                r"the hidden layer.",
            ),
            Option(
                r"$1 \times 1$",
                r"that would be $a^\top \delta_2$, which needs $h = k$ and is a "
                r"number, not a gradient of $V$.",
            ),
        ),
        solution=(
            r"$\frac{\partial L}{\partial V_{ij}} = \delta_{2,i}\, a_j$: one entry "
            r"per output $i$ and hidden unit $j$.",
        ),
    ),
)
