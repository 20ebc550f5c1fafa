"""The comparisons on docs/why-it-matters.md, each computed with bpdocs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bpdocs.examples.depth import run_depth
from bpdocs.examples.descent import (
    contraction,
    descend,
    gradients,
    residual,
    step,
    valley_point,
)
from bpdocs.gradcheck import numerical_gradient
from bpdocs.layers import Linear, MSELoss, Sequential, Tanh
from tests.conftest import claim

PAGE = "why-it-matters.md"
X, Y = 2.0, 3.0  # the page's data point


class Counted(np.ndarray):
    """An array that tallies the arithmetic of the NumPy operations it takes part in."""

    madds = 0  # multiply-adds in matrix products
    elementwise = 0  # elements touched by every other operation

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [x.view(np.ndarray) if isinstance(x, Counted) else x for x in inputs]
        out = getattr(ufunc, method)(*plain, **kwargs)
        if ufunc is np.matmul and method == "__call__":
            a, b = plain
            Counted.madds += a.shape[0] * a.shape[1] * b.shape[1]
        else:
            Counted.elementwise += max(np.size(x) for x in plain)
        return out.view(Counted) if isinstance(out, np.ndarray) else out


def arithmetic(run):
    """(multiply-adds, elementwise operations) done by `run()`."""
    Counted.madds = Counted.elementwise = 0
    run()
    return Counted.madds, Counted.elementwise


@pytest.mark.parametrize("widths", [(3, 4, 1), (64, 64, 64, 10), (100, 300, 50)])
def test_the_backward_pass_costs_about_twice_the_forward_pass(widths):
    claim(
        PAGE,
        "A linear layer's forward pass is one matrix product; its backward pass is",
    )
    claim(
        PAGE,
        "two of the same size, one for the weights' gradient and one for the input's",
    )
    claim(
        PAGE, "the backward pass costs about twice the arithmetic of the forward pass"
    )
    layers = []
    for i, (n_in, n_out) in enumerate(zip(widths, widths[1:], strict=False)):
        linear = Linear(n_in, n_out, rng=i)
        linear.W = linear.W.view(Counted)
        layers += [linear, Tanh()]
    net = Sequential(*layers)
    X_ = np.random.default_rng(0).standard_normal((32, widths[0])).view(Counted)
    G = np.ones((32, widths[-1])).view(Counted)
    forward = arithmetic(lambda: net.forward(X_))
    backward = arithmetic(lambda: net.backward(G))
    assert backward[0] == 2 * forward[0]  # the matrix products: exactly twice
    assert 1.4 < sum(backward) / sum(forward) <= 2.0  # everything: about twice


@pytest.mark.parametrize("hidden", [2, 8, 32])
def test_nudging_costs_two_forward_passes_per_parameter(hidden):
    claim(PAGE, "costs two forward passes *per parameter*")
    claim(PAGE, "At two forward passes per parameter it is far too slow to train")
    rng = np.random.default_rng(0)
    X_, T = rng.standard_normal((8, 3)), rng.standard_normal((8, 1))
    net = Sequential(Linear(3, hidden, rng=1), Tanh(), Linear(hidden, 1, rng=2))
    mse = MSELoss()
    calls = 0

    def loss(_):
        nonlocal calls
        calls += 1
        return mse.forward(net.forward(X_), T)

    for _, p, _ in net.params():
        numerical_gradient(loss, p)
    n_params = sum(p.size for _, p, _ in net.params())
    assert calls == 2 * n_params
    # backpropagation: one forward and one backward pass, so 2 in all
    assert calls >= 10 * 2


def test_factors_below_one_vanish_and_above_one_explode():
    claim(PAGE, "If the factors are typically below one it vanishes, and if they are")
    claim(PAGE, "above one it explodes.")
    sigmoid, exploding = run_depth("sigmoid"), run_depth("relu", 1.5 * math.sqrt(2))
    assert sigmoid.per_layer_factor() < 1 and sigmoid.norms[0] < 1e-15
    assert exploding.per_layer_factor() > 1 and exploding.norms[0] > 1e3


def test_the_loss_falls_by_the_same_factor_at_every_step():
    claim(PAGE, "The loss falls by the same factor at every step.")
    losses = [L for _, _, L in descend(0.0, 0.0, X, Y, 0.05, 6)]
    ratios = np.array(losses[1:]) / np.array(losses[:-1])
    np.testing.assert_allclose(ratios, 0.25, rtol=1e-12)


@pytest.mark.parametrize("x, lr", [(2.0, 0.05), (-0.5, 0.3), (3.0, 0.01), (2.0, 0.25)])
def test_the_residual_changes_by_exactly_its_gradient_dotted_with_the_step(x, lr):
    claim(PAGE, "the residual $r = wx + b - y$ being *linear* in $(w, b)$")
    claim(PAGE, "with no higher-order remainder")
    claim(PAGE, "Each step multiplies $r$ by the constant $1 - 2\\eta(x^2+1)$")
    claim(PAGE, "so it multiplies $L = r^2$ by that constant's square")
    y = 1.7
    path = descend(0.3, -0.2, x, y, lr, 8)
    for (w0, b0, L0), (w1, b1, L1) in zip(path, path[1:], strict=False):
        r0, r1 = residual(w0, b0, x, y), residual(w1, b1, x, y)
        dw, db = gradients(w0, b0, x, y)
        assert (dw, db) == pytest.approx((2 * r0 * x, 2 * r0))  # -2 eta r (x, 1)
        first_order = (w1 - w0) * x + (b1 - b0) * 1  # (x, 1) dotted with the step
        assert r1 - r0 == pytest.approx(first_order, rel=1e-12, abs=1e-12)
        assert r1 == pytest.approx(contraction(x, lr) * r0, rel=1e-9, abs=1e-12)
        assert L1 == pytest.approx(contraction(x, lr) ** 2 * L0, rel=1e-9, abs=1e-12)


def test_descent_runs_straight_to_the_nearest_valley_point():
    claim(PAGE, "which is perpendicular to the valley")
    claim(PAGE, "gradient descent runs in a straight line")
    claim(PAGE, "stops at the valley point *nearest to where it started*")
    path = np.array(descend(0.0, 0.0, X, Y, 0.05, 60))
    moves = np.diff(path[:, :2], axis=0)
    valley = np.array([1.0, -X])  # the direction of the line wx + b = y
    np.testing.assert_allclose(moves @ valley, 0.0, atol=1e-12)  # perpendicular
    wv, bv = valley_point(0.0, 0.0, X, Y)
    assert path[-1, :2] == pytest.approx([wv, bv], abs=1e-12)
    for s in np.linspace(-2, 2, 9):  # no point of the valley is nearer the start
        assert math.hypot(wv, bv) <= math.hypot(wv + s, bv - s * X) + 1e-12


def test_a_different_start_gives_a_different_minimum():
    claim(PAGE, "a different start gives a different minimum")
    ends = [descend(w, b, X, Y, 0.05, 80)[-1] for w, b in [(0.0, 0.0), (2.0, 0.0)]]
    for _, _, L in ends:
        assert L < 1e-20
    assert ends[0][:2] != pytest.approx(ends[1][:2], abs=1e-3)


def test_the_learning_rate_decides_converge_land_bounce_or_blow_up():
    claim(PAGE, "If $|1 - 2\\eta(x^2+1)| < 1$, descent converges")
    claim(PAGE, "it lands in the valley in one step")
    claim(PAGE, "If the factor is $-1$, it bounces")
    claim(
        PAGE,
        "between two points forever, and beyond that every step makes things worse",
    )
    for lr in [0.02, 0.05, 0.1, 0.15, 0.19]:  # |factor| < 1
        assert abs(contraction(X, lr)) < 1
        assert descend(0.0, 0.0, X, Y, lr, 400)[-1][2] < 1e-12
    one_step = 1 / (2 * (X**2 + 1))
    assert contraction(X, one_step) == pytest.approx(0.0, abs=1e-15)
    assert descend(0.0, 0.0, X, Y, one_step, 1)[1][2] == pytest.approx(0.0, abs=1e-24)
    bounce = descend(0.0, 0.0, X, Y, 0.2, 10)  # factor -1
    assert contraction(X, 0.2) == pytest.approx(-1.0)
    assert [L for _, _, L in bounce] == pytest.approx([9.0] * 11)
    assert bounce[1][:2] != pytest.approx(bounce[0][:2])
    assert bounce[2][:2] == pytest.approx(bounce[0][:2])
    for lr in [0.21, 0.25, 0.3]:  # factor below -1
        losses = [L for _, _, L in descend(0.0, 0.0, X, Y, lr, 10)]
        assert all(b > a for a, b in zip(losses, losses[1:], strict=False))


def test_each_step_overshoots_by_more_than_the_one_before():
    claim(PAGE, "each step overshoots by more than the one before")
    w, b = 0.0, 0.0
    residuals = []
    for _ in range(10):
        w, b = step(w, b, X, Y, 0.25)
        residuals.append(residual(w, b, X, Y))
    signs = np.sign(residuals)
    assert np.all(signs[1:] == -signs[:-1])  # across the valley every time
    assert all(abs(s) > abs(r) for r, s in zip(residuals, residuals[1:], strict=False))
