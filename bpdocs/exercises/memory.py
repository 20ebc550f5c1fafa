"""Exercises of the chapter on what backprop costs in memory (memory.md)."""

from bpdocs.checkpoint import sqrt_schedule
from bpdocs.examples.memory import measure
from bpdocs.exercises import Option, choice, numeric

EXERCISES = (
    numeric(
        "memory-1",
        r"Plain backprop through $n = 4$ layers (2 blocks of `Linear` and `Tanh`) "
        r"of width $w = 4$, for a batch of $B = 3$: how many floats are held for "
        r"the backward pass?",
        measure(blocks=2, width=4, batch=3).counts.peak_floats,
        tol=0.5,
        by_hand=lambda: 3 * 4 * (4 + 1),
        solution=(
            r"The input and each layer's output are kept once: $n + 1 = 5$ arrays.",
            r"Each has $B \cdot w = 12$ floats: $B\,w\,(n + 1)$.",
        ),
    ),
    numeric(
        "memory-2",
        r"Checkpointing every $k$-th layer of $n = 64$ holds about $n/k + k$ "
        r"layers' worth. Which $k$ does the square-root schedule choose?",
        sqrt_schedule(64),
        tol=0.5,
        by_hand=lambda: 64**0.5,
        solution=(
            r"$\frac{d}{dk}(n/k + k) = -n/k^2 + 1 = 0$ at $k = \sqrt n$.",
            r"$\sqrt{64} = 8$.",
        ),
    ),
    choice(
        "memory-3",
        r"What does checkpointing trade for its smaller memory?",
        (
            Option(
                r"Extra forward computation: each segment's forward pass runs "
                r"again during the backward pass.",
                r"the activations not kept are recomputed from the nearest "
                r"checkpoint when the backward pass needs them.",
                right=True,
            ),
            Option(
                r"Exactness: the gradients become approximate.",
                r"the recomputed activations are the same numbers, so the "
                r"gradients are bit-for-bit those of plain backprop.",
            ),
            Option(
                r"A second backward pass.",
                r"there is one backward pass; what runs twice is the forward pass "
                r"of each segment.",
            ),
        ),
        solution=(
            r"Keep every $k$-th layer's input; in the backward pass, recompute one "
            r"segment at a time from its checkpoint, then go back through it.",
        ),
    ),
)
