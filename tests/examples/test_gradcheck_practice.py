"""bpdocs/examples/gradcheck_practice.py: the error curve, its model, the traps."""

from __future__ import annotations

import numpy as np
import pytest

from bpdocs.examples.gradcheck_practice import (
    POINTS,
    STEPS,
    best_step,
    catch_chance,
    dropout_gradient,
    dropout_loss,
    error_bound,
    reciprocal,
    reciprocal_prime,
    small_net,
    step_errors,
    wide_net,
)
from bpdocs.gradcheck import GradcheckError, gradcheck, relative_error


def test_the_reciprocal_keeps_its_precision_and_its_derivative_is_exact():
    x = np.array([1.0, 1.5], dtype=np.float32)
    assert reciprocal(x).dtype == np.float32
    np.testing.assert_array_equal(reciprocal_prime(x), [-1.0, -1 / 2.25])
    assert reciprocal_prime(x).dtype == np.float64
    assert POINTS.min() == 1 and POINTS.max() < 2 and len(POINTS) == 200
    assert len(STEPS) == 89 and STEPS[0] == 1e-12 and STEPS[-1] == pytest.approx(0.1)


def test_the_truncation_arm_is_exactly_h_squared_in_the_sites_measure():
    steps = np.array([1e-3, 1e-2, 1e-1])  # where rounding is negligible in float64
    np.testing.assert_allclose(step_errors("float64", steps), steps**2, rtol=1e-6)


def test_float32_errors_come_from_float32_arithmetic():
    steps = np.array([1e-6, 1e-4])
    e32, e64 = step_errors("float32", steps), step_errors("float64", steps)
    assert np.all(e32 > 1000 * e64)
    # rounding the float64 answer to float32 would be far more accurate than this
    x = POINTS
    h = 1e-4 * x
    cast = ((1 / (x + h) - 1 / (x - h)) / (2 * h)).astype(np.float32)
    rounded = np.median(relative_error(reciprocal_prime(x), cast))
    assert rounded < e32[1] / 100


def test_the_bound_is_smallest_at_the_best_step_and_above_the_measured_errors():
    for dtype in ("float64", "float32"):
        h = best_step(dtype)
        eps = np.finfo(dtype).eps
        assert h == pytest.approx((eps / 2) ** (1 / 3))
        assert error_bound(h, dtype) == pytest.approx(3 * (eps / 2) ** (2 / 3))
        assert error_bound(h, dtype) < min(
            error_bound(h * 1.01, dtype), error_bound(h / 1.01, dtype)
        )
        useful = STEPS > 10 * eps  # below that the step is lost: the error is 1
        assert np.all(step_errors(dtype)[useful] <= error_bound(STEPS[useful], dtype))


def test_small_net_gives_backprop_gradients_in_its_precision():
    for dtype in (np.float64, np.float32):
        loss, params, grads = small_net(dtype)
        assert set(params) == {"0.W", "0.b", "2.W", "2.b"}
        assert all(
            p.dtype == dtype and grads[n].dtype == dtype for n, p in params.items()
        )
    loss, params, grads = small_net()
    for name, p in params.items():
        assert gradcheck(loss, lambda _, n=name: grads[n], p) < 1e-8


def test_wide_net_gives_the_first_layers_weight_gradient():
    loss, W, dW = wide_net()
    assert W.shape == dW.shape == (64, 32)
    rng = np.random.default_rng(0)
    for _ in range(5):  # a few entries against central differences
        i = tuple(int(v) for v in rng.integers(0, (64, 32)))
        old = W[i]
        W[i] = old + 1e-6
        up = loss()
        W[i] = old - 1e-6
        down = loss()
        W[i] = old
        assert (up - down) / 2e-6 == pytest.approx(dW[i], rel=1e-6, abs=1e-9)


def test_catch_chance_against_counting_and_the_product_formula():
    assert catch_chance(1, 4, 4) == 1.0 and catch_chance(0, 10, 3) == 0.0
    assert catch_chance(1, 4, 1) == pytest.approx(0.25)
    assert catch_chance(2, 5, 2) == pytest.approx(1 - (3 / 5) * (2 / 4))
    rng = np.random.default_rng(0)
    hits = np.mean([rng.choice(50, 5, replace=False).min() < 3 for _ in range(4000)])
    assert hits == pytest.approx(catch_chance(3, 50, 5), abs=0.03)


def test_dropout_passes_with_one_mask_and_fails_with_fresh_ones():
    rng = np.random.default_rng(0)
    X, T, w = rng.normal(size=(8, 3)), rng.normal(size=(8, 1)), rng.normal(size=(3, 1))
    error = gradcheck(
        lambda v: dropout_loss(v, X, T, np.random.default_rng(5)),
        lambda v: dropout_gradient(v, X, T, np.random.default_rng(5)),
        w,
    )
    assert error < 1e-8
    shared = np.random.default_rng(5)
    with pytest.raises(GradcheckError):
        gradcheck(
            lambda v: dropout_loss(v, X, T, shared),
            lambda v: dropout_gradient(v, X, T, shared),
            w,
        )
    with pytest.raises(TypeError, match="dropout_loss"):
        dropout_loss([1.0], X, T, rng)
