"""Exercises of the gallery of broken backward passes (docs/broken-backward-passes.md).

One "what is wrong?" per bug of `bpdocs.examples.bugs`, asked before the check.
"""

import numpy as np

from bpdocs.examples import bugs
from bpdocs.exercises import Option, choice, numeric


def ratio(broken, fixed, x):
    """The one number by which `broken(x)` differs from `fixed(x)`, entry by entry."""
    r = np.asarray(broken(x)) / np.asarray(fixed(x))
    if not np.allclose(r, r.flat[0]):
        raise ValueError(f"the two gradients differ by more than a factor: {r}")
    return float(r.flat[0])


EXERCISES = (
    choice(
        "bugs-fork",
        r"What is wrong with `fork_grad_broken`?",
        (
            Option(
                r"The last line replaces the product's share of `dx` with the "
                r"tanh path's share.",
                r"$x_i$ reaches $L$ along two paths, and its gradient is the sum of "
                r"both paths' shares; `=` keeps only the last.",
                right=True,
            ),
            Option(
                r"`1 - u**2` should be `1 - x**2`.",
                r"the derivative of $\tanh$ is $1 - \tanh^2$, taken at the tanh's "
                r"output $u$: `1 - u**2` is right.",
            ),
            Option(
                r"`du = x * 1.0` should be `du = u * 1.0`.",
                r"the product $x\,u$ hands $u$ the other factor, $x$.",
            ),
        ),
        solution=(
            r"$L = \sum_i x_i u_i$ with $u_i = \tanh x_i$: $x_i$ is used twice.",
            r"$\frac{\partial L}{\partial x_i} = u_i + x_i(1 - u_i^2)$, the sum of "
            r"the two paths.",
        ),
    ),
    choice(
        "bugs-reset",
        r"`twice(backward_no_reset)` zeroes the parameters' grads before each "
        r"backward pass. Why is its gradient still wrong?",
        (
            Option(
                r"The interior nodes still hold the first pass's grads, and the "
                r"second pass adds to them.",
                r"each `_backward` adds its share with `+=`; an interior node that "
                r"starts at its old grad hands its inputs twice their share.",
                right=True,
            ),
            Option(
                r"The topological order is built twice.",
                r"building the order again gives the same order, and changes no grad.",
            ),
            Option(
                r"Zeroing the leaves' grads throws the gradient away.",
                r"the leaves are zeroed before the pass that sets them; zeroing "
                r"them is right, and not enough.",
            ),
        ),
        solution=(
            r"Each `_backward` adds its share to its inputs' grads with `+=`.",
            r"In the second pass, each interior node starts from the grad the first "
            r"pass left there, so it hands its inputs more than their share, and the "
            r"excess grows along the graph.",
            r"The fix sets every node's grad to 0 before the pass, as "
            r"`Value.backward` does.",
        ),
    ),
    choice(
        "bugs-transpose",
        r"`linear_grad_broken` returns an array of the right shape. What is wrong?",
        (
            Option(
                r"It returns $(\partial L/\partial W)^\top$: `dY.T @ X` is the "
                r"transpose of `X.T @ dY`.",
                r"entry $(i, j)$ must pair input feature $i$ with output $j$; only "
                r"because $W$ is square does the transpose fit.",
                right=True,
            ),
            Option(
                r"It should be `X @ dY.T`.",
                r"that is a (batch × batch) array, one entry per pair of rows.",
            ),
            Option(
                r"It misses a factor 1/2.",
                r"the $\frac{1}{2}$ of the loss cancels the 2 of the square.",
            ),
        ),
        solution=(
            r"$L = \frac{1}{2}\lVert XW - T\rVert^2$, so "
            r"$\frac{\partial L}{\partial W_{ij}} = \sum_r X_{ri}\,(XW - T)_{rj}$.",
            r"That is $X^\top (XW - T)$; `dY.T @ X` is its transpose.",
        ),
    ),
    numeric(
        "bugs-mean",
        r"The loss is a mean over the $m = 4$ rows of `X`. By what factor is "
        r"`mean_grad_broken` too large?",
        ratio(bugs.mean_grad_broken, bugs.mean_grad_fixed, bugs.W0),
        tol=1e-6,
        by_hand=lambda: bugs.X.shape[0],
        solution=(
            r"$L = \frac{1}{2m}\lVert XW - T\rVert^2$ gives "
            r"$\frac{\partial L}{\partial W} = \frac{1}{m}X^\top(XW - T)$.",
            r"The broken version leaves out $\frac{1}{m}$, so it is $m$ times too "
            r"large.",
        ),
    ),
    choice(
        "bugs-loss",
        r"`sigmoid_mse_grad_broken` returns $a - t$ for "
        r"$L = \frac{1}{2}(\sigma(z) - t)^2$. What is wrong?",
        (
            Option(
                r"$a - t$ is the gradient of the binary cross-entropy; the squared "
                r"error's has the sigmoid's derivative $a(1 - a)$ as a factor.",
                r"the chain rule through $a = \sigma(z)$ multiplies $a - t$ by "
                r"$\sigma'(z) = a(1 - a)$.",
                right=True,
            ),
            Option(
                r"It should be $t - a$.",
                r"the sign is right: the loss grows as $a$ moves past $t$.",
            ),
            Option(
                r"Nothing: $a - t$ is the gradient of any loss at a sigmoid output.",
                r"it is the gradient of one loss only, the cross-entropy, whose "
                r"$\frac{1}{a(1-a)}$ cancels the sigmoid's derivative.",
            ),
        ),
        solution=(
            r"$\frac{\partial L}{\partial a} = a - t$ and "
            r"$\frac{\partial a}{\partial z} = a(1 - a)$.",
            r"So $\frac{\partial L}{\partial z} = (a - t)\,a(1 - a)$.",
        ),
    ),
    choice(
        "bugs-sign",
        r"What is wrong with `cos_grad_broken`?",
        (
            Option(
                r"The derivative of $\cos x$ is $-\sin x$, not $\sin x$.",
                r"the product rule's first term must be $-\sin(x)\,x$.",
                right=True,
            ),
            Option(
                r"The term $\cos x$ should not be there.",
                r"it is the product rule's second term, $\cos x \cdot 1$.",
            ),
            Option(
                r"It should be $\sin(x)\cos(x)$.",
                r"the product rule adds two terms; it does not multiply the "
                r"derivatives.",
            ),
        ),
        solution=(r"By the product rule, $\frac{d}{dx}(x\cos x) = \cos x - x\sin x$.",),
    ),
    choice(
        "bugs-local",
        r"What is wrong with `tanh_layer_grad_broken`?",
        (
            Option(
                r"`dZ = dA` leaves out the tanh's local derivative $1 - A^2$.",
                r"$A = \tanh Z$, so $\frac{\partial L}{\partial Z} = "
                r"\frac{\partial L}{\partial A}\odot(1 - A^2)$.",
                right=True,
            ),
            Option(
                r"`X.T @ dZ` should be `dZ @ X.T`.",
                r"that product does not fit the shapes; $X^\top\,dZ$ is the linear "
                r"layer's rule.",
            ),
            Option(
                r"`dA` should be `T - A`.",
                r"the loss grows when $A$ moves past $T$, so its gradient is $A - T$.",
            ),
        ),
        solution=(
            r"Three steps back: $\bar A = A - T$, $\bar Z = \bar A \odot (1 - A^2)$, "
            r"$\bar W = X^\top \bar Z$.",
        ),
    ),
    choice(
        "bugs-broadcast",
        r"`bias_grad_broken` returns `dY`. What is wrong?",
        (
            Option(
                r"`b` was added to every row, so its gradient is the sum of `dY` "
                r"over the rows.",
                r"a broadcast copies $b$ to each of the 4 rows; the copy's backward "
                r"pass adds the 4 rows' gradients.",
                right=True,
            ),
            Option(
                r"It should be the mean of `dY` over the rows.",
                r"the loss sums over the rows, so the gradient does too; the mean "
                r"would be 4 times too small.",
            ),
            Option(
                r"Nothing: the update `b - lr * dY` works.",
                r"it runs, and silently turns `b` into a (4, 3) array.",
            ),
        ),
        solution=(
            r"$L = \frac{1}{2}\sum_{r,j}(XW_0 + b - T)_{rj}^2$, and $b_j$ appears "
            r"in every row $r$.",
            r"So $\frac{\partial L}{\partial b_j} = \sum_r (XW_0 + b - T)_{rj}$: "
            r"`dY.sum(axis=0)`.",
        ),
    ),
)
