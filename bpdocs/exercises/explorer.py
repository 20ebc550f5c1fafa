"""Exercises of the chapter that explores a graph step by step (explorer.md)."""

from bpdocs.exercises import Option, choice, numeric
from bpdocs.explore import backward_steps
from bpdocs.parse import parse


def steps(text, values):
    """How many `+=` steps the backward pass of `text` at `values` takes."""
    return len(backward_steps(parse(text, values)))


def grad_of_first_leaf(text, values):
    """The gradient the first variable of `values` collects, by the backward pass."""
    root = parse(text, values)
    root.backward()
    leaves = [n for n in _nodes(root) if n.label == next(iter(values))]
    return leaves[0].grad


def _nodes(root):
    """Every node under `root`."""
    seen, stack = [], [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.append(node)
            stack.extend(node._prev)
    return seen


EXERCISES = (
    numeric(
        "explorer-1",
        r"The graph of `f = x*x + x`: how many `+=` steps does its backward pass "
        r"take, one per input slot of each gate?",
        steps("f = x*x + x", {"x": 3.0}),
        tol=0.5,
        by_hand=lambda: 2 + 2,
        solution=(
            r"The add gate has two inputs, $x \cdot x$ and $x$: two steps.",
            r"The multiply gate has two input slots, both $x$: two more steps, "
            r"each adding a share to the same node.",
        ),
    ),
    numeric(
        "explorer-2",
        r"`b = a + a; c = b * b` at $a = 1.5$. What gradient does $a$ collect?",
        grad_of_first_leaf("b = a + a; c = b * b", {"a": 1.5}),
        tol=5e-4,
        by_hand=lambda: 8 * 1.5,
        solution=(
            r"$b = 3$; the product hands each of its slots the other, $b$: "
            r"$\bar b = 3 + 3 = 6$.",
            r"The add gate hands $\bar b$ to each slot, both $a$: $6 + 6$, which "
            r"is $8a$.",
        ),
    ),
    choice(
        "explorer-3",
        r"In the graph of `u = tanh(x); L = x*u`, which nodes does $x$ feed?",
        (
            Option(
                r"Two: the tanh and the product, so it collects two shares.",
                r"$x$ is an input of `tanh` and of `*`, and each hands it a share.",
                right=True,
            ),
            Option(
                r"One: the product, since the tanh's output is $u$.",
                r"the tanh takes $x$ as its input too; its share reaches $x$ "
                r"through $u$.",
            ),
            Option(
                r"Three: the tanh, the product and $L$.",
                r"$L$ is the product's output; $x$ is not an input of any third "
                r"gate.",
            ),
        ),
        solution=(
            r"$x$ forks: $\frac{dL}{dx} = u + x(1 - u^2)$, one term per use, as in "
            r"the first bug of the [gallery](broken-backward-passes.md).",
        ),
    ),
)
