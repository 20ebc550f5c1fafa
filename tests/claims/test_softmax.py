"""The comparisons that docs/softmax.md makes, each checked by computing it.

Each test first asserts, with ``claim``, that the page still says it, then recomputes
the comparison, so it fails if the page drops the sentence or the outcome reverses.
"""

from __future__ import annotations

import numpy as np

from bpdocs.examples.softmax import three_clouds, train_classifier
from bpdocs.layers import (
    BCELoss,
    SoftmaxCrossEntropyLoss,
    log_softmax,
    sigmoid,
    softmax,
)
from tests.conftest import claim

PAGE = "softmax.md"
RNG = np.random.default_rng(7)
LOGITS = RNG.normal(scale=3, size=(200, 5))
TARGETS = np.eye(5)[RNG.integers(0, 5, 200)]


def test_the_largest_logit_gets_the_largest_probability():
    claim(PAGE, "the largest logit gets the largest probability")
    np.testing.assert_array_equal(softmax(LOGITS).argmax(axis=1), LOGITS.argmax(axis=1))
    order = np.argsort(LOGITS, axis=1)  # the order is kept, not only the largest
    assert (np.diff(np.take_along_axis(softmax(LOGITS), order, axis=1)) > 0).all()


def test_raising_one_logit_takes_probability_from_all_the_others():
    claim(PAGE, "raising one logit takes probability from all the others")
    for z in LOGITS[:20]:
        p = softmax(z)
        J = np.diag(p) - np.outer(p, p)
        assert (J[~np.eye(5, dtype=bool)] < 0).all()
        assert (np.diag(J) > 0).all()


def test_for_two_classes_it_is_the_binary_cross_entropy():
    claim(PAGE, "For $k = 2$ it is the binary cross-entropy of the earlier pages.")
    z = RNG.normal(scale=3, size=(50, 1))
    t = RNG.integers(0, 2, (50, 1)).astype(float)
    two = SoftmaxCrossEntropyLoss().forward(
        np.hstack([z, 0 * z]), np.hstack([t, 1 - t])
    )
    # p_1 = e^z / (e^z + e^0) = sigma(z)
    np.testing.assert_allclose(softmax(np.hstack([z, 0 * z]))[:, :1], sigmoid(z))
    np.testing.assert_allclose(two, BCELoss().forward(sigmoid(z), t), rtol=1e-12)


def test_delta_lies_between_minus_one_and_one_largest_where_most_wrong():
    claim(
        PAGE,
        "Every entry of $\\delta$ lies between $-1$ and $1$, and it is largest in size "
        "where the network is most wrong.",
    )
    delta = softmax(LOGITS) - TARGETS
    assert (np.abs(delta) < 1).all()
    # the smaller the probability of the true class, the larger the gradient's size
    p_true = (softmax(LOGITS) * TARGETS).sum(axis=1)
    size = np.linalg.norm(delta, axis=1)
    order = np.argsort(p_true)
    assert size[order[0]] > size[order[-1]]
    assert np.corrcoef(p_true, size)[0, 1] < -0.9
    # on the true class's logit the size is exactly 1 - p_c: it grows as p_c falls
    np.testing.assert_allclose(-(delta * TARGETS).sum(axis=1), 1 - p_true)


def test_e_to_the_1000_is_beyond_the_largest_double():
    claim(PAGE, "$e^{1000}$ is beyond the largest double")
    assert 1000 > np.log(np.finfo(float).max)
    with np.errstate(over="ignore"):
        assert np.exp(1000.0) == np.inf


def test_the_shifted_exponentials_are_at_most_one_and_sum_between_1_and_k():
    claim(
        PAGE,
        "every shifted exponential is at most 1, and the largest one is exactly "
        "$e^0 = 1$. Their sum therefore lies between 1 and $k$",
    )
    Z = np.vstack([LOGITS * 400, np.full((1, 5), -1000.0), [[1000, -1000, 0, 3, 5]]])
    shifted = np.exp(Z - Z.max(axis=1, keepdims=True))
    assert (shifted <= 1).all()
    assert (shifted.max(axis=1) == 1).all()
    total = shifted.sum(axis=1)
    assert ((total >= 1) & (total <= 5)).all()


def test_the_naive_formula_overflows_and_the_shifted_one_agrees_for_both():
    claim(PAGE, "The naive formula overflows to `nan` in the first case")
    claim(PAGE, "The shifted one gives the same answer for both")
    a, b = np.array([1000.0, -1000.0, 0.0]), np.array([-1000.0, -3000.0, -2000.0])
    with np.errstate(all="ignore"):
        assert np.isnan(np.exp(a) / np.exp(a).sum()).any()
        assert np.isnan(np.exp(b) / np.exp(b).sum()).all()
    np.testing.assert_array_equal(log_softmax(a), log_softmax(b))
    np.testing.assert_array_equal(log_softmax(a), [0.0, -2000.0, -1000.0])


def test_the_loss_is_finite_for_any_finite_logits():
    claim(PAGE, "so the loss is finite for any finite logits")
    big = np.finfo(float).max / 4
    Z = np.array([[big, -big, 0.0], [-big, big, 1.0], [-1e300, -1e300, -1e300]])
    Y = np.eye(3)
    loss = SoftmaxCrossEntropyLoss()
    assert np.isfinite(loss.forward(Z, Y))
    assert np.isfinite(loss.backward()).all()


def test_the_wrong_row_gets_the_largest_possible_push():
    claim(PAGE, "the wrong row gets the largest possible push, and the right one none")
    loss = SoftmaxCrossEntropyLoss()
    loss.forward(np.array([[1000.0, -1000.0], [-1000.0, 1000.0]]), np.eye(2)[[1, 1]])
    grad = loss.backward()
    # each entry of (P - Y) / m is at most 1 / m in size: row 0 reaches it
    np.testing.assert_array_equal(np.abs(grad[0]), [0.5, 0.5])
    np.testing.assert_array_equal(grad[1], [0.0, 0.0])


def test_the_loss_falls_and_the_accuracy_rises():
    claim(PAGE, "The loss falls from 0.8131 to 0.1076")
    claim(PAGE, "the accuracy rises from 56.7% to 96.7%: 116 of the 120")
    run = train_classifier()
    assert f"{run.losses[0]:.4f}" == "0.8131" and f"{run.losses[-1]:.4f}" == "0.1076"
    assert run.losses[-1] < run.losses[0] < np.log(3)
    assert (np.diff(run.losses) < 0).all()
    X, labels, _ = three_clouds()
    right = int((run.net.forward(X).argmax(axis=1) == labels).sum())
    assert len(X) == 120 and right == 116
    assert run.accuracies[0] < run.accuracies[-1] == right / 120
