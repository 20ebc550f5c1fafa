"""Exercises of the chapter on gradient checking in practice."""

import numpy as np

from bpdocs.examples.gradcheck_practice import best_step, catch_chance
from bpdocs.exercises import Option, choice, numeric

EXERCISES = (
    numeric(
        "gradient-checking-practice-1",
        r"A spot check draws $k = 20$ of a parameter's $100$ entries. If exactly "
        r"one entry has a wrong gradient, what is the chance the check includes it?",
        catch_chance(1, 100, 20),
        tol=5e-4,
        by_hand=lambda: 20 / 100,
        solution=(
            r"Each of the 100 entries is equally likely to be among the 20 drawn.",
            r"So the chance is $\frac{20}{100}$.",
        ),
    ),
    numeric(
        "gradient-checking-practice-2",
        r"In float32, whose machine epsilon is $\epsilon = 2^{-23}$, what is the "
        r"best relative step $h^* = (\epsilon/2)^{1/3}$?",
        best_step(np.float32),
        tol=5e-6,
        by_hand=lambda: (2.0**-23 / 2) ** (1 / 3),
        solution=(r"$(2^{-24})^{1/3} = 2^{-8}$.",),
    ),
    choice(
        "gradient-checking-practice-3",
        r"A gradient check of a ReLU network fails at one entry only, where a "
        r"unit's input is $10^{-8}$. What is the likeliest cause?",
        (
            Option(
                r"A kink: the step $h$ crosses $0$, where ReLU's derivative jumps.",
                r"the central difference then averages the two slopes, 0 and 1, "
                r"while the backward pass uses one.",
                right=True,
            ),
            Option(
                r"A wrong backward pass everywhere.",
                r"a wrong backward pass would fail at many entries, not at the one "
                r"near a kink.",
            ),
            Option(
                r"The float64 rounding error.",
                r"rounding gives errors of about $10^{-9}$, not a failed check.",
            ),
        ),
        solution=(
            r"$|10^{-8}| < h$: the two nudged points lie on either side of the "
            r"kink, so the difference sees a slope of about $\frac{1}{2}$.",
        ),
    ),
)
