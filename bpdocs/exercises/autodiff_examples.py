"""Exercises of the chapter on the worked examples by the engine (autodiff-examples)."""

from bpdocs.exercises import Option, choice, engine_gradient, numeric

W, B, X, Y = 0.5, 0.1, 2.0, 3.0


def loss(w, b):
    """$L(w, b) = (wx + b - y)^2$ at the exercise's $x$ and $y$."""
    return (w * X + b - Y) ** 2


EXERCISES = (
    numeric(
        "autodiff-examples-1",
        r"$L(w, b) = (wx + b - y)^2$ with $x = 2$, $y = 3$. What is "
        r"$\frac{\partial L}{\partial w}$ at $w = 0.5$, $b = 0.1$?",
        engine_gradient(loss, W, B)[0],
        tol=5e-4,
        by_hand=lambda: 2 * (W * X + B - Y) * X,
        solution=(
            r"The residual $r = wx + b - y = 1 + 0.1 - 3 = -1.9$.",
            r"$\frac{\partial L}{\partial w} = 2r \cdot x = 2(-1.9)\cdot 2$.",
        ),
    ),
    numeric(
        "autodiff-examples-2",
        r"For the same $L$ and point, what is $\frac{\partial L}{\partial b}$?",
        engine_gradient(loss, W, B)[1],
        tol=5e-4,
        by_hand=lambda: 2 * (W * X + B - Y),
        solution=(r"$\frac{\partial L}{\partial b} = 2r \cdot 1 = 2(-1.9)$.",),
    ),
    numeric(
        "autodiff-examples-3",
        r"$f(u) = u^2$ with $u = 3x + 1$. What is $\frac{df}{dx}$ at $x = -0.5$?",
        engine_gradient(lambda x: (3 * x + 1) ** 2, -0.5)[0],
        tol=5e-4,
        by_hand=lambda: 6 * (3 * -0.5 + 1),
        solution=(
            r"$\frac{df}{dx} = 2u \cdot 3 = 6(3x + 1)$.",
            r"At $x = -0.5$: $u = -0.5$, so $6 \cdot (-0.5)$.",
        ),
    ),
    choice(
        "autodiff-examples-4",
        r"How many calls of `backward()` give both $\frac{\partial L}{\partial w}$ "
        r"and $\frac{\partial L}{\partial b}$ of the engine's graph of $L$?",
        (
            Option(
                r"One",
                r"one backward pass from $L$ sets the `.grad` of every node it "
                r"depends on, $w$ and $b$ among them.",
                right=True,
            ),
            Option(
                r"Two, one per parameter",
                r"one per parameter is what nudging each parameter would take; "
                r"the backward pass serves all of them at once.",
            ),
            Option(
                r"Three: one per parameter, and one for the loss",
                r"$L$'s own grad is set to 1 at the start of the one pass.",
            ),
        ),
        solution=(
            r"`L.backward()` visits the graph once, from $L$ back to the leaves, "
            r"and each leaf's `.grad` is then $\partial L / \partial$ that leaf.",
        ),
    ),
)
