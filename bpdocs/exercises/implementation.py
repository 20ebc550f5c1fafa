"""Exercises of the chapter on the two-layer network in NumPy (implementation.md)."""

import numpy as np

from bpdocs.exercises import Option, choice, numeric
from bpdocs.network import SimpleNeuralNetwork


def parameter_count(inputs, hidden, outputs):
    """The number of weights and biases of a `SimpleNeuralNetwork` of these sizes."""
    state = np.random.get_state()  # the network draws from NumPy's global generator
    net = SimpleNeuralNetwork(inputs, hidden, outputs)
    np.random.set_state(state)
    return sum(p.size for p in (net.W1, net.b1, net.W2, net.b2))


def sigmoid_derivative_at_output(a):
    """`sigmoid_derivative` of the network, fed the sigmoid's output `a`."""
    return float(SimpleNeuralNetwork.sigmoid_derivative(None, np.float64(a)))


EXERCISES = (
    numeric(
        "implementation-1",
        r"How many weights and biases has `SimpleNeuralNetwork(2, 4, 1)`?",
        parameter_count(2, 4, 1),
        tol=0.5,
        by_hand=lambda: 2 * 4 + 4 + 4 * 1 + 1,
        solution=(
            r"`W1` is $2 \times 4$ and `b1` has 4 entries; `W2` is $4 \times 1$ "
            r"and `b2` has 1.",
        ),
    ),
    numeric(
        "implementation-2",
        r"`sigmoid_derivative(x)` expects `x` to be the sigmoid's output. What "
        r"does it return for `x = 0.8`?",
        sigmoid_derivative_at_output(0.8),
        tol=5e-4,
        by_hand=lambda: 0.8 * (1 - 0.8),
        solution=(r"$\sigma' = \sigma(1 - \sigma)$, so $0.8 \cdot 0.2$.",),
    ),
    choice(
        "implementation-3",
        r"In `backward`, why is `dW2` divided by `m`?",
        (
            Option(
                r"The loss it differentiates is a mean over the $m$ rows.",
                r"the gradient of a mean is the mean of the rows' gradients.",
                right=True,
            ),
            Option(
                r"To keep the learning rate from being too small.",
                r"dividing makes the step smaller, not larger; it is there because "
                r"of the loss, not the rate.",
            ),
            Option(
                r"Because `a1.T @ dz2` counts each weight $m$ times by mistake.",
                r"`a1.T @ dz2` sums the rows' gradients, rightly; the $\frac{1}{m}$ "
                r"makes it a mean.",
            ),
        ),
        solution=(
            r"$L = \frac{1}{m}\sum_r L_r$, so $\frac{\partial L}{\partial W_2} = "
            r"\frac{1}{m}\sum_r \frac{\partial L_r}{\partial W_2} = "
            r"\frac{1}{m} a_1^\top dz_2$.",
        ),
    ),
)
