"""Tests for bpdocs.examples.descent: the gradient of (wx + b - y)^2, and descent."""

import math

import numpy as np
import pytest

from bpdocs.autodiff import Value
from bpdocs.examples.descent import (
    contraction,
    descend,
    gradients,
    loss,
    residual,
    step,
    valley_point,
)
from bpdocs.gradcheck import GradcheckError, gradcheck

POINTS = [  # (w, b, x, y)
    (0.5, -1.0, 2.0, 3.0),
    (0.0, 0.0, 2.0, 3.0),
    (-1.3, 0.7, -0.4, 2.2),
    (2.0, 1.0, 0.0, -1.0),  # x = 0: dL/dw must be 0
    (1.2, 0.6, 2.0, 3.0),  # on the valley line: both derivatives 0
]


def as_arrays(x, y):
    """L and its chain-rule gradient as functions of theta = (w, b), for gradcheck."""
    return (lambda t: loss(t[0], t[1], x, y)), (
        lambda t: np.array(gradients(t[0], t[1], x, y))
    )


@pytest.mark.parametrize("w, b, x, y", POINTS)
def test_closed_forms(w, b, x, y):
    dw, db = gradients(w, b, x, y)
    assert dw == pytest.approx(2 * (w * x + b - y) * x, abs=1e-15)
    assert db == pytest.approx(2 * (w * x + b - y), abs=1e-15)


@pytest.mark.parametrize("w, b, x, y", POINTS)
def test_gradients_match_central_differences(w, b, x, y):
    L, grad = as_arrays(x, y)
    assert gradcheck(L, grad, np.array([w, b]), rtol=1e-7) <= 1e-7


def test_gradients_match_central_differences_at_random_points():
    rng = np.random.default_rng(7)
    for w, b, x, y in rng.uniform(-3, 3, size=(50, 4)):
        L, grad = as_arrays(x, y)
        gradcheck(L, grad, np.array([w, b]), rtol=1e-6)


@pytest.mark.parametrize("w, b, x, y", POINTS)
def test_gradients_match_autodiff(w, b, x, y):
    vw, vb = Value(w), Value(b)
    out = (vw * x + vb - y) ** 2
    out.backward()
    assert out.data == pytest.approx(loss(w, b, x, y))
    dw, db = gradients(w, b, x, y)
    assert vw.grad == pytest.approx(dw, abs=1e-12)
    assert vb.grad == pytest.approx(db, abs=1e-12)


def test_the_page_example_values():
    # the page's check at (w, b) = (0.5, -1) with x = 2, y = 3: r = -3
    assert gradients(0.5, -1.0, 2.0, 3.0) == (-12.0, -6.0)


def test_forgetting_the_inner_derivative_is_caught_at_w():
    x, y = 2.0, 3.0
    L, _ = as_arrays(x, y)

    def buggy(t):
        r = residual(t[0], t[1], x, y)
        return np.array([2 * r, 2 * r])

    with pytest.raises(
        GradcheckError, match=r"index \(0,\): analytic -6, numerical -12, "
    ):
        gradcheck(L, buggy, np.array([0.5, -1.0]))


def test_loss_works_elementwise_on_grids():
    W, B = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(0, 2, 3))
    L = loss(W, B, 2.0, 3.0)
    assert L.shape == (3, 5)
    assert L[1, 2] == loss(W[1, 2], B[1, 2], 2.0, 3.0)


def test_step_is_the_update_rule():
    w, b, x, y, lr = 0.5, -1.0, 2.0, 3.0, 0.05
    dw, db = gradients(w, b, x, y)
    assert step(w, b, x, y, lr) == (w - lr * dw, b - lr * db)


def test_descend_records_start_and_every_step():
    path = descend(0.0, 0.0, 2.0, 3.0, 0.05, 6)
    assert len(path) == 7
    assert path[0] == (0.0, 0.0, 9.0)
    w, b = 0.0, 0.0
    for k in range(1, 7):
        w, b = step(w, b, 2.0, 3.0, 0.05)
        assert path[k] == (w, b, loss(w, b, 2.0, 3.0))
    assert descend(1.0, 2.0, 2.0, 3.0, 0.05, 0) == [
        (1.0, 2.0, loss(1.0, 2.0, 2.0, 3.0))
    ]


@pytest.mark.parametrize(
    "x, lr", [(2.0, 0.05), (2.0, 0.02), (-0.5, 0.3), (3.0, 0.01), (2.0, 0.25)]
)
def test_each_step_multiplies_the_residual_by_the_contraction(x, lr):
    y = 1.7
    path = descend(0.3, -0.2, x, y, lr, 8)
    c = contraction(x, lr)
    assert c == pytest.approx(1 - 2 * lr * (x**2 + 1))
    for (w0, b0, L0), (w1, b1, L1) in zip(path, path[1:], strict=False):
        assert residual(w1, b1, x, y) == pytest.approx(
            c * residual(w0, b0, x, y), rel=1e-9, abs=1e-12
        )
        assert L1 == pytest.approx(c**2 * L0, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("w, b, x, y", POINTS)
def test_valley_point_is_the_nearest_point_of_the_line(w, b, x, y):
    wv, bv = valley_point(w, b, x, y)
    assert wv * x + bv == pytest.approx(y, abs=1e-12)  # on the line wx + b = y
    # the move (wv - w, bv - b) is along the normal (x, 1): perpendicular to the line
    assert (wv - w) * 1 - (bv - b) * x == pytest.approx(0.0, abs=1e-12)
    # nearest: no other point of the line is closer
    for s in np.linspace(-2, 2, 9):
        other = (wv + s, bv - s * x)
        assert math.dist((w, b), (wv, bv)) <= math.dist((w, b), other) + 1e-12


def test_descent_runs_straight_to_the_valley_point():
    x, y, w0, b0 = 2.0, 3.0, 0.0, 0.0
    path = np.array(descend(w0, b0, x, y, 0.05, 60))
    wv, bv = valley_point(w0, b0, x, y)
    assert (wv, bv) == pytest.approx((1.2, 0.6))
    assert path[-1, :2] == pytest.approx([wv, bv], abs=1e-12)
    # every point of the path is on the straight line from the start along (x, 1)
    np.testing.assert_allclose(
        (path[:, 0] - w0) * 1 - (path[:, 1] - b0) * x, 0.0, atol=1e-12
    )


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"lr": 0.0}, ValueError, "learning rate must be positive, got lr=0.0"),
        ({"lr": -0.1}, ValueError, "lr=-0.1"),
        ({"lr": float("nan")}, ValueError, "lr must be finite, got nan"),
        ({"steps": -1}, ValueError, "steps must be a non-negative integer, got -1"),
        ({"steps": 2.5}, ValueError, "got 2.5"),
        ({"steps": True}, ValueError, "got True"),
        ({"w": float("inf")}, ValueError, "w must be finite, got inf"),
        ({"x": "2"}, TypeError, "x must be a real number, got str: '2'"),
        (
            {"y": np.array([1.0, 2.0])},
            TypeError,
            "y must be a real number, got ndarray",
        ),
    ],
)
def test_descend_rejects_bad_input(kwargs, error, match):
    args = {"w": 0.0, "b": 0.0, "x": 2.0, "y": 3.0, "lr": 0.05, "steps": 3, **kwargs}
    with pytest.raises(error, match=match):
        descend(**args)
