"""Exercises of the chapter on gradient checking (gradient-checking.md)."""

from bpdocs.exercises import Option, choice, numeric
from bpdocs.gradcheck import central_difference, relative_error

EXERCISES = (
    numeric(
        "gradient-checking-1",
        r"The central difference $\frac{f(x + h) - f(x - h)}{2h}$ of "
        r"$f(x) = x^3$ at $x = 2$ with the large step $h = 0.1$: what is it?",
        central_difference(lambda x: x**3, 2.0, h=0.1),
        tol=5e-4,
        by_hand=lambda: 3 * 2**2 + 0.1**2,
        solution=(
            r"$(x + h)^3 - (x - h)^3 = 6x^2 h + 2h^3$.",
            r"Divided by $2h$: $3x^2 + h^2 = 12 + 0.01$. The error $h^2$ is the "
            r"central difference's $O(h^2)$.",
        ),
    ),
    numeric(
        "gradient-checking-2",
        r"An analytic gradient entry of $2.0$ and a numerical one of $2.1$: what "
        r"is their relative error $\frac{|a - n|}{\max(|a|, |n|, 0.01)}$?",
        float(relative_error(2.0, 2.1)),
        tol=5e-5,
        by_hand=lambda: 0.1 / 2.1,
        solution=(r"$\frac{|2.0 - 2.1|}{2.1}$.",),
    ),
    choice(
        "gradient-checking-3",
        r"Why the central difference rather than $\frac{f(x + h) - f(x)}{h}$?",
        (
            Option(
                r"Its error shrinks like $h^2$, the one-sided difference's like $h$.",
                r"the $f''$ terms of the two sides cancel in the central "
                r"difference.",
                right=True,
            ),
            Option(
                r"It takes fewer evaluations of $f$.",
                r"it takes two per entry, as the one-sided one does (with $f(x)$ "
                r"shared).",
            ),
            Option(
                r"It has no rounding error.",
                r"it has rounding error like any difference of nearby values; "
                r"its truncation error is smaller.",
            ),
        ),
        solution=(
            r"By Taylor, $f(x \pm h) = f \pm h f' + \frac{h^2}{2} f'' \pm "
            r"\frac{h^3}{6} f''' + \dots$; the difference of the two has no "
            r"$h^2$ term.",
        ),
    ),
)
