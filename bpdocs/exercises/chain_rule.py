"""Exercises of the chapter on the chain rule for one variable (docs/chain-rule.md)."""

import math

from bpdocs.exercises import Option, choice, engine_gradient, expression, numeric


def engine_derivative(f, x):
    """``f'(x)`` by the engine: ``f`` maps a `Value` to a `Value`."""
    return engine_gradient(f, x)[0]


EXERCISES = (
    numeric(
        "chain-rule-1",
        r"Let $y = (3x + 1)^2$. What is $\frac{dy}{dx}$ at $x = 2$?",
        engine_derivative(lambda x: (3 * x + 1) ** 2, 2.0),
        tol=5e-4,
        by_hand=lambda: 2 * (3 * 2 + 1) * 3,
        solution=(
            r"Inner $u = 3x + 1$, outer $y = u^2$: $\frac{dy}{du} = 2u$, "
            r"$\frac{du}{dx} = 3$.",
            r"Multiply, with the outer derivative at the inner value: "
            r"$\frac{dy}{dx} = 2(3x + 1)\cdot 3 = 6(3x+1)$.",
            r"At $x = 2$: $u = 7$, so $\frac{dy}{dx} = 6 \cdot 7$.",
        ),
    ),
    numeric(
        "chain-rule-2",
        r"Let $y = \sin(x^2)\, e^x$. What is $\frac{dy}{dx}$ at $x = 0.7$?",
        engine_derivative(lambda x: (x**2).sin() * x.exp(), 0.7),
        tol=5e-4,
        by_hand=lambda: (2 * 0.7 * math.cos(0.49) + math.sin(0.49)) * math.exp(0.7),
        solution=(
            r"A product: $\frac{dy}{dx} = \frac{d}{dx}\sin(x^2)\cdot e^x + "
            r"\sin(x^2)\cdot e^x$.",
            r"The chain rule for the first factor: "
            r"$\frac{d}{dx}\sin(x^2) = \cos(x^2)\cdot 2x$.",
            r"Together: $\frac{dy}{dx} = \big(2x\cos(x^2) + \sin(x^2)\big)\,e^x$; "
            r"at $x = 0.7$, $x^2 = 0.49$.",
        ),
    ),
    choice(
        "chain-rule-3",
        r"Which is $\frac{d}{dx}\cos(x^3)$?",
        (
            Option(
                r"$-\sin(3x^2)$",
                r"it puts the inner derivative $3x^2$ inside the outer "
                r"derivative, instead of multiplying by it.",
            ),
            Option(
                r"$-\sin(x^3)\cdot 3x^2$",
                r"the outer derivative $-\sin$ at the inner value $x^3$, "
                r"times the inner derivative $3x^2$.",
                right=True,
            ),
            Option(
                r"$-\sin(x)\cdot 3x^2$",
                r"the outer derivative is taken at $x$, not at the inner "
                r"value $x^3$.",
            ),
            Option(
                r"$-\sin(x^3)$",
                r"it leaves out the inner derivative $3x^2$.",
            ),
        ),
        solution=(
            r"Inner $u = x^3$ with $\frac{du}{dx} = 3x^2$; outer $\cos u$ with "
            r"derivative $-\sin u$.",
            r"So $\frac{d}{dx}\cos(x^3) = -\sin(x^3)\cdot 3x^2$.",
        ),
    ),
    numeric(
        "chain-rule-4",
        r"Three functions in a chain: $y = e^{\tanh(2x)}$. What is "
        r"$\frac{dy}{dx}$ at $x = 0.3$?",
        engine_derivative(lambda x: (2 * x).tanh().exp(), 0.3),
        tol=5e-4,
        by_hand=lambda: math.exp(math.tanh(0.6)) * (1 - math.tanh(0.6) ** 2) * 2,
        solution=(
            r"Name the links: $u = 2x$, $v = \tanh u$, $y = e^v$.",
            r"Their derivatives: $\frac{du}{dx} = 2$, "
            r"$\frac{dv}{du} = 1 - \tanh^2 u$, $\frac{dy}{dv} = e^v$.",
            r"Multiply, each at its own input: "
            r"$\frac{dy}{dx} = e^{\tanh 2x}\,(1 - \tanh^2 2x)\cdot 2$; at "
            r"$x = 0.3$, $2x = 0.6$.",
        ),
    ),
    expression(
        "chain-rule-5",
        r"Let $y = (3x + 1)^3$. Type $\frac{dy}{dx}$ as an expression in $x$.",
        lambda x: (3 * x + 1) ** 3,
        "x",
        ("x",),
        [(0,), (1,), (-0.5,), (2,)],
        closed_form="9*(3*x + 1)**2",
        solution=(
            r"Inner $u = 3x + 1$, outer $y = u^3$: $\frac{dy}{du} = 3u^2$, "
            r"$\frac{du}{dx} = 3$.",
            r"Multiply: $\frac{dy}{dx} = 3(3x + 1)^2 \cdot 3 = 9(3x + 1)^2$.",
        ),
    ),
)
