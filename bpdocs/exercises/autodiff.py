"""Exercises of the chapter on computational graphs and the engine (autodiff.md)."""

from bpdocs.exercises import Option, choice, engine_gradient, expression, numeric

EXERCISES = (
    numeric(
        "autodiff-1",
        r"A multiply gate $c = ab$ with $a = 3$, $b = -2$ receives "
        r"$\bar c = 1.5$. What is $\bar a$?",
        engine_gradient(lambda a, b: 1.5 * (a * b), 3.0, -2.0)[0],
        tol=5e-4,
        by_hand=lambda: -2 * 1.5,
        solution=(
            r"A multiply gate swaps: $a$ gets $b\,\bar c$.",
            r"$\bar a = -2 \cdot 1.5$.",
        ),
    ),
    numeric(
        "autodiff-2",
        r"Fan-out: $y = x \cdot x + x$. What is $\frac{dy}{dx}$ at $x = 3$, the "
        r"sum that $x$ collects from its three uses?",
        engine_gradient(lambda x: x * x + x, 3.0)[0],
        tol=5e-4,
        by_hand=lambda: 3 + 3 + 1,
        solution=(
            r"The product hands each of its two inputs the other: $x$ gets $3$ "
            r"twice.",
            r"The add gate hands $x$ its $\bar y = 1$.",
            r"Fan-out adds: $3 + 3 + 1$, which is $2x + 1$ at $x = 3$.",
        ),
    ),
    choice(
        "autodiff-3",
        r"A max gate $c = \max(a, b)$ has $a = 2$, $b = 5$ and receives "
        r"$\bar c = 4$. What does $a$ get?",
        (
            Option(
                r"$0$",
                r"$c$ does not change when $a$ moves a little, since $b$ is the "
                r"larger: the gate routes all of $\bar c$ to $b$.",
                right=True,
            ),
            Option(r"$4$", r"that is what $b$ gets, the input that won."),
            Option(
                r"$2$",
                r"a max gate does not split its gradient; it routes it to the "
                r"larger input.",
            ),
        ),
        solution=(
            r"Near $(2, 5)$, $\max(a, b) = b$: $\frac{\partial c}{\partial a} = 0$ "
            r"and $\frac{\partial c}{\partial b} = 1$.",
            r"So $\bar a = 0$ and $\bar b = \bar c = 4$.",
        ),
    ),
    numeric(
        "autodiff-4",
        r"Let $y = (a + b)\,b$ with $a = 1$, $b = 2$. Follow the gates back: what "
        r"is $\bar b$?",
        engine_gradient(lambda a, b: (a + b) * b, 1.0, 2.0)[1],
        tol=5e-4,
        by_hand=lambda: 2 + (1 + 2),
        solution=(
            r"Name $s = a + b = 3$; $y = s\,b$.",
            r"The multiply gate gives $\bar s = b = 2$ and $b$ its first share "
            r"$s = 3$.",
            r"The add gate hands $\bar s = 2$ on to $b$: $b$ collects "
            r"$3 + 2$, which is $a + 2b$.",
        ),
    ),
    expression(
        "autodiff-5",
        r"Fan-out again: $y = x\,e^x + x$. Type $\frac{dy}{dx}$, the sum of what "
        r"$x$ collects from each of its uses, as an expression in $x$.",
        lambda x: x * x.exp() + x,
        "x",
        ("x",),
        [(0,), (1,), (-1.5,), (0.5,)],
        closed_form="exp(x) + x*exp(x) + 1",
        solution=(
            r"$x$ is used three times: as a factor of the product, inside "
            r"$e^x$, and in the sum.",
            r"Their shares: $e^x$ (the product's other factor), "
            r"$x \cdot e^x$ (through the exp gate), and $1$ (the sum).",
            r"Added: $\frac{dy}{dx} = e^x + x e^x + 1$.",
        ),
    ),
)
