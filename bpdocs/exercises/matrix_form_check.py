"""Exercises of the chapter on what "multiply" means (matrix-form-check.md)."""

import numpy as np

from bpdocs.examples.matrix_form import contract, full_jacobian, jacobian_cost
from bpdocs.exercises import Option, choice, numeric

X = np.array([[1.0, -1.0], [2.0, 0.5], [0.0, 3.0]])  # 3 rows, 2 features
W = np.array([[0.5, -0.2], [0.1, 0.4]])
G = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, 1.0]])  # dL/dY


def contracted():
    r"""$\partial L/\partial W$: $G$ contracted with the full Jacobian of $XW$."""
    return contract(G, full_jacobian(lambda A: X @ A, W))


EXERCISES = (
    numeric(
        "matrix-form-check-1",
        r"A batch of $m = 64$ rows, $n = 100$ inputs and $k = 10$ outputs: how "
        r"many entries has the full Jacobian $\partial Z / \partial W$ of "
        r"$Z = XW + b$?",
        jacobian_cost(64, 100, 10).jacobian,
        tol=0.5,
        by_hand=lambda: (64 * 10) * (100 * 10),
        solution=(
            r"One entry per pair of an output entry of $Z$ ($m \times k$) and a "
            r"weight ($n \times k$).",
            r"$(64 \cdot 10)(100 \cdot 10)$, most of them zero.",
        ),
    ),
    numeric(
        "matrix-form-check-2",
        r"$X = \begin{pmatrix}1 & -1\\ 2 & 0.5\\ 0 & 3\end{pmatrix}$ and "
        r"$\frac{\partial L}{\partial Y} = \begin{pmatrix}1 & 0\\ 0 & 2\\ -1 & 1"
        r"\end{pmatrix}$ for $Y = XW$. What is $\frac{\partial L}{\partial W_{21}}$?",
        round(float(contracted()[1, 0]), 8),  # central differences: 8 digits
        tol=5e-4,
        by_hand=lambda: float((X.T @ G)[1, 0]),
        solution=(
            r"$\frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial Y}$"
            r"; entry $(2, 1)$ pairs column 2 of $X$ with column 1 of "
            r"$\frac{\partial L}{\partial Y}$.",
            r"$(-1)(1) + (0.5)(0) + (3)(-1)$.",
        ),
    ),
    choice(
        "matrix-form-check-3",
        r"Why does backpropagation never build the Jacobian $\partial Z/\partial W$?",
        (
            Option(
                r"Contracting $\frac{\partial L}{\partial Z}$ with it gives "
                r"$X^\top \frac{\partial L}{\partial Z}$, which reads only $X$ and "
                r"$\frac{\partial L}{\partial Z}$.",
                r"the Jacobian's entries are copies of $X$'s and zeros, so the "
                r"product says the same in far fewer numbers.",
                right=True,
            ),
            Option(
                r"Because the Jacobian is not defined for matrices.",
                r"it is defined, entry by entry: the full Jacobian is an array "
                r"with four axes.",
            ),
            Option(
                r"Because it would give a different gradient.",
                r"it gives the same gradient; it only costs more.",
            ),
        ),
        solution=(
            r"$\frac{\partial Z_{rj}}{\partial W_{il}} = X_{ri}$ when $j = l$, and "
            r"0 otherwise.",
            r"Summing $\frac{\partial L}{\partial Z_{rj}}$ against it leaves "
            r"$\sum_r X_{ri}\frac{\partial L}{\partial Z_{rl}}$: the product "
            r"$X^\top \frac{\partial L}{\partial Z}$.",
        ),
    ),
)
