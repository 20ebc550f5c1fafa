"""Exercises of the chapter on the chain rule for many variables (multivariable.md)."""

import math

from bpdocs.exercises import Option, choice, engine_gradient, expression, numeric

EXERCISES = (
    numeric(
        "multivariable-1",
        r"Let $f(x, y) = x y^2 + \sin x$. What is $\frac{\partial f}{\partial y}$ at "
        r"$(x, y) = (0.5, 2)$?",
        engine_gradient(lambda x, y: x * y**2 + x.sin(), 0.5, 2.0)[1],
        tol=5e-4,
        by_hand=lambda: 2 * 0.5 * 2,
        solution=(
            r"Hold $x$ fixed: $\sin x$ is a constant, and $x y^2$ has derivative "
            r"$2xy$ in $y$.",
            r"At $(0.5, 2)$: $2 \cdot 0.5 \cdot 2$.",
        ),
    ),
    numeric(
        "multivariable-2",
        r"Let $f = x^2 + y^2$ with $x = t^2$ and $y = \sin t$, as on this page. What "
        r"is $\frac{df}{dt}$ at $t = 1.2$?",
        engine_gradient(lambda t: (t**2) ** 2 + t.sin() ** 2, 1.2)[0],
        tol=5e-4,
        by_hand=lambda: 4 * 1.2**3 + 2 * math.sin(1.2) * math.cos(1.2),
        solution=(
            r"$\frac{\partial f}{\partial x} = 2x$, $\frac{dx}{dt} = 2t$; "
            r"$\frac{\partial f}{\partial y} = 2y$, $\frac{dy}{dt} = \cos t$.",
            r"Sum the two paths: $\frac{df}{dt} = 2t^2 \cdot 2t + 2\sin t\cos t = "
            r"4t^3 + 2\sin t\cos t$.",
            r"At $t = 1.2$.",
        ),
    ),
    numeric(
        "multivariable-3",
        r"Let $f(x, y) = x\,y$ with $x = e^t$ and $y = t^3$. What is "
        r"$\frac{df}{dt}$ at $t = 0.5$?",
        engine_gradient(lambda t: t.exp() * t**3, 0.5)[0],
        tol=5e-4,
        by_hand=lambda: math.exp(0.5) * 0.5**3 + math.exp(0.5) * 3 * 0.5**2,
        solution=(
            r"$\frac{\partial f}{\partial x} = y$, $\frac{dx}{dt} = e^t$; "
            r"$\frac{\partial f}{\partial y} = x$, $\frac{dy}{dt} = 3t^2$.",
            r"$\frac{df}{dt} = t^3 e^t + e^t\, 3t^2 = e^t(t^3 + 3t^2)$, at "
            r"$t = 0.5$.",
        ),
    ),
    choice(
        "multivariable-4",
        r"In $\frac{df}{dt} = \frac{\partial f}{\partial x}\frac{dx}{dt} + "
        r"\frac{\partial f}{\partial y}\frac{dy}{dt}$, why are the two products "
        r"added?",
        (
            Option(
                r"Because $t$ changes $f$ along two paths, through $x$ and through "
                r"$y$, and for a small step the two changes add up.",
                r"to first order, $\Delta f \approx \frac{\partial f}{\partial x}"
                r"\Delta x + \frac{\partial f}{\partial y}\Delta y$, and each "
                r"$\Delta$ is a derivative times $\Delta t$.",
                right=True,
            ),
            Option(
                r"Because $f = x^2 + y^2$ is a sum.",
                r"the rule adds the paths for any $f$; for $f = xy$ the two "
                r"products are added as well.",
            ),
            Option(
                r"They should be multiplied, as in the one-variable chain rule.",
                r"multiplying is for the links along one path; separate paths "
                r"add.",
            ),
        ),
        solution=(
            r"A small step $\Delta t$ moves $x$ by about $\frac{dx}{dt}\Delta t$ "
            r"and $y$ by about $\frac{dy}{dt}\Delta t$.",
            r"Each move changes $f$ by its partial derivative times the move, and "
            r"the two changes add: divide by $\Delta t$.",
        ),
    ),
    expression(
        "multivariable-5",
        r"One linear unit and a squared error: $L = (wx + b - y)^2$. Type "
        r"$\frac{\partial L}{\partial b}$ as an expression in $w$, $x$, $b$ and $y$.",
        lambda w, x, b, y: (w * x + b - y) ** 2,
        "b",
        ("w", "x", "b", "y"),
        [(0.5, 2, 0.1, 1), (-1, 0.5, 2, 0), (2, -1, 0, 3), (1.5, 3, -2, -1)],
        closed_form="2*(w*x + b - y)",
        solution=(
            r"Inner $r = wx + b - y$, outer $L = r^2$: $\frac{\partial L}{\partial r} "
            r"= 2r$.",
            r"Holding $w$, $x$ and $y$ fixed, $\frac{\partial r}{\partial b} = 1$.",
            r"So $\frac{\partial L}{\partial b} = 2(wx + b - y) \cdot 1$.",
        ),
    ),
)
