"""Exercises of the chapter from scalars to tensors, and on to PyTorch (pytorch.md)."""

from bpdocs.autodiff import Value
from bpdocs.examples.bugs import backward_no_reset
from bpdocs.examples.pytorch import small_network
from bpdocs.exercises import Option, choice, numeric


def parameters(hidden):
    """The number of weights and biases of `small_network(hidden)`."""
    net, _, _ = small_network(hidden=hidden)
    return sum(p.size for _, p, _ in net.params())


def accumulated_over_first():
    """`.grad` after two passes that add into the leaves, over the first pass's."""
    w = Value(0.7)
    loss = w * 3.0  # a leaf and its loss: no interior node to reset
    backward_no_reset(loss)
    first = w.grad
    backward_no_reset(loss)  # adds, as PyTorch's backward does into a leaf's .grad
    return w.grad / first


EXERCISES = (
    numeric(
        "pytorch-1",
        r"The network `Linear(2, 3)`, `Tanh()`, `Linear(3, 1)`: how many weights "
        r"and biases has it?",
        parameters(3),
        tol=0.5,
        by_hand=lambda: 2 * 3 + 3 + 3 * 1 + 1,
        solution=(
            r"$2 \cdot 3 + 3$ in the first layer, $3 \cdot 1 + 1$ in the "
            r"second.",
        ),
    ),
    numeric(
        "pytorch-2",
        r"PyTorch adds each backward pass's gradient into `.grad`. Called twice "
        r"on the same loss without zeroing, `.grad` is how many times the first "
        r"gradient?",
        accumulated_over_first(),
        tol=5e-4,
        by_hand=lambda: 2,
        solution=(
            r"Each pass adds $\nabla L$ into `.grad`, so two passes leave "
            r"$2\nabla L$: why a training loop calls `zero_grad()`.",
        ),
    ),
    choice(
        "pytorch-3",
        r"Which bpdocs call does what PyTorch's `loss.backward()` followed by "
        r"reading `W.grad` does?",
        (
            Option(
                r"`net.backward(loss.backward())`, then the layer's `dW`",
                r"the loss's backward starts the pass; each layer stores its "
                r"parameters' gradients, as `.grad` does.",
                right=True,
            ),
            Option(
                r"`net.forward(X)`",
                r"the forward pass computes the outputs only.",
            ),
            Option(
                r"`net.step(lr)`",
                r"that is the update, what `optimizer.step()` does.",
            ),
        ),
        solution=(
            r"bpdocs' layers set `dW` on each backward pass (they do not add), "
            r"and `step` applies the update.",
        ),
    ),
)
