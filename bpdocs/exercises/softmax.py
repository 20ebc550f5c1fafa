"""Exercises of the chapter on softmax and cross-entropy (softmax.md)."""

import math

import numpy as np

from bpdocs.exercises import Option, choice, engine_gradient, expression, numeric
from bpdocs.layers import SoftmaxCrossEntropyLoss, softmax

Z = np.array([[2.0, 1.0, 0.0]])
Y = np.array([[0.0, 1.0, 0.0]])


def logit_gradient():
    r"""$\partial L/\partial z$ of the softmax cross-entropy of `Z` against `Y`."""
    loss = SoftmaxCrossEntropyLoss()
    loss.forward(Z, Y)
    return loss.backward()


def softmax_of(z):
    """The softmax of a list of floats, by hand."""
    e = [math.exp(v) for v in z]
    return [v / sum(e) for v in e]


EXERCISES = (
    numeric(
        "softmax-1",
        r"What is the softmax probability of the first class for the logits "
        r"$z = (2, 1, 0)$?",
        softmax(Z)[0, 0],
        tol=5e-4,
        by_hand=lambda: softmax_of([2, 1, 0])[0],
        solution=(r"$p_1 = \frac{e^2}{e^2 + e^1 + e^0}$.",),
    ),
    numeric(
        "softmax-2",
        r"The logits $z = (2, 1, 0)$, the true class is the second. What is "
        r"$\frac{\partial L}{\partial z_2}$ of the cross-entropy "
        r"$L = -\log p_2$?",
        logit_gradient()[0, 1],
        tol=5e-4,
        by_hand=lambda: softmax_of([2, 1, 0])[1] - 1,
        solution=(
            r"The softmax and the log cancel to "
            r"$\frac{\partial L}{\partial z} = p - y$.",
            r"For the true class $y_2 = 1$: $p_2 - 1 = \frac{e}{e^2 + e + 1} - 1$.",
        ),
    ),
    numeric(
        "softmax-3",
        r"The softmax's Jacobian has entries "
        r"$\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)$. For "
        r"$z = (2, 1, 0)$, what is $\frac{\partial p_1}{\partial z_1}$?",
        engine_gradient(
            lambda a, b, c: a.exp() / (a.exp() + b.exp() + c.exp()), 2.0, 1.0, 0.0
        )[0],
        tol=5e-4,
        by_hand=lambda: softmax_of([2, 1, 0])[0] * (1 - softmax_of([2, 1, 0])[0]),
        solution=(
            r"On the diagonal, $\delta_{11} = 1$: "
            r"$\frac{\partial p_1}{\partial z_1} = p_1(1 - p_1)$.",
            r"With $p_1 = \frac{e^2}{e^2 + e + 1}$ from the first exercise.",
        ),
    ),
    choice(
        "softmax-4",
        r"Why does a stable log-softmax subtract $\max_j z_j$ from every logit?",
        (
            Option(
                r"It leaves the softmax unchanged and keeps $e^{z}$ from overflowing.",
                r"the factor $e^{-\max z}$ cancels between numerator and "
                r"denominator, and the largest exponent becomes $e^0 = 1$.",
                right=True,
            ),
            Option(
                r"It makes the probabilities sum to 1.",
                r"they sum to 1 with or without the shift.",
            ),
            Option(
                r"It changes the gradient to make training faster.",
                r"the loss, and so its gradient, is the same function of $z$ "
                r"after the shift.",
            ),
        ),
        solution=(
            r"$\frac{e^{z_i - c}}{\sum_j e^{z_j - c}} = \frac{e^{z_i}}{\sum_j "
            r"e^{z_j}}$ for any $c$; $c = \max_j z_j$ keeps every exponent "
            r"at most 0.",
        ),
    ),
    expression(
        "softmax-5",
        r"Two logits, the true class the first: the cross-entropy is "
        r"$L = \log(e^{z_1} + e^{z_2}) - z_1$. Type $\frac{\partial L}{\partial z_1}$ "
        r"as an expression in `z1` and `z2`.",
        lambda z1, z2: (z1.exp() + z2.exp()).log() - z1,
        "z1",
        ("z1", "z2"),
        [(2, 1), (0, 0), (-1, 0.5), (3, -2)],
        closed_form="exp(z1)/(exp(z1) + exp(z2)) - 1",
        solution=(
            r"The log's chain rule: $\frac{\partial}{\partial z_1}\log(e^{z_1} + "
            r"e^{z_2}) = \frac{e^{z_1}}{e^{z_1} + e^{z_2}} = p_1$.",
            r"The second term gives $-1$: $\frac{\partial L}{\partial z_1} = p_1 - 1$,"
            r" the softmax minus the one-hot target.",
        ),
    ),
)
