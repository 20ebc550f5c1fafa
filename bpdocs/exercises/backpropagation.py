"""Exercises of the chapter on backpropagation in networks (backpropagation.md)."""

import math

from bpdocs.exercises import Option, choice, engine_gradient, expression, numeric


def neuron(w, b):
    r"""$L = \frac{1}{2}(\sigma(w x + b) - t)^2$ at $x = 1.5$, $t = 1$."""
    return 0.5 * ((w * 1.5 + b).sigmoid() - 1.0) ** 2


def sig(z):
    """The sigmoid of a float."""
    return 1 / (1 + math.exp(-z))


EXERCISES = (
    numeric(
        "backpropagation-1",
        r"A sigmoid's local derivative is $\sigma'(z) = \sigma(z)(1 - \sigma(z))$. "
        r"What is it at $z = 0$?",
        engine_gradient(lambda z: z.sigmoid(), 0.0)[0],
        tol=5e-4,
        by_hand=lambda: sig(0) * (1 - sig(0)),
        solution=(
            r"$\sigma(0) = \frac{1}{2}$, so $\sigma'(0) = \frac{1}{2}\cdot"
            r"\frac{1}{2}$: the largest it gets.",
        ),
    ),
    numeric(
        "backpropagation-2",
        r"One neuron, $a = \sigma(wx + b)$, with loss $L = \frac{1}{2}(a - t)^2$, "
        r"$x = 1.5$, $t = 1$. What is $\frac{\partial L}{\partial w}$ at $w = 0.4$, "
        r"$b = -0.2$?",
        engine_gradient(neuron, 0.4, -0.2)[0],
        tol=5e-4,
        by_hand=lambda: (sig(0.4) - 1) * sig(0.4) * (1 - sig(0.4)) * 1.5,
        solution=(
            r"$z = 0.4 \cdot 1.5 - 0.2 = 0.4$ and $a = \sigma(0.4)$.",
            r"Backward: $\frac{\partial L}{\partial a} = a - t$, "
            r"$\frac{\partial a}{\partial z} = a(1 - a)$, "
            r"$\frac{\partial z}{\partial w} = x$.",
            r"$\frac{\partial L}{\partial w} = (a - 1)\,a(1 - a)\cdot 1.5$.",
        ),
    ),
    choice(
        "backpropagation-3",
        r"In the backward pass of a two-layer network, why is the output layer's "
        r"error $\delta_2$ computed before the hidden layer's $\delta_1$?",
        (
            Option(
                r"$\delta_1$ is built from $\delta_2$: the hidden layer reaches the "
                r"loss only through the output layer.",
                r"$\delta_1 = (V^\top \delta_2) \odot \sigma'(z_1)$ reuses "
                r"$\delta_2$, so each product is computed once.",
                right=True,
            ),
            Option(
                r"Only for speed; the other order gives the same numbers.",
                r"the other order cannot start: $\delta_1$ needs $\delta_2$.",
            ),
            Option(
                r"Because the output layer has more weights.",
                r"the order follows the graph, from the loss back, whatever the "
                r"layers' sizes.",
            ),
        ),
        solution=(
            r"The chain rule from $L$ to the hidden layer passes through the "
            r"output layer, so its factor $\delta_2$ comes first.",
        ),
    ),
    expression(
        "backpropagation-4",
        r"Type the sigmoid's derivative $\frac{d}{dx}\sigma(x)$ as an expression in "
        r"$x$. You may use `sigmoid`, or write it with `exp`.",
        lambda x: x.sigmoid(),
        "x",
        ("x",),
        [(-2,), (0,), (0.5,), (3,)],
        closed_form="sigmoid(x)*(1 - sigmoid(x))",
        solution=(
            r"$\sigma(x) = (1 + e^{-x})^{-1}$. The chain rule: "
            r"$\sigma'(x) = -(1 + e^{-x})^{-2} \cdot (-e^{-x}) = "
            r"\frac{e^{-x}}{(1 + e^{-x})^2}$.",
            r"Split the fraction: $\frac{1}{1 + e^{-x}} \cdot "
            r"\frac{e^{-x}}{1 + e^{-x}} = \sigma(x)\,(1 - \sigma(x))$.",
        ),
    ),
)
