"""Exercises of the chapter on why the chain rule matters (why-it-matters.md)."""

from bpdocs.examples.descent import descend, gradients, loss
from bpdocs.exercises import Option, choice, numeric

EXERCISES = (
    numeric(
        "why-it-matters-1",
        r"$L(w, b) = (wx + b - y)^2$ with $x = 2$, $y = 3$. What is "
        r"$\frac{\partial L}{\partial w}$ at $w = b = 0$?",
        gradients(0.0, 0.0, 2.0, 3.0)[0],
        tol=5e-4,
        by_hand=lambda: 2 * (0 * 2 + 0 - 3) * 2,
        solution=(
            r"The residual is $r = 0 + 0 - 3 = -3$.",
            r"$\frac{\partial L}{\partial w} = 2r\,x = 2(-3)(2)$.",
        ),
    ),
    numeric(
        "why-it-matters-2",
        r"From $w = b = 0$, one gradient-descent step with $\eta = 0.05$ on the "
        r"same $L$: what is the loss after it?",
        descend(0.0, 0.0, 2.0, 3.0, 0.05, 1)[-1][2],
        tol=5e-4,
        by_hand=lambda: loss(0.05 * 12, 0.05 * 6, 2.0, 3.0),
        solution=(
            r"The gradient at $(0, 0)$ is $(2r x, 2r) = (-12, -6)$.",
            r"The step: $w = 0 + 0.05 \cdot 12 = 0.6$, $b = 0 + 0.05\cdot 6 = 0.3$.",
            r"The loss: $(0.6\cdot 2 + 0.3 - 3)^2 = (-1.5)^2$.",
        ),
    ),
    choice(
        "why-it-matters-3",
        r"Why does a step along $-\nabla L$ lower the loss, for a small enough "
        r"learning rate?",
        (
            Option(
                r"To first order the change is $\nabla L \cdot \Delta = "
                r"-\eta \lVert \nabla L\rVert^2$, which is negative.",
                r"the gradient is the direction of steepest ascent, so its "
                r"opposite descends, as long as the linear term dominates.",
                right=True,
            ),
            Option(
                r"Because the loss is a square, so it is always convex.",
                r"the argument needs no convexity; it holds for any smooth loss "
                r"and a small step.",
            ),
            Option(
                r"For any learning rate, however large.",
                r"a large step can overshoot the valley and raise the loss.",
            ),
        ),
        solution=(
            r"$L(\theta - \eta \nabla L) \approx L(\theta) - \eta \lVert\nabla L"
            r"\rVert^2$ for small $\eta$.",
        ),
    ),
)
