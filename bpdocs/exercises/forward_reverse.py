"""Exercises of the chapter on forward mode and reverse mode (forward-reverse.md)."""

from bpdocs.exercises import Option, choice, numeric
from bpdocs.forward import derivative, directional_derivative, hvp
from bpdocs.modes import jacobian_cost

EXERCISES = (
    numeric(
        "forward-reverse-1",
        r"Push the dual number $3 + 1\varepsilon$ through $f(x) = x^2 + 2x$. What "
        r"is the tangent (the $\varepsilon$ part) of the result?",
        derivative(lambda x: x**2 + 2 * x, 3.0),
        tol=5e-4,
        by_hand=lambda: 2 * 3 + 2,
        solution=(
            r"$(3 + \varepsilon)^2 = 9 + 6\varepsilon$ (as $\varepsilon^2 = 0$), "
            r"and $2(3 + \varepsilon) = 6 + 2\varepsilon$.",
            r"The sum is $15 + 8\varepsilon$: the tangent is $f'(3) = 2\cdot 3 + 2$.",
        ),
    ),
    numeric(
        "forward-reverse-2",
        r"$f(x, y) = x^2 y$. One forward pass seeded with the direction "
        r"$v = (1, -1)$ at $(x, y) = (2, 3)$: what is $\nabla f \cdot v$?",
        directional_derivative(lambda x, y: x**2 * y, [2.0, 3.0], [1.0, -1.0]),
        tol=5e-4,
        by_hand=lambda: 2 * 2 * 3 * 1 + 2**2 * -1,
        solution=(
            r"$\nabla f = (2xy, x^2) = (12, 4)$ at $(2, 3)$.",
            r"$\nabla f \cdot v = 12 \cdot 1 + 4 \cdot (-1)$.",
        ),
    ),
    numeric(
        "forward-reverse-3",
        r"The full Jacobian of a network from $n = 6$ inputs to $m = 2$ outputs: "
        r"how many forward-mode passes does it take?",
        jacobian_cost(6, 2, hidden=4)["forward"][0],
        tol=0.5,
        by_hand=lambda: 6,
        solution=(
            r"A forward pass pushes one input direction through: it gives one "
            r"column $J e_i$ of the $m \times n$ Jacobian.",
            r"There are $n$ columns, so $n$ passes; reverse mode would take $m$.",
        ),
    ),
    choice(
        "forward-reverse-4",
        r"A loss maps a million parameters to one number. Which mode gives its "
        r"whole gradient in the fewest passes?",
        (
            Option(
                r"Reverse mode: one pass",
                r"one reverse pass gives $u^\top J$ for $u = 1$, which for one "
                r"output is the whole gradient.",
                right=True,
            ),
            Option(
                r"Forward mode: one pass",
                r"one forward pass gives one directional derivative, $J v$; the "
                r"gradient needs a million of them.",
            ),
            Option(
                r"Either: they cost the same",
                r"they cost the same only when inputs and outputs are as many; here "
                r"forward mode takes a million passes, reverse mode one.",
            ),
        ),
        solution=(
            r"The Jacobian is $1 \times 10^6$: one row, a million columns.",
            r"Forward mode builds it a column per pass, reverse mode a row per "
            r"pass.",
        ),
    ),
    numeric(
        "forward-reverse-5",
        r"Forward over reverse: for $L(w) = w_1^2 w_2$, the Hessian-vector "
        r"product $Hv$ at $w = (1, 2)$ with $v = (1, 0)$. What is its first "
        r"entry?",
        hvp(lambda w: [2 * w[0] * w[1], w[0] * w[0]], [1.0, 2.0], [1.0, 0.0])[0],
        tol=5e-4,
        by_hand=lambda: 2 * 2,
        solution=(
            r"The gradient is $(2 w_1 w_2,\ w_1^2)$.",
            r"$H = \begin{pmatrix} 2w_2 & 2w_1 \\ 2w_1 & 0\end{pmatrix}$, so "
            r"$Hv$ is its first column, $(2w_2, 2w_1) = (4, 2)$.",
        ),
    ),
)
